"""Shared fixtures: settings without .env, a migrated SQLite database, and PostgreSQL when available.
The helpers they use live in tests/helpers (tests import them from there, never from here)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.services.setup import Database, open_database
from tests.helpers.settings import drop_schema, make_settings, pg_settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'loaxa.db'}")


@pytest.fixture(params=["sqlite", "postgres"])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[tuple[Settings, Database]]:
    """A migrated database with the units of PROVINCE, on SQLite and on PostgreSQL."""
    schema = None
    if request.param == "sqlite":
        settings = make_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'loaxa.db'}")
    else:
        settings, schema = await pg_settings(tmp_path)
    db = await open_database(settings)
    try:
        yield settings, db
    finally:
        await db.close()
        if schema:
            await drop_schema(schema)


@pytest.fixture
async def db(settings: Settings) -> AsyncIterator[Database]:
    database = await open_database(settings)
    try:
        yield database
    finally:
        await database.close()
