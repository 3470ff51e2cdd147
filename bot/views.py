"""Rendering messages: escaped HTML text plus inline keyboards, split under Telegram's 4096 characters (the
small pieces — dates, numbers, cutting and splitting — in `bot.views_text`, re-exported here)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot import texts
from bot.callbacks import DetailCb, PageCb, PageView, RadioCb, RemindCb, ReportCb
from bot.db.models import Directive
from bot.services.assignments import PAGE_SIZE, Item, Reminded, WeekView
from bot.services.labels import (  # also for the CLI, without aiogram
    day_label,
    parse_day,
    role_label,
    time_label,
)
from bot.services.radio import RadioScript, format_duration
from bot.services.search import SearchResult
from bot.views_text import (
    MAX_MESSAGE,
    fit,
    fmt_date,
    fmt_partial,
    fmt_time,
    names_list,
    number_text,
    period_text,
    short,
    split_message,
)

__all__ = [
    "MAX_MESSAGE",
    "bulletin_keyboard",
    "bulletin_pages",
    "day_label",
    "detail_pages",
    "fit",
    "fmt_date",
    "fmt_partial",
    "fmt_time",
    "item_text",
    "names_list",
    "number_text",
    "page_nav",
    "parse_day",
    "pending_message",
    "push_card",
    "push_keyboard",
    "remind_keyboard",
    "reminded_text",
    "reminder_keyboard",
    "role_label",
    "search_message",
    "short",
    "split_message",
    "time_label",
    "week_message",
    "weekly_digest",
]

MAX_TOPICS_SHOWN = 4


def item_text(item: Item, tz: ZoneInfo, today: date, *, topics: bool = True) -> str:
    lines = [
        texts.ITEM.format(
            icon=texts.STATUS_DONE if item.done else texts.STATUS_PENDING,
            number=number_text(item.number),
            subject=escape(short(item.subject or "")),
        )
    ]
    if topics:
        titles = item.topic_titles
        for title in titles[:MAX_TOPICS_SHOWN]:
            lines.append(texts.ITEM_TOPIC.format(title=escape(short(title, 110))))
        if len(titles) > MAX_TOPICS_SHOWN:
            lines.append(texts.ITEM_MORE_TOPICS.format(n=len(titles) - MAX_TOPICS_SHOWN))
    period = period_text(item.broadcast_from, item.broadcast_to)
    if period:
        lines.append(texts.ITEM_PERIOD.format(period=period))
    if item.done and item.reported_at is not None:
        lines.append(
            texts.ITEM_DONE_BY.format(name=escape(item.reporter or ""), time=fmt_time(item.reported_at, tz))
        )
    elif item.due:
        template = texts.ITEM_OVERDUE if item.due < today else texts.ITEM_DUE
        lines.append(template.format(due=fmt_date(item.due)))
    return "\n".join(lines)


def page_nav(view: PageView, page: int, more: bool) -> list[InlineKeyboardButton]:
    """◀ / ▶ buttons for a paged list."""
    return _nav_row(view, page, more)


def _nav_row(view: PageView, page: int, more: bool) -> list[InlineKeyboardButton]:
    row = []
    if page > 0:
        row.append(
            InlineKeyboardButton(
                text=texts.BUTTON_PREV, callback_data=PageCb(view=view, page=page - 1).pack()
            )
        )
    if more:
        row.append(
            InlineKeyboardButton(
                text=texts.BUTTON_NEXT, callback_data=PageCb(view=view, page=page + 1).pack()
            )
        )
    return row


def _items_keyboard(
    items: Sequence[Item], first: int = 1, nav: list[InlineKeyboardButton] | None = None
) -> InlineKeyboardMarkup | None:
    if not items:
        return None
    rows = []
    for n, item in enumerate(items, start=first):
        row = [
            InlineKeyboardButton(
                text=texts.BUTTON_FULL_N.format(n=n),
                callback_data=DetailCb(directive_id=item.directive_id).pack(),
            )
        ]
        if not item.done:
            row.append(
                InlineKeyboardButton(
                    text=texts.BUTTON_DONE_N.format(n=n),
                    callback_data=ReportCb(assignment_id=item.assignment_id).pack(),
                )
            )
        rows.append(row)
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _page_note(page: int) -> str:
    return "\n\n" + texts.PAGE_NOTE.format(page=page + 1) if page else ""


def _listing(head: str, items: Sequence[Item], tz: ZoneInfo, today: date, first: int, tail: str = "") -> str:
    """The header, the numbered items and `tail`; topic titles are left out if they would not fit one message."""
    for topics in (True, False):
        body = "\n\n".join(
            f"{n}. {item_text(item, tz, today, topics=topics)}" for n, item in enumerate(items, start=first)
        )
        text = f"{head}\n\n{body}{tail}"
        if len(text) <= MAX_MESSAGE:
            break
    return text


WEEK_VIEWS: dict[int, PageView] = {0: "w", 1: "n", -1: "l"}  # PageCb.view of this, next and last week's list
_WEEK_HEADERS = {0: texts.WEEK_HEADER, 1: texts.WEEK_HEADER_NEXT, -1: texts.WEEK_HEADER_LAST}


def week_message(
    view: WeekView, unit: str, tz: ZoneInfo, today: date, offset: int = 0
) -> tuple[str, InlineKeyboardMarkup | None]:
    """'Tuần này phát gì' (or next/last week): a page of the week's items with buttons; or the nearest
    upcoming / most recent one."""
    head = _WEEK_HEADERS.get(offset, texts.WEEK_HEADER).format(
        start=view.start.strftime("%d/%m"), end=view.end.strftime("%d/%m"), unit=escape(unit)
    )
    if view.current:
        first = view.page * PAGE_SIZE + 1
        text = _listing(head, view.current, tz, today, first, _page_note(view.page))
        nav = _nav_row(WEEK_VIEWS.get(offset, "w"), view.page, view.more)
        return text, _items_keyboard(view.current, first, nav)
    other, label = (view.upcoming, texts.WEEK_UPCOMING) if view.upcoming else (view.recent, texts.WEEK_RECENT)
    none = texts.WEEK_NONE.format(unit=escape(unit))
    if other is None:
        return texts.WEEK_NOTHING_AT_ALL.format(unit=escape(unit)), None
    return f"{none}\n\n{label}\n1. {item_text(other, tz, today)}", _items_keyboard([other])


def _page_of(items: Sequence[Item], page: int) -> tuple[int, Sequence[Item], bool]:
    """The page (clamped to the last one), its items, and whether a next page exists."""
    page = max(0, min(page, (len(items) - 1) // PAGE_SIZE))
    return page, items[page * PAGE_SIZE : (page + 1) * PAGE_SIZE], len(items) > (page + 1) * PAGE_SIZE


def weekly_digest(view: WeekView, unit: str, tz: ZoneInfo, today: date) -> str:
    """The Monday push: the first page of this week's items, and a pointer to /tuannay when there is more."""
    head = texts.PUSH_WEEKLY.format(
        start=view.start.strftime("%d/%m"), end=view.end.strftime("%d/%m"), unit=escape(unit)
    )
    return _listing(head, view.current, tz, today, 1, texts.PUSH_WEEKLY_MORE if view.more else "")


def pending_message(
    items: Sequence[Item], unit: str, tz: ZoneInfo, today: date, page: int = 0
) -> tuple[str, InlineKeyboardMarkup | None]:
    """'Còn gì chưa làm': a page of the pending items, with buttons."""
    if not items:
        return texts.PENDING_NONE.format(unit=escape(unit)), None
    page, shown, more = _page_of(items, page)
    head = texts.PENDING_HEADER.format(unit=escape(unit))
    first = page * PAGE_SIZE + 1
    text = _listing(head, shown, tz, today, first, _page_note(page))
    return text, _items_keyboard(shown, first, _nav_row("p", page, more))


def push_card(item: Item, unit: str, tz: ZoneInfo, today: date) -> str:
    """The text of a pushed directive as an officer of `unit` receives it (the desk's preview shows the same)."""
    return texts.PUSH_DIRECTIVE.format(unit=escape(unit), item=item_text(item, tz, today))


def push_keyboard(directive_id: int, assignment_id: int) -> InlineKeyboardMarkup:
    """The buttons under every pushed directive: ✅, then its full text and the bản tin to read on air."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=texts.BUTTON_DONE, callback_data=ReportCb(assignment_id=assignment_id).pack()
                )
            ],
            [
                InlineKeyboardButton(
                    text=texts.BUTTON_FULL, callback_data=DetailCb(directive_id=directive_id).pack()
                ),
                InlineKeyboardButton(
                    text=texts.BUTTON_BULLETIN, callback_data=RadioCb(directive_id=directive_id).pack()
                ),
            ],
        ]
    )


def reminder_keyboard(items: Sequence[Item]) -> InlineKeyboardMarkup:
    """Under a reminder: ✅ for each pending directive (numbered as in the text) and its full text."""
    if len(items) == 1:
        return push_keyboard(items[0].directive_id, items[0].assignment_id)
    keyboard = _items_keyboard(items)
    assert keyboard is not None
    return keyboard


def remind_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=texts.BUTTON_REMIND_AFTERNOON, callback_data=RemindCb(when="pm").pack()
                ),
                InlineKeyboardButton(
                    text=texts.BUTTON_REMIND_TOMORROW, callback_data=RemindCb(when="am").pack()
                ),
            ]
        ]
    )


def detail_pages(d: Directive, due: date | None) -> tuple[list[str], InlineKeyboardMarkup | None]:
    """The structured directive, split at paragraph boundaries; buttons for each topic's radio text."""
    head = texts.DETAIL_HEADER.format(
        number=number_text(d.number),
        issuer=escape(d.issuer or texts.UNKNOWN),
        date=fmt_partial(d.issued_on),
        subject=escape(d.subject or ""),
    )
    extra = []
    period = period_text(d.broadcast_from, d.broadcast_to)
    if period:
        extra.append(texts.DETAIL_PERIOD.format(period=period))
    if due or d.report_due:
        extra.append(texts.DETAIL_DUE.format(due=fmt_date(due or d.report_due)))
    paragraphs = [head + ("\n" + "\n".join(extra) if extra else ""), texts.DETAIL_TOPICS]
    for t in d.topics:
        body = t.body if t.body.strip() != t.title.strip() else ""
        paragraphs.append(
            texts.DETAIL_TOPIC.format(ordinal=t.ordinal, title=escape(t.title), body=escape(body)).rstrip()
        )
    if d.signer:
        paragraphs.append(texts.DETAIL_SIGNER.format(signer=escape(d.signer)))
    return split_message(paragraphs), bulletin_keyboard(d.id) if d.topics else None


def bulletin_keyboard(directive_id: int, *, text: bool = True) -> InlineKeyboardMarkup:
    """The bản tin buttons: read it here, or get it as a .docx to print."""
    row = []
    if text:
        row.append(
            InlineKeyboardButton(
                text=texts.BUTTON_BULLETIN, callback_data=RadioCb(directive_id=directive_id).pack()
            )
        )
    row.append(
        InlineKeyboardButton(
            text=texts.BUTTON_BULLETIN_DOCX,
            callback_data=RadioCb(directive_id=directive_id, docx=True).pack(),
        )
    )
    return InlineKeyboardMarkup(inline_keyboard=[row])


def bulletin_pages(script: RadioScript, directive_id: int) -> tuple[list[str], InlineKeyboardMarkup]:
    """The bản tin to read on air (the short version when the full one is past five minutes), with the
    full version after it when there is one, and a button for the printable .docx."""
    head = texts.BULLETIN_HEADER.format(
        title=escape(script.title), duration=format_duration(script.on_air_seconds)
    )
    paragraphs = [head, *(escape(p) for p in script.on_air_text.split("\n\n"))]
    if script.short_text:
        paragraphs.append(texts.BULLETIN_FULL.format(duration=format_duration(script.seconds)))
        paragraphs.extend(escape(p) for p in script.text.split("\n\n"))
    return split_message(paragraphs), bulletin_keyboard(directive_id, text=False)


def search_message(query: str, results: Sequence[SearchResult]) -> tuple[str, InlineKeyboardMarkup | None]:
    if not results:
        return texts.SEARCH_NONE.format(query=escape(short(query, 80))), None
    lines = [texts.SEARCH_HEADER.format(query=escape(short(query, 80)))]
    kb = InlineKeyboardBuilder()
    for n, r in enumerate(results, start=1):
        lines.append(
            texts.SEARCH_ITEM.format(
                n=n,
                number=number_text(r.number),
                subject=escape(short(r.subject or "", 140)),
            )
        )
        if r.topic:
            lines.append(texts.SEARCH_ITEM_TOPIC.format(topic=escape(short(r.topic, 100))))
        kb.button(
            text=texts.BUTTON_FULL_N.format(n=n), callback_data=DetailCb(directive_id=r.directive_id).pack()
        )
    kb.adjust(5)
    return "\n".join(lines), kb.as_markup()


def reminded_text(reached: Reminded) -> str:
    """What the admin is told after /nhacnho: officers and communes reminded, and those nobody can be."""
    if not reached.officers and not reached.unreachable:
        return texts.ADMIN_REMINDED_NONE
    text = texts.ADMIN_REMINDED.format(officers=reached.officers, communes=reached.communes)
    if reached.unreachable:
        text += texts.ADMIN_REMINDED_UNREACHABLE.format(n=reached.unreachable)
    return text
