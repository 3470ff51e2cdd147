"""Days and periods as the office writes and types them: dd/mm/yyyy, "01/10/2025", "tháng này", "tuần
trước". Pure (the labels come from `bot.texts`); the understanding reads periods with it, the services
and the sheets show them (`bot.services.labels` re-exports it)."""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot import texts

__all__ = ["Period", "day_label", "parse_day", "period_of_words"]


def day_label(value: date | datetime | str | None, tz: ZoneInfo | None = None) -> str:
    """dd/mm/yyyy; an aware datetime is shown in `tz`; an ISO string (a date or a datetime) is read first."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        text = value
        try:
            value = datetime.fromisoformat(text) if "T" in text or " " in text else date.fromisoformat(text)
        except ValueError:
            return text
    if isinstance(value, datetime) and value.tzinfo is not None and tz is not None:
        value = value.astimezone(tz)
    return value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)


_DAY_RE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2,4}))?\s*$")
_ISO_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_day(text: str, today: date | None = None) -> date:
    """A day typed as dd/mm/yyyy (also with - or .), dd/mm (this year) or ISO yyyy-mm-dd; ValueError else."""
    iso = _ISO_RE.match(text)
    if iso:
        return date(int(iso[1]), int(iso[2]), int(iso[3]))
    m = _DAY_RE.match(text)
    if not m:
        raise ValueError(f"không hiểu ngày “{text}” (dd/mm/yyyy)")
    year = int(m[3]) if m[3] else (today or date.today()).year
    if year < 100:
        year += 2000
    return date(year, int(m[2]), int(m[1]))


@dataclass(frozen=True, slots=True)
class Period:
    """Days from `start` to `end`, both included; either may be open."""

    start: date | None = None
    end: date | None = None

    @property
    def open(self) -> bool:
        return self.start is None and self.end is None

    def bounds(self, tz: ZoneInfo) -> tuple[datetime | None, datetime | None]:
        """The first and the last instant of the period in the local time zone (aware)."""
        first = datetime.combine(self.start, time.min, tz) if self.start else None
        last = datetime.combine(self.end, time.max, tz) if self.end else None
        return first, last

    def label(self) -> str:
        if self.start and self.end:
            return texts.PERIOD_FROM_TO.format(start=day_label(self.start), end=day_label(self.end))
        if self.start:
            return texts.PERIOD_FROM.format(start=day_label(self.start))
        if self.end:
            return texts.PERIOD_TO.format(end=day_label(self.end))
        return texts.PERIOD_ALL

    def code(self) -> str:
        """Compact form for file names: 20251001-20251031."""
        return "-".join(d.strftime("%Y%m%d") for d in (self.start, self.end) if d) or "tat-ca"


def _month(year: int, month: int) -> Period:
    return Period(date(year, month, 1), date(year, month, monthrange(year, month)[1]))


_MONTH_RE = re.compile(r"\bthang (\d{1,2})(?:[ /\-]+(\d{4}))?\b")


def period_of_words(folded: str, today: date) -> Period | None:
    """A period named in folded text: hôm nay, tuần này/trước, tháng này/trước, tháng 10 [2025], năm nay."""
    monday = today - timedelta(days=today.weekday())
    if "hom nay" in folded:
        return Period(today, today)
    if "tuan nay" in folded:
        return Period(monday, monday + timedelta(days=6))
    if "tuan truoc" in folded:
        return Period(monday - timedelta(days=7), monday - timedelta(days=1))
    if "thang nay" in folded:
        return _month(today.year, today.month)
    if "thang truoc" in folded:
        last = today.replace(day=1) - timedelta(days=1)
        return _month(last.year, last.month)
    if "nam nay" in folded:
        return Period(date(today.year, 1, 1), date(today.year, 12, 31))
    m = _MONTH_RE.search(folded)
    if m and 1 <= int(m[1]) <= 12:
        month = int(m[1])
        year = int(m[2]) if m[2] else (today.year if month <= today.month else today.year - 1)
        return _month(year, month)
    return None
