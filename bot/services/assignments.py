"""What a commune has to broadcast: this week's assignments, pending ones, and who reported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import repo
from bot.db.models import Assignment, Officer
from bot.db.rows import Item

__all__ = ["PAGE_SIZE", "Item", "WeekView", "pending_items", "queue_reminders", "week_bounds", "week_view"]


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
    session: AsyncSession, unit_id: int, now: datetime, tz: ZoneInfo, page: int = 0
) -> WeekView:
    """Page `page` (PAGE_SIZE items) of the assignments whose broadcast period touches this week, plus pending
    ones not past due; when there is none, the nearest upcoming one or else the most recent. A page past
    the end shows the last one."""
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


async def queue_reminders(
    session: AsyncSession, reminders: list[tuple[Assignment, str, dict[str, Any]]]
) -> int:
    """Queue a reminder (assignment, ref, extra payload) to every active officer of its commune; returns how many."""
    officers = await repo.officers_in_units(session, sorted({a.unit_id for a, _, _ in reminders}))
    by_unit: dict[int, list[Officer]] = {}
    for o in officers:
        if o.role == "officer" and o.unit_id is not None:
            by_unit.setdefault(o.unit_id, []).append(o)
    rows = [
        {
            "chat_id": o.chat_id,
            "officer_id": o.id,
            "kind": "reminder",
            "ref": ref,
            "payload": {"assignment_id": a.id, "directive_id": a.directive_id, **extra},
        }
        for a, ref, extra in reminders
        for o in by_unit.get(a.unit_id, [])
    ]
    return await repo.enqueue(session, rows)
