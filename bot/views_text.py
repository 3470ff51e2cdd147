"""The small pieces every view uses: dates, a directive's number, short texts, and messages cut or split
under Telegram's 4096 characters. Escaped HTML; no aiogram here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from html import escape
from zoneinfo import ZoneInfo

from bot import texts

__all__ = [
    "MAX_MESSAGE",
    "fit",
    "fmt_date",
    "fmt_partial",
    "fmt_time",
    "names_list",
    "number_text",
    "period_text",
    "short",
    "split_message",
]

MAX_MESSAGE = 4000  # under Telegram's 4096, leaving room for the count of HTML entities


def fmt_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else texts.UNKNOWN


def fmt_time(value: datetime, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%H:%M %d/%m")


def fmt_partial(value: str | None) -> str:
    if not value:
        return texts.UNKNOWN
    parts = value.split("-")
    return "/".join(reversed(parts))


def number_text(number: str | None) -> str:
    """A directive's number, escaped, or the "no number" label. A number with a blank before the slash
    ("/STTTT-TTBCXB") gets "…", so that Telegram does not show it as a tappable /command."""
    number = (number or "").strip()
    if not number:
        return texts.NO_NUMBER
    return escape("…" + number if number.startswith("/") else number)


def period_text(start: date | None, end: date | None) -> str | None:
    if start and end:
        return f"{fmt_date(start)} – {fmt_date(end)}"
    if end:
        return f"… – {fmt_date(end)}"
    return None


def short(text: str, limit: int = 160) -> str:
    """Whitespace collapsed and cut at a word boundary with "…"."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: text.rfind(" ", 0, limit)] + "…"


def split_message(paragraphs: Iterable[str], limit: int = MAX_MESSAGE) -> list[str]:
    """Pack paragraphs into messages under `limit`; a paragraph too long on its own is cut between words."""
    pages: list[str] = []
    current = ""
    for para in paragraphs:
        pieces = [para]
        if len(para) > limit:
            pieces, rest = [], para
            while len(rest) > limit:
                cut = rest.rfind(" ", 0, limit)
                cut = cut if cut > limit // 2 else limit
                while rest[:cut].count("&") > rest[:cut].count(";") and cut > 1:  # never split an entity
                    cut -= 1
                pieces.append(rest[:cut].rstrip())
                rest = rest[cut:].lstrip()
            pieces.append(rest)
        for piece in pieces:
            candidate = f"{current}\n\n{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                pages.append(current)
                current = piece
    if current:
        pages.append(current)
    return pages


def fit(text: str, limit: int = MAX_MESSAGE) -> str:
    """A text cut to one message, at a line boundary, with a note that there is more."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit - len(texts.TRUNCATED) - 1)
    cut = cut if cut > limit // 2 else limit - len(texts.TRUNCATED) - 1
    while text[:cut].count("<") > text[:cut].count(">") and cut > 0:  # never inside a tag
        cut -= 1
    body = text[:cut]
    for tag in ("b", "i", "code"):  # close what the cut left open
        body += f"</{tag}>" * (body.count(f"<{tag}>") - body.count(f"</{tag}>"))
    return body + "\n" + texts.TRUNCATED


def names_list(names: Sequence[str], limit: int = 12) -> str:
    """Escaped names, the first `limit` of them and how many more."""
    shown = ", ".join(escape(n) for n in names[:limit])
    return shown + (f" … (+{len(names) - limit})" if len(names) > limit else "")
