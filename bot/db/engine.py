"""Engines and session factories. SQLite gets WAL, foreign keys and a busy timeout; its writer connection
starts every transaction with BEGIN IMMEDIATE and its reader connections are query-only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import PoolResetState

from bot.config import PROJECT_ROOT

__all__ = ["BUSY_TIMEOUT_MS", "create_engine", "is_sqlite", "resolve_url", "session_factory"]

BUSY_TIMEOUT_MS = 10_000  # a safety net for another process's write (the CLI), not how writes are ordered


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def resolve_url(url: str) -> str:
    """Relative SQLite paths are taken from the project root, so the default works from anywhere."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        path = Path(parsed.database)
        if not path.is_absolute():
            path = PROJECT_ROOT / path
        path.parent.mkdir(parents=True, exist_ok=True)
        return parsed.set(database=str(path)).render_as_string(hide_password=False)
    return url


def _sqlite_pragmas(query_only: bool) -> Any:
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        if query_only:
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()
        if not query_only:
            # sqlite3 would open transactions itself, deferred; the writer opens its own (see _begin_immediate)
            dbapi_conn.isolation_level = None

    return on_connect


def _begin_immediate(conn: Any) -> None:
    # Take the write lock when the transaction starts, so that waiting for another process's write goes
    # through the busy timeout; a deferred transaction that later writes can fail at once instead.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_reset(dbapi_conn: Any, _record: Any, state: PoolResetState) -> None:
    # The pool's default reset rolls back every connection it gets back, even one whose transaction
    # the session has just committed: with aiosqlite that is one more thread round trip per update.
    # sqlite3 knows whether a transaction is open, so roll back only then.
    if state.asyncio_safe and not state.transaction_was_reset and dbapi_conn.driver_connection.in_transaction:
        dbapi_conn.rollback()


def create_engine(url: str, *, writer: bool = True, **kwargs: Any) -> AsyncEngine:
    """The async engine for DATABASE_URL (sqlite+aiosqlite or postgresql+asyncpg).

    On SQLite `writer=False` makes a query-only reader pool; `writer=True` one connection whose
    transactions begin IMMEDIATE. On PostgreSQL one pool does both.
    """
    url = resolve_url(url)
    if is_sqlite(url):
        kwargs.setdefault("pool_reset_on_return", None)
        if writer:
            kwargs.setdefault("pool_size", 1)
            kwargs.setdefault("max_overflow", 0)
        else:
            kwargs.setdefault("pool_size", 4)
            kwargs.setdefault("max_overflow", 4)
        kwargs.setdefault("pool_timeout", 60)
        kwargs.setdefault("hide_parameters", True)  # officers' names and ids stay out of error logs
        engine = create_async_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas(query_only=not writer))
        if writer:
            event.listen(engine.sync_engine, "begin", _begin_immediate)
        if kwargs["pool_reset_on_return"] is None:
            event.listen(engine.sync_engine, "reset", _sqlite_reset)
        return engine
    parsed = make_url(url)
    schema = parsed.query.get("search_path")
    if schema:
        # our own URL option: asyncpg takes the schema as a server setting, not in the DSN
        url = parsed.difference_update_query(["search_path"]).render_as_string(hide_password=False)
        kwargs.setdefault("connect_args", {}).setdefault("server_settings", {})["search_path"] = str(schema)
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    kwargs.setdefault("pool_timeout", 60)
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("hide_parameters", True)
    return create_async_engine(url, **kwargs)


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
