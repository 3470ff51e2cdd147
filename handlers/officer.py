"""The officer's questions: this week, what is pending, directive detail, radio text, search, help."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.callbacks import DetailCb, PageCb, RadioCb
from bot.config import Settings
from bot.db import repo
from bot.db.models import Assignment, Directive, Officer, utcnow
from bot.filters import IntentIs, IsOfficer
from bot.services.assignments import pending_items, week_view
from bot.services.radio import radio_text
from bot.services.search import SearchService
from bot.understanding.intents import Intent
from bot.views import detail_pages, pending_message, radio_pages, search_message, week_message
from handlers.common import edit_text, send_pages, unit_name

__all__ = ["router", "show_pending", "show_week"]


async def show_week(message: Message, session: AsyncSession, officer: Officer, settings: Settings) -> None:
    now = utcnow()
    if officer.unit_id is None:
        await message.answer(texts.REPORT_NO_UNIT)
        return
    view = await week_view(session, officer.unit_id, now, settings.tz)
    text, markup = week_message(view, unit_name(officer), settings.tz, now.astimezone(settings.tz).date())
    await message.answer(text, reply_markup=markup)


async def show_pending(message: Message, session: AsyncSession, officer: Officer, settings: Settings) -> None:
    if officer.unit_id is None:
        await message.answer(texts.REPORT_NO_UNIT)
        return
    items = await pending_items(session, officer.unit_id)
    today = utcnow().astimezone(settings.tz).date()
    text, markup = pending_message(items, unit_name(officer), settings.tz, today)
    await message.answer(text, reply_markup=markup)


async def _search(message: Message, session: AsyncSession, search: SearchService, query: str) -> None:
    results = await search.search(session, query, limit=5)
    text, markup = search_message(query, results)
    await message.answer(text, reply_markup=markup)


async def _visible(
    session: AsyncSession, officer: Officer, is_admin: bool, directive_id: int
) -> tuple[Directive, Assignment | None] | None:
    """The directive if this person may read it: assigned to their commune, or any directive for an admin."""
    directive = await repo.get_directive(session, directive_id)
    assignment = await repo.assignment_of(session, directive_id, officer.unit_id or 0)
    if directive is None or (not is_admin and (assignment is None or directive.status == "draft")):
        return None
    return directive, assignment


def router() -> Router:
    r = Router(name="officer")
    r.message.filter(IsOfficer())
    r.callback_query.filter(IsOfficer())

    @r.message(Command("tuannay"))
    @r.message(IntentIs("ask_week"))
    async def week(message: Message, session: AsyncSession, officer: Officer, settings: Settings) -> None:
        await show_week(message, session, officer, settings)

    @r.message(Command("chualam"))
    @r.message(IntentIs("ask_pending"))
    async def pending(message: Message, session: AsyncSession, officer: Officer, settings: Settings) -> None:
        await show_pending(message, session, officer, settings)

    @r.message(Command("timkiem"))
    async def search_command(
        message: Message, command: CommandObject, session: AsyncSession, search: SearchService
    ) -> None:
        if not command.args:
            await message.answer(texts.SEARCH_PROMPT)
            return
        await _search(message, session, search, command.args)

    @r.message(Command("trogiup", "help"))
    @r.message(IntentIs("help"))
    async def help_(message: Message, is_admin: bool) -> None:
        await message.answer(texts.HELP + (texts.HELP_ADMIN if is_admin else ""))

    @r.message(IntentIs("greeting"))
    async def greeting(message: Message, intent: Intent) -> None:
        from bot.understanding.fold import fold

        if fold(message.text or "").startswith(("cam on", "khong co gi", "tks")):
            await message.answer(texts.THANKS)
            return
        name = escape(message.from_user.first_name if message.from_user else "")
        await message.answer(texts.GREETING.format(name=name))

    @r.message(IntentIs("search"))
    async def free_search(message: Message, session: AsyncSession, search: SearchService) -> None:
        await _search(message, session, search, message.text or message.caption or "")

    @r.callback_query(PageCb.filter(F.view.in_({"w", "p"})))
    async def page(
        query: CallbackQuery,
        callback_data: PageCb,
        session: AsyncSession,
        officer: Officer,
        settings: Settings,
    ) -> None:
        if officer.unit_id is None:
            await query.answer(texts.REPORT_NO_UNIT, show_alert=True)
            return
        now = utcnow()
        today = now.astimezone(settings.tz).date()
        if callback_data.view == "w":
            view = await week_view(session, officer.unit_id, now, settings.tz, callback_data.page)
            text, markup = week_message(view, unit_name(officer), settings.tz, today)
        else:
            items = await pending_items(session, officer.unit_id)
            text, markup = pending_message(items, unit_name(officer), settings.tz, today, callback_data.page)
        await query.answer()
        if isinstance(query.message, Message):
            await edit_text(query.message, text, markup)

    @r.callback_query(DetailCb.filter())
    async def detail(
        query: CallbackQuery, callback_data: DetailCb, session: AsyncSession, officer: Officer, is_admin: bool
    ) -> None:
        found = await _visible(session, officer, is_admin, callback_data.directive_id)
        if found is None:
            await query.answer(texts.DETAIL_NOT_FOUND, show_alert=True)
            return
        directive, assignment = found
        await query.answer()
        pages, markup = detail_pages(directive, assignment.due if assignment else None)
        if isinstance(query.message, Message):
            await send_pages(query.message, pages, markup)

    @r.callback_query(RadioCb.filter())
    async def radio(
        query: CallbackQuery, callback_data: RadioCb, session: AsyncSession, officer: Officer, is_admin: bool
    ) -> None:
        found = await _visible(session, officer, is_admin, callback_data.directive_id)
        topic = (
            next((t for t in found[0].topics if t.ordinal == callback_data.ordinal), None) if found else None
        )
        if found is None or topic is None:
            await query.answer(texts.DETAIL_NOT_FOUND, show_alert=True)
            return
        await query.answer()
        radio_msg = radio_text(found[0], topic, unit_name(officer) or texts.UNKNOWN)
        if isinstance(query.message, Message):
            await send_pages(query.message, radio_pages(radio_msg))

    return r
