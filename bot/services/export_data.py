"""What the report upward holds, whatever its format: the request (period, directive), the summary per
commune and per directive added up as the detail rows pass, and which directives belong to a period
(see `bot.services.export`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from bot import texts
from bot.db.repo.admin import DetailRow, DirectiveRow
from bot.services.labels import Period

__all__ = [
    "MEDIA_TYPES",
    "DirectiveLine",
    "ExportData",
    "ExportRequest",
    "Format",
    "UnitLine",
    "in_period",
]

Format = Literal["xlsx", "docx", "csv"]
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv",
}


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """A period (open ends allowed) and optionally one directive, as typed: its number or id."""

    period: Period = field(default_factory=Period)
    directive: str | None = None


@dataclass(slots=True)
class UnitLine:
    """One commune's line of the summary."""

    id: int
    code: str
    name: str
    officers: int
    assigned: int = 0
    done: int = 0
    not_done: int = 0  # reported as not done, with a reason
    broadcasts: int = 0

    @property
    def unstaffed(self) -> bool:
        """No registered officer and nothing reported: not counted as "chưa", nor in the rate."""
        return self.officers == 0 and self.done == 0 and self.not_done == 0

    @property
    def pending(self) -> int:
        return self.assigned - self.done

    @property
    def rate(self) -> float | None:
        return self.done / self.assigned if self.assigned and not self.unstaffed else None


@dataclass(slots=True)
class DirectiveLine:
    row: DirectiveRow
    assigned: int = 0
    done: int = 0

    @property
    def number(self) -> str:
        return (self.row.number or "").strip() or texts.REPORT_NO_NUMBER

    @property
    def subject(self) -> str:
        return f"V/v {self.row.subject}" if self.row.subject else ""


@dataclass(slots=True)
class ExportData:
    heading: tuple[str, str]  # the superior body and the agency, as in the top-left of a công văn
    place: str
    period: Period
    generated: datetime  # local
    scope_name: str | None
    directive: DirectiveRow | None
    directives: dict[int, DirectiveLine]
    evidence: dict[int, dict[str, int]]
    link_base: str
    tz: ZoneInfo
    unit_info: dict[int, tuple[str, str]]  # code, name of the units that may appear
    officers: dict[int, int]  # registered officers per unit
    units: dict[int, UnitLine] = field(default_factory=dict)  # filled as the rows pass, in their order
    rows: list[DetailRow] | None = None  # kept only by `collect`
    count: int = 0

    def __len__(self) -> int:
        return self.count

    def take(self, rows: list[DetailRow]) -> None:
        """Add rows to the summary."""
        units, directives = self.units, self.directives
        for _, uid, did, done, _, _, n, _, reason in rows:
            line = units.get(uid)
            if line is None:
                code, name = self.unit_info.get(uid, ("", str(uid)))
                line = units[uid] = UnitLine(uid, code, name, self.officers.get(uid, 0))
            line.assigned += 1
            d = directives[did]
            d.assigned += 1
            if done:
                line.done += 1
                d.done += 1
            elif reason:
                line.not_done += 1
            line.broadcasts += n or 0
        self.count += len(rows)

    def finish(self) -> None:
        """After the last row: directives nothing was assigned for (in the scope) are left out."""
        self.directives = {i: d for i, d in self.directives.items() if d.assigned}

    def consume(self, chunks: Iterable[list[DetailRow]] | None) -> Iterator[DetailRow]:
        """The rows, from the stream (added up on the way) or as collected."""
        if chunks is None:
            yield from self.rows or []
            return
        for chunk in chunks:
            self.take(chunk)
            yield from chunk
        self.finish()

    def period_lines(self) -> list[str]:
        """The period, and the directive when the report is about one."""
        lines = [texts.REPORT_PERIOD.format(period=self.period.label())]
        if self.directive is not None:
            line = DirectiveLine(self.directive)
            lines.append(
                texts.REPORT_DIRECTIVE.format(number=line.number, subject=self.directive.subject or "")
            )
        return lines

    def evidence_link(self, assignment_id: int) -> str:
        return f"{self.link_base}mc_{assignment_id}"

    def status(self, row: DetailRow) -> str:
        _, uid, _, done, _, _, _, _, reason = row
        if done:
            return texts.REPORT_STATUS_DONE
        if reason:
            return texts.REPORT_STATUS_NOT_DONE
        return texts.REPORT_STATUS_NO_OFFICER if not self.officers.get(uid) else texts.REPORT_STATUS_PENDING

    def local(self, value: datetime | None) -> datetime | None:
        """A stored (aware) time as the naive local time a sheet shows."""
        return value.astimezone(self.tz).replace(tzinfo=None) if value else None

    @property
    def totals(self) -> UnitLine:
        total = UnitLine(0, "", texts.REPORT_TOTAL, 0)
        for u in self.units.values():
            total.officers += u.officers
            total.assigned += u.assigned
            total.done += u.done
            total.broadcasts += u.broadcasts
        return total

    @property
    def staffed_rate(self) -> float | None:
        """Done over assigned, communes without a registered officer left out."""
        staffed = [u for u in self.units.values() if not u.unstaffed]
        assigned = sum(u.assigned for u in staffed)
        return sum(u.done for u in staffed) / assigned if assigned else None

    @property
    def unstaffed(self) -> int:
        return sum(1 for u in self.units.values() if u.unstaffed)

    def title_lines(self) -> list[str]:
        """The period, then the directive or how many directives and communes (after the rows)."""
        lines = self.period_lines()
        if self.directive is None:
            lines.append(texts.REPORT_COUNTS.format(directives=len(self.directives), units=len(self.units)))
        return lines


def in_period(d: DirectiveRow, period: Period, tz: ZoneInfo) -> bool:
    """Published in the period, broadcast during it, or due in it."""
    if period.open:
        return True
    start, end = period.start or date.min, period.end or date.max
    published = d.published_at.astimezone(tz).date() if d.published_at else None
    if published and start <= published <= end:
        return True
    first, last = d.broadcast_from or d.broadcast_to, d.broadcast_to or d.broadcast_from
    if first and last and first <= end and last >= start:
        return True
    return bool(d.report_due and start <= d.report_due <= end)
