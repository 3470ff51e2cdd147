"""One delivery leader per deployment: the process that sends the outbox.

With several bot processes (webhook behind a load balancer), each would otherwise send at DELIVERY_RATE
and together go over Telegram's limit. The engines already elect one: on PostgreSQL a session-level
advisory lock, held on a connection of its own (released by the server when the process dies); on
SQLite an OS file lock beside the database file (released by the kernel). The others try again every
`retry` seconds, so when the leader dies another takes the outbox over; the rows the dead leader had
claimed wait for their lease (DELIVERY_LEASE) to run out, then go on.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.db.database import Database
from bot.db.engine import resolve_url

__all__ = ["ADVISORY_KEY", "Leadership"]

log = logging.getLogger(__name__)

ADVISORY_KEY = 0x4C4F4158  # "LOAX": the outbox's advisory lock


class Leadership:
    """Runs `lead()` while this process holds the delivery lock; stops it if the lock is lost."""

    def __init__(
        self, db: Database, lead: Callable[[], Coroutine[Any, Any, None]], *, retry: float = 1.0
    ) -> None:
        self.db = db
        self.lead = lead
        self.retry = retry
        self.leading = asyncio.Event()

    async def run(self) -> None:
        while True:
            try:
                async with self._hold() as held:
                    if held is not None:
                        await self._lead_while(held)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("delivery leadership: error; trying again")
            await asyncio.sleep(self.retry)

    async def _lead_while(self, still_held: Callable[[], Awaitable[bool]]) -> None:
        log.info("delivery: this process (pid %d) sends the outbox", os.getpid())
        self.leading.set()
        task = asyncio.create_task(self.lead(), name="delivery")
        try:
            while not task.done():
                await asyncio.wait([task], timeout=self.retry * 5)
                if not task.done() and not await still_held():
                    log.warning("delivery: lost the lock; stopping the outbox worker")
                    break
        finally:
            self.leading.clear()
            if not task.done():
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    @contextlib.asynccontextmanager
    async def _hold(self) -> Any:
        if self.db.sqlite:
            async with self._file_lock() as held:
                yield held
            return
        async with self.db.write_engine.connect() as conn:
            got = await conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY})
            await conn.commit()
            if not got:
                yield None
                return
            try:
                yield _still_connected(conn)
            finally:
                with contextlib.suppress(Exception):
                    await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
                    await conn.commit()

    @contextlib.asynccontextmanager
    async def _file_lock(self) -> Any:
        database = make_url(resolve_url(self.db.url)).database or ":memory:"
        if database == ":memory:":
            yield _always
            return
        path = Path(f"{database}.delivery.lock")
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield None
                return
            try:
                yield _always
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


async def _always() -> bool:
    return True


def _still_connected(conn: AsyncConnection) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        try:
            await conn.execute(text("SELECT 1"))
            await conn.commit()
        except Exception:
            return False
        return True

    return check
