"""Report-back: recording "đã thực hiện" for a commune's assignments, deciding which assignment a report
is about, and undoing it. Every use case is one short write transaction, committed before the bot
answers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import repo
from bot.db.database import Database
from bot.db.models import Officer, Report, ReportVia, utcnow
from bot.db.rows import Item
from bot.delivery.outbox import PUSH_KINDS, OutboxRow

__all__ = [
    "UNDO_WINDOW",
    "Ask",
    "AssignmentNotFound",
    "Evidence",
    "NoUnit",
    "NotYourUnit",
    "NothingPending",
    "ReportOutcome",
    "ReportService",
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
    kind: str  # photo / voice / audio / video / document


@dataclass(slots=True)
class ReportOutcome:
    recorded: list[Item] = field(default_factory=list)
    already: list[Item] = field(default_factory=list)  # done before, with who reported and when


@dataclass(slots=True)
class Ask:
    """The report names no directive and several are pending: ask which (these are the choices)."""

    choices: list[Item]


@dataclass(slots=True)
class NothingPending:
    """The commune has nothing left to report."""


@dataclass(slots=True)
class NoUnit:
    """The account is not bound to a commune."""


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
    if delivery is None or delivery.kind not in PUSH_KINDS:
        return None
    ids = delivery.payload.get("assignment_ids") or [delivery.payload.get("assignment_id")]
    if len(ids) != 1 or ids[0] is None:
        return None
    try:
        return await item_for(session, officer, int(ids[0]))
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
            raw_text=raw_text[:4000],
            count=count,
            evidence_file_id=evidence.file_id if evidence else None,
            evidence_kind=evidence.kind if evidence else None,
            via=ReportVia(via),
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


FreeResult = ReportOutcome | Ask | NothingPending | NoUnit


class ReportService:
    """The report-back use cases. Each commits before returning, so a failed reply undoes nothing."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def press(self, officer: Officer, assignment_id: int) -> ReportOutcome:
        """The ✅ button under a push or a list. NotYourUnit / AssignmentNotFound for a forged button."""
        async with self.db.write() as session:
            item = await item_for(session, officer, assignment_id)
            return await record(session, officer, [item], via=ReportVia.BUTTON)

    async def free(
        self,
        officer: Officer,
        *,
        raw: str,
        count: int | None,
        evidence: Evidence | None,
        reply_to: tuple[int, int] | None = None,
        button_ids: Sequence[int] = (),
    ) -> FreeResult:
        """A report in words (or evidence): about the push it replies to (`reply_to` = chat and message id,
        or the ✅ button under it), else the only pending assignment, else ask which."""
        if officer.unit_id is None:
            return NoUnit()
        async with self.db.write() as session:
            item = None
            if reply_to is not None:
                item = await item_for_reply(session, officer, *reply_to)
                if item is None and len(button_ids) == 1:
                    try:
                        item = await item_for(session, officer, button_ids[0])
                    except (NotYourUnit, AssignmentNotFound):
                        item = None
                if item is not None:
                    return await record(
                        session, officer, [item], via=ReportVia.REPLY, raw_text=raw, count=count, evidence=evidence
                    )
            pending = await repo.pending_unit_items(session, officer.unit_id)
            if not pending:
                return NothingPending()
            if len(pending) == 1 and (evidence is None or raw):
                return await record(
                    session, officer, pending, via=ReportVia.TEXT, raw_text=raw, count=count, evidence=evidence
                )
            return Ask(pending)

    async def choose(
        self,
        officer: Officer,
        assignment_id: int,
        *,
        raw: str = "",
        count: int | None = None,
        evidence: Evidence | None = None,
    ) -> ReportOutcome:
        """A pick on the "which one?" keyboard; 0 means every pending one."""
        async with self.db.write() as session:
            if assignment_id == 0:
                items = await repo.pending_unit_items(session, officer.unit_id or 0)
            else:
                items = [await item_for(session, officer, assignment_id)]
            return await record(
                session, officer, items, via=ReportVia.TEXT, raw_text=raw, count=count, evidence=evidence
            )

    async def pending(self, officer: Officer) -> list[Item]:
        async with self.db.read() as session:
            return await repo.pending_unit_items(session, officer.unit_id or 0)

    async def undo(self, officer: Officer) -> tuple[Report, Item | None] | None:
        """Undo the officer's last report of the past 24 hours."""
        async with self.db.write() as session:
            return await undo_last(session, officer)

    async def remind_me(self, officer: Officer, at: datetime, text: str) -> None:
        """Queue a reminder to this officer at `at`."""
        async with self.db.write() as session:
            await repo.enqueue(session, [OutboxRow.remind_self(officer, at, text)])


def remind_at(now: datetime, tz: ZoneInfo, when: str) -> datetime:
    """"pm": this afternoon at 15:00 (or in two hours if that has passed); "am": tomorrow at 07:30."""
    local = now.astimezone(tz)
    if when == "pm":
        target = local.replace(hour=15, minute=0, second=0, microsecond=0)
        return target if target > local else local + timedelta(hours=2)
    return (local + timedelta(days=1)).replace(hour=7, minute=30, second=0, microsecond=0)


__all__ += ["FreeResult", "remind_at"]
