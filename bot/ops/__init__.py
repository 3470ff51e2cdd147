"""Operating the bot (issue 16, issue 10): backups, metrics, health, logs.

Submodules are imported where used: `bot.ops.backup` and `bot.ops.cli` import neither aiogram nor
prometheus-client, so `python -m bot backup/restore` stays cheap.

- `bot.ops.backup` — consistent backups (SQLite online backup API, `pg_dump -Fc`), restore, `BackupJob`.
- `bot.ops.cli` — `cmd_backup`, `cmd_restore` for the command line.
- `bot.ops.logs` — `configure_logging`, the token-redacting filter, `officer_ref`.
- `bot.ops.metrics` — `Metrics` (its own CollectorRegistry), `UpdateMetrics`, `SendMetrics`, `DatabaseProbe`.
- `bot.ops.health` — the `/healthz` answer.
- `bot.ops.server` — `Ops` (what a running bot adds: instrumentation, endpoints, daily backup), `start_ops`.
"""
