"""Importing directives (idempotent by content hash) and publishing them to communes."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from bot import directives as parsing
from bot.db import repo
from bot.db.models import Directive, Unit
from bot.services.units import UnitNotFound, commune_units, match_units
from bot.understanding.search import document_texts

__all__ = [
    "ImportResult",
    "PublishResult",
    "content_hash",
    "import_bytes",
    "import_file",
    "import_parsed",
    "publish",
    "resolve_targets",
]


@dataclass(slots=True)
class ImportResult:
    directive: Directive
    created: bool


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


async def import_parsed(session: AsyncSession, parsed: parsing.Directive, source_name: str) -> ImportResult:
    """Store a parsed directive unless the same content is already stored."""
    digest = content_hash(parsed.text)
    existing = await repo.directive_by_hash(session, digest)
    if existing is not None:
        return ImportResult(existing, False)
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
        source_name=source_name,
        content_hash=digest,
        status="draft",
        broadcast_from=_iso_date(parsed.broadcast_from),
        broadcast_to=_iso_date(parsed.broadcast_to),
        report_due=_iso_date(parsed.report_due),
    )
    topics = [(t.ordinal, t.title, t.body) for t in parsed.topics]
    docs = document_texts(parsed)
    await repo.add_directive(session, directive, topics, docs)
    return ImportResult(directive, True)


async def import_file(session: AsyncSession, path: str | Path) -> ImportResult:
    """Read, parse and store a document file. Raises DocumentError/ParseError with a Vietnamese message."""
    path = Path(path)
    return await import_parsed(session, parsing.parse_file(path), path.name)


async def import_bytes(session: AsyncSession, data: bytes, name: str) -> ImportResult:
    """Parse and store an uploaded document."""
    return await import_parsed(session, parsing.parse_bytes(data, name), name)


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
        {
            "chat_id": o.chat_id,
            "officer_id": o.id,
            "kind": "directive",
            "ref": str(directive.id),
            "payload": {"directive_id": directive.id, "assignment_id": by_unit[o.unit_id].id},
        }
        for o in officers
        if o.unit_id in by_unit and o.role == "officer"
    ]
    queued = await repo.enqueue(session, rows)
    return PublishResult(directive, len(unit_ids), len(set(unit_ids) - before), queued)
