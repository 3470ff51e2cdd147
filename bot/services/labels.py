"""What the office reads, in Vietnamese: roles, statuses, evidence kinds, dates as dd/mm/yyyy in the local
time zone, and reporting periods (those two from `bot.lang.dates`, re-exported here). Pure and free of
aiogram, so the CLI and the sheets use it too (the bot gets the same helpers through `bot.views`)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot import texts
from bot.lang.dates import Period, day_label, parse_day, period_of_words

__all__ = [
    "Period",
    "day_label",
    "evidence_label",
    "kind_label",
    "parse_day",
    "period_of_words",
    "role_label",
    "time_label",
]

_ROLES = {"officer": texts.ROLE_OFFICER, "admin": texts.ROLE_ADMIN}
_KINDS = {
    "photo": texts.EVIDENCE_KIND_PHOTO,
    "voice": texts.EVIDENCE_KIND_VOICE,
    "audio": texts.EVIDENCE_KIND_AUDIO,
    "video": texts.EVIDENCE_KIND_VIDEO,
    "document": texts.EVIDENCE_KIND_DOCUMENT,
}


def role_label(role: str | None) -> str:
    """A role in Vietnamese: officer → cán bộ, admin → quản trị viên (a Vietnamese label is kept)."""
    value = getattr(role, "value", role) or "officer"
    return _ROLES.get(str(value), str(value))


def kind_label(kind: str | None) -> str:
    value = str(getattr(kind, "value", kind) or "")
    return _KINDS.get(value, value or texts.EVIDENCE_KIND_DOCUMENT)


def evidence_label(kinds: dict[str, int]) -> str:
    """{"photo": 2, "voice": 1} → "2 ảnh, 1 ghi âm"."""
    order = list(_KINDS)
    parts = sorted(kinds.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))
    return ", ".join(f"{n} {kind_label(kind)}" for kind, n in parts if n)


def time_label(value: datetime | None, tz: ZoneInfo) -> str:
    """A time as 14:05 12/11/2025, in the local time zone."""
    return value.astimezone(tz).strftime("%H:%M %d/%m/%Y") if value else ""
