"""The SQLite engine: a connection goes back to the pool rolled back only when a transaction is open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import text

from bot.db.engine import create_engine


async def _rollbacks(engine: Any) -> list[int]:
    calls: list[int] = []
    async with engine.connect() as conn:
        driver = (await conn.get_raw_connection()).driver_connection
        original = driver.rollback

        async def counted() -> None:
            calls.append(1)
            await original()

        driver.rollback = counted
    return calls


async def test_an_open_transaction_is_rolled_back_when_the_connection_returns(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'e.db'}", pool_size=2, max_overflow=0)
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE t (x INTEGER)"))

    def write_and_abandon(sync_conn: Any) -> bool:
        # a raw pooled connection bypasses Connection/Session bookkeeping: only the pool's reset is left
        fairy = sync_conn.engine.raw_connection()
        cursor = fairy.cursor()
        cursor.execute("BEGIN IMMEDIATE")  # the writer connection opens its transactions itself
        cursor.execute("INSERT INTO t VALUES (1)")
        cursor.close()
        in_tx = bool(fairy.driver_connection.in_transaction)
        fairy.close()
        return in_tx

    async with engine.connect() as conn:
        assert await conn.run_sync(write_and_abandon) is True
    async with engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM t"))).scalar_one() == 0
        await conn.execute(text("INSERT INTO t VALUES (2)"))  # not locked by the abandoned transaction
        await conn.commit()
        assert (await conn.execute(text("SELECT count(*) FROM t"))).scalar_one() == 1
    await engine.dispose()


async def test_a_committed_connection_returns_without_another_rollback(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'e.db'}", pool_size=1, max_overflow=0)
    calls = await _rollbacks(engine)  # the single pooled connection now counts its rollbacks
    async with engine.connect() as conn:
        await conn.execute(text("CREATE TABLE t (x INTEGER)"))
        await conn.commit()
    assert calls == []
    async with engine.connect() as conn:
        await conn.execute(text("INSERT INTO t VALUES (1)"))
    assert calls == [1]  # left without commit: rolled back exactly once
    async with engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM t"))).scalar_one() == 0
    await engine.dispose()


async def test_migrations_match_the_models(any_db: tuple[Any, Any]) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from bot.db.models import Base

    _, db = any_db

    def diff(sync_conn: Any) -> list[Any]:
        ctx = MigrationContext.configure(sync_conn, opts={"compare_type": True})
        return compare_metadata(ctx, Base.metadata)

    async with db.engine.connect() as conn:
        changes = await conn.run_sync(diff)
    # full-text search lives outside the models: FTS5 tables on SQLite, a generated tsvector on PostgreSQL
    ours = [
        c
        for c in changes
        if not (c[0] == "remove_table" and c[1].name.startswith("search_"))
        and not (c[0] == "remove_index" and c[1].name.startswith("ix_search_docs_tsv"))
        and not (c[0] == "remove_column" and c[3].name == "tsv")
    ]
    assert ours == []
