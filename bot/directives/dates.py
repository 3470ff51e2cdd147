"""Dates in a directive: the issue date in the header, the broadcast period and the report deadline.

Rules, as a reader applies them:

- The issue date is the "<Place>, ngày … tháng … năm …" line; a blank day or month gives a
  partial date (YYYY-MM, YYYY).
- The broadcast period is a "từ ngày … đến ngày …" span in a sentence about broadcasting
  (phát, tuyên truyền, thời gian …). A span in a sentence about something else — a forecast,
  the days an event takes place, flying the flag, a law taking effect — is not the period.
  A broadcast sentence with only a start ("bắt đầu từ ngày …, cho đến khi có thông báo mới")
  or only an end ("từ nay đến hết ngày …", "tuyên truyền liên tục đến hết ngày …") gives the
  half it states.
- The report deadline is the date after "trước / chậm nhất / hạn (chót) / trong ngày" in a
  sentence about reporting or sending results ("báo cáo kết quả … trước ngày …",
  "Kết quả thực hiện gửi về … trước ngày …"), or after the label "Hạn báo cáo:".
- A date written without its year takes the year of the other end of the span, else the
  issue year; an end before its start moves to the next year.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["issued", "period", "report_due", "to_iso"]

_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?")
_DMY_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.I)
DATE_ANY = r"(?:ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?|\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{4})?)"
_TIME = r"(?:\d{1,2}\s*(?:h|giờ)\s*\d{0,2}(?:\s*phút)?)"


def _parts(text: str) -> tuple[int, int, int | None] | None:
    m = _DMY_WORDS.search(text) or _DMY.search(text)
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None


def to_iso(text: str, default_year: int | None) -> str | None:
    """The first date in `text` as ISO; a missing year is `default_year`."""
    parts = _parts(text)
    if not parts:
        return None
    day, month, year = parts
    year = year or default_year
    if year is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------------------- issue date

PLACE_DATE = re.compile(r",\s*ngày\b[\s\d.…_]{0,12}tháng\b[\s\d.…_]{0,8}năm\s*\d{4}", re.I)
_ISSUED = re.compile(
    r"(?:^|\n)\s*(?P<place>[^\n,:]{2,40}),\s*ngày\s*(?P<d>\d{1,2})?[\s.…_]*tháng\s*(?P<m>\d{1,2})?[\s.…_]*năm\s*(?P<y>\d{4})",
    re.I,
)


def issued(text: str) -> tuple[str | None, str | None]:
    """(place, date) from the "<Place>, ngày … tháng … năm …" line; the date may be partial."""
    m = _ISSUED.search(text)
    if not m:
        return None, None
    place = m.group("place").strip(" *") or None
    year, month, day = int(m.group("y")), m.group("m"), m.group("d")
    if month and 1 <= int(month) <= 12:
        if day:
            try:
                return place, date(year, int(month), int(day)).isoformat()
            except ValueError:
                pass
        return place, f"{year:04d}-{int(month):02d}"
    return place, f"{year:04d}"


# ---------------------------------------------------------------------------- broadcast period

_SPAN = re.compile(
    rf"[Tt]ừ\s+(?:(?P<now>nay|ngày\s+ban\s+hành)|(?:ngày\s+)?(?P<a>{DATE_ANY}))\s*(?:đến|tới|-|–)\s*(?:hết\s+)?"
    rf"(?:ngày\s+)?(?P<b>{DATE_ANY})",
)
_FROM_ONLY = re.compile(rf"[Tt]ừ\s+(?:ngày\s+)?(?P<a>{DATE_ANY})(?!\d|\s*[/.\-]\s*\d)(?!\s*(?:đến|tới|-|–))")
_TO_ONLY = re.compile(rf"(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?(?P<b>{DATE_ANY})")
_HAS_DATE = re.compile(r"\d\s*[/.\-]\s*\d|tháng\s+\d")
_BROADCAST = re.compile(
    r"phát(?!\s+(?:triển|hiện|huy|động|sinh|biểu|hành|minh|ngôn))|tuyên\s+truyền|truyền\s+thanh|thời\s+gian|loa",
    re.I,
)
_ACTIVE = re.compile(
    r"phát(?!\s+(?:triển|hiện|huy|động|sinh|biểu|hành|minh|ngôn))|truyền\s+thanh|thời\s+gian|liên\s+tục|bắt\s+đầu|loa",
    re.I,
)  # broadcasting going on, not "tuyên truyền" as a noun
_NOT_BROADCAST = re.compile(
    r"dự\s+báo|diễn\s+ra|treo\s+cờ|hiệu\s+lực|nghỉ\s+(?:tết|lễ)|khai\s+mạc|tổ\s+chức\s+(?:đại\s+hội|lễ|giải)",
    re.I,
)
_REPORTING = re.compile(r"báo\s+cáo|gửi\s+về|trước\s+ngày", re.I)
_SENTENCE_END = re.compile(r"(?:\.|;|\?|!)\s+(?=\S)")


def _sentence_before(block: str, pos: int) -> str:
    """The part of the sentence (or clause) of `block` before `pos`."""
    start = 0
    for m in _SENTENCE_END.finditer(block, 0, pos):
        start = m.end()
    return block[start:pos]


def _context(blocks: list[str], index: int, pos: int) -> str:
    """What the sentence says before the date; a sentence opening a block inherits its heading."""
    before = _sentence_before(blocks[index], pos)
    if len(before.split()) < 3 and index > 0 and len(blocks[index - 1]) < 80:
        before = f"{blocks[index - 1]} {before}"
    return before


def _years(a: str | None, b: str, default_year: int | None) -> tuple[str | None, str | None]:
    pa, pb = (_parts(a) if a else None), _parts(b)
    if not pb:
        return None, None
    year_b = pb[2] or (pa[2] if pa and pa[2] else default_year)
    end = to_iso(b, year_b)
    start = None
    if pa:
        year_a = pa[2] or (int(end[:4]) if end else default_year)
        start = to_iso(a or "", year_a)
        if start and end and start > end:
            if pa[2] is None:
                start = to_iso(a or "", int(start[:4]) - 1)
            elif pb[2] is None:
                end = to_iso(b, int(end[:4]) + 1)
    return start, end


def period(blocks: list[str], default_year: int | None) -> tuple[str | None, str | None]:
    """(broadcast_from, broadcast_to) as ISO dates, either possibly None."""
    neutral: tuple[str | None, str | None] | None = None
    dated = [i for i, block in enumerate(blocks) if _HAS_DATE.search(block)]
    for i in dated:
        block = blocks[i]
        for m in _SPAN.finditer(block):
            context = _context(blocks, i, m.start())
            if _NOT_BROADCAST.search(context):
                continue
            start, end = _years(m.group("a"), m.group("b"), default_year)
            if not end:
                continue
            if _BROADCAST.search(context):
                return start, end
            if neutral is None:
                neutral = (start, end)
    if neutral:
        return neutral
    start_only: str | None = None
    end_only: str | None = None
    for i in dated:
        block = blocks[i]
        for m in _FROM_ONLY.finditer(block):
            context = _context(blocks, i, m.start())
            if start_only is None and _ACTIVE.search(context) and not _NOT_BROADCAST.search(context):
                start_only = to_iso(m.group("a"), default_year)
        for m in _TO_ONLY.finditer(block):
            context = _context(blocks, i, m.start())
            if (
                end_only is None
                and (_ACTIVE.search(context) or (_BROADCAST.search(context) and "hết" in m.group(0)))
                and not _NOT_BROADCAST.search(context)
                and not _REPORTING.search(context)
            ):
                end_only = to_iso(m.group("b"), default_year)
    return start_only, end_only


# ---------------------------------------------------------------------------- report deadline

_DUE = re.compile(
    r"(?:[Bb]áo\s+cáo|[Gg]ửi\s+(?:về|lại|kết\s+quả|báo\s+cáo)|[Kk]ết\s+quả\s+(?:thực\s+hiện|tuyên\s+truyền|phát\s+sóng))"
    r"(?:(?!\.\s|\./\.)[^\n]){0,240}?"
    r"(?:trước|chậm\s+nhất|hạn\s+chót|hạn|trong\s+ngày|không\s+quá)\s*(?:là\s*|vào\s*)?"
    rf"(?:{_TIME}\s*,?\s*)?(?:ngày\s*)?(?P<d>{DATE_ANY})",
)
_DUE_LABEL = re.compile(
    r"(?:[Tt]hời\s+)?(?:[Hh]ạn|HẠN)\s+(?:gửi\s+|nộp\s+)?(?:báo\s+cáo|BÁO\s+CÁO)\s*[:\-–]?\s*(?:là\s*)?(?:trước\s*)?"
    rf"(?:{_TIME}\s*,?\s*)?(?:ngày\s*)?(?P<d>{DATE_ANY})",
)


def report_due(blocks: list[str], default_year: int | None) -> str | None:
    """The report deadline as an ISO date, or None."""
    for block in blocks:
        if not _HAS_DATE.search(block):
            continue
        m = _DUE_LABEL.search(block) or _DUE.search(block)
        if m:
            return to_iso(m.group("d"), default_year)
    return None
