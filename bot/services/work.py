"""The officer's questions: this week's work, what is pending, a directive's full text and bản tin, search.

Access rule: an officer sees only directives published to their own commune; an admin sees every
directive in their scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.db import repo
from bot.db.database import Database
from bot.db.models import Assignment, Directive, DirectiveStatus, Officer, utcnow
from bot.db.rows import Item
from bot.services.assignments import WeekView, week_view
from bot.services.radio import RadioScript, RadioSource, write_script
from bot.services.scope import scope_of
from bot.services.search import SearchResult, SearchService

__all__ = ["Readable", "WorkService"]


@dataclass(slots=True)
class Readable:
    """A directive this person may read, and their commune's assignment of it (None for an admin)."""

    directive: Directive
    assignment: Assignment | None


class WorkService:
    """Read-only answers for officers; every query in one short read session."""

    def __init__(self, db: Database, settings: Settings, search: SearchService | None = None) -> None:
        self.db = db
        self.settings = settings
        self.search_service = search or SearchService()

    async def week(
        self, officer: Officer, *, page: int = 0, offset: int = 0, now: datetime | None = None
    ) -> WeekView | None:
        """A page of the commune's work for this week (`offset` weeks away); None without a commune."""
        if officer.unit_id is None:
            return None
        async with self.db.read() as session:
            return await week_view(session, officer.unit_id, now or utcnow(), self.settings.tz, page, offset)

    async def pending(self, officer: Officer) -> list[Item] | None:
        """The commune's pending assignments, soonest deadline first; None without a commune."""
        if officer.unit_id is None:
            return None
        async with self.db.read() as session:
            return await repo.pending_unit_items(session, officer.unit_id)

    async def readable(self, officer: Officer, is_admin: bool, directive_id: int) -> Readable | None:
        """The directive if this person may read it: published to their commune, or for an admin any of
        their scope."""
        async with self.db.read() as session:
            directive = await repo.get_directive(session, directive_id)
            if directive is None:
                return None
            assignment = (
                await repo.assignment_of(session, directive_id, officer.unit_id)
                if officer.unit_id is not None
                else None
            )
            if is_admin:
                allowed = await self._admin_reads(session, officer, directive)
                return Readable(directive, assignment) if allowed else None
        if assignment is None or directive.status != DirectiveStatus.PUBLISHED:
            return None
        return Readable(directive, assignment)

    async def _admin_reads(self, session: AsyncSession, officer: Officer, directive: Directive) -> bool:
        """A province admin reads everything; a unit admin its own directives and those published to a
        unit of its scope."""
        scope = await scope_of(session, officer, self.settings.admin_ids)
        if scope.province or scope.allows(directive.owner_unit_id):
            return True
        if directive.status != DirectiveStatus.PUBLISHED or scope.unit_ids is None:
            return False
        return not (await repo.assigned_unit_ids(session, directive.id)).isdisjoint(scope.unit_ids)

    async def bulletin(self, officer: Officer, is_admin: bool, directive_id: int) -> RadioScript | None:
        """The bản tin of a directive for the officer's commune (the one script to read on air)."""
        found = await self.readable(officer, is_admin, directive_id)
        if found is None:
            return None
        unit = officer.unit.name if officer.unit is not None else ""
        return write_script(RadioSource.from_model(found.directive), unit)

    async def search(
        self, officer: Officer, is_admin: bool, query: str, limit: int = 5
    ) -> list[SearchResult]:
        """Directives matching `query` among those this person may read, best first."""
        async with self.db.read() as session:
            allowed: set[int] | None = None
            if is_admin:
                scope = await scope_of(session, officer, self.settings.admin_ids)
                if not scope.province:
                    allowed = {row.id for row in await repo.scope_directives(session, scope.filter())}
                    if not allowed:
                        return []
            else:
                allowed = await repo.published_directive_ids_for_unit(session, officer.unit_id or 0)
                if not allowed:
                    return []
            return await self.search_service.search(session, query, limit=limit, allowed=allowed)
