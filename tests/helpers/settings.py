"""Settings for tests (never a .env), where the repository's data lies, and a fresh PostgreSQL schema when
the server at LOAXA_TEST_PG_URL answers (skipped with the reason when not, failed under
LOAXA_REQUIRE_SERVICES=1)."""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import sqlite3
import tempfile
import threading
import uuid
from pathlib import Path

import pytest

from bot.config import Settings

ROOT = Path(__file__).resolve().parent.parent.parent
# The five real directives and their expected parse (gold.json), carried by the repository: a plain clone
# passes the tests. The same documents are the demo's samples (data/samples).
SEEDS = ROOT / "tests" / "data" / "seeds"
SAMPLES = ROOT / "data" / "samples"
# The project's shared folder, when it sits beside the clone: tests may use more from it, never need it.
SHARED = ROOT.parent / "shared"
PG_URL = os.environ.get("LOAXA_TEST_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
REQUIRE_SERVICES = os.environ.get("LOAXA_REQUIRE_SERVICES") == "1"


def make_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {"load_samples": False, "admin_ids": []}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


_TEMPLATES: dict[str, Path] = {}
_TEMPLATE_LOCK = threading.Lock()


def _build_template(province: str) -> Path:
    from bot.services.setup import open_database

    folder = Path(tempfile.mkdtemp(prefix="loaxa-template-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / f"{province}.db"

    async def build() -> None:
        db = await open_database(make_settings(database_url=f"sqlite+aiosqlite:///{path}", province=province))
        await db.close()

    worker = threading.Thread(target=asyncio.run, args=(build(),))  # a loop of its own, whatever runs here
    worker.start()
    worker.join()
    with sqlite3.connect(path) as conn:  # everything in the main file, so that copying it is enough
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def migrated_sqlite(path: Path, province: str = "lang_son") -> str:
    """The URL of a SQLite database at `path` that is already migrated and holds the units of `province`:
    a copy of one built once per test process (migrating every test's database costs ~0.3 s each).
    `open_database` on it finds nothing to do."""
    with _TEMPLATE_LOCK:
        if province not in _TEMPLATES:
            _TEMPLATES[province] = _build_template(province)
    shutil.copyfile(_TEMPLATES[province], path)
    return f"sqlite+aiosqlite:///{path}"


async def pg_available() -> str | None:
    import asyncpg

    dsn = PG_URL.replace("postgresql+asyncpg://", "postgresql://")
    try:
        conn = await asyncpg.connect(dsn, timeout=3)
    except (OSError, asyncpg.PostgresError) as exc:
        return f"PostgreSQL not reachable at {PG_URL}: {exc}"
    await conn.close()
    return None


async def pg_settings(tmp_path: Path) -> tuple[Settings, str]:
    """Settings on a fresh PostgreSQL schema (dropped by the caller)."""
    reason = await pg_available()
    if reason:
        if REQUIRE_SERVICES:
            pytest.fail(f"LOAXA_REQUIRE_SERVICES=1 but {reason}")
        pytest.skip(reason)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    import asyncpg

    conn = await asyncpg.connect(PG_URL.replace("postgresql+asyncpg://", "postgresql://"))
    await conn.execute(f'CREATE SCHEMA "{schema}"')
    await conn.close()
    sep = "&" if "?" in PG_URL else "?"
    return make_settings(database_url=f"{PG_URL}{sep}search_path={schema}"), schema


async def drop_schema(schema: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(PG_URL.replace("postgresql+asyncpg://", "postgresql://"))
    await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    await conn.close()
