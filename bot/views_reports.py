"""Rendering report-back: labels that tell directives apart, what was recorded (with undo buttons), the
"which one?" and "xác nhận?" questions, and undo."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.callbacks import ChoiceCb, ConfirmCb, UndoCb
from bot.db.models import Report
from bot.db.rows import Item
from bot.services.assignments import PAGE_SIZE
from bot.services.reporting import Step, StepKind
from bot.services.reports import Applied, UndoTarget
from bot.views import fmt_time, page_nav, short

__all__ = [
    "applied_message",
    "choice_keyboard",
    "confirm_keyboard",
    "confirm_text",
    "html_label",
    "item_label",
    "label_subject",
    "undo_ask",
    "undo_done",
]


def number_label(number: str | None) -> str:
    """A directive's number as people read it; one with a blank before the slash ("/STTTT-TTBCXB") gets
    "…" so that Telegram does not turn it into a tappable /command."""
    number = (number or "").strip()
    if not number:
        return ""
    return "…" + number if number.startswith("/") else number


_BOILERPLATE = re.compile(
    r"^(v/v\s+)?((triển khai|tiếp tục|đẩy mạnh)\s+)?(tuyên truyền|thực hiện)?\s*[:,;-]?\s*",
    re.IGNORECASE,
)


def label_subject(subject: str | None, limit: int = 60) -> str:
    """The telling part of a subject: "tuyên truyền: cải cách hành chính…" → "cải cách hành chính…"."""
    text = " ".join((subject or "").split())
    core = _BOILERPLATE.sub("", text, count=1) or text
    return short(core[:1].upper() + core[1:], limit)


def item_label(item: Item, limit: int = 60) -> str:
    """Number and short subject (plain text): enough to tell look-alike directives apart."""
    number = number_label(item.number)
    subject = label_subject(item.subject, limit)
    return f"{number} — {subject}" if number else subject or texts.NO_NUMBER


def html_label(item: Item) -> str:
    """The label in a message: the number in bold, then the telling part of the subject."""
    number = number_label(item.number)
    subject = escape(label_subject(item.subject))
    return f"<b>{escape(number)}</b> — {subject}" if number else subject or texts.NO_NUMBER


def applied_message(applied: Applied, unit: str, tz: ZoneInfo) -> tuple[str, InlineKeyboardMarkup | None]:
    """What was recorded, one line per directive, with an undo button for each report made."""
    ev = texts.REPORT_EVIDENCE if applied.evidence else ""
    lines, undo = [], []
    for o in applied.outcomes:
        label = html_label(o.item)
        count = texts.REPORT_COUNT.format(n=o.count) if o.count else ""
        if o.result == StepKind.DONE:
            lines.append(texts.REPORTED_DONE.format(label=label, count=count, evidence=ev))
        elif o.result == StepKind.MORE and o.count:
            lines.append(texts.REPORTED_MORE.format(label=label, count=count, total=o.total, evidence=ev))
        elif o.result == StepKind.MORE:
            lines.append(texts.REPORTED_MORE_NO_COUNT.format(label=label, evidence=ev))
        elif o.result == "updated":
            lines.append(texts.REPORTED_COUNT.format(label=label, n=o.count))
        elif o.result == StepKind.NOT_DONE:
            reason = escape(o.reason or "")
            template = texts.REPORTED_NOT_DONE if reason else texts.REPORTED_NOT_DONE_NO_REASON
            lines.append(template.format(label=label, reason=reason))
        elif o.result == "evidence":
            lines.append(texts.REPORTED_EVIDENCE.format(label=label))
        else:
            when = fmt_time(o.item.reported_at, tz) if o.item.reported_at else texts.UNKNOWN
            name = escape(o.item.reporter or texts.UNKNOWN)
            lines.append(texts.REPORTED_ALREADY.format(label=label, name=name, time=when))
        if o.report_id is not None:
            undo.append((len(lines), o.report_id))
    single = applied.outcomes[0] if len(applied.outcomes) == 1 else None
    if single is not None and single.result == StepKind.DONE:
        count = texts.REPORT_COUNT.format(n=single.count) if single.count else ""
        label = html_label(single.item)
        text = texts.REPORT_OK.format(unit=escape(unit), number=label, count=count, evidence=ev)
    else:
        text = "\n".join([texts.REPORTED_HEADER.format(unit=escape(unit)), *lines, texts.REPORTED_THANKS])
    return text, undo_keyboard(undo)


def undo_keyboard(reports: Sequence[tuple[int, int]]) -> InlineKeyboardMarkup | None:
    """One undo button per report (numbered as the lines), and one for all of them."""
    if not reports:
        return None
    if len(reports) == 1:
        return _markup([[(texts.BUTTON_UNDO, UndoCb(report_id=reports[0][1]).pack())]])
    row = [(texts.BUTTON_UNDO_N.format(n=n), UndoCb(report_id=rid).pack()) for n, rid in reports]
    rows = [row[i : i + 4] for i in range(0, len(row), 4)]
    rows.append([(texts.BUTTON_UNDO_ALL, UndoCb(report_id=reports[0][1], whole=True).pack())])
    return _markup(rows)


def _markup(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t, callback_data=d) for t, d in row] for row in rows]
    )


def choice_keyboard(
    items: Sequence[Item], page: int = 0, *, all_allowed: bool = True
) -> InlineKeyboardMarkup:
    """The "which one?" buttons: a page of the choices (number and short subject), paging, and "all"."""
    page = max(0, min(page, (len(items) - 1) // PAGE_SIZE)) if items else 0
    shown = items[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    rows = [
        [(f"{n}. {item_label(item, 40)}"[:64], ChoiceCb(assignment_id=item.assignment_id).pack())]
        for n, item in enumerate(shown, start=page * PAGE_SIZE + 1)
    ]
    markup = _markup(rows)
    nav = page_nav("c", page, len(items) > (page + 1) * PAGE_SIZE)
    if nav:
        markup.inline_keyboard.append(nav)
    if all_allowed and len(items) > 1:
        markup.inline_keyboard.append(
            [
                InlineKeyboardButton(
                    text=texts.BUTTON_ALL.format(n=len(items)), callback_data=ChoiceCb(assignment_id=0).pack()
                )
            ]
        )
    return markup


def confirm_text(steps: Sequence[Step], items: dict[int, Item], *, everything: bool, evidence: bool) -> str:
    lines = [
        texts.REPORT_CONFIRM_ITEM.format(
            label=html_label(items[s.assignment_id]),
            count=texts.REPORT_COUNT.format(n=s.count) if s.count else "",
        )
        for s in steps
        if s.assignment_id in items and s.kind != StepKind.NOT_DONE
    ]
    template = texts.REPORT_CONFIRM_ALL if everything else texts.REPORT_CONFIRM
    text = template.format(n=len(lines), items="\n".join(lines))
    return text + (texts.REPORT_CONFIRM_EVIDENCE if evidence else "")


def confirm_keyboard() -> InlineKeyboardMarkup:
    return _markup(
        [
            [
                (texts.BUTTON_CONFIRM, ConfirmCb(yes=True).pack()),
                (texts.BUTTON_NOT_CONFIRM, ConfirmCb(yes=False).pack()),
            ]
        ]
    )


def undo_ask(target: UndoTarget, tz: ZoneInfo) -> tuple[str, InlineKeyboardMarkup]:
    """The one-tap confirmation before undoing what "hủy báo cáo" names."""
    by_id = {i.assignment_id: i for i in target.items}
    lines = [
        texts.UNDO_ASK_ITEM.format(label=html_label(by_id[r.assignment_id]), when=_when(r, tz))
        for r in target.reports
        if r.assignment_id in by_id
    ]
    first = target.reports[0]
    whole = len(target.reports) > 1 and len({r.batch for r in target.reports}) == 1
    if len(target.reports) == 1 or whole:
        label = texts.BUTTON_UNDO_ALL if whole else texts.BUTTON_UNDO
        buttons = [[(label, UndoCb(report_id=first.id, whole=whole).pack())]]
    else:
        buttons = [
            [(texts.BUTTON_UNDO_N.format(n=n), UndoCb(report_id=r.id).pack())]
            for n, r in enumerate(target.reports, 1)
        ]
    buttons.append([(texts.BUTTON_KEEP, UndoCb(report_id=0).pack())])
    return texts.UNDO_ASK.format(items="\n".join(lines)), _markup(buttons)


def _when(report: Report, tz: ZoneInfo) -> str:
    return f" ({fmt_time(report.created_at, tz)})"


def undo_done(items: Sequence[Item]) -> str:
    lines = [
        texts.UNDO_DONE_ITEM.format(
            label=html_label(i), state=texts.UNDO_STATE_DONE if i.done else texts.UNDO_STATE_PENDING
        )
        for i in items
    ]
    return texts.UNDO_DONE.format(items="\n".join(lines))
