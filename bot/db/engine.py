"""Engine and session factory; SQLite gets WAL, foreign keys and a busy timeout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import PoolResetState

from bot.config import PROJECT_ROOT

__all__ = ["create_engine", "resolve_url", "session_factory"]


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


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_reset(dbapi_conn: Any, _record: Any, state: PoolResetState) -> None:
    # The pool's default reset rolls back every connection it gets back, even one whose transaction
    # the session has just committed: with aiosqlite that is one more thread round trip per update.
    # sqlite3 knows whether a transaction is open, so roll back only then.
    if state.asyncio_safe and not state.transaction_was_reset and dbapi_conn.driver_connection.in_transaction:
        dbapi_conn.rollback()


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """Create the async engine for DATABASE_URL (sqlite+aiosqlite or postgresql+asyncpg)."""
    url = resolve_url(url)
    if url.startswith("sqlite"):
        kwargs.setdefault("pool_reset_on_return", None)
        engine = create_async_engine(url, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
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
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(url, **kwargs)


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
