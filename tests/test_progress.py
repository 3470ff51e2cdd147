"""The admin's progress message: kept in the database, so a restarted bot goes on editing it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from html import escape
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from bot import texts
from bot.app import build_bot
from bot.db import repo
from bot.db.models import Delivery, Officer, ProgressWatch, utcnow
from bot.delivery.budget import LocalBudget
from bot.delivery.progress import GIVE_UP_AFTER, ProgressTracker
from bot.localapi import LocalBotAPI
from bot.services import directives as service
from bot.services.setup import open_database
from bot.services.units import commune_units
from tests.helpers.settings import SAMPLES, make_settings

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

ADMIN = 900


async def _watch(session: Any, message_id: int, directive_id: int, number: str) -> None:
    watch = ProgressWatch(chat_id=ADMIN, message_id=message_id, directive_id=directive_id, number=number)
    await repo.add_progress_watch(session, watch)


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[dict[str, Any]]:
    api = LocalBotAPI()
    base = await api.start()
    settings = make_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'p.db'}", telegram_api_base=base)
    db = await open_database(settings)
    bot = build_bot(settings, LocalBudget(settings.effective_rate), token=api.token)
    async with db.write() as session:
        communes = await commune_units(session, settings.province)
        session.add_all(
            [
                Officer(telegram_id=100 + i, chat_id=100 + i, name=f"CB {i}", unit_id=communes[i].id)
                for i in range(2)
            ]
        )
        directive = (await service.import_file(session, SAMPLES / "003_f355f8ad106b5bf4.txt")).directive
        await service.publish(session, directive, communes[:2])
    try:
        yield {"api": api, "db": db, "bot": bot, "directive": directive}
    finally:
        await bot.session.close()
        await db.close()
        await api.close()


async def test_a_restarted_tracker_finishes_the_message(env: dict[str, Any]) -> None:
    api, db, bot, directive = env["api"], env["db"], env["bot"], env["directive"]
    number = escape(directive.number)
    sent = await bot.send_message(ADMIN, "…")
    async with db.write() as session:
        await _watch(session, sent.message_id, directive.id, number)

    assert await ProgressTracker(bot, db).tick() == 1
    running = texts.ADMIN_PROGRESS.format(number=number, done=0, total=2, sent=0, failed=0)
    assert api.message(ADMIN, sent.message_id)["text"] == running

    async with db.write() as session:  # meanwhile, the pushes went out; then a restart
        await session.execute(update(Delivery).values(status="sent", sent_at=utcnow()))
    fresh = ProgressTracker(bot, db)
    assert await fresh.tick() == 0
    done = texts.ADMIN_PROGRESS_DONE.format(number=number, sent=2, total=2, failed=0)
    assert api.message(ADMIN, sent.message_id)["text"] == done
    edits = sum(1 for e in api.events if e.kind == "edit")
    assert await fresh.tick() == 0
    assert sum(1 for e in api.events if e.kind == "edit") == edits  # finished: left alone
    async with db.read() as session:
        [w] = (await session.scalars(select(ProgressWatch))).all()
        assert w.finished_at is not None and w.last_text == done


async def test_a_deleted_message_or_a_stuck_push_ends_the_watch(env: dict[str, Any]) -> None:
    db, bot, directive = env["db"], env["bot"], env["directive"]
    sent = await bot.send_message(ADMIN, "…")
    async with db.write() as session:
        await _watch(session, 424242, directive.id, "x")  # no such message
        await _watch(session, sent.message_id, directive.id, "y")
    tracker = ProgressTracker(bot, db)
    assert await tracker.tick() == 1  # the missing message is dropped, the other one goes on
    assert await tracker.tick(utcnow() + GIVE_UP_AFTER + timedelta(minutes=1)) == 0
    async with db.read() as session:
        watches = (await session.scalars(select(ProgressWatch).order_by(ProgressWatch.id))).all()
    assert watches[0].last_text == "" and watches[1].last_text != ""
    assert all(w.finished_at is not None for w in watches)
