"""Admin views: the directives of a scope, per-directive progress, who has not reported, the export's rows
(the evidence officers sent is in `repo.evidence`). `unit_ids` None means every unit (a province admin); else
only those units."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import String, case, create_engine, func, make_url, or_, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.pool import NullPool

from bot.db.engine import BUSY_TIMEOUT_MS, resolve_url
from bot.db.models import (
    Assignment,
    AssignmentStatus,
    Directive,
    DirectiveStatus,
    Officer,
    Report,
    ReportOutcome,
    Role,
    Unit,
)

__all__ = [
    "DetailRow",
    "DirectiveRow",
    "DirectiveStats",
    "detail_chunks",
    "detail_chunks_sync",
    "detail_rows",
    "directive_stats",
    "not_done_units",
    "officer_counts",
    "pending_unit_ids",
    "pending_units",
    "scope_directives",
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


@dataclass(frozen=True, slots=True)
class DirectiveRow:
    """What lists and exports show of a directive (no body)."""

    id: int
    number: str | None
    subject: str | None
    report_due: date | None
    published_at: datetime | None
    broadcast_from: date | None
    broadcast_to: date | None
    owner_unit_id: int | None


def _in_units(stmt: Any, unit_ids: Sequence[int] | None) -> Any:
    return stmt if unit_ids is None else stmt.where(Assignment.unit_id.in_(list(unit_ids)))


async def directive_stats(
    session: AsyncSession,
    *,
    unit_ids: Sequence[int] | None = None,
    directive_ids: Sequence[int] | None = None,
) -> list[DirectiveStats]:
    """Per published directive: how many communes (of `unit_ids`) are assigned, done and pending."""
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
        .join(Assignment, Assignment.directive_id == Directive.id, isouter=unit_ids is None)
        .where(Directive.status == DirectiveStatus.PUBLISHED)
        .group_by(Directive.id, Directive.number, Directive.subject, Directive.report_due)
        .order_by(Directive.id)
    )
    stmt = _in_units(stmt, unit_ids)
    if directive_ids is not None:
        stmt = stmt.where(Directive.id.in_(list(directive_ids)))
    out = []
    for did, number, subject, due, total, done_n in (await session.execute(stmt)).all():
        done_n = int(done_n or 0)
        out.append(DirectiveStats(did, number, subject, int(total), done_n, int(total) - done_n, due))
    return out


async def scope_directives(session: AsyncSession, unit_ids: Sequence[int] | None) -> list[DirectiveRow]:
    """Published directives of a scope: assigned to one of its units or owned by one (all when None),
    oldest first."""
    stmt = select(
        Directive.id,
        Directive.number,
        Directive.subject,
        Directive.report_due,
        Directive.published_at,
        Directive.broadcast_from,
        Directive.broadcast_to,
        Directive.owner_unit_id,
    ).where(Directive.status == DirectiveStatus.PUBLISHED)
    if unit_ids is not None:
        ids = list(unit_ids)
        assigned = select(Assignment.directive_id).where(Assignment.unit_id.in_(ids))
        stmt = stmt.where(or_(Directive.id.in_(assigned), Directive.owner_unit_id.in_(ids)))
    return [DirectiveRow(*row) for row in (await session.execute(stmt.order_by(Directive.id))).all()]


async def pending_units(
    session: AsyncSession,
    *,
    unit_ids: Sequence[int] | None = None,
    directive_ids: Sequence[int] | None = None,
) -> dict[int, list[str]]:
    """For each published directive, the names of the units (of `unit_ids`) that have not reported, in
    the official order."""
    found = await pending_unit_ids(session, unit_ids=unit_ids, directive_ids=directive_ids)
    return {did: [name for _, name in units] for did, units in found.items()}


async def pending_unit_ids(
    session: AsyncSession,
    *,
    unit_ids: Sequence[int] | None = None,
    directive_ids: Sequence[int] | None = None,
) -> dict[int, list[tuple[int, str]]]:
    """For each published directive, the units (id, name) that have not reported, in the official order."""
    stmt = (
        select(Assignment.directive_id, Unit.id, Unit.name)
        .join(Unit, Unit.id == Assignment.unit_id)
        .join(Directive, Directive.id == Assignment.directive_id)
        .where(Directive.status == DirectiveStatus.PUBLISHED, Assignment.status == AssignmentStatus.PENDING)
        .order_by(Assignment.directive_id, Unit.code)
    )
    stmt = _in_units(stmt, unit_ids)
    if directive_ids is not None:
        stmt = stmt.where(Assignment.directive_id.in_(list(directive_ids)))
    out: dict[int, list[tuple[int, str]]] = {}
    for did, uid, name in (await session.execute(stmt)).all():
        out.setdefault(int(did), []).append((int(uid), str(name)))
    return out


async def not_done_units(
    session: AsyncSession,
    *,
    unit_ids: Sequence[int] | None = None,
    directive_ids: Sequence[int] | None = None,
) -> dict[int, dict[int, str]]:
    """Per directive: the units (of `unit_ids`) whose standing report says "not done", with the latest reason."""
    stmt = (
        select(Assignment.directive_id, Assignment.unit_id, Report.reason)
        .join(Report, Report.assignment_id == Assignment.id)
        .where(
            Assignment.status == AssignmentStatus.PENDING,
            Report.outcome == ReportOutcome.NOT_DONE,
            Report.undone_at.is_(None),
        )
        .order_by(Report.id)
    )
    stmt = _in_units(stmt, unit_ids)
    if directive_ids is not None:
        stmt = stmt.where(Assignment.directive_id.in_(list(directive_ids)))
    out: dict[int, dict[int, str]] = {}
    for did, uid, reason in (await session.execute(stmt)).all():
        out.setdefault(int(did), {})[int(uid)] = reason or ""
    return out


async def officer_counts(session: AsyncSession, unit_ids: Sequence[int] | None = None) -> dict[int, int]:
    """Active commune officers (role officer) per unit: who can be reminded and can report."""
    stmt = (
        select(Officer.unit_id, func.count(Officer.id))
        .where(Officer.active.is_(True), Officer.role == Role.OFFICER, Officer.unit_id.is_not(None))
        .group_by(Officer.unit_id)
    )
    if unit_ids is not None:
        stmt = stmt.where(Officer.unit_id.in_(list(unit_ids)))
    return {int(uid or 0): int(n) for uid, n in (await session.execute(stmt)).all()}


DetailRow = tuple[
    int, int, int, bool, "datetime | None", "date | None", "int | None", "str | None", "str | None"
]
"""assignment id, unit id, directive id, done, done at, due, broadcasts stated, reporter's name, reason
of a "not done" (the latest one that stands)."""

_A = Assignment.__table__.c
_R = Report.__table__.c
_U = Unit.__table__.c


def _report_summary(directive_ids: Sequence[int], until: datetime | None) -> Any:
    """Per assignment, over the reports that stand (not undone, made by `until`): broadcasts stated on
    done and "more" reports, the done report that counts, the latest "not done"."""
    done_like = _R.outcome.in_([ReportOutcome.DONE, ReportOutcome.MORE])
    stmt = (
        select(
            _R.assignment_id.label("aid"),
            func.sum(case((done_like, _R.count))).label("n"),
            func.max(case((done_like, _R.id))).label("done_id"),
            func.max(case((_R.outcome == ReportOutcome.NOT_DONE, _R.id))).label("nd_id"),
        )
        .select_from(Report.__table__.join(Assignment.__table__, _A.id == _R.assignment_id))
        .where(_A.directive_id.in_(list(directive_ids)), _R.undone_at.is_(None))
        .group_by(_R.assignment_id)
    )
    if until is not None:
        stmt = stmt.where(_R.created_at <= until)
    return stmt.subquery("agg")


async def detail_rows(
    session: AsyncSession,
    directive_ids: Sequence[int],
    unit_ids: Sequence[int] | None = None,
    until: datetime | None = None,
) -> list[DetailRow]:
    """One row per assignment of these directives (in these units), communes in the official order, then
    directives oldest first; "done" as it stood at `until` when given."""
    return [row async for chunk in detail_chunks(session, directive_ids, unit_ids, until) for row in chunk]


def _detail_stmt(directive_ids: Sequence[int], unit_ids: Sequence[int] | None, until: datetime | None) -> Any:
    agg = _report_summary(directive_ids, until)
    done_report = Report.__table__.alias("dr")
    not_done = Report.__table__.alias("nd")
    officer = Officer.__table__.alias("o")
    joined = (
        Assignment.__table__.join(Unit.__table__, _U.id == _A.unit_id)
        .outerjoin(agg, agg.c.aid == _A.id)
        .outerjoin(done_report, done_report.c.id == agg.c.done_id)
        .outerjoin(officer, officer.c.id == done_report.c.officer_id)
        .outerjoin(not_done, not_done.c.id == agg.c.nd_id)
    )
    # plain columns (no per-row type processing): SQLite gives dates and times as text, parsed once per
    # distinct value; PostgreSQL gives them as objects already
    stmt = (
        select(
            _A.id,
            _A.unit_id,
            _A.directive_id,
            type_coerce(_A.status, String),
            type_coerce(_A.done_at, String),
            type_coerce(_A.due, String),
            agg.c.n,
            type_coerce(officer.c.name, String),
            type_coerce(not_done.c.reason, String),
        )
        .select_from(joined)
        .where(_A.directive_id.in_(list(directive_ids)))
        .order_by(_U.code, _A.directive_id)
    )
    return stmt if unit_ids is None else stmt.where(_A.unit_id.in_(list(unit_ids)))


class _Rows:
    """Database rows → DetailRow, "done" as it stood at `until`."""

    def __init__(self, until: datetime | None) -> None:
        self.until = until
        self.days: dict[Any, date | None] = {None: None}

    def __call__(self, part: Sequence[Any]) -> list[DetailRow]:
        out: list[DetailRow] = []
        done_status, until, days = AssignmentStatus.DONE.value, self.until, self.days
        for aid, uid, did, status, done_at, due, n, name, reason in part:
            done = status == done_status
            at = _utc(done_at) if done and done_at is not None else None
            if done and until is not None and at is not None and at > until:
                done, at = False, None
            day = days.get(due, ...)
            if day is ...:
                day = days[due] = due if isinstance(due, date) else date.fromisoformat(str(due)[:10])
            out.append((aid, uid, did, done, at, day, int(n) if n is not None else None, name, reason))
        return out


async def detail_chunks(
    session: AsyncSession,
    directive_ids: Sequence[int],
    unit_ids: Sequence[int] | None = None,
    until: datetime | None = None,
    size: int = 5000,
) -> AsyncIterator[list[DetailRow]]:
    """`detail_rows` in chunks of `size`, streamed from the database (for the export at any scale)."""
    if not directive_ids:
        return
    convert = _Rows(until)
    result = await session.stream(
        _detail_stmt(directive_ids, unit_ids, until).execution_options(yield_per=size)
    )
    async for part in result.partitions():
        yield convert(part)


def detail_chunks_sync(
    url: str,
    directive_ids: Sequence[int],
    unit_ids: Sequence[int] | None = None,
    until: datetime | None = None,
    size: int = 5000,
) -> Iterator[list[DetailRow]]:
    """The same chunks read from a SQLite file by the thread that iterates them (the export's writer),
    on its own read-only connection. Python's sqlite3 lets go of the GIL for every row it steps: read
    from the event loop while another thread writes, each row would wait for that thread's time slice,
    which made the country-wide export several times slower."""
    if not directive_ids:
        return
    engine = create_engine(make_url(resolve_url(url)).set(drivername="sqlite"), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.exec_driver_sql("PRAGMA query_only = ON")
            convert = _Rows(until)
            stmt = _detail_stmt(directive_ids, unit_ids, until)
            for part in conn.execution_options(yield_per=size).execute(stmt).partitions():
                yield convert(part)
    finally:
        engine.dispose()


def _utc(value: Any) -> datetime:
    """A stored time (SQLite text or a PostgreSQL value, naive UTC) as an aware UTC datetime."""
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(str(value))
    return value.replace(tzinfo=UTC)
