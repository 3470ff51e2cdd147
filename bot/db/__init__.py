"""Database: models, engine, migrations and the repository (all SQL lives in `bot.db.repo`)."""
