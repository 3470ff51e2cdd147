"""Report-back: recording "đã thực hiện" for a commune's assignments, and undoing it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import repo
from bot.db.models import Assignment, Officer, Report, utcnow

__all__ = [
    "UNDO_WINDOW",
    "AssignmentNotFound",
    "Evidence",
    "NotYourUnit",
    "ReportOutcome",
    "assignment_for",
    "assignment_for_reply",
    "record",
    "undo_last",
]

UNDO_WINDOW = timedelta(hours=24)


class NotYourUnit(PermissionError):
    """The assignment belongs to another commune."""


class AssignmentNotFound(LookupError):
    """No such assignment (or its directive is no longer published)."""


@dataclass(slots=True)
class Evidence:
    file_id: str
    kind: str  # photo / voice / document


@dataclass(slots=True)
class ReportOutcome:
    recorded: list[Assignment] = field(default_factory=list)
    already: list[tuple[Assignment, Report, str]] = field(default_factory=list)


async def assignment_for(session: AsyncSession, officer: Officer, assignment_id: int) -> Assignment:
    """The assignment if the officer may report on it; NotYourUnit / AssignmentNotFound otherwise."""
    assignment = await repo.get_assignment(session, assignment_id)
    if assignment is None:
        raise AssignmentNotFound(assignment_id)
    if assignment.unit_id != officer.unit_id:
        raise NotYourUnit(assignment_id)
    return assignment


async def assignment_for_reply(
    session: AsyncSession, officer: Officer, chat_id: int, message_id: int
) -> Assignment | None:
    """The assignment of a pushed directive the officer replied to, if the message was one."""
    delivery = await repo.delivery_by_message(session, chat_id, message_id)
    if delivery is None or delivery.kind not in ("directive", "reminder"):
        return None
    assignment_id = delivery.payload.get("assignment_id")
    if assignment_id is None:
        return None
    try:
        return await assignment_for(session, officer, int(assignment_id))
    except (NotYourUnit, AssignmentNotFound):
        return None


async def record(
    session: AsyncSession,
    officer: Officer,
    assignments: Sequence[Assignment],
    *,
    via: str,
    raw_text: str = "",
    count: int | None = None,
    evidence: Evidence | None = None,
    now: datetime | None = None,
) -> ReportOutcome:
    """Record the officer's report on each assignment of its own unit; already-done ones are left as they are."""
    now = now or utcnow()
    outcome = ReportOutcome()
    standing = await repo.active_reports(session, [a.id for a in assignments])
    for assignment in assignments:
        if assignment.unit_id != officer.unit_id:
            raise NotYourUnit(assignment.id)
        if assignment.id in standing:
            report, name = standing[assignment.id]
            outcome.already.append((assignment, report, name))
            continue
        report = Report(
            assignment_id=assignment.id,
            officer_id=officer.id,
            created_at=now,
            raw_text=raw_text[:2000],
            count=count,
            evidence_file_id=evidence.file_id if evidence else None,
            evidence_kind=evidence.kind if evidence else None,
            via=via,
        )
        await repo.add_report(session, report, now)
        assignment.status = "done"
        assignment.done_at = now
        outcome.recorded.append(assignment)
    return outcome


async def undo_last(
    session: AsyncSession, officer: Officer, now: datetime | None = None
) -> tuple[Report, Assignment] | None:
    """Undo the officer's last report made within 24 hours; None when there is none."""
    now = now or utcnow()
    report = await repo.last_report_by(session, officer.id, now - UNDO_WINDOW)
    if report is None:
        return None
    await repo.undo_report(session, report, now)
    assignment = await repo.get_assignment(session, report.assignment_id)
    assert assignment is not None
    return report, assignment
