"""The words of report-back, shared by the report service and the handlers: its refusals, a piece of
evidence, what happened to each step, what an undo would take back, and when "remind me" falls."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.db.models import Report
from bot.db.rows import Item

__all__ = [
    "Applied",
    "AssignmentNotFound",
    "Evidence",
    "NoUnit",
    "NotYourUnit",
    "Outcome",
    "UndoTarget",
    "remind_at",
]


class NotYourUnit(PermissionError):
    """The assignment belongs to another commune."""


class AssignmentNotFound(LookupError):
    """No such assignment (or its directive is no longer published)."""


class NoUnit(LookupError):
    """The account is not bound to a commune."""


@dataclass(slots=True)
class Evidence:
    file_id: str
    kind: str  # photo / voice / audio / video / document
    file_name: str | None = None


@dataclass(slots=True)
class Outcome:
    """What happened to one step: recorded (its kind), "already" (done before, by `reporter`), "updated"
    (a count given to the report just made), "evidence" (evidence added) or "skipped"."""

    item: Item
    result: str
    count: int | None = None
    total: int = 0  # broadcasts counted so far for the assignment
    reason: str | None = None
    report_id: int | None = None


@dataclass(slots=True)
class Applied:
    outcomes: list[Outcome] = field(default_factory=list)
    batch: str = ""
    evidence: bool = False

    @property
    def recorded(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.report_id is not None]


@dataclass(slots=True)
class UndoTarget:
    """Standing reports the officer may undo (one message's, or those on the directive named)."""

    reports: list[Report]
    items: list[Item]


def remind_at(now: datetime, tz: ZoneInfo, when: str) -> datetime:
    """ "pm": this afternoon at 15:00 (or in two hours if that has passed); "am": tomorrow at 07:30."""
    local = now.astimezone(tz)
    if when == "pm":
        target = local.replace(hour=15, minute=0, second=0, microsecond=0)
        return target if target > local else local + timedelta(hours=2)
    return (local + timedelta(days=1)).replace(hour=7, minute=30, second=0, microsecond=0)
