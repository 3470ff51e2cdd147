"""The clock: drafts scheduled for publication, reminders before deadlines, the Monday digest to officers,
the daily digest to admins.

Everything is queued through the outbox (unique per kind + ref + chat), so a restart or a second
scheduler never sends the same reminder twice. `tick(now)` is a plain function of the clock.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.config import Settings
from bot.db import repo
from bot.db.database import Database
from bot.db.models import utcnow
from bot.delivery.outbox import OutboxRow
from bot.services.assignments import queue_reminders, week_view
from bot.services.desk import DeskService
from bot.services.periodic import run_every
from bot.views import fit, fmt_date, names_list, number_text

__all__ = ["Scheduler", "TickResult"]

log = logging.getLogger(__name__)
ADMIN_DIGEST_DAYS = 3


class TickResult(dict[str, int]):
    """How many rows each job queued in one tick."""


class Scheduler:
    def __init__(self, db: Database, settings: Settings, interval: float = 60.0) -> None:
        self.db = db
        self.settings = settings
        self.interval = interval
        self._done: set[tuple[str, str]] = (
            set()
        )  # jobs finished in this process (the outbox dedupes across processes)

    def is_quiet(self, now: datetime) -> bool:
        hour = now.astimezone(self.settings.tz).hour
        start, end = self.settings.quiet_start_hour, self.settings.quiet_end_hour
        return hour >= start or hour < end if start > end else start <= hour < end

    def _hour(self, hour: int) -> int:
        """A configured hour moved out of the quiet night."""
        s = self.settings
        probe = datetime(2000, 1, 3, hour, tzinfo=s.tz)
        return s.quiet_end_hour if self.is_quiet(probe) else hour

    async def tick(self, now: datetime | None = None) -> TickResult:
        """Queue whatever is due at `now`; nothing at night."""
        now = now or utcnow()
        result = TickResult(reminders=0, weekly=0, admin_digest=0, published=0)
        # drafts scheduled for now: the admin chose the time, so even a quiet hour is kept
        result["published"] = await DeskService(self.db, self.settings).publish_due(now)
        if self.is_quiet(now):
            return result
        local = now.astimezone(self.settings.tz)
        if local.hour >= self._hour(self.settings.reminder_hour):
            async with self.db.write() as session:
                result["reminders"] = await self._reminders(session, local)
        week_key = ("weekly", f"{local.isocalendar().year}-W{local.isocalendar().week:02d}")
        if (
            local.weekday() == self.settings.digest_weekday
            and local.hour >= self._hour(self.settings.digest_hour)
            and week_key not in self._done
        ):
            result["weekly"] = await self._weekly(now, week_key[1])
            self._done.add(week_key)
        day_key = ("admin", local.date().isoformat())
        if local.hour >= self._hour(self.settings.admin_digest_hour) and day_key not in self._done:
            async with self.db.write() as session:
                result["admin_digest"] = await self._admin_digest(session, local)
            self._done.add(day_key)
        return result

    async def _reminders(self, session: AsyncSession, local: datetime) -> int:
        """On a day when something is due in one of REMINDER_DAYS_BEFORE days (or today), each officer of
        that commune gets one reminder listing everything the commune has pending."""
        today = local.date()
        offsets = sorted({*self.settings.reminder_days_before, 0})
        due = await repo.pending_assignments(session, today, today + timedelta(days=max(offsets)))
        units = sorted({a.unit_id for a in due if a.due is not None and (a.due - today).days in offsets})
        if not units:
            return 0
        pending = await repo.pending_assignments(session, unit_ids=units)
        return (await queue_reminders(session, pending, f"auto:{today.isoformat()}")).queued

    async def _weekly(self, now: datetime, week: str) -> int:
        """Monday's digest to every officer whose commune has something this week (read first, then
        queued in short transactions)."""
        async with self.db.read() as session:
            officers = await repo.active_unit_officers(session)
            by_unit: dict[int, list[int]] = defaultdict(list)
            for index, o in enumerate(officers):
                by_unit[o.unit_id or 0].append(index)
            rows: list[OutboxRow] = []
            for unit_id, indexes in by_unit.items():
                view = await week_view(session, unit_id, now, self.settings.tz)
                if view.current:
                    rows.extend(OutboxRow.weekly(officers[i], unit_id, week) for i in indexes)
        queued = 0
        for start in range(0, len(rows), 1000):
            async with self.db.write() as session:
                queued += await repo.enqueue(session, rows[start : start + 1000])
        return queued

    async def _admin_digest(self, session: AsyncSession, local: datetime) -> int:
        today = local.date()
        due = await repo.pending_assignments(session, today, today + timedelta(days=ADMIN_DIGEST_DAYS))
        if not due:
            return 0
        units = await repo.units_by_ids(session, [a.unit_id for a in due])
        by_directive: dict[int, list[str]] = defaultdict(list)
        directives = {}
        for a in due:
            unit = units.get(a.unit_id)
            by_directive[a.directive_id].append(unit.name if unit else str(a.unit_id))
            directives[a.directive_id] = a
        items = []
        for did, names in by_directive.items():
            a = directives[did]
            items.append(
                texts.PUSH_ADMIN_DIGEST_ITEM.format(
                    number=number_text(a.directive.number),
                    due=fmt_date(a.due),
                    n=len(names),
                    units=names_list(names, 15),
                )
            )
        text = fit(texts.PUSH_ADMIN_DIGEST.format(days=ADMIN_DIGEST_DAYS, items="\n".join(items)))
        rows = [OutboxRow.admin_digest(admin, today, text) for admin in await repo.active_admins(session)]
        return await repo.enqueue(session, rows)

    async def run(self) -> None:
        await run_every(self.interval, self.tick, "scheduler tick")
