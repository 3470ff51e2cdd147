"""Admin views: per-directive progress, who has not reported, the export's rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    Assignment,
    AssignmentStatus,
    Directive,
    DirectiveStatus,
    Report,
    Unit,
)
from bot.db.repo.assignments import active_reports

__all__ = [
    "DirectiveStats",
    "directive_stats",
    "pending_units",
    "report_rows",
]


@dataclass(slots=True)
class DirectiveStats:
    directive_id: int
    number: str | None
    subject: str | None
    total: int
    done: int
    pending: int
    report_due: date | None


async def directive_stats(session: AsyncSession) -> list[DirectiveStats]:
    """Per published directive: how many communes are assigned, done and pending."""
    done = func.sum(case((Assignment.status == AssignmentStatus.DONE, 1), else_=0))
    stmt = (
        select(
            Directive.id,
            Directive.number,
            Directive.subject,
            Directive.report_due,
            func.count(Assignment.id),
            done,
        )
        .join(Assignment, Assignment.directive_id == Directive.id, isouter=True)
        .where(Directive.status == DirectiveStatus.PUBLISHED)
        .group_by(Directive.id, Directive.number, Directive.subject, Directive.report_due)
        .order_by(Directive.id)
    )
    out = []
    for did, number, subject, due, total, done_n in (await session.execute(stmt)).all():
        done_n = int(done_n or 0)
        out.append(DirectiveStats(did, number, subject, int(total), done_n, int(total) - done_n, due))
    return out


async def pending_units(session: AsyncSession) -> dict[int, list[str]]:
    """For each published directive, the names of the units that have not reported."""
    stmt = (
        select(Assignment.directive_id, Unit.name)
        .join(Unit, Unit.id == Assignment.unit_id)
        .join(Directive, Directive.id == Assignment.directive_id)
        .where(Directive.status == DirectiveStatus.PUBLISHED, Assignment.status == AssignmentStatus.PENDING)
        .order_by(Assignment.directive_id, Unit.name)
    )
    out: dict[int, list[str]] = {}
    for did, name in (await session.execute(stmt)).all():
        out.setdefault(int(did), []).append(str(name))
    return out


async def report_rows(
    session: AsyncSession,
) -> list[tuple[Directive, Assignment, Unit, Report | None, str | None]]:
    """Every assignment of published directives with its unit and standing report (for the export)."""
    stmt = (
        select(Directive, Assignment, Unit)
        .join(Assignment, Assignment.directive_id == Directive.id)
        .join(Unit, Unit.id == Assignment.unit_id)
        .where(Directive.status == DirectiveStatus.PUBLISHED)
        .order_by(Directive.id, Unit.name)
    )
    rows = (await session.execute(stmt)).all()
    reports = await active_reports(session, [a.id for _, a, _ in rows])
    out = []
    for d, a, u in rows:
        report, name = reports.get(a.id, (None, None))
        out.append((d, a, u, report, name))
    return out
