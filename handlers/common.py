"""Small helpers shared by the routers: sending split pages, the clock, the officer's unit name."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup, Message

from bot.db.models import Officer

__all__ = ["send_pages", "unit_name"]


async def send_pages(
    message: Message, pages: Sequence[str], markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Send a long text as several messages; the buttons go under the last one."""
    last = None
    for i, page in enumerate(pages):
        last = await message.answer(page, reply_markup=markup if i == len(pages) - 1 else None)
    return last


def unit_name(officer: Officer) -> str:
    return officer.unit.name if officer.unit is not None else ""
