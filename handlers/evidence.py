"""Evidence the office can see: /minhchung 2345 (or "minh chứng công văn 2345", or the button under a
directive's progress) pages through the photos, voice notes, videos and documents officers sent, commune
by commune, each sent back by its Telegram file id with a caption naming the commune, the officer and
the time. The export's "Minh chứng" links open `/start mc_<assignment id>` here.

`deep_links()` must come before the registration router (which would read the payload as an invite
code); it passes anything that is not an admin's evidence link on."""

from __future__ import annotations

import re
from typing import Any

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message

from bot import texts
from bot.admin_views import evidence_caption, evidence_nav, refusal
from bot.callbacks import EvidenceCb
from bot.config import Settings
from bot.db.models import Officer
from bot.filters import IsAdmin
from bot.services.admin import AdminService
from bot.services.evidence import EvidencePage
from bot.services.labels import kind_label, time_label
from bot.services.scope import Ambiguous, DirectiveNotFound, OutOfScope
from handlers.common import edit_text

__all__ = ["deep_links", "router", "send_page", "show"]

LINK = re.compile(r"^mc_(\d{1,10})$")


async def send_page(message: Message, page: EvidencePage, settings: Settings) -> None:
    """Each item of the page by file id, then where we are with ◀ ▶."""
    number = page.directive.number
    for item in page.items:
        caption = evidence_caption(item, number, settings.tz)
        send: Any = {
            "photo": message.answer_photo,
            "voice": message.answer_voice,
            "audio": message.answer_audio,
            "video": message.answer_video,
        }.get(item.kind, message.answer_document)
        try:
            await send(item.file_id, caption=caption)
        except TelegramBadRequest:  # the file is gone, or a video note sent back as a video
            await message.answer(
                texts.EVIDENCE_GONE.format(
                    kind=kind_label(item.kind),
                    unit=item.unit_name,
                    time=time_label(item.created_at, settings.tz),
                )
            )
    text, markup = evidence_nav(page)
    await message.answer(text, reply_markup=markup)


async def show(
    message: Message,
    admin: AdminService,
    officer: Officer,
    settings: Settings,
    *,
    query: str | None = None,
    directive_id: int | None = None,
    page: int = 0,
) -> None:
    if not query and directive_id is None:
        await message.answer(texts.EVIDENCE_USAGE)
        return
    try:
        found = await admin.evidence(officer, query, directive_id=directive_id, page=page)
    except (DirectiveNotFound, Ambiguous, OutOfScope) as exc:
        await message.answer(refusal(exc))
        return
    await send_page(message, found, settings)


async def command(
    message: Message, command: CommandObject, admin: AdminService, officer: Officer, settings: Settings
) -> None:
    """/minhchung 2345."""
    await show(message, admin, officer, settings, query=(command.args or "").strip())


async def page_button(
    query: CallbackQuery, callback_data: EvidenceCb, admin: AdminService, officer: Officer, settings: Settings
) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        markup = query.message.reply_markup
        buttons = [b.callback_data or "" for row in (markup.inline_keyboard if markup else []) for b in row]
        if buttons and all(b.startswith(f"{EvidenceCb.__prefix__}:") for b in buttons):  # the old ◀ ▶
            await edit_text(query.message, None, None)
        await show(
            query.message,
            admin,
            officer,
            settings,
            directive_id=callback_data.directive_id,
            page=callback_data.page,
        )


async def link(
    message: Message, command: CommandObject, admin: AdminService, officer: Officer, settings: Settings
) -> None:
    """The export's link: one commune × directive's evidence, then the directive's other pages."""
    match = LINK.match(command.args or "")
    assert match is not None
    assignment_id = int(match.group(1))
    if assignment_id > 2_147_483_647:
        await message.answer(texts.BAD_BUTTON)
        return
    try:
        found = await admin.evidence_of(officer, assignment_id)
    except (DirectiveNotFound, Ambiguous, OutOfScope) as exc:
        await message.answer(refusal(exc))
        return
    except LookupError:
        await message.answer(texts.BAD_BUTTON)
        return
    await send_page(message, found, settings)


def router() -> Router:
    """/minhchung and its pages (included in the admin router, already filtered on IsAdmin)."""
    r = Router(name="evidence")
    r.message.register(command, Command("minhchung"))
    r.callback_query.register(page_button, EvidenceCb.filter())
    return r


def deep_links() -> Router:
    """`/start mc_<id>` from an admin (first of all routers)."""
    r = Router(name="evidence_links")
    r.message.filter(IsAdmin())
    r.message.register(link, CommandStart(deep_link=True, magic=F.args.regexp(LINK)))
    return r
