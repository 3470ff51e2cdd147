"""Registration by single-use invite codes: create an invite, redeem it from /start or a plain message."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import repo
from bot.db.models import InviteCode, Officer, Unit, utcnow

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "Redeemed",
    "create_invite",
    "invite_link",
    "looks_like_code",
    "redeem",
]

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by hand
CODE_LENGTH = 12  # 60 bits
_CODE_RE = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")


def looks_like_code(text: str) -> bool:
    """Whether a message could be an invite code (case and spaces forgiven)."""
    return bool(_CODE_RE.match(normalize_code(text)))


def normalize_code(text: str) -> str:
    return re.sub(r"[\s\-]", "", text).upper()


def invite_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={code}"


async def create_invite(
    session: AsyncSession, unit: Unit, role: str = "officer", ttl_days: int = 14
) -> InviteCode:
    """A new single-use invite for `unit` and `role` (officer or admin), valid `ttl_days`."""
    if role not in ("officer", "admin"):
        raise ValueError(role)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    invite = InviteCode(code=code, unit_id=unit.id, role=role, expires_at=utcnow() + timedelta(days=ttl_days))
    return await repo.add_invite(session, invite)


@dataclass(slots=True)
class Redeemed:
    status: str  # ok / unknown / used / expired / already
    officer: Officer | None = None
    unit: Unit | None = None


async def redeem(
    session: AsyncSession,
    code: str,
    *,
    telegram_id: int,
    chat_id: int,
    name: str,
    now: datetime | None = None,
) -> Redeemed:
    """Bind a Telegram user to the invite's unit. An existing officer is moved to the new unit/role."""
    now = now or utcnow()
    invite = await repo.invite_by_code(session, normalize_code(code), lock=True)
    if invite is None:
        return Redeemed("unknown")
    existing = await repo.officer_by_telegram(session, telegram_id)
    if invite.used_at is not None:
        if existing is not None and invite.used_by == existing.id:
            return Redeemed("already", existing, existing.unit)
        return Redeemed("used")
    if invite.expires_at <= now:
        return Redeemed("expired")
    unit = await repo.get_unit(session, invite.unit_id)
    officer = existing or Officer(telegram_id=telegram_id, chat_id=chat_id)
    officer.chat_id = chat_id
    officer.name = name[:200]
    officer.unit_id = invite.unit_id
    officer.role = invite.role
    officer.active = True
    officer.deactivated_at = None
    officer.deactivated_reason = None
    await repo.save_officer(session, officer)
    if not await repo.claim_invite(session, invite.id, officer.id, now):
        return Redeemed("used")
    officer.unit = unit
    return Redeemed("ok", officer, unit)
