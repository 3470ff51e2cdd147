"""Recording reports at the service level, on SQLite and PostgreSQL: races, rights, undo."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.config import Settings
from bot.db.models import Officer, Report
from bot.services import directives as service
from bot.services import reports
from bot.services.assignments import pending_items
from bot.services.setup import Database
from bot.services.units import commune_units
from tests.conftest import SAMPLES


async def _setup(db: Database, settings: Settings) -> tuple[Officer, Officer, Officer, int]:
    async with db.write() as session:
        communes = await commune_units(session, settings.province)
        a1 = Officer(telegram_id=1, chat_id=1, name="Lan", unit_id=communes[0].id)
        a2 = Officer(telegram_id=2, chat_id=2, name="Hùng", unit_id=communes[0].id)
        b1 = Officer(telegram_id=3, chat_id=3, name="Mai", unit_id=communes[1].id)
        session.add_all([a1, a2, b1])
        directive = (await service.import_file(session, SAMPLES / "002_ef0d770650401283.txt")).directive
        await service.publish(session, directive, communes[:2])
        await session.flush()
        assert a1.unit_id is not None
        (item,) = await pending_items(session, a1.unit_id)
        return a1, a2, b1, item.assignment_id


async def test_a_report_made_meanwhile_by_a_colleague_is_not_recorded_twice(
    any_db: tuple[Settings, Database],
) -> None:
    settings, db = any_db
    lan, hung, _, assignment_id = await _setup(db, settings)
    async with db.write() as session:
        stale = await reports.item_for(session, hung, assignment_id)  # Hùng opens the list: pending
    async with db.write() as session:
        first = await reports.record(
            session, lan, [await reports.item_for(session, lan, assignment_id)], via="text"
        )
    assert [i.assignment_id for i in first.recorded] == [assignment_id]
    async with db.write() as session:
        second = await reports.record(session, hung, [stale], via="button")  # then presses ✅
    assert second.recorded == []
    assert [(i.assignment_id, i.reporter) for i in second.already] == [(assignment_id, "Lan")]
    async with db.read() as session:
        assert await session.scalar(select(func.count(Report.id))) == 1


async def test_an_officer_cannot_report_for_another_commune(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    _, _, mai, assignment_id = await _setup(db, settings)
    async with db.write() as session:
        with pytest.raises(reports.NotYourUnit):
            await reports.item_for(session, mai, assignment_id)
        item = await reports.item_for(session, await session.get(Officer, 1) or mai, assignment_id)
        with pytest.raises(reports.NotYourUnit):
            await reports.record(session, mai, [item], via="button")
    async with db.read() as session:
        assert await session.scalar(select(func.count(Report.id))) == 0


async def test_undo_makes_the_assignment_pending_again(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    lan, _, _, assignment_id = await _setup(db, settings)
    async with db.write() as session:
        await reports.record(session, lan, [await reports.item_for(session, lan, assignment_id)], via="text")
    async with db.write() as session:
        undone = await reports.undo_last(session, lan)
        assert undone is not None and undone[1] is not None
        assert undone[1].assignment_id == assignment_id and not undone[1].done
    async with db.write() as session:
        assert lan.unit_id is not None
        assert [i.assignment_id for i in await pending_items(session, lan.unit_id)] == [assignment_id]
        assert await reports.undo_last(session, lan) is None
