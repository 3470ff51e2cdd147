"""Report-back: the ✅ button, a reply to a pushed directive, a free "đã thực hiện", evidence, undo, not done."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from html import escape
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.callbacks import ChoiceCb, PageCb, RemindCb, ReportCb
from bot.config import Settings
from bot.db import repo
from bot.db.models import Officer, utcnow
from bot.db.rows import Item
from bot.filters import HasEvidence, IntentIs, IsOfficer, IsReplyToBot
from bot.services import reports
from bot.services.assignments import pending_items
from bot.understanding.intents import Intent, classify
from bot.views import choice_keyboard, fmt_time, number_text, remind_keyboard
from handlers.common import edit_text, unit_name

__all__ = ["router"]

PENDING_REPORT = "pending_report"


def _evidence_of(message: Message) -> reports.Evidence | None:
    if message.photo:
        return reports.Evidence(message.photo[-1].file_id, "photo")
    if message.voice:
        return reports.Evidence(message.voice.file_id, "voice")
    if message.audio:
        return reports.Evidence(message.audio.file_id, "voice")
    if message.video_note:
        return reports.Evidence(message.video_note.file_id, "video")
    return None


def _outcome_text(
    outcome: reports.ReportOutcome, officer: Officer, count: int | None, evidence: bool, tz: Any
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


async def _record_and_reply(
    message: Message,
    session: AsyncSession,
    officer: Officer,
    settings: Settings,
    items: list[Item],
    *,
    via: str,
    raw: str,
    count: int | None,
    evidence: reports.Evidence | None,
) -> reports.ReportOutcome:
    outcome = await reports.record(
        session, officer, items, via=via, raw_text=raw, count=count, evidence=evidence
    )
    await message.answer(_outcome_text(outcome, officer, count, evidence is not None, settings.tz))
    return outcome


async def _free_report(
    message: Message,
    session: AsyncSession,
    officer: Officer,
    settings: Settings,
    state: FSMContext,
    *,
    raw: str,
    count: int | None,
    evidence: reports.Evidence | None,
    ask: str = texts.REPORT_CHOOSE,
) -> None:
    """A report that names no directive: the only pending one, or ask which (buttons, plus "all")."""
    if officer.unit_id is None:
        await message.answer(texts.REPORT_NO_UNIT)
        return
    pending = await pending_items(session, officer.unit_id)
    if not pending:
        await message.answer(texts.REPORT_NOTHING_PENDING.format(unit=escape(unit_name(officer))))
        return
    if (len(pending) == 1 and evidence is None) or (len(pending) == 1 and raw):
        await _record_and_reply(
            message,
            session,
            officer,
            settings,
            [pending[0]],
            via="text",
            raw=raw,
            count=count,
            evidence=evidence,
        )
        return
    await state.update_data(
        {
            PENDING_REPORT: {
                "raw": raw,
                "count": count,
                "evidence": [evidence.file_id, evidence.kind] if evidence else None,
            }
        }
    )
    await message.answer(ask, reply_markup=choice_keyboard(pending))


def _remind_at(now: datetime, settings: Settings, when: str) -> datetime:
    local = now.astimezone(settings.tz)
    if when == "pm":
        target = local.replace(hour=15, minute=0, second=0, microsecond=0)
        if target <= local:
            target = local + timedelta(hours=2)
    else:
        target = (local + timedelta(days=1)).replace(hour=7, minute=30, second=0, microsecond=0)
    return target


def router() -> Router:
    r = Router(name="report")
    r.message.filter(IsOfficer())
    r.callback_query.filter(IsOfficer())

    @r.callback_query(ReportCb.filter())
    async def done_button(
        query: CallbackQuery,
        callback_data: ReportCb,
        session: AsyncSession,
        officer: Officer,
        settings: Settings,
    ) -> None:
        try:
            item = await reports.item_for(session, officer, callback_data.assignment_id)
        except reports.NotYourUnit:
            await query.answer(texts.NOT_YOUR_UNIT, show_alert=True)
            return
        except reports.AssignmentNotFound:
            await query.answer(texts.BAD_BUTTON, show_alert=True)
            return
        outcome = await reports.record(session, officer, [item], via="button")
        await query.answer(texts.CALLBACK_OK if outcome.recorded else texts.CALLBACK_ALREADY)
        if isinstance(query.message, Message):
            markup = query.message.reply_markup
            if markup is not None and any(
                b.callback_data == query.data for row in markup.inline_keyboard for b in row
            ):
                rows = [[b for b in row if b.callback_data != query.data] for row in markup.inline_keyboard]
                await query.message.edit_reply_markup(
                    reply_markup=InlineKeyboardMarkup(inline_keyboard=[r for r in rows if r])
                )
            await query.message.answer(_outcome_text(outcome, officer, None, False, settings.tz))

    @r.callback_query(ChoiceCb.filter())
    async def choice(
        query: CallbackQuery,
        callback_data: ChoiceCb,
        session: AsyncSession,
        officer: Officer,
        settings: Settings,
        state: FSMContext,
    ) -> None:
        data = (await state.get_data()).get(PENDING_REPORT) or {}
        if callback_data.assignment_id == 0:
            items = await pending_items(session, officer.unit_id or 0)
        else:
            try:
                items = [await reports.item_for(session, officer, callback_data.assignment_id)]
            except reports.NotYourUnit:
                await query.answer(texts.NOT_YOUR_UNIT, show_alert=True)
                return
            except reports.AssignmentNotFound:
                await query.answer(texts.BAD_BUTTON, show_alert=True)
                return
        if not items:
            await query.answer(texts.CALLBACK_ALREADY)
            return
        evidence = reports.Evidence(*data["evidence"]) if data.get("evidence") else None
        await query.answer(texts.CALLBACK_OK)
        await state.update_data({PENDING_REPORT: None})
        if isinstance(query.message, Message):
            await query.message.edit_reply_markup(reply_markup=None)
            await _record_and_reply(
                query.message,
                session,
                officer,
                settings,
                items,
                via="text",
                raw=data.get("raw", ""),
                count=data.get("count"),
                evidence=evidence,
            )

    @r.callback_query(PageCb.filter(F.view == "c"))
    async def choice_page(
        query: CallbackQuery, callback_data: PageCb, session: AsyncSession, officer: Officer
    ) -> None:
        items = await pending_items(session, officer.unit_id or 0)
        if not items:
            await query.answer(texts.CALLBACK_ALREADY)
            return
        await query.answer()
        if isinstance(query.message, Message):
            await edit_text(query.message, None, choice_keyboard(items, callback_data.page))

    @r.callback_query(RemindCb.filter())
    async def remind(
        query: CallbackQuery,
        callback_data: RemindCb,
        session: AsyncSession,
        officer: Officer,
        settings: Settings,
        worker: Any = None,
    ) -> None:
        now = utcnow()
        at = _remind_at(now, settings, callback_data.when)
        pending = await pending_items(session, officer.unit_id or 0)
        text = texts.REMINDER_SELF.format(unit=escape(unit_name(officer)), n=len(pending))
        await repo.enqueue(
            session,
            [
                {
                    "chat_id": officer.chat_id,
                    "officer_id": officer.id,
                    "kind": "remind_self",
                    "ref": at.strftime("%Y%m%d%H%M"),
                    "payload": {"text": text},
                    "not_before": at,
                }
            ],
        )
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.edit_reply_markup(reply_markup=None)
            await query.message.answer(texts.REMIND_SET.format(time=at.strftime("%H:%M %d/%m")))

    @r.message(IsReplyToBot(), IntentIs("report_done"))
    async def reply_report(
        message: Message,
        session: AsyncSession,
        officer: Officer,
        settings: Settings,
        intent: Intent,
        state: FSMContext,
    ) -> None:
        assert message.reply_to_message is not None
        replied = message.reply_to_message
        item = await reports.item_for_reply(session, officer, message.chat.id, replied.message_id)
        if item is None:
            # the push may be answered before its outbox row records the message id: its ✅ button says which
            buttons = [
                b.callback_data
                for row in (replied.reply_markup.inline_keyboard if replied.reply_markup else [])
                for b in row
            ]
            ids = [
                ReportCb.unpack(d).assignment_id
                for d in buttons
                if d and d.startswith(f"{ReportCb.__prefix__}:")
            ]
            if len(ids) == 1:
                with contextlib.suppress(reports.NotYourUnit, reports.AssignmentNotFound, ValueError):
                    item = await reports.item_for(session, officer, ids[0])
        evidence = _evidence_of(message)
        raw = message.text or message.caption or ""
        if item is None:
            await _free_report(
                message, session, officer, settings, state, raw=raw, count=intent.count, evidence=evidence
            )
            return
        await _record_and_reply(
            message,
            session,
            officer,
            settings,
            [item],
            via="reply",
            raw=raw,
            count=intent.count,
            evidence=evidence,
        )

    @r.message(Command("baocao"))
    async def report_command(
        message: Message, session: AsyncSession, officer: Officer, settings: Settings, state: FSMContext
    ) -> None:
        await _free_report(message, session, officer, settings, state, raw="", count=None, evidence=None)

    @r.message(IntentIs("report_done"))
    async def free_report(
        message: Message,
        session: AsyncSession,
        officer: Officer,
        settings: Settings,
        intent: Intent,
        state: FSMContext,
    ) -> None:
        await _free_report(
            message,
            session,
            officer,
            settings,
            state,
            raw=message.text or message.caption or "",
            count=intent.count,
            evidence=_evidence_of(message),
        )

    @r.message(HasEvidence())
    async def evidence_only(
        message: Message, session: AsyncSession, officer: Officer, settings: Settings, state: FSMContext
    ) -> None:
        caption = message.caption or ""
        if caption and classify(caption).intent == "report_not_done":
            await message.answer(texts.NOT_DONE, reply_markup=remind_keyboard())
            return
        evidence = _evidence_of(message)
        kind = texts.EVIDENCE_PHOTO if message.photo else texts.EVIDENCE_VOICE
        await _free_report(
            message,
            session,
            officer,
            settings,
            state,
            raw=caption,
            count=None,
            evidence=evidence,
            ask=texts.EVIDENCE_ASK.format(kind=kind),
        )

    @r.message(Command("huy"))
    @r.message(IntentIs("undo_report"))
    async def undo(message: Message, session: AsyncSession, officer: Officer) -> None:
        undone = await reports.undo_last(session, officer)
        if undone is None:
            await message.answer(texts.UNDO_NONE)
            return
        _, item = undone
        await message.answer(texts.UNDO_OK.format(number=number_text(item.number if item else None)))

    @r.message(IntentIs("report_not_done"))
    async def not_done(message: Message) -> None:
        await message.answer(texts.NOT_DONE, reply_markup=remind_keyboard())

    return r
