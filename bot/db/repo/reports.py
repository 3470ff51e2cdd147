"""Reports and evidence: what officers said they did, the broadcasts counted, the reasons for what was
not done, the photos and recordings they sent, and undoing it."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Assignment, AssignmentStatus, Evidence, Report, ReportOutcome
from bot.db.repo.assignments import _item, _item_select
from bot.db.rows import Item

__all__ = [
    "add_evidence",
    "add_report_row",
    "broadcasts_of",
    "latest_report_on",
    "recent_report",
    "reports_by_ids",
    "reports_in_batch",
    "set_report_count",
    "undo_reports",
    "unit_items",
]


@functools.cache
def _unit_items_stmt() -> Select[Any]:
    ids = Assignment.__table__.c.id
    return (
        _item_select()
        .where(Assignment.__table__.c.unit_id == bindparam("unit_id"))
        .order_by(ids.desc())
        .limit(bindparam("limit"))
    )


async def unit_items(session: AsyncSession, unit_id: int, limit: int = 200) -> list[Item]:
    """Every assignment of published directives of a unit (pending and done), newest first. The statement
    is built once (every officer's report reads this)."""
    result = await session.execute(_unit_items_stmt(), {"unit_id": unit_id, "limit": limit})
    return [_item(row) for row in result]


async def add_report_row(session: AsyncSession, report: Report) -> Report:
    """Store a report that does not change its assignment's status (more broadcasts, not done)."""
    session.add(report)
    await session.flush()
    return report


async def recent_report(
    session: AsyncSession, officer_id: int, since: datetime, assignment_ids: Sequence[int]
) -> Report | None:
    """The officer's most recent report (done or more) made after `since` on one of these assignments."""
    if not assignment_ids:
        return None
    stmt = (
        select(Report)
        .where(
            Report.officer_id == officer_id,
            Report.undone_at.is_(None),
            Report.created_at >= since,
            Report.outcome.in_([ReportOutcome.DONE, ReportOutcome.MORE]),
            Report.assignment_id.in_(list(assignment_ids)),
        )
        .order_by(Report.created_at.desc(), Report.id.desc())
        .limit(1)
    )
    return await session.scalar(stmt)


async def latest_report_on(session: AsyncSession, officer_id: int, assignment_id: int) -> Report | None:
    """The officer's latest standing done/more report on an assignment."""
    stmt = (
        select(Report)
        .where(
            Report.officer_id == officer_id,
            Report.assignment_id == assignment_id,
            Report.undone_at.is_(None),
            Report.outcome.in_([ReportOutcome.DONE, ReportOutcome.MORE]),
        )
        .order_by(Report.id.desc())
        .limit(1)
    )
    return await session.scalar(stmt)


async def set_report_count(session: AsyncSession, report_id: int, count: int) -> None:
    """Give a report the number of broadcasts the officer stated afterwards."""
    await session.execute(update(Report).where(Report.id == report_id).values(count=count))


async def reports_in_batch(session: AsyncSession, batch: str) -> list[Report]:
    """The standing reports one message (or one button press) made."""
    stmt = select(Report).where(Report.batch == batch, Report.undone_at.is_(None)).order_by(Report.id)
    return list((await session.scalars(stmt)).all())


async def reports_by_ids(session: AsyncSession, ids: Sequence[int]) -> list[Report]:
    if not ids:
        return []
    stmt = select(Report).where(Report.id.in_(list(ids))).order_by(Report.id)
    return list((await session.scalars(stmt)).all())


async def undo_reports(session: AsyncSession, reports: Sequence[Report], now: datetime) -> None:
    """Undo reports (and the evidence sent with them); an assignment is pending again only when no done
    report of it still stands."""
    ids = [r.id for r in reports]
    if not ids:
        return
    await session.execute(update(Report).where(Report.id.in_(ids)).values(undone_at=now))
    await session.execute(update(Evidence).where(Evidence.report_id.in_(ids)).values(undone_at=now))
    for assignment_id in sorted({r.assignment_id for r in reports}):
        standing = await session.scalar(
            select(func.count(Report.id)).where(
                Report.assignment_id == assignment_id,
                Report.undone_at.is_(None),
                Report.outcome.in_([ReportOutcome.DONE, ReportOutcome.MORE]),
            )
        )
        if not standing:
            await session.execute(
                update(Assignment)
                .where(Assignment.id == assignment_id)
                .values(status=AssignmentStatus.PENDING, done_at=None)
            )


async def add_evidence(session: AsyncSession, evidence: Evidence) -> Evidence:
    session.add(evidence)
    await session.flush()
    return evidence


async def broadcasts_of(session: AsyncSession, assignment_ids: Sequence[int]) -> dict[int, int]:
    """Broadcasts counted so far per assignment: the counts of its standing done and more reports."""
    if not assignment_ids:
        return {}
    result = await session.execute(_broadcasts_stmt(), {"ids": list(assignment_ids)})
    return {int(a): int(n or 0) for a, n in result.all()}


@functools.cache
def _broadcasts_stmt() -> Select[Any]:
    r = Report.__table__.c
    return (
        select(r.assignment_id, func.coalesce(func.sum(r.count), 0))
        .where(
            r.assignment_id.in_(bindparam("ids", expanding=True)),
            r.undone_at.is_(None),
            r.outcome.in_([ReportOutcome.DONE, ReportOutcome.MORE]),
        )
        .group_by(r.assignment_id)
    )
