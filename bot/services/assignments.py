"""What a commune has to broadcast: this week's assignments, pending ones, and who reported."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import repo
from bot.db.models import Assignment, Role
from bot.db.rows import Item
from bot.delivery.outbox import OutboxRow

__all__ = [
    "PAGE_SIZE",
    "Item",
    "Reminded",
    "WeekView",
    "pending_items",
    "queue_reminders",
    "week_bounds",
    "week_view",
]


PAGE_SIZE = 8


@dataclass(slots=True)
class WeekView:
    """One page of this week's items (`more` when a next page exists), or else the nearest upcoming or
    most recent item."""

    start: date
    end: date
    current: list[Item]
    page: int = 0
    more: bool = False
    upcoming: Item | None = None
    recent: Item | None = None


def week_bounds(now: datetime, tz: ZoneInfo) -> tuple[date, date]:
    """Monday and Sunday of the week containing `now` in the time zone."""
    today = now.astimezone(tz).date()
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


async def week_view(
    session: AsyncSession, unit_id: int, now: datetime, tz: ZoneInfo, page: int = 0, offset: int = 0
) -> WeekView:
    """Page `page` (PAGE_SIZE items) of the assignments whose broadcast period touches this week, plus pending
    ones not past due; when there is none, the nearest upcoming one or else the most recent. A page past
    the end shows the last one."""
    now = now + timedelta(weeks=offset)
    start, end = week_bounds(now, tz)
    today = now.astimezone(tz).date()
    page = max(0, min(page, 50))
    rows = await repo.week_items(session, unit_id, start, end, today, (page + 1) * PAGE_SIZE + 1)
    items = [item for item, current in rows if current]
    if items:
        page = min(page, (len(items) - 1) // PAGE_SIZE)
        shown = items[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        return WeekView(start, end, shown, page, more=len(items) > (page + 1) * PAGE_SIZE)
    view = WeekView(start, end, [])
    if rows:
        item = rows[0][0]
        if item.broadcast_from is not None and item.broadcast_from > end:
            view.upcoming = item
        else:
            view.recent = item
    return view


async def pending_items(session: AsyncSession, unit_id: int) -> list[Item]:
    """All pending assignments of a unit, soonest deadline first."""
    return await repo.pending_unit_items(session, unit_id)


@dataclass(slots=True)
class Reminded:
    """What a round of reminders reached: officers, their communes, and communes nobody can be told."""

    officers: int
    communes: int
    queued: int
    unreachable: int


async def queue_reminders(session: AsyncSession, pending: Sequence[Assignment], ref: str) -> Reminded:
    """One reminder per active officer of each commune with pending assignments, listing all of them
    (rendered at send time, so what was reported meanwhile drops out); `ref` makes it once per round."""
    by_unit: dict[int, list[int]] = {}
    for a in sorted(pending, key=lambda a: (a.due is None, a.due, a.id)):
        by_unit.setdefault(a.unit_id, []).append(a.id)
    officers = [
        o
        for o in await repo.officers_in_units(session, sorted(by_unit))
        if o.role == Role.OFFICER and o.unit_id is not None
    ]
    rows = [OutboxRow.reminder(o, ref, by_unit[o.unit_id or 0]) for o in officers]
    queued = await repo.enqueue(session, rows)
    reached = {o.unit_id for o in officers}
    return Reminded(len(officers), len(reached), queued, len(set(by_unit) - reached))
