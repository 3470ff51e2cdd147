"""Report-back: recording "đã thực hiện" for a commune's assignments, and undoing it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import repo
from bot.db.models import Officer, Report, utcnow
from bot.db.rows import Item

__all__ = [
    "UNDO_WINDOW",
    "AssignmentNotFound",
    "Evidence",
    "NotYourUnit",
    "ReportOutcome",
    "item_for",
    "item_for_reply",
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
    recorded: list[Item] = field(default_factory=list)
    already: list[Item] = field(default_factory=list)  # done before, with who reported and when


async def item_for(session: AsyncSession, officer: Officer, assignment_id: int) -> Item:
    """The assignment if the officer may report on it; NotYourUnit / AssignmentNotFound otherwise."""
    item = (await repo.items_by_ids(session, [assignment_id])).get(assignment_id)
    if item is None:
        raise AssignmentNotFound(assignment_id)
    if item.unit_id != officer.unit_id:
        raise NotYourUnit(assignment_id)
    return item


async def item_for_reply(
    session: AsyncSession, officer: Officer, chat_id: int, message_id: int
) -> Item | None:
    """The assignment of a pushed directive the officer replied to, if the message was one."""
    delivery = await repo.delivery_by_message(session, chat_id, message_id)
    if delivery is None or delivery.kind not in ("directive", "reminder"):
        return None
    assignment_id = delivery.payload.get("assignment_id")
    if assignment_id is None:
        return None
    try:
        return await item_for(session, officer, int(assignment_id))
    except (NotYourUnit, AssignmentNotFound):
        return None


async def record(
    session: AsyncSession,
    officer: Officer,
    items: Sequence[Item],
    *,
    via: str,
    raw_text: str = "",
    count: int | None = None,
    evidence: Evidence | None = None,
    now: datetime | None = None,
) -> ReportOutcome:
    """Record the officer's report on each assignment of its own unit; already-done ones are left as they
    are, including one another officer reports between reading `items` and this call."""
    now = now or utcnow()
    outcome = ReportOutcome()
    for item in items:
        if item.unit_id != officer.unit_id:
            raise NotYourUnit(item.assignment_id)
    raced = []
    for item in items:
        if item.done:
            outcome.already.append(item)
            continue
        report = Report(
            assignment_id=item.assignment_id,
            officer_id=officer.id,
            created_at=now,
            raw_text=raw_text[:2000],
            count=count,
            evidence_file_id=evidence.file_id if evidence else None,
            evidence_kind=evidence.kind if evidence else None,
            via=via,
        )
        if await repo.add_report(session, report, now):
            outcome.recorded.append(replace(item, status="done", reported_at=now, reporter=officer.name))
        else:
            raced.append(item.assignment_id)
    if raced:
        fresh = await repo.items_by_ids(session, raced)
        outcome.already.extend(fresh[i] for i in raced if i in fresh)
    return outcome


async def undo_last(
    session: AsyncSession, officer: Officer, now: datetime | None = None
) -> tuple[Report, Item | None] | None:
    """Undo the officer's last report made within 24 hours; None when there is none. The item is None
    when its directive has been withdrawn since."""
    now = now or utcnow()
    report = await repo.last_report_by(session, officer.id, now - UNDO_WINDOW)
    if report is None:
        return None
    await repo.undo_report(session, report, now)
    item = (await repo.items_by_ids(session, [report.assignment_id])).get(report.assignment_id)
    return report, item
