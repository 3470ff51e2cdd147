"""Report-back: the ✅ button, a report in words (by content: several directives, counts, reasons), evidence,
"which one?" and "xác nhận?" questions, a typed list number, undo. Handlers read the update, ask the
report service (which has committed when it returns), then answer."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot import texts
from bot.callbacks import ChoiceCb, ConfirmCb, PageCb, RemindCb, ReportCb, UndoCb
from bot.config import Settings
from bot.db.models import Officer, ReportVia, utcnow
from bot.db.rows import Item
from bot.directives import DocumentError, ParseError
from bot.filters import HasChoice, HasEvidence, HasEvidenceDocument, IntentIs, IsOfficer, PageOf
from bot.services.reporting import Plan, Step, StepKind
from bot.services.reports import (
    AssignmentNotFound,
    Evidence,
    NotYourUnit,
    NoUnit,
    ReportService,
    remind_at,
)
from bot.services.work import WorkService
from bot.understanding.intents import Intent
from bot.views import remind_keyboard
from bot.views_reports import (
    applied_message,
    choice_keyboard,
    confirm_keyboard,
    confirm_text,
    html_label,
    undo_ask,
    undo_done,
)
from handlers.common import edit_text, send_detail, unit_name
from handlers.officer import LAST_LIST

__all__ = ["PLAN", "router"]

PLAN = "report_plan"  # a report waiting for an answer: {"plan", "raw", "evidence", "via", "steps"}
WRITTEN = (".docx", ".txt", ".pdf")  # a written report; other files are evidence


def evidence_of(message: Message) -> Evidence | None:
    if message.photo:
        return Evidence(message.photo[-1].file_id, "photo")
    if message.voice:
        return Evidence(message.voice.file_id, "voice")
    if message.audio:
        return Evidence(message.audio.file_id, "audio", message.audio.file_name)
    if message.video:
        return Evidence(message.video.file_id, "video", message.video.file_name)
    if message.video_note:
        return Evidence(message.video_note.file_id, "video")
    if message.document:
        return Evidence(message.document.file_id, "document", message.document.file_name)
    return None


def _button_ids(message: Message) -> list[int]:
    """The ✅ buttons under the replied message (its assignment, before the outbox has its message id)."""
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


def _reply_to(message: Message) -> tuple[int, int] | None:
    replied = message.reply_to_message
    return (message.chat.id, replied.message_id) if replied is not None else None


async def _record(
    message: Message,
    reports: ReportService,
    officer: Officer,
    settings: Settings,
    steps: list[Step],
    *,
    via: ReportVia,
    raw: str,
    evidence: Evidence | None,
) -> None:
    applied = await reports.apply(officer, steps, via=via, raw=raw, evidence=evidence)
    text, markup = applied_message(applied, unit_name(officer), settings.tz)
    if any(s.kind == StepKind.NOT_DONE for s in steps) and markup is None:
        markup = remind_keyboard()
    await message.answer(text, reply_markup=markup)


async def _act(
    message: Message,
    plan: Plan,
    reports: ReportService,
    officer: Officer,
    settings: Settings,
    state: FSMContext,
    *,
    via: ReportVia,
    raw: str,
    evidence: Evidence | None,
    not_done: bool = False,
    ask: str | None = None,
    known: Sequence[Item] = (),
) -> None:
    """Record what the plan says, or ask its one question first (the answer comes back as a button).
    `known` are assignments already read (the question's choices are taken from them when they are there)."""
    saved = {"plan": plan.to_json(), "raw": raw, "via": via.value, "evidence": _pack(evidence)}
    if plan.nothing or not (plan.steps or plan.asks):
        if not_done:
            await message.answer(texts.NOT_DONE, reply_markup=remind_keyboard())
        else:
            await message.answer(texts.REPORT_NOTHING_PENDING.format(unit=escape(unit_name(officer))))
        return
    if plan.asks:
        await state.update_data({PLAN: saved})
        by_id = {i.assignment_id: i for i in known}
        choices = (
            [by_id[c] for c in plan.choices]
            if all(c in by_id for c in plan.choices)
            else await reports.items(officer, plan.choices)
        )
        template = plan.template
        question = ask or (
            texts.REPORT_CHOOSE_NOT_DONE
            if template and template.kind == StepKind.NOT_DONE
            else texts.REPORT_CHOOSE
            if plan.all_allowed
            else texts.REPORT_CHOOSE_AMONG
        )
        await message.answer(question, reply_markup=choice_keyboard(choices, all_allowed=plan.all_allowed))
        return
    done = [s for s in plan.steps if s.kind != StepKind.NOT_DONE]
    if plan.confirm and done:
        await _ask_confirm(message, reports, officer, state, plan.steps, saved, everything=False)
        return
    await _record(message, reports, officer, settings, plan.steps, via=via, raw=raw, evidence=evidence)


async def _ask_confirm(
    message: Message,
    reports: ReportService,
    officer: Officer,
    state: FSMContext,
    steps: list[Step],
    saved: Mapping[str, Any],
    *,
    everything: bool,
) -> None:
    saved = {**saved, "steps": [s.to_json() for s in steps]}
    await state.update_data({PLAN: saved})
    items = {i.assignment_id: i for i in await reports.items(officer, [s.assignment_id for s in steps])}
    text = confirm_text(steps, items, everything=everything, evidence=saved.get("evidence") is not None)
    await message.answer(text, reply_markup=confirm_keyboard())


def _pack(evidence: Evidence | None) -> list[str | None] | None:
    return [evidence.file_id, evidence.kind, evidence.file_name] if evidence else None


def _unpack(data: object) -> Evidence | None:
    return Evidence(*data) if isinstance(data, list) and len(data) == 3 else None


async def report_text(
    message: Message,
    reports: ReportService,
    officer: Officer,
    settings: Settings,
    intent: Intent,
    state: FSMContext,
) -> None:
    """ "đã phát bài PCCC rừng 2 buổi", "chưa phát được vì mất điện", a written report, a reply to a push."""
    raw = message.text or message.caption or ""
    evidence = evidence_of(message)
    try:
        # a reply to a push names its directive: a short "xong rồi" there needs no confirmation
        replying = message.reply_to_message is not None and bool(_button_ids(message))
        plan, items = await reports.understand_with_items(
            officer,
            raw,
            reply_to=_reply_to(message),
            button_ids=_button_ids(message),
            confirm=intent.confirm and not replying,
        )
    except NoUnit:
        await message.answer(texts.REPORT_NO_UNIT)
        return
    via = ReportVia.REPLY if message.reply_to_message is not None else ReportVia.TEXT
    not_done = intent.intent == "report_not_done"
    await _act(
        message,
        plan,
        reports,
        officer,
        settings,
        state,
        via=via,
        raw=raw,
        evidence=evidence,
        not_done=not_done,
        known=items,
    )


async def report_command(
    message: Message, reports: ReportService, officer: Officer, settings: Settings, state: FSMContext
) -> None:
    """/baocao: which of the pending directives was broadcast?"""
    try:
        plan = await reports.understand(officer, "đã thực hiện")
    except NoUnit:
        await message.answer(texts.REPORT_NO_UNIT)
        return
    await _act(message, plan, reports, officer, settings, state, via=ReportVia.TEXT, raw="", evidence=None)


async def evidence_message(
    message: Message, reports: ReportService, officer: Officer, settings: Settings, state: FSMContext
) -> None:
    """A photo, voice note, video or file: it goes to the directive it is about, never silently to another."""
    caption = message.caption or ""
    evidence = evidence_of(message)
    assert evidence is not None
    try:
        plan, target = await reports.evidence_plan(
            officer, caption, reply_to=_reply_to(message), button_ids=_button_ids(message)
        )
    except NoUnit:
        await message.answer(texts.REPORT_NO_UNIT)
        return
    if target is not None and target.done:
        await reports.attach(officer, target.assignment_id, evidence, caption)
        await message.answer(texts.REPORTED_EVIDENCE.format(label=html_label(target)))
        return
    if target is not None:  # pending: a photo alone is not a report, ask first
        saved = {
            "plan": Plan().to_json(),
            "raw": caption,
            "via": ReportVia.TEXT.value,
            "evidence": _pack(evidence),
        }
        await _ask_confirm(
            message,
            reports,
            officer,
            state,
            [Step(target.assignment_id, StepKind.DONE)],
            saved,
            everything=False,
        )
        return
    if not plan.asks:  # nothing pending and nothing reported lately: nowhere it could belong
        if message.document is not None:
            name = escape((message.document.file_name or "tệp")[:80])
            await message.answer(texts.UNSUPPORTED_FILE.format(name=name))
        else:
            await message.answer(texts.EVIDENCE_NOTHING.format(unit=escape(unit_name(officer))))
        return
    kind = (
        texts.EVIDENCE_PHOTO
        if message.photo
        else texts.EVIDENCE_VOICE
        if (message.voice or message.audio)
        else texts.EVIDENCE_FILE
    )
    await _act(
        message,
        plan,
        reports,
        officer,
        settings,
        state,
        via=ReportVia.TEXT,
        raw=caption,
        evidence=evidence,
        ask=texts.EVIDENCE_ASK.format(kind=kind),
    )


async def written_report(
    message: Message,
    bot: Bot,
    reports: ReportService,
    officer: Officer,
    settings: Settings,
    state: FSMContext,
) -> None:
    """A report written in a .docx (or .txt/.pdf): understood like a message; any other file is evidence."""
    doc = message.document
    assert doc is not None
    evidence = evidence_of(message)
    name = doc.file_name or "tep"
    text = ""
    if (doc.file_size or 0) <= settings.max_upload_mb * 1024 * 1024 and name.lower().endswith(WRITTEN):
        buffer = io.BytesIO()
        await bot.download(doc.file_id, destination=buffer)
        try:
            text = await reports.read_written(buffer.getvalue(), name)
        except (DocumentError, ParseError) as exc:
            await message.answer(
                texts.WRITTEN_REPORT_UNREADABLE.format(name=escape(name[:80]), reason=escape(str(exc)))
            )
            return
    plan = None
    if text.strip():
        plan = await reports.understand(officer, text)
    if plan is not None and (plan.steps or plan.choices):
        await _act(
            message,
            plan,
            reports,
            officer,
            settings,
            state,
            via=ReportVia.DOCUMENT,
            raw=text,
            evidence=evidence,
        )
        return
    await evidence_message(message, reports, officer, settings, state)


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
    saved = (await state.get_data()).get(PLAN) or {}
    plan = Plan.from_json(saved["plan"]) if saved.get("plan") else Plan(template=Step(0, StepKind.DONE))
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
        await _ask_confirm(query.message, reports, officer, state, steps, saved, everything=everything)
        return
    await state.update_data({PLAN: None})
    via = ReportVia(saved.get("via", ReportVia.TEXT))
    await _record(
        query.message,
        reports,
        officer,
        settings,
        steps,
        via=via,
        raw=saved.get("raw", ""),
        evidence=_unpack(saved.get("evidence")),
    )


async def choice(
    query: CallbackQuery,
    callback_data: ChoiceCb,
    reports: ReportService,
    officer: Officer,
    settings: Settings,
    state: FSMContext,
) -> None:
    saved = (await state.get_data()).get(PLAN) or {}
    choices = Plan.from_json(saved["plan"]).choices if saved.get("plan") else []
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
        await _record(
            query.message,
            reports,
            officer,
            settings,
            steps,
            via=ReportVia(saved.get("via", ReportVia.TEXT)),
            raw=saved.get("raw", ""),
            evidence=_unpack(saved.get("evidence")),
        )
    except (NotYourUnit, AssignmentNotFound):
        await query.message.answer(texts.NOT_YOUR_UNIT)


async def typed_number(
    message: Message,
    intent: Intent,
    reports: ReportService,
    officer: Officer,
    settings: Settings,
    state: FSMContext,
    work: WorkService,
    is_admin: bool,
) -> None:
    """ "2" after a numbered list: that item of the "which one?" question (else of the last list)."""
    data = await state.get_data()
    n = intent.choice or 0
    saved = data.get(PLAN) or {}
    choices = Plan.from_json(saved["plan"]).choices if saved.get("plan") and not saved.get("steps") else []
    if choices:
        if not 1 <= n <= len(choices):
            await message.answer(texts.NUMBER_UNKNOWN.format(n=n))
            return
        plan = Plan.from_json(saved["plan"])
        steps = plan.choose([choices[n - 1]])
        if plan.confirm:
            await _ask_confirm(message, reports, officer, state, steps, saved, everything=False)
            return
        await state.update_data({PLAN: None})
        await _record(
            message,
            reports,
            officer,
            settings,
            steps,
            via=ReportVia.TEXT,
            raw=saved.get("raw", ""),
            evidence=_unpack(saved.get("evidence")),
        )
        return
    listed = data.get(LAST_LIST) or {}
    if str(n) not in listed:
        await message.answer(texts.NUMBER_UNKNOWN.format(n=n))
        return
    await send_detail(message, work, officer, is_admin, int(listed[str(n)]))


async def choice_page(
    query: CallbackQuery, callback_data: PageCb, reports: ReportService, officer: Officer, state: FSMContext
) -> None:
    saved = (await state.get_data()).get(PLAN) or {}
    plan = Plan.from_json(saved["plan"]) if saved.get("plan") else Plan()
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


async def undo_text(message: Message, reports: ReportService, officer: Officer, settings: Settings) -> None:
    """ "hủy báo cáo", "/huy", "hủy báo cáo công văn 2345": name what would be undone, ask one tap."""
    text = message.text or ""
    target = await reports.undo_target(officer, "" if text.startswith("/") else text)
    if target is None:
        await message.answer(texts.UNDO_NONE)
        return
    question, markup = undo_ask(target, settings.tz)
    await message.answer(question, reply_markup=markup)


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


def router() -> Router:
    r = Router(name="report")
    r.message.filter(IsOfficer())
    r.callback_query.filter(IsOfficer())
    r.callback_query.register(done_button, ReportCb.filter())
    r.callback_query.register(choice, ChoiceCb.filter())
    r.callback_query.register(confirm, ConfirmCb.filter())
    r.callback_query.register(undo_button, UndoCb.filter())
    r.callback_query.register(choice_page, PageCb.filter(), PageOf("c"))
    r.callback_query.register(remind, RemindCb.filter())
    r.message.register(undo_text, Command("huy"))
    r.message.register(undo_text, IntentIs("undo_report"))
    r.message.register(report_command, Command("baocao"))
    r.message.register(typed_number, HasChoice())
    r.message.register(report_text, IntentIs("report_done", "report_not_done"))
    r.message.register(written_report, HasEvidenceDocument())
    r.message.register(evidence_message, HasEvidence())
    return r
