"""Which of an officer's directives a stretch of a message names: by number or by subject words.

Numbers ("công văn 2345", "KH 113", "NQ 67", "2401") match a directive's own number or a document
its subject cites ("Kế hoạch số 113-KH/TU"). Words match by the best window of a directive's
subject or topic titles holding the most of them (subject over topics); typos are corrected
against the directives' own vocabulary (rapidfuzz). A stretch fitting several directives equally —
none covering more of its words, or the same words in a weightier place — names them all (tied).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Any, cast

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.lang.fold import _strip_word, has_marks, nfc
from bot.understanding.cues import COUNT_UNITS, DOC_KINDS, EXTRA_ABBR, Tok

__all__ = ["CHATTER", "Candidate", "Found", "Index", "index_of"]


@dataclass(frozen=True)
class Candidate:
    key: int
    number: str | None
    subject: str | None
    topics: Sequence[str] = ()


@dataclass(frozen=True, slots=True)
class Found:
    keys: tuple[int, ...]  # one: resolved; several: tied
    first: int  # token indices (inclusive) of the words that named it
    last: int
    by_number: bool


_RUN = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_DOC_ABBR = {
    **EXTRA_ABBR,
    "hdnd": "hoi dong nhan dan",
    "ubnd": "uy ban nhan dan",
    "cchc": "cai cach hanh chinh",
}
_KIND_WORDS = {v: ("cv" if k == "vb" else k) for k, v in DOC_KINDS.items()}
_UNITS = set(re.findall(r"[a-z]+", COUNT_UNITS))
_SUBJECT, _TOPIC = 1.0, 0.7


@lru_cache(maxsize=4096)
def _doc_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in _doc_marked(text) if w != ",")


@lru_cache(maxsize=4096)
def _doc_marked(text: str) -> tuple[str, ...]:
    """Folded words of a directive's text, with "," where a list separates them."""
    out: list[str] = []
    text = nfc(text)
    last = 0
    for m in _RUN.finditer(text):
        if "," in text[last : m.start()] and out:
            out.append(",")
        f = _strip_word(m.group(0))
        out.extend(_DOC_ABBR.get(f, f).split())
        last = m.end()
    return tuple(out)


_REF = re.compile(r"(\d+)\s*[-/]\s*([A-Za-zĐđ]+)|[Ss]ố\s+(\d+)")
_KIND_LETTERS = {
    "nq": "nq",
    "kh": "kh",
    "ct": "ct",
    "cv": "cv",
    "kl": "kl",
    "hd": "hd",
    "qd": "qd",
    "tb": "tb",
}


def _refs(text: str) -> list[tuple[int, str | None]]:
    """Document numbers a text cites: "Nghị quyết số 67-NQ/TU" → (67, "nq"); "Công văn số 2373" → (2373, "cv")."""
    out = []
    for m in _REF.finditer(nfc(text)):
        if m.group(1):
            kind = _KIND_LETTERS.get(_strip_word(m.group(2)), "cv" if m.group(2).isupper() else None)
            out.append((int(m.group(1)), kind))
        else:
            before = _doc_words(text[max(0, m.start() - 20) : m.start()])[-2:]
            out.append((int(m.group(3)), _KIND_WORDS.get(" ".join(before))))
    return out


def _own(number: str | None) -> tuple[int, str | None] | None:
    if not number:
        return None
    m = re.match(r"\s*(\d+)(?:\s*-\s*([A-Za-z]+))?", number)
    if not m:
        return None
    return int(m.group(1)), _KIND_LETTERS.get(m.group(2).lower()) if m.group(2) else None


# Words that carry no subject: report talk, pronouns, time, place.
CHATTER = {
    "da", "vang", "phat", "doc", "xong", "roi", "duoc", "buoi", "lan", "luot", "bai", "em", "anh", "chi", "minh",
    "toi", "tuan", "nay", "hom", "ngay", "sang", "chieu", "mai", "loa", "tren", "cua", "cac", "nhung",
    "mot", "thi", "la", "co", "ma", "va", "voi", "cung", "con", "nua", "them", "tiep", "het", "ca", "a", "nhe",
    "nha", "oi", "ah", "u", "xin", "gui", "ban", "tin", "chua", "khong", "moi", "phan", "muc",
    "vao", "luc", "gio", "h", "sau", "truoc", "trong", "cho", "de", "nen", "vi", "ro", "rang", "ve", "dau",
    "ai", "ok", "lai", "nam",
}  # fmt: skip
CHATTER_PAIRS = {
    "thuc hien", "tuyen truyen", "trien khai", "noi dung", "bao cao", "van ban", "cong van", "ke hoach",
    "nghi quyet", "chi thi", "quyet dinh", "thong bao", "huong dan", "phat thanh", "phat song", "truyen thanh",
    "he thong", "day du", "tat ca", "hoan thanh", "hoan tat", "can bo", "dong chi", "bo sung", "hom qua",
    "bao nhieu", "the nao", "dai xa", "ket qua", "tinh hinh", "nhu sau", "ly do", "hoa ra",
}  # fmt: skip
_PLACE = {"thon", "xa", "ban", "xom", "khoi", "lang", "huyen", "phuong", "to"}
# Words too common in directives to name one on their own.
_GENERIC = {
    "tinh", "lang", "son", "nam", "cac", "cap", "viec", "cong", "tac", "dan", "nhan", "xa", "thon", "huyen", "va",
    "cua", "dia", "dai", "bieu", "tang", "cuong", "phong", "chong", "quan", "ly", "dong", "tham", "gia", "nguoi",
    "to", "chuc", "he", "thong", "doi", "voi", "tren", "trong", "ve", "hoat", "ket", "qua", "xay", "dung",
    "nghi", "quyet", "thuc", "hien", "tuyen", "truyen", "ke", "hoach", "chi", "thi", "so", "dang",
}  # fmt: skip


# Pairs too common in directives (or in reports) to name one.
_GENERIC_PAIRS = {
    "he thong", "ket qua", "cong tac", "lang son", "dia ban", "nhan dan", "to chuc", "thuc hien", "tuyen truyen",
    "nghi quyet", "ke hoach", "chi thi", "phong chong", "tang cuong", "quan ly", "tinh lang", "cac cap", "dai bieu",
    "thong tin", "truyen thong", "van hoa", "xa hoi", "chinh tri", "nhan vien", "tham gia", "nguoi dan", "trien khai",
    "cong van", "van ban", "noi dung", "can bo", "dang vien", "thuong vu", "ban thuong", "tinh uy",
}  # fmt: skip


@dataclass(slots=True)
class _Entry:
    key: int
    fields: list[tuple[float, dict[str, list[int]]]]  # (weight, word → positions) per subject/topic


def index_of(candidates: Sequence[Candidate]) -> Index:
    """The index of a candidate set (kept for the next message of the same officer), built only when a
    message has words that could name something: "đã thực hiện" alone costs nothing."""
    rows = tuple((c.key, c.number, c.subject, tuple(c.topics)) for c in candidates)
    return cast(Index, _LazyIndex(rows))


class _LazyIndex:
    __slots__ = ("_real", "_rows")

    def __init__(self, rows: tuple[tuple[int, str | None, str | None, tuple[str, ...]], ...]) -> None:
        self._rows = rows
        self._real: Index | None = None

    def __getattr__(self, name: str) -> Any:
        if self._real is None:
            self._real = _cached(self._rows)
        return getattr(self._real, name)


@lru_cache(maxsize=256)
def _cached(rows: tuple[tuple[int, str | None, str | None, tuple[str, ...]], ...]) -> Index:
    return Index([Candidate(*row) for row in rows])


def _best_window(occ: list[tuple[int, str]], span: int) -> frozenset[str]:
    """The most distinct words found within `span` positions (occurrences sorted by position)."""
    counts: dict[str, int] = {}
    best_lo, best_hi, best_n = 0, 0, 0
    lo = 0
    for hi, (p, w) in enumerate(occ):
        counts[w] = counts.get(w, 0) + 1
        while p - occ[lo][0] >= span:
            old = occ[lo][1]
            counts[old] -= 1
            if not counts[old]:
                del counts[old]
            lo += 1
        if len(counts) > best_n:
            best_lo, best_hi, best_n = lo, hi, len(counts)
    return frozenset(w for _, w in occ[best_lo : best_hi + 1])


class Index:
    """The officer's candidate directives, prepared for matching."""

    def __init__(self, candidates: Sequence[Candidate]) -> None:
        self.entries: list[_Entry] = []
        self.numbers: dict[int, list[tuple[int, str, str | None]]] = {}
        self.where: dict[str, set[int]] = {}
        self.occ: dict[str, list[tuple[int, int, int]]] = {}  # word → (candidate, field, position)
        self.pair_at: dict[tuple[str, str], set[tuple[int, int]]] = {}  # neighbouring words → fields
        for n, c in enumerate(candidates):
            fields = []
            texts = [(_SUBJECT, c.subject or "")] + [(_TOPIC, t) for t in c.topics]
            for f, (weight, text) in enumerate(texts):
                words = _doc_words(text)
                pos: dict[str, list[int]] = {}
                i = 0
                for w in _doc_marked(text):
                    if w == ",":
                        pos.setdefault(",", []).append(i)  # a list item starts at i
                        continue
                    pos.setdefault(w, []).append(i)
                    self.where.setdefault(w, set()).add(n)
                    self.occ.setdefault(w, []).append((n, f, i))
                    i += 1
                items = set(pos.get(",", ()))
                for i in range(len(words) - 1):
                    self.pair_at.setdefault((words[i], words[i + 1]), set()).add((n, f))
                    if i + 2 in items and i + 2 < len(words):  # "phòng, chống đói, rét": chống … rét
                        self.pair_at.setdefault((words[i], words[i + 2]), set()).add((n, f))
                fields.append((weight, pos))
            self.entries.append(_Entry(c.key, fields))
            own = _own(c.number)
            if own:
                self.numbers.setdefault(own[0], []).append((n, "own", own[1]))
            for value, kind in _refs(c.subject or ""):
                self.numbers.setdefault(value, []).append((n, "subject", kind))
            for t in c.topics:
                for value, kind in _refs(t):
                    self.numbers.setdefault(value, []).append((n, "topic", kind))
        self.vocab = [w for w in self.where if w.isalpha() and len(w) >= 2]
        self._fixes: dict[tuple[str, str, str], str | None] = {}

    # ------------------------------------------------------------------ numbers

    def number_at(self, toks: Sequence[Tok], i: int) -> tuple[Found | None, bool, int]:
        """The directive a number token names: (found, strong, first token of the naming words).
        `strong` says the token reads as a document number (so an unmatched one names something unknown)."""
        tok = toks[i]
        prev = toks[i - 1].word if i > 0 else ""
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (tok.slash and prev.isdigit()) or (nxt is not None and nxt.slash and nxt.word.isdigit()):
            return None, False, i  # a date: 12/3
        if nxt is not None and (nxt.word in _UNITS or nxt.word in ("h", "gio", "phut")):
            return None, False, i  # a count or a time
        if prev in ("ngay", "thang", "nam", "luc", "gio", "tuan", "thu", "khoa", "ky", "tu", "den", "khoang"):
            return None, False, i
        first = i
        kind: str | None = None
        j = i - 1
        if j >= 0 and toks[j].word == "so":
            first, j = j, j - 1
        if j >= 1 and f"{toks[j - 1].word} {toks[j].word}" in _KIND_WORDS:
            kind, first = _KIND_WORDS[f"{toks[j - 1].word} {toks[j].word}"], j - 1
        if kind is None and nxt is not None and nxt.slash and i + 2 < len(toks):
            kind = _KIND_WORDS.get(f"{nxt.word} {toks[i + 2].word}")
        strong = kind is not None or first < i or len(tok.word) >= 3 or (nxt is not None and nxt.slash)
        if not strong:
            return None, False, i
        value = int(tok.word)
        scored: dict[int, float] = {}
        for n, where, ref_kind in self.numbers.get(value, []):
            if where == "own":
                s = 3.0 if kind in (None, "cv") or ref_kind in (None, kind) else 2.0
            elif where == "subject":
                s = 3.0 if kind == ref_kind else 2.5 if kind in (None, "cv") or ref_kind is None else 1.0
            else:
                s = 1.5 if kind == ref_kind else 1.0
            scored[n] = max(scored.get(n, 0.0), s)
        if not scored:
            return None, True, first
        best = max(scored.values())
        keys = tuple(self.entries[n].key for n, s in scored.items() if s == best)
        return Found(keys, first, i, True), True, first

    # ------------------------------------------------------------------ words

    @staticmethod
    def content(toks: Sequence[Tok], lo: int, hi: int, skip: set[int]) -> list[int]:
        """Indices of the words in [lo, hi) that may name a subject (report talk, places, counts left out)."""
        out: list[int] = []
        place = False
        for i in range(lo, hi):
            if i in skip:
                continue
            t = toks[i]
            w = t.word
            prev = toks[i - 1].word if i > lo else ""
            nxt = toks[i + 1].word if i + 1 < hi else ""
            if f"{w} {nxt}" in CHATTER_PAIRS or f"{prev} {w}" in CHATTER_PAIRS:
                continue
            if w.isdigit():
                if len(w) >= 2 and out and nxt not in _UNITS and not toks[i].slash:
                    out.append(i)
                continue
            capital = t.original[:1].isupper() and i > lo
            if place and capital:
                continue
            place = w in _PLACE
            if (
                (w == "xa" and nxt == "hoi")
                or (w == "ve" and prev == "bao")
                or (w == "so" and not nxt.isdigit() and prev == "doi")
            ):
                out.append(i)
            elif w == "dai" and t.original.lower() == "đài":
                continue
            elif w not in CHATTER:
                out.append(i)
        return out

    def _fix(self, word: str, left: str, right: str) -> str | None:
        """A directive word close to a misspelt one, preferring one that pairs with a neighbour."""
        key = (word, left, right)
        if key not in self._fixes:
            limit = 1 if len(word) <= 5 else 2
            near = process.extract(
                word, self.vocab, scorer=Levenshtein.distance, score_cutoff=limit, limit=40
            )
            paired = [w for w, _, _ in near if (left, w) in self.pair_at or (w, right) in self.pair_at]
            self._fixes[key] = paired[0] if paired else None
        return self._fixes[key]

    def words(self, toks: Sequence[Tok], idx: list[int]) -> list[str]:
        """The content words, typos corrected against the directives' vocabulary."""
        words = [toks[i].word for i in idx]
        for n, i in enumerate(idx):
            w = words[n]
            left = words[n - 1] if n else ""
            right = words[n + 1] if n + 1 < len(words) else ""
            if w in self.where and (
                (left, w) in self.pair_at or (w, right) in self.pair_at or not (left or right)
            ):
                continue
            raw = _strip_word(toks[i].original)
            if w in self.where and raw == w:
                continue
            if len(raw) >= 3 and raw.isalpha() and not has_marks(toks[i].original):
                fixed = self._fix(raw, left, right)
                if fixed:
                    words[n] = fixed
        return words

    def topic(self, toks: Sequence[Tok], idx: list[int], named: bool) -> tuple[Found | None, bool]:
        """The directive(s) the content words name, and whether words were left that name nothing here.

        A directive is named when one of its fields holds a pair of the message's neighbouring words
        (one of them not generic) — or, for a single word after "bài"/"về", that word. Its covered
        words are those of the best window of each such field."""
        if not idx:
            return None, False
        words = self.words(toks, idx)
        wanted = set(words)
        pairs = {(a, b) for a, b in pairwise(words) if a != b and f"{a} {b}" not in _GENERIC_PAIRS}
        span = len(wanted) + 3
        single = (
            len(wanted) == 1
            and named
            and words[0] not in _GENERIC
            and len(words[0]) >= 3
            and len(self.where.get(words[0], ())) <= 3
        )
        if single:
            fields = {(n, f) for n, f, _ in self.occ.get(words[0], ())}
        else:
            fields = set()
            for p in pairs:
                if p in self.pair_at:
                    fields |= self.pair_at[p]
        covs: dict[int, dict[str, float]] = {}
        for n, f in fields:
            weight, pos = self.entries[n].fields[f]
            if len(wanted) <= 2:  # the pair itself
                best = frozenset(w for w in wanted if w in pos)
            else:
                best = _best_window(sorted((p, w) for w in wanted for p in pos.get(w, ())), span)
            cov = covs.setdefault(n, {})
            for w in best:
                cov[w] = max(cov.get(w, 0.0), weight)
        scored = [(n, cov) for n, cov in covs.items() if len(cov) * 2 >= len(wanted)]
        if not scored:
            return None, bool(wanted - _GENERIC)
        keep = []
        for n, cov in scored:
            total = sum(cov.values())
            beaten = any(
                (c2.keys() > cov.keys()) or (c2.keys() == cov.keys() and sum(c2.values()) > total)
                for m, c2 in scored
                if m != n
            )
            if not beaten:
                keep.append((n, total))
        keep.sort(key=lambda x: (-x[1], self.entries[x[0]].key))
        keys = tuple(self.entries[n].key for n, total in keep if total >= 0.75 * keep[0][1])
        return Found(keys, idx[0], idx[-1], False), False
