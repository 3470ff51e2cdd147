"""Audience, intent and message-shape filters.

All are async `Filter` classes: aiogram runs a plain callable filter, magic `F` filters included, through
`asyncio.to_thread`, a worker-thread round trip for each check. Routers that every officer message
crosses use these instead.
"""

from __future__ import annotations

from typing import Any

from aiogram.filters import Filter
from aiogram.types import Message, TelegramObject

from bot.db.models import Officer
from bot.understanding.intents import Intent

__all__ = ["HasEvidence", "IntentIs", "IsAdmin", "IsOfficer", "IsReplyToBot", "IsStranger"]


class IsStranger(Filter):
    """Nobody registered (or a deactivated account)."""

    async def __call__(self, event: TelegramObject, officer: Officer | None = None, **_: Any) -> bool:
        return officer is None


class IsOfficer(Filter):
    """An active registered user (commune officer, or an admin using officer features)."""

    async def __call__(self, event: TelegramObject, officer: Officer | None = None, **_: Any) -> bool:
        return officer is not None


class IsAdmin(Filter):
    async def __call__(self, event: TelegramObject, is_admin: bool = False, **_: Any) -> bool:
        return is_admin


class IntentIs(Filter):
    def __init__(self, *intents: str) -> None:
        self.intents = intents

    async def __call__(self, event: TelegramObject, intent: Intent | None = None, **_: Any) -> bool:
        return intent is not None and intent.intent in self.intents


class IsReplyToBot(Filter):
    """A message that replies to one of the bot's messages."""

    async def __call__(self, event: TelegramObject) -> bool:
        replied = event.reply_to_message if isinstance(event, Message) else None
        return bool(replied and replied.from_user and replied.from_user.is_bot)


class HasEvidence(Filter):
    """A photo, voice note, audio file or video note: evidence of a broadcast."""

    async def __call__(self, event: TelegramObject) -> bool:
        return isinstance(event, Message) and bool(
            event.photo or event.voice or event.audio or event.video_note
        )
