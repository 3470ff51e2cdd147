"""The outbox (everything sent to many people goes through it) and admins' progress watches."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    Delivery,
    Officer,
    ProgressWatch,
    Unit,
    utcnow,
)
from bot.db.repo._common import _dialect, _insert

__all__ = [
    "add_progress_watch",
    "claim_deliveries",
    "delivery_by_message",
    "enqueue",
    "mark_deliveries_sent",
    "mark_delivery",
    "open_progress_watches",
    "outbox_counts",
    "retry_failed",
    "save_progress_watches",
    "undelivered_units",
]


async def enqueue(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> int:
    """Queue outbox rows (chat_id, officer_id, kind, ref, payload[, not_before]); duplicates are ignored.

    Returns how many rows were newly queued.
    """
    if not rows:
        return 0
    now = utcnow()
    values = [
        {
            "chat_id": r["chat_id"],
            "officer_id": r.get("officer_id"),
            "kind": r["kind"],
            "ref": r["ref"],
            "payload": r.get("payload", {}),
            "status": "queued",
            "attempts": 0,
            "not_before": r.get("not_before", now),
            "created_at": now,
        }
        for r in rows
    ]
    queued = 0
    for start in range(0, len(values), 500):
        stmt = (
            _insert(session, Delivery)
            .values(values[start : start + 500])
            .on_conflict_do_nothing(index_elements=["kind", "ref", "chat_id"])
        )
        result = await session.execute(stmt)
        queued += max(0, int(result.rowcount or 0))  # type: ignore[attr-defined]
    return queued


async def claim_deliveries(
    session: AsyncSession, *, now: datetime, lease_until: datetime, token: str, limit: int
) -> list[Delivery]:
    """Claim up to `limit` due queued rows for one worker (SKIP LOCKED on PostgreSQL; atomic UPDATE on SQLite)."""
    due = or_(Delivery.claimed_until.is_(None), Delivery.claimed_until < now)
    candidates = (
        select(Delivery.id)
        .where(Delivery.status == "queued", Delivery.not_before <= now, due)
        .order_by(Delivery.not_before, Delivery.id)
        .limit(limit)
    )
    if _dialect(session) == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    ids = list((await session.scalars(candidates)).all())
    if not ids:
        return []
    await session.execute(
        update(Delivery)
        .where(Delivery.id.in_(ids), Delivery.status == "queued", due)
        .values(claimed_until=lease_until, claim_token=token)
    )
    rows = await session.scalars(
        select(Delivery)
        .where(Delivery.id.in_(ids), Delivery.claim_token == token)
        .order_by(Delivery.not_before, Delivery.id)
    )
    return list(rows.all())


async def mark_delivery(session: AsyncSession, delivery_id: int, **values: Any) -> None:
    """Update an outbox row (status, attempts, not_before, telegram_message_id, last_error …) and drop its claim."""
    values.setdefault("claimed_until", None)
    values.setdefault("claim_token", None)
    await session.execute(update(Delivery).where(Delivery.id == delivery_id).values(**values))


async def mark_deliveries_sent(session: AsyncSession, marks: Sequence[tuple[int, int, datetime]]) -> None:
    """Mark many rows sent at once: (delivery id, telegram message id, sent at)."""
    if marks:
        await session.execute(
            update(Delivery),
            [
                {
                    "id": i,
                    "status": "sent",
                    "telegram_message_id": m,
                    "sent_at": t,
                    "claimed_until": None,
                    "claim_token": None,
                }
                for i, m, t in marks
            ],
        )


async def outbox_counts(
    session: AsyncSession, *, kind: str | None = None, ref: str | None = None
) -> dict[str, int]:
    """Number of outbox rows per status, optionally for one kind/ref."""
    stmt = select(Delivery.status, func.count(Delivery.id)).group_by(Delivery.status)
    if kind is not None:
        stmt = stmt.where(Delivery.kind == kind)
    if ref is not None:
        stmt = stmt.where(Delivery.ref == ref)
    counts = {"queued": 0, "sent": 0, "failed": 0, "dead": 0}
    for status, n in (await session.execute(stmt)).all():
        counts[str(status)] = int(n)
    return counts


async def retry_failed(session: AsyncSession, now: datetime) -> int:
    """Queue failed rows again (attempts reset); returns how many."""
    result = await session.execute(
        update(Delivery)
        .where(Delivery.status == "failed")
        .values(status="queued", attempts=0, not_before=now, claimed_until=None, claim_token=None)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def delivery_by_message(session: AsyncSession, chat_id: int, message_id: int) -> Delivery | None:
    """The outbox row whose sent message is this one (to match a reply to a pushed directive)."""
    stmt = select(Delivery).where(Delivery.chat_id == chat_id, Delivery.telegram_message_id == message_id)
    return await session.scalar(stmt)


async def undelivered_units(session: AsyncSession, kind: str, ref: str) -> list[str]:
    """Names of the units whose officers could not be reached for one push (failed or dead rows)."""
    stmt = (
        select(Unit.name)
        .join(Officer, Officer.unit_id == Unit.id)
        .join(Delivery, Delivery.officer_id == Officer.id)
        .where(Delivery.kind == kind, Delivery.ref == ref, Delivery.status.in_(["failed", "dead"]))
        .distinct()
        .order_by(Unit.name)
    )
    return list((await session.scalars(stmt)).all())


async def add_progress_watch(session: AsyncSession, watch: ProgressWatch) -> ProgressWatch:
    """Remember an admin's progress message, to be edited until its push is finished."""
    session.add(watch)
    await session.flush()
    return watch


async def open_progress_watches(session: AsyncSession) -> list[ProgressWatch]:
    """Progress messages whose push has not been reported finished yet, oldest first."""
    stmt = select(ProgressWatch).where(ProgressWatch.finished_at.is_(None)).order_by(ProgressWatch.id)
    return list((await session.scalars(stmt)).all())


async def save_progress_watches(session: AsyncSession, watches: Sequence[ProgressWatch]) -> None:
    """Store what each watch last showed, and whether it is finished."""
    for w in watches:
        await session.execute(
            update(ProgressWatch)
            .where(ProgressWatch.id == w.id)
            .values(last_text=w.last_text, finished_at=w.finished_at)
        )
