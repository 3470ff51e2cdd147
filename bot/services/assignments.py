"""What a commune has to broadcast: this week's assignments, pending ones, and who reported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import repo
from bot.db.models import Assignment, Report

__all__ = ["Item", "WeekView", "pending_items", "week_bounds", "week_view"]


@dataclass(slots=True)
class Item:
    """An assignment with its directive, and the report that stands (if done)."""

    assignment: Assignment
    report: Report | None = None
    reporter: str | None = None

    @property
    def done(self) -> bool:
        return self.assignment.status == "done"


@dataclass(slots=True)
class WeekView:
    start: date
    end: date
    current: list[Item]
    upcoming: Item | None = None
    recent: Item | None = None


def week_bounds(now: datetime, tz: ZoneInfo) -> tuple[date, date]:
    """Monday and Sunday of the week containing `now` in the time zone."""
    today = now.astimezone(tz).date()
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def _touches(a: Assignment, start: date, end: date) -> bool:
    d = a.directive
    if d.broadcast_from is None and d.broadcast_to is None:
        return False
    first = d.broadcast_from or d.broadcast_to
    last = d.broadcast_to or d.broadcast_from
    assert first is not None and last is not None
    return first <= end and last >= start


async def _items(session: AsyncSession, assignments: list[Assignment]) -> list[Item]:
    reports = await repo.active_reports(session, [a.id for a in assignments])
    out = []
    for a in assignments:
        report, name = reports.get(a.id, (None, None))
        out.append(Item(a, report, name))
    return out


def _sort_key(item: Item) -> tuple[int, date, int]:
    due = item.assignment.due or date.max
    return (1 if item.done else 0, due, -item.assignment.id)


async def week_view(session: AsyncSession, unit_id: int, now: datetime, tz: ZoneInfo) -> WeekView:
    """Assignments whose broadcast period touches this week, plus pending ones not past due."""
    start, end = week_bounds(now, tz)
    today = now.astimezone(tz).date()
    assignments = await repo.unit_assignments(session, unit_id)
    current = [
        a for a in assignments
        if _touches(a, start, end) or (a.status == "pending" and (a.due is None or a.due >= today))
    ]
    items = sorted(await _items(session, current), key=_sort_key)
    view = WeekView(start, end, items)
    if not items and assignments:
        later = [a for a in assignments if (a.directive.broadcast_from or date.min) > end]
        if later:
            view.upcoming = (await _items(session, [min(later, key=lambda a: a.directive.broadcast_from or date.max)]))[0]
        else:
            view.recent = (await _items(session, [assignments[0]]))[0]
    return view


async def pending_items(session: AsyncSession, unit_id: int) -> list[Item]:
    """All pending assignments of a unit, soonest deadline first."""
    assignments = await repo.unit_assignments(session, unit_id, status="pending")
    return sorted(await _items(session, assignments), key=_sort_key)
