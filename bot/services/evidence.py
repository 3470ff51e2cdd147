"""Evidence the office can see: the photos, voice notes, videos and documents officers sent for a
directive, paged per commune (a page is up to PAGE items of one commune), sent back by file id. The
export links each commune × directive to its first page (`/start mc_<assignment id>`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import repo
from bot.db.repo.admin import DirectiveRow
from bot.db.repo.evidence import EvidenceRow
from bot.services.scope import Scope

__all__ = ["PAGE", "EvidencePage", "evidence_page", "page_of_assignment"]

PAGE = 5  # items sent per page (each one message)


@dataclass(slots=True)
class EvidencePage:
    directive: DirectiveRow
    items: list[EvidenceRow]  # empty when the directive has no evidence in the scope
    page: int = 0
    pages: int = 0
    unit_items: int = 0  # how many items the page's commune sent in all
    first_of_unit: int = 0  # index of the first of them shown on this page

    @property
    def unit_name(self) -> str:
        return self.items[0].unit_name if self.items else ""


def _pages(rows: list[EvidenceRow]) -> list[tuple[list[EvidenceRow], int, int]]:
    """Each commune's items in chunks of PAGE: (chunk, the commune's total, index of the chunk's first)."""
    by_unit: dict[int, list[EvidenceRow]] = {}
    for row in rows:
        by_unit.setdefault(row.unit_id, []).append(row)
    pages = []
    for items in by_unit.values():
        for start in range(0, len(items), PAGE):
            pages.append((items[start : start + PAGE], len(items), start))
    return pages


async def evidence_page(
    session: AsyncSession, scope: Scope, directive: DirectiveRow, page: int
) -> EvidencePage:
    """Page `page` (clamped) of a directive's evidence within the scope."""
    pages = _pages(await repo.evidence_rows(session, directive.id, scope.filter()))
    if not pages:
        return EvidencePage(directive, [])
    page = max(0, min(page, len(pages) - 1))
    items, total, first = pages[page]
    return EvidencePage(directive, items, page, len(pages), total, first)


async def page_of_assignment(session: AsyncSession, scope: Scope, assignment_id: int) -> tuple[int, int]:
    """(directive id, page) where one commune × directive's evidence starts; OutOfScope / LookupError."""
    place = await repo.assignment_place(session, assignment_id)
    if place is None:
        raise LookupError(assignment_id)
    directive_id, unit_id = place
    if not scope.allows(unit_id):
        raise scope.refuse("evidence")
    pages = _pages(await repo.evidence_rows(session, directive_id, scope.filter()))
    for index, (items, _, first) in enumerate(pages):
        if items[0].assignment_id == assignment_id and first == 0:
            return directive_id, index
    return directive_id, 0
