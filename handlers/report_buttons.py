"""Report-back by button: ✅ under a push, the answer to "which one?" and "xác nhận?", a page of choices,
"remind me later", undo. Registered on the report router (`handlers.report.router`).
"""

from __future__ import annotations

from html import escape

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot import texts
from bot.callbacks import ChoiceCb, ConfirmCb, PageCb, RemindCb, ReportCb, UndoCb
from bot.config import Settings
from bot.db.models import Officer, ReportVia, utcnow
from bot.services.reporting import Plan, Step, StepKind
from bot.services.reports import (
    AssignmentNotFound,
    NotYourUnit,
    ReportService,
    remind_at,
)
from bot.views_reports import (
    applied_message,
    choice_keyboard,
    undo_done,
)
from handlers.common import edit_text, unit_name
from handlers.report_flow import PLAN, ask_confirm, record_steps, saved_report, unpack_evidence

__all__ = ["choice", "choice_page", "confirm", "done_button", "remind", "undo_button"]


async def done_button(
    query: CallbackQuery,
    callback_data: ReportCb,
    reports: ReportService,
    officer: Officer,
    settings: Settings,
) -> None:
    try:
        applied = await reports.press(officer, callback_data.assignment_id)
    except NotYourUnit:
        await query.answer(texts.NOT_YOUR_UNIT, show_alert=True)
        return
    except AssignmentNotFound:
        await query.answer(texts.BAD_BUTTON, show_alert=True)
        return
    await query.answer(texts.CALLBACK_OK if applied.recorded else texts.CALLBACK_ALREADY)
    if isinstance(query.message, Message):
        markup = query.message.reply_markup
        if markup is not None and any(
            b.callback_data == query.data for row in markup.inline_keyboard for b in row
        ):
            rows = [[b for b in row if b.callback_data != query.data] for row in markup.inline_keyboard]
            await edit_text(query.message, None, InlineKeyboardMarkup(inline_keyboard=[r for r in rows if r]))
        text, undo = applied_message(applied, unit_name(officer), settings.tz)
        await query.message.answer(text, reply_markup=undo)


async def _chosen(
    query: CallbackQuery,
    ids: list[int],
    reports: ReportService,
    officer: Officer,
    settings: Settings,
    state: FSMContext,
) -> None:
    """The officer picked from the "which one?" question (all of them: `ids` is every choice)."""
    saved, found = await saved_report(state)
    plan = found or Plan(template=Step(0, StepKind.DONE))
    if plan.template is None:
        plan.template = Step(0, StepKind.DONE)
    everything = len(ids) > 1
    steps = plan.choose(ids)
    if not isinstance(query.message, Message):
        return
    asking = everything or plan.confirm
    await query.answer(None if asking else texts.CALLBACK_OK)
    await edit_text(query.message, None, None)
    if asking:
        await ask_confirm(query.message, reports, officer, state, steps, saved, everything=everything)
        return
    await state.update_data({PLAN: None})
    via = ReportVia(saved.get("via", ReportVia.TEXT))
    await record_steps(
        query.message,
        reports,
        officer,
        settings,
        steps,
        via=via,
        raw=saved.get("raw", ""),
        evidence=unpack_evidence(saved.get("evidence")),
    )


async def choice(
    query: CallbackQuery,
    callback_data: ChoiceCb,
    reports: ReportService,
    officer: Officer,
    settings: Settings,
    state: FSMContext,
) -> None:
    _, plan = await saved_report(state)
    choices = plan.choices if plan is not None else []
    if callback_data.assignment_id == 0:
        ids = [i.assignment_id for i in await reports.items(officer, choices)] or [
            i.assignment_id for i in await reports.pending(officer)
        ]
    else:
        try:
            ids = [(await reports.item(officer, callback_data.assignment_id)).assignment_id]
        except NotYourUnit:
            await query.answer(texts.NOT_YOUR_UNIT, show_alert=True)
            return
        except AssignmentNotFound:
            await query.answer(texts.BAD_BUTTON, show_alert=True)
            return
    if not ids:
        await query.answer(texts.CALLBACK_ALREADY)
        return
    await _chosen(query, ids, reports, officer, settings, state)


async def confirm(
    query: CallbackQuery,
    callback_data: ConfirmCb,
    reports: ReportService,
    officer: Officer,
    settings: Settings,
    state: FSMContext,
) -> None:
    saved = (await state.get_data()).get(PLAN) or {}
    steps = [Step.from_json(s) for s in saved.get("steps") or []]
    await state.update_data({PLAN: None})
    if not isinstance(query.message, Message):
        return
    if not steps:
        await query.answer(texts.REPORT_CHOICE_EXPIRED, show_alert=True)
        await edit_text(query.message, None, None)
        return
    await query.answer(texts.CALLBACK_OK if callback_data.yes else None)
    await edit_text(query.message, None, None)
    if not callback_data.yes:
        await query.message.answer(texts.REPORT_CANCELLED)
        return
    try:
        await record_steps(
            query.message,
            reports,
            officer,
            settings,
            steps,
            via=ReportVia(saved.get("via", ReportVia.TEXT)),
            raw=saved.get("raw", ""),
            evidence=unpack_evidence(saved.get("evidence")),
        )
    except (NotYourUnit, AssignmentNotFound):
        await query.message.answer(texts.NOT_YOUR_UNIT)


async def choice_page(
    query: CallbackQuery, callback_data: PageCb, reports: ReportService, officer: Officer, state: FSMContext
) -> None:
    _, found = await saved_report(state)
    plan = found or Plan()
    items = await reports.items(officer, plan.choices) if plan.choices else await reports.pending(officer)
    if not items:
        await query.answer(texts.CALLBACK_ALREADY)
        return
    await query.answer()
    if isinstance(query.message, Message):
        keyboard = choice_keyboard(
            items, callback_data.page, all_allowed=plan.all_allowed or not plan.choices
        )
        await edit_text(query.message, None, keyboard)


async def remind(
    query: CallbackQuery,
    callback_data: RemindCb,
    reports: ReportService,
    officer: Officer,
    settings: Settings,
) -> None:
    at = remind_at(utcnow(), settings.tz, callback_data.when)
    pending = await reports.pending(officer)
    text = texts.REMINDER_SELF.format(unit=escape(unit_name(officer)), n=len(pending))
    await reports.remind_me(officer, at, text)
    await query.answer()
    if isinstance(query.message, Message):
        await edit_text(query.message, None, None)
        when = at.astimezone(settings.tz).strftime("%H:%M %d/%m")
        await query.message.answer(texts.REMIND_SET.format(time=when))


async def undo_button(
    query: CallbackQuery, callback_data: UndoCb, reports: ReportService, officer: Officer
) -> None:
    if not isinstance(query.message, Message):
        await query.answer(texts.BAD_BUTTON, show_alert=True)
        return
    if callback_data.report_id == 0:
        await query.answer()
        await edit_text(query.message, None, None)
        await query.message.answer(texts.UNDO_KEPT)
        return
    items = await reports.undo(officer, callback_data.report_id, callback_data.whole)
    if not items:
        await query.answer(texts.UNDO_GONE, show_alert=True)
        return
    await query.answer()
    await edit_text(query.message, None, None)
    await query.message.answer(undo_done(items))
