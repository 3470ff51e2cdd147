"""The officer's questions: this week (and the weeks around it), what is pending, a directive's full text
and its bản tin, search, help."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot import texts
from bot.callbacks import DetailCb, PageCb, RadioCb
from bot.config import Settings
from bot.db.models import Officer, utcnow
from bot.db.rows import Item
from bot.filters import IntentIs, IsOfficer, PageOf
from bot.lang.fold import fold
from bot.services.assignments import PAGE_SIZE
from bot.services.radio_docx import radio_docx
from bot.services.work import WorkService
from bot.understanding.intents import Intent
from bot.views import WEEK_VIEWS, bulletin_pages, detail_pages, pending_message, search_message, week_message
from handlers.common import edit_text, send_pages, unit_name

__all__ = ["LAST_LIST", "remember_list", "router"]

LAST_LIST = "last_list"  # numbers of the last list shown → directive ids, for a typed number

WEEK_OFFSETS = {view: offset for offset, view in WEEK_VIEWS.items()}


async def remember_list(state: FSMContext, items: Sequence[Item], first: int) -> None:
    """The numbers a list showed, for "2" typed afterwards."""
    await state.update_data({LAST_LIST: {str(n): i.directive_id for n, i in enumerate(items, start=first)}})


async def week(
    message: Message,
    work: WorkService,
    officer: Officer,
    settings: Settings,
    state: FSMContext,
    intent: Intent | None = None,
) -> None:
    offset = getattr(intent, "week_offset", 0) or 0
    view = await work.week(officer, offset=offset)
    if view is None:
        await message.answer(texts.REPORT_NO_UNIT)
        return
    today = utcnow().astimezone(settings.tz).date()
    text, markup = week_message(view, unit_name(officer), settings.tz, today, offset)
    shown = view.current or [i for i in (view.upcoming or view.recent,) if i is not None]
    await remember_list(state, shown, view.page * PAGE_SIZE + 1)
    await message.answer(text, reply_markup=markup)


async def pending(
    message: Message, work: WorkService, officer: Officer, settings: Settings, state: FSMContext
) -> None:
    items = await work.pending(officer)
    if items is None:
        await message.answer(texts.REPORT_NO_UNIT)
        return
    today = utcnow().astimezone(settings.tz).date()
    text, markup = pending_message(items, unit_name(officer), settings.tz, today)
    await remember_list(state, items[:PAGE_SIZE], 1)
    await message.answer(text, reply_markup=markup)


async def _search(message: Message, work: WorkService, officer: Officer, is_admin: bool, query: str) -> None:
    results = await work.search(officer, is_admin, query, limit=5)
    text, markup = search_message(query, results)
    await message.answer(text, reply_markup=markup)


async def search_command(
    message: Message, command: CommandObject, work: WorkService, officer: Officer, is_admin: bool
) -> None:
    if not command.args:
        await message.answer(texts.SEARCH_PROMPT)
        return
    await _search(message, work, officer, is_admin, command.args)


async def free_search(message: Message, work: WorkService, officer: Officer, is_admin: bool) -> None:
    await _search(message, work, officer, is_admin, message.text or message.caption or "")


async def help_(message: Message, is_admin: bool) -> None:
    await message.answer(texts.HELP + (texts.HELP_ADMIN if is_admin else ""))


async def greeting(message: Message) -> None:
    if fold(message.text or "").startswith(("cam on", "khong co gi", "tks")):
        await message.answer(texts.THANKS)
        return
    name = escape(message.from_user.first_name if message.from_user else "")
    await message.answer(texts.GREETING.format(name=name))


async def page(
    query: CallbackQuery, callback_data: PageCb, work: WorkService, officer: Officer, settings: Settings
) -> None:
    today = utcnow().astimezone(settings.tz).date()
    if callback_data.view in WEEK_OFFSETS:
        offset = WEEK_OFFSETS[callback_data.view]
        view = await work.week(officer, page=callback_data.page, offset=offset)
        listing = None if view is None else week_message(view, unit_name(officer), settings.tz, today, offset)
    else:
        items = await work.pending(officer)
        listing = (
            None
            if items is None
            else pending_message(items, unit_name(officer), settings.tz, today, callback_data.page)
        )
    if listing is None:
        await query.answer(texts.REPORT_NO_UNIT, show_alert=True)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await edit_text(query.message, *listing)


async def detail(
    query: CallbackQuery, callback_data: DetailCb, work: WorkService, officer: Officer, is_admin: bool
) -> None:
    found = await work.readable(officer, is_admin, callback_data.directive_id)
    if found is None:
        await query.answer(texts.DETAIL_NOT_FOUND, show_alert=True)
        return
    await query.answer()
    pages, markup = detail_pages(found.directive, found.assignment.due if found.assignment else None)
    if isinstance(query.message, Message):
        await send_pages(query.message, pages, markup)


async def bulletin(
    query: CallbackQuery, callback_data: RadioCb, work: WorkService, officer: Officer, is_admin: bool
) -> None:
    script = await work.bulletin(officer, is_admin, callback_data.directive_id)
    if script is None:
        await query.answer(texts.DETAIL_NOT_FOUND, show_alert=True)
        return
    await query.answer()
    if not isinstance(query.message, Message):
        return
    if callback_data.docx:
        name = f"ban-tin-{callback_data.directive_id}.docx"
        await query.message.answer_document(
            BufferedInputFile(radio_docx(script), name), caption=texts.BULLETIN_DOCX_CAPTION
        )
        return
    await send_pages(query.message, *bulletin_pages(script, callback_data.directive_id))


def router() -> Router:
    r = Router(name="officer")
    r.message.filter(IsOfficer())
    r.callback_query.filter(IsOfficer())
    r.message.register(week, Command("tuannay"))
    r.message.register(week, IntentIs("ask_week"))
    r.message.register(pending, Command("chualam"))
    r.message.register(pending, IntentIs("ask_pending"))
    r.message.register(search_command, Command("timkiem"))
    r.message.register(help_, Command("trogiup", "help"))
    r.message.register(help_, IntentIs("help"))
    r.message.register(greeting, IntentIs("greeting"))
    r.message.register(free_search, IntentIs("search"))
    r.callback_query.register(page, PageCb.filter(), PageOf("w", "n", "l", "p"))
    r.callback_query.register(detail, DetailCb.filter())
    r.callback_query.register(bulletin, RadioCb.filter())
    return r
