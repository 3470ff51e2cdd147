"""The database as the app uses it: short read sessions, and write transactions that SQLite serialises
in-process (one writer, in arrival order) instead of letting them collide on its file lock.

Nothing here may wait on the network: `in_transaction()` tells the Telegram session (bot/delivery/replies)
that a call is being made from inside a database context, which it refuses.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextvars import ContextVar

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.db.engine import create_engine, is_sqlite, session_factory

__all__ = ["Database", "NestedWrite", "in_transaction"]

_depth: ContextVar[int] = ContextVar("loaxa_db_depth", default=0)


def in_transaction() -> bool:
    """True inside `Database.read()` or `Database.write()` in this task."""
    return _depth.get() > 0


class NestedWrite(RuntimeError):
    """A write transaction opened inside another one in the same task (it would wait for itself)."""


class Database:
    """Sessions for DATABASE_URL. `read()` for queries, `write()` for a transaction committed at its end."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.sqlite = is_sqlite(url)
        self.write_engine: AsyncEngine = create_engine(url, writer=True)
        self.engine: AsyncEngine = create_engine(url, writer=False) if self.sqlite else self.write_engine
        self._read = session_factory(self.engine)
        self._write = session_factory(self.write_engine)
        self._lock = asyncio.Lock() if self.sqlite else None
        self._writing: ContextVar[bool] = ContextVar(f"loaxa_writing_{id(self)}", default=False)

    @property
    def dialect(self) -> str:
        return self.write_engine.dialect.name

    @property
    def read_sessions(self) -> async_sessionmaker[AsyncSession]:
        return self._read

    @contextlib.asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A session for queries (query-only on SQLite); nothing is committed."""
        token = _depth.set(_depth.get() + 1)
        try:
            async with self._read() as session:
                yield session
        finally:
            _depth.reset(token)

    @contextlib.asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        """A write transaction, committed when the block ends (rolled back on error). On SQLite the
        process's writes take turns, in order, before touching the file."""
        if self._writing.get():
            raise NestedWrite("a write transaction is already open in this task")
        token = _depth.set(_depth.get() + 1)
        writing = self._writing.set(True)
        try:
            async with self._lock or contextlib.nullcontext(), self._write.begin() as session:
                yield session
        finally:
            self._writing.reset(writing)
            _depth.reset(token)

    async def close(self) -> None:
        await self.write_engine.dispose()
        if self.engine is not self.write_engine:
            await self.engine.dispose()
