"""Reading the admin's short replies at the publishing desk into a `Change`: dates (dd/mm or dd/mm/yyyy), a
broadcast period, a publishing time, a list of communes, a number, a subject, a topic. Pure functions;
errors (`DeskError`) carry what to tell the admin."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from html import escape
from typing import Any, Literal
from zoneinfo import ZoneInfo

from bot import texts
from bot.db.models import Directive, Unit
from bot.lang.fold import fold_plain
from bot.services.units import UnitNotFound, match_units

__all__ = [
    "MAX_NUMBER",
    "MAX_SUBJECT",
    "MAX_TOPIC",
    "Change",
    "DeskError",
    "Field",
    "drop_topic_change",
    "fmt_when",
    "is_all",
    "is_none",
    "parse_date",
    "parse_period",
    "parse_targets",
    "parse_when",
    "plain_text",
    "read_change",
    "short",
    "targets_change",
]

MAX_NUMBER = 100
MAX_SUBJECT = 1000
MAX_TOPIC = 500

_DATE = re.compile(r"(?<![\d/.])(\d{1,2})\s*([/.\-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}|\d{2}))?(?!\d)")
_TIME = re.compile(r"(?<![\d/.])(\d{1,2})\s*(?::|h|g|giờ|gio)\s*(\d{2})?(?![\d/.])", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:[,;\n]|\bvà\b|\bva\b)\s*", re.IGNORECASE)
_NONE_WORDS = {"khong", "k", "ko", "bo", "xoa", "khong co", "none", "-"}
_ALL_WORDS = {"tat ca", "all", "toan tinh", "tat ca cac xa", "tat ca xa phuong", "ca tinh"}


Field = Literal[
    "number", "subject", "period", "due", "targets", "schedule", "topic", "topic_add", "topic_drop"
]


class DeskError(ValueError):
    """A reply that cannot be read, or an action refused; `message` is what to tell the admin (HTML)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(slots=True)
class Change:
    """One edit, ready to apply; `text` says what changes (HTML), for the admin and for the đính chính."""

    field: Field
    value: Any  # str | None | list[str]: JSON-able, it waits in the FSM storage for a confirmation
    text: str
    ordinal: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def of(cls, data: dict[str, Any]) -> Change:
        return cls(data["field"], data["value"], data["text"], int(data.get("ordinal") or 0))


def short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(text.rfind(" ", 0, limit), limit // 2)] + "…"


def _dmy(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def fmt_when(value: datetime, tz: ZoneInfo) -> str:
    local = value.astimezone(tz)
    return texts.DESK_TIME.format(hm=local.strftime("%H:%M"), date=_dmy(local.date()))


def plain_text(text: str, limit: int, *, prefixes: Sequence[str] = ()) -> str:
    """A one-line value: spaces collapsed, a leading label ("Số:", "V/v") dropped; not empty, not too long."""
    value = " ".join(text.split())
    for prefix in prefixes:
        if value.lower().startswith(prefix.lower()):
            value = value[len(prefix) :].lstrip(" :.-")
    if not value:
        raise DeskError(texts.DESK_EMPTY)
    if len(value) > limit:
        raise DeskError(texts.DESK_TOO_LONG.format(max=limit))
    return value


def is_none(text: str) -> bool:
    """ "không", "bỏ", "xóa": clear the value."""
    return fold_plain(text) in _NONE_WORDS or text.strip() == "-"


def is_all(text: str) -> bool:
    return fold_plain(text) in _ALL_WORDS


def _date_of(match: re.Match[str], today: date) -> date:
    day, month, year = int(match.group(1)), int(match.group(3)), match.group(4)
    if year is None:
        # a day and month without a year: this year, unless that is long past (then next year)
        value = date(today.year, month, day)
        return value if value >= today - timedelta(days=180) else date(today.year + 1, month, day)
    y = int(year)
    return date(y + 2000 if y < 100 else y, month, day)


def parse_date(text: str, today: date) -> date:
    """One date, "dd/mm" or "dd/mm/yyyy" (also with '.' or '-')."""
    found = list(_DATE.finditer(text))
    if len(found) != 1:
        raise DeskError(texts.DESK_BAD_DATE.format(text=escape(text.strip()[:60])))
    try:
        return _date_of(found[0], today)
    except ValueError as exc:
        raise DeskError(texts.DESK_BAD_DATE.format(text=escape(text.strip()[:60]))) from exc


def parse_period(text: str, today: date) -> tuple[date, date]:
    """Two dates, "01/12 - 15/12" or "01/12/2026 đến 15/12/2026"; a day-month end before its start is next year's."""
    found = list(_DATE.finditer(text))
    if len(found) != 2:
        raise DeskError(texts.DESK_BAD_PERIOD.format(text=escape(text.strip()[:60])))
    try:
        start = _date_of(found[0], today)
        end = _date_of(found[1], start)
    except ValueError as exc:
        raise DeskError(texts.DESK_BAD_PERIOD.format(text=escape(text.strip()[:60]))) from exc
    if end < start and found[1].group(4) is None:
        end = end.replace(year=end.year + 1)
    if end < start:
        raise DeskError(
            texts.DESK_PERIOD_REVERSED.format(start=start.strftime("%d/%m/%Y"), end=end.strftime("%d/%m/%Y"))
        )
    return start, end


def parse_when(text: str, now: datetime, tz: ZoneInfo) -> datetime:
    """A publishing time: "07:00 03/12", "7h 03/12/2026", "3/12 lúc 7h30" (in `tz`); must be in the future."""
    local_now = now.astimezone(tz)
    bad = DeskError(texts.DESK_BAD_TIME.format(text=escape(text.strip()[:60])))
    dates = list(_DATE.finditer(text))
    rest = _DATE.sub(" ", text)
    times = list(_TIME.finditer(rest))
    if len(dates) > 1 or len(times) != 1:
        raise bad
    hour, minute = int(times[0].group(1)), int(times[0].group(2) or 0)
    try:
        day = _date_of(dates[0], local_now.date()) if dates else local_now.date()
        when = datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)
    except ValueError as exc:
        raise bad from exc
    if not dates and when <= local_now:
        when += timedelta(days=1)  # "7h" alone: the next 7 o'clock
    if when <= local_now:
        raise DeskError(texts.DESK_TIME_PAST.format(time=when.strftime("%H:%M %d/%m/%Y")))
    return when


def parse_targets(text: str, scope: Sequence[Unit]) -> list[Unit]:
    """The communes named in a reply (within `scope`), in scope order; "tất cả" gives all of them.

    Each name matches without diacritics or the "xã"/"phường" prefix (`match_units`); a name that
    matches no commune is an error listing it with the closest names."""
    if is_all(text):
        return list(scope)
    chosen: dict[int, Unit] = {}
    unknown: list[str] = []
    suggestions: list[str] = []
    for name in (n.strip(" .") for n in _SPLIT.split(text)):
        if not name:
            continue
        try:
            for unit in match_units(scope, name):
                chosen[unit.id] = unit
        except UnitNotFound as exc:
            unknown.append(name)
            suggestions.extend(exc.suggestions)
    if unknown:
        suggest = texts.DESK_SUGGEST.format(names=escape(", ".join(suggestions[:5]))) if suggestions else ""
        raise DeskError(
            texts.DESK_UNKNOWN_UNITS.format(names=escape(", ".join(unknown)[:300]), suggest=suggest)
        )
    if not chosen:
        raise DeskError(texts.DESK_EMPTY)
    return [u for u in scope if u.id in chosen]


def targets_change(scope: Sequence[Unit], chosen: Sequence[Unit]) -> Change:
    """Recipients: every commune in scope (stored as an empty list), or these."""
    if len(chosen) == len(scope):
        return Change("targets", [], texts.CHANGE_TARGETS_ALL.format(n=len(scope)))
    names = [u.name for u in chosen]
    shown = escape(", ".join(names[:10])) + (f" … (+{len(names) - 10})" if len(names) > 10 else "")
    return Change("targets", names, texts.CHANGE_TARGETS.format(n=len(names), names=shown))


def drop_topic_change(d: Directive, ordinal: int) -> Change:
    topic = next((t for t in d.topics if t.ordinal == ordinal), None)
    if topic is None:
        raise DeskError(texts.DESK_EXPIRED)
    text = texts.CHANGE_TOPIC_DROPPED.format(n=ordinal, value=escape(short(topic.title)))
    return Change("topic_drop", None, text, ordinal)


def read_change(
    d: Directive, scope: Sequence[Unit], field: Field, text: str, ordinal: int, now: datetime, tz: ZoneInfo
) -> Change:
    """The admin's reply read as a change of `field` of directive `d` (topics loaded)."""
    today = now.astimezone(tz).date()
    if field == "number":
        value = plain_text(text, MAX_NUMBER, prefixes=("Số",))
        return Change(field, value, texts.CHANGE_NUMBER.format(value=escape(value)))
    if field == "subject":
        value = plain_text(text, MAX_SUBJECT, prefixes=("V/v", "Về việc"))
        return Change(field, value, texts.CHANGE_SUBJECT.format(value=escape(short(value, 300))))
    if field == "period":
        if is_none(text):
            return Change(field, None, texts.CHANGE_PERIOD_CLEARED)
        start, end = parse_period(text, today)
        period = f"{_dmy(start)} – {_dmy(end)}"
        return Change(field, [start.isoformat(), end.isoformat()], texts.CHANGE_PERIOD.format(value=period))
    if field == "due":
        if is_none(text):
            return Change(field, None, texts.CHANGE_DUE_CLEARED)
        due = parse_date(text, today)
        return Change(field, due.isoformat(), texts.CHANGE_DUE.format(value=_dmy(due)))
    if field == "targets":
        return targets_change(scope, parse_targets(text, scope))
    if field == "schedule":
        when = parse_when(text, now, tz)
        return Change(field, when.isoformat(), texts.CHANGE_SCHEDULED.format(time=fmt_when(when, tz)))
    if field == "topic":
        value = plain_text(text, MAX_TOPIC)
        if not any(t.ordinal == ordinal for t in d.topics):
            raise DeskError(texts.DESK_EXPIRED)
        return Change(
            field, value, texts.CHANGE_TOPIC_RENAMED.format(n=ordinal, value=escape(value)), ordinal
        )
    if field == "topic_add":
        value = plain_text(text, MAX_TOPIC)
        n = max((t.ordinal for t in d.topics), default=0) + 1
        return Change(field, value, texts.CHANGE_TOPIC_ADDED.format(n=n, value=escape(value)), n)
    raise ValueError(field)
