"""Rendering an outbox row into the message to send, at send time (so it is never stale)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db import repo
from bot.db.models import Assignment, Delivery, Unit
from bot.services.assignments import Item, week_view
from bot.views import fmt_date, item_text, push_keyboard, weekly_digest

__all__ = ["Outgoing", "render_batch"]


@dataclass(slots=True)
class Outgoing:
    text: str
    reply_markup: InlineKeyboardMarkup | None = None
    edit_message_id: int | None = None  # edit this message instead of sending a new one


async def render_batch(
    session: AsyncSession, rows: list[Delivery], now: datetime, tz: ZoneInfo
) -> dict[int, Outgoing | None]:
    """Render many rows at once: assignments and units are loaded in two queries for the whole batch."""
    pushes = [r for r in rows if r.kind in ("directive", "reminder")]
    assignments = await repo.assignments_by_ids(
        session, [int((r.payload or {}).get("assignment_id", 0)) for r in pushes]
    )
    units = await repo.units_by_ids(session, [a.unit_id for a in assignments.values()])
    out: dict[int, Outgoing | None] = {}
    for row in rows:
        if row.kind in ("directive", "reminder"):
            assignment = assignments.get(int((row.payload or {}).get("assignment_id", 0)))
            out[row.id] = _render_push(
                row, assignment, units.get(assignment.unit_id) if assignment else None, now, tz
            )
        else:
            out[row.id] = await _render_other(session, row, now, tz)
    return out


def _render_push(
    row: Delivery, assignment: Assignment | None, unit: Unit | None, now: datetime, tz: ZoneInfo
) -> Outgoing | None:
    if assignment is None or (row.kind == "reminder" and assignment.status == "done"):
        return None
    today = now.astimezone(tz).date()
    item = item_text(Item.of(assignment), tz, today)
    if row.kind == "directive":
        text = texts.PUSH_DIRECTIVE.format(unit=escape(unit.name if unit else ""), item=item)
    else:
        days = (assignment.due - today).days if assignment.due else 0
        when = (
            texts.PUSH_REMINDER_TODAY
            if days <= 0
            else texts.PUSH_REMINDER_IN_DAYS.format(n=days, due=fmt_date(assignment.due))
        )
        text = texts.PUSH_REMINDER.format(item=item, when=when)
    return Outgoing(text, push_keyboard(assignment.directive_id, assignment.id))


async def _render_other(session: AsyncSession, row: Delivery, now: datetime, tz: ZoneInfo) -> Outgoing | None:
    """Rows that are not pushes of an assignment: the weekly digest, and texts prepared when queued."""
    payload = row.payload or {}
    today = now.astimezone(tz).date()
    if row.kind == "weekly":
        unit = await repo.get_unit(session, int(payload["unit_id"]))
        if unit is None:
            return None
        view = await week_view(session, unit.id, now, tz)
        if not view.current:
            return None
        return Outgoing(weekly_digest(view, unit.name, tz, today))
    if row.kind in ("text", "admin_digest", "remind_self", "progress"):
        text = payload.get("text")
        if not text:
            return None
        return Outgoing(text, edit_message_id=payload.get("edit_message_id"))
    return None
