"""Intent classification of officers' messages.

Done / not-done is decided by rules, never by a fuzzy score: a negator before a report verb
makes a message "not done"; a sentence-final "chưa/không", a question mark or a question word
makes it a question; a zero ("0 buổi", "không buổi nào"), "đâu mà", a far negation ("tưởng … hóa ra
chưa"), an intention or a condition ("định", "sẽ", "nếu có điện thì mai phát") is never done.
A "done" carries `confirm` unless it is an unambiguous report (see `intent_extras.needs_confirm`).
Fuzzy matching (rapidfuzz) only sorts the non-report intents. Vocabulary shared with the report
reader lives in `cues.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from bot.lang.fold import _fix_word, _strip_word, has_marks, nfc, repair_encoding, tokens
from bot.understanding.cues import ABBR as _ABBR
from bot.understanding.cues import BROKEN_AFTER as _BROKEN_AFTER
from bot.understanding.cues import EMOJI as _EMOJI
from bot.understanding.cues import EMOJI_RE as _EMOJI_RE
from bot.understanding.cues import FUTURE as _FUTURE
from bot.understanding.cues import MARKED_NEGATORS as _MARKED_NEGATORS
from bot.understanding.cues import NEGATORS as _NEGATORS
from bot.understanding.cues import TROUBLE as _TROUBLE
from bot.understanding.cues import UNDO as _UNDO
from bot.understanding.cues import VERBS as _VERBS
from bot.understanding.cues import extract_count, never_done
from bot.understanding.cues import spans as _spans
from bot.understanding.intent_extras import choice_of, mixed_report, needs_confirm, week_offset

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
    confirm: bool = False  # a "done" the bot should confirm with one tap before recording it
    week_offset: int = 0  # ask_week: 0 this week, +1 next week, -1 last week
    choice: int | None = None  # the message is just a number from the last list ("2", "số 2")

    def to_contract(self, text: str) -> dict[str, object]:
        return {
            "text": text,
            "intent": self.intent,
            "score": round(self.score, 3),
            "count": self.count,
            "confirm": self.confirm and self.intent == "report_done",
        }


@dataclass(frozen=True, slots=True)
class Token:
    word: str  # folded
    marked: bool  # the original carried Vietnamese marks
    original: str


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
        if folded == "hong" and not marked and out and out[-1].word in _BROKEN_AFTER:
            out.append(Token("hu", False, word))  # "loa hong": broken, not the slang "không"
        elif expansion:
            out.extend(Token(w, False, word) for w in expansion.split())
        else:
            out.append(Token(folded, marked, word))
    return out, question_mark


# ---------------------------------------------------------------------------- vocab (shared: cues.py)

_DONE_MARKERS = {"xong", "roi", "hoan thanh", "hoan tat", "ok", "da"}
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


def _joined(words: list[str]) -> str:
    return " ".join(words)


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
    result = _classify(text)
    choice = choice_of(text)
    return replace(result, choice=choice) if choice is not None else result


def _classify(text: str) -> Intent:
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
        return _mixed(text, qmark) or Intent("ask_pending", 0.95)
    if _WEEK.search(folded) and not negated and (question or not verbs or "gi" in words or "nao" in words):
        return Intent("ask_week", 0.95, week_offset=week_offset(folded))
    if not qmark and (verbs or markers) and never_done(plain):
        # zero, "đâu mà", "tưởng … hóa ra chưa", "định", "nếu … thì": never done
        return _mixed(text, qmark) or Intent("report_not_done", 0.9)
    if question:
        if verbs or markers:
            return _mixed(text, qmark) or Intent("ask_pending", 0.8)
        return _fuzzy(folded, default="search", question=True)
    if trouble or negated:
        return _mixed(text, qmark) or Intent("report_not_done", 0.95)
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
        score = 0.0
        if done_after_verb or bare_marker:
            score = 1.0
        elif verbs and any(w in ("xin", "muon", "gui") for w in words) and "bao cao" in folded:
            score = 0.8
        elif count is not None:
            score = 0.9
        if score:
            return Intent(
                "report_done", score, count, confirm=needs_confirm(words, plain, score, bool(verbs))
            )
    return _fuzzy(
        folded, default="search" if len(words) >= 2 or len(words[0]) >= 3 else "greeting", question=False
    )


_CLAUSES = re.compile(r"[,;.\n:]|\b(?:còn|con|nhưng|nhung|riêng|rieng|và|va)\b", re.IGNORECASE)


def _mixed(text: str, qmark: bool) -> Intent | None:
    """A report that says some directives are done and names others that are not: a "done" to read closely."""
    if qmark or not _CLAUSES.search(nfc(text)) or not mixed_report(text):
        return None
    return Intent("report_done", 0.9, None, confirm=True)


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
        return Intent(intent, best[1] / 100, week_offset=week_offset(folded) if intent == "ask_week" else 0)
    return Intent(default, 0.6)
