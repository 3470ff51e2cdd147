"""Officers and their invites."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from bot.db.models import InviteCode, Officer, Role
from bot.db.repo._common import _dialect

__all__ = [
    "active_admins",
    "active_unit_officers",
    "add_invite",
    "claim_invite",
    "deactivate_officer",
    "get_officer",
    "inactive_officers",
    "invite_by_code",
    "list_officers",
    "officer_by_telegram",
    "officers_changed_at",
    "officers_in_units",
    "save_officer",
    "set_invite_user",
    "set_officer_active",
]


async def officer_by_telegram(session: AsyncSession, telegram_id: int) -> Officer | None:
    """The officer registered with this Telegram user id, with its unit."""
    return await session.scalar(_officer_stmt(), {"telegram_id": telegram_id})


@functools.cache
def _officer_stmt() -> Select[Any]:
    return (
        select(Officer)
        .options(joinedload(Officer.unit))
        .where(Officer.telegram_id == bindparam("telegram_id"))
    )


async def add_invite(session: AsyncSession, invite: InviteCode) -> InviteCode:
    session.add(invite)
    await session.flush()
    return invite


async def invite_by_code(session: AsyncSession, code: str, *, lock: bool = False) -> InviteCode | None:
    """An invite by its code (row-locked on PostgreSQL when redeeming)."""
    stmt = select(InviteCode).where(InviteCode.code == code)
    if lock and _dialect(session) == "postgresql":
        stmt = stmt.with_for_update()
    return await session.scalar(stmt)


async def claim_invite(session: AsyncSession, invite_id: int, officer_id: int | None, now: datetime) -> bool:
    """Mark an invite used, only if nobody used it meanwhile (single use under concurrency)."""
    result = await session.execute(
        update(InviteCode)
        .where(InviteCode.id == invite_id, InviteCode.used_at.is_(None))
        .values(used_at=now, used_by=officer_id)
    )
    return (result.rowcount or 0) == 1  # type: ignore[attr-defined]


async def set_invite_user(session: AsyncSession, invite_id: int, officer_id: int) -> None:
    """Record who redeemed an invite (claimed just before, in the same transaction)."""
    await session.execute(update(InviteCode).where(InviteCode.id == invite_id).values(used_by=officer_id))


async def save_officer(session: AsyncSession, officer: Officer) -> Officer:
    session.add(officer)
    await session.flush()
    return officer


async def list_officers(session: AsyncSession, *, unit_ids: Sequence[int] | None = None) -> list[Officer]:
    """Officers with their units, by unit then name."""
    stmt = (
        select(Officer)
        .options(selectinload(Officer.unit))
        .order_by(Officer.unit_id, Officer.name, Officer.id)
    )
    if unit_ids is not None:
        stmt = stmt.where(Officer.unit_id.in_(list(unit_ids)))
    return list((await session.scalars(stmt)).all())


async def deactivate_officer(session: AsyncSession, officer_id: int, reason: str, now: datetime) -> None:
    """Stop sending to an officer (bot blocked, account deleted, an admin's decision)."""
    await session.execute(
        update(Officer)
        .where(Officer.id == officer_id)
        .values(active=False, deactivated_at=now, deactivated_reason=reason, updated_at=now)
    )


async def officers_changed_at(session: AsyncSession) -> datetime | None:
    """When any officer last changed: a process's identity cache is stale once this moves."""
    return await session.scalar(select(func.max(Officer.updated_at)))


async def active_unit_officers(session: AsyncSession) -> list[Officer]:
    """Active commune officers (role officer) with a unit."""
    stmt = select(Officer).where(
        Officer.active.is_(True), Officer.role == Role.OFFICER, Officer.unit_id.is_not(None)
    )
    return list((await session.scalars(stmt.order_by(Officer.id))).all())


async def active_admins(session: AsyncSession) -> list[Officer]:
    stmt = select(Officer).where(Officer.active.is_(True), Officer.role == Role.ADMIN)
    return list((await session.scalars(stmt.order_by(Officer.id))).all())


async def officers_in_units(
    session: AsyncSession, unit_ids: Sequence[int], *, active: bool = True
) -> list[Officer]:
    """Officers (role officer or admin) bound to any of these units."""
    stmt = select(Officer).where(Officer.unit_id.in_(list(unit_ids)))
    if active:
        stmt = stmt.where(Officer.active.is_(True))
    return list((await session.scalars(stmt.order_by(Officer.id))).all())


async def inactive_officers(session: AsyncSession) -> list[Officer]:
    """Officers who stopped receiving messages (blocked the bot, deleted their account)."""
    stmt = (
        select(Officer)
        .options(selectinload(Officer.unit))
        .where(Officer.active.is_(False))
        .order_by(Officer.name)
    )
    return list((await session.scalars(stmt)).all())


async def get_officer(session: AsyncSession, officer_id: int) -> Officer | None:
    """One officer by id, with its unit."""
    return await session.scalar(select(Officer).options(joinedload(Officer.unit)).where(Officer.id == officer_id))


async def set_officer_active(
    session: AsyncSession, officer_id: int, active: bool, reason: str | None, now: datetime
) -> bool:
    """Deactivate (with the reason) or reactivate an officer; False when it already was so."""
    result = await session.execute(
        update(Officer)
        .where(Officer.id == officer_id, Officer.active.is_(not active))
        .values(
            active=active,
            deactivated_at=None if active else now,
            deactivated_reason=None if active else reason,
            updated_at=now,
        )
    )
    return (result.rowcount or 0) == 1  # type: ignore[attr-defined]
