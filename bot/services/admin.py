"""The office's use cases: statistics and progress, communes that have not reported, the report upward,
invites, officers (deactivate, reactivate), reminders, evidence. Importing and publishing is the desk
(bot/services/desk.py).

Every use case takes the admin asking and checks its scope here (bot/services/scope.py): a province
admin sees everything, a unit admin only its unit. Outside it: OutOfScope (or DirectiveNotFound when
nothing of the kind exists in the scope)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.db import repo
from bot.db.database import Database
from bot.db.models import InviteCode, Officer, Role, Unit, utcnow
from bot.db.repo.admin import DirectiveRow
from bot.delivery.outbox import Kind
from bot.services.assignments import Reminded, queue_reminders
from bot.services.evidence import EvidencePage, evidence_page, page_of_assignment
from bot.services.export import ExportData, ExportRequest, Format, build_export
from bot.services.labels import Period
from bot.services.parsing import DocumentParser
from bot.services.progress import Missing, Overview, Progress, missing, overview, progress
from bot.services.registration import create_invite
from bot.services.scope import Scope, resolve_directive, scope_of
from bot.services.staff import StaffResult, set_active
from bot.services.units import commune_units, is_province_query, match_units, province_units

__all__ = ["AdminService", "Exported", "RemindResult", "quiet_until"]


@dataclass(slots=True)
class Exported:
    data: bytes
    name: str
    content: ExportData


@dataclass(slots=True)
class RemindResult:
    reached: Reminded
    directive: DirectiveRow | None = None
    at: datetime | None = None  # held until the end of quiet hours


def quiet_until(now: datetime, settings: Settings) -> datetime | None:
    """When `now` falls in the quiet hours, the moment they end (local QUIET_END_HOUR); else None."""
    local = now.astimezone(settings.tz)
    start, end = settings.quiet_start_hour, settings.quiet_end_hour
    hour = local.hour
    quiet = (hour >= start or hour < end) if start > end else (start <= hour < end)
    if not quiet or start == end:
        return None
    wake = local.replace(hour=end, minute=0, second=0, microsecond=0)
    return wake if wake > local else wake + timedelta(days=1)


class AdminService:
    """Admin use cases; reads in short sessions, writes in short transactions, no Telegram here."""

    def __init__(self, db: Database, settings: Settings, parser: DocumentParser | None = None) -> None:
        self.db = db
        self.settings = settings  # (`parser` is the desk's now: bot/services/desk.py)

    async def _scope(self, session: AsyncSession, admin: Officer) -> Scope:
        return await scope_of(session, admin, self.settings.admin_ids)

    async def scope(self, admin: Officer) -> Scope:
        async with self.db.read() as session:
            return await self._scope(session, admin)

    async def stats(self, admin: Officer, period: Period | None = None) -> Overview:
        """The scope's published directives (of a period) with their counts."""
        async with self.db.read() as session:
            scope = await self._scope(session, admin)
            return await overview(session, scope, self.settings.province, self.settings.tz, period)

    async def progress(self, admin: Officer, query: str) -> Progress:
        """One directive of the scope, named by number or words (DirectiveNotFound, Ambiguous, OutOfScope)."""
        async with self.db.read() as session:
            scope = await self._scope(session, admin)
            directive = await resolve_directive(session, scope, query)
            return await progress(session, scope, directive)

    async def missing(self, admin: Officer, query: str | None = None) -> Missing:
        """The communes of the scope that have not reported (one directive, or each)."""
        async with self.db.read() as session:
            scope = await self._scope(session, admin)
            directive = await resolve_directive(session, scope, query) if query else None
            return await missing(session, scope, directive)

    async def export(
        self,
        admin: Officer,
        request: ExportRequest | None = None,
        fmt: Format = "xlsx",
        now: datetime | None = None,
    ) -> Exported:
        """The report upward for the scope (built off the event loop)."""
        scope = await self.scope(admin)
        data, name, content = await build_export(
            self.db, self.settings, scope, request or ExportRequest(), fmt, now
        )
        return Exported(data, name, content)

    async def communes(self) -> list[Unit]:
        async with self.db.read() as session:
            return await commune_units(session, self.settings.province)

    async def invite(self, admin: Officer, unit_query: str, role: Role) -> tuple[Unit, InviteCode]:
        """A new invite for the unit matching `unit_query` (UnitNotFound with suggestions otherwise). Only a
        province admin invites admins (of a commune, or of the province: "tỉnh") or outside its unit."""
        async with self.db.read() as session:
            scope = await self._scope(session, admin)
            if role == Role.ADMIN and not scope.province:
                raise scope.refuse("admin_invite")
            provinces = await province_units(session, self.settings.province)
            communes = await commune_units(session, self.settings.province)
        if role == Role.ADMIN and is_province_query(unit_query) and len(provinces) == 1:
            unit = provinces[0]
        else:
            unit = match_units([*communes, *provinces] if role == Role.ADMIN else communes, unit_query)[0]
        scope.require_unit(unit.id)
        async with self.db.write() as session:
            return unit, await create_invite(session, unit, role, self.settings.invite_ttl_days)

    async def officers(self, admin: Officer) -> tuple[Scope, list[Officer]]:
        async with self.db.read() as session:
            scope = await self._scope(session, admin)
            return scope, await repo.list_officers(session, unit_ids=scope.filter())

    async def set_active(
        self, admin: Officer, active: bool, *, query: str | None = None, officer_id: int | None = None
    ) -> StaffResult:
        """Deactivate or reactivate an officer of the scope (the caller forgets it in the identity cache)."""
        async with self.db.write() as session:
            scope = await self._scope(session, admin)
            return await set_active(
                session,
                scope,
                active,
                query=query,
                officer_id=officer_id,
                by=admin,
                admin_ids=self.settings.admin_ids,
            )

    async def remind(
        self, admin: Officer, query: str | None = None, now: datetime | None = None
    ) -> RemindResult:
        """Queue today's manual reminder for the communes of the scope that have not reported (one
        directive's, or all): one message per officer listing what its commune has pending. In quiet hours
        the messages wait for the morning."""
        now = now or utcnow()
        today = now.astimezone(self.settings.tz).strftime("%Y%m%d")
        hold = quiet_until(now, self.settings)
        async with self.db.write() as session:
            scope = await self._scope(session, admin)
            directive = await resolve_directive(session, scope, query) if query else None
            pending = await repo.pending_assignments(
                session, unit_ids=scope.filter(), directive_id=directive.id if directive else None
            )
            ref = f"manual:{today}" + (f":{directive.id}" if directive else "")  # once a day per officer
            reached = await queue_reminders(session, pending, ref)
            if hold is not None and reached.queued:
                await repo.delay_queued(session, Kind.REMINDER, ref, hold)
        return RemindResult(reached, directive, hold)

    async def evidence(
        self, admin: Officer, query: str | None = None, *, directive_id: int | None = None, page: int = 0
    ) -> EvidencePage:
        """A page of a directive's evidence within the scope (by its number or its id)."""
        async with self.db.read() as session:
            scope = await self._scope(session, admin)
            if directive_id is not None:
                directive = await resolve_directive(session, scope, f"#{directive_id}")
            else:
                directive = await resolve_directive(session, scope, query or "")
            return await evidence_page(session, scope, directive, page)

    async def evidence_of(self, admin: Officer, assignment_id: int) -> EvidencePage:
        """The evidence of one commune × directive (the export's link), with the directive's other pages."""
        async with self.db.read() as session:
            scope = await self._scope(session, admin)
            directive_id, page = await page_of_assignment(session, scope, assignment_id)
            directive = await resolve_directive(session, scope, f"#{directive_id}")
            return await evidence_page(session, scope, directive, page)
