"""Who is writing: the registered officer behind a Telegram user, cached briefly in this process."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from bot.config import Settings
from bot.db import repo
from bot.db.database import Database
from bot.db.models import Officer, Role
from bot.services.periodic import run_every

__all__ = ["Identity", "IdentityCache", "IdentityService"]


@dataclass(frozen=True, slots=True)
class Identity:
    """The person behind an update: an active officer (or admin), a deactivated one, or nobody."""

    officer: Officer | None = None
    inactive: Officer | None = None
    is_admin: bool = False


class IdentityCache:
    """Registered officers by Telegram id, kept `ttl` seconds: most updates then need no identity query.
    Cleared within a second of any officer's change in any process (`IdentityService.run`)."""

    def __init__(self, ttl: float = 60.0) -> None:
        self.ttl = ttl
        self._items: dict[int, tuple[float, Officer]] = {}

    def get(self, telegram_id: int) -> Officer | None:
        hit = self._items.get(telegram_id)
        if hit is None or hit[0] < time.monotonic():
            self._items.pop(telegram_id, None)
            return None
        return hit[1]

    def put(self, officer: Officer) -> None:
        if len(self._items) > 50_000:
            self._items.clear()
        self._items[officer.telegram_id] = (time.monotonic() + self.ttl, officer)

    def forget(self, telegram_id: int) -> None:
        self._items.pop(telegram_id, None)

    def clear(self) -> None:
        self._items.clear()


class IdentityService:
    """Looks up the officer of a Telegram user; ADMIN_IDS users get an admin record on first contact."""

    def __init__(self, db: Database, settings: Settings, cache: IdentityCache | None = None) -> None:
        self.db = db
        self.admin_ids = frozenset(settings.admin_ids)
        self.cache = cache or IdentityCache()
        self._seen: datetime | None = None

    async def who(self, telegram_id: int, chat_id: int, full_name: str) -> Identity:
        """The identity of a Telegram user (one short read, or none when cached)."""
        officer = self.cache.get(telegram_id)
        if officer is None:
            async with self.db.read() as session:
                officer = await repo.officer_by_telegram(session, telegram_id)
            if officer is not None and officer.active:
                self.cache.put(officer)
        if officer is None and telegram_id in self.admin_ids:
            officer = await self._admin_record(telegram_id, chat_id, full_name)
        if officer is not None and not officer.active:
            return Identity(inactive=officer)
        if officer is None:
            return Identity()
        is_admin = officer.role == Role.ADMIN or officer.telegram_id in self.admin_ids
        return Identity(officer=officer, is_admin=is_admin)

    def forget(self, telegram_id: int) -> None:
        self.cache.forget(telegram_id)

    async def tick(self) -> bool:
        """Forget every cached officer when any officer changed in any process (deactivated, moved,
        reactivated); True when the cache was cleared."""
        async with self.db.read() as session:
            changed = await repo.officers_changed_at(session)
        if changed == self._seen:
            return False
        first = self._seen is None
        self._seen = changed
        if not first:
            self.cache.clear()
        return not first

    async def run(self, interval: float = 1.0) -> None:
        await run_every(interval, self.tick, "identity cache check")

    async def _admin_record(self, telegram_id: int, chat_id: int, full_name: str) -> Officer:
        async with self.db.write() as session:
            officer = await repo.officer_by_telegram(session, telegram_id)
            if officer is None:
                officer = Officer(
                    telegram_id=telegram_id, chat_id=chat_id, name=full_name[:200], role=Role.ADMIN
                )
                await repo.save_officer(session, officer)
                officer.unit = None
        self.cache.put(officer)
        return officer
