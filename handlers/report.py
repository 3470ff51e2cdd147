"""Report-back: the ✅ button, a report in words (by content: several directives, counts, reasons), evidence,
"which one?" and "xác nhận?" questions, a typed list number, undo. Handlers read the update, ask the
report service (which has committed when it returns), then answer.

Messages here; the buttons in `handlers.report_buttons`, what both share in `handlers.report_flow`. One
router for the feature, built by `router()`.
"""

from __future__ import annotations

import io
from html import escape

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot import texts
from bot.callbacks import ChoiceCb, ConfirmCb, PageCb, RemindCb, ReportCb, UndoCb
from bot.config import Settings
from bot.db.models import Officer, ReportVia
from bot.directives import DocumentError, ParseError
from bot.filters import HasChoice, HasEvidence, HasEvidenceDocument, IntentIs, IsOfficer, PageOf
from bot.services.reporting import Plan, Step, StepKind
from bot.services.reports import (
    NoUnit,
    ReportService,
)
from bot.services.work import WorkService
from bot.understanding.intents import Intent
from bot.views_reports import (
    html_label,
    undo_ask,
)
from handlers.common import send_detail, unit_name
from handlers.officer import LAST_LIST
from handlers.report_buttons import choice, choice_page, confirm, done_button, remind, undo_button
from handlers.report_flow import (
    PLAN,
    WRITTEN,
    act_on,
    ask_confirm,
    button_ids,
    evidence_of,
    pack_evidence,
    record_steps,
    replied_to,
    unpack_evidence,
)

__all__ = ["PLAN", "router"]


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
        replying = message.reply_to_message is not None and bool(button_ids(message))
        plan, items = await reports.understand_with_items(
            officer,
            raw,
            reply_to=replied_to(message),
            button_ids=button_ids(message),
            confirm=intent.confirm and not replying,
        )
    except NoUnit:
        await message.answer(texts.REPORT_NO_UNIT)
        return
    via = ReportVia.REPLY if message.reply_to_message is not None else ReportVia.TEXT
    not_done = intent.intent == "report_not_done"
    await act_on(
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
    await act_on(message, plan, reports, officer, settings, state, via=ReportVia.TEXT, raw="", evidence=None)


async def evidence_message(
    message: Message, reports: ReportService, officer: Officer, settings: Settings, state: FSMContext
) -> None:
    """A photo, voice note, video or file: it goes to the directive it is about, never silently to another."""
    caption = message.caption or ""
    evidence = evidence_of(message)
    assert evidence is not None
    try:
        plan, target = await reports.evidence_plan(
            officer, caption, reply_to=replied_to(message), button_ids=button_ids(message)
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
            "evidence": pack_evidence(evidence),
        }
        await ask_confirm(
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
    await act_on(
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
        await act_on(
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
    plan = Plan.from_json(saved["plan"]) if saved.get("plan") and not saved.get("steps") else None
    if plan is not None and plan.choices:
        if not 1 <= n <= len(plan.choices):
            await message.answer(texts.NUMBER_UNKNOWN.format(n=n))
            return
        steps = plan.choose([plan.choices[n - 1]])
        if plan.confirm:
            await ask_confirm(message, reports, officer, state, steps, saved, everything=False)
            return
        await state.update_data({PLAN: None})
        await record_steps(
            message,
            reports,
            officer,
            settings,
            steps,
            via=ReportVia.TEXT,
            raw=saved.get("raw", ""),
            evidence=unpack_evidence(saved.get("evidence")),
        )
        return
    listed = data.get(LAST_LIST) or {}
    if str(n) not in listed:
        await message.answer(texts.NUMBER_UNKNOWN.format(n=n))
        return
    await send_detail(message, work, officer, is_admin, int(listed[str(n)]))


async def undo_text(message: Message, reports: ReportService, officer: Officer, settings: Settings) -> None:
    """ "hủy báo cáo", "/huy", "hủy báo cáo công văn 2345": name what would be undone, ask one tap."""
    text = message.text or ""
    target = await reports.undo_target(officer, "" if text.startswith("/") else text)
    if target is None:
        await message.answer(texts.UNDO_NONE)
        return
    question, markup = undo_ask(target, settings.tz)
    await message.answer(question, reply_markup=markup)


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
