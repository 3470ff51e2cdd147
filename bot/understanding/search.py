"""The pure side of directive search: folded index texts, query terms and typo correction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.lang.fold import ABBREVIATIONS, fold, fold_plain, is_syllable

__all__ = [
    "SEARCH_ABBREVIATIONS",
    "STOPWORDS",
    "Corrector",
    "QueryTerms",
    "document_texts",
    "query_terms",
    "rerank_score",
]

SEARCH_ABBREVIATIONS: dict[str, str] = {
    **ABBREVIATIONS,
    "kh": "ke hoach", "ct": "chi thi", "nq": "nghi quyet", "cv": "cong van", "kl": "ket luan",
    "hd": "huong dan", "qd": "quyet dinh", "tb": "thong bao", "tt": "tuyen truyen", "th": "thuc hien",
    "e": "", "a": "", "k": "", "ko": "", "j": "",
}  # fmt: skip

# Folded syllables are ambiguous ("hoi" is both hỏi and hội), so only words that never carry
# meaning in a search are dropped, plus a few whole phrases.
STOPWORDS = frozenset(
    ["ve", "cua", "cac", "nhung", "la", "gi", "nao", "nhe", "a", "oi", "voi", "cho", "xem", "giup", "tim"]
)
STOP_PHRASES = ("tim kiem", "van ban ve", "cong van ve", "noi dung ve", "thong tin ve", "cho toi", "cho em")


def document_texts(
    head: Iterable[str | None], body: str, topics: Iterable[tuple[int, str, str]]
) -> list[tuple[int | None, str, str]]:
    """Search documents for a directive: (topic ordinal or None for the whole directive, title, body). `head`
    is what names the directive (number, subject, issuer, references), `topics` its (ordinal, title, body)."""
    docs: list[tuple[int | None, str, str]] = [(None, fold_plain(" ".join(p for p in head if p)), fold_plain(body))]
    for ordinal, title, text in topics:
        docs.append((ordinal, fold_plain(title), fold_plain(text)))
    return docs


@dataclass(slots=True)
class QueryTerms:
    terms: list[str]
    folded: str


def query_terms(query: str) -> QueryTerms:
    """Fold a user query into search words: abbreviations expanded, stopwords dropped (unless nothing remains)."""
    folded = fold(query, abbreviations=SEARCH_ABBREVIATIONS)
    text = f" {folded} "
    for phrase in STOP_PHRASES:
        text = text.replace(f" {phrase} ", " ")
    words = _romanize_ordinals(text.split())
    words = [w for w in words if len(w) >= 2 or w.isdigit()]
    kept = [w for w in words if w not in STOPWORDS]
    return QueryTerms(kept or words, folded)


_ROMAN = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _romanize_ordinals(words: list[str]) -> list[str]:
    """'lần thứ 17', 'khóa 13' are written XVII, XIII in documents."""
    out = list(words)
    for i, w in enumerate(out):
        if w.isdigit() and 0 < int(w) < 40 and i > 0 and out[i - 1] in ("thu", "khoa"):
            out[i] = _roman(int(w))
    return out


class Corrector:
    """Corrects misspelled query words against the indexed vocabulary (rapidfuzz, patterns prepared once)."""

    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        self.vocabulary = dict(vocabulary)
        self._words = [w for w in self.vocabulary if w.isalpha() and len(w) >= 2]

    def correct(self, term: str) -> str | None:
        """The indexed word closest to `term`, `term` itself when indexed, or None when nothing is close."""
        if term in self.vocabulary or term.isdigit():
            return term
        if len(term) < 4:
            return None
        max_edits = 1 if len(term) <= 5 else 2
        best = process.extractOne(term, self._words, scorer=Levenshtein.distance, score_cutoff=max_edits)
        return best[0] if best else None

    def rare(
        self, terms: Iterable[str], documents: int, share: float = 0.2, budget: float = 0.1
    ) -> list[str]:
        """The terms found in at most `share` of the documents (all terms when none is that rare), rarest
        first, as many as keep their documents together under `budget` of all (at least one): an "any of
        these words" search then ranks a bounded number of documents."""
        terms = list(dict.fromkeys(terms))
        limit = max(1.0, documents * share)
        known = sorted((t for t in terms if t in self.vocabulary), key=lambda t: self.vocabulary[t])
        rare = [t for t in known if self.vocabulary[t] <= limit] or known
        out: list[str] = []
        total = 0
        for t in rare:
            total += self.vocabulary[t]
            if out and total > max(50.0, documents * budget):
                break
            out.append(t)
        return out

    def split(self, term: str) -> list[str] | None:
        """Two indexed words typed without the space between them ("dangbo" → "dang", "bo")."""
        for i in range(2, len(term) - 1):
            left, right = term[:i], term[i:]
            if (
                left in self.vocabulary
                and right in self.vocabulary
                and is_syllable(left)
                and is_syllable(right)
            ):
                return [left, right]
        return None

    def correct_all(self, terms: Iterable[str]) -> list[str]:
        """Each term corrected (or split in two); unknown terms with nothing close are dropped."""
        out: list[str] = []
        for term in terms:
            parts = None if term in self.vocabulary or len(term) < 5 else self.split(term)
            if parts:
                out.extend(parts)
                continue
            fixed = self.correct(term)
            if fixed:
                out.append(fixed)
        return out


def _has_phrase(text: str, phrase: str) -> bool:
    return f" {phrase} " in f" {text} "


def rerank_score(terms: list[str], head: str, titles: str, body: str) -> float:
    """Score a document for folded query terms: term coverage of its title, syllable pairs, numbers.

    Vietnamese words are mostly two syllables, so consecutive query terms found together
    ("phong chay", "dai hoi") are a strong signal that single-syllable full-text matching misses.
    """
    if not terms:
        return 0.0
    head_words = set(head.split())
    title_words = set(titles.split())
    coverage = sum(1.0 if t in head_words else 0.5 if t in title_words else 0.0 for t in terms) / len(terms)
    pairs = [f"{a} {b}" for a, b in pairwise(terms)]
    pair_score = 0.0
    if pairs:
        for p in pairs:
            if _has_phrase(head, p):
                pair_score += 1.5
            elif _has_phrase(titles, p):
                pair_score += 0.75
            if _has_phrase(body, p):
                pair_score += 0.5
        pair_score /= len(pairs)
    numbers = [t for t in terms if t.isdigit()]
    number_bonus = 0.0
    if numbers:
        number_bonus = sum(1.0 for n in numbers if n in head_words) / len(numbers)
        number_bonus += (
            0.5 * sum(1.0 for n in numbers if n in title_words or f" {n} " in f" {body} ") / len(numbers)
        )
    return coverage + pair_score + number_bonus
