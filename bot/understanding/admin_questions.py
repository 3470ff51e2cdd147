"""The office's questions in free text, and the arguments of its commands (pure functions).

"thống kê công văn 2345", "thong ke", "tk cv 2345", "xã nào chưa báo cáo công văn 113", "tiến độ tuần
này", "xuất báo cáo tháng 10 bản word", "minh chứng công văn 2345"; and `/xuatbaocao 01/10/2025 31/10/2025
2345 docx`. A question names what it is about (`kind`), optionally a directive (`ref`: its number or a few
words of its subject), a period, and a file format. Anything else is not an admin question (None), so an
admin's own "đã thực hiện" still goes to the report-back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.lang.dates import Period, parse_day, period_of_words
from bot.lang.fold import fold

__all__ = ["AdminQuestion", "Kind", "parse_admin_question", "parse_export_args"]

Kind = Literal["stats", "missing", "export", "evidence", "remind"]
Fmt = Literal["xlsx", "docx", "csv"]


@dataclass(frozen=True, slots=True)
class AdminQuestion:
    kind: Kind
    ref: str | None = None
    period: Period | None = None
    fmt: Fmt | None = None


_DATE = re.compile(r"(?<![\d/.\-])(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?)(?![\d/.\-])")
_END_WORDS = ("den", "toi", "truoc")
_PERIOD_WORDS = re.compile(
    r"\b(hom nay|tuan nay|tuan truoc|thang nay|thang truoc|nam nay|thang \d{1,2}(?: \d{4})?|"
    r"tu ngay|den ngay|tu|den|toi|ngay|trong|cua|ky|trong ky)\b"
)
_FORMATS: dict[str, Fmt] = {
    "word": "docx",
    "docx": "docx",
    "doc": "docx",  # "docx" folded as Telex
    "excel": "xlsx",
    "xlsx": "xlsx",
    "csv": "csv",
}
_FILLERS = {
    "a",
    "nhe",
    "nhi",
    "vay",
    "di",
    "voi",
    "giup",
    "cho",
    "toi",
    "em",
    "minh",
    "xem",
    "the",
    "nao",
    "ban",
    "file",
    "tep",
    "bao",
    "cao",
    "cac",
    "xa",
    "phuong",
    "la",
    "gi",
    "da",
    "chua",
    "bang",
}
_DIRECTIVE_WORDS = ("cong van so", "cong van", "van ban", "so hieu", "so")

# (kind, folded openings); "chưa báo cáo" questions are recognised anywhere in the sentence
_OPENINGS: list[tuple[Kind, tuple[str, ...]]] = [
    ("stats", ("thong ke", "tk", "so lieu", "tinh hinh", "tien do", "ket qua bao cao", "bao cao thong ke")),
    ("export", ("xuat bao cao", "xuat excel", "xuat file", "xuat word", "xuat tep", "xuat")),
    ("evidence", ("minh chung", "xem minh chung", "anh minh chung", "xem anh")),
    ("remind", ("nhac nho", "nhac cac xa", "nhac xa", "nhac")),
]
_MISSING = re.compile(
    r"\b(xa nao|nhung xa|cac xa|con xa|bao nhieu xa|danh sach xa|xa phuong nao|don vi nao|noi nao)\b.*\bchua bao cao\b"
    r"|\bchua bao cao\b.*\b(xa nao|nhung xa|cac xa|don vi nao)\b"
    r"|^(xa|cac xa|nhung xa) chua bao cao\b"
)


def _dates(text: str, today: date) -> tuple[Period | None, str]:
    """Dates typed as dd/mm[/yyyy] or ISO, with "từ … đến …", and the text without them."""
    found = list(_DATE.finditer(text))
    days = []
    for m in found:
        try:
            days.append(parse_day(m.group(1), today))
        except ValueError:
            continue
    rest = _DATE.sub(" ", text)
    if not days:
        return None, rest
    if len(days) >= 2:
        return Period(min(days[:2]), max(days[:2])), rest
    before = fold(text[: found[0].start()]).split()
    if (before and before[-1] in _END_WORDS) or (len(before) > 1 and before[-2] in _END_WORDS):
        return Period(None, days[0]), rest
    return Period(days[0], None), rest


def _ref(folded: str) -> str | None:
    """What is left after the question words, the period and the fillers: the directive it is about."""
    text = _PERIOD_WORDS.sub(" ", folded)
    for phrase in _DIRECTIVE_WORDS:
        text = re.sub(rf"\b{phrase}\b", " ", text)
    numbers = re.findall(r"\b\d+\b", text)
    if numbers:
        return numbers[0]
    words = [w for w in text.split() if w not in _FILLERS and w not in _FORMATS]
    return " ".join(words) or None


def _fmt(folded: str) -> Fmt | None:
    for word in folded.split():
        if word in _FORMATS:
            return _FORMATS[word]
    return None


def parse_export_args(args: str, today: date) -> AdminQuestion:
    """The arguments of /xuatbaocao (or the tail of "xuất báo cáo …"): period, directive, format."""
    period, rest = _dates(args, today)
    folded = fold(rest, expand=False)
    if period is None:
        period = period_of_words(folded, today)
    return AdminQuestion("export", _ref(folded), period, _fmt(folded))


def parse_admin_question(text: str, today: date) -> AdminQuestion | None:
    """An admin's question in free text, or None."""
    if not text or len(text) > 300 or text.startswith("/"):
        return None
    period, rest = _dates(text, today)
    folded = fold(rest).strip(" ?.!")
    if not folded:
        return None
    reminding = any(folded == o or folded.startswith(o + " ") for o in _OPENINGS[-1][1])
    if reminding and not re.search(r"\b(xa|phuong|can bo|don vi|chua bao cao)\b", folded):
        return None  # "nhắc tôi chiều nay" is not a round of reminders
    if _MISSING.search(folded) and not reminding:
        return AdminQuestion("missing", _ref(_MISSING.sub(" ", folded)), period)
    for kind, openings in _OPENINGS:
        for opening in openings:
            if folded == opening or folded.startswith(opening + " "):
                tail = folded[len(opening) :]
                fmt = _fmt(tail) if kind == "export" else None
                return AdminQuestion(kind, _ref(tail), period or period_of_words(tail, today), fmt)
    return None
