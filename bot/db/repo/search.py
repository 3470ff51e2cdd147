"""Full-text search over directives and topics (FTS5 on SQLite, tsvector on PostgreSQL)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    SearchDoc,
)
from bot.db.repo._common import _dialect

__all__ = [
    "FtsHit",
    "fts_search",
    "search_doc_texts",
    "search_docs_last_id",
    "search_docs_version",
    "search_vocabulary",
]


@dataclass(slots=True)
class FtsHit:
    directive_id: int
    topic_id: int | None
    score: float


_FTS_TERM = re.compile(r"^[a-z0-9]+$")


async def fts_search(
    session: AsyncSession, terms: Sequence[str], limit: int = 50, *, require_all: bool = False
) -> list[FtsHit]:
    """Full-text search of folded terms (all of them, or any, ranked) over directives and topics; best first.

    Terms must already be folded words ([a-z0-9]); they are quoted, so user text never reaches MATCH syntax.
    """
    terms = [t for t in terms if _FTS_TERM.match(t)]
    if not terms:
        return []
    if _dialect(session) == "postgresql":
        query = (" & " if require_all else " | ").join(f"'{t}'" for t in terms)
        sql = text(
            "SELECT directive_id, topic_id, ts_rank_cd(tsv, to_tsquery('simple', :q), 1) AS score "
            "FROM search_docs WHERE tsv @@ to_tsquery('simple', :q) ORDER BY score DESC LIMIT :limit"
        )
        # The planner does not count the cost of de-TOASTing every tsvector in a sequential scan, and
        # picks one for a few hundred matches: 14 ms against 6 ms through the GIN index at 7,000 rows.
        # (after an error the transaction is rolled back, and the setting with it)
        await session.execute(text("SET LOCAL enable_seqscan = off"))
        rows = (await session.execute(sql, {"q": query, "limit": limit})).all()
        await session.execute(text("SET LOCAL enable_seqscan = DEFAULT"))
        return [FtsHit(r[0], r[1], float(r[2])) for r in rows]
    match = (" AND " if require_all else " OR ").join(f'"{t}"' for t in terms)
    sql = text(
        "SELECT d.directive_id, d.topic_id, -bm25(search_fts, 4.0, 1.0) AS score "
        "FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid "
        "WHERE search_fts MATCH :q ORDER BY bm25(search_fts, 4.0, 1.0) LIMIT :limit"
    )
    rows = (await session.execute(sql, {"q": match, "limit": limit})).all()
    return [FtsHit(r[0], r[1], float(r[2])) for r in rows]


async def search_vocabulary(session: AsyncSession) -> dict[str, int]:
    """Every indexed word with the number of documents it occurs in."""
    if _dialect(session) == "postgresql":
        sql = text("SELECT word, ndoc FROM ts_stat('SELECT tsv FROM search_docs')")
    else:
        sql = text("SELECT term, doc FROM search_vocab")
    return {str(w): int(n) for w, n in (await session.execute(sql)).all()}


async def search_docs_version(session: AsyncSession) -> tuple[int, int]:
    """(count, max id) of search documents: changes whenever the index does."""
    row = (await session.execute(select(func.count(SearchDoc.id), func.max(SearchDoc.id)))).one()
    return int(row[0] or 0), int(row[1] or 0)


async def search_docs_last_id(session: AsyncSession) -> int:
    """The newest search document's id (search documents are only ever added): a cheap change check."""
    return int(await session.scalar(select(func.max(SearchDoc.id))) or 0)


async def search_doc_texts(
    session: AsyncSession, directive_ids: Sequence[int]
) -> list[tuple[int, int | None, str, str]]:
    """(directive_id, topic_id, folded title, folded body) of the search documents of some directives."""
    if not directive_ids:
        return []
    stmt = select(SearchDoc.directive_id, SearchDoc.topic_id, SearchDoc.title, SearchDoc.body).where(
        SearchDoc.directive_id.in_(list(directive_ids))
    )
    return [(int(a), b, c, d) for a, b, c, d in (await session.execute(stmt)).all()]
