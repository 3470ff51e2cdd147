"""Directive search: the database's full-text engine over folded text, typo correction, and a rerank."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import repo
from bot.understanding.search import Corrector, query_terms, rerank_score

__all__ = ["SearchResult", "SearchService"]


@dataclass(slots=True)
class SearchResult:
    directive_id: int
    number: str | None
    subject: str | None
    source: str
    topic: str | None
    topic_ordinal: int | None
    score: float

    def to_contract(self) -> dict[str, object]:
        return {
            "directive_id": self.directive_id,
            "number": self.number,
            "subject": self.subject,
            "source": self.source,
            "topic": self.topic,
            "score": round(self.score, 4),
        }


def _merge(
    scores: dict[int, float], hits: list[repo.FtsHit], bonus: float, allowed: set[int] | None = None
) -> None:
    """Fold one query's hits into per-directive scores: its best hit, scaled to 0..1, plus `bonus`."""
    if allowed is not None:
        hits = [h for h in hits if h.directive_id in allowed]
    if not hits:
        return
    top = max(h.score for h in hits) or 1.0
    for hit in hits:
        value = bonus + max(hit.score, 0.0) / top
        if value > scores.get(hit.directive_id, float("-inf")):
            scores[hit.directive_id] = value


class SearchService:
    """Searches directives; keeps the index vocabulary (for typo correction) until the index changes."""

    candidates = 30
    fts_limit = 200

    def __init__(self) -> None:
        self._version: tuple[int, int] | None = None
        self._corrector: Corrector | None = None

    async def corrector(self, session: AsyncSession) -> Corrector:
        """The typo corrector over the index's words, rebuilt when documents have been added."""
        last = await repo.search_docs_last_id(session)
        if self._corrector is None or self._version is None or last != self._version[1]:
            self._version = await repo.search_docs_version(session)
            self._corrector = Corrector(await repo.search_vocabulary(session))
        return self._corrector

    async def search(
        self, session: AsyncSession, query: str, limit: int = 5, *, allowed: set[int] | None = None
    ) -> list[SearchResult]:
        """Directives matching `query`, best first, each with its best matching topic; only those in
        `allowed` when it is given."""
        terms = query_terms(query).terms
        if not terms:
            return []
        corrector = await self.corrector(session)
        fixed = corrector.correct_all(terms)
        if not fixed:
            return []
        # Documents holding every word count most; then any of the rarer words, so that one
        # misspelt or missing word does not hide the answer.
        fts: dict[int, float] = {}
        every = await repo.fts_search(session, fixed, limit=self.fts_limit, require_all=True)
        _merge(fts, every, bonus=1.0, allowed=allowed)
        if len(fts) < self.candidates:
            rare = corrector.rare(fixed, self._version[0] if self._version else 0)
            _merge(
                fts, await repo.fts_search(session, rare, limit=self.fts_limit), bonus=0.0, allowed=allowed
            )
        if not fts:
            return []
        pool = sorted(fts, key=lambda d: -fts[d])[: self.candidates]
        docs = await repo.search_doc_texts(session, pool)
        heads: dict[int, str] = {}
        bodies: dict[int, str] = {}
        topic_docs: dict[int, list[tuple[int, str, str]]] = {}
        for did, tid, title, body in docs:
            if tid is None:
                heads[did], bodies[did] = title, body
            else:
                topic_docs.setdefault(did, []).append((tid, title, body))
        scored: list[tuple[float, int, int | None]] = []
        for did in pool:
            titles = " | ".join(t for _, t, _ in topic_docs.get(did, []))
            score = fts[did] + rerank_score(fixed, heads.get(did, ""), titles, bodies.get(did, ""))
            best_topic, best_topic_score = None, 0.0
            for tid, title, body in topic_docs.get(did, []):
                t_score = rerank_score(fixed, title, "", body)
                if t_score > best_topic_score:
                    best_topic, best_topic_score = tid, t_score
            scored.append((score, did, best_topic))
        scored.sort(key=lambda x: (-x[0], x[1]))
        scored = scored[:limit]
        directives = await repo.directives_by_ids(session, [d for _, d, _ in scored])
        topics = await repo.topics_by_ids(session, [t for _, _, t in scored if t is not None])
        out: list[SearchResult] = []
        for score, did, tid in scored:
            d = directives[did]
            topic = topics.get(tid) if tid is not None else None
            out.append(
                SearchResult(
                    did,
                    d.number,
                    d.subject,
                    d.source_name,
                    topic.title if topic else None,
                    topic.ordinal if topic else None,
                    score,
                )
            )
        return out
