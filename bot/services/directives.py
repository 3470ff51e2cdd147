"""Importing directives (idempotent by content hash) and publishing them to communes.

Publishing to thousands of communes is done in batches of short transactions, so the bot keeps
answering while a province-wide push is being queued.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from bot import directives as parsing
from bot.config import Settings
from bot.db import repo
from bot.db.database import Database
from bot.db.models import Directive, DirectiveStatus, Role, Unit
from bot.delivery.outbox import OutboxRow
from bot.services.parsing import DocumentParser
from bot.services.units import UnitNotFound, commune_units, match_units
from bot.understanding.search import document_texts

__all__ = [
    "PUBLISH_BATCH",
    "DirectiveService",
    "ImportResult",
    "PublishResult",
    "content_hash",
    "import_file",
    "import_parsed",
    "publish",
    "resolve_targets",
]

PUBLISH_BATCH = 300  # communes per transaction


@dataclass(slots=True)
class ImportResult:
    directive: Directive
    created: bool
    topics: int = 0


@dataclass(slots=True)
class PublishResult:
    directive: Directive
    units: int
    new_assignments: int
    queued: int
    unknown: list[str] = field(default_factory=list)


def content_hash(text: str) -> str:
    """Hash of the normalised document text: the same content gives the same directive."""
    canonical = " ".join(text.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _iso_date(value: str | None) -> date | None:
    if value and len(value) == 10:
        return date.fromisoformat(value)
    return None


async def import_parsed(
    session: AsyncSession,
    parsed: parsing.Directive,
    source_name: str,
    *,
    ocr: bool = False,
    created_by: int | None = None,
    owner_unit_id: int | None = None,
) -> ImportResult:
    """Store a parsed directive unless the same content is already stored (in the caller's transaction)."""
    digest = content_hash(parsed.text)
    existing = await repo.directive_by_hash(session, digest)
    if existing is not None:
        return ImportResult(existing, False, len(existing.topic_titles or []))
    directive = Directive(
        number=parsed.number,
        issuer=parsed.issuer,
        issued_on=parsed.issued_on,
        place=parsed.place,
        subject=parsed.subject,
        recipients=parsed.recipients,
        references=parsed.references,
        topic_titles=[t.title for t in parsed.topics],
        signer=parsed.signer,
        body=parsed.text,
        source_name=source_name[:300],
        content_hash=digest,
        status=DirectiveStatus.DRAFT,
        broadcast_from=_iso_date(parsed.broadcast_from),
        broadcast_to=_iso_date(parsed.broadcast_to),
        report_due=_iso_date(parsed.report_due),
        ocr=ocr,
        created_by=created_by,
        owner_unit_id=owner_unit_id,
    )
    topics = [(t.ordinal, t.title, t.body) for t in parsed.topics]
    head = (parsed.number, parsed.subject, parsed.issuer, *parsed.references)
    await repo.add_directive(session, directive, topics, document_texts(head, parsed.text, topics))
    return ImportResult(directive, True, len(topics))


async def import_file(session: AsyncSession, path: str | Path) -> ImportResult:
    """Read, parse and store a file in the caller's transaction (scripts and tests; the bot and the CLI
    parse before their transaction begins, through `DirectiveService`)."""
    path = Path(path)
    read = parsing.read_document_ex(path)
    return await import_parsed(session, parsing.parse_text(read.text), path.name, ocr=read.ocr)


async def resolve_targets(
    session: AsyncSession, province: str, targets: Sequence[str]
) -> tuple[list[Unit], list[str]]:
    """Communes named by `--to` ('all' or names/codes, matched without diacritics) and the names not found."""
    communes = await commune_units(session, province)
    if not targets or any(t.strip().lower() in ("all", "tat ca", "tất cả") for t in targets):
        return communes, []
    chosen: dict[int, Unit] = {}
    unknown: list[str] = []
    for name in targets:
        try:
            for unit in match_units(communes, name):
                chosen[unit.id] = unit
        except UnitNotFound:
            unknown.append(name)
    return list(chosen.values()), unknown


async def publish(
    session: AsyncSession,
    directive: Directive,
    units: Sequence[Unit],
    *,
    published_by: int | None = None,
    due: date | None = None,
) -> PublishResult:
    """Assign a directive to communes and queue one push per active officer, in the caller's transaction."""
    due = due or directive.report_due
    unit_ids = [u.id for u in units]
    before = await repo.assigned_unit_ids(session, directive.id)
    assignments = await repo.create_assignments(session, directive.id, unit_ids, due)
    await repo.set_directive_published(session, directive, published_by)
    by_unit = {a.unit_id: a for a in assignments}
    officers = await repo.officers_in_units(session, unit_ids)
    rows = [
        OutboxRow.directive(o, by_unit[o.unit_id])
        for o in officers
        if o.unit_id in by_unit and o.role == Role.OFFICER
    ]
    queued = await repo.enqueue(session, rows)
    return PublishResult(directive, len(unit_ids), len(set(unit_ids) - before), queued)


class DirectiveService:
    """Import and publish with short transactions; parsing happens before any transaction begins."""

    def __init__(self, db: Database, settings: Settings, parser: DocumentParser | None = None) -> None:
        self.db = db
        self.settings = settings
        self.parser = parser or DocumentParser(processes=False)

    async def import_file(self, path: str | Path, *, created_by: int | None = None) -> ImportResult:
        """Read, parse and store a document file. Raises DocumentError/ParseError (Vietnamese messages)."""
        parsed = await self.parser.parse_path(path)
        async with self.db.write() as session:
            return await import_parsed(
                session, parsed.directive, Path(path).name, ocr=parsed.ocr, created_by=created_by
            )

    async def import_upload(
        self, data: bytes, name: str, *, created_by: int | None = None, owner_unit_id: int | None = None
    ) -> ImportResult:
        """Parse and store an uploaded document."""
        parsed = await self.parser.parse_bytes(data, name)
        async with self.db.write() as session:
            return await import_parsed(
                session,
                parsed.directive,
                name,
                ocr=parsed.ocr,
                created_by=created_by,
                owner_unit_id=owner_unit_id,
            )

    async def targets(self, names: Sequence[str]) -> tuple[list[Unit], list[str]]:
        async with self.db.read() as session:
            return await resolve_targets(session, self.settings.province, names)

    async def publish(
        self, directive_id: int, units: Sequence[Unit] | None = None, *, published_by: int | None = None
    ) -> PublishResult:
        """Publish to `units` (all communes in scope when None), PUBLISH_BATCH communes per transaction."""
        if units is None:
            async with self.db.read() as session:
                units = await commune_units(session, self.settings.province)
        total = PublishResult(Directive(id=directive_id), 0, 0, 0)
        for start in range(0, max(len(units), 1), PUBLISH_BATCH):
            async with self.db.write() as session:
                directive = await repo.get_directive(session, directive_id, with_topics=False)
                if directive is None:
                    raise LookupError(directive_id)
                part = await publish(
                    session, directive, units[start : start + PUBLISH_BATCH], published_by=published_by
                )
            total.directive = part.directive
            total.units += part.units
            total.new_assignments += part.new_assignments
            total.queued += part.queued
        return total
