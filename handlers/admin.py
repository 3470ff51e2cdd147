"""Admin features (the router is filtered once on IsAdmin): stats, missing reports, export, invites,
officers, reminders, and importing + publishing a directive sent as a file."""

from __future__ import annotations

import io
from html import escape

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from bot import texts
from bot.callbacks import PublishCb
from bot.config import Settings
from bot.db.models import Officer, Role
from bot.delivery.wake import Waker
from bot.directives import DocumentError, ParseError
from bot.filters import HasDocument, IsAdmin
from bot.services.admin import AdminService
from bot.services.registration import invite_link
from bot.services.units import UnitNotFound
from bot.views import fit, names_list, number_text, reminded_text

__all__ = ["router"]


async def stats(message: Message, admin: AdminService) -> None:
    result = await admin.stats()
    if not result.directives:
        await message.answer(texts.ADMIN_STATS_NONE)
        return
    lines = [texts.ADMIN_STATS_HEADER]
    for s in result.directives:
        due = texts.ADMIN_STATS_DUE.format(due=s.report_due.strftime("%d/%m/%Y")) if s.report_due else ""
        lines.append(
            texts.ADMIN_STATS_ITEM.format(
                number=number_text(s.number),
                subject=escape((s.subject or "")[:100]),
                done=s.done,
                total=s.total,
                pending=s.pending,
                due=due,
            )
        )
    if result.blocked:
        names = [f"{o.name} ({o.unit.name if o.unit else '?'})" for o in result.blocked]
        lines.append(texts.ADMIN_BLOCKED.format(n=len(result.blocked), names=names_list(names)))
    await message.answer(fit("\n\n".join(lines)))


async def missing(message: Message, admin: AdminService) -> None:
    pending = await admin.missing()
    if not pending:
        await message.answer(texts.ADMIN_MISSING_NONE)
        return
    lines = [texts.ADMIN_MISSING_HEADER]
    for directive, names in pending:
        lines.append(
            texts.ADMIN_MISSING_ITEM.format(
                number=number_text(directive.number), n=len(names), units=names_list(names)
            )
        )
    await message.answer(fit("\n\n".join(lines)))


async def export(message: Message, admin: AdminService) -> None:
    data, now = await admin.export()
    await message.answer_document(
        BufferedInputFile(data, f"bao-cao-tuyen-truyen-{now:%Y%m%d-%H%M}.xlsx"),
        caption=texts.ADMIN_EXPORT_CAPTION.format(time=now.strftime("%H:%M %d/%m/%Y")),
    )


async def invite(message: Message, command: CommandObject, admin: AdminService, settings: Settings) -> None:
    args = (command.args or "").strip()
    role = Role.OFFICER
    lowered = args.lower()
    for suffix in (" admin", " quantri", " quản trị"):
        if lowered.endswith(suffix):
            role, args = Role.ADMIN, args[: -len(suffix)].strip()
            break
    if not args:
        await message.answer(texts.ADMIN_INVITE_USAGE)
        return
    try:
        unit, inv = await admin.invite(args, role)
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


async def officers(message: Message, admin: AdminService) -> None:
    people = await admin.officers()
    if not people:
        await message.answer(texts.ADMIN_OFFICERS_NONE)
        return
    lines = [texts.ADMIN_OFFICERS_HEADER.format(n=len(people))]
    for o in people[:80]:
        lines.append(
            texts.ADMIN_OFFICER_ITEM.format(
                name=escape(o.name or str(o.telegram_id)),
                unit=escape(o.unit.name if o.unit else "—"),
                state="" if o.active else texts.ADMIN_OFFICER_INACTIVE,
            )
        )
    await message.answer(fit("\n".join(lines)))


async def remind_all(message: Message, admin: AdminService, worker: Waker) -> None:
    reached = await admin.remind_all()
    worker.wake()
    await message.answer(reminded_text(reached))


async def upload(
    message: Message, bot: Bot, admin: AdminService, officer: Officer, settings: Settings
) -> None:
    doc = message.document
    assert doc is not None
    name = doc.file_name or "congvan"
    if (doc.file_size or 0) > settings.max_upload_mb * 1024 * 1024:
        mb = round((doc.file_size or 0) / 1048576, 1)
        await message.answer(texts.ADMIN_FILE_TOO_BIG.format(mb=mb, max=settings.max_upload_mb))
        return
    buf = io.BytesIO()
    await bot.download(doc.file_id, destination=buf)
    try:
        result = await admin.upload(buf.getvalue(), name, officer)
    except (DocumentError, ParseError) as exc:
        await message.answer(
            texts.ADMIN_IMPORT_FAILED.format(name=escape(name[:100]), reason=escape(str(exc)))
        )
        return
    d = result.directive
    if not result.created and d.status == "published":
        await message.answer(
            texts.ADMIN_IMPORTED_EXISTS.format(number=number_text(d.number), status=d.status)
        )
        return
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=texts.BUTTON_PUBLISH, callback_data=PublishCb(directive_id=d.id, go=True).pack()
                ),
                InlineKeyboardButton(
                    text=texts.BUTTON_CANCEL, callback_data=PublishCb(directive_id=d.id, go=False).pack()
                ),
            ]
        ]
    )
    await message.answer(
        texts.ADMIN_IMPORTED.format(
            number=number_text(d.number),
            subject=escape((d.subject or "")[:300]),
            topics=result.topics,
            n=result.communes,
        ),
        reply_markup=markup,
    )


async def publish(
    query: CallbackQuery, callback_data: PublishCb, admin: AdminService, officer: Officer, worker: Waker
) -> None:
    directive = await admin.directive(callback_data.directive_id)
    if directive is None or not isinstance(query.message, Message):
        await query.answer(texts.BAD_BUTTON, show_alert=True)
        return
    await query.answer()
    await query.message.edit_reply_markup(reply_markup=None)
    if not callback_data.go:
        await query.message.answer(texts.ADMIN_PUBLISH_CANCELLED)
        return
    result = await admin.publish(directive.id, officer)
    worker.wake()
    number = number_text(directive.number)
    sent = await query.message.answer(
        texts.ADMIN_PUBLISH_STARTED.format(number=number, units=result.units, queued=result.queued)
    )
    await admin.watch(officer.chat_id, sent.message_id, directive.id, number)


def router() -> Router:
    r = Router(name="admin")
    r.message.filter(IsAdmin())
    r.callback_query.filter(IsAdmin())
    r.message.register(stats, Command("thongke"))
    r.message.register(missing, Command("chuabaocao"))
    r.message.register(export, Command("xuatbaocao"))
    r.message.register(invite, Command("moi"))
    r.message.register(officers, Command("canbo"))
    r.message.register(remind_all, Command("nhacnho"))
    r.message.register(upload, HasDocument())
    r.callback_query.register(publish, PublishCb.filter())
    return r
