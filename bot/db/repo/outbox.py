"""The outbox (everything sent to many people goes through it) and admins' progress watches."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import Table, bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Delivery, DeliveryStatus, Officer, ProgressWatch, Unit, utcnow
from bot.db.repo._common import _dialect, _insert

if TYPE_CHECKING:
    from bot.delivery.outbox import OutboxRow

__all__ = [
    "add_progress_watch",
    "claim_deliveries",
    "delay_queued",
    "delivery_by_message",
    "enqueue",
    "mark_deliveries_sent",
    "mark_delivery",
    "oldest_queued",
    "open_progress_watches",
    "outbox_counts",
    "release_claims",
    "renew_claims",
    "retry_failed",
    "save_progress_watches",
    "undelivered_units",
    "update_delivery",
]


async def enqueue(session: AsyncSession, rows: Sequence[OutboxRow]) -> int:
    """Queue outbox rows; one already queued with the same kind, ref and chat is left alone.

    Returns how many rows were newly queued.
    """
    if not rows:
        return 0
    now = utcnow()
    values = [
        {
            "chat_id": r.chat_id,
            "officer_id": r.officer_id,
            "kind": r.kind.value,
            "ref": r.ref,
            "payload": r.payload,
            "status": DeliveryStatus.QUEUED.value,
            "attempts": 0,
            "not_before": r.not_before or now,
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
        .where(Delivery.status == DeliveryStatus.QUEUED, Delivery.not_before <= now, due)
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
        .where(Delivery.id.in_(ids), Delivery.status == DeliveryStatus.QUEUED, due)
        .values(claimed_until=lease_until, claim_token=token)
    )
    rows = await session.scalars(
        select(Delivery)
        .where(Delivery.id.in_(ids), Delivery.claim_token == token)
        .order_by(Delivery.not_before, Delivery.id)
    )
    return list(rows.all())


async def renew_claims(session: AsyncSession, tokens: Sequence[str], lease_until: datetime) -> int:
    """Extend the lease of the queued rows a live worker holds (claimed with these tokens)."""
    if not tokens:
        return 0
    result = await session.execute(
        update(Delivery)
        .where(Delivery.claim_token.in_(list(tokens)), Delivery.status == DeliveryStatus.QUEUED)
        .values(claimed_until=lease_until)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def release_claims(session: AsyncSession, ids: Sequence[int]) -> int:
    """Hand queued rows back unsent (a clean stop, a pause): any worker may take them at once."""
    released = 0
    for start in range(0, len(ids), 500):
        result = await session.execute(
            update(Delivery)
            .where(Delivery.id.in_(list(ids[start : start + 500])), Delivery.status == DeliveryStatus.QUEUED)
            .values(claimed_until=None, claim_token=None)
        )
        released += int(result.rowcount or 0)  # type: ignore[attr-defined]
    return released


async def oldest_queued(session: AsyncSession, now: datetime) -> datetime | None:
    """When the oldest message that is due now was queued (None when nothing is waiting)."""
    return await session.scalar(
        select(func.min(Delivery.created_at)).where(
            Delivery.status == DeliveryStatus.QUEUED, Delivery.not_before <= now
        )
    )


async def mark_delivery(session: AsyncSession, delivery_id: int, **values: Any) -> None:
    """Update an outbox row (status, attempts, not_before, telegram_message_id, last_error …) and drop its claim."""
    values.setdefault("claimed_until", None)
    values.setdefault("claim_token", None)
    await session.execute(update(Delivery).where(Delivery.id == delivery_id).values(**values))


async def update_delivery(session: AsyncSession, delivery_id: int, **values: Any) -> None:
    """Update an outbox row and keep its claim (an attempt its worker will retry itself)."""
    await session.execute(update(Delivery).where(Delivery.id == delivery_id).values(**values))


_DELIVERIES = cast(Table, Delivery.__table__)
_MARK_SENT = (
    update(_DELIVERIES)
    .where(_DELIVERIES.c.id == bindparam("row_id"))
    .values(
        status=DeliveryStatus.SENT,
        telegram_message_id=bindparam("message_id"),
        sent_at=bindparam("at"),
        claimed_until=None,
        claim_token=None,
    )
)


async def mark_deliveries_sent(session: AsyncSession, marks: Sequence[tuple[int, int, datetime]]) -> None:
    """Mark many rows sent at once: (delivery id, telegram message id, sent at). One Core statement run
    for every row (executemany): at 1,000 sends/s the ORM's bulk update cost more than the sends."""
    if marks:
        await session.execute(_MARK_SENT, [{"row_id": i, "message_id": m, "at": t} for i, m, t in marks])


async def outbox_counts(
    session: AsyncSession, *, kind: str | None = None, ref: str | None = None
) -> dict[str, int]:
    """Number of outbox rows per status, optionally for one kind/ref."""
    stmt = select(Delivery.status, func.count(Delivery.id)).group_by(Delivery.status)
    if kind is not None:
        stmt = stmt.where(Delivery.kind == kind)
    if ref is not None:
        stmt = stmt.where(Delivery.ref == ref)
    counts = {s.value: 0 for s in DeliveryStatus}
    for status, n in (await session.execute(stmt)).all():
        counts[str(status)] = int(n)
    return counts


async def retry_failed(session: AsyncSession, now: datetime) -> int:
    """Queue failed rows again (attempts reset); returns how many."""
    result = await session.execute(
        update(Delivery)
        .where(Delivery.status == DeliveryStatus.FAILED)
        .values(
            status=DeliveryStatus.QUEUED, attempts=0, not_before=now, claimed_until=None, claim_token=None
        )
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
        .where(
            Delivery.kind == kind,
            Delivery.ref == ref,
            Delivery.status.in_([DeliveryStatus.FAILED, DeliveryStatus.DEAD]),
        )
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


async def delay_queued(session: AsyncSession, kind: str, ref: str, not_before: datetime) -> int:
    """Hold the queued rows of one kind and ref until `not_before` (a round queued in quiet hours)."""
    result = await session.execute(
        update(Delivery)
        .where(Delivery.kind == kind, Delivery.ref == ref, Delivery.status == DeliveryStatus.QUEUED)
        .values(not_before=not_before)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
