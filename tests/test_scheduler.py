"""The scheduler over a simulated week with a fixed clock: right days, never at night, never twice."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from bot.db import repo
from bot.db.models import Assignment, Delivery, Officer, Report, utcnow
from bot.delivery.scheduler import Scheduler
from bot.services import directives as service
from bot.services.setup import open_database
from bot.services.units import commune_units
from tests.helpers.settings import SAMPLES, make_settings

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = date(2026, 11, 23)


async def test_a_week_of_ticks(tmp_path: Path) -> None:
    settings = make_settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 's.db'}", reminder_days_before=[2]
    )
    db = await open_database(settings)
    try:
        async with db.write() as session:
            communes = await commune_units(session, settings.province)
            x, y = communes[0], communes[1]
            officers = [
                Officer(telegram_id=1, chat_id=1, name="X1", unit_id=x.id),
                Officer(telegram_id=2, chat_id=2, name="X2", unit_id=x.id),
                Officer(telegram_id=3, chat_id=3, name="Y1", unit_id=y.id),
                Officer(telegram_id=9, chat_id=9, name="Admin", unit_id=None, role="admin"),
            ]
            session.add_all(officers)
            a = (await service.import_file(session, SAMPLES / "002_ef0d770650401283.txt")).directive
            b = (await service.import_file(session, SAMPLES / "003_f355f8ad106b5bf4.txt")).directive
            await service.publish(session, a, [x, y], due=MONDAY + timedelta(days=2))  # Wednesday
            await service.publish(session, b, [x, y], due=MONDAY + timedelta(days=6))  # Sunday
            done = await session.scalar(
                select(Assignment).where(Assignment.directive_id == a.id, Assignment.unit_id == y.id)
            )
            assert done is not None
            report = Report(assignment_id=done.id, officer_id=officers[2].id, outcome="done", via="text")
            assert await repo.add_report(session, report, utcnow())
            await session.execute(
                update(Delivery).values(status="sent")
            )  # the publication pushes went out already
        scheduler = Scheduler(db, settings)
        made: list[tuple[datetime, Delivery]] = []
        seen: set[int] = set()
        start = datetime(2026, 11, 23, 0, 0, tzinfo=TZ)
        for step in range(7 * 48):
            now = start + timedelta(minutes=30 * step)
            await scheduler.tick(now)
            async with db.read() as session:
                rows = (await session.scalars(select(Delivery).where(Delivery.kind != "directive"))).all()
            for row in rows:
                if row.id not in seen:
                    seen.add(row.id)
                    made.append((now, row))
        # nothing at night
        assert all(7 <= when.hour < 21 for when, _ in made)
        # reminders: 2 days before and on the day, 08:00, only to communes that have not reported; one per
        # officer a day, listing everything the commune has pending
        reminders = sorted(
            (when.strftime("%a %H:%M"), row.chat_id, tuple(row.payload["assignment_ids"]))
            for when, row in made
            if row.kind == "reminder"
        )
        a_x = await _assignment(db, a.id, x.id)
        b_x, b_y = await _assignment(db, b.id, x.id), await _assignment(db, b.id, y.id)
        assert reminders == sorted(
            [("Mon 08:00", c, (a_x, b_x)) for c in (1, 2)]
            + [("Wed 08:00", c, (a_x, b_x)) for c in (1, 2)]
            + [("Fri 08:00", c, (a_x, b_x)) for c in (1, 2)]
            + [("Fri 08:00", 3, (b_y,))]
            + [("Sun 08:00", c, (a_x, b_x)) for c in (1, 2)]
            + [("Sun 08:00", 3, (b_y,))]
        )
        # the Monday digest, once per officer, at 07:00
        weekly = [(when.strftime("%a %H:%M"), row.chat_id) for when, row in made if row.kind == "weekly"]
        assert sorted(weekly) == [("Mon 07:00", 1), ("Mon 07:00", 2), ("Mon 07:00", 3)]
        # the admins' digest, once a day at 16:00 while something is due within 3 days
        digests = [
            (when.strftime("%a %H:%M"), row.chat_id) for when, row in made if row.kind == "admin_digest"
        ]
        assert digests == [(d + " 16:00", 9) for d in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")]
        assert "Xã" in made[-1][1].payload["text"] or "Phường" in made[-1][1].payload["text"]
        # never twice, even from a fresh scheduler (a restart) replaying the same week
        assert max(Counter((r.kind, r.ref, r.chat_id) for _, r in made).values()) == 1
        again = Scheduler(db, settings)
        for step in range(7 * 48):
            result = await again.tick(start + timedelta(minutes=30 * step))
            assert result["reminders"] == 0 and result["weekly"] == 0 and result["admin_digest"] == 0
    finally:
        await db.close()


async def _assignment(db, directive_id: int, unit_id: int) -> int:  # type: ignore[no-untyped-def]
    async with db.read() as session:
        found = await session.scalar(
            select(Assignment.id).where(
                Assignment.directive_id == directive_id, Assignment.unit_id == unit_id
            )
        )
    assert found is not None
    return int(found)


def test_quiet_hours_wrap_midnight() -> None:
    settings = make_settings(quiet_start_hour=21, quiet_end_hour=7, reminder_hour=23)
    s = Scheduler(None, settings)  # type: ignore[arg-type]
    assert s.is_quiet(datetime(2026, 11, 23, 22, tzinfo=TZ)) and s.is_quiet(
        datetime(2026, 11, 23, 3, tzinfo=TZ)
    )
    assert not s.is_quiet(datetime(2026, 11, 23, 7, tzinfo=TZ))
    assert s._hour(23) == 7  # a reminder hour set in the night is moved to the morning
    assert utcnow().tzinfo is not None
