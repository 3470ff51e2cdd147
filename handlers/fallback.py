"""The last router: whatever nobody else handled gets a clear Vietnamese answer."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot import texts
from bot.middlewares import MAX_TEXT

__all__ = ["router"]


def router() -> Router:
    r = Router(name="fallback")

    @r.message(F.text.len() > MAX_TEXT)
    async def too_long(message: Message) -> None:
        await message.answer(texts.TOO_LONG.format(n=len(message.text or ""), max=MAX_TEXT))

    @r.message(F.text.regexp(r"^/(thongke|chuabaocao|xuatbaocao|moi|canbo|nhacnho)(@\w+)?(\s|$)"))
    async def admin_only(message: Message) -> None:
        await message.answer(texts.ADMIN_ONLY)

    @r.message(F.text.startswith("/"))
    async def unknown_command(message: Message) -> None:
        command = (message.text or "").split()[0][:40]
        await message.answer(texts.UNKNOWN_COMMAND.format(command=escape(command)))

    @r.message(F.sticker | F.animation | F.dice)
    async def sticker(message: Message) -> None:
        await message.answer(texts.STICKER)

    @r.message(F.document)
    async def document(message: Message) -> None:
        name = message.document.file_name if message.document and message.document.file_name else "tệp"
        await message.answer(texts.UNSUPPORTED_FILE.format(name=escape(name[:80])))

    @r.message(F.text)
    async def empty(message: Message) -> None:
        await message.answer(texts.EMPTY)

    @r.message()
    async def other(message: Message) -> None:
        await message.answer(texts.UNSUPPORTED_MESSAGE)

    @r.callback_query()
    async def bad_button(query: CallbackQuery) -> None:
        await query.answer(texts.BAD_BUTTON, show_alert=True)

    return r
