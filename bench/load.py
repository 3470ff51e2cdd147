"""Benchmark: a Monday-morning burst. N officers registered across the country answer "đã thực hiện" at
the same moment for their one pending directive, against a Bot API in its own process that takes 200 ms
per call and fails 5% of the bot's messages with a 5xx. The same burst goes to a bare aiogram echo bot
(same Bot session, same send policy: budget and retries) in the same run, as the baseline.

Reply time = from the moment the updates are queued at the Bot API to the moment it receives the bot's
first message to that chat (both on the Bot API's clock). Judged: every report recorded, no error reply,
every officer confirmed, p99 reply time ≤ 3× the echo bot's.

Two budgets: `paced` at the default DELIVERY_RATE (25 messages/s for everything the bot sends, as
Telegram allows — both bots then spend most of the burst waiting their turn), and `unpaced` with the
budget lifted, which shows what the database path itself costs under the burst.

python bench/load.py [--officers 300] [--database-url postgresql+asyncpg://…] [--budget paced|unpaced|both]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aiogram import Dispatcher, Router
from aiogram.types import Message
from sqlalchemy import func, insert, select, update

from bot import texts
from bot.app import build_app, build_bot, tune_gc
from bot.config import SAMPLES_DIR, Settings
from bot.db.models import Delivery, Officer, Report
from bot.delivery.budget import LocalBudget
from bot.localapi.process import ApiProcess
from bot.services import directives as service
from bot.services.setup import open_database
from bot.services.units import commune_units

BASE = 30_000_000
ECHO_BASE = 40_000_000


def _percentiles(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples) * 1000, 1),
        "p99_ms": round(samples[max(0, int(len(samples) * 0.99) - 1)] * 1000, 1),
        "max_ms": round(samples[-1] * 1000, 1),
    }


async def _prepare(settings: Settings, officers: int) -> None:
    db = await open_database(settings)
    try:
        async with db.write() as session:
            communes = (await commune_units(session, settings.province))[:officers]
            await session.execute(
                insert(Officer),
                [
                    {
                        "telegram_id": BASE + i,
                        "chat_id": BASE + i,
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
            await service.publish(session, directive, communes)
            await session.execute(update(Delivery).values(status="sent"))  # the push went out last week
    finally:
        await db.close()


async def _burst(
    api: ApiProcess, users: list[int], text: str, within: float
) -> tuple[list[float], dict[str, Any]]:
    started = api.burst([(u, text) for u in users])
    deadline = time.monotonic() + within
    while True:
        # the Bot API answers over blocking HTTP: asked from a thread, not from the bot's event loop
        replies = (await asyncio.to_thread(api.first_replies, started["mark"]))["first"]
        if len(replies) >= len(users) or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.25)
    times = [replies[str(u)][0] - started["at"] for u in users if str(u) in replies]
    return times, replies


async def _echo_run(settings: Settings, api: ApiProcess, users: list[int], within: float) -> list[float]:
    budget = LocalBudget(settings.effective_rate)
    bot = build_bot(settings, budget, token=api.token)
    tune_gc()  # as for the bot: the same process, the same collector
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    dp = Dispatcher()
    dp.include_router(router)
    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1))
    try:
        await asyncio.sleep(1.0)
        times, _ = await _burst(api, users, "đã thực hiện", within)
    finally:
        with contextlib.suppress(RuntimeError):
            await dp.stop_polling()
        with contextlib.suppress(asyncio.CancelledError):
            await polling
        await bot.session.close()
    return times


async def _bot_run(settings: Settings, api: ApiProcess, officers: int, within: float) -> dict[str, Any]:
    app = await build_app(settings, token=api.token, scheduler=False)
    tune_gc()  # what `python -m bot run` does after start-up
    polling = asyncio.create_task(app.dp.start_polling(app.bot, handle_signals=False, polling_timeout=1))
    users = [BASE + i for i in range(officers)]
    try:
        await asyncio.sleep(1.0)
        times, replies = await _burst(api, users, "đã thực hiện", within)
        async with app.db.read() as session:
            recorded = await session.scalar(select(func.count(Report.id)))
    finally:
        with contextlib.suppress(RuntimeError):
            await app.dp.stop_polling()
        with contextlib.suppress(asyncio.CancelledError):
            await polling
        await app.close()
    texts_seen = [t for _, t in replies.values()]
    return {
        "times": times,
        "recorded": int(recorded or 0),
        "confirmed": sum(1 for t in texts_seen if (t or "").startswith("✅ Đã ghi nhận")),
        "error_replies": sum(1 for t in texts_seen if t == texts.ERROR),
    }


async def run(database_url: str | None, officers: int, paced: bool) -> dict[str, Any]:
    rate = 25.0 if paced else 1000.0
    within = 120.0
    schema = None
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite+aiosqlite:///{tmp}/load.db"
        if url.startswith("postgresql"):
            schema = f"load_{uuid.uuid4().hex[:8]}"
            import asyncpg

            conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://").split("?")[0])
            await conn.execute(f'CREATE SCHEMA "{schema}"')
            await conn.close()
            url = f"{url}{'&' if '?' in url else '?'}search_path={schema}"
        with ApiProcess(latency=0.2, jitter=0.05) as api:
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                database_url=url,
                load_samples=False,
                province="all",
                telegram_api_base=api.base_url,
                delivery_rate=rate,
            )
            await _prepare(settings, officers)
            api.fault(kind="500", method="sendMessage", times=None, probability=0.05)
            echo = await _echo_run(settings, api, [ECHO_BASE + i for i in range(officers)], within)
            ours = await _bot_run(settings, api, officers, within)
            injected = api.stats()
        if schema:
            import asyncpg

            conn = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://").split("?")[0])
            await conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
            await conn.close()
    bot_p, echo_p = _percentiles(ours.pop("times")), _percentiles(echo)
    return {
        "database": "postgresql" if schema else "sqlite",
        "budget": f"{rate:g} msg/s",
        "officers": officers,
        "latency_ms": 200,
        "reply_5xx": 0.05,
        "bot": bot_p,
        "echo": echo_p,
        "p99_ratio": round(bot_p["p99_ms"] / echo_p["p99_ms"], 2) if echo_p["p99_ms"] else None,
        **ours,
        "requests": injected["requests"].get("sendMessage"),
    }


async def main(args: argparse.Namespace) -> list[dict[str, Any]]:
    budgets = {"paced": [True], "unpaced": [False], "both": [False, True]}[args.budget]
    urls = [args.database_url] if args.database_url else [None]
    return [await run(url, args.officers, paced) for url in urls for paced in budgets]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--officers", type=int, default=300)
    parser.add_argument(
        "--database-url", default=None, help="PostgreSQL URL; SQLite in a temp folder if absent"
    )
    parser.add_argument("--budget", choices=["paced", "unpaced", "both"], default="both")
    print(json.dumps(asyncio.run(main(parser.parse_args())), ensure_ascii=False, indent=1))
