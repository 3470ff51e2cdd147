"""Admin features (the router is filtered once on IsAdmin): statistics and a directive's progress, missing
reports, the report upward, invites, officers (deactivate, reactivate), reminders, and the same questions
in free text ("thống kê công văn 2345", "xã nào chưa báo cáo công văn 113", "tiến độ tuần này").
Importing and publishing a directive sent as a file is the desk (handlers/desk.py); evidence is
handlers/evidence.py. Every scope check is in the admin service; handlers only say what it decided."""

from __future__ import annotations

from datetime import date
from html import escape

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot import texts
from bot.admin_views import (
    export_caption,
    export_keyboard,
    missing_text,
    officers_text,
    out_of_scope_text,
    overview_text,
    progress_message,
    refusal,
    remind_text,
    staff_message,
)
from bot.callbacks import ExportCb, ProgressCb, StaffCb
from bot.config import Settings
from bot.db.models import Officer, Role, utcnow
from bot.delivery.wake import Waker
from bot.filters import AdminQuestionIs, IsAdmin
from bot.services.admin import AdminService
from bot.services.export import ExportRequest, Format
from bot.services.identity import IdentityService
from bot.services.labels import Period, period_of_words
from bot.services.registration import invite_link
from bot.services.scope import Ambiguous, DirectiveNotFound, OutOfScope
from bot.services.units import UnitNotFound
from bot.understanding.admin_questions import AdminQuestion, parse_export_args
from bot.views import fit
from handlers import evidence
from handlers.common import edit_text

__all__ = ["router"]

_REFUSED = (DirectiveNotFound, Ambiguous, OutOfScope)
_PERIOD_WORDS = {"w": "tuan nay", "m": "thang nay", "l": "thang truoc"}
_FORMATS: dict[str, Format] = {"x": "xlsx", "d": "docx", "c": "csv"}


def _today(settings: Settings) -> date:
    return utcnow().astimezone(settings.tz).date()


async def show_stats(
    message: Message, admin: AdminService, officer: Officer, ref: str | None, period: Period | None
) -> None:
    try:
        if ref:
            text, markup = progress_message(await admin.progress(officer, ref))
            await message.answer(text, reply_markup=markup)
            return
        await message.answer(overview_text(await admin.stats(officer, period)))
    except _REFUSED as exc:
        await message.answer(refusal(exc))


async def show_missing(message: Message, admin: AdminService, officer: Officer, ref: str | None) -> None:
    try:
        await message.answer(missing_text(await admin.missing(officer, ref)))
    except _REFUSED as exc:
        await message.answer(refusal(exc))


async def send_export(
    message: Message,
    admin: AdminService,
    officer: Officer,
    request: ExportRequest,
    fmt: Format = "xlsx",
    *,
    choices: bool = False,
) -> None:
    try:
        exported = await admin.export(officer, request, fmt)
    except _REFUSED as exc:
        await message.answer(refusal(exc))
        return
    if not exported.content.directives:
        await message.answer(texts.EXPORT_EMPTY.format(period=request.period.label()))
        return
    await message.answer_document(
        BufferedInputFile(exported.data, exported.name),
        caption=export_caption(exported.content),
        reply_markup=export_keyboard() if choices else None,
    )


async def remind(
    message: Message,
    admin: AdminService,
    officer: Officer,
    worker: Waker,
    settings: Settings,
    ref: str | None,
) -> None:
    try:
        result = await admin.remind(officer, ref)
    except _REFUSED as exc:
        await message.answer(refusal(exc))
        return
    worker.wake()
    await message.answer(remind_text(result, settings.tz))


async def stats(
    message: Message, command: CommandObject, admin: AdminService, officer: Officer, settings: Settings
) -> None:
    """/thongke, /thongke 2345, /thongke tuần này."""
    asked = parse_export_args(command.args or "", _today(settings))
    await show_stats(message, admin, officer, asked.ref, asked.period)


async def missing(message: Message, command: CommandObject, admin: AdminService, officer: Officer) -> None:
    """/chuabaocao, /chuabaocao 2345."""
    await show_missing(message, admin, officer, (command.args or "").strip() or None)


async def export(
    message: Message, command: CommandObject, admin: AdminService, officer: Officer, settings: Settings
) -> None:
    """/xuatbaocao [tháng này | 01/10/2025 31/10/2025] [số công văn] [word | csv]."""
    args = (command.args or "").strip()
    asked = parse_export_args(args, _today(settings))
    request = ExportRequest(asked.period or Period(), asked.ref)
    await send_export(message, admin, officer, request, asked.fmt or "xlsx", choices=not args)


async def export_button(
    query: CallbackQuery, callback_data: ExportCb, admin: AdminService, officer: Officer, settings: Settings
) -> None:
    await query.answer()
    if not isinstance(query.message, Message):
        return
    words = _PERIOD_WORDS.get(callback_data.period)
    period = period_of_words(words, _today(settings)) if words else None
    ref = f"#{callback_data.directive_id}" if callback_data.directive_id else None
    request = ExportRequest(period or Period(), ref)
    await send_export(query.message, admin, officer, request, _FORMATS[callback_data.fmt])


async def progress_button(
    query: CallbackQuery,
    callback_data: ProgressCb,
    admin: AdminService,
    officer: Officer,
    worker: Waker,
    settings: Settings,
) -> None:
    await query.answer()
    if not isinstance(query.message, Message):
        return
    ref = f"#{callback_data.directive_id}"
    if callback_data.act == "m":
        await show_missing(query.message, admin, officer, ref)
    elif callback_data.act == "r":
        await remind(query.message, admin, officer, worker, settings, ref)
    else:
        await send_export(query.message, admin, officer, ExportRequest(directive=ref))


async def invite(
    message: Message, command: CommandObject, admin: AdminService, officer: Officer, settings: Settings
) -> None:
    args = (command.args or "").strip()
    role = Role.OFFICER
    lowered = args.lower()
    for suffix in (" admin", " quantri", " quản trị", " quản trị viên", " quan tri vien"):
        if lowered.endswith(suffix) or lowered == suffix.strip():
            role, args = (
                Role.ADMIN,
                args[: len(args) - len(suffix)].strip() if lowered != suffix.strip() else "",
            )
            break
    if not args:
        await message.answer(texts.ADMIN_INVITE_USAGE)
        return
    try:
        unit, inv = await admin.invite(officer, args, role)
    except OutOfScope as exc:
        await message.answer(out_of_scope_text(exc))
        return
    except UnitNotFound as exc:
        suggest = texts.ADMIN_UNIT_SUGGEST.format(names=", ".join(exc.suggestions)) if exc.suggestions else ""
        await message.answer(
            texts.ADMIN_UNIT_NOT_FOUND.format(name=escape(args[:100]), suggest=escape(suggest))
        )
        return
    await message.answer(
        texts.ADMIN_INVITE.format(
            unit=escape(unit.name),
            role=texts.ROLE_ADMIN if role == Role.ADMIN else texts.ROLE_OFFICER,
            code=inv.code,
            link=invite_link(settings.bot_username, inv.code),
            expires=inv.expires_at.astimezone(settings.tz).strftime("%d/%m/%Y"),
        )
    )


async def officers(message: Message, admin: AdminService, officer: Officer) -> None:
    scope, people = await admin.officers(officer)
    await message.answer(officers_text(scope, people))


async def remind_command(
    message: Message,
    command: CommandObject,
    admin: AdminService,
    officer: Officer,
    worker: Waker,
    settings: Settings,
) -> None:
    """/nhacnho: every commune of the scope that has not reported; /nhacnho 2345: those of one directive."""
    await remind(message, admin, officer, worker, settings, (command.args or "").strip() or None)


async def _set_active(
    message: Message,
    command: CommandObject,
    admin: AdminService,
    officer: Officer,
    identities: IdentityService,
    active: bool,
) -> None:
    query = (command.args or "").strip()
    if not query:
        await message.answer(texts.OFFICERS_USAGE.format(command="kichhoat" if active else "ngung"))
        return
    try:
        result = await admin.set_active(officer, active, query=query)
    except OutOfScope as exc:
        await message.answer(out_of_scope_text(exc))
        return
    if result.officer is not None:
        identities.forget(result.officer.telegram_id)
    text, markup = staff_message(result, active, query)
    await message.answer(fit(text), reply_markup=markup)


async def deactivate(
    message: Message,
    command: CommandObject,
    admin: AdminService,
    officer: Officer,
    identities: IdentityService,
) -> None:
    """/ngung <tên hoặc mã>: the officer stops receiving messages and cannot report, at once."""
    await _set_active(message, command, admin, officer, identities, False)


async def activate(
    message: Message,
    command: CommandObject,
    admin: AdminService,
    officer: Officer,
    identities: IdentityService,
) -> None:
    """/kichhoat <tên hoặc mã>."""
    await _set_active(message, command, admin, officer, identities, True)


async def staff_button(
    query: CallbackQuery,
    callback_data: StaffCb,
    admin: AdminService,
    officer: Officer,
    identities: IdentityService,
) -> None:
    try:
        result = await admin.set_active(officer, callback_data.active, officer_id=callback_data.officer_id)
    except OutOfScope as exc:
        await query.answer(out_of_scope_text(exc), show_alert=True)
        return
    await query.answer()
    if result.officer is not None:
        identities.forget(result.officer.telegram_id)
    text, _ = staff_message(result, callback_data.active, "")
    if isinstance(query.message, Message):
        await edit_text(query.message, None, None)
        await query.message.answer(text)


async def question(
    message: Message,
    question: AdminQuestion,
    admin: AdminService,
    officer: Officer,
    worker: Waker,
    settings: Settings,
) -> None:
    """An admin's question in free text."""
    if question.kind == "stats":
        await show_stats(message, admin, officer, question.ref, question.period)
    elif question.kind == "missing":
        await show_missing(message, admin, officer, question.ref)
    elif question.kind == "export":
        request = ExportRequest(question.period or Period(), question.ref)
        await send_export(message, admin, officer, request, question.fmt or "xlsx")
    elif question.kind == "remind":
        await remind(message, admin, officer, worker, settings, question.ref)
    else:
        await evidence.show(message, admin, officer, settings, query=question.ref)


def router() -> Router:
    r = Router(name="admin")
    r.message.filter(IsAdmin())
    r.callback_query.filter(IsAdmin())
    r.message.register(stats, Command("thongke"))
    r.message.register(missing, Command("chuabaocao"))
    r.message.register(export, Command("xuatbaocao"))
    r.message.register(invite, Command("moi"))
    r.message.register(officers, Command("canbo"))
    r.message.register(remind_command, Command("nhacnho"))
    r.message.register(deactivate, Command("ngung"))
    r.message.register(activate, Command("kichhoat"))
    r.callback_query.register(export_button, ExportCb.filter())
    r.callback_query.register(progress_button, ProgressCb.filter())
    r.callback_query.register(staff_button, StaffCb.filter())
    r.include_router(evidence.router())
    r.message.register(question, AdminQuestionIs())
    return r
