"""The office's use cases: statistics, communes that have not reported, the export, invites, officers,
reminders, importing an uploaded directive and publishing it with a live progress message."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from bot.config import Settings
from bot.db import repo
from bot.db.database import Database
from bot.db.models import Directive, InviteCode, Officer, ProgressWatch, Role, Unit, utcnow
from bot.services import directives as directive_service
from bot.services.assignments import Reminded, queue_reminders
from bot.services.export import export_rows, export_xlsx
from bot.services.parsing import DocumentParser
from bot.services.registration import create_invite
from bot.services.units import commune_units, match_units

__all__ = ["AdminService", "Stats", "Uploaded"]


@dataclass(slots=True)
class Stats:
    directives: list[repo.DirectiveStats]
    blocked: list[Officer]


@dataclass(slots=True)
class Uploaded:
    directive: Directive
    created: bool
    topics: int
    communes: int


class AdminService:
    """Admin use cases; reads in short sessions, writes in short transactions, no Telegram here."""

    def __init__(self, db: Database, settings: Settings, parser: DocumentParser | None = None) -> None:
        self.db = db
        self.settings = settings
        self.directives = directive_service.DirectiveService(db, settings, parser)

    async def stats(self) -> Stats:
        async with self.db.read() as session:
            return Stats(await repo.directive_stats(session), await repo.inactive_officers(session))

    async def missing(self) -> list[tuple[Directive, list[str]]]:
        """Each published directive with the communes that have not reported it."""
        async with self.db.read() as session:
            pending = await repo.pending_units(session)
            directives = await repo.directives_by_ids(session, list(pending))
        return [(directives[did], names) for did, names in pending.items() if did in directives]

    async def export(self, now: datetime | None = None) -> tuple[bytes, datetime]:
        """The XLSX report upward, built off the event loop."""
        now = (now or utcnow()).astimezone(self.settings.tz)
        async with self.db.read() as session:
            rows = await export_rows(session, self.settings.tz)
        return await asyncio.to_thread(export_xlsx, rows, now), now

    async def communes(self) -> list[Unit]:
        async with self.db.read() as session:
            return await commune_units(session, self.settings.province)

    async def invite(self, unit_query: str, role: Role) -> tuple[Unit, InviteCode]:
        """A new invite for the commune matching `unit_query` (UnitNotFound with suggestions otherwise)."""
        unit = match_units(await self.communes(), unit_query)[0]
        async with self.db.write() as session:
            return unit, await create_invite(session, unit, role, self.settings.invite_ttl_days)

    async def officers(self) -> list[Officer]:
        async with self.db.read() as session:
            return await repo.list_officers(session)

    async def remind_all(self, now: datetime | None = None, *, directive_id: int | None = None) -> Reminded:
        """Queue today's manual reminder: one per officer of each commune with pending assignments (of one
        directive, or all), listing them."""
        today = (now or utcnow()).astimezone(self.settings.tz).strftime("%Y%m%d")
        async with self.db.write() as session:
            pending = await repo.pending_assignments(session, directive_id=directive_id)
            ref = f"manual:{today}" + (f":{directive_id}" if directive_id else "")
            return await queue_reminders(session, pending, ref)

    async def upload(self, data: bytes, name: str, by: Officer) -> Uploaded:
        """Parse (off the event loop) and store an uploaded directive as a draft."""
        result = await self.directives.import_upload(data, name, created_by=by.id)
        return Uploaded(result.directive, result.created, result.topics, len(await self.communes()))

    async def directive(self, directive_id: int) -> Directive | None:
        async with self.db.read() as session:
            return await repo.get_directive(session, directive_id, with_topics=False)

    async def publish(self, directive_id: int, by: Officer) -> directive_service.PublishResult:
        """Publish to every commune in scope (batched transactions) and queue the pushes."""
        return await self.directives.publish(directive_id, published_by=by.id)

    async def watch(self, chat_id: int, message_id: int, directive_id: int, number: str) -> None:
        """Keep the admin's message up to date with the push (after it was sent)."""
        async with self.db.write() as session:
            await repo.add_progress_watch(
                session,
                ProgressWatch(
                    chat_id=chat_id, message_id=message_id, directive_id=directive_id, number=number
                ),
            )
