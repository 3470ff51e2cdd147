"""Benchmark: pushing one directive to every commune through the outbox worker, against the local Bot
API enforcing Telegram's limits (429 + retry_after whenever the sender goes over them).

Runs (JSON, one object):
- scaled:  3,321 recipients at a scaled-up limit (1,000/s) with 2% 5xx injected (ratio, lost, duplicates)
- default: 500 recipients at the real default of 25 messages/s
- faults:  5% random 429s (retry_after 1 s) on top of the limits; only exactly-once is judged

`ratio` = messages Telegram accepted per second while the sender had a backlog (from the first send to
the last message that went out on its first try) ÷ the configured rate; `ratio_including_retry_tail`
also counts the final wait for retries' backoff after the injected 5xx errors.
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

from bot.app import build_bot
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
    name: str, recipients: int, rate: float, *, error_rate: float = 0.0, random_429: float = 0.0
) -> dict[str, object]:
    api = ApiProcess(enforce=True, rate=rate, chat_rate=1.0, chat_burst=1)
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
        if error_rate:
            api.fault(kind="500", method="sendMessage", times=None, probability=error_rate)
        if random_429:
            api.fault(kind="429", method="sendMessage", times=None, probability=random_429, retry_after=1)
        bot = build_bot(settings, LocalBudget(settings.effective_rate), token=api.token)
        worker = DeliveryWorker(bot, db, settings)
        stamps: list[float] = []
        first_try: list[float] = []

        def sent(row: object) -> None:
            now = time.perf_counter()
            stamps.append(now)
            if getattr(row, "attempts", 0) == 0:
                first_try.append(now)

        worker.on_sent = sent
        start = time.perf_counter()
        task = asyncio.create_task(worker.run())
        deadline = start + max(60.0, 4 * recipients / rate) * (6 if random_429 else 1)
        while time.perf_counter() < deadline:
            await asyncio.sleep(0.1)
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
    accepted = sum(delivered.values())
    # While backlogged: from the first send until the last message that went out on its first try;
    # after that the sender only waits for retries' backoff, which is not sending below the limit.
    window_all = (stamps[-1] - stamps[0]) if len(stamps) > 1 else elapsed
    end = first_try[-1] if first_try else stamps[-1]
    backlogged = sum(1 for t in stamps if t <= end)
    window = end - stamps[0] if len(stamps) > 1 else elapsed
    achieved = (backlogged - 1) / window if window > 0 else 0.0
    achieved_all = (accepted - 1) / window_all if window_all > 0 else 0.0
    return {
        "case": name,
        "recipients": recipients,
        "queued": queued,
        "configured_rate": rate,
        "achieved_rate": round(achieved, 1),
        "ratio": round(achieved / rate, 3),
        "ratio_including_retry_tail": round(achieved_all / rate, 3),
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
        },
    }


async def main(cases: list[str], scaled_rate: float) -> list[dict[str, object]]:
    out = []
    if "scaled" in cases:
        out.append(await run_case("scaled", 3321, scaled_rate, error_rate=0.02))
    if "default" in cases:
        out.append(await run_case("default", 500, 25.0))
    if "faults" in cases:
        out.append(await run_case("faults", 1000, scaled_rate, random_429=0.05))
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("cases", nargs="*", default=["scaled", "default", "faults"])
    parser.add_argument("--scaled-rate", type=float, default=1000.0, help="the scaled-up limit")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main(args.cases, args.scaled_rate)), ensure_ascii=False))
