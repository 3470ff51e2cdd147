"""The pure side of directive search: folded index texts, query terms and typo correction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz, process

from bot.directives.model import Directive
from bot.understanding.fold import ABBREVIATIONS, fold, fold_plain

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

STOPWORDS = frozenset(
    [
        "tim",
        "kiem",
        "giup",
        "cho",
        "toi",
        "em",
        "anh",
        "chi",
        "ve",
        "cua",
        "cac",
        "nhung",
        "la",
        "gi",
        "nao",
        "o",
        "dau",
        "co",
        "khong",
        "voi",
        "va",
        "thi",
        "ma",
        "nhe",
        "a",
        "oi",
        "cai",
        "nay",
        "kia",
        "do",
        "day",
        "xem",
        "muon",
        "can",
        "hoi",
        "duoc",
        "so",
        "van",
        "ban",
        "cong",
    ]
)


def document_texts(directive: Directive) -> list[tuple[int | None, str, str]]:
    """Search documents for a parsed directive: (topic ordinal or None for the whole directive, title, body)."""
    head = " ".join(
        part
        for part in (
            directive.number or "",
            directive.subject or "",
            directive.issuer or "",
            *directive.references,
        )
        if part
    )
    docs: list[tuple[int | None, str, str]] = [(None, fold_plain(head), fold_plain(directive.text))]
    for topic in directive.topics:
        docs.append((topic.ordinal, fold_plain(topic.title), fold_plain(topic.body)))
    return docs


@dataclass(slots=True)
class QueryTerms:
    terms: list[str]
    folded: str


def query_terms(query: str) -> QueryTerms:
    """Fold a user query into search words: abbreviations expanded, stopwords dropped (unless nothing remains)."""
    folded = fold(query, abbreviations=SEARCH_ABBREVIATIONS)
    words = folded.split()
    kept = [w for w in words if w not in STOPWORDS]
    terms = list(dict.fromkeys(kept or words))
    return QueryTerms(terms, folded)


class Corrector:
    """Corrects misspelled query words against the indexed vocabulary (rapidfuzz, patterns prepared once)."""

    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        self.vocabulary = dict(vocabulary)
        self._words = [w for w in self.vocabulary if w.isalpha() and len(w) >= 2]

    def correct(self, term: str) -> str | None:
        """The indexed word closest to `term`, `term` itself when indexed, or None when nothing is close."""
        if term in self.vocabulary or term.isdigit():
            return term
        if len(term) < 3:
            return None
        cutoff = 80 if len(term) <= 4 else 72
        best = process.extractOne(term, self._words, scorer=fuzz.ratio, score_cutoff=cutoff)
        return best[0] if best else None

    def correct_all(self, terms: Iterable[str]) -> list[str]:
        out: list[str] = []
        for term in terms:
            fixed = self.correct(term)
            if fixed and fixed not in out:
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
