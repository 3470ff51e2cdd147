"""The typed outbox: every kind of message sent to many people, one constructor per kind.

A row is unique per (kind, ref, chat): queuing it twice — a restart, a second scheduler, the CLI and the
bot both publishing — sends it once. Rows carry ids, not text, where the message can be rendered at
send time (pushes, reminders, digests), so what goes out is never stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from bot.db.models import Assignment, Officer

__all__ = ["PUSH_KINDS", "Kind", "OutboxRow"]


class Kind(StrEnum):
    DIRECTIVE = "directive"  # a published directive pushed to one officer of a commune
    REMINDER = "reminder"  # a deadline is near: what the commune has pending
    WEEKLY = "weekly"  # Monday's digest of the week
    ADMIN_DIGEST = "admin_digest"  # the office's daily digest of what is due
    REMIND_SELF = "remind_self"  # "nhắc tôi chiều nay / sáng mai"
    TEXT = "text"  # a text prepared when queued
    CORRECTION = "correction"  # "đính chính" of a published directive
    RECALL = "recall"  # a published directive withdrawn


PUSH_KINDS = frozenset({Kind.DIRECTIVE, Kind.REMINDER})


@dataclass(frozen=True, slots=True)
class OutboxRow:
    """One message to queue; build it with the constructors below."""

    chat_id: int
    kind: Kind
    ref: str
    officer_id: int | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    not_before: datetime | None = None

    @classmethod
    def directive(cls, officer: Officer, assignment: Assignment) -> OutboxRow:
        """The push of a published directive to an officer of the assigned commune."""
        return cls(
            officer.chat_id,
            Kind.DIRECTIVE,
            str(assignment.directive_id),
            officer.id,
            {"directive_id": assignment.directive_id, "assignment_id": assignment.id},
        )

    @classmethod
    def reminder(cls, officer: Officer, ref: str, assignment_ids: list[int]) -> OutboxRow:
        """One reminder to an officer for the commune's pending assignments (rendered at send time)."""
        return cls(officer.chat_id, Kind.REMINDER, ref, officer.id, {"assignment_ids": assignment_ids})

    @classmethod
    def weekly(cls, officer: Officer, unit_id: int, week: str) -> OutboxRow:
        return cls(officer.chat_id, Kind.WEEKLY, week, officer.id, {"unit_id": unit_id})

    @classmethod
    def admin_digest(cls, admin: Officer, day: date, text: str) -> OutboxRow:
        return cls(admin.chat_id, Kind.ADMIN_DIGEST, day.isoformat(), admin.id, {"text": text})

    @classmethod
    def remind_self(cls, officer: Officer, at: datetime, text: str) -> OutboxRow:
        ref = at.strftime("%Y%m%d%H%M")
        return cls(officer.chat_id, Kind.REMIND_SELF, ref, officer.id, {"text": text}, at)

    @classmethod
    def text(cls, chat_id: int, ref: str, text: str, officer_id: int | None = None) -> OutboxRow:
        return cls(chat_id, Kind.TEXT, ref, officer_id, {"text": text})

    @classmethod
    def correction(cls, officer: Officer, directive_id: int, version: int, text: str) -> OutboxRow:
        return cls(officer.chat_id, Kind.CORRECTION, f"{directive_id}:{version}", officer.id, {"text": text})

    @classmethod
    def recall(cls, officer: Officer, directive_id: int, text: str) -> OutboxRow:
        return cls(officer.chat_id, Kind.RECALL, str(directive_id), officer.id, {"text": text})
