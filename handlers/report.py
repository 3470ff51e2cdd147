"""Report-back: the ✅ button, a reply to a push, a report in words, evidence, "which one?", undo, not done.
Handlers read the update, call the report service (which has committed when it returns), then answer."""

from __future__ import annotations

from html import escape
from zoneinfo import ZoneInfo

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot import texts
from bot.callbacks import ChoiceCb, PageCb, RemindCb, ReportCb
from bot.config import Settings
from bot.db.models import Officer, utcnow
from bot.filters import HasEvidence, IntentIs, IsOfficer, IsReplyToBot, PageOf
from bot.services.reports import (
    Ask,
    AssignmentNotFound,
    Evidence,
    FreeResult,
    NothingPending,
    NotYourUnit,
    NoUnit,
    ReportOutcome,
    ReportService,
    remind_at,
)
from bot.understanding.intents import Intent, classify
from bot.views import choice_keyboard, fmt_time, number_text, remind_keyboard
from handlers.common import edit_text, unit_name

__all__ = ["router"]

PENDING_REPORT = "pending_report"


def _evidence_of(message: Message) -> Evidence | None:
    if message.photo:
        return Evidence(message.photo[-1].file_id, "photo")
    if message.voice:
        return Evidence(message.voice.file_id, "voice")
    if message.audio:
        return Evidence(message.audio.file_id, "audio")
    if message.video:
        return Evidence(message.video.file_id, "video")
    if message.video_note:
        return Evidence(message.video_note.file_id, "video")
    return None


def _outcome_text(
    outcome: ReportOutcome, officer: Officer, count: int | None, evidence: bool, tz: ZoneInfo
) -> str:
    lines = []
    count_text = texts.REPORT_COUNT.format(n=count) if count else ""
    evidence_text = texts.REPORT_EVIDENCE if evidence else ""
    if len(outcome.recorded) == 1:
        lines.append(
            texts.REPORT_OK.format(
                unit=escape(unit_name(officer)),
                number=number_text(outcome.recorded[0].number),
                count=count_text,
                evidence=evidence_text,
            )
        )
    elif outcome.recorded:
        lines.append(
            texts.REPORT_OK_MANY.format(n=len(outcome.recorded), count=count_text, evidence=evidence_text)
        )
    for item in outcome.already:
        lines.append(
            texts.REPORT_ALREADY.format(
                number=number_text(item.number),
                name=escape(item.reporter or texts.UNKNOWN),
                time=fmt_time(item.reported_at, tz) if item.reported_at else texts.UNKNOWN,
            )
        )
    return "\n\n".join(lines)


async def _answer_free(
    message: Message,
    result: FreeResult,
    officer: Officer,
    settings: Settings,
    state: FSMContext,
    *,
    raw: str,
    count: int | None,
    evidence: Evidence | None,
    ask: str = texts.REPORT_CHOOSE,
) -> None:
    if isinstance(result, NoUnit):
        await message.answer(texts.REPORT_NO_UNIT)
    elif isinstance(result, NothingPending):
        await message.answer(texts.REPORT_NOTHING_PENDING.format(unit=escape(unit_name(officer))))
    elif isinstance(result, Ask):
        pending = {
            "raw": raw,
            "count": count,
            "evidence": [evidence.file_id, evidence.kind] if evidence else None,
        }
        await state.update_data({PENDING_REPORT: pending})
        await message.answer(ask, reply_markup=choice_keyboard(result.choices))
    else:
        await message.answer(_outcome_text(result, officer, count, evidence is not None, settings.tz))


async def done_button(
    query: CallbackQuery,
    callback_data: ReportCb,
    reports: ReportService,
    officer: Officer,
    settings: Settings,
) -> None:
    try:
        outcome = await reports.press(officer, callback_data.assignment_id)
    except NotYourUnit:
        await query.answer(texts.NOT_YOUR_UNIT, show_alert=True)
        return
    except AssignmentNotFound:
        await query.answer(texts.BAD_BUTTON, show_alert=True)
        return
    await query.answer(texts.CALLBACK_OK if outcome.recorded else texts.CALLBACK_ALREADY)
    if isinstance(query.message, Message):
        markup = query.message.reply_markup
        if markup is not None and any(
            b.callback_data == query.data for row in markup.inline_keyboard for b in row
        ):
            rows = [[b for b in row if b.callback_data != query.data] for row in markup.inline_keyboard]
            await edit_text(query.message, None, InlineKeyboardMarkup(inline_keyboard=[r for r in rows if r]))
        await query.message.answer(_outcome_text(outcome, officer, None, False, settings.tz))


async def choice(
    query: CallbackQuery,
    callback_data: ChoiceCb,
    reports: ReportService,
    officer: Officer,
    settings: Settings,
    state: FSMContext,
) -> None:
    data = (await state.get_data()).get(PENDING_REPORT) or {}
    evidence = Evidence(*data["evidence"]) if data.get("evidence") else None
    try:
        outcome = await reports.choose(
            officer,
            callback_data.assignment_id,
            raw=data.get("raw", ""),
            count=data.get("count"),
            evidence=evidence,
        )
    except NotYourUnit:
        await query.answer(texts.NOT_YOUR_UNIT, show_alert=True)
        return
    except AssignmentNotFound:
        await query.answer(texts.BAD_BUTTON, show_alert=True)
        return
    if not outcome.recorded and not outcome.already:
        await query.answer(texts.CALLBACK_ALREADY)
        return
    await query.answer(texts.CALLBACK_OK if outcome.recorded else texts.CALLBACK_ALREADY)
    if isinstance(query.message, Message):
        await edit_text(query.message, None, None)
        text = _outcome_text(outcome, officer, data.get("count"), evidence is not None, settings.tz)
        await query.message.answer(text)


async def choice_page(
    query: CallbackQuery, callback_data: PageCb, reports: ReportService, officer: Officer
) -> None:
    items = await reports.pending(officer)
    if not items:
        await query.answer(texts.CALLBACK_ALREADY)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await edit_text(query.message, None, choice_keyboard(items, callback_data.page))


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
        await query.message.answer(
            texts.REMIND_SET.format(time=at.astimezone(settings.tz).strftime("%H:%M %d/%m"))
        )


def _button_ids(message: Message) -> list[int]:
    """The ✅ buttons under the replied message: which assignment a reply is about, even before the push's
    outbox row has recorded its message id."""
    replied = message.reply_to_message
    markup = replied.reply_markup if replied is not None else None
    ids = []
    for row in markup.inline_keyboard if markup else []:
        for button in row:
            data = button.callback_data or ""
            if data.startswith(f"{ReportCb.__prefix__}:"):
                try:
                    ids.append(ReportCb.unpack(data).assignment_id)
                except (TypeError, ValueError):
                    continue
    return ids


async def reply_report(
    message: Message,
    reports: ReportService,
    officer: Officer,
    settings: Settings,
    intent: Intent,
    state: FSMContext,
) -> None:
    assert message.reply_to_message is not None
    evidence = _evidence_of(message)
    raw = message.text or message.caption or ""
    result = await reports.free(
        officer,
        raw=raw,
        count=intent.count,
        evidence=evidence,
        reply_to=(message.chat.id, message.reply_to_message.message_id),
        button_ids=_button_ids(message),
    )
    await _answer_free(
        message, result, officer, settings, state, raw=raw, count=intent.count, evidence=evidence
    )


async def report_command(
    message: Message, reports: ReportService, officer: Officer, settings: Settings, state: FSMContext
) -> None:
    result = await reports.free(officer, raw="", count=None, evidence=None)
    await _answer_free(message, result, officer, settings, state, raw="", count=None, evidence=None)


async def free_report(
    message: Message,
    reports: ReportService,
    officer: Officer,
    settings: Settings,
    intent: Intent,
    state: FSMContext,
) -> None:
    raw = message.text or message.caption or ""
    evidence = _evidence_of(message)
    result = await reports.free(officer, raw=raw, count=intent.count, evidence=evidence)
    await _answer_free(
        message, result, officer, settings, state, raw=raw, count=intent.count, evidence=evidence
    )


async def evidence_only(
    message: Message, reports: ReportService, officer: Officer, settings: Settings, state: FSMContext
) -> None:
    caption = message.caption or ""
    if caption and classify(caption).intent == "report_not_done":
        await message.answer(texts.NOT_DONE, reply_markup=remind_keyboard())
        return
    evidence = _evidence_of(message)
    kind = texts.EVIDENCE_PHOTO if message.photo else texts.EVIDENCE_VOICE
    result = await reports.free(officer, raw=caption, count=None, evidence=evidence)
    await _answer_free(
        message,
        result,
        officer,
        settings,
        state,
        raw=caption,
        count=None,
        evidence=evidence,
        ask=texts.EVIDENCE_ASK.format(kind=kind),
    )


async def undo(message: Message, reports: ReportService, officer: Officer) -> None:
    undone = await reports.undo(officer)
    if undone is None:
        await message.answer(texts.UNDO_NONE)
        return
    _, item = undone
    await message.answer(texts.UNDO_OK.format(number=number_text(item.number if item else None)))


async def not_done(message: Message) -> None:
    await message.answer(texts.NOT_DONE, reply_markup=remind_keyboard())


def router() -> Router:
    r = Router(name="report")
    r.message.filter(IsOfficer())
    r.callback_query.filter(IsOfficer())
    r.callback_query.register(done_button, ReportCb.filter())
    r.callback_query.register(choice, ChoiceCb.filter())
    r.callback_query.register(choice_page, PageCb.filter(), PageOf("c"))
    r.callback_query.register(remind, RemindCb.filter())
    r.message.register(reply_report, IsReplyToBot(), IntentIs("report_done"))
    r.message.register(report_command, Command("baocao"))
    r.message.register(free_report, IntentIs("report_done"))
    r.message.register(evidence_only, HasEvidence())
    r.message.register(undo, Command("huy"))
    r.message.register(undo, IntentIs("undo_report"))
    r.message.register(not_done, IntentIs("report_not_done"))
    return r
