"""Evidence officers sent (photos, voice notes, files), as the office sees it: counts per assignment for
the report upward, and the items of a directive. `unit_ids` None means every unit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    Assignment,
    Evidence,
    Officer,
    Unit,
)
from bot.db.repo.admin import _in_units

__all__ = ["EvidenceRow", "evidence_kinds", "evidence_rows"]


async def evidence_kinds(
    session: AsyncSession,
    directive_ids: Sequence[int],
    unit_ids: Sequence[int] | None = None,
    until: datetime | None = None,
) -> dict[int, dict[str, int]]:
    """Per assignment: how many evidence items of each kind stand (photo, voice, …)."""
    if not directive_ids:
        return {}
    stmt = (
        select(Evidence.assignment_id, Evidence.kind, func.count(Evidence.id))
        .join(Assignment, Assignment.id == Evidence.assignment_id)
        .where(Assignment.directive_id.in_(list(directive_ids)), Evidence.undone_at.is_(None))
        .group_by(Evidence.assignment_id, Evidence.kind)
    )
    stmt = _in_units(stmt, unit_ids)
    if until is not None:
        stmt = stmt.where(Evidence.created_at <= until)
    out: dict[int, dict[str, int]] = {}
    for aid, kind, n in (await session.execute(stmt)).all():
        out.setdefault(int(aid), {})[str(kind)] = int(n)
    return out


@dataclass(frozen=True, slots=True)
class EvidenceRow:
    """One item of evidence with where and by whom it came."""

    id: int
    assignment_id: int
    unit_id: int
    unit_name: str
    officer_name: str
    file_id: str
    kind: str
    caption: str | None
    file_name: str | None
    created_at: datetime


async def evidence_rows(
    session: AsyncSession,
    directive_id: int,
    unit_ids: Sequence[int] | None = None,
    *,
    assignment_id: int | None = None,
) -> list[EvidenceRow]:
    """The evidence that stands for a directive (of some units, or of one assignment), communes in the
    official order, oldest first within each."""
    stmt = (
        select(
            Evidence.id,
            Evidence.assignment_id,
            Assignment.unit_id,
            Unit.name,
            Officer.name,
            Evidence.file_id,
            Evidence.kind,
            Evidence.caption,
            Evidence.file_name,
            Evidence.created_at,
        )
        .join(Assignment, Assignment.id == Evidence.assignment_id)
        .join(Unit, Unit.id == Assignment.unit_id)
        .join(Officer, Officer.id == Evidence.officer_id)
        .where(Assignment.directive_id == directive_id, Evidence.undone_at.is_(None))
        .order_by(Unit.code, Evidence.created_at, Evidence.id)
    )
    stmt = _in_units(stmt, unit_ids)
    if assignment_id is not None:
        stmt = stmt.where(Evidence.assignment_id == assignment_id)
    return [
        EvidenceRow(eid, aid, uid, uname, oname or "", fid, str(kind), caption, fname, at)
        for eid, aid, uid, uname, oname, fid, kind, caption, fname, at in (await session.execute(stmt)).all()
    ]
