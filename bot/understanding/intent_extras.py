"""What the intent classifier adds to an intent: how sure a "done" is, which week, which list number,
and whether a message mixing done and not done is a report to read clause by clause."""

from __future__ import annotations

import re

from bot.lang.fold import nfc
from bot.understanding.cues import TROUBLE_RE, hedged

__all__ = ["choice_of", "mixed_report", "needs_confirm", "week_offset"]

_CONTRAST = re.compile(r"\b(?:nhung|tuy nhien|ma|rieng|tru)\b")


def needs_confirm(words: list[str], plain: str, score: float, has_verb: bool) -> bool:
    """A "done" the bot asks about before recording: not stated as a plain report.

    Unambiguous: a report verb with "đã", "xong/rồi/được" or a count ("đã thực hiện", "phát thêm 2 buổi").
    Asked: no report verb ("xong", "✅", "hoàn thành"), a weaker rule ("xin báo cáo"),
    a hedge or a mass report ("chắc", "hình như", "khoảng", "tất cả"), a contrast or a trouble beside
    it ("… nhưng loa hỏng"), or a long message (read it as a report instead)."""
    return (
        score < 0.9
        or not has_verb
        or hedged(plain)
        or bool(_CONTRAST.search(plain))
        or bool(TROUBLE_RE.search(plain))
        or len(words) > 30
    )


_NEXT_WEEK = re.compile(r"\btuan (?:sau|toi|ke tiep|ke|sap toi)\b")
_LAST_WEEK = re.compile(r"\btuan (?:truoc|roi|vua roi|vua qua|qua)\b")


def week_offset(folded: str) -> int:
    """+1 for "tuần sau/tới", -1 for "tuần trước/rồi/qua", 0 otherwise."""
    if _NEXT_WEEK.search(folded):
        return 1
    if _LAST_WEEK.search(folded):
        return -1
    return 0


_CHOICE = re.compile(
    r"^(?:(?:chọn|chon|lấy|lay|cái|cai|bài|bai|mục|muc|số|so|dòng|dong|stt|em chọn|em chon|#)\s*){0,2}"
    r"(\d{1,2})\s*(?:ạ|a|nhé|nhe|nha|ak|ah)?[\s.!)]*$"
)


def choice_of(text: str) -> int | None:
    """The number of a message that is just a number from a list ("2", "số 2", "cái 2 ạ"), else None."""
    m = _CHOICE.match(nfc(text).strip().lower())
    if not m:
        return None
    n = int(m.group(1))
    return n if 1 <= n <= 99 else None


def mixed_report(text: str) -> bool:
    """Some clause reports a done and every not-done clause names what it is about
    ("đã phát 5 buổi về PCCC rừng, còn bài Đại hội chưa phát vì loa hỏng"); no question, no undo."""
    from bot.understanding.reports import clause_statuses

    statuses = clause_statuses(text)
    if len(statuses) < 2 or any(kind in ("question", "undo") for kind, _ in statuses):
        return False
    named = [name for kind, name in statuses if kind == "not_done"]
    return any(kind == "done" for kind, _ in statuses) and bool(named) and all(named)
