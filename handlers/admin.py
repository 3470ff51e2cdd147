"""Admin features (router filtered once on IsAdmin): stats, missing reports, export, invites, officers,
reminders, and importing + publishing a directive sent as a file."""

from __future__ import annotations

import io
from html import escape
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot import directives as parsing
from bot import texts
from bot.callbacks import PublishCb
from bot.config import Settings
from bot.db import repo
from bot.db.models import Officer, utcnow
from bot.filters import IsAdmin
from bot.services import directives as directive_service
from bot.services import progress
from bot.services.assignments import queue_reminders
from bot.services.export import export_rows, export_xlsx
from bot.services.registration import create_invite, invite_link
from bot.services.units import UnitNotFound, commune_units, match_units
from bot.views import fmt_date

__all__ = ["router"]

MAX_NAMES = 12


def _names(names: list[str]) -> str:
    shown = ", ".join(escape(n) for n in names[:MAX_NAMES])
    return shown + (f" … (+{len(names) - MAX_NAMES})" if len(names) > MAX_NAMES else "")


def router() -> Router:
    r = Router(name="admin")
    r.message.filter(IsAdmin())
    r.callback_query.filter(IsAdmin())

    @r.message(Command("thongke"))
    async def stats(message: Message, session: AsyncSession) -> None:
        rows = await repo.directive_stats(session)
        if not rows:
            await message.answer(texts.ADMIN_STATS_NONE)
            return
        lines = [texts.ADMIN_STATS_HEADER]
        for s in rows:
            due = texts.ADMIN_STATS_DUE.format(due=fmt_date(s.report_due)) if s.report_due else ""
            lines.append(
                texts.ADMIN_STATS_ITEM.format(
                    number=escape((s.number or "").strip() or texts.NO_NUMBER),
                    subject=escape((s.subject or "")[:100]),
                    done=s.done,
                    total=s.total,
                    pending=s.pending,
                    due=due,
                )
            )
        blocked = await repo.inactive_officers(session)
        if blocked:
            lines.append(
                texts.ADMIN_BLOCKED.format(
                    n=len(blocked),
                    names=_names([f"{o.name} ({o.unit.name if o.unit else '?'})" for o in blocked]),
                )
            )
        await message.answer("\n\n".join(lines)[:4000])

    @r.message(Command("chuabaocao"))
    async def missing(message: Message, session: AsyncSession) -> None:
        pending = await repo.pending_units(session)
        if not pending:
            await message.answer(texts.ADMIN_MISSING_NONE)
            return
        directives = await repo.directives_by_ids(session, list(pending))
        lines = [texts.ADMIN_MISSING_HEADER]
        for did, names in pending.items():
            number = escape((directives[did].number or "").strip() or f"#{did}")
            lines.append(texts.ADMIN_MISSING_ITEM.format(number=number, n=len(names), units=_names(names)))
        await message.answer("\n\n".join(lines)[:4000])

    @r.message(Command("xuatbaocao"))
    async def export(message: Message, session: AsyncSession, settings: Settings) -> None:
        now = utcnow().astimezone(settings.tz)
        data = export_xlsx(await export_rows(session, settings.tz), now)
        name = f"bao-cao-tuyen-truyen-{now:%Y%m%d-%H%M}.xlsx"
        await message.answer_document(
            BufferedInputFile(data, name),
            caption=texts.ADMIN_EXPORT_CAPTION.format(time=now.strftime("%H:%M %d/%m/%Y")),
        )

    @r.message(Command("moi"))
    async def invite(
        message: Message, command: CommandObject, session: AsyncSession, settings: Settings
    ) -> None:
        args = (command.args or "").strip()
        role = "officer"
        if args.lower().endswith((" admin", " quantri", " quản trị")):
            role = "admin"
            args = (
                args.rsplit(" ", 1)[0] if not args.lower().endswith("quản trị") else args[: -len(" quản trị")]
            )
        if not args:
            await message.answer(texts.ADMIN_INVITE_USAGE)
            return
        try:
            units = match_units(await commune_units(session, settings.province), args)
        except UnitNotFound as exc:
            suggest = (
                texts.ADMIN_UNIT_SUGGEST.format(names=", ".join(exc.suggestions)) if exc.suggestions else ""
            )
            await message.answer(
                texts.ADMIN_UNIT_NOT_FOUND.format(name=escape(args), suggest=escape(suggest))
            )
            return
        unit = units[0]
        inv = await create_invite(session, unit, role, settings.invite_ttl_days)
        await message.answer(
            texts.ADMIN_INVITE.format(
                unit=escape(unit.name),
                role=texts.ROLE_ADMIN if role == "admin" else texts.ROLE_OFFICER,
                code=inv.code,
                link=invite_link(settings.bot_username, inv.code),
                expires=inv.expires_at.astimezone(settings.tz).strftime("%d/%m/%Y"),
            )
        )

    @r.message(Command("canbo"))
    async def officers(message: Message, session: AsyncSession) -> None:
        people = await repo.list_officers(session)
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
        await message.answer("\n".join(lines)[:4000])

    @r.message(Command("nhacnho"))
    async def remind_all(message: Message, session: AsyncSession, worker: Any = None) -> None:
        today = utcnow().strftime("%Y%m%d")
        pending = await repo.pending_assignments(session)
        queued = await queue_reminders(session, [(a, f"{a.id}:manual:{today}", {}) for a in pending])
        if worker is not None:
            worker.wake()
        await message.answer(texts.ADMIN_REMINDED.format(n=queued))

    @r.message(F.document)
    async def upload(message: Message, bot: Bot, session: AsyncSession, settings: Settings) -> None:
        doc = message.document
        assert doc is not None
        name = doc.file_name or "congvan"
        if (doc.file_size or 0) > settings.max_upload_mb * 1024 * 1024:
            await message.answer(
                texts.ADMIN_FILE_TOO_BIG.format(
                    mb=round((doc.file_size or 0) / 1048576, 1), max=settings.max_upload_mb
                )
            )
            return
        buf = io.BytesIO()
        await bot.download(doc.file_id, destination=buf)
        try:
            result = await directive_service.import_bytes(session, buf.getvalue(), name)
        except (parsing.DocumentError, parsing.ParseError) as exc:
            await message.answer(texts.ADMIN_IMPORT_FAILED.format(name=escape(name), reason=escape(str(exc))))
            return
        d = result.directive
        number = escape((d.number or "").strip() or texts.NO_NUMBER)
        if not result.created and d.status == "published":
            await message.answer(texts.ADMIN_IMPORTED_EXISTS.format(number=number, status=d.status))
            return
        communes = await commune_units(session, settings.province)
        topics = len(await repo.topics_for(session, d.id))
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
                number=number, subject=escape((d.subject or "")[:300]), topics=topics, n=len(communes)
            ),
            reply_markup=markup,
        )

    @r.callback_query(PublishCb.filter())
    async def publish(
        query: CallbackQuery,
        callback_data: PublishCb,
        session: AsyncSession,
        settings: Settings,
        officer: Officer,
        worker: Any = None,
    ) -> None:
        directive = await repo.get_directive(session, callback_data.directive_id)
        if directive is None:
            await query.answer(texts.BAD_BUTTON, show_alert=True)
            return
        await query.answer()
        if not isinstance(query.message, Message):
            return
        await query.message.edit_reply_markup(reply_markup=None)
        if not callback_data.go:
            await query.message.answer(texts.ADMIN_PUBLISH_CANCELLED)
            return
        communes = await commune_units(session, settings.province)
        result = await directive_service.publish(session, directive, communes, published_by=officer.id)
        number = escape((directive.number or "").strip() or texts.NO_NUMBER)
        sent = await query.message.answer(
            texts.ADMIN_PUBLISH_STARTED.format(number=number, units=result.units, queued=result.queued)
        )
        await progress.watch(session, officer.chat_id, sent.message_id, directive.id, number)
        await session.commit()
        if worker is not None:
            worker.wake()

    return r
