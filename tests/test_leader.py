"""One send rate for the whole deployment: one delivery leader (PostgreSQL advisory lock, SQLite file lock)
with failover, and the send budget shared through Redis, replies first."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
import uuid
from pathlib import Path

import pytest

from bot.db.database import Database
from bot.delivery.budget import Priority
from bot.delivery.leader import Leadership
from bot.services.setup import open_database
from tests.helpers.settings import REQUIRE_SERVICES, drop_schema, make_settings, pg_settings

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

REDIS_URL = os.environ.get("LOAXA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


async def _two_leaders(first: Database, second: Database) -> None:
    sent: list[str] = []

    def worker(name: str):  # type: ignore[no-untyped-def]
        async def run() -> None:
            while True:
                sent.append(name)
                await asyncio.sleep(0.05)

        return run

    a = Leadership(first, worker("a"), retry=0.2)
    b = Leadership(second, worker("b"), retry=0.2)
    task_a = asyncio.create_task(a.run())
    await asyncio.wait_for(a.leading.wait(), 5)
    task_b = asyncio.create_task(b.run())
    await asyncio.sleep(1.0)
    assert a.leading.is_set() and not b.leading.is_set()
    assert set(sent) == {"a"}
    task_a.cancel()  # the leader dies
    with contextlib.suppress(asyncio.CancelledError):
        await task_a
    started = time.monotonic()
    await asyncio.wait_for(b.leading.wait(), 5)
    assert time.monotonic() - started < 2.0
    await asyncio.sleep(0.2)
    assert sent[-1] == "b"
    task_b.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task_b


async def test_one_leader_on_sqlite_and_failover(tmp_path: Path) -> None:
    settings = make_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'l.db'}")
    first, second = await open_database(settings), await open_database(settings, prepare=False)
    try:
        await _two_leaders(first, second)
    finally:
        await first.close()
        await second.close()


async def test_one_leader_on_postgresql_and_failover(tmp_path: Path) -> None:
    settings, schema = await pg_settings(tmp_path)
    first, second = await open_database(settings), await open_database(settings, prepare=False)
    try:
        await _two_leaders(first, second)
    finally:
        await first.close()
        await second.close()
        await drop_schema(schema)


async def _redis_or_skip() -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except OSError as exc:
        if REQUIRE_SERVICES:
            pytest.fail(f"LOAXA_REQUIRE_SERVICES=1 but Redis is not reachable at {REDIS_URL}: {exc}")
        pytest.skip(f"Redis not reachable at {REDIS_URL}: {exc}")
    finally:
        await client.aclose()


async def test_the_budget_is_shared_between_processes_replies_first() -> None:
    await _redis_or_skip()
    from bot.delivery.shared import RedisBudget

    key = f"loaxa:test:{uuid.uuid4().hex}"
    one, two = RedisBudget(REDIS_URL, 40, key=key), RedisBudget(REDIS_URL, 40, key=key)  # two processes
    granted: list[tuple[str, float]] = []

    async def take(budget: RedisBudget, what: str, priority: Priority, until: float) -> None:
        while time.monotonic() < until:
            await budget.acquire(priority)
            granted.append((what, time.monotonic()))

    start = time.monotonic()
    until = start + 2.0
    try:
        await asyncio.gather(
            take(one, "reply", Priority.REPLY, until),
            take(two, "reply", Priority.REPLY, until),
            take(one, "push", Priority.PUSH, until),
            take(two, "push", Priority.PUSH, until),
        )
    finally:
        await one.close()
        await two.close()
    # together never more than the rate (plus the small burst the bucket starts with)
    in_window = [t for _, t in granted if t <= until]
    assert len(in_window) <= 40 * 2.0 + one.capacity + 1
    assert len(in_window) >= 40 * 2.0 * 0.8
    # replies first: with both waiting, pushes get only what replies leave
    replies = sum(1 for what, _ in granted if what == "reply")
    assert replies > 2 * (len(granted) - replies)


async def test_a_pause_is_shared() -> None:
    await _redis_or_skip()
    from bot.delivery.shared import RedisBudget

    key = f"loaxa:test:{uuid.uuid4().hex}"
    one, two = RedisBudget(REDIS_URL, 100, key=key), RedisBudget(REDIS_URL, 100, key=key)
    try:
        await one.acquire()
        one.pause(1.0)  # a 429 seen by one process …
        await asyncio.sleep(0.1)
        started = time.monotonic()
        await two.acquire()  # … holds the other back too
        assert time.monotonic() - started >= 0.7
    finally:
        await one.close()
        await two.close()
