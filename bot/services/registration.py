"""Registration by single-use invite codes: create an invite, redeem it (exactly once, under races), and
move an officer to another commune only when they confirm it."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import repo
from bot.db.database import Database
from bot.db.models import InviteCode, Officer, Role, Unit, utcnow
from bot.services.identity import IdentityService

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "RedeemStatus",
    "Redeemed",
    "RegistrationService",
    "create_invite",
    "find_code",
    "invite_link",
    "looks_like_code",
    "normalize_code",
]

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by hand
CODE_LENGTH = 12  # 60 bits
_CODE_RE = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
_LINK_RE = re.compile(r"start=([A-Za-z0-9_-]{4,64})")
_GROUP_RE = re.compile(rf"[{CODE_ALPHABET}{CODE_ALPHABET.lower()}]{{3,12}}")


def normalize_code(text: str) -> str:
    return re.sub(r"[\s\-]", "", text).upper()


def looks_like_code(text: str) -> bool:
    """Whether a whole message is an invite code (case, spaces and dashes forgiven)."""
    return bool(_CODE_RE.match(normalize_code(text)))


def find_code(text: str) -> str | None:
    """An invite code inside a message: a pasted t.me link, the code alone, or a sentence that contains it
    ("mã mời của em là ABCD EFGH JKLM")."""
    link = _LINK_RE.search(text)
    if link:
        return link.group(1).upper()
    if looks_like_code(text):
        return normalize_code(text)
    groups = [(m.group(0), m.start()) for m in _GROUP_RE.finditer(text)]
    for i, (word, _) in enumerate(groups):
        if len(word) == CODE_LENGTH and looks_like_code(word) and (word.isupper() or _has_digit(word)):
            return word.upper()
        joined, parts = word, [word]
        for nxt, _ in groups[i + 1 : i + 4]:
            joined += nxt
            parts.append(nxt)
            if len(joined) >= CODE_LENGTH:
                break
        typed = all(p.isupper() or _has_digit(p) for p in parts)
        if len(joined) == CODE_LENGTH and len(parts) > 1 and typed and looks_like_code(joined):
            return joined.upper()
    return None


def _has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


def invite_link(bot_username: str, code: str) -> str:
    return f"https://t.me/{bot_username}?start={code}"


async def create_invite(
    session: AsyncSession, unit: Unit, role: str = Role.OFFICER, ttl_days: int = 14
) -> InviteCode:
    """A new single-use invite for `unit` and `role` (officer or admin), valid `ttl_days`."""
    role = Role(role)
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    invite = InviteCode(code=code, unit_id=unit.id, role=role, expires_at=utcnow() + timedelta(days=ttl_days))
    return await repo.add_invite(session, invite)


class RedeemStatus(StrEnum):
    OK = "ok"
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    ALREADY = "already"  # this person already redeemed this very code
    MOVE = "move"  # a registered officer of another commune: ask before moving them


@dataclass(slots=True)
class Redeemed:
    status: RedeemStatus
    officer: Officer | None = None
    unit: Unit | None = None
    current: Unit | None = None  # with MOVE: the commune they are in now


class RegistrationService:
    """Redeeming invites; one invite makes exactly one officer, whatever the races."""

    def __init__(self, db: Database, identities: IdentityService, *, ttl_days: int = 14) -> None:
        self.db = db
        self.identities = identities
        self.ttl_days = ttl_days

    async def redeem(
        self,
        code: str,
        *,
        telegram_id: int,
        chat_id: int,
        name: str,
        confirm_move: bool = False,
        now: datetime | None = None,
    ) -> Redeemed:
        """Bind a Telegram user to the invite's unit, in one write transaction: the invite is claimed first,
        so of several people redeeming it at once exactly one becomes an officer. A registered officer of
        another commune is moved only with `confirm_move` (else MOVE, nothing changed)."""
        now = now or utcnow()
        async with self.db.write() as session:
            result = await _redeem(
                session, normalize_code(code), telegram_id, chat_id, name, confirm_move, now
            )
        self.identities.forget(telegram_id)
        return result


async def _redeem(
    session: AsyncSession,
    code: str,
    telegram_id: int,
    chat_id: int,
    name: str,
    confirm_move: bool,
    now: datetime,
) -> Redeemed:
    invite = await repo.invite_by_code(session, code, lock=True)
    if invite is None:
        return Redeemed(RedeemStatus.UNKNOWN)
    existing = await repo.officer_by_telegram(session, telegram_id)
    if invite.used_at is not None:
        if existing is not None and invite.used_by == existing.id:
            return Redeemed(RedeemStatus.ALREADY, existing, existing.unit)
        return Redeemed(RedeemStatus.USED)
    if invite.expires_at <= now:
        return Redeemed(RedeemStatus.EXPIRED)
    unit = await repo.get_unit(session, invite.unit_id)
    moving = (
        existing is not None
        and existing.active
        and existing.unit_id is not None
        and existing.unit_id != invite.unit_id
    )
    if moving and not confirm_move:
        assert existing is not None
        return Redeemed(RedeemStatus.MOVE, existing, unit, existing.unit)
    if not await repo.claim_invite(session, invite.id, None, now):
        return Redeemed(RedeemStatus.USED)
    officer = existing or Officer(telegram_id=telegram_id, chat_id=chat_id)
    officer.chat_id = chat_id
    officer.name = name[:200]
    officer.unit_id = invite.unit_id
    officer.role = Role(invite.role)
    officer.active = True
    officer.deactivated_at = None
    officer.deactivated_reason = None
    await repo.save_officer(session, officer)
    await repo.set_invite_user(session, invite.id, officer.id)
    officer.unit = unit
    return Redeemed(RedeemStatus.OK, officer, unit)
