"""Middlewares: one DB session per update, who is writing, and the intent of a text message."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Message, TelegramObject, User
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.db import repo
from bot.db.models import Officer
from bot.understanding.intents import classify

__all__ = ["MAX_TEXT", "DbSessionMiddleware", "IdentityCache", "IdentityMiddleware", "IntentMiddleware"]

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
MAX_TEXT = 1000  # officers' messages are short; a longer one is answered, not classified


class DbSessionMiddleware(BaseMiddleware):
    """Opens the update's session (committed when the handler returns, rolled back on error)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        async with self.sessions() as session:
            data["session"] = session
            try:
                result = await handler(event, data)
            except Exception:
                await session.rollback()
                raise
            await session.commit()
            return result


class IdentityCache:
    """Registered officers by Telegram id, kept `ttl` seconds: most updates then need no identity query.

    Only active officers are kept. Registration forgets the user at once; elsewhere (another process
    deactivating an officer) a change is seen within `ttl`.
    """

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


class IdentityMiddleware(BaseMiddleware):
    """Puts `officer` (or None) and `is_admin` in the handler data; ADMIN_IDS users get an admin record."""

    def __init__(self, settings: Settings, cache: IdentityCache | None = None) -> None:
        self.admin_ids = set(settings.admin_ids)
        self.cache = cache or IdentityCache()

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        session: AsyncSession = data["session"]
        officer: Officer | None = None
        if user is not None:
            officer = self.cache.get(user.id)
            if officer is None:
                officer = await repo.officer_by_telegram(session, user.id)
                if officer is not None and officer.active:
                    # detached, so that a rollback of this update's session cannot expire the cached copy
                    if officer.unit is not None:
                        session.expunge(officer.unit)
                    session.expunge(officer)
                    self.cache.put(officer)
            if officer is None and user.id in self.admin_ids:
                chat = data.get("event_chat")
                officer = Officer(
                    telegram_id=user.id,
                    chat_id=chat.id if chat else user.id,
                    name=user.full_name,
                    role="admin",
                )
                await repo.save_officer(session, officer)
                officer.unit = None
        data["officer"] = officer if officer is not None and officer.active else None
        data["inactive_officer"] = officer if officer is not None and not officer.active else None
        data["is_admin"] = bool(
            officer and officer.active and (officer.role == "admin" or officer.telegram_id in self.admin_ids)
        )
        return await handler(event, data)


class IntentMiddleware(BaseMiddleware):
    """Classifies a message's text or caption once; `intent` is None for commands not ours and long texts."""

    known_commands = frozenset({"tuannay", "chualam", "huy", "trogiup", "help", "baocao", "timkiem"})

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        intent = None
        if isinstance(event, Message):
            text = event.text or event.caption
            if text and len(text) <= MAX_TEXT:
                command = (
                    text[1:].split(maxsplit=1)[0].split("@")[0].lower()
                    if text.startswith("/") and len(text) > 1
                    else None
                )
                if command is None or command in self.known_commands:
                    intent = classify(text)
        data["intent"] = intent
        return await handler(event, data)
