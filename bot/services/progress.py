"""How the directives of a scope are going: the list (/thongke, "tiến độ tuần này"), one directive in
detail (/thongke 2345), and who has not reported (/chuabaocao). Functions of a read session; the admin
service opens it and checks the scope."""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db import repo
from bot.db.models import Officer
from bot.db.repo.admin import DirectiveRow, DirectiveStats
from bot.services.export import in_period
from bot.services.labels import Period
from bot.services.scope import Scope
from bot.services.units import commune_units

__all__ = ["Missing", "MissingItem", "Overview", "Progress", "missing", "overview", "progress"]


@dataclass(slots=True)
class Overview:
    """The directives of a scope (of a period, when given) with their counts, and who can be reached."""

    scope: Scope
    period: Period | None
    directives: list[tuple[DirectiveRow, DirectiveStats]]
    units: int  # communes in the scope
    staffed: int  # of which with a registered officer
    blocked: list[Officer]  # officers who blocked the bot (in the scope)


async def overview(
    session: AsyncSession, scope: Scope, province: str, tz: ZoneInfo, period: Period | None = None
) -> Overview:
    unit_ids = scope.filter()
    rows = {d.id: d for d in await repo.scope_directives(session, unit_ids)}
    if period is not None:
        rows = {i: d for i, d in rows.items() if in_period(d, period, tz)}
    stats = await repo.directive_stats(session, unit_ids=unit_ids, directive_ids=list(rows))
    if unit_ids is None:
        communes = {u.id for u in await commune_units(session, province)}
    else:
        communes = set(unit_ids)
    staffed = sum(1 for uid in (await repo.officer_counts(session, unit_ids)) if uid in communes)
    blocked = [
        o
        for o in await repo.inactive_officers(session)
        if scope.allows(o.unit_id) and o.deactivated_reason != texts.OFFICER_DEACTIVATED_REASON
    ]
    return Overview(
        scope,
        period,
        [(rows[s.directive_id], s) for s in stats if s.directive_id in rows],
        len(communes),
        staffed,
        blocked,
    )


@dataclass(slots=True)
class Progress:
    """One directive in a scope: which communes did it, said why not, have not reported, have nobody."""

    scope: Scope
    directive: DirectiveRow
    total: int = 0
    done: list[str] = field(default_factory=list)
    not_done: list[tuple[str, str]] = field(default_factory=list)  # commune, reason
    pending: list[str] = field(default_factory=list)
    unstaffed: list[str] = field(default_factory=list)
    broadcasts: int = 0
    evidence: int = 0
    evidence_units: int = 0

    @property
    def rate(self) -> float:
        return len(self.done) / self.total if self.total else 0.0


async def progress(session: AsyncSession, scope: Scope, directive: DirectiveRow) -> Progress:
    unit_ids = scope.filter()
    rows = await repo.detail_rows(session, [directive.id], unit_ids)
    units = await repo.units_by_ids(session, sorted({r[1] for r in rows}))
    officers = await repo.officer_counts(session, unit_ids)
    kinds = await repo.evidence_kinds(session, [directive.id], unit_ids)
    out = Progress(scope, directive, total=len(rows))
    for aid, uid, _, done, _, _, n, _, reason in rows:
        name = units[uid].name
        if done:
            out.done.append(name)
        elif reason:
            out.not_done.append((name, reason))
        elif officers.get(uid, 0) == 0:
            out.unstaffed.append(name)
        else:
            out.pending.append(name)
        out.broadcasts += n or 0
        if aid in kinds:
            out.evidence += sum(kinds[aid].values())
            out.evidence_units += 1
    return out


@dataclass(slots=True)
class MissingItem:
    directive: DirectiveRow
    pending: list[str]  # have a registered officer, have not reported
    unstaffed: list[str]  # nobody registered: nobody can report
    not_done: list[tuple[str, str]] = field(default_factory=list)  # reported they could not, and why


@dataclass(slots=True)
class Missing:
    scope: Scope
    items: list[MissingItem]
    directive: DirectiveRow | None = None  # when one was asked for


async def missing(session: AsyncSession, scope: Scope, directive: DirectiveRow | None = None) -> Missing:
    unit_ids = scope.filter()
    rows = {d.id: d for d in await repo.scope_directives(session, unit_ids)}
    wanted = [directive.id] if directive is not None else list(rows)
    pending = await repo.pending_unit_ids(session, unit_ids=unit_ids, directive_ids=wanted)
    said = await repo.not_done_units(session, unit_ids=unit_ids, directive_ids=wanted)
    officers = await repo.officer_counts(session, unit_ids)
    items = []
    for did, units in pending.items():
        if did not in rows:
            continue
        reasons = said.get(did, {})
        staffed = [name for uid, name in units if officers.get(uid, 0) and uid not in reasons]
        nobody = [name for uid, name in units if not officers.get(uid, 0) and uid not in reasons]
        not_done = [(name, reasons[uid]) for uid, name in units if uid in reasons]
        items.append(MissingItem(rows[did], staffed, nobody, not_done))
    return Missing(scope, items, directive)
