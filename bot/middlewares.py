"""Middlewares: who is writing, and the intent of a text message. None of them holds a database session
beyond its own short read."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import Chat, Message, TelegramObject, User

from bot.services.identity import IdentityService
from bot.understanding.intents import classify

__all__ = ["MAX_TEXT", "IdentityMiddleware", "IntentMiddleware"]

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
MAX_TEXT = 4000  # a written report may be long; longer than this is answered, not classified


class IdentityMiddleware(BaseMiddleware):
    """Puts `officer` (active, or None), `inactive_officer` and `is_admin` in the handler data."""

    def __init__(self, identities: IdentityService) -> None:
        self.identities = identities

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        officer = inactive = None
        is_admin = False
        if user is not None:
            who = await self.identities.who(user.id, chat.id if chat else user.id, user.full_name)
            officer, inactive, is_admin = who.officer, who.inactive, who.is_admin
        data["officer"] = officer
        data["inactive_officer"] = inactive
        data["is_admin"] = is_admin
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
