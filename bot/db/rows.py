"""Plain read models returned by the repository's hot queries (no ORM identity map, no lazy loads)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.db.models import Assignment

__all__ = ["Item"]


@dataclass(slots=True, frozen=True)
class Item:
    """One commune's assignment of a published directive, with the report that stands (if done)."""

    assignment_id: int
    directive_id: int
    unit_id: int
    status: str
    due: date | None
    number: str | None
    subject: str | None
    topic_titles: list[str] = field(default_factory=list)
    broadcast_from: date | None = None
    broadcast_to: date | None = None
    reported_at: datetime | None = None  # the standing report (done or more broadcasts), if any
    reporter: str | None = None
    reporter_id: int | None = None
    report_count: int | None = None

    @property
    def done(self) -> bool:
        return self.status == "done"

    @classmethod
    def of(cls, assignment: Assignment) -> Item:
        """The item of an ORM assignment whose directive is loaded (its report is not looked up)."""
        d = assignment.directive
        return cls(
            assignment_id=assignment.id,
            directive_id=assignment.directive_id,
            unit_id=assignment.unit_id,
            status=assignment.status,
            due=assignment.due,
            number=d.number,
            subject=d.subject,
            topic_titles=list(d.topic_titles or []),
            broadcast_from=d.broadcast_from,
            broadcast_to=d.broadcast_to,
        )
