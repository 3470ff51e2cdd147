"""Benchmark: pushing one directive to every commune through the outbox worker, against the local Bot
API in its own process, enforcing Telegram's limits (429 + retry_after whenever the sender goes over
them) and taking a realistic round trip per call (200 ms by default, as from Vietnam to Telegram).

Cases (JSON, one object each):
- default: 600 recipients at the real default of 25 messages/s, 2% of sends fail with 5xx
- paid:    3,321 recipients at paid broadcast's 1,000 messages/s, 2% 5xx
- faults:  1,000 recipients, 5% random 429s (retry_after 1 s); only exactly-once is judged

`ratio` = (messages delivered − 1) ÷ (last delivery − first delivery) ÷ the configured rate: from the first
push to the last, retries of the injected 5xx included.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert

from bot.app import build_bot, tune_gc
from bot.config import SAMPLES_DIR, Settings
from bot.db import repo
from bot.db.models import Officer
from bot.delivery.budget import LocalBudget
from bot.delivery.worker import DeliveryWorker
from bot.localapi.process import ApiProcess
from bot.services import directives as service
from bot.services.setup import open_database
from bot.services.units import commune_units

CHAT_BASE = 10_000_000


async def run_case(
    name: str,
    recipients: int,
    rate: float,
    *,
    error_rate: float = 0.0,
    random_429: float = 0.0,
    latency: float = 0.2,
    jitter: float = 0.05,
) -> dict[str, object]:
    api = ApiProcess(
        enforce=True,
        rate=rate,
        chat_rate=1.0,
        chat_burst=1,
        latency=latency,
        jitter=jitter,
        error_rate=error_rate,
    )
    base = api.base_url
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            database_url=f"sqlite+aiosqlite:///{tmp}/bench.db",
            load_samples=False,
            province="all" if recipients > 65 else "lang_son",
            telegram_api_base=base,
            delivery_rate=rate,
            delivery_chat_interval=1.0,
            delivery_poll_interval=0.05,
        )
        db = await open_database(settings)
        async with db.write() as session:
            communes = (await commune_units(session, settings.province))[:recipients]
            await session.execute(
                insert(Officer),
                [
                    {
                        "telegram_id": CHAT_BASE + i,
                        "chat_id": CHAT_BASE + i,
                        "name": f"CB {i}",
                        "unit_id": u.id,
                        "role": "officer",
                        "active": True,
                    }
                    for i, u in enumerate(communes)
                ],
            )
            directive = (
                await service.import_file(session, SAMPLES_DIR / "003_f355f8ad106b5bf4.txt")
            ).directive
            queued = (await service.publish(session, directive, communes)).queued
        if random_429:
            api.fault(kind="429", method="sendMessage", times=None, probability=random_429, retry_after=1)
        budget = LocalBudget(settings.effective_rate)
        bot = build_bot(settings, budget, token=api.token)
        worker = DeliveryWorker(bot, db, settings, budget)
        stamps: list[float] = []

        def sent(row: object) -> None:
            stamps.append(time.perf_counter())

        worker.on_sent = sent
        tune_gc()  # what `python -m bot run` does after start-up
        start = time.perf_counter()
        task = asyncio.create_task(worker.run())
        deadline = start + max(60.0, 4 * recipients / rate) * (6 if random_429 else 1)
        while time.perf_counter() < deadline:
            await asyncio.sleep(0.5)  # counting the outbox costs the sender's CPU: not too often
            async with db.read() as session:
                counts = await repo.outbox_counts(session)
            if counts["queued"] == 0:
                break
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        elapsed = time.perf_counter() - start
        async with db.read() as session:
            counts = await repo.outbox_counts(session)
        await bot.session.close()
        await db.close()
    stats = api.stats()
    api.close()
    delivered = {int(k): v for k, v in stats["delivered"].items()}
    chats = [CHAT_BASE + i for i in range(recipients)]
    lost = sum(1 for c in chats if delivered.get(c, 0) == 0)
    duplicates = sum(max(0, delivered.get(c, 0) - 1) for c in chats)
    window = (stamps[-1] - stamps[0]) if len(stamps) > 1 else elapsed
    achieved = (len(stamps) - 1) / window if window > 0 else 0.0
    # without the budget's opening burst (0.2 s of the rate): the pace from one second in to the last push
    later = [t for t in stamps if t >= stamps[0] + 1.0] if stamps else []
    steady = (len(later) - 1) / (later[-1] - later[0]) if len(later) > 1 and later[-1] > later[0] else 0.0
    return {
        "case": name,
        "recipients": recipients,
        "queued": queued,
        "configured_rate": rate,
        "achieved_rate": round(achieved, 1),
        "ratio": round(achieved / rate, 3),
        "steady_ratio": round(steady / rate, 3),
        "first_to_last_seconds": round(window, 2),
        "latency_ms": round(latency * 1000),
        "seconds": round(elapsed, 2),
        "lost": lost,
        "duplicates": duplicates,
        "rejected_429": stats["rejected_429"],
        "server_errors_injected": error_rate,
        "outbox": counts,
        "worker": {
            "sent": worker.stats.sent,
            "retried": worker.stats.retried,
            "rate_limited": worker.stats.rate_limited,
            "failed": worker.stats.failed,
            "most_in_flight": worker.stats.most_in_flight,
            "window_cap": worker.window_cap,
            "rtt_ms": round(worker.rtt.smoothed * 1000),
            "rtt_low_ms": round(worker.rtt.low * 1000),
            "by_result": worker.stats.by_result,
        },
    }


async def main(cases: list[str], paid_rate: float, latency: float) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    if "default" in cases:
        out.append(await run_case("default", 600, 25.0, error_rate=0.02, latency=latency))
    if "paid" in cases:
        out.append(await run_case("paid", 3321, paid_rate, error_rate=0.02, latency=latency))
    if "faults" in cases:
        out.append(await run_case("faults", 1000, 200.0, random_429=0.05, latency=latency))
    return out


def run_two_processes(database_url: str, recipients: int = 600, rate: float = 25.0) -> dict[str, object]:
    """Two `python -m bot run` processes on one PostgreSQL database (and one Redis budget), against a Bot
    API that enforces ~30 messages/s overall with 200 ms per call: one leader sends; halfway it is killed
    and the other takes the outbox over once DELIVERY_LEASE has run out."""
    import os
    import re
    import signal
    import subprocess
    import uuid

    import asyncpg

    schema = f"two_{uuid.uuid4().hex[:8]}"
    plain = database_url.replace("postgresql+asyncpg://", "postgresql://").split("?")[0]
    url = f"{database_url}{'&' if '?' in database_url else '?'}search_path={schema}"
    prefix = "📢 <b>Công văn mới</b>"
    folder = Path(tempfile.mkdtemp())
    logs = [folder / f"bot{i}.log" for i in range(2)]

    async def sql(statement: str) -> None:
        conn = await asyncpg.connect(plain)
        await conn.execute(statement)
        await conn.close()

    async def prepare(settings: Settings) -> None:
        db = await open_database(settings)
        async with db.write() as session:
            communes = (await commune_units(session, settings.province))[:recipients]
            await session.execute(
                insert(Officer),
                [
                    {"telegram_id": CHAT_BASE + i, "chat_id": CHAT_BASE + i, "name": f"CB {i}",
                     "unit_id": u.id, "role": "officer", "active": True}
                    for i, u in enumerate(communes)
                ],
            )  # fmt: skip
            directive = (
                await service.import_file(session, SAMPLES_DIR / "003_f355f8ad106b5bf4.txt")
            ).directive
            await service.publish(session, directive, communes)
        await db.close()

    asyncio.run(sql(f'CREATE SCHEMA "{schema}"'))
    procs: list[subprocess.Popen[bytes]] = []
    try:
        with ApiProcess(
            enforce=True, rate=30.0, chat_rate=1.0, chat_burst=1, latency=0.2, jitter=0.05
        ) as api:
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                database_url=url,
                load_samples=False,
                province="all",
                telegram_api_base=api.base_url,
            )
            asyncio.run(prepare(settings))
            env = {
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "DATABASE_URL": url,
                "BOT_TOKEN": api.token,
                "TELEGRAM_API_BASE": api.base_url,
                "REDIS_URL": "redis://127.0.0.1:6379/14",
                "DELIVERY_RATE": str(rate),
                "DELIVERY_LEASE": "5",
                "DELIVERY_POLL_INTERVAL": "0.5",
                "LOAD_SAMPLES": "false",
                "PROVINCE": "all",
            }
            for log in logs:
                with log.open("wb") as sink:
                    procs.append(
                        subprocess.Popen(
                            [sys.executable, "-m", "bot", "-v", "run"], env=env, stdout=sink, stderr=sink
                        )
                    )

            def pushed() -> dict[int, int]:
                return api.delivered(prefix)

            deadline = time.monotonic() + 180
            while sum(pushed().values()) < recipients // 2 and time.monotonic() < deadline:
                time.sleep(0.1)
            leader = next(
                i
                for i, log in enumerate(logs)
                if re.search(r"this process \(pid \d+\) sends", log.read_text())
            )
            before = api.first_replies(0)
            counts_before = pushed()
            procs[leader].send_signal(signal.SIGKILL)
            procs[leader].wait(10)
            killed_at = api.first_replies(0)["now"]
            while time.monotonic() < deadline and len(pushed()) < recipients:
                time.sleep(0.2)
            after = api.first_replies(0)
            delivered = pushed()
            stats = api.stats()
            for proc in procs:
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
                    proc.wait(15)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(5)
        asyncio.run(sql(f'DROP SCHEMA "{schema}" CASCADE'))
    times = sorted(t for t, text in before["first"].values() if (text or "").startswith(prefix))
    pace = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 else 0.0
    resumed = sorted(
        t for t, text in after["first"].values() if (text or "").startswith(prefix) and t > killed_at
    )
    chats = [CHAT_BASE + i for i in range(recipients)]
    return {
        "case": "two processes, PostgreSQL + Redis",
        "recipients": recipients,
        "configured_rate": rate,
        "api_limit": 30.0,
        "latency_ms": 200,
        "pace_before_kill": round(pace, 1),
        "ratio": round(pace / rate, 3),
        "rejected_429": stats["rejected_429"],
        "delivered_before_kill": len(times),
        "duplicates_before_kill": sum(max(0, v - 1) for v in counts_before.values()),
        "takeover_seconds": round(resumed[0] - killed_at, 2) if resumed else None,
        "lost": sum(1 for c in chats if delivered.get(c, 0) == 0),
        "repeated_after_kill": sum(max(0, delivered.get(c, 0) - 1) for c in chats),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("cases", nargs="*", default=["default", "paid", "faults", "two"])
    parser.add_argument("--paid-rate", type=float, default=1000.0, help="paid broadcast's limit")
    parser.add_argument("--latency", type=float, default=0.2, help="round trip of each Bot API call (s)")
    parser.add_argument(
        "--database-url",
        default="postgresql+asyncpg://postgres@127.0.0.1:5432/test",
        help="PostgreSQL for the two-process case",
    )
    args = parser.parse_args()
    results = asyncio.run(main([c for c in args.cases if c != "two"], args.paid_rate, args.latency))
    if "two" in args.cases:
        results.append(run_two_processes(args.database_url))
    print(json.dumps(results, ensure_ascii=False))
