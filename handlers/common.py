"""Small helpers shared by the routers: sending split pages, editing in place, the officer's unit name."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import InlineKeyboardMarkup, Message

from bot import texts
from bot.db.models import Officer
from bot.services.work import WorkService
from bot.views import detail_pages

__all__ = ["edit_text", "send_detail", "send_pages", "unit_name"]


async def send_pages(
    message: Message, pages: Sequence[str], markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Send a long text as several messages; the buttons go under the last one."""
    last = None
    for i, page in enumerate(pages):
        last = await message.answer(page, reply_markup=markup if i == len(pages) - 1 else None)
    return last


async def edit_text(message: Message, text: str | None, markup: InlineKeyboardMarkup | None) -> None:
    """Replace a message's text and buttons in place (only the buttons when `text` is None)."""
    try:
        if text is None:
            await message.edit_reply_markup(reply_markup=markup)
        else:
            await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        # Telegram refuses an edit that changes nothing (a page button pressed twice): nothing to do then
        if "message is not modified" not in exc.message:
            raise


def unit_name(officer: Officer) -> str:
    return officer.unit.name if officer.unit is not None else ""


async def send_detail(
    message: Message, work: WorkService, officer: Officer, is_admin: bool, directive_id: int
) -> None:
    """A directive's full text, split under 4,096 characters, if this person may read it."""
    found = await work.readable(officer, is_admin, directive_id)
    if found is None:
        await message.answer(texts.DETAIL_NOT_FOUND)
        return
    pages, markup = detail_pages(found.directive, found.assignment.due if found.assignment else None)
    await send_pages(message, pages, markup)
