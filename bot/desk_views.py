"""The publishing desk's messages: the preview (the officers' card, what was read, the status) with its edit
buttons, the topics menu, prompts and confirmations, and the list of drafts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.callbacks import DeskAct, DeskCb, TopicCb
from bot.db.models import Directive, DirectiveStatus
from bot.db.rows import Item
from bot.services.desk import Card
from bot.services.desk_input import fmt_when, short
from bot.views import fit, fmt_date, fmt_partial, names_list, number_text, push_card

__all__ = [
    "confirm_keyboard",
    "desk_list",
    "open_keyboard",
    "preview",
    "prompt_keyboard",
    "topics_menu",
]

MAX_TOPICS_LISTED = 15


def _button(text: str, directive_id: int, act: DeskAct) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=DeskCb(directive_id=directive_id, act=act).pack())


def _item(d: Directive, unit_id: int) -> Item:
    """The directive as an officer's list item, before any assignment exists."""
    return Item(
        assignment_id=0,
        directive_id=d.id,
        unit_id=unit_id,
        status="pending",
        due=d.report_due,
        number=d.number,
        subject=d.subject,
        topic_titles=list(d.topic_titles or []),
        broadcast_from=d.broadcast_from,
        broadcast_to=d.broadcast_to,
    )


def _fields(card: Card) -> list[str]:
    d = card.directive
    period = (
        f"{fmt_date(d.broadcast_from)} – {fmt_date(d.broadcast_to)}"
        if d.broadcast_from or d.broadcast_to
        else texts.DESK_NOT_SET
    )
    lines = [
        texts.DESK_PARSED,
        texts.DESK_FIELD_NUMBER.format(value=number_text(d.number)),
        texts.DESK_FIELD_ISSUED.format(value=fmt_partial(d.issued_on)),
        texts.DESK_FIELD_SUBJECT.format(value=escape(short(d.subject or "", 300))),
        texts.DESK_FIELD_PERIOD.format(value=period),
        texts.DESK_FIELD_DUE.format(value=fmt_date(d.report_due) if d.report_due else texts.DESK_NOT_SET),
        texts.DESK_FIELD_TOPICS.format(n=len(d.topics)),
    ]
    for t in d.topics[:MAX_TOPICS_LISTED]:
        lines.append(texts.DESK_FIELD_TOPIC.format(ordinal=t.ordinal, title=escape(short(t.title, 100))))
    if len(d.topics) > MAX_TOPICS_LISTED:
        lines.append(texts.ITEM_MORE_TOPICS.format(n=len(d.topics) - MAX_TOPICS_LISTED))
    scope_names = {u.name for u in card.scope}
    if d.recipients and not set(d.recipients) <= scope_names:  # the "Kính gửi" read from the document
        lines.append(texts.DESK_FIELD_RECIPIENTS.format(value=escape(short("; ".join(d.recipients), 200))))
    if d.status == DirectiveStatus.DRAFT:
        if card.everyone and len(card.scope) > 1:
            lines.append(texts.DESK_FIELD_TARGETS_ALL.format(n=len(card.scope)))
        else:
            names = names_list([u.name for u in card.targets])
            lines.append(texts.DESK_FIELD_TARGETS.format(n=len(card.targets), names=names))
    lines.append(texts.DESK_FIELD_SOURCE.format(value=escape(d.source_name)))
    return lines


def _status(card: Card, tz: ZoneInfo) -> str:
    d = card.directive
    if d.status == DirectiveStatus.CLOSED:
        return texts.DESK_STATUS_CLOSED.format(time=fmt_when(d.recalled_at, tz) if d.recalled_at else "")
    if d.status == DirectiveStatus.PUBLISHED:
        return texts.DESK_STATUS_PUBLISHED.format(units=card.pending + card.done, done=card.done)
    if d.scheduled_at is not None:
        return texts.DESK_STATUS_SCHEDULED.format(time=fmt_when(d.scheduled_at, tz))
    return texts.DESK_STATUS_DRAFT


def preview(card: Card, tz: ZoneInfo, today: date) -> tuple[str, InlineKeyboardMarkup | None]:
    """Exactly the card an officer of the first target commune gets, what was read from the document, an
    OCR warning when it was read from a scan, and the status; with the buttons that apply."""
    d = card.directive
    unit = (card.targets or card.scope)[0] if (card.targets or card.scope) else None
    head = (
        texts.DESK_PREVIEW_HEAD
        if d.status == DirectiveStatus.DRAFT
        else texts.DESK_PREVIEW_HEAD_PUBLISHED.format(version=d.version)
    )
    shown = push_card(_item(d, unit.id if unit else 0), unit.name if unit else "", tz, today)
    parts = [f"{head}\n{texts.DESK_RULE}\n{shown}\n{texts.DESK_RULE}"]
    if d.ocr:
        parts.append(texts.DESK_OCR_WARNING)
    parts += ["\n".join(_fields(card)), _status(card, tz)]
    return fit("\n\n".join(parts)), _keyboard(card)


def _keyboard(card: Card) -> InlineKeyboardMarkup | None:
    d = card.directive
    if d.status == DirectiveStatus.CLOSED:
        return None
    rows = [
        [
            _button(texts.BUTTON_DESK_NUMBER, d.id, "n"),
            _button(texts.BUTTON_DESK_SUBJECT, d.id, "s"),
            _button(texts.BUTTON_DESK_TOPICS, d.id, "t"),
        ],
        [_button(texts.BUTTON_DESK_PERIOD, d.id, "p"), _button(texts.BUTTON_DESK_DUE, d.id, "d")],
    ]
    if d.status == DirectiveStatus.PUBLISHED:
        rows.append([_button(texts.BUTTON_DESK_RECALL, d.id, "x")])
        return InlineKeyboardMarkup(inline_keyboard=rows)
    if len(card.scope) > 1:
        rows[1].append(_button(texts.BUTTON_DESK_TARGETS, d.id, "r"))
    rows.append([_button(texts.BUTTON_DESK_PUBLISH.format(n=len(card.targets)), d.id, "go")])
    schedule = (
        _button(texts.BUTTON_DESK_UNSCHEDULE, d.id, "un")
        if d.scheduled_at is not None
        else _button(texts.BUTTON_DESK_SCHEDULE, d.id, "at")
    )
    rows.append([schedule, _button(texts.BUTTON_DESK_LATER, d.id, "l")])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def topics_menu(d: Directive) -> tuple[str, InlineKeyboardMarkup]:
    """The topics with a rename and a drop button each, and "add"."""
    items = (
        "\n".join(f"{t.ordinal}. {escape(short(t.title, 150))}" for t in d.topics) or texts.DESK_TOPICS_NONE
    )
    text = fit(texts.DESK_TOPICS_MENU.format(number=number_text(d.number), items=items))
    rows: list[list[InlineKeyboardButton]] = []
    for t in d.topics[:40]:
        pair = [
            InlineKeyboardButton(
                text=texts.BUTTON_TOPIC_RENAME.format(n=t.ordinal),
                callback_data=TopicCb(directive_id=d.id, ordinal=t.ordinal, act="e").pack(),
            ),
            InlineKeyboardButton(
                text=texts.BUTTON_TOPIC_DROP.format(n=t.ordinal),
                callback_data=TopicCb(directive_id=d.id, ordinal=t.ordinal, act="x").pack(),
            ),
        ]
        if rows and len(rows[-1]) < 4:
            rows[-1].extend(pair)
        else:
            rows.append(pair)
    add = InlineKeyboardButton(
        text=texts.BUTTON_TOPIC_ADD, callback_data=TopicCb(directive_id=d.id, ordinal=0, act="a").pack()
    )
    rows.append([add, _button(texts.BUTTON_DESK_BACK, d.id, "v")])
    return text, InlineKeyboardMarkup(inline_keyboard=rows)


def prompt_keyboard(directive_id: int, *, everyone: bool = False) -> InlineKeyboardMarkup:
    """Under a question waiting for a reply: "all communes" (for recipients) and "never mind"."""
    row = [_button(texts.BUTTON_DESK_CANCEL, directive_id, "no")]
    if everyone:
        row.insert(0, _button(texts.BUTTON_TARGETS_ALL, directive_id, "ra"))
    return InlineKeyboardMarkup(inline_keyboard=[row])


def confirm_keyboard(directive_id: int, act: DeskAct, label: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_button(label, directive_id, act), _button(texts.BUTTON_DESK_CANCEL, directive_id, "no")]
        ]
    )


def open_keyboard(directive_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[_button(texts.BUTTON_DESK_OPEN, directive_id, "v")]])


def desk_list(
    drafts: Sequence[Directive], recent: Sequence[Directive], tz: ZoneInfo
) -> tuple[str, InlineKeyboardMarkup | None]:
    """/banthao: the drafts (open, publish), then the recently published (open to correct or recall),
    numbered on; no internal ids shown."""
    lines = [texts.DESK_DRAFTS_HEADER.format(n=len(drafts)) if drafts else texts.DESK_DRAFTS_NONE]
    rows: list[list[InlineKeyboardButton]] = []
    for n, d in enumerate(drafts, start=1):
        lines.append(
            texts.DESK_DRAFT_ITEM.format(
                n=n, number=number_text(d.number), subject=escape(short(d.subject or "", 90))
            )
        )
        if d.scheduled_at is not None:
            lines.append(texts.DESK_DRAFT_SCHEDULED.format(time=fmt_when(d.scheduled_at, tz)))
        if d.ocr:
            lines.append(texts.DESK_DRAFT_OCR)
        rows.append(
            [
                _button(texts.BUTTON_DESK_OPEN_N.format(n=n), d.id, "v"),
                _button(texts.BUTTON_DESK_PUBLISH_N.format(n=n), d.id, "go"),
            ]
        )
    if recent:
        lines += ["", texts.DESK_RECENT_HEADER]
        buttons = []
        for n, d in enumerate(recent, start=len(drafts) + 1):
            lines.append(
                texts.DESK_DRAFT_ITEM.format(
                    n=n, number=number_text(d.number), subject=escape(short(d.subject or "", 90))
                )
            )
            buttons.append(_button(texts.BUTTON_DESK_OPEN_N.format(n=n), d.id, "v"))
        rows += [buttons[i : i + 5] for i in range(0, len(buttons), 5)]
    return fit("\n".join(lines)), InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
