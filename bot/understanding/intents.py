"""Intent classification of officers' messages.

Done / not-done is decided by rules, never by a fuzzy score: a negator before a report verb
makes a message "not done"; a sentence-final "chưa/không", a question mark or a question word
makes it a question. Fuzzy matching (rapidfuzz) only sorts the non-report intents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.understanding.fold import (
    ABBREVIATIONS,
    _fix_word,
    _strip_word,
    has_marks,
    nfc,
    repair_encoding,
    tokens,
)

__all__ = ["INTENTS", "Intent", "Token", "analyze", "classify", "extract_count"]

INTENTS = (
    "report_done",
    "report_not_done",
    "undo_report",
    "ask_week",
    "ask_pending",
    "help",
    "greeting",
    "search",
)


@dataclass(frozen=True, slots=True)
class Intent:
    intent: str
    score: float
    count: int | None = None

    def to_contract(self, text: str) -> dict[str, object]:
        return {"text": text, "intent": self.intent, "score": round(self.score, 3), "count": self.count}


@dataclass(frozen=True, slots=True)
class Token:
    word: str  # folded
    marked: bool  # the original carried Vietnamese marks
    original: str


_EMOJI = {
    "✅": "xong", "✔": "xong", "☑": "xong", "👌": "ok", "👍": "ok", "🆗": "ok",
    "❌": "chua", "✖": "chua", "🙏": "cam on", "👋": "chao", "❓": "?", "❔": "?",
}  # fmt: skip
_EMOJI_RE = re.compile("|".join(map(re.escape, _EMOJI)))

# Abbreviations that would be wrong inside this classifier's rules.
_ABBR = {k: v for k, v in ABBREVIATIONS.items() if k not in ("a", "e", "v", "z", "pccc")}


def analyze(text: str) -> tuple[list[Token], bool]:
    """Tokens of a message (folded, abbreviations expanded) and whether it carries a question mark."""
    text = nfc(repair_encoding(nfc(text)))
    text = _EMOJI_RE.sub(lambda m: f" {_EMOJI[m.group(0)]} ", text)
    question_mark = "?" in text
    out: list[Token] = []
    for word in tokens(text):
        fixed = _fix_word(word)
        marked = has_marks(fixed)
        low = fixed.lower()
        folded = _strip_word(fixed)
        expansion = _ABBR.get(low) if not marked or low in _ABBR else None
        if expansion is None and not marked and folded in _ABBR:
            expansion = _ABBR[folded]
        if expansion:
            out.extend(Token(w, False, word) for w in expansion.split())
        else:
            out.append(Token(folded, marked, word))
    return out, question_mark


# ---------------------------------------------------------------------------- vocab

_NEGATORS = {"chua", "khong", "chang", "cha", "hong", "hem", "khg", "ch", "deo", "dek"}
_MARKED_NEGATORS = {"chưa", "không", "chẳng", "chả", "hông", "hổng", "hem", "khôg", "khônG", "đéo"}
_VERBS = {
    "thuc hien", "phat", "phat song", "phat thanh", "doc", "tuyen truyen", "lam", "trien khai",
    "tiep song", "dua tin", "phat loa", "thong bao", "bao cao", "bc", "phat tin", "tien hanh",
}  # fmt: skip
_DONE_MARKERS = {"xong", "roi", "hoan thanh", "hoan tat", "ok", "da"}
_DONE_WORDS = {"xong", "roi", "hoan"}
_FUTURE = {
    "se", "sap", "dang", "chuan bi", "dinh", "mai", "chieu nay", "toi nay", "tuan sau", "lat nua", "ti nua",
    "de chieu", "de mai", "de toi", "de sang", "de sau",
}  # fmt: skip
_TROUBLE = (
    "loa khong", "loa hong", "loa hu", "hu loa", "hong loa", "mat dien", "cup dien", "su co", "mat song",
    "khong hoat dong", "bi hong", "bi hu", "loa bi", "quen", "bo lo", "lo mat", "khong kip", "chua kip",
)  # fmt: skip
_QUESTION_WORDS = {
    "gi",
    "nao",
    "bao gio",
    "khi nao",
    "the nao",
    "bao nhieu",
    "phai khong",
    "dung khong",
    "co phai",
    "hay khong",
    "lam sao",
}
_INDEFINITE = {"gi", "nao"}  # after a negator: "chưa phát buổi nào" = none at all
_TRAILING = {
    "a",
    "nhe",
    "nha",
    "nhi",
    "vay",
    "oi",
    "day",
    "anh",
    "chi",
    "em",
    "admin",
    "ad",
    "bot",
    "ah",
    "u",
    "ak",
    "ca",
}
_MARKED_QUESTION_PARTICLES = {"à", "hả", "nhỉ", "chứ", "hở", "ư", "chăng"}
_UNMARKED_QUESTION_PARTICLES = {"ha", "ha?", "nhi", "chu"}
_POLITE_DA = {"em", "vang", "a", "anh", "chi", "con", "chau", "thua", "da"}

_COMMANDS = {
    "tuannay": "ask_week", "chualam": "ask_pending", "huy": "undo_report", "trogiup": "help", "help": "help",
    "start": "greeting", "baocao": "report_done", "timkiem": "search",
}  # fmt: skip

_PATTERNS: dict[str, tuple[str, ...]] = {
    "ask_week": (
        "tuan nay phat gi", "tuan nay co gi", "tuan nay doc gi", "noi dung tuan nay", "lich phat tuan nay",
        "hom nay phat gi", "hom nay doc gi", "tuan nay tuyen truyen gi", "phat noi dung gi", "co van ban moi khong",
        "co gi moi khong", "can phat gi", "phai phat gi", "doc noi dung gi", "tuan nay co van ban nao",
        "lich tuyen truyen", "tuyen truyen gi", "nhiem vu tuan nay", "tuan nay lam gi", "cong van tuan nay",
    ),
    "ask_pending": (
        "con gi chua lam", "con gi chua phat", "con van ban nao chua", "nhung viec chua thuc hien",
        "con thieu gi", "con no gi", "viec ton", "chua bao cao cai nao", "danh sach chua lam", "con bao nhieu viec",
        "nhung gi chua xong", "cai nao chua xong", "con gi nua khong", "con viec gi",
    ),
    "help": (
        "tro giup", "huong dan", "help", "giup toi voi", "lam sao de bao cao", "cach dung", "dung the nao",
        "bot lam duoc gi", "su dung nhu the nao", "khong biet dung", "chi toi cach", "lenh", "menu",
    ),
    "greeting": (
        "xin chao", "chao", "chao bot", "hello", "hi", "alo", "cam on", "ok", "vang", "da vang", "chao buoi sang",
        "chuc mot ngay tot lanh", "cam on nhieu", "khong co gi", "tam biet", "hey", "good morning", "da",
    ),
}  # fmt: skip
_PATTERN_LIST = [(intent, p) for intent, ps in _PATTERNS.items() for p in ps]
_PATTERN_TEXTS = [p for _, p in _PATTERN_LIST]

_UNDO = re.compile(
    r"\b(huy bao cao|huy bc|huy xac nhan|huy (?:cai|lan) (?:vua|nay)|bao nham|nham roi|bam nham|an nham|bao cao nham|"
    r"rut lai|hoan tac|xoa bao cao|undo|sua lai bao cao|chua (?:phat|lam|thuc hien) ma bam|bam lon|an lon)\b|^huy$"
)
_WEEK = re.compile(
    r"\b(tuan nay|hom nay|tuan toi|tuan sau|thang nay)\b.*\b(gi|nao|chua|khong|noi dung|lich)\b|"
    r"\b(phat|doc|tuyen truyen|lam|thuc hien|can|phai|co)\b (?:\w+ )?(gi|noi dung gi|cai gi|bai nao|van ban nao)\b|"
    r"\b(lich phat|noi dung tuan nay|lich tuyen truyen|co (?:van ban|cong van|nhiem vu|gi) moi)\b"
)
_PENDING = re.compile(
    r"\b(con|nhung|cai|van ban|viec|danh sach)\b.*\bchua (?:lam|phat|thuc hien|bao cao|xong|doc|tuyen truyen)\b|"
    r"\b(con (?:thieu|no|ton|lai|viec|bao nhieu)|viec ton|chua (?:lam|phat|thuc hien|bao cao|xong) (?:nhung )?(?:gi|cai nao|van ban nao|nao))\b"
)
_HELP = re.compile(
    r"^(?:tro giup|huong dan.*|help|menu|lenh)$|\b(lam sao de|lam the nao de|cach (?:dung|su dung|bao cao|lam)|"
    r"(?:khong|chua) biet (?:dung|su dung|lam sao|bao cao)|dung (?:the nao|nhu the nao|sao)|su dung (?:the nao|nhu the nao)|"
    r"bot (?:lam|co the lam) (?:duoc )?gi|chi (?:toi|em|minh) cach)\b"
)
_THANKS = re.compile(
    r"^(?:vang |da )*(?:khong co gi|khong sao|cam on.*|ok cam on|chuc (?:mung|anh|chi|em|moi nguoi|ca nha|buoi|ngay|mot).*)$"
)
_ANCHOR = re.compile(r"\b(tuan nay|hom nay|lich phat|lich tuyen truyen|viec ton|con no|con thieu|chua lam)\b")
_COUNT_UNITS = r"(?:buoi|lan|luot|dot|ban tin|tin|cu|ca|chuong trinh|bai|suat)"
_NUMBER_WORDS = {
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}  # fmt: skip
_COUNT = re.compile(rf"\b(\d{{1,3}}|{'|'.join(_NUMBER_WORDS)})\s+{_COUNT_UNITS}\b")
_COUNT_X = re.compile(r"\b(?:phat|doc|thuc hien)\s+(?:duoc\s+)?(\d{1,3})\b(?!\s*(?:/|ngay|thang|h\b|gio))")


def extract_count(folded: str) -> int | None:
    """The number of broadcasts stated ("đã phát 3 buổi", "hai lần"), or None."""
    m = _COUNT.search(folded)
    if m:
        value = m.group(1)
        n = int(value) if value.isdigit() else _NUMBER_WORDS[value]
        return n if 0 < n <= 500 else None
    m = _COUNT_X.search(folded)
    if m:
        n = int(m.group(1))
        return n if 0 < n <= 100 else None
    return None


def _joined(words: list[str]) -> str:
    return " ".join(words)


def _spans(words: list[str], vocab: set[str]) -> list[int]:
    """Indices where a (one- or two-word) vocabulary entry starts."""
    hits = []
    for i, w in enumerate(words):
        if w in vocab or (i + 1 < len(words) and f"{w} {words[i + 1]}" in vocab):
            hits.append(i)
    return hits


def _strip_trailing(toks: list[Token]) -> list[Token]:
    out = list(toks)
    while len(out) > 1 and out[-1].word in _TRAILING and out[-1].original.lower() not in ("ko", "k"):
        out.pop()
    return out


def _is_question(toks: list[Token], words: list[str], qmark: bool) -> bool:
    if qmark:
        return True
    last = [t.original.lower() for t in toks[-2:]]
    if any(w in _MARKED_QUESTION_PARTICLES for w in last):
        return True
    if toks and toks[-1].original.lower() in _UNMARKED_QUESTION_PARTICLES and len(toks) >= 2:
        return True
    core = _strip_trailing(toks)
    content = _core_words(words)
    if (
        len(content) >= 2
        and core[-1].word in ("chua", "khong")
        and core[-1].original.lower() not in ("k", "ch")
    ):
        return True
    first_neg = next((i for i, w in enumerate(words) if w in _NEGATORS), None)
    for i, w in enumerate(words):
        if w in _INDEFINITE and first_neg is not None and first_neg < i:
            continue
        if w in _QUESTION_WORDS:
            return True
    text = _joined(words)
    return any(" " in q and f" {q} " in f" {text} " for q in _QUESTION_WORDS)


def _core_words(words: list[str]) -> list[str]:
    core = [w for w in words if w not in ("vang", "thua", "da_")]
    while len(core) > 1 and core[-1] in _TRAILING:
        core.pop()
    return core


def _negated(words: list[str], toks: list[Token]) -> bool:
    """A negator governs a report verb or completion marker within four words after it."""
    core_len = len(_strip_trailing(toks))
    targets = set(_spans(words, _VERBS)) | {i for i, w in enumerate(words) if w in ("xong", "hoan", "duoc")}
    for i, w in enumerate(words[:core_len]):
        if w in _NEGATORS and i < core_len - 1 and any(i < j <= i + 4 for j in targets):
            return True
    tail = _joined([t.word for t in _strip_trailing(toks)])
    if re.search(r"\b(dau co|co dau|dau)$", tail) and targets:
        return True
    core = _core_words(words)
    return len(core) == 1 and core[0] in _NEGATORS


def classify(text: str) -> Intent:
    """Classify one message. See module docstring for the rules."""
    stripped = text.strip()
    if stripped.startswith("/"):
        command = stripped[1:].split()[0].split("@")[0].lower() if len(stripped) > 1 else ""
        if command in _COMMANDS:
            return Intent(_COMMANDS[command], 1.0)
    toks, qmark = analyze(text)
    if not toks:
        return Intent("greeting", 0.5)
    # "dạ" (yes, polite) is not "đã" (done); only the unmarked "da" is ambiguous.
    # "chữa" (to fix) is not the negator "chưa": a marked negator must be a real one.
    words: list[str] = []
    for i, t in enumerate(toks):
        nxt = toks[i + 1].word if i + 1 < len(toks) else ""
        if t.word == "da" and (
            t.original.lower() == "dạ" or (not t.marked and i == 0 and (nxt in _POLITE_DA or not nxt))
        ):
            words.append("vang")
        elif t.word in _NEGATORS and t.marked and t.original.lower() not in _MARKED_NEGATORS:
            words.append(t.word + "_")
        else:
            words.append(t.word)
    folded = _joined(words)
    count = extract_count(folded)

    if _UNDO.search(folded):
        return Intent("undo_report", 1.0)
    if _HELP.search(folded):
        return Intent("help", 0.95)
    if _THANKS.match(folded):
        return Intent("greeting", 0.95)

    question = _is_question(toks, words, qmark)
    negated = _negated(words, toks)
    verbs = _spans(words, _VERBS)
    markers = _spans(words, _DONE_MARKERS) + [
        i for i, w in enumerate(words) if w == "duoc" and any(v < i for v in verbs)
    ]
    plain = folded.replace("_", "")
    trouble = any(f" {p} " in f" {plain} " for p in _TROUBLE)
    futures = _spans(words, _FUTURE)
    future = any(0 < j - f <= 3 for f in futures for j in [*verbs, *markers])

    if _PENDING.search(folded) and (question or any(w in ("con", "nhung", "nao", "gi") for w in words)):
        return Intent("ask_pending", 0.95)
    if _WEEK.search(folded) and not negated and (question or not verbs or "gi" in words or "nao" in words):
        return Intent("ask_week", 0.95)
    if question:
        if verbs or markers:
            return Intent("ask_pending", 0.8)
        return _fuzzy(folded, default="search", question=True)
    if trouble or negated:
        return Intent("report_not_done", 0.95)
    if verbs or markers:
        done_after_verb = any(m > v for m in markers for v in verbs) or any(words[m] == "da" for m in markers)
        bare_marker = (
            not verbs
            and markers
            and len(words) <= 5
            and any(words[m] in ("xong", "roi", "hoan") for m in markers)
        )
        if future:
            return Intent("report_not_done", 0.85)
        if done_after_verb or bare_marker:
            return Intent("report_done", 1.0, count)
        if verbs and any(w in ("xin", "muon", "gui") for w in words) and "bao cao" in folded:
            return Intent("report_done", 0.8, count)
        if count is not None:
            return Intent("report_done", 0.9, count)
    return _fuzzy(
        folded, default="search" if len(words) >= 2 or len(words[0]) >= 3 else "greeting", question=False
    )


def _fuzzy(folded: str, default: str, question: bool) -> Intent:
    best = process.extractOne(
        folded, _PATTERN_TEXTS, scorer=fuzz.token_set_ratio, processor=None, score_cutoff=80
    )
    if best is not None:
        intent = _PATTERN_LIST[best[2]][0]
        pattern_len = len(best[0].split())
        # a short greeting pattern inside a long message is a search, not a greeting
        if intent == "greeting" and len(folded.split()) > pattern_len + 3:
            return Intent(default, 0.6)
        # asking what to broadcast needs a question; a bare topic is a search
        if intent in ("ask_week", "ask_pending") and not question and not _ANCHOR.search(folded):
            return Intent(default, 0.6)
        return Intent(intent, best[1] / 100)
    return Intent(default, 0.6)
