"""The last router: whatever nobody else handled gets a clear Vietnamese answer."""

from __future__ import annotations

from html import escape

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from bot import texts
from bot.filters import HasDocument, IsAdminCommand, IsCommand, IsSticker, TextLongerThan
from bot.middlewares import MAX_TEXT

__all__ = ["router"]


async def too_long(message: Message) -> None:
    await message.answer(texts.TOO_LONG.format(n=len(message.text or ""), max=MAX_TEXT))


async def admin_only(message: Message) -> None:
    await message.answer(texts.ADMIN_ONLY)


async def unknown_command(message: Message) -> None:
    command = (message.text or "").split()[0][:40]
    await message.answer(texts.UNKNOWN_COMMAND.format(command=escape(command)))


async def sticker(message: Message) -> None:
    await message.answer(texts.STICKER)


async def document(message: Message) -> None:
    name = message.document.file_name if message.document and message.document.file_name else "tệp"
    await message.answer(texts.UNSUPPORTED_FILE.format(name=escape(name[:80])))


async def empty(message: Message) -> None:
    await message.answer(texts.EMPTY if message.text else texts.UNSUPPORTED_MESSAGE)


async def bad_button(query: CallbackQuery) -> None:
    await query.answer(texts.BAD_BUTTON, show_alert=True)


def router() -> Router:
    r = Router(name="fallback")
    r.message.register(too_long, TextLongerThan(MAX_TEXT))
    r.message.register(admin_only, IsAdminCommand())
    r.message.register(unknown_command, IsCommand())
    r.message.register(sticker, IsSticker())
    r.message.register(document, HasDocument())
    r.message.register(empty)
    r.callback_query.register(bad_button)
    return r
