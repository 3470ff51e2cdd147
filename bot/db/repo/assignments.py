"""Assignments (directive × unit) and the reports that close them, including the hot Core
statements behind every listing, which return `Item` rows."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Select, Update, bindparam, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager

from bot.db.models import (
    Assignment,
    AssignmentStatus,
    Directive,
    DirectiveStatus,
    Officer,
    Report,
    ReportOutcome,
    utcnow,
)
from bot.db.repo._common import _insert
from bot.db.rows import Item

__all__ = [
    "active_reports",
    "add_report",
    "assigned_unit_ids",
    "assignment_counts",
    "assignment_of",
    "assignment_place",
    "assignments_by_ids",
    "closed_assignment",
    "create_assignments",
    "items_by_ids",
    "last_report_by",
    "pending_assignments",
    "pending_unit_items",
    "published_directive_ids_for_unit",
    "set_assignments_due",
    "undo_report",
    "week_items",
]


async def create_assignments(
    session: AsyncSession, directive_id: int, unit_ids: Sequence[int], due: date | None
) -> list[Assignment]:
    """Assign a directive to units (existing assignments are kept); returns all its assignments for those units."""
    if unit_ids:
        rows = [
            {
                "directive_id": directive_id,
                "unit_id": uid,
                "due": due,
                "status": AssignmentStatus.PENDING,
                "created_at": utcnow(),
            }
            for uid in unit_ids
        ]
        for start in range(0, len(rows), 500):
            await session.execute(
                _insert(session, Assignment).values(rows[start : start + 500]).on_conflict_do_nothing()
            )
    stmt = select(Assignment).where(
        Assignment.directive_id == directive_id, Assignment.unit_id.in_(list(unit_ids))
    )
    return list((await session.scalars(stmt)).all())


async def assigned_unit_ids(session: AsyncSession, directive_id: int) -> set[int]:
    """Units a directive is already assigned to."""
    rows = await session.scalars(select(Assignment.unit_id).where(Assignment.directive_id == directive_id))
    return set(rows.all())


async def published_directive_ids_for_unit(session: AsyncSession, unit_id: int) -> set[int]:
    """Ids of the published directives assigned to a unit: what its officers may read."""
    rows = await session.scalars(
        select(Assignment.directive_id)
        .join(Directive, Directive.id == Assignment.directive_id)
        .where(Assignment.unit_id == unit_id, Directive.status == DirectiveStatus.PUBLISHED)
    )
    return set(rows.all())


def _assignment_query() -> Select[Any]:
    """Assignments of published directives, with the directive (without its full text)."""
    return (
        select(Assignment)
        .join(Directive, Directive.id == Assignment.directive_id)
        .options(contains_eager(Assignment.directive).defer(Directive.body).defer(Directive.recipients))
        .where(Directive.status == DirectiveStatus.PUBLISHED)
    )


# Hot queries (every "tuần này phát gì", every report) are plain Core statements built once with bind
# parameters: on SQLite, building a statement this size and hydrating ORM objects cost several times
# more than running it.

_A = Assignment.__table__.c
_D = Directive.__table__.c
_R = Report.__table__.c
_O = Officer.__table__.c


def _item(row: Any) -> Item:
    return Item(
        assignment_id=row[0],
        directive_id=row[1],
        unit_id=row[2],
        status=row[3],
        due=row[4],
        number=row[5],
        subject=row[6],
        topic_titles=row[7] or [],
        broadcast_from=row[8],
        broadcast_to=row[9],
        reported_at=row[10],
        reporter=row[11],
        reporter_id=row[12],
        report_count=row[13],
    )


@functools.cache
def _item_select() -> Select[Any]:
    """Assignments of published directives with what a list shows, plus the report that stands (the
    latest not undone) and its officer's name."""
    latest = (
        select(func.max(_R.id))
        .where(
            _R.assignment_id == _A.id,
            _R.undone_at.is_(None),
            _R.outcome.in_([ReportOutcome.DONE, ReportOutcome.MORE]),
        )
        .correlate(Assignment.__table__)
        .scalar_subquery()
    )
    joined = (
        Assignment.__table__.join(Directive.__table__, _D.id == _A.directive_id)
        .outerjoin(Report.__table__, _R.id == latest)
        .outerjoin(Officer.__table__, _O.id == _R.officer_id)
    )
    return (
        select(
            _A.id,
            _A.directive_id,
            _A.unit_id,
            _A.status,
            _A.due,
            _D.number,
            _D.subject,
            _D.topic_titles,
            _D.broadcast_from,
            _D.broadcast_to,
            _R.created_at,
            _O.name,
            _R.officer_id,
            _R.count,
        )
        .select_from(joined)
        .where(_D.status == DirectiveStatus.PUBLISHED)
    )


@functools.cache
def _week_stmt(limit: int) -> Select[Any]:
    start, end, today = (
        bindparam("start", type_=Date),
        bindparam("end", type_=Date),
        bindparam("today", type_=Date),
    )
    first = func.coalesce(_D.broadcast_from, _D.broadcast_to)
    last = func.coalesce(_D.broadcast_to, _D.broadcast_from)
    touches = (first.is_not(None)) & (first <= end) & (last >= start)
    open_pending = (_A.status == AssignmentStatus.PENDING) & (or_(_A.due.is_(None), _A.due >= today))
    current = or_(touches, open_pending)
    is_current = case((current, 1), else_=0)
    upcoming = _D.broadcast_from > end
    return (
        _item_select()
        .add_columns(is_current)
        .where(_A.unit_id == bindparam("unit_id"))
        .order_by(
            is_current.desc(),
            case((current & (_A.status == AssignmentStatus.DONE), 1), else_=0),
            case((current & _A.due.is_(None), 1), else_=0),
            case((current, _A.due)),
            case((upcoming, 0), else_=1),
            case((upcoming, _D.broadcast_from)),
            _A.id.desc(),
        )
        .limit(limit)
    )


@functools.cache
def _pending_stmt() -> Select[Any]:
    return (
        _item_select()
        .where(_A.unit_id == bindparam("unit_id"), _A.status == AssignmentStatus.PENDING)
        .order_by(case((_A.due.is_(None), 1), else_=0), _A.due, _A.id.desc())
    )


@functools.cache
def _items_by_ids_stmt() -> Select[Any]:
    return _item_select().where(_A.id.in_(bindparam("ids", expanding=True)))


async def week_items(
    session: AsyncSession, unit_id: int, start: date, end: date, today: date, limit: int
) -> list[tuple[Item, bool]]:
    """In one query: the unit's assignments whose broadcast period touches [start, end] or that are pending
    and not past due (flag True; pending first, then soonest due, none last, then newest); after them, the
    nearest upcoming one, then the most recent (flag False), for when nothing is current. Pages rely on
    this order being total."""
    result = await session.execute(
        _week_stmt(limit), {"unit_id": unit_id, "start": start, "end": end, "today": today}
    )
    return [(_item(row), bool(row[14])) for row in result]


async def pending_unit_items(session: AsyncSession, unit_id: int) -> list[Item]:
    """A unit's pending assignments of published directives, soonest deadline first (none last, then newest)."""
    return [_item(row) for row in await session.execute(_pending_stmt(), {"unit_id": unit_id})]


async def items_by_ids(session: AsyncSession, assignment_ids: Sequence[int]) -> dict[int, Item]:
    """Assignments of published directives by id, each with the report that stands."""
    if not assignment_ids:
        return {}
    result = await session.execute(_items_by_ids_stmt(), {"ids": sorted(set(assignment_ids))})
    return {item.assignment_id: item for item in map(_item, result)}


async def assignment_of(session: AsyncSession, directive_id: int, unit_id: int) -> Assignment | None:
    return await session.scalar(
        _assignment_query().where(Assignment.directive_id == directive_id, Assignment.unit_id == unit_id)
    )


async def active_reports(
    session: AsyncSession, assignment_ids: Sequence[int]
) -> dict[int, tuple[Report, str]]:
    """The latest report not undone of each assignment, with the reporting officer's name."""
    if not assignment_ids:
        return {}
    stmt = (
        select(Report, Officer.name)
        .join(Officer, Officer.id == Report.officer_id)
        .where(Report.assignment_id.in_(list(assignment_ids)), Report.undone_at.is_(None))
        .order_by(Report.created_at)
    )
    out: dict[int, tuple[Report, str]] = {}
    for report, name in (await session.execute(stmt)).all():
        out[report.assignment_id] = (report, name)
    return out


async def add_report(session: AsyncSession, report: Report, now: datetime) -> bool:
    """Mark the report's assignment done and store the report; False (nothing stored) when the
    assignment is no longer pending, because someone reported it meanwhile."""
    result = await session.execute(_mark_done_stmt(), {"assignment_id": report.assignment_id, "now": now})
    if (result.rowcount or 0) != 1:  # type: ignore[attr-defined]
        return False
    session.add(report)
    await session.flush()
    return True


@functools.cache
def _mark_done_stmt() -> Update:
    return (
        update(Assignment)
        .where(Assignment.id == bindparam("assignment_id"), Assignment.status == AssignmentStatus.PENDING)
        .values(status=AssignmentStatus.DONE, done_at=bindparam("now"))
        .execution_options(synchronize_session=False)  # callers hold no Assignment object in the session
    )


async def last_report_by(session: AsyncSession, officer_id: int, since: datetime) -> Report | None:
    """The officer's most recent report, not undone, made after `since`."""
    stmt = (
        select(Report)
        .where(Report.officer_id == officer_id, Report.undone_at.is_(None), Report.created_at >= since)
        .order_by(Report.created_at.desc(), Report.id.desc())
        .limit(1)
    )
    return await session.scalar(stmt)


async def undo_report(session: AsyncSession, report: Report, now: datetime) -> None:
    """Undo a report; its assignment is pending again unless another report still stands."""
    report.undone_at = now
    await session.flush()
    remaining = await session.scalar(
        select(func.count(Report.id)).where(
            Report.assignment_id == report.assignment_id, Report.undone_at.is_(None)
        )
    )
    if not remaining:
        await session.execute(
            update(Assignment)
            .where(Assignment.id == report.assignment_id)
            .values(status=AssignmentStatus.PENDING, done_at=None)
        )


async def pending_assignments(
    session: AsyncSession,
    due_from: date | None = None,
    due_to: date | None = None,
    *,
    unit_ids: Sequence[int] | None = None,
    directive_id: int | None = None,
) -> list[Assignment]:
    """Pending assignments of published directives, optionally only those due between two dates
    (inclusive), of some units, or of one directive."""
    stmt = _assignment_query().where(Assignment.status == AssignmentStatus.PENDING)
    if due_from is not None:
        stmt = stmt.where(Assignment.due >= due_from)
    if due_to is not None:
        stmt = stmt.where(Assignment.due <= due_to)
    if unit_ids is not None:
        stmt = stmt.where(Assignment.unit_id.in_(list(unit_ids)))
    if directive_id is not None:
        stmt = stmt.where(Assignment.directive_id == directive_id)
    return list((await session.scalars(stmt.order_by(Assignment.due, Assignment.id))).all())


async def assignments_by_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, Assignment]:
    """Assignments with directive and topics, for rendering a batch of pushes in two queries."""
    if not ids:
        return {}
    rows = await session.scalars(_assignment_query().where(Assignment.id.in_(list(set(ids)))))
    return {a.id: a for a in rows}


async def assignment_place(session: AsyncSession, assignment_id: int) -> tuple[int, int] | None:
    """(directive id, unit id) of an assignment."""
    row = (
        await session.execute(
            select(Assignment.directive_id, Assignment.unit_id).where(Assignment.id == assignment_id)
        )
    ).first()
    return (int(row[0]), int(row[1])) if row else None


async def set_assignments_due(session: AsyncSession, directive_id: int, due: date | None) -> int:
    """A directive's new deadline on every one of its assignments; returns how many."""
    result = await session.execute(
        update(Assignment).where(Assignment.directive_id == directive_id).values(due=due)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def assignment_counts(session: AsyncSession, directive_id: int) -> dict[AssignmentStatus, int]:
    """How many of a directive's assignments are pending and done."""
    rows = await session.execute(
        select(Assignment.status, func.count(Assignment.id))
        .where(Assignment.directive_id == directive_id)
        .group_by(Assignment.status)
    )
    counts = dict.fromkeys(AssignmentStatus, 0)
    for status, n in rows.all():
        counts[AssignmentStatus(status)] = int(n)
    return counts


async def closed_assignment(session: AsyncSession, assignment_id: int) -> bool:
    """Whether an assignment belongs to a directive that was recalled (closed)."""
    status = await session.scalar(
        select(Directive.status)
        .join(Assignment, Assignment.directive_id == Directive.id)
        .where(Assignment.id == assignment_id)
    )
    return status == DirectiveStatus.CLOSED
