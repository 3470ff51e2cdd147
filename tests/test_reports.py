"""Recording reports at the service level, on SQLite and PostgreSQL: races, rights, counts, reasons, undo."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from bot.config import Settings
from bot.db.models import Officer, Report, ReportVia
from bot.services import directives as service
from bot.services.assignments import pending_items
from bot.services.reporting import Step, StepKind
from bot.services.reports import NotYourUnit, ReportService
from bot.services.setup import Database
from bot.services.units import commune_units
from tests.helpers.settings import SAMPLES


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


async def test_colleagues_reporting_at_once_record_one_done(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    lan, hung, _, assignment_id = await _setup(db, settings)
    reports = ReportService(db)
    both = await asyncio.gather(
        reports.press(lan, assignment_id), reports.press(hung, assignment_id)
    )  # two presses of ✅ at the same moment
    results = sorted(o.result for applied in both for o in applied.outcomes)
    assert results == ["already", "done"]
    async with db.read() as session:
        assert await session.scalar(select(func.count(Report.id))) == 1


async def test_an_officer_cannot_report_for_another_commune(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    _, _, mai, assignment_id = await _setup(db, settings)
    reports = ReportService(db)
    with pytest.raises(NotYourUnit):
        await reports.press(mai, assignment_id)
    with pytest.raises(NotYourUnit):
        await reports.apply(mai, [Step(assignment_id, StepKind.NOT_DONE, reason="x")], via=ReportVia.TEXT)
    assert await reports.undo_target(mai, "hủy báo cáo") is None
    async with db.read() as session:
        assert await session.scalar(select(func.count(Report.id))) == 0


async def test_counts_reasons_and_undo(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    lan, hung, _, assignment_id = await _setup(db, settings)
    reports = ReportService(db)
    not_done = await reports.apply(
        lan, [Step(assignment_id, StepKind.NOT_DONE, reason="mất điện")], via=ReportVia.TEXT
    )
    assert [(o.result, o.reason) for o in not_done.outcomes] == [("not_done", "mất điện")]
    done = await reports.apply(lan, [Step(assignment_id, StepKind.DONE, count=2)], via=ReportVia.TEXT)
    more = await reports.apply(hung, [Step(assignment_id, StepKind.MORE, count=3)], via=ReportVia.TEXT)
    assert (done.outcomes[0].total, more.outcomes[0].total) == (2, 5)
    # Lan undoes her done: Hùng's broadcasts still stand, so the assignment stays done
    target = await reports.undo_target(lan)
    assert target is not None and [r.id for r in target.reports] == [done.outcomes[0].report_id]
    [after] = await reports.undo(lan, target.reports[0].id, True)
    assert after.done
    assert await reports.undo(lan, target.reports[0].id, True) == []  # twice: nothing more
    # Hùng undoes his: nothing stands any more, the assignment is pending again
    [after] = await reports.undo(hung, more.outcomes[0].report_id or 0, False)
    assert not after.done
    assert await reports.undo(lan, more.outcomes[0].report_id or 0, False) == []  # not hers
