"""Directives and their topics."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
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
    "add_topic",
    "count_directives",
    "delete_topic",
    "desk_directives",
    "directive_by_hash",
    "directives_by_ids",
    "due_scheduled",
    "get_directive",
    "set_directive_closed",
    "set_directive_published",
    "set_search_doc",
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


async def desk_directives(
    session: AsyncSession,
    status: DirectiveStatus,
    *,
    owner_unit_id: int | None = None,
    any_owner: bool = False,
    limit: int = 20,
) -> list[Directive]:
    """Directives in one status owned by a unit (None: the province's), or by anyone; newest first."""
    stmt = select(Directive).where(Directive.status == status)
    if not any_owner:
        stmt = stmt.where(
            Directive.owner_unit_id.is_(None)
            if owner_unit_id is None
            else Directive.owner_unit_id == owner_unit_id
        )
    newest = Directive.published_at if status == DirectiveStatus.PUBLISHED else Directive.created_at
    stmt = stmt.order_by(newest.desc(), Directive.id.desc()).limit(limit)
    return list((await session.scalars(stmt)).all())


async def due_scheduled(session: AsyncSession, now: datetime) -> list[Directive]:
    """Directives whose publishing time has come: drafts, and published ones whose scheduled publication
    did not finish (`scheduled_at` is cleared once every batch is done)."""
    stmt = (
        select(Directive)
        .where(
            Directive.scheduled_at.is_not(None),
            Directive.scheduled_at <= now,
            Directive.status.in_([DirectiveStatus.DRAFT, DirectiveStatus.PUBLISHED]),
        )
        .order_by(Directive.scheduled_at, Directive.id)
    )
    return list((await session.scalars(stmt)).all())


async def set_directive_closed(session: AsyncSession, directive: Directive, now: datetime) -> None:
    """Recall a directive: closed, with the time; its assignments and reports are kept."""
    directive.status = DirectiveStatus.CLOSED
    directive.recalled_at = now
    directive.scheduled_at = None
    await session.flush()


async def add_topic(session: AsyncSession, directive_id: int, ordinal: int, title: str, body: str) -> Topic:
    topic = Topic(directive_id=directive_id, ordinal=ordinal, title=title, body=body)
    session.add(topic)
    await session.flush()
    return topic


async def delete_topic(session: AsyncSession, topic: Topic) -> None:
    """Delete a topic and its search document; the topics after it move up one place. (Read the topics
    again with `topics_for`: a loaded `Directive.topics` still holds the deleted one.)"""
    directive_id, ordinal = topic.directive_id, topic.ordinal
    await session.execute(delete(SearchDoc).where(SearchDoc.topic_id == topic.id))
    await session.execute(delete(Topic).where(Topic.id == topic.id))
    session.expunge(topic)
    later = await session.scalars(
        select(Topic)
        .where(Topic.directive_id == directive_id, Topic.ordinal > ordinal)
        .order_by(Topic.ordinal)
        .execution_options(populate_existing=True)
    )
    for moved in later.all():  # one at a time, in order: (directive, ordinal) stays unique throughout
        moved.ordinal -= 1
        await session.flush()


async def set_search_doc(
    session: AsyncSession, directive_id: int, topic_id: int | None, title: str, body: str | None = None
) -> None:
    """Replace the (folded) search text of a directive's head (topic_id None) or of one topic; the body is
    kept when None."""
    cond = SearchDoc.topic_id.is_(None) if topic_id is None else SearchDoc.topic_id == topic_id
    doc = await session.scalar(select(SearchDoc).where(SearchDoc.directive_id == directive_id, cond).limit(1))
    if doc is None:
        session.add(SearchDoc(directive_id=directive_id, topic_id=topic_id, title=title, body=body or title))
    else:
        doc.title = title
        if body is not None:
            doc.body = body
    await session.flush()
