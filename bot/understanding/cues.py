"""Words and rules shared by the intent classifier and the report reader.

Everything here works on folded words (see `fold.py`): marks removed, lowercase, chat
abbreviations expanded. `scan()` keeps each word's span in the (encoding-repaired, NFC) text so
that a reason can be quoted in the officer's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from bot.lang.fold import ABBREVIATIONS, _fix_word, _strip_word, has_marks, nfc, repair_encoding

__all__ = [
    "ABBR",
    "BROKEN_AFTER",
    "COUNT",
    "EMOJI",
    "EMOJI_RE",
    "FUTURE",
    "MARKED_NEGATORS",
    "NEGATORS",
    "NUMBER_WORDS",
    "TROUBLE",
    "TROUBLE_RE",
    "UNDO",
    "VERBS",
    "Scan",
    "Tok",
    "extract_count",
    "hedged",
    "never_done",
    "scan",
    "spans",
    "typed",
]

EMOJI = {
    "✅": "xong", "✔": "xong", "☑": "xong", "👌": "ok", "👍": "ok", "🆗": "ok",
    "❌": "chua", "✖": "chua", "🙏": "cam on", "👋": "chao", "❓": "?", "❔": "?",
}  # fmt: skip
EMOJI_RE = re.compile("|".join(map(re.escape, EMOJI)))

# Abbreviations that would be wrong inside the rules ("a", "e" are mostly ạ/ê typed bare).
ABBR = {k: v for k, v in ABBREVIATIONS.items() if k not in ("a", "e", "v", "z", "pccc")}

NEGATORS = {"chua", "khong", "chang", "cha", "hong", "hem", "khg", "ch", "deo", "dek"}
MARKED_NEGATORS = {"chưa", "không", "chẳng", "chả", "hông", "hổng", "hem", "khôg", "khônG", "đéo"}
VERBS = {
    "thuc hien", "phat", "phat song", "phat thanh", "doc", "tuyen truyen", "lam", "trien khai",
    "tiep song", "dua tin", "phat loa", "thong bao", "bao cao", "bc", "phat tin", "tien hanh",
}  # fmt: skip
FUTURE = {
    "se", "sap", "dang", "chuan bi", "dinh", "mai", "chieu nay", "toi nay", "tuan sau", "lat nua", "ti nua",
    "de chieu", "de mai", "de toi", "de sang", "de sau",
}  # fmt: skip
TROUBLE = (
    "loa khong", "loa hong", "loa hu", "hu loa", "hong loa", "mat dien", "cup dien", "su co", "mat song",
    "khong hoat dong", "bi hong", "bi hu", "loa bi", "quen", "bo lo", "lo mat", "khong kip", "chua kip",
)  # fmt: skip
UNDO = re.compile(
    r"\b(huy bao cao|huy bc|huy xac nhan|huy (?:cai|lan) (?:vua|nay)|bao nham|nham roi|bam nham|an nham|bao cao nham|"
    r"rut lai|hoan tac|xoa bao cao|undo|sua lai bao cao|chua (?:phat|lam|thuc hien) ma bam|bam lon|an lon)\b|^huy$|"
    r"\bnham\b(?: \w+){0,3} huy\b|^huy(?: \w+){0,3} nham\b"
)
TROUBLE_RE = re.compile(r"\b(?:" + "|".join(TROUBLE) + r")\b")
NUMBER_WORDS = {
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}  # fmt: skip
COUNT_UNITS = r"(?:buoi|lan|luot|dot|ban tin|tin|cu|ca|chuong trinh|bai|suat)"
COUNT = re.compile(rf"\b(\d{{1,3}}|{'|'.join(NUMBER_WORDS)})\s+{COUNT_UNITS}\b")
_COUNT_X = re.compile(r"\b(?:phat|doc|thuc hien)\s+(?:duoc\s+)?(\d{1,3})\b(?!\s*(?:/|ngay|thang|h\b|gio))")
_ZERO = re.compile(
    rf"\b(?:0|khong) {COUNT_UNITS}\b|\bchua (?:duoc )?(?:mot )?{COUNT_UNITS} nao\b|\b{COUNT_UNITS} nao (?:ca|dau)\b"
)
# "mỗi ngày 2 buổi", "2 buổi / ngày": a rate, not a number of broadcasts
_RATE = re.compile(rf"\bmoi (?:ngay|tuan|sang|chieu|toi|hom)\b|{COUNT_UNITS} / (?:ngay|tuan)\b")


def extract_count(folded: str) -> int | None:
    """The number of broadcasts stated ("đã phát 3 buổi", "hai lần"), or None (also for a zero or a rate)."""
    if _RATE.search(folded):
        return None
    m = COUNT.search(folded)
    if m:
        value = m.group(1)
        n = int(value) if value.isdigit() else NUMBER_WORDS[value]
        return n if 0 < n <= 500 else None
    m = _COUNT_X.search(folded)
    if m:
        n = int(m.group(1))
        return n if 0 < n <= 100 else None
    return None


def spans(words: list[str], vocab: set[str]) -> list[int]:
    """Indices where a (one- or two-word) vocabulary entry starts."""
    hits = []
    for i, w in enumerate(words):
        if w in vocab or (i + 1 < len(words) and f"{w} {words[i + 1]}" in vocab):
            hits.append(i)
    return hits


# ---------------------------------------------------------------------------- never done

_DONE_ISH = r"(?:phat|thuc hien|lam|doc|xong|duoc|tuyen truyen|trien khai|bao)"
# "đâu mà", "có đâu", "làm gì có", "được đâu", a report verb + "đâu" at the end; "đầu tuần" is not "đâu"
_DAU = re.compile(
    rf"\bdau (?:ma|co)\b|\bco dau\b|\bgi dau\b|\blam gi (?:co|da)\b|\b{_DONE_ISH} dau(?! (?:tuan|thang|nam|gio|tien|buoi|ngay|ky))\b"
)
# "tưởng đã phát nhưng hóa ra chưa": the report is what the officer thought, not what happened
_FAR = re.compile(
    r"\b(?:tuong|cu tuong|ai bao)\b.*\b(?:da|xong|roi|phat|thuc hien)\b|\bhoa ra (?:chua|khong|van chua)\b|"
    r"\b(?:nhung|ma) (?:van )?(?:chua|khong) (?:xong|duoc|phat|thuc hien|lam)\b"
)
# conditions and intentions: "nếu có điện thì mai phát", "dự kiến", "đợi có file rồi phát"
_INTENT = re.compile(
    r"\b(?:neu|dinh (?:phat|doc|lam|thuc hien|tuyen truyen|mai|chieu|toi|sang|se|trien khai)|du kien|du dinh|(?<!chia )se|"
    r"sap(?! nhap| xep)|chuan bi|de mai|de chieu|de toi|de sang|doi co|doi den|"
    r"cho co|cho den|khi nao co|bao gio co)\b|\b(?:mai|chieu nay|toi nay|sang mai|tuan sau|lat nua)\b.*\bmoi\b"
)


# every pattern above holds one of these words (a cheap test before the regular expressions)
_NEVER_WORDS = frozenset({
    "0", "khong", "nao", "dau", "gi", "tuong", "hoa", "nhung", "ma", "neu", "dinh", "du", "se", "sap", "chuan",
    "de", "doi", "cho", "khi", "bao", "moi", "ai",
})  # fmt: skip


def never_done(folded: str) -> bool:
    """A zero count, "đâu mà", a far negation or an intention/condition: never a report of done."""
    if _NEVER_WORDS.isdisjoint(folded.split()):
        return False
    return bool(_ZERO.search(folded) or _DAU.search(folded) or _FAR.search(folded) or intention(folded))


def intention(folded: str) -> bool:
    return bool(_INTENT.search(folded))


_HEDGES = re.compile(
    r"\b(?:chac(?: la)?|hinh nhu|co le|khoang|tam tam|gan nhu|hau nhu|nghi la|nho la|chac chan chua|"
    r"tat ca|het ca|toan bo|moi thu|mot phan|mot nua|(?:duoc|phat) mot it|ko ro|khong ro|quen roi)\b"
)


def hedged(folded: str) -> bool:
    """A done said with doubt, as a mass report or as a part: the bot asks before recording it."""
    return bool(_HEDGES.search(folded))


# ---------------------------------------------------------------------------- scanning with spans

_RUN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_SENTENCE = re.compile(r"[.!?;\n…]")
_SEGMENT = re.compile(r"[,:()\[\]–—+&]|\s-\s|^-|\s-$")
# "hỏng" typed as "hong" after these words means broken, not the slang "không"
BROKEN_AFTER = {"loa", "bi", "may", "amply", "ampli", "mic", "micro", "cum", "cot", "day", "thiet bi", "dai"}
DOC_KINDS = {
    "cv": "cong van", "kh": "ke hoach", "nq": "nghi quyet", "ct": "chi thi", "qd": "quyet dinh",
    "tb": "thong bao", "hd": "huong dan", "kl": "ket luan", "vb": "van ban",
}  # fmt: skip
EXTRA_ABBR = {
    "bhyt": "bao hiem y te", "bhxh": "bao hiem xa hoi", "mttq": "mat tran to quoc", "dbqh": "dai bieu quoc hoi",
    "hg": "hong", "pccc": "phong chay chua chay",
}  # fmt: skip


class Tok(NamedTuple):
    word: str  # folded (one word of an expansion)
    key: str  # the word for rules: "vang" for a polite "dạ", "chua_" for "chữa" …
    original: str  # the surface word it came from
    marked: bool
    start: int  # span of the surface word in Scan.text
    end: int
    brk: int  # break before: 0 none, 1 clause (comma, colon …), 2 sentence (. ! ? ; newline)
    slash: bool  # a "/" or "-" right before (document numbers, dates)
    qmark: bool  # a "?" right after


@dataclass(frozen=True, slots=True)
class Scan:
    text: str
    toks: list[Tok]


def _expansion(low: str, folded: str, marked: bool, prev: str, nxt: str) -> str | None:
    if low in DOC_KINDS and (prev.isdigit() or nxt.isdigit()):
        return DOC_KINDS[low]
    if folded == "hong" and prev in BROKEN_AFTER:
        return "hong"
    if low in EXTRA_ABBR and not marked:
        return EXTRA_ABBR[low]
    if not marked or low in ABBR:
        return ABBR.get(low) or (ABBR.get(folded) if not marked else None)
    return None


@lru_cache(maxsize=65536)
def _info(word: str) -> tuple[bool, str, str]:
    """(marked, lowercase, folded) of a surface word, Telex leftovers fixed."""
    fixed = _fix_word(word)
    return has_marks(fixed), fixed.lower(), _strip_word(fixed)


def typed(tok: Tok) -> str:
    """The word as the officer meant it, lowercase: marks kept, Telex leftovers fixed ("vif" → "vì")."""
    return _info(tok.original)[1]


def _break(gap: str) -> int:
    if gap == " " or not gap:
        return 0
    return 2 if _SENTENCE.search(gap) else 1 if _SEGMENT.search(gap) else 0


def scan(text: str) -> Scan:
    """Words of a message with their spans, folded, Telex fixed and abbreviations expanded."""
    text = nfc(text)
    if not text.isascii():
        text = EMOJI_RE.sub(lambda m: f" {EMOJI[m.group(0)]} ", text)
        # line by line: a pasted legacy-encoded line is repaired without decoding the whole report
        text = "\n".join(
            nfc(repair_encoding(line)) if not line.isascii() else line for line in text.split("\n")
        )
    runs = list(_RUN.finditer(text))
    words = [m.group(0) for m in runs]
    infos = [_info(w) for w in words]
    ends = [0] + [m.end() for m in runs]
    gaps = [text[ends[n] : m.start()] for n, m in enumerate(runs)] + [text[ends[-1] :]]
    toks: list[Tok] = []
    prev_word = ""
    for n, m in enumerate(runs):
        word = words[n]
        gap = gaps[n]
        brk = 2 if n == 0 else _break(gap)
        marked, low, folded = infos[n]
        nxt = words[n + 1].lower() if n + 1 < len(runs) else ""
        nxt_folded = infos[n + 1][2] if nxt else ""
        exp = _expansion(low, folded, marked, prev_word, nxt)
        parts = exp.split() if exp else [folded]
        qmark = "?" in gaps[n + 1]
        last = len(parts) - 1
        first = brk == 2
        start, end = m.start(), m.end()
        slash = gap in ("/", "-")
        for j, part in enumerate(parts):
            key = "hu" if exp == "hong" else _rule_key(part, low, marked, first and j == 0, nxt_folded)
            toks.append(
                Tok(
                    part,
                    key,
                    word,
                    marked and not exp,
                    start,
                    end,
                    brk if j == 0 else 0,
                    slash and j == 0,
                    qmark and j == last,
                )
            )
        prev_word = folded
    return Scan(text, toks)


_POLITE_DA = {"em", "vang", "a", "anh", "chi", "con", "chau", "thua", "da"}


def _rule_key(part: str, low: str, marked: bool, first: bool, nxt: str) -> str:
    """The word as the rules see it: "dạ" (polite yes) is not "đã"; "chữa" is not the negator "chưa"."""
    if part != "da" and part not in NEGATORS:
        return part
    if part == "da" and (low == "dạ" or (not marked and first and (nxt in _POLITE_DA or not nxt))):
        return "vang"
    if part in NEGATORS and marked and low not in MARKED_NEGATORS:
        return part + "_"
    return part
