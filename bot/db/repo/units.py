"""Units: the administrative tree (province → commune)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    Unit,
)
from bot.db.repo._common import _insert

__all__ = [
    "add_units",
    "get_unit",
    "list_units",
    "unit_codes",
    "unit_subtree_ids",
    "units_by_ids",
]


async def unit_codes(session: AsyncSession) -> set[str]:
    """Codes of every unit already stored."""
    return set((await session.scalars(select(Unit.code))).all())


async def add_units(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Insert units (dicts with code, name, kind, level, parent_code, folded_name) in tree order."""
    codes: dict[str, int] = {
        code: uid for code, uid in (await session.execute(select(Unit.code, Unit.id))).all()
    }
    for level in sorted({r["level"] for r in rows}):
        batch = [r for r in rows if r["level"] == level and r["code"] not in codes]
        if not batch:
            continue
        values = [
            {
                "code": r["code"],
                "name": r["name"],
                "kind": r["kind"],
                "level": r["level"],
                "folded_name": r["folded_name"],
                "parent_id": codes.get(r["parent_code"]) if r.get("parent_code") else None,
            }
            for r in batch
        ]
        for start in range(0, len(values), 500):
            await session.execute(
                _insert(session, Unit).values(values[start : start + 500]).on_conflict_do_nothing()
            )
        codes.update({code: uid for code, uid in (await session.execute(select(Unit.code, Unit.id))).all()})


async def list_units(
    session: AsyncSession, *, level: int | None = None, parent_codes: Iterable[str] | None = None
) -> list[Unit]:
    """Units ordered by code, optionally of one level and/or under some parents (by code)."""
    stmt = select(Unit).order_by(Unit.level, Unit.code)
    if level is not None:
        stmt = stmt.where(Unit.level == level)
    if parent_codes is not None:
        parents = select(Unit.id).where(Unit.code.in_(list(parent_codes)))
        stmt = stmt.where(or_(Unit.parent_id.in_(parents), Unit.code.in_(list(parent_codes))))
    return list((await session.scalars(stmt)).all())


async def get_unit(session: AsyncSession, unit_id: int) -> Unit | None:
    return await session.get(Unit, unit_id)


async def units_by_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, Unit]:
    if not ids:
        return {}
    rows = await session.scalars(select(Unit).where(Unit.id.in_(list(set(ids)))))
    return {u.id: u for u in rows}


async def unit_subtree_ids(session: AsyncSession, unit_id: int) -> list[int]:
    """A unit and every unit below it (thôn/tổ under a commune, when the tree has them)."""
    ids, frontier = [unit_id], [unit_id]
    while frontier:
        frontier = list((await session.scalars(select(Unit.id).where(Unit.parent_id.in_(frontier)))).all())
        frontier = [i for i in frontier if i not in ids]
        ids.extend(frontier)
    return ids
