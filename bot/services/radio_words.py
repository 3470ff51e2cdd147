"""Wording helpers for the bản tin: capitals, quotes, cutting a phrase short, reading time (pure)."""

from __future__ import annotations

import math
import re

__all__ = [
    "WORDS_PER_MINUTE",
    "lower_first",
    "reading_seconds",
    "shorten",
    "split_outside_quotes",
    "syllables",
    "upper_first",
]

# Vietnamese radio reading: about 125 syllables (= words) a minute, pauses included.
WORDS_PER_MINUTE = 125


def split_outside_quotes(text: str, sep: str = ";") -> list[str]:
    """Split at `sep` except inside “…” or "…" (a movement's name may hold a semicolon)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


_KEEP_CAPITAL = re.compile(
    r"^(?:Nghị quyết|Kế hoạch|Chỉ thị|Kết luận|Quyết định|Phong trào|Đại hội|Hội nghị|Ban |Bộ |Mặt trận|"
    r"Ủy ban|Uỷ ban|Chính phủ|Quốc hội|Nhà nước|Chương trình|Luật|Đảng|Tết|Bác Hồ|Chủ tịch|Nhân dân|"
    r"Hội đồng|Tỉnh ủy|Tỉnh uỷ|Công an|Quân đội|Cuộc vận động|Ngày Quốc khánh|Tháng hành động)"
)


def lower_first(text: str) -> str:
    """Lowercase the first letter of a sentence-initial common word, keeping names and acronyms."""
    text = text.strip()
    if not text or _KEEP_CAPITAL.match(text):
        return text
    first = text.split()[0]
    if first.isupper() and len(first) > 1:
        return text
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    text = text.strip()
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
    return text


# Words a phrase can be cut before.
# fmt: off
_BEFORE = {
    "và", "trong", "theo", "nhằm", "để", "gắn", "đối", "của", "tại", "trên", "từ", "đến", "nhất",
    "thông", "bằng", "cho", "về", "hoặc", "khi", "nếu", "do", "vì", "giai", "thời", "năm",
}
# fmt: on


def shorten(text: str, words: int) -> str:
    """About `words` words at most, cut after a comma or semicolon or before a preposition, never inside
    a quotation (one that closes soon is kept whole)."""
    tokens = text.split()
    if len(tokens) <= words:
        return text
    depth, inside, cuts = 0, [], []
    for tok in tokens:
        inside.append(depth > 0)
        depth = max(0, depth + tok.count("“") - tok.count("”"))
    for n in range(3, min(words, len(tokens) - 1) + 1):  # keep tokens[:n]
        if inside[n] and "“" not in tokens[n]:
            continue
        if tokens[n - 1].endswith((",", ";")) or tokens[n].lower() in _BEFORE or tokens[n].startswith("“"):
            cuts.append(n)
    opened = [i for i in range(min(words, len(tokens))) if "“" in tokens[i]]
    if opened and inside[min(words, len(tokens) - 1)]:
        close = next((i + 1 for i in range(opened[-1], len(tokens)) if "”" in tokens[i]), None)
        if close is not None and close <= words + 10:
            cuts.append(close)
    n = max(cuts) if cuts else words
    return " ".join(tokens[:n]).rstrip(" ,;:")


def syllables(text: str) -> int:
    """Spoken syllables: one per word, numbers as read aloud (≈1.5 per digit), acronyms letter by letter."""
    count = 0
    for token in re.findall(r"\d+|[^\W\d_]+", text):
        if token.isdigit():
            count += max(1, math.ceil(len(token) * 1.5))
        elif re.fullmatch(r"[IVXLC]+", token):
            count += 2
        elif token.isupper() and len(token) > 1:
            count += len(token)
        else:
            count += 1
    return count


def reading_seconds(text: str) -> int:
    """Reading time at WORDS_PER_MINUTE (one Vietnamese syllable = one word)."""
    return max(5, round(syllables(text) * 60 / WORDS_PER_MINUTE))
