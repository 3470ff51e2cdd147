"""Rendering an outbox row into the message to send, at send time (so it is never stale)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.callbacks import ReportCb
from bot.db import repo
from bot.db.models import Assignment, AssignmentStatus, Delivery, Unit
from bot.delivery.outbox import Kind
from bot.services.assignments import Item, week_view
from bot.views import fmt_date, item_text, push_keyboard, reminder_keyboard, weekly_digest

__all__ = ["Outgoing", "render_batch"]


@dataclass(slots=True)
class Outgoing:
    text: str
    reply_markup: InlineKeyboardMarkup | None = None
    edit_message_id: int | None = None  # edit this message instead of sending a new one
    markup_json: str | None = None  # the keyboard already serialised (a push's, built per directive)

    def keyboard_json(self) -> str | None:
        if self.markup_json is not None:
            return self.markup_json
        return self.reply_markup.model_dump_json(exclude_none=True) if self.reply_markup else None


def _assignment_ids(row: Delivery) -> list[int]:
    payload = row.payload or {}
    ids = payload.get("assignment_ids")
    if ids is None and payload.get("assignment_id") is not None:
        ids = [payload["assignment_id"]]  # rows queued before reminders were grouped
    return [int(i) for i in ids or []]


async def render_batch(
    session: AsyncSession, rows: list[Delivery], now: datetime, tz: ZoneInfo
) -> dict[int, Outgoing | None]:
    """Render many rows at once: assignments and units are loaded in two queries for the whole batch."""
    wanted = [i for r in rows if r.kind in (Kind.DIRECTIVE, Kind.REMINDER) for i in _assignment_ids(r)]
    assignments = await repo.assignments_by_ids(session, wanted)
    units = await repo.units_by_ids(session, [a.unit_id for a in assignments.values()])
    out: dict[int, Outgoing | None] = {}
    items: dict[tuple[int, str, date | None], str] = {}  # a push's item reads the same for every commune
    keyboards: dict[int, str] = {}  # and its keyboard differs only by the assignment
    for row in rows:
        kind = Kind(row.kind) if row.kind in Kind._value2member_map_ else None
        if kind == Kind.DIRECTIVE:
            ids = _assignment_ids(row)
            a = assignments.get(ids[0]) if ids else None
            out[row.id] = _directive(a, units.get(a.unit_id) if a else None, now, tz, items, keyboards)
        elif kind == Kind.REMINDER:
            out[row.id] = _reminder(
                [assignments[i] for i in _assignment_ids(row) if i in assignments], now, tz
            )
        elif kind == Kind.WEEKLY:
            out[row.id] = await _weekly(session, row, now, tz)
        elif kind is not None:
            text = (row.payload or {}).get("text")
            out[row.id] = (
                Outgoing(text, edit_message_id=(row.payload or {}).get("edit_message_id")) if text else None
            )
        else:
            out[row.id] = None
    return out


def _directive(
    a: Assignment | None,
    unit: Unit | None,
    now: datetime,
    tz: ZoneInfo,
    items: dict[tuple[int, str, date | None], str],
    keyboards: dict[int, str],
) -> Outgoing | None:
    if a is None:
        return None
    key = (a.directive_id, a.status, a.due)
    item = items.get(key)
    if item is None:
        item = items[key] = item_text(Item.of(a), tz, now.astimezone(tz).date())
    text = texts.PUSH_DIRECTIVE.format(unit=escape(unit.name if unit else ""), item=item)
    keyboard = keyboards.get(a.directive_id)
    if keyboard is None:
        keyboard = keyboards[a.directive_id] = push_keyboard(a.directive_id, _ANY).model_dump_json(
            exclude_none=True
        )
    return Outgoing(text, markup_json=keyboard.replace(_ANY_DONE, _done_data(a.id)))


_ANY = 0  # the assignment in a directive's keyboard template (ids start at 1), replaced per commune
_ANY_DONE = f'"{ReportCb(assignment_id=_ANY).pack()}"'


def _done_data(assignment_id: int) -> str:
    return f'"{ReportCb(assignment_id=assignment_id).pack()}"'


def _reminder(assignments: list[Assignment], now: datetime, tz: ZoneInfo) -> Outgoing | None:
    """One reminder listing what is still pending, each with its real deadline."""
    today = now.astimezone(tz).date()
    pending = [a for a in assignments if a.status == AssignmentStatus.PENDING]
    if not pending:
        return None
    pending.sort(key=lambda a: (a.due is None, a.due or today, a.id))
    lines = []
    for n, a in enumerate(pending, start=1):
        lines.append(f"{n}. {item_text(Item.of(a), tz, today, topics=False)}")
    if len(pending) == 1:
        a = pending[0]
        if a.due is None:
            when = texts.PUSH_REMINDER_NO_DUE
        else:
            days = (a.due - today).days
            when = (
                texts.PUSH_REMINDER_TODAY
                if days == 0
                else texts.PUSH_REMINDER_OVERDUE.format(due=fmt_date(a.due))
                if days < 0
                else texts.PUSH_REMINDER_IN_DAYS.format(n=days, due=fmt_date(a.due))
            )
        text = texts.PUSH_REMINDER.format(item=item_text(Item.of(a), tz, today), when=when)
    else:
        text = texts.PUSH_REMINDER_MANY.format(n=len(pending), items="\n\n".join(lines))
    return Outgoing(text, reminder_keyboard([Item.of(a) for a in pending]))


async def _weekly(session: AsyncSession, row: Delivery, now: datetime, tz: ZoneInfo) -> Outgoing | None:
    unit = await repo.get_unit(session, int((row.payload or {}).get("unit_id", 0)))
    if unit is None:
        return None
    view = await week_view(session, unit.id, now, tz)
    if not view.current:
        return None
    return Outgoing(weekly_digest(view, unit.name, tz, now.astimezone(tz).date()))
