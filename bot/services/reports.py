"""Report-back: what an officer's message means for their commune's assignments (by content), recording
it — done, more broadcasts, not done and why, evidence — and undoing it. Every use case is one short
write transaction, committed before the bot answers."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import repo
from bot.db.database import Database
from bot.db.models import Evidence as EvidenceRow
from bot.db.models import EvidenceKind, Officer, Report, ReportOutcome, ReportVia, utcnow
from bot.db.rows import Item
from bot.delivery.outbox import PUSH_KINDS, OutboxRow
from bot.services.parsing import DocumentParser
from bot.services.report_types import (
    Applied,
    AssignmentNotFound,
    Evidence,
    NotYourUnit,
    NoUnit,
    Outcome,
    UndoTarget,
    remind_at,
)
from bot.services.reporting import Plan, Step, StepKind, candidates, plan
from bot.understanding.reports import read_report

__all__ = [
    "UNDO_WINDOW",
    "Applied",
    "AssignmentNotFound",
    "Evidence",
    "NoUnit",
    "NotYourUnit",
    "Outcome",
    "ReportService",
    "UndoTarget",
    "remind_at",
]

UNDO_WINDOW = timedelta(hours=24)
RECENT = timedelta(hours=24)  # "phát thêm 2 buổi" is about a report of the last day
_OUTCOME = {
    StepKind.DONE: ReportOutcome.DONE,
    StepKind.MORE: ReportOutcome.MORE,
    StepKind.NOT_DONE: ReportOutcome.NOT_DONE,
}


async def _item(session: AsyncSession, officer: Officer, assignment_id: int) -> Item:
    item = (await repo.items_by_ids(session, [assignment_id])).get(assignment_id)
    if item is None:
        raise AssignmentNotFound(assignment_id)
    if item.unit_id != officer.unit_id:
        raise NotYourUnit(assignment_id)
    return item


async def _replied(
    session: AsyncSession, officer: Officer, reply_to: tuple[int, int] | None, button_ids: Sequence[int]
) -> Item | None:
    """The assignment of the push (or reminder) a message replies to; its ✅ button says which when the
    push's outbox row has not recorded its message id yet."""
    ids: list[int] = []
    if reply_to is not None:
        delivery = await repo.delivery_by_message(session, *reply_to)
        if delivery is not None and delivery.kind in PUSH_KINDS:
            payload = delivery.payload or {}
            ids = [int(i) for i in payload.get("assignment_ids") or [payload.get("assignment_id") or 0]]
    if not ids:
        ids = list(button_ids)
    if len(ids) != 1:
        return None
    try:
        return await _item(session, officer, ids[0])
    except (NotYourUnit, AssignmentNotFound):
        return None


class ReportService:
    """The report-back use cases."""

    def __init__(self, db: Database, parser: DocumentParser | None = None) -> None:
        self.db = db
        self.parser = parser or DocumentParser(processes=False)

    async def read_written(self, data: bytes, name: str) -> str:
        """The text of a report written as a file (off the event loop); DocumentError when unreadable."""
        return (await self.parser.read_bytes(data, name)).text

    async def item(self, officer: Officer, assignment_id: int) -> Item:
        """One assignment of the officer's commune; NotYourUnit / AssignmentNotFound otherwise."""
        async with self.db.read() as session:
            return await _item(session, officer, assignment_id)

    async def understand(
        self,
        officer: Officer,
        text: str,
        *,
        reply_to: tuple[int, int] | None = None,
        button_ids: Sequence[int] = (),
        confirm: bool = False,
        now: datetime | None = None,
    ) -> Plan:
        """What a report in words means for the officer's commune (read only; nothing recorded)."""
        plan, _ = await self.understand_with_items(
            officer, text, reply_to=reply_to, button_ids=button_ids, confirm=confirm, now=now
        )
        return plan

    async def understand_with_items(
        self,
        officer: Officer,
        text: str,
        *,
        reply_to: tuple[int, int] | None = None,
        button_ids: Sequence[int] = (),
        confirm: bool = False,
        now: datetime | None = None,
    ) -> tuple[Plan, list[Item]]:
        """`understand`, and the commune's assignments it was read against (to show a question's choices)."""
        if officer.unit_id is None:
            raise NoUnit()
        now = now or utcnow()
        async with self.db.read() as session:
            items = await repo.unit_items(session, officer.unit_id)
            replied = (
                await _replied(session, officer, reply_to, button_ids) if reply_to or button_ids else None
            )
        since = now - RECENT
        mine = [i for i in items if i.reporter_id == officer.id and i.reported_at and i.reported_at >= since]
        recent = max(mine, key=lambda i: i.reported_at or now, default=None)
        reading = read_report(text, candidates(items))
        result = plan(
            reading,
            items,
            replied=replied,
            recent=recent,
            recent_has_count=bool(recent is not None and recent.report_count),
            confirm=confirm,
        )
        return result, items

    async def items(self, officer: Officer, assignment_ids: Sequence[int]) -> list[Item]:
        """The officer's own assignments among these, in this order."""
        async with self.db.read() as session:
            found = await repo.items_by_ids(session, assignment_ids)
        return [found[i] for i in assignment_ids if i in found and found[i].unit_id == officer.unit_id]

    async def pending(self, officer: Officer) -> list[Item]:
        async with self.db.read() as session:
            return await repo.pending_unit_items(session, officer.unit_id or 0)

    async def apply(
        self,
        officer: Officer,
        steps: Sequence[Step],
        *,
        via: ReportVia,
        raw: str = "",
        evidence: Evidence | None = None,
        now: datetime | None = None,
    ) -> Applied:
        """Record the steps (one message, one batch, one undo). Raises NotYourUnit/AssignmentNotFound for
        an assignment that is not the officer's."""
        now = now or utcnow()
        applied = Applied(batch=secrets.token_hex(8), evidence=evidence is not None)
        async with self.db.write() as session:
            for step in steps:
                item = await _item(session, officer, step.assignment_id)
                outcome = await self._apply(session, officer, item, step, via, raw, now, applied.batch)
                if evidence is not None and step.kind != StepKind.NOT_DONE:
                    await _attach(session, officer, item, evidence, raw, outcome.report_id, now)
                applied.outcomes.append(outcome)
            totals = await repo.broadcasts_of(session, [o.item.assignment_id for o in applied.outcomes])
        for o in applied.outcomes:
            o.total = totals.get(o.item.assignment_id, 0)
        return applied

    async def _apply(
        self,
        session: AsyncSession,
        officer: Officer,
        item: Item,
        step: Step,
        via: ReportVia,
        raw: str,
        now: datetime,
        batch: str,
    ) -> Outcome:
        def report(outcome: ReportOutcome) -> Report:
            return Report(
                assignment_id=item.assignment_id,
                officer_id=officer.id,
                created_at=now,
                raw_text=raw[:20000],
                count=step.count,
                via=via,
                outcome=outcome,
                reason=(step.reason or "")[:1000] or None,
                batch=batch,
            )

        if step.kind == StepKind.COUNT:
            latest = await repo.latest_report_on(session, officer.id, item.assignment_id)
            if latest is not None and step.count:
                await repo.set_report_count(session, latest.id, step.count)
                return Outcome(item, "updated", step.count, report_id=None)
            step = Step(item.assignment_id, StepKind.MORE, step.count)
        if step.kind == StepKind.NOT_DONE:
            if item.done:
                return Outcome(item, "already")
            row = await repo.add_report_row(session, report(ReportOutcome.NOT_DONE))
            return Outcome(item, StepKind.NOT_DONE, reason=step.reason, report_id=row.id)
        if step.kind == StepKind.DONE and not item.done:
            row = report(ReportOutcome.DONE)
            if await repo.add_report(session, row, now):
                return Outcome(item, StepKind.DONE, step.count, report_id=row.id)
            item = (await repo.items_by_ids(session, [item.assignment_id]))[item.assignment_id]
        if step.kind == StepKind.MORE or step.count:
            row = await repo.add_report_row(session, report(ReportOutcome.MORE))
            return Outcome(item, StepKind.MORE, step.count, report_id=row.id)
        return Outcome(item, "already")

    async def press(self, officer: Officer, assignment_id: int) -> Applied:
        """The ✅ button under a push or a list. NotYourUnit / AssignmentNotFound for a forged button."""
        return await self.apply(officer, [Step(assignment_id, StepKind.DONE)], via=ReportVia.BUTTON)

    async def evidence_plan(
        self,
        officer: Officer,
        caption: str,
        *,
        reply_to: tuple[int, int] | None = None,
        button_ids: Sequence[int] = (),
        now: datetime | None = None,
    ) -> tuple[Plan, Item | None]:
        """Where evidence goes: the push it replies to, the directive its caption names, or the report made
        in the last day (returned as the target); otherwise the plan asks which."""
        result = await self.understand(officer, caption, reply_to=reply_to, button_ids=button_ids, now=now)
        if result.steps or result.choices:
            return result, None
        now = now or utcnow()
        async with self.db.read() as session:
            target = await _replied(session, officer, reply_to, button_ids)
            if target is None:
                items = await repo.unit_items(session, officer.unit_id or 0)
                last = await repo.recent_report(
                    session, officer.id, now - RECENT, [i.assignment_id for i in items]
                )
                target = next(
                    (i for i in items if last is not None and i.assignment_id == last.assignment_id), None
                )
            pending = await repo.pending_unit_items(session, officer.unit_id or 0)
        if target is not None:
            return Plan(), target
        return Plan(choices=[i.assignment_id for i in pending], template=Step(0, StepKind.DONE)), None

    async def attach(
        self, officer: Officer, assignment_id: int, evidence: Evidence, caption: str = ""
    ) -> Outcome:
        """Add evidence to an assignment the officer has reported (to their latest report on it)."""
        now = utcnow()
        async with self.db.write() as session:
            item = await _item(session, officer, assignment_id)
            latest = await repo.latest_report_on(session, officer.id, assignment_id)
            await _attach(session, officer, item, evidence, caption, latest.id if latest else None, now)
        return Outcome(item, "evidence", report_id=None)

    async def undo_target(
        self, officer: Officer, text: str = "", now: datetime | None = None
    ) -> UndoTarget | None:
        """What "hủy báo cáo" means: the reports on the directive the text names, else the officer's last
        message's reports, within 24 hours and on their current commune only."""
        if officer.unit_id is None:
            return None
        now = now or utcnow()
        async with self.db.read() as session:
            items = await repo.unit_items(session, officer.unit_id)
            ids = [i.assignment_id for i in items]
            named = (
                [m for m in read_report(text, candidates(items)).mentions if len(m.keys) == 1] if text else []
            )
            if named:
                reports = []
                for m in named:
                    latest = await repo.latest_report_on(session, officer.id, m.keys[0])
                    if latest is not None and latest.created_at >= now - UNDO_WINDOW:
                        reports.append(latest)
            else:
                last = await repo.recent_report(session, officer.id, now - UNDO_WINDOW, ids)
                reports = await repo.reports_in_batch(session, last.batch) if last and last.batch else []
                if last is not None and not reports:
                    reports = [last]
        if not reports:
            return None
        by_id = {i.assignment_id: i for i in items}
        shown = [by_id[a] for a in dict.fromkeys(r.assignment_id for r in reports) if a in by_id]
        return UndoTarget(reports, shown)

    async def undo(
        self, officer: Officer, report_id: int, whole_batch: bool, now: datetime | None = None
    ) -> list[Item]:
        """Undo one report (or every report of its message) the officer made in the last 24 hours on their
        current commune; returns the assignments, as they are now. Nothing else is touched."""
        now = now or utcnow()
        async with self.db.write() as session:
            found = await repo.reports_by_ids(session, [report_id])
            report = found[0] if found else None
            if report is None or report.officer_id != officer.id or report.undone_at is not None:
                return []
            if report.created_at < now - UNDO_WINDOW:
                return []
            reports = (
                await repo.reports_in_batch(session, report.batch)
                if whole_batch and report.batch
                else [report]
            )
            mine = await repo.items_by_ids(session, [r.assignment_id for r in reports])
            reports = [
                r
                for r in reports
                if r.assignment_id in mine and mine[r.assignment_id].unit_id == officer.unit_id
            ]
            await repo.undo_reports(session, reports, now)
            after = await repo.items_by_ids(session, [r.assignment_id for r in reports])
        return [after[a] for a in dict.fromkeys(r.assignment_id for r in reports) if a in after]

    async def remind_me(self, officer: Officer, at: datetime, text: str) -> None:
        """Queue a reminder to this officer at `at`."""
        async with self.db.write() as session:
            await repo.enqueue(session, [OutboxRow.remind_self(officer, at, text)])


async def _attach(
    session: AsyncSession,
    officer: Officer,
    item: Item,
    evidence: Evidence,
    caption: str,
    report_id: int | None,
    now: datetime,
) -> None:
    await repo.add_evidence(
        session,
        EvidenceRow(
            assignment_id=item.assignment_id,
            report_id=report_id,
            officer_id=officer.id,
            file_id=evidence.file_id,
            kind=EvidenceKind(evidence.kind),
            caption=caption[:1000] or None,
            file_name=evidence.file_name,
            created_at=now,
        ),
    )
