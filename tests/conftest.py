"""Shared fixtures: settings without .env, a migrated SQLite database, and PostgreSQL when available.
The helpers they use live in tests/helpers (tests import them from there, never from here)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Settings
from bot.services.setup import Database, open_database
from tests.helpers.settings import drop_schema, make_settings, migrated_sqlite, pg_settings

SLOW_MODULE = "pytestmark = pytest.mark.slow"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The fast tier (`-m "not slow"`) does not even import the modules that are slow as a whole (their
    `pytestmark` says so): they import aiogram, whose models take seconds to build."""
    if (config.option.markexpr or "").replace(" ", "") != "notslow":
        return None
    if collection_path.suffix != ".py" or not collection_path.name.startswith("test_"):
        return None
    return SLOW_MODULE in collection_path.read_text(encoding="utf-8") or None


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(database_url=migrated_sqlite(tmp_path / "loaxa.db"))


# PostgreSQL runs in the full suite; the fast tier (-m "not slow") stays on SQLite (each PostgreSQL test
# migrates a fresh schema, ~0.5 s).
@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.slow])])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[tuple[Settings, Database]]:
    """A migrated database with the units of PROVINCE, on SQLite and on PostgreSQL."""
    schema = None
    if request.param == "sqlite":
        settings = make_settings(database_url=migrated_sqlite(tmp_path / "loaxa.db"))
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
