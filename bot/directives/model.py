"""The parsed form of a directive (công văn), independent of the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Directive", "TopicItem"]


@dataclass(slots=True)
class TopicItem:
    """One thing to broadcast: its place in the list, a short title and the full text."""

    ordinal: int
    title: str
    body: str


@dataclass(slots=True)
class Directive:
    """A directive as read from its document. Dates are ISO strings, possibly partial (YYYY-MM, YYYY)."""

    number: str | None = None
    issuer: str | None = None
    issued_on: str | None = None
    place: str | None = None
    subject: str | None = None
    recipients: list[str] = field(default_factory=list)
    topics: list[TopicItem] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    broadcast_from: str | None = None
    broadcast_to: str | None = None
    report_due: str | None = None
    signer: str | None = None
    text: str = ""

    def to_contract(self, file: str) -> dict[str, Any]:
        """The JSON object of the `parse` CLI contract."""
        return {
            "file": file,
            "number": self.number,
            "issuer": self.issuer,
            "issued_on": self.issued_on,
            "place": self.place,
            "subject": self.subject,
            "recipients": list(self.recipients),
            "topics": [{"ordinal": t.ordinal, "title": t.title, "body": t.body} for t in self.topics],
            "references": list(self.references),
            "broadcast_from": self.broadcast_from,
            "broadcast_to": self.broadcast_to,
            "report_due": self.report_due,
            "signer": self.signer,
        }
