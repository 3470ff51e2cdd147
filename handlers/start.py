"""Registration: /start with an invite code (deep link), a code or link pasted in a message, moving to
another commune (asked first), and what strangers get."""

from __future__ import annotations

from html import escape

from aiogram import Router
from aiogram.enums import ChatType
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot import texts
from bot.callbacks import MoveCb
from bot.db.models import Officer, Role
from bot.filters import HasInviteCode, IsStranger
from bot.services.registration import Redeemed, RedeemStatus, RegistrationService, find_code

__all__ = ["router"]

_REFUSED = {
    RedeemStatus.UNKNOWN: texts.INVITE_UNKNOWN,
    RedeemStatus.USED: texts.INVITE_USED,
    RedeemStatus.EXPIRED: texts.INVITE_EXPIRED,
}


def _answer(result: Redeemed, code: str) -> tuple[str, InlineKeyboardMarkup | None]:
    unit = escape(result.unit.name if result.unit else "")
    if result.status == RedeemStatus.ALREADY:
        return texts.ALREADY_REGISTERED.format(unit=unit), None
    if result.status == RedeemStatus.MOVE:
        current = escape(result.current.name if result.current else "")
        markup = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(
                        text=texts.BUTTON_MOVE.format(unit=unit), callback_data=MoveCb(code=code).pack()
                    ),
                    InlineKeyboardButton(text=texts.BUTTON_STAY, callback_data=MoveCb(code="").pack()),
                ]
            ]
        )
        return texts.MOVE_ASK.format(current=current, unit=unit), markup
    if result.status == RedeemStatus.OK:
        if result.officer is not None and result.officer.role == Role.ADMIN:
            return texts.REGISTERED_ADMIN.format(unit=unit, help=texts.HELP + texts.HELP_ADMIN), None
        return texts.REGISTERED.format(unit=unit, help=texts.HELP), None
    return _REFUSED[result.status], None


async def _register(message: Message, registration: RegistrationService, code: str) -> None:
    user = message.from_user
    assert user is not None
    if message.chat.type != ChatType.PRIVATE:
        await message.answer(texts.REGISTER_PRIVATE_ONLY)
        return
    result = await registration.redeem(
        code, telegram_id=user.id, chat_id=message.chat.id, name=user.full_name
    )
    text, markup = _answer(result, code)
    await message.answer(text, reply_markup=markup)


async def start_with_code(
    message: Message, command: CommandObject, registration: RegistrationService
) -> None:
    await _register(message, registration, (command.args or "").strip())


async def start(message: Message, officer: Officer | None, inactive_officer: Officer | None) -> None:
    if officer is not None and officer.unit is not None:
        await message.answer(texts.WELCOME_BACK.format(unit=escape(officer.unit.name)))
    elif officer is not None:
        await message.answer(texts.WELCOME_BACK_ADMIN)
    elif inactive_officer is not None:
        await message.answer(texts.INACTIVE)
    else:
        await message.answer(texts.STRANGER)


async def code_in_message(message: Message, registration: RegistrationService) -> None:
    await _register(message, registration, find_code(message.text or "") or "")


async def move(query: CallbackQuery, callback_data: MoveCb, registration: RegistrationService) -> None:
    if not isinstance(query.message, Message):
        await query.answer(texts.BAD_BUTTON, show_alert=True)
        return
    if not callback_data.code:
        await query.answer()
        await query.message.edit_reply_markup(reply_markup=None)
        await query.message.answer(texts.MOVE_KEPT)
        return
    user = query.from_user
    result = await registration.redeem(
        callback_data.code,
        telegram_id=user.id,
        chat_id=query.message.chat.id,
        name=user.full_name,
        confirm_move=True,
    )
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    text, _ = _answer(result, callback_data.code)
    if result.status == RedeemStatus.OK and result.unit is not None:
        text = texts.MOVED.format(unit=escape(result.unit.name))
    await query.message.answer(text)


async def stranger(message: Message, inactive_officer: Officer | None) -> None:
    await message.answer(texts.INACTIVE if inactive_officer is not None else texts.STRANGER)


async def stranger_button(query: CallbackQuery) -> None:
    await query.answer(texts.BAD_BUTTON, show_alert=True)
    if query.message is not None:
        await query.message.answer(texts.STRANGER)


def router() -> Router:
    """/start for everyone; then a router for strangers only (codes in messages, everything else)."""
    r = Router(name="start")
    r.message.register(start_with_code, CommandStart(deep_link=True))
    r.message.register(start, CommandStart())
    r.callback_query.register(move, MoveCb.filter())
    strangers = Router(name="strangers")
    strangers.message.filter(IsStranger())
    strangers.callback_query.filter(IsStranger())
    strangers.message.register(code_in_message, HasInviteCode())
    strangers.message.register(stranger)
    strangers.callback_query.register(stranger_button)
    r.include_router(strangers)
    return r
