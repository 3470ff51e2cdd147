"""The clock: reminders before deadlines, the Monday digest to officers, the daily digest to admins.

Everything is queued through the outbox (unique per kind + ref + chat), so a restart or a second
scheduler never sends the same reminder twice. `tick(now)` is a plain function of the clock.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime, timedelta
from html import escape

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import texts
from bot.config import Settings
from bot.db import repo
from bot.db.models import utcnow
from bot.services.assignments import queue_reminders, week_view
from bot.services.periodic import run_every
from bot.views import fmt_date

__all__ = ["Scheduler", "TickResult"]

log = logging.getLogger(__name__)
ADMIN_DIGEST_DAYS = 3


class TickResult(dict[str, int]):
    """How many rows each job queued in one tick."""


class Scheduler:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], settings: Settings, interval: float = 60.0
    ) -> None:
        self.sessions = sessions
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
        result = TickResult(reminders=0, weekly=0, admin_digest=0)
        if self.is_quiet(now):
            return result
        local = now.astimezone(self.settings.tz)
        async with self.sessions.begin() as session:
            if local.hour >= self._hour(self.settings.reminder_hour):
                result["reminders"] = await self._reminders(session, local)
            week_key = ("weekly", f"{local.isocalendar().year}-W{local.isocalendar().week:02d}")
            if (
                local.weekday() == self.settings.digest_weekday
                and local.hour >= self._hour(self.settings.digest_hour)
                and week_key not in self._done
            ):
                result["weekly"] = await self._weekly(session, now, week_key[1])
                self._done.add(week_key)
            day_key = ("admin", local.date().isoformat())
            if local.hour >= self._hour(self.settings.admin_digest_hour) and day_key not in self._done:
                result["admin_digest"] = await self._admin_digest(session, local)
                self._done.add(day_key)
        return result

    async def _reminders(self, session: AsyncSession, local: datetime) -> int:
        today = local.date()
        offsets = sorted({*self.settings.reminder_days_before, 0})
        due = await repo.pending_assignments(session, today, today + timedelta(days=max(offsets)))
        reminders = []
        for a in due:
            assert a.due is not None
            days = (a.due - today).days
            if days in offsets:
                reminders.append((a, f"{a.id}:d{days}", {"days": days}))
        return await queue_reminders(session, reminders)

    async def _weekly(self, session: AsyncSession, now: datetime, week: str) -> int:
        officers = await repo.active_unit_officers(session)
        by_unit: dict[int, list[int]] = defaultdict(list)
        for index, o in enumerate(officers):
            by_unit[o.unit_id or 0].append(index)
        rows = []
        for unit_id, indexes in by_unit.items():
            view = await week_view(session, unit_id, now, self.settings.tz)
            if not view.current:
                continue
            for i in indexes:
                o = officers[i]
                rows.append(
                    {
                        "chat_id": o.chat_id,
                        "officer_id": o.id,
                        "kind": "weekly",
                        "ref": week,
                        "payload": {"unit_id": unit_id},
                    }
                )
        return await repo.enqueue(session, rows)

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
            number = escape((a.directive.number or "").strip() or f"#{did}")
            shown = ", ".join(escape(n) for n in names[:15]) + (
                f" … (+{len(names) - 15})" if len(names) > 15 else ""
            )
            items.append(
                texts.PUSH_ADMIN_DIGEST_ITEM.format(
                    number=number, due=fmt_date(a.due), n=len(names), units=shown
                )
            )
        text = texts.PUSH_ADMIN_DIGEST.format(days=ADMIN_DIGEST_DAYS, items="\n".join(items))[:4000]
        rows = [
            {
                "chat_id": admin.chat_id,
                "officer_id": admin.id,
                "kind": "admin_digest",
                "ref": today.isoformat(),
                "payload": {"text": text},
            }
            for admin in await repo.active_admins(session)
        ]
        return await repo.enqueue(session, rows)

    async def run(self) -> None:
        await run_every(self.interval, self.tick, "scheduler tick")
