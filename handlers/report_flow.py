"""What the report-back handlers share: the evidence a message carries, the push it replies to, and the one
step after the report service has understood a report — record it, or ask its one question first (the
answer comes back as a button; the question waits in the FSM state under `PLAN`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot import texts
from bot.callbacks import ReportCb
from bot.config import Settings
from bot.db.models import Officer, ReportVia
from bot.db.rows import Item
from bot.services.reporting import Plan, Step, StepKind
from bot.services.reports import (
    Evidence,
    ReportService,
)
from bot.views import remind_keyboard
from bot.views_reports import (
    applied_message,
    choice_keyboard,
    confirm_keyboard,
    confirm_text,
)
from handlers.common import unit_name

__all__ = [
    "PLAN",
    "WRITTEN",
    "act_on",
    "ask_confirm",
    "button_ids",
    "evidence_of",
    "pack_evidence",
    "record_steps",
    "replied_to",
    "unpack_evidence",
]

PLAN = "report_plan"  # a report waiting for an answer: {"plan", "raw", "evidence", "via", "steps"}


async def saved_report(state: FSMContext) -> tuple[dict[str, Any], Plan | None]:
    """The report waiting for an answer: its saved fields, and its plan if it has one."""
    saved = (await state.get_data()).get(PLAN) or {}
    return saved, (Plan.from_json(saved["plan"]) if saved.get("plan") else None)
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


def button_ids(message: Message) -> list[int]:
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


def replied_to(message: Message) -> tuple[int, int] | None:
    replied = message.reply_to_message
    return (message.chat.id, replied.message_id) if replied is not None else None


async def record_steps(
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


async def act_on(
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
    saved = {"plan": plan.to_json(), "raw": raw, "via": via.value, "evidence": pack_evidence(evidence)}
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
        await ask_confirm(message, reports, officer, state, plan.steps, saved, everything=False)
        return
    await record_steps(message, reports, officer, settings, plan.steps, via=via, raw=raw, evidence=evidence)


async def ask_confirm(
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


def pack_evidence(evidence: Evidence | None) -> list[str | None] | None:
    return [evidence.file_id, evidence.kind, evidence.file_name] if evidence else None


def unpack_evidence(data: object) -> Evidence | None:
    return Evidence(*data) if isinstance(data, list) and len(data) == 3 else None
