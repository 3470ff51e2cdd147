"""Settings for tests (never a .env), where the repository's data lies, and a fresh PostgreSQL schema when
the server at LOAXA_TEST_PG_URL answers (skipped with the reason when not, failed under
LOAXA_REQUIRE_SERVICES=1)."""

from __future__ import annotations

import os
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
