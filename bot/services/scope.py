"""Whose office is this: an admin belongs to the province (ADMIN_IDS, no unit, or the province's own unit)
or to a unit (a commune, and the thôn/tổ under it if those exist). Every admin use case asks for the
scope first and checks what it touches against it; handlers never decide it.

Also finding the directive an admin means ("2345", "2345/SVHTTDL", "#12", a few words of the subject)
among the directives of the scope.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import repo
from bot.db.models import Officer, Unit
from bot.db.repo.admin import DirectiveRow
from bot.lang.fold import fold_plain

__all__ = [
    "Ambiguous",
    "DirectiveNotFound",
    "OutOfScope",
    "Scope",
    "find_directive",
    "resolve_directive",
    "scope_of",
]


class OutOfScope(PermissionError):
    """What an admin asked for lies outside their unit (or needs a province admin)."""

    def __init__(self, what: str = "", scope_name: str | None = None) -> None:
        super().__init__(what)
        self.what = what
        self.scope_name = scope_name


class DirectiveNotFound(LookupError):
    """No directive of the scope matches what the admin typed."""

    def __init__(self, query: str) -> None:
        super().__init__(query)
        self.query = query


class Ambiguous(LookupError):
    """Several directives match; `choices` lists them (best first)."""

    def __init__(self, query: str, choices: Sequence[DirectiveRow]) -> None:
        super().__init__(query)
        self.query = query
        self.choices = list(choices)


@dataclass(frozen=True, slots=True)
class Scope:
    """`unit_ids` None: the whole province (everything); else these units only (a unit and its subtree)."""

    unit_ids: frozenset[int] | None = None
    unit_id: int | None = None
    unit_name: str | None = None

    @property
    def province(self) -> bool:
        return self.unit_ids is None

    def allows(self, unit_id: int | None) -> bool:
        return self.unit_ids is None or (unit_id is not None and unit_id in self.unit_ids)

    def filter(self) -> list[int] | None:
        """For repository queries: the unit ids to keep, or None for all."""
        return None if self.unit_ids is None else sorted(self.unit_ids)

    def refuse(self, what: str) -> OutOfScope:
        return OutOfScope(what, self.unit_name)

    def require_unit(self, unit_id: int | None, what: str = "unit") -> None:
        if not self.allows(unit_id):
            raise self.refuse(what)


PROVINCE = Scope()


async def scope_of(session: AsyncSession, officer: Officer, admin_ids: Collection[int]) -> Scope:
    """The admin's scope: ADMIN_IDS, no unit, or a province-level unit → the province; else their unit."""
    if officer.telegram_id in admin_ids or officer.unit_id is None:
        return PROVINCE
    unit: Unit | None = await repo.get_unit(session, officer.unit_id)
    if unit is None or unit.parent_id is None:
        return PROVINCE
    ids = await repo.unit_subtree_ids(session, unit.id)
    return Scope(frozenset(ids), unit.id, unit.name)


_REF_NUMBER = re.compile(r"^\d+$")


def _leading_number(number: str | None) -> str:
    m = re.match(r"\s*(\d+)", number or "")
    return m.group(1) if m else ""


def match_directives(rows: Sequence[DirectiveRow], query: str) -> list[DirectiveRow]:
    """Directives matching what the admin typed, best kind of match only: the number ("2345" or
    "2345/SVHTTDL-…"), then a number cited in the subject ("kế hoạch 113"), then the internal id
    ("#12", or a bare number nothing else matches), then words of the subject."""
    q = query.strip()
    explicit_id = q.startswith("#")
    q = q.lstrip("#").strip()
    folded = fold_plain(q)
    for prefix in ("cong van so ", "cong van ", "van ban ", "so "):
        if folded.startswith(prefix):
            folded = folded[len(prefix) :]
    if not folded:
        return []
    words = folded.split()
    if explicit_id and _REF_NUMBER.match(folded):
        return [r for r in rows if r.id == int(folded)]
    if _REF_NUMBER.match(words[0]):
        head = words[0]
        if len(words) > 1:  # "2345/SVHTTDL-QLVHGĐ": the whole number
            by_full = [r for r in rows if fold_plain(r.number or "") == folded]
            if by_full:
                return by_full
        by_number = [r for r in rows if _leading_number(r.number) == head]
        if by_number:
            return by_number
        cited = [r for r in rows if head in fold_plain(r.subject or "").split()]
        if cited and len(words) == 1:
            return cited
        if len(words) == 1:
            return [r for r in rows if r.id == int(head)]
    return [
        r for r in rows if all(w in fold_plain(f"{r.number or ''} {r.subject or ''}").split() for w in words)
    ]


def find_directive(rows: Sequence[DirectiveRow], query: str) -> DirectiveRow:
    """The one directive `query` names among `rows`; DirectiveNotFound or Ambiguous otherwise."""
    found = match_directives(rows, query)
    if not found:
        raise DirectiveNotFound(query)
    if len(found) > 1:
        raise Ambiguous(query, sorted(found, key=lambda r: -r.id))
    return found[0]


async def resolve_directive(session: AsyncSession, scope: Scope, query: str) -> DirectiveRow:
    """The directive of the scope named by `query`; OutOfScope when it exists only outside the scope."""
    try:
        return find_directive(await repo.scope_directives(session, scope.filter()), query)
    except DirectiveNotFound:
        if scope.province:
            raise
        try:
            find_directive(await repo.scope_directives(session, None), query)
        except DirectiveNotFound:
            raise
        except LookupError:
            pass
        raise scope.refuse("directive") from None
