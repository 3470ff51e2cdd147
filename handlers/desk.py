"""The publishing desk (admins): an uploaded directive is previewed exactly as officers will get it, edited
with buttons and short replies, then published now or at a set time; /banthao lists the drafts; a
published directive is corrected (đính chính) or recalled. Also: officers pressing ✅ on, or replying
"đã thực hiện" to, the push of a recalled directive are told it was recalled."""

from __future__ import annotations

import io
from datetime import datetime
from html import escape
from typing import Any

from aiogram import Bot, Router
from aiogram.filters import Command, Filter, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message, TelegramObject

from bot import texts
from bot.callbacks import DeskCb, PublishCb, ReportCb, TopicCb
from bot.config import Settings
from bot.db.models import DirectiveStatus, Officer, utcnow
from bot.delivery.wake import Waker
from bot.desk_views import confirm_keyboard, desk_list, open_keyboard, preview, prompt_keyboard, topics_menu
from bot.directives import DocumentError, ParseError
from bot.filters import HasDocument, IntentIs, IsAdmin, IsCommand, IsReplyToBot
from bot.services.desk import DRAFT_ONLY, Change, DeskError, DeskService, Field, fmt_when
from bot.views import number_text
from handlers.common import edit_text

__all__ = ["router"]

KEY = "desk"  # FSM data: {"id", "field", "ordinal"} while a reply is awaited, {"id", "change"} to confirm


class DeskDialog(StatesGroup):
    reply = State()  # waiting for the new value of a field
    confirm = State()  # a correction waiting for "send"


PROMPTS: dict[str, tuple[Field, str]] = {
    "n": ("number", texts.DESK_ASK_NUMBER),
    "s": ("subject", texts.DESK_ASK_SUBJECT),
    "p": ("period", texts.DESK_ASK_PERIOD),
    "d": ("due", texts.DESK_ASK_DUE),
    "r": ("targets", texts.DESK_ASK_TARGETS),
    "at": ("schedule", texts.DESK_ASK_SCHEDULE),
}


async def _unbutton(message: Message) -> None:
    """Take the buttons off a message that has some."""
    if message.reply_markup is not None:
        await edit_text(message, None, None)


async def _forget(state: FSMContext) -> None:
    await state.set_state(None)
    await state.update_data({KEY: None})


async def _show(
    message: Message, desk: DeskService, officer: Officer, directive_id: int, settings: Settings
) -> None:
    """Send the preview of a directive."""
    card = await desk.card(officer, directive_id)
    text, markup = preview(card, settings.tz, utcnow().astimezone(settings.tz).date())
    await message.answer(text, reply_markup=markup)


async def upload(message: Message, bot: Bot, desk: DeskService, officer: Officer, settings: Settings) -> None:
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
        result = await desk.upload(buf.getvalue(), name, officer)
    except (DocumentError, ParseError) as exc:
        await message.answer(
            texts.ADMIN_IMPORT_FAILED.format(name=escape(name[:100]), reason=escape(str(exc)))
        )
        return
    d = result.directive
    if result.card is None or d.status != DirectiveStatus.DRAFT:
        status = texts.DESK_STATUS_NAMES.get(d.status, d.status)
        await message.answer(
            texts.ADMIN_IMPORTED_EXISTS.format(number=number_text(d.number), status=status),
            reply_markup=open_keyboard(d.id) if result.card is not None else None,
        )
        return
    text, markup = preview(result.card, settings.tz, utcnow().astimezone(settings.tz).date())
    await message.answer(text, reply_markup=markup)


async def drafts(message: Message, desk: DeskService, officer: Officer, settings: Settings) -> None:
    waiting, recent = await desk.desk_list(officer)
    text, markup = desk_list(waiting, recent, settings.tz)
    await message.answer(text, reply_markup=markup)


async def legacy_publish(
    query: CallbackQuery, callback_data: PublishCb, desk: DeskService, officer: Officer, settings: Settings
) -> None:
    """A [Phát hành] button from before the desk: open the preview instead of publishing blind."""
    await query.answer()
    if isinstance(query.message, Message):
        await _unbutton(query.message)
        try:
            await _show(query.message, desk, officer, callback_data.directive_id, settings)
        except DeskError as exc:
            await query.message.answer(exc.message)


async def button(
    query: CallbackQuery,
    callback_data: DeskCb,
    desk: DeskService,
    officer: Officer,
    settings: Settings,
    worker: Waker,
    state: FSMContext,
) -> None:
    message = query.message
    if not isinstance(message, Message):
        await query.answer(texts.BAD_BUTTON, show_alert=True)
        return
    did, act = callback_data.directive_id, callback_data.act
    try:
        card = await desk.card(officer, did)
    except DeskError:
        await query.answer(texts.DESK_NOT_FOUND, show_alert=True)
        return
    await query.answer()
    d = card.directive
    try:
        if act == "v":
            await _show(message, desk, officer, did, settings)
        elif act in PROMPTS:
            field, prompt = PROMPTS[act]
            if d.status == DirectiveStatus.CLOSED:
                raise DeskError(texts.DESK_CLOSED.format(number=number_text(d.number)))
            if field in DRAFT_ONLY and d.status != DirectiveStatus.DRAFT:
                raise DeskError(texts.DESK_NOT_DRAFT.format(number=number_text(d.number)))
            await state.set_state(DeskDialog.reply)
            await state.update_data({KEY: {"id": did, "field": field, "ordinal": 0}})
            await message.answer(
                prompt + texts.DESK_ASK_FOOTER, reply_markup=prompt_keyboard(did, everyone=act == "r")
            )
        elif act == "ra":
            await _forget(state)
            await _apply(message, desk, officer, settings, did, await desk.all_targets(officer, did), state)
        elif act == "t":
            text, markup = topics_menu(d)
            await message.answer(text, reply_markup=markup)
        elif act == "go":
            if _is_preview(message):
                await _unbutton(message)
            await _publish(message, desk, officer, worker, did)
        elif act == "un":
            await _apply(message, desk, officer, settings, did, desk.unschedule(), state)
        elif act == "l":
            await _unbutton(message)
            await message.answer(texts.DESK_SAVED.format(number=number_text(d.number)))
        elif act == "x":
            if d.status != DirectiveStatus.PUBLISHED:
                closed = d.status == DirectiveStatus.CLOSED
                raise DeskError(
                    (texts.DESK_CLOSED if closed else texts.DESK_NOT_PUBLISHED).format(
                        number=number_text(d.number)
                    )
                )
            ask = texts.DESK_RECALL_ASK.format(
                number=number_text(d.number), units=card.pending + card.done, pending=card.pending
            )
            await message.answer(ask, reply_markup=confirm_keyboard(did, "xy", texts.BUTTON_RECALL_CONFIRM))
        elif act == "xy":
            await _unbutton(message)
            r = await desk.recall(officer, did)
            worker.wake()
            await message.answer(
                texts.DESK_RECALLED.format(
                    number=number_text(r.number),
                    officers=r.officers,
                    units=r.units,
                    pending=r.pending,
                    done=r.done,
                )
            )
        elif act == "ok":
            data = (await state.get_data()).get(KEY) or {}
            await _unbutton(message)
            if data.get("id") != did or "change" not in data:
                raise DeskError(texts.DESK_EXPIRED)
            await _forget(state)
            await _apply(
                message, desk, officer, settings, did, Change.of(data["change"]), state, confirmed=True
            )
        elif act == "no":
            await _forget(state)
            await _unbutton(message)
            await message.answer(texts.DESK_CANCELLED)
    except DeskError as exc:
        await message.answer(exc.message)


async def topic_button(
    query: CallbackQuery,
    callback_data: TopicCb,
    desk: DeskService,
    officer: Officer,
    settings: Settings,
    state: FSMContext,
) -> None:
    message = query.message
    if not isinstance(message, Message):
        await query.answer(texts.BAD_BUTTON, show_alert=True)
        return
    did, ordinal = callback_data.directive_id, callback_data.ordinal
    await query.answer()
    try:
        card = await desk.card(officer, did)
        if card.directive.status == DirectiveStatus.CLOSED:
            raise DeskError(texts.DESK_CLOSED.format(number=number_text(card.directive.number)))
        if callback_data.act == "x":
            await _apply(
                message, desk, officer, settings, did, await desk.drop_topic(officer, did, ordinal), state
            )
            return
        if callback_data.act == "e":
            topic = next((t for t in card.directive.topics if t.ordinal == ordinal), None)
            if topic is None:
                raise DeskError(texts.DESK_EXPIRED)
            field: Field = "topic"
            prompt = texts.DESK_ASK_TOPIC_RENAME.format(n=ordinal, title=escape(topic.title[:300]))
        else:
            field, prompt = "topic_add", texts.DESK_ASK_TOPIC_ADD
        await state.set_state(DeskDialog.reply)
        await state.update_data({KEY: {"id": did, "field": field, "ordinal": ordinal}})
        await message.answer(prompt + texts.DESK_ASK_FOOTER, reply_markup=prompt_keyboard(did))
    except DeskError as exc:
        await message.answer(exc.message)


async def reply(
    message: Message, desk: DeskService, officer: Officer, settings: Settings, state: FSMContext
) -> None:
    """The new value of the field asked for."""
    data = (await state.get_data()).get(KEY) or {}
    if not data.get("id") or not data.get("field"):
        await _forget(state)
        await message.answer(texts.DESK_EXPIRED)
        return
    try:
        change = await desk.read_change(
            officer, data["id"], data["field"], message.text or "", data.get("ordinal", 0)
        )
    except DeskError as exc:
        if exc.message in (texts.DESK_EXPIRED, texts.DESK_NOT_FOUND):
            await _forget(state)
            await message.answer(exc.message)
        else:  # still waiting for a value
            await message.answer(
                exc.message + texts.DESK_ASK_FOOTER, reply_markup=prompt_keyboard(data["id"])
            )
        return
    await _forget(state)
    try:
        await _apply(message, desk, officer, settings, data["id"], change, state)
    except DeskError as exc:
        await message.answer(exc.message)


async def cancel(message: Message, state: FSMContext) -> None:
    await _forget(state)
    await message.answer(texts.DESK_CANCELLED)


async def _apply(
    message: Message,
    desk: DeskService,
    officer: Officer,
    settings: Settings,
    did: int,
    change: Change,
    state: FSMContext,
    *,
    confirmed: bool = False,
) -> None:
    """A draft is changed at once and previewed again; a published directive's change is a correction,
    sent to the officers after the admin confirms it."""
    card = await desk.card(officer, did)
    d = card.directive
    if d.status == DirectiveStatus.PUBLISHED and change.field in DRAFT_ONLY:
        raise DeskError(texts.DESK_NOT_DRAFT.format(number=number_text(d.number)))
    if d.status == DirectiveStatus.PUBLISHED and not confirmed:
        await state.set_state(DeskDialog.confirm)
        await state.update_data({KEY: {"id": did, "change": change.as_dict()}})
        ask = texts.DESK_CORRECT_ASK.format(
            number=number_text(d.number), change=change.text, units=card.pending + card.done
        )
        await message.answer(ask, reply_markup=confirm_keyboard(did, "ok", texts.BUTTON_CORRECT_SEND))
        return
    applied = await desk.apply(officer, did, change)
    if applied.corrected:
        await message.answer(
            texts.DESK_CORRECTED.format(
                number=number_text(d.number),
                version=applied.directive.version,
                change=change.text,
                officers=applied.officers,
                units=applied.units,
            )
        )
    elif change.field == "schedule" and change.value:
        when = fmt_when(datetime.fromisoformat(change.value), settings.tz)
        await message.answer(
            texts.DESK_SCHEDULED.format(number=number_text(d.number), time=when, units=len(card.targets))
        )
    else:
        await message.answer(texts.DESK_CHANGED.format(change=change.text))
    if change.field in ("topic", "topic_add", "topic_drop"):
        text, markup = topics_menu((await desk.card(officer, did)).directive)
        await message.answer(text, reply_markup=markup)
    else:
        await _show(message, desk, officer, did, settings)


def _is_preview(message: Message) -> bool:
    """A preview has one "publish" button (the list of drafts has one per draft)."""
    rows = message.reply_markup.inline_keyboard if message.reply_markup else []
    return sum(1 for row in rows for b in row if (b.callback_data or "").endswith(":go")) == 1


async def _publish(message: Message, desk: DeskService, officer: Officer, worker: Waker, did: int) -> None:
    result = await desk.publish(officer, did)
    worker.wake()
    number = number_text(result.directive.number)
    sent = await message.answer(
        texts.ADMIN_PUBLISH_STARTED.format(number=number, units=result.units, queued=result.queued)
    )
    await desk.watch(officer.chat_id, sent.message_id, did, number)


# ---- officers and a recalled directive


class HasText(Filter):
    async def __call__(self, event: TelegramObject) -> bool:
        return isinstance(event, Message) and bool(event.text)


class OnRecalledAssignment(Filter):
    """A ✅ button of an assignment whose directive was recalled."""

    async def __call__(
        self, event: TelegramObject, desk: DeskService, callback_data: Any = None, **_: Any
    ) -> bool:
        return isinstance(callback_data, ReportCb) and await desk.closed_assignment(
            callback_data.assignment_id
        )


class RepliesToRecalledPush(Filter):
    """A reply to the push (or a reminder) of a directive since recalled."""

    async def __call__(self, event: TelegramObject, desk: DeskService, **_: Any) -> bool:
        replied = event.reply_to_message if isinstance(event, Message) else None
        return replied is not None and await desk.recalled_push(replied.chat.id, replied.message_id)


async def recalled_button(query: CallbackQuery) -> None:
    await query.answer(texts.RECALLED_REPORT, show_alert=True)


async def recalled_reply(message: Message) -> None:
    await message.answer(texts.RECALLED_REPORT)


def router() -> Router:
    r = Router(name="desk")
    admin = IsAdmin()
    r.message.register(cancel, admin, StateFilter(DeskDialog.reply, DeskDialog.confirm), Command("huy"))
    r.message.register(reply, admin, StateFilter(DeskDialog.reply), HasText(), ~IsCommand())
    r.message.register(upload, admin, HasDocument())
    r.message.register(drafts, admin, Command("banthao"))
    r.callback_query.register(button, admin, DeskCb.filter())
    r.callback_query.register(topic_button, admin, TopicCb.filter())
    r.callback_query.register(legacy_publish, admin, PublishCb.filter())
    r.callback_query.register(recalled_button, ReportCb.filter(), OnRecalledAssignment())
    r.message.register(recalled_reply, IsReplyToBot(), IntentIs("report_done"), RepliesToRecalledPush())
    return r
