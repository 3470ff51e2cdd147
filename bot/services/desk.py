"""The publishing desk: an uploaded directive becomes a draft that the admin previews and edits (number,
subject, topics, broadcast period, deadline, recipients), then publishes now or at a set time. A published
directive can be corrected (officers get a short "đính chính", not a second push) or recalled (officers
are told, the directive is closed, nothing is deleted).

Scope: the province's office (ADMIN_IDS, an admin with no unit or the province's own unit) publishes to
every commune in PROVINCE; a unit's admin only to its own unit. A directive belongs to the office of the
admin who uploaded it (`owner_unit_id`, None for the province's); a unit's admin touches only its own.

The chosen recipients are kept in `Directive.recipients` as commune names: when every name there is a
commune in scope, those are the targets; otherwise (the "Kính gửi" text read from the document, or an
empty list) all communes in scope are. No Telegram here; short transactions through `Database`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.config import Settings
from bot.db import repo
from bot.db.database import Database
from bot.db.models import (
    AssignmentStatus,
    Directive,
    DirectiveStatus,
    Officer,
    ProgressWatch,
    Role,
    Unit,
    utcnow,
)
from bot.delivery.outbox import PUSH_KINDS, OutboxRow
from bot.lang.fold import fold_plain
from bot.services import directives as directive_service
from bot.services.desk_input import (
    Change,
    DeskError,
    Field,
    drop_topic_change,
    fmt_when,
    read_change,
    short,
    targets_change,
)
from bot.services.parsing import DocumentParser
from bot.services.units import commune_units

__all__ = [
    "Card",
    "Change",
    "DeskError",
    "DeskService",
    "Field",
    "Recalled",
    "Uploaded",
    "fmt_when",
    "targets_of",
]

DRAFT_ONLY: frozenset[str] = frozenset({"targets", "schedule"})


@dataclass(slots=True)
class Card:
    """A directive at the desk: topics loaded, its scope and targets, and for a published one its counts."""

    directive: Directive
    scope: list[Unit]
    targets: list[Unit]
    everyone: bool  # the targets are every commune in scope
    pending: int = 0
    done: int = 0


@dataclass(slots=True)
class Uploaded:
    directive: Directive
    created: bool
    card: Card | None  # None when the directive is outside the uploader's scope


@dataclass(slots=True)
class Applied:
    directive: Directive
    corrected: bool
    officers: int = 0
    units: int = 0


@dataclass(slots=True)
class Recalled:
    number: str | None
    officers: int
    units: int
    pending: int
    done: int


def _number(number: str | None) -> str:
    number = (number or "").strip()
    return escape(number) if number else texts.NO_NUMBER


def targets_of(directive: Directive, scope: Sequence[Unit]) -> tuple[list[Unit], bool]:
    """The communes a directive goes to, and whether that is all of its scope (see the module docstring)."""
    names = set(directive.recipients or [])
    by_name = {u.name for u in scope}
    if names and names <= by_name:
        chosen = [u for u in scope if u.name in names]
        return chosen, len(chosen) == len(scope)
    return list(scope), True


class DeskService:
    """The desk's use cases; reads in short sessions, writes in short transactions."""

    def __init__(self, db: Database, settings: Settings, parser: DocumentParser | None = None) -> None:
        self.db = db
        self.settings = settings
        self.directives = directive_service.DirectiveService(db, settings, parser)

    # ---- scope and loading

    async def _scope(self, session: AsyncSession, owner_unit_id: int | None) -> list[Unit]:
        """Communes a directive owned by this unit (None: the province's office) may go to."""
        communes = await commune_units(session, self.settings.province)
        if owner_unit_id is None:
            return communes
        unit = await repo.get_unit(session, owner_unit_id)
        if unit is not None and unit.level == 1:  # an admin of a province office
            return [u for u in communes if u.parent_id == unit.id]
        return [u for u in communes if u.id == owner_unit_id]

    async def _office(self, session: AsyncSession, officer: Officer) -> int | None:
        """The unit an admin works for; None for the province's office (ADMIN_IDS, no unit, or the
        province's own unit)."""
        if officer.unit_id is None or officer.telegram_id in self.settings.admin_ids:
            return None
        unit = await repo.get_unit(session, officer.unit_id)
        return None if unit is None or unit.parent_id is None else unit.id

    async def _load(self, session: AsyncSession, officer: Officer, directive_id: int) -> Directive:
        """A directive the admin may work on: the province's office any, a unit's admin its unit's own."""
        directive = await repo.get_directive(session, directive_id)
        office = await self._office(session, officer)
        if directive is None or (office is not None and directive.owner_unit_id != office):
            raise DeskError(texts.DESK_NOT_FOUND)
        return directive

    async def _card(self, session: AsyncSession, directive: Directive) -> Card:
        scope = await self._scope(session, directive.owner_unit_id)
        targets, everyone = targets_of(directive, scope)
        card = Card(directive, scope, targets, everyone)
        if directive.status != DirectiveStatus.DRAFT:
            counts = await repo.assignment_counts(session, directive.id)
            card.pending, card.done = counts[AssignmentStatus.PENDING], counts[AssignmentStatus.DONE]
        return card

    async def card(self, officer: Officer, directive_id: int) -> Card:
        async with self.db.read() as session:
            return await self._card(session, await self._load(session, officer, directive_id))

    # ---- upload, drafts

    async def upload(self, data: bytes, name: str, by: Officer) -> Uploaded:
        """Parse (off the event loop) and store an uploaded directive as a draft owned by the uploader's
        office; `card` is None when the same document is already stored by another office."""
        async with self.db.read() as session:
            office = await self._office(session, by)
        result = await self.directives.import_upload(data, name, created_by=by.id, owner_unit_id=office)
        async with self.db.read() as session:
            directive = await repo.get_directive(session, result.directive.id)
            assert directive is not None
            mine = office is None or directive.owner_unit_id == office
            card = await self._card(session, directive) if mine else None
        return Uploaded(directive, result.created, card)

    async def desk_list(self, officer: Officer, limit: int = 15) -> tuple[list[Directive], list[Directive]]:
        """The drafts of the admin's office and its most recently published directives (to correct or recall)."""
        async with self.db.read() as session:
            office = await self._office(session, officer)
            drafts = await repo.desk_directives(
                session, DirectiveStatus.DRAFT, owner_unit_id=office, any_owner=office is None, limit=limit
            )
            recent = await repo.desk_directives(
                session, DirectiveStatus.PUBLISHED, owner_unit_id=office, any_owner=office is None, limit=5
            )
        return drafts, recent

    # ---- edits

    async def read_change(
        self,
        officer: Officer,
        directive_id: int,
        field: Field,
        text: str,
        ordinal: int = 0,
        now: datetime | None = None,
    ) -> Change:
        """The admin's reply read as a change of `field` (DeskError with what to say when unreadable)."""
        card = await self.card(officer, directive_id)
        return read_change(
            card.directive, card.scope, field, text, ordinal, now or utcnow(), self.settings.tz
        )

    async def all_targets(self, officer: Officer, directive_id: int) -> Change:
        card = await self.card(officer, directive_id)
        return targets_change(card.scope, card.scope)

    async def drop_topic(self, officer: Officer, directive_id: int, ordinal: int) -> Change:
        return drop_topic_change((await self.card(officer, directive_id)).directive, ordinal)

    @staticmethod
    def unschedule() -> Change:
        return Change("schedule", None, texts.CHANGE_UNSCHEDULED)

    async def apply(self, officer: Officer, directive_id: int, change: Change) -> Applied:
        """Apply a change in one transaction. On a published directive it is a correction: the version goes
        up and every officer of the assigned communes gets the đính chính once (outbox, per version)."""
        async with self.db.write() as session:
            d = await self._load(session, officer, directive_id)
            if d.status == DirectiveStatus.CLOSED:
                raise DeskError(texts.DESK_CLOSED.format(number=_number(d.number)))
            published = d.status == DirectiveStatus.PUBLISHED
            if published and change.field in DRAFT_ONLY:
                raise DeskError(texts.DESK_NOT_DRAFT.format(number=_number(d.number)))
            old_number, old_subject = d.number, d.subject
            await self._change(session, d, change)
            if not published:
                return Applied(d, False)
            d.version += 1
            units = sorted(await repo.assigned_unit_ids(session, d.id))
            text = texts.PUSH_CORRECTION.format(
                number=_number(old_number), subject=escape(short(old_subject or "")), change=change.text
            )
            officers = [o for o in await repo.officers_in_units(session, units) if o.role == Role.OFFICER]
            await repo.enqueue(session, [OutboxRow.correction(o, d.id, d.version, text) for o in officers])
            return Applied(d, True, len(officers), len({o.unit_id for o in officers}))

    async def _change(self, session: AsyncSession, d: Directive, change: Change) -> None:
        field, value = change.field, change.value
        if field == "number":
            d.number = value
        elif field == "subject":
            d.subject = value
        elif field == "period":
            d.broadcast_from, d.broadcast_to = (
                (date.fromisoformat(v) for v in value) if value else (None, None)
            )
        elif field == "due":
            d.report_due = date.fromisoformat(value) if value else None
            if d.status == DirectiveStatus.PUBLISHED:
                await repo.set_assignments_due(session, d.id, d.report_due)
        elif field == "targets":
            d.recipients = list(value)
        elif field == "schedule":
            d.scheduled_at = datetime.fromisoformat(value) if value else None
        elif field in ("topic", "topic_add", "topic_drop"):
            await self._topics(session, d, change)
        if field in ("number", "subject"):
            head = " ".join(
                p for p in (d.number or "", d.subject or "", d.issuer or "", *(d.references or [])) if p
            )
            await repo.set_search_doc(session, d.id, None, fold_plain(head))
        await session.flush()

    async def _topics(self, session: AsyncSession, d: Directive, change: Change) -> None:
        topics = {t.ordinal: t for t in await repo.topics_for(session, d.id)}
        if change.field == "topic_add":
            ordinal = max(topics, default=0) + 1
            added = await repo.add_topic(session, d.id, ordinal, change.value, change.value)
            await repo.set_search_doc(
                session, d.id, added.id, fold_plain(change.value), fold_plain(change.value)
            )
        elif (topic := topics.get(change.ordinal)) is None:
            raise DeskError(texts.DESK_EXPIRED)
        elif change.field == "topic":
            if topic.body.strip() == topic.title.strip():
                topic.body = change.value
            topic.title = change.value
            await repo.set_search_doc(session, d.id, topic.id, fold_plain(change.value))
        else:
            await repo.delete_topic(session, topic)
        d.topic_titles = [t.title for t in await repo.topics_for(session, d.id)]

    # ---- publishing

    async def publish(self, officer: Officer, directive_id: int) -> directive_service.PublishResult:
        """Publish a draft now to its targets (batched transactions) and queue the pushes."""
        card = await self.card(officer, directive_id)
        d = card.directive
        if d.status == DirectiveStatus.CLOSED:
            raise DeskError(texts.DESK_CLOSED.format(number=_number(d.number)))
        if d.status == DirectiveStatus.PUBLISHED:
            raise DeskError(texts.DESK_NOT_DRAFT.format(number=_number(d.number)))
        if not card.targets:
            raise DeskError(texts.DESK_NO_TARGETS)
        return await self._publish(d.id, card.targets, officer.id)

    async def _publish(
        self, directive_id: int, targets: Sequence[Unit], by: int | None
    ) -> directive_service.PublishResult:
        result = await self.directives.publish(directive_id, list(targets), published_by=by)
        async with self.db.write() as session:  # every batch is in: a scheduled publication is finished
            d = await repo.get_directive(session, directive_id, with_topics=False)
            if d is not None:
                d.scheduled_at = None
        return result

    async def publish_due(self, now: datetime | None = None) -> int:
        """Publish the drafts whose time has come (the scheduler's tick); the admin who scheduled one is told.
        Publishing is idempotent, so a publication cut short is finished by the next tick."""
        now = now or utcnow()
        async with self.db.read() as session:
            due = [
                (d, targets_of(d, await self._scope(session, d.owner_unit_id))[0])
                for d in await repo.due_scheduled(session, now)
            ]
        published = 0
        for d, targets in due:
            result = await self._publish(d.id, targets, d.created_by)
            published += 1
            async with self.db.write() as session:
                admin = await repo.get_officer(session, d.created_by) if d.created_by else None
                if admin is not None and admin.active:
                    text = texts.DESK_SCHEDULED_PUBLISHED.format(
                        number=_number(d.number), units=result.units, queued=result.queued
                    )
                    await repo.enqueue(
                        session, [OutboxRow.text(admin.chat_id, f"scheduled:{d.id}", text, admin.id)]
                    )
        return published

    async def watch(self, chat_id: int, message_id: int, directive_id: int, number: str) -> None:
        """Keep the admin's message up to date with the push (after it was sent)."""
        async with self.db.write() as session:
            await repo.add_progress_watch(
                session,
                ProgressWatch(
                    chat_id=chat_id, message_id=message_id, directive_id=directive_id, number=number
                ),
            )

    # ---- recall

    async def recall(self, officer: Officer, directive_id: int, now: datetime | None = None) -> Recalled:
        """Close a published directive: officers of the assigned communes are told (outbox), it leaves their
        lists, pending reports are no longer asked for; assignments and reports are kept."""
        now = now or utcnow()
        async with self.db.write() as session:
            d = await self._load(session, officer, directive_id)
            if d.status != DirectiveStatus.PUBLISHED:
                key = texts.DESK_CLOSED if d.status == DirectiveStatus.CLOSED else texts.DESK_NOT_PUBLISHED
                raise DeskError(key.format(number=_number(d.number)))
            counts = await repo.assignment_counts(session, d.id)
            units = sorted(await repo.assigned_unit_ids(session, d.id))
            await repo.set_directive_closed(session, d, now)
            text = texts.PUSH_RECALL.format(number=_number(d.number), subject=escape(short(d.subject or "")))
            officers = [o for o in await repo.officers_in_units(session, units) if o.role == Role.OFFICER]
            await repo.enqueue(session, [OutboxRow.recall(o, d.id, text) for o in officers])
        return Recalled(
            d.number,
            len(officers),
            len({o.unit_id for o in officers}),
            counts[AssignmentStatus.PENDING],
            counts[AssignmentStatus.DONE],
        )

    async def closed_assignment(self, assignment_id: int) -> bool:
        async with self.db.read() as session:
            return await repo.closed_assignment(session, assignment_id)

    async def recalled_push(self, chat_id: int, message_id: int) -> bool:
        """Whether a message is the push (or a reminder) of a directive since recalled."""
        async with self.db.read() as session:
            delivery = await repo.delivery_by_message(session, chat_id, message_id)
            if delivery is None or delivery.kind not in PUSH_KINDS:
                return False
            ids = (delivery.payload or {}).get("assignment_ids") or [
                (delivery.payload or {}).get("assignment_id")
            ]
            return len(ids) == 1 and ids[0] is not None and await repo.closed_assignment(session, int(ids[0]))
