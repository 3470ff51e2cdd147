"""Directives and their topics."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.db.models import (
    Directive,
    DirectiveStatus,
    SearchDoc,
    Topic,
    utcnow,
)

__all__ = [
    "add_directive",
    "count_directives",
    "directive_by_hash",
    "directives_by_ids",
    "get_directive",
    "set_directive_published",
    "topics_by_ids",
    "topics_for",
]


async def directive_by_hash(session: AsyncSession, content_hash: str) -> Directive | None:
    """The directive stored with this content hash, if any."""
    return await session.scalar(select(Directive).where(Directive.content_hash == content_hash))


async def add_directive(
    session: AsyncSession,
    directive: Directive,
    topics: Sequence[tuple[int, str, str]],
    search_docs: Sequence[tuple[int | None, str, str]],
) -> Directive:
    """Store a directive with its topics and its search documents (topic ordinal or None, title, body)."""
    session.add(directive)
    await session.flush()
    by_ordinal: dict[int, Topic] = {}
    for ordinal, title, body in topics:
        topic = Topic(directive_id=directive.id, ordinal=ordinal, title=title, body=body)
        session.add(topic)
        by_ordinal[ordinal] = topic
    await session.flush()
    for doc_ordinal, title, body in search_docs:
        topic_id = by_ordinal[doc_ordinal].id if doc_ordinal is not None else None
        session.add(SearchDoc(directive_id=directive.id, topic_id=topic_id, title=title, body=body))
    await session.flush()
    return directive


async def get_directive(
    session: AsyncSession, directive_id: int, *, with_topics: bool = True
) -> Directive | None:
    """One directive by id, with its topics loaded."""
    stmt = select(Directive).where(Directive.id == directive_id)
    if with_topics:
        stmt = stmt.options(selectinload(Directive.topics))
    return await session.scalar(stmt)


async def count_directives(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count(Directive.id))) or 0)


async def set_directive_published(session: AsyncSession, directive: Directive, by: int | None) -> None:
    """Mark a directive published (first publication time is kept)."""
    directive.status = DirectiveStatus.PUBLISHED
    if directive.published_at is None:
        directive.published_at = utcnow()
    if by is not None and directive.published_by is None:
        directive.published_by = by
    await session.flush()


async def directives_by_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, Directive]:
    if not ids:
        return {}
    rows = await session.scalars(select(Directive).where(Directive.id.in_(list(ids))))
    return {d.id: d for d in rows}


async def topics_for(session: AsyncSession, directive_id: int) -> list[Topic]:
    rows = await session.scalars(
        select(Topic).where(Topic.directive_id == directive_id).order_by(Topic.ordinal)
    )
    return list(rows.all())


async def topics_by_ids(session: AsyncSession, topic_ids: Sequence[int]) -> dict[int, Topic]:
    if not topic_ids:
        return {}
    rows = await session.scalars(select(Topic).where(Topic.id.in_(list(topic_ids))))
    return {t.id: t for t in rows}
