"""Deactivating and reactivating an officer (issue 10.5), from Telegram (/ngung, /kichhoat, scoped) and
from the CLI (`officer deactivate|activate`, province-wide). Who is meant: a Telegram id, an officer
id, or words of the registered name (diacritics ignored); several matches are offered as choices.

The caller forgets the officer in its identity cache (`IdentityService.forget`) after a change."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db import repo
from bot.db.database import Database
from bot.db.models import Officer, utcnow
from bot.lang.fold import fold_plain
from bot.services.labels import role_label
from bot.services.scope import PROVINCE, Scope

__all__ = ["StaffResult", "StaffStatus", "describe", "find_officers", "set_active", "switch_officer"]


class StaffStatus(StrEnum):
    DONE = "done"
    ALREADY = "already"
    CHOOSE = "choose"  # several match: `choices`
    NOT_FOUND = "not_found"
    SELF = "self"  # an admin cannot deactivate themself
    PROTECTED = "protected"  # an ADMIN_IDS admin


@dataclass(slots=True)
class StaffResult:
    status: StaffStatus
    officer: Officer | None = None
    choices: list[Officer] = field(default_factory=list)


def _matches(officer: Officer, query: str) -> bool:
    q = query.strip().lstrip("#@")
    if q.isdigit():
        return officer.telegram_id == int(q) or officer.id == int(q)
    words = fold_plain(q).split()
    name = fold_plain(officer.name or "").split()
    return bool(words) and all(w in name for w in words)


async def find_officers(
    session: AsyncSession, scope: Scope, query: str, *, active: bool | None = None
) -> list[Officer]:
    """Officers of the scope matching `query` (all of a unit's, with its unit loaded); `active` filters."""
    found = [o for o in await repo.list_officers(session, unit_ids=scope.filter()) if _matches(o, query)]
    if active is not None and any(o.active == active for o in found):
        found = [o for o in found if o.active == active]
    return found


async def set_active(
    session: AsyncSession,
    scope: Scope,
    active: bool,
    *,
    query: str | None = None,
    officer_id: int | None = None,
    by: Officer | None = None,
    admin_ids: Collection[int] = (),
    now: datetime | None = None,
) -> StaffResult:
    """Deactivate (`active` False) or reactivate the officer named by `query` or `officer_id`, within the
    scope (OutOfScope for one outside it)."""
    if officer_id is not None:
        officer = await repo.get_officer(session, officer_id)
        if officer is None:
            return StaffResult(StaffStatus.NOT_FOUND)
        if not scope.allows(officer.unit_id):
            raise scope.refuse("officer")
    else:
        found = await find_officers(session, scope, query or "", active=not active)
        if not found:
            if not scope.province and await find_officers(session, Scope(), query or ""):
                raise scope.refuse("officer")
            return StaffResult(StaffStatus.NOT_FOUND)
        if len(found) > 1:
            return StaffResult(StaffStatus.CHOOSE, choices=found)
        officer = found[0]
    if not active and by is not None and officer.id == by.id:
        return StaffResult(StaffStatus.SELF, officer)
    if not active and officer.telegram_id in admin_ids:
        return StaffResult(StaffStatus.PROTECTED, officer)
    changed = await repo.set_officer_active(
        session, officer.id, active, None if active else texts.OFFICER_DEACTIVATED_REASON, now or utcnow()
    )
    officer.active = active if changed else officer.active
    return StaffResult(StaffStatus.DONE if changed else StaffStatus.ALREADY, officer)


async def switch_officer(
    db: Database, query: str, active: bool, *, officer_id: int | None = None, admin_ids: Collection[int] = ()
) -> StaffResult:
    """The CLI's `officer deactivate|activate`: province-wide, one short write transaction."""
    async with db.write() as session:
        return await set_active(
            session,
            PROVINCE,
            active,
            query=None if officer_id else query,
            officer_id=officer_id,
            admin_ids=admin_ids,
        )


def describe(result: StaffResult, active: bool, who: str) -> tuple[str, int]:
    """The CLI's answer (plain text) and exit status: 0 done or already so, 1 otherwise."""
    if result.status == StaffStatus.NOT_FOUND:
        return texts.OFFICER_CLI_NOT_FOUND.format(who=who), 1
    if result.status == StaffStatus.PROTECTED:
        return texts.OFFICER_CLI_PROTECTED, 1
    if result.status == StaffStatus.CHOOSE:
        lines = [texts.OFFICER_CLI_CHOOSE.format(n=len(result.choices), who=who)]
        lines += [
            texts.OFFICER_CLI_CHOICE.format(
                id=o.id,
                name=o.name,
                unit=o.unit.name if o.unit else texts.SCOPE_PROVINCE,
                role=role_label(o.role),
                telegram_id=o.telegram_id,
            )
            for o in result.choices
        ]
        return "\n".join(lines), 1
    o = result.officer
    assert o is not None
    unit = o.unit.name if o.unit else texts.SCOPE_PROVINCE
    if result.status == StaffStatus.ALREADY:
        template = texts.OFFICER_CLI_ALREADY_ACTIVE if active else texts.OFFICER_CLI_ALREADY_INACTIVE
    else:
        template = texts.OFFICER_CLI_ACTIVATED if active else texts.OFFICER_CLI_DEACTIVATED
    return template.format(name=o.name, unit=unit, role=role_label(o.role)), 0
