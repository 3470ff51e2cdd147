"""Registration: /start with an invite code (deep link), a bare code, and what strangers get."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db.models import Officer
from bot.filters import IsStranger
from bot.middlewares import IdentityCache
from bot.services.registration import looks_like_code, redeem

__all__ = ["router"]


async def _register(message: Message, session: AsyncSession, code: str, identities: IdentityCache) -> None:
    user = message.from_user
    assert user is not None
    result = await redeem(session, code, telegram_id=user.id, chat_id=message.chat.id, name=user.full_name)
    identities.forget(user.id)
    if result.status in ("ok", "already"):
        unit = escape(result.unit.name if result.unit else "")
        if result.status == "already":
            await message.answer(texts.ALREADY_REGISTERED.format(unit=unit))
        elif result.officer is not None and result.officer.role == "admin":
            await message.answer(texts.REGISTERED_ADMIN.format(unit=unit, help=texts.HELP + texts.HELP_ADMIN))
        else:
            await message.answer(texts.REGISTERED.format(unit=unit, help=texts.HELP))
        return
    await message.answer(
        {"unknown": texts.INVITE_UNKNOWN, "used": texts.INVITE_USED, "expired": texts.INVITE_EXPIRED}[
            result.status
        ]
    )


def router() -> Router:
    r = Router(name="start")

    @r.message(CommandStart(deep_link=True))
    async def start_with_code(
        message: Message, command: CommandObject, session: AsyncSession, identities: IdentityCache
    ) -> None:
        await _register(message, session, command.args or "", identities)

    @r.message(CommandStart())
    async def start(message: Message, officer: Officer | None, inactive_officer: Officer | None) -> None:
        if officer is not None:
            await message.answer(
                texts.WELCOME_BACK.format(unit=escape(officer.unit.name if officer.unit else ""))
            )
        elif inactive_officer is not None:
            await message.answer(texts.INACTIVE)
        else:
            await message.answer(texts.STRANGER)

    strangers = Router(name="strangers")
    strangers.message.filter(IsStranger())
    strangers.callback_query.filter(IsStranger())

    @strangers.message(F.text.func(looks_like_code))
    async def bare_code(message: Message, session: AsyncSession, identities: IdentityCache) -> None:
        await _register(message, session, message.text or "", identities)

    @strangers.message()
    async def stranger(message: Message, inactive_officer: Officer | None) -> None:
        await message.answer(texts.INACTIVE if inactive_officer is not None else texts.STRANGER)

    @strangers.callback_query()
    async def stranger_button(query: CallbackQuery) -> None:
        await query.answer(texts.BAD_BUTTON, show_alert=True)
        if query.message is not None:
            await query.message.answer(texts.STRANGER)

    r.include_router(strangers)
    return r
