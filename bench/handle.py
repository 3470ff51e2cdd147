"""Benchmark: per-update processing time of "tuần này phát gì" and "đã thực hiện" at national scale.

3,321 communes (PROVINCE=all), 10,000 officers and 500 directives (each published to one province's
communes) in SQLite; each update goes through the real Dispatcher (middlewares, routers, DB, reply over
HTTP to the local Bot API on loopback, in the same process so that both handlers pay its cost the same
way), compared with an aiogram echo handler in the same run; the three cases take turns update by
update (or run as blocks with --sequential).
Prints JSON with p50/p99 in milliseconds. Targets (issue 4): p99 <= 20 ms and <= 5x the echo handler.
Afterwards, for scale and not judged, the ✅ button that records a report (the write path).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aiogram import Dispatcher, Router
from aiogram.types import Message, Update
from sqlalchemy import insert, select

from bot.app import build_app, tune_gc
from bot.config import Settings
from bot.db.models import Assignment, Officer
from bot.directives import parse_text
from bot.localapi import LocalBotAPI
from bot.services import directives as service
from bot.services.setup import open_database
from bot.services.units import commune_units
from tests.helpers.synth import directive_text

BASE = 20_000_000


def _update(update_id: int, user_id: int, text: str) -> Update:
    return Update.model_validate(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": int(time.time()),
                "chat": {"id": user_id, "type": "private", "first_name": "CB"},
                "from": {"id": user_id, "is_bot": False, "first_name": "CB"},
                "text": text,
            },
        }
    )


def _percentiles(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples), 2),
        "p99_ms": round(samples[max(0, int(len(samples) * 0.99) - 1)], 2),
        "mean_ms": round(statistics.fmean(samples), 2),
    }


async def _populate(db: Any, communes: list[Any], officers: int, directives: int, rng: random.Random) -> None:
    async with db.write() as session:
        by_province: dict[int | None, list[Any]] = defaultdict(list)
        for unit in communes:
            by_province[unit.parent_id].append(unit)
        await session.execute(
            insert(Officer),
            [
                {
                    "telegram_id": BASE + i,
                    "chat_id": BASE + i,
                    "name": f"CB {i}",
                    "unit_id": communes[i % len(communes)].id,
                    "role": "officer",
                    "active": True,
                }
                for i in range(officers)
            ],
        )
        provinces = list(by_province.values())
        for i in range(directives):
            parsed = parse_text(directive_text(rng, 5000 + i))
            imported = await service.import_parsed(session, parsed, f"synth_{i}.txt")
            await service.publish(session, imported.directive, rng.choice(provinces))


def _press(update_id: int, user_id: int, data: str) -> Update:
    return Update.model_validate(
        {
            "update_id": update_id,
            "callback_query": {
                "id": str(update_id),
                "chat_instance": "bench",
                "data": data,
                "from": {"id": user_id, "is_bot": False, "first_name": "CB"},
                "message": {
                    "message_id": 1,
                    "date": int(time.time()),
                    "chat": {"id": user_id, "type": "private", "first_name": "CB"},
                    "text": "…",
                },
            },
        }
    )


async def _report_button(
    db: Any, dp: Dispatcher, bot: Any, officers: int, rounds: int, rng: random.Random, update_id: int
) -> dict[str, float]:
    """Not a target, for scale: the ✅ button on a pending assignment, which records a report (INSERT,
    UPDATE, commit) and makes two Bot API calls (answerCallbackQuery, sendMessage)."""
    async with db.read() as session:
        units = dict((await session.execute(select(Officer.telegram_id, Officer.unit_id))).all())
        pending: dict[int, list[int]] = defaultdict(list)
        rows = await session.execute(
            select(Assignment.unit_id, Assignment.id).where(Assignment.status == "pending")
        )
        for unit_id, assignment_id in rows:
            pending[unit_id].append(assignment_id)
    samples = []
    for i in range(rounds // 2 + 20):
        user = BASE + rng.randrange(officers)
        choices = pending[units[user]]
        if not choices:
            continue
        assignment_id = choices.pop(rng.randrange(len(choices)))
        update = _press(update_id + i, user, f"r:{assignment_id}")
        start = time.perf_counter()
        await dp.feed_update(bot, update)
        if i >= 20:
            samples.append((time.perf_counter() - start) * 1000)
    return _percentiles(samples)


async def run(
    officers: int, directives: int, rounds: int, reuse: Path | None = None, sequential: bool = False
) -> dict[str, object]:
    rng = random.Random(11)
    api = LocalBotAPI()
    await api.start()
    with tempfile.TemporaryDirectory() as tmp:
        path = reuse or Path(tmp) / "handle.db"
        populated = path.exists()
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            database_url=f"sqlite+aiosqlite:///{path}",
            load_samples=False,
            province="all",
            telegram_api_base=api.base_url,
            delivery_rate=1_000_000.0,  # processing time is measured here, not Telegram's 25 messages/s
        )
        db = await open_database(settings)
        setup_start = time.perf_counter()
        async with db.write() as session:
            communes = await commune_units(session, "all")
        if not populated:
            await _populate(db, communes, officers, directives, rng)
        setup_seconds = time.perf_counter() - setup_start

        app = await build_app(settings, db, token=api.token, scheduler=False)
        bot, dp = app.bot, app.dp
        tune_gc()  # what `python -m bot run` does after start-up
        echo = Dispatcher()
        echo_router = Router()

        @echo_router.message()
        async def _echo(message: Message) -> None:
            await message.answer(message.text or "")

        echo.include_router(echo_router)
        cases = (
            ("echo", "tuần này phát gì", echo),
            ("tuan_nay_phat_gi", "tuần này phát gì", dp),
            ("da_thuc_hien", "đã thực hiện", dp),
        )
        # By default the cases take turns, update by update, so that a slow moment of the machine falls
        # on all three alike. --sequential runs each case as one block (the echo then runs alone, hot).
        samples: dict[str, list[float]] = {name: [] for name, _, _ in cases}
        order = (
            [(i, case) for case in cases for i in range(rounds + 20)]
            if sequential
            else [(i, case) for i in range(rounds + 20) for case in cases[i % 3 :] + cases[: i % 3]]
        )
        update_id = 1
        for i, (name, text, dispatcher) in order:
            update = _update(update_id, BASE + rng.randrange(officers), text)
            update_id += 1
            start = time.perf_counter()
            await dispatcher.feed_update(bot, update)
            if i >= 20:  # warm-up
                samples[name].append((time.perf_counter() - start) * 1000)
        results: dict[str, dict[str, float]] = {name: _percentiles(v) for name, v in samples.items()}
        results["report_button"] = await _report_button(db, dp, bot, officers, rounds, rng, update_id)
        await app.close()
    await api.close()
    echo_p99 = results["echo"]["p99_ms"]
    return {
        "bench": "handle",
        "communes": len(communes),
        "officers": officers,
        "directives": directives,
        "setup_seconds": round(setup_seconds, 1),
        "order": "sequential" if sequential else "interleaved",
        **results,
        "p99_vs_echo": {
            k: round(results[k]["p99_ms"] / echo_p99, 2) for k in ("tuan_nay_phat_gi", "da_thuc_hien")
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--officers", type=int, default=10_000)
    parser.add_argument("--directives", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument(
        "--reuse-db",
        type=Path,
        help="SQLite file kept between runs (populated on first use; reports accumulate)",
    )
    parser.add_argument("--sequential", action="store_true", help="each case as one block, echo first")
    args = parser.parse_args()
    result = asyncio.run(run(args.officers, args.directives, args.rounds, args.reuse_db, args.sequential))
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
