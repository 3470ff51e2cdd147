"""Audience and intent filters, applied once on each router."""

from __future__ import annotations

from typing import Any

from aiogram.filters import Filter
from aiogram.types import TelegramObject

from bot.db.models import Officer
from bot.understanding.intents import Intent

__all__ = ["IntentIs", "IsAdmin", "IsOfficer", "IsStranger"]


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
