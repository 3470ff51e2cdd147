"""The outbox worker against the local Bot API with faults injected: every message exactly once."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.app import build_bot
from bot.db import repo
from bot.db.models import Delivery, Officer
from bot.delivery.budget import LocalBudget
from bot.delivery.outbox import OutboxRow
from bot.delivery.sending import RoundTrip
from bot.delivery.worker import DeliveryWorker, max_in_flight
from bot.localapi import Fault, LocalBotAPI
from bot.localapi.process import ApiProcess
from bot.services.setup import Database, open_database
from bot.services.units import commune_units
from tests.helpers.push import BASE_CHAT, PUSH_PREFIX, SEED, setup_push
from tests.helpers.settings import make_settings

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier


async def _drain(worker: DeliveryWorker, db: Database, within: float = 30.0) -> dict[str, int]:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        await worker.tick()
        async with db.read() as session:
            counts = await repo.outbox_counts(session)
        if counts["queued"] == 0:
            return counts
        await asyncio.sleep(0.05)
    raise AssertionError(f"outbox not drained: {counts}")


@pytest.fixture
async def env(tmp_path: Path):  # type: ignore[no-untyped-def]
    api = LocalBotAPI(timeout_delay=3.0)
    base = await api.start()
    settings = make_settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'd.db'}",
        telegram_api_base=base,
        delivery_rate=200.0,
        delivery_chat_interval=0.0,
        delivery_max_attempts=4,
    )
    db = await open_database(settings)
    bot = build_bot(settings, LocalBudget(settings.effective_rate), token=api.token)
    try:
        yield api, settings, db, bot
    finally:
        await bot.session.close()
        await db.close()
        await api.close()


async def test_faults_exactly_once(env) -> None:  # type: ignore[no-untyped-def]
    api, settings, db, bot = env
    await setup_push(db, settings, 40)
    api.faults += [
        Fault("429", retry_after=1, times=2),
        Fault("500", times=3),
        Fault("502", times=2),
        Fault("timeout", times=1),
        Fault("drop", times=2),
    ]
    worker = DeliveryWorker(bot, db, settings, request_timeout=1.0)
    started = time.monotonic()
    counts = await _drain(worker, db)
    assert counts == {"queued": 0, "sent": 40, "failed": 0, "dead": 0}
    assert [api.delivered[BASE_CHAT + i] for i in range(40)] == [1] * 40
    assert worker.stats.rate_limited == 2 and worker.stats.retried >= 7
    assert time.monotonic() - started >= 1.0  # retry_after was honoured
    assert api.faults == []


async def test_blocked_and_missing_chats_are_dead_and_officer_inactive(env) -> None:  # type: ignore[no-untyped-def]
    api, settings, db, bot = env
    await setup_push(db, settings, 10)
    api.blocked.add(BASE_CHAT + 3)
    api.deactivated.add(BASE_CHAT + 4)
    api.missing_chats.add(BASE_CHAT + 5)
    worker = DeliveryWorker(bot, db, settings)
    assert await _drain(worker, db) == {"queued": 0, "sent": 7, "failed": 0, "dead": 3}
    async with db.read() as session:
        inactive = {o.telegram_id: o.deactivated_reason for o in await repo.inactive_officers(session)}
        dead = {
            d.chat_id: d.last_error
            for d in await session.scalars(select(Delivery).where(Delivery.status == "dead"))
        }
        blocked_stats = await repo.undelivered_units(session, "directive", "1")
    assert set(inactive) == {BASE_CHAT + 3, BASE_CHAT + 4}
    assert "blocked" in (inactive[BASE_CHAT + 3] or "")
    assert "chat not found" in (dead[BASE_CHAT + 5] or "")
    assert len(blocked_stats) == 3
    assert api.delivered.get(BASE_CHAT + 3, 0) == 0


async def test_retries_stop_at_the_limit_and_outbox_can_retry(env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    api, settings, db, bot = env
    await setup_push(db, settings, 3)
    api.faults.append(Fault("500", chat_id=BASE_CHAT + 1, times=None))
    worker = DeliveryWorker(bot, db, settings)
    assert await _drain(worker, db) == {"queued": 0, "sent": 2, "failed": 1, "dead": 0}
    async with db.read() as session:
        failed = await session.scalar(select(Delivery).where(Delivery.status == "failed"))
    assert (
        failed is not None
        and failed.attempts == settings.delivery_max_attempts
        and "Internal Server Error" in (failed.last_error or "")
    )
    api.faults.clear()
    env_vars = {"DATABASE_URL": settings.database_url, "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "outbox",
        "--retry-failed",
        "--json",
        env=env_vars,
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await proc.communicate()
    assert proc.returncode == 0 and b'"retried": 1' in out
    assert await _drain(worker, db) == {"queued": 0, "sent": 3, "failed": 0, "dead": 0}
    assert api.delivered[BASE_CHAT + 1] == 1


async def test_a_5xx_is_retried_at_once_and_ahead_of_newer_rows(env) -> None:  # type: ignore[no-untyped-def]
    """Telegram answered that the send failed: nothing reached the chat, so the retry neither waits the
    chat interval nor queues behind the rows claimed after it (the tail of a push stays short)."""
    api, settings, db, bot = env
    await setup_push(db, settings, 20)
    api.faults.append(Fault("502", chat_id=BASE_CHAT, times=1))
    worker = DeliveryWorker(
        bot, db, settings.model_copy(update={"delivery_rate": 10.0, "delivery_chat_interval": 30.0})
    )
    assert await _drain(worker, db) == {"queued": 0, "sent": 20, "failed": 0, "dead": 0}
    order = [e.chat_id for e in api.events if e.kind == "send"]
    assert sorted(order) == [BASE_CHAT + i for i in range(20)]  # each once: the 502 delivered nothing
    assert order.index(BASE_CHAT) <= 3, order  # ~50 ms later, not after 30 s nor behind 19 other rows
    assert worker.stats.by_result == {"5xx": 1, "ok": 20}
    pushed = next(e for e in api.events if e.kind == "send" and e.chat_id == BASE_CHAT + 7)
    assert pushed.reply_markup is not None
    buttons = [b["callback_data"] for row in pushed.reply_markup["inline_keyboard"] for b in row]
    assert len(buttons) == 3 and len(set(buttons)) == 3 and buttons[0] != "r:0"  # the commune's own ✅


async def test_a_retried_row_keeps_its_place_before_the_chats_next_one(env) -> None:  # type: ignore[no-untyped-def]
    """The chat's next message waited for the one in flight; when that one fails with a 5xx, its retry
    still goes first, and the next one then waits the chat interval after it."""
    api, settings, db, bot = env
    async with db.write() as session:
        await repo.enqueue(session, [OutboxRow.text(42, str(i), f"tin {i}") for i in range(2)])
    api.faults.append(Fault("502", chat_id=42, times=1))
    worker = DeliveryWorker(bot, db, settings.model_copy(update={"delivery_chat_interval": 1.0}))
    started = time.monotonic()
    await _drain(worker, db)
    assert [e.text for e in api.events if e.kind == "send"] == ["tin 0", "tin 1"]
    assert api.delivered[42] == 2 and time.monotonic() - started >= 1.0


async def test_the_global_rate_is_respected(env) -> None:  # type: ignore[no-untyped-def]
    api, settings, db, bot = env
    from bot.localapi import Limits

    api.set_limits(Limits(enforce=True, rate=40, chat_rate=1, chat_burst=1))
    await setup_push(db, settings, 120)
    worker = DeliveryWorker(bot, db, settings.model_copy(update={"delivery_rate": 40.0}))
    started = time.monotonic()
    await _drain(worker, db)
    elapsed = time.monotonic() - started
    assert api.rejected_429 == 0  # the sender stayed under the limit instead of bouncing off it
    assert elapsed >= 120 / 40 - 1.5  # could not have been faster than the limit allows (1 s burst)
    assert sum(api.delivered.values()) == 120


async def test_one_message_per_chat_interval(env) -> None:  # type: ignore[no-untyped-def]
    api, settings, db, bot = env
    from bot.localapi import Limits

    api.set_limits(Limits(enforce=True, rate=100, chat_rate=2, chat_burst=1))
    async with db.write() as session:
        await repo.enqueue(
            session,
            [OutboxRow.text(42, str(i), f"tin {i}") for i in range(4)],
        )
    worker = DeliveryWorker(bot, db, settings.model_copy(update={"delivery_chat_interval": 0.5}))
    started = time.monotonic()
    await _drain(worker, db)
    assert api.rejected_429 == 0 and api.delivered[42] == 4
    assert time.monotonic() - started >= 1.4


async def test_rows_from_another_process_are_picked_up(env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    api, settings, db, bot = env
    async with db.write() as session:
        communes = await commune_units(session, settings.province)
        session.add(
            Officer(
                telegram_id=BASE_CHAT, chat_id=BASE_CHAT, name="A", unit_id=communes[0].id, role="officer"
            )
        )
    worker = DeliveryWorker(bot, db, settings)
    task = asyncio.create_task(worker.run())
    try:
        env_vars = {
            "DATABASE_URL": settings.database_url,
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LOAD_SAMPLES": "false",
        }
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "import",
            str(SEED),
            "--publish",
            env=env_vars,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, _ = await proc.communicate()
        assert proc.returncode == 0, out
        finished = time.monotonic()
        assert await api.wait_until(lambda: api.delivered.get(BASE_CHAT, 0) == 1, within=5)
        assert time.monotonic() - finished <= 2.5
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def test_restart_loses_nothing(env) -> None:  # type: ignore[no-untyped-def]
    api, settings, db, bot = env
    await setup_push(db, settings, 60)
    first = DeliveryWorker(bot, db, settings.model_copy(update={"delivery_rate": 30.0}), lease_seconds=1.0)
    task = asyncio.create_task(first.run())
    await api.wait_until(lambda: sum(api.delivered.values()) >= 15, within=10)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    assert 0 < sum(api.delivered.values()) < 60
    await asyncio.sleep(1.1)  # the stopped worker's lease runs out
    second = DeliveryWorker(bot, db, settings, lease_seconds=1.0)
    await _drain(second, db)
    assert [api.delivered[BASE_CHAT + i] for i in range(60)] == [1] * 60


async def test_workers_claim_disjoint_rows(any_db) -> None:  # type: ignore[no-untyped-def]
    _, db = any_db
    from bot.db.models import utcnow

    async with db.write() as session:
        await repo.enqueue(
            session,
            [OutboxRow.text(i, "x", "t") for i in range(300)],
        )

    async def claim(token: str) -> list[int]:
        got: list[int] = []
        while True:
            now = utcnow()
            async with db.write() as session:
                rows = await repo.claim_deliveries(
                    session, now=now, lease_until=now.replace(year=now.year + 1), token=token, limit=7
                )
            if not rows:
                return got
            got += [r.id for r in rows]

    a, b, c = await asyncio.gather(claim("a"), claim("b"), claim("c"))
    assert len(a) + len(b) + len(c) == 300
    assert len(set(a) | set(b) | set(c)) == 300
    async with db.read() as session:
        assert (
            await session.scalar(select(func.count(Delivery.id)).where(Delivery.claim_token.is_(None))) == 0
        )




@contextlib.contextmanager
def _cpu_hog() -> Iterator[None]:
    """Another process keeping a core busy: the bound must hold on a loaded machine too."""
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        hog.kill()
        hog.wait(5)


@pytest.mark.slow
def test_sigkill_in_the_middle_of_a_push(tmp_path: Path) -> None:
    """`python -m bot run` at the default 25 msg/s, with 200 ms per Bot API call and a busy CPU beside it,
    is SIGKILLed a third of the way through a 600-message push, then restarted. Nothing is lost; every
    message sent twice was in flight at the kill (delivered, its outcome not yet committed), and there were
    never more of those than the worker's window allows."""
    n = 600
    db_file = tmp_path / "kill.db"
    db_url = f"sqlite+aiosqlite:///{db_file}"
    settings = make_settings(database_url=db_url, delivery_rate=25.0)

    async def prepare() -> None:
        db = await open_database(settings)
        try:
            await setup_push(db, settings, n)
        finally:
            await db.close()

    asyncio.run(prepare())
    log = tmp_path / "bot.log"
    with ApiProcess(latency=0.2, jitter=0.05) as api, _cpu_hog():
        env_vars = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DATABASE_URL": db_url,
            "BOT_TOKEN": api.token,
            "TELEGRAM_API_BASE": api.base_url,
            "DELIVERY_RATE": "25",
            "DELIVERY_CHAT_INTERVAL": "0",
            "DELIVERY_LEASE": "3",
            "DELIVERY_POLL_INTERVAL": "0.2",
            "LOAD_SAMPLES": "false",
        }

        def start() -> subprocess.Popen[bytes]:
            with log.open("ab") as sink:
                return subprocess.Popen(
                    [sys.executable, "-m", "bot", "-v", "run"], env=env_vars, stdout=sink, stderr=sink
                )

        def pushed() -> dict[int, int]:
            return api.delivered(PUSH_PREFIX)

        bot = start()
        try:
            deadline = time.monotonic() + 120
            while sum(pushed().values()) < n // 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            bot.send_signal(signal.SIGKILL)
            bot.wait(10)
            time.sleep(1.5)  # requests the dead process had made reach the server's end
            at_kill = pushed()
            with sqlite3.connect(db_file) as conn:
                recorded = conn.execute("SELECT count(*) FROM deliveries WHERE status = 'sent'").fetchone()[0]
            unrecorded = sum(at_kill.values()) - recorded
            assert n // 3 <= sum(at_kill.values()) < n, log.read_text(errors="replace")[-3000:]
            bot = start()
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                if all(pushed().get(BASE_CHAT + i, 0) >= 1 for i in range(n)):
                    break
                time.sleep(0.2)
        finally:
            bot.send_signal(signal.SIGTERM)
            try:
                bot.wait(15)
            except subprocess.TimeoutExpired:
                bot.kill()
        final = pushed()
    assert all(final.get(BASE_CHAT + i, 0) >= 1 for i in range(n)), "a message was lost"
    repeats = sum(final.get(BASE_CHAT + i, 0) - 1 for i in range(n))
    assert repeats == unrecorded, f"{repeats} repeated, {unrecorded} were in flight at the kill"
    assert unrecorded <= max_in_flight(settings) == 25


def test_the_window_follows_the_network_delay_not_our_own_queue() -> None:
    rtt = RoundTrip(initial=0.3, samples=64)
    for _ in range(64):
        rtt.add(0.2)
    assert rtt.low == pytest.approx(0.2)
    # the client falls behind: requests queue and their round trips grow, but some still take 200 ms
    for i in range(200):
        rtt.add(0.2 if i % 10 == 0 else 2.0 + i / 100)
    assert rtt.low == pytest.approx(0.2)
    assert rtt.smoothed > 1.0
    # the network itself got slower: the low mark follows within one window of samples
    for _ in range(64):
        rtt.add(0.5)
    assert rtt.low == pytest.approx(0.5)
