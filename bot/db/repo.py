"""The repository: every query Loa Xã runs. Handlers and services never build SQL themselves.

Everything here is portable between SQLite and PostgreSQL except full-text search and
insert-or-ignore, which branch on the dialect in one place each.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Select, bindparam, case, func, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from bot.db.models import (
    Assignment,
    Delivery,
    Directive,
    InviteCode,
    Officer,
    ProgressWatch,
    Report,
    SearchDoc,
    Topic,
    Unit,
    utcnow,
)
from bot.db.rows import Item

__all__ = [
    "DirectiveStats",
    "FtsHit",
    "active_admins",
    "active_reports",
    "active_unit_officers",
    "add_directive",
    "add_invite",
    "add_progress_watch",
    "add_report",
    "add_units",
    "assigned_unit_ids",
    "assignment_of",
    "assignments_by_ids",
    "claim_deliveries",
    "claim_invite",
    "count_directives",
    "create_assignments",
    "deactivate_officer",
    "delivery_by_message",
    "directive_by_hash",
    "directive_stats",
    "directives_by_ids",
    "enqueue",
    "fts_search",
    "get_directive",
    "get_unit",
    "inactive_officers",
    "invite_by_code",
    "items_by_ids",
    "last_report_by",
    "list_officers",
    "list_units",
    "mark_deliveries_sent",
    "mark_delivery",
    "officer_by_telegram",
    "officers_in_units",
    "open_progress_watches",
    "outbox_counts",
    "pending_assignments",
    "pending_unit_items",
    "pending_units",
    "report_rows",
    "retry_failed",
    "save_officer",
    "save_progress_watches",
    "search_doc_texts",
    "search_docs_last_id",
    "search_docs_version",
    "search_vocabulary",
    "set_directive_published",
    "topics_by_ids",
    "topics_for",
    "undelivered_units",
    "undo_report",
    "unit_codes",
    "units_by_ids",
    "week_items",
]


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def _insert(session: AsyncSession, table: Any) -> Any:
    return (postgresql.insert if _dialect(session) == "postgresql" else sqlite.insert)(table)


# ---------------------------------------------------------------------------- units


async def unit_codes(session: AsyncSession) -> set[str]:
    """Codes of every unit already stored."""
    return set((await session.scalars(select(Unit.code))).all())


async def add_units(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    """Insert units (dicts with code, name, kind, level, parent_code, folded_name) in tree order."""
    codes: dict[str, int] = {
        code: uid for code, uid in (await session.execute(select(Unit.code, Unit.id))).all()
    }
    for level in sorted({r["level"] for r in rows}):
        batch = [r for r in rows if r["level"] == level and r["code"] not in codes]
        if not batch:
            continue
        values = [
            {
                "code": r["code"],
                "name": r["name"],
                "kind": r["kind"],
                "level": r["level"],
                "folded_name": r["folded_name"],
                "parent_id": codes.get(r["parent_code"]) if r.get("parent_code") else None,
            }
            for r in batch
        ]
        for start in range(0, len(values), 500):
            await session.execute(
                _insert(session, Unit).values(values[start : start + 500]).on_conflict_do_nothing()
            )
        codes.update({code: uid for code, uid in (await session.execute(select(Unit.code, Unit.id))).all()})


async def list_units(
    session: AsyncSession, *, level: int | None = None, parent_codes: Iterable[str] | None = None
) -> list[Unit]:
    """Units ordered by code, optionally of one level and/or under some parents (by code)."""
    stmt = select(Unit).order_by(Unit.level, Unit.code)
    if level is not None:
        stmt = stmt.where(Unit.level == level)
    if parent_codes is not None:
        parents = select(Unit.id).where(Unit.code.in_(list(parent_codes)))
        stmt = stmt.where(or_(Unit.parent_id.in_(parents), Unit.code.in_(list(parent_codes))))
    return list((await session.scalars(stmt)).all())


# ---------------------------------------------------------------------------- directives


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
    directive.status = "published"
    if directive.published_at is None:
        directive.published_at = utcnow()
    if by is not None and directive.published_by is None:
        directive.published_by = by
    await session.flush()


# ---------------------------------------------------------------------------- assignments and outbox


async def create_assignments(
    session: AsyncSession, directive_id: int, unit_ids: Sequence[int], due: date | None
) -> list[Assignment]:
    """Assign a directive to units (existing assignments are kept); returns all its assignments for those units."""
    if unit_ids:
        rows = [
            {
                "directive_id": directive_id,
                "unit_id": uid,
                "due": due,
                "status": "pending",
                "created_at": utcnow(),
            }
            for uid in unit_ids
        ]
        for start in range(0, len(rows), 500):
            await session.execute(
                _insert(session, Assignment).values(rows[start : start + 500]).on_conflict_do_nothing()
            )
    stmt = select(Assignment).where(
        Assignment.directive_id == directive_id, Assignment.unit_id.in_(list(unit_ids))
    )
    return list((await session.scalars(stmt)).all())


async def assigned_unit_ids(session: AsyncSession, directive_id: int) -> set[int]:
    """Units a directive is already assigned to."""
    rows = await session.scalars(select(Assignment.unit_id).where(Assignment.directive_id == directive_id))
    return set(rows.all())


async def officers_in_units(
    session: AsyncSession, unit_ids: Sequence[int], *, active: bool = True
) -> list[Officer]:
    """Officers (role officer or admin) bound to any of these units."""
    stmt = select(Officer).where(Officer.unit_id.in_(list(unit_ids)))
    if active:
        stmt = stmt.where(Officer.active.is_(True))
    return list((await session.scalars(stmt.order_by(Officer.id))).all())


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


# ---------------------------------------------------------------------------- stats


@dataclass(slots=True)
class DirectiveStats:
    directive_id: int
    number: str | None
    subject: str | None
    total: int
    done: int
    pending: int
    report_due: date | None


async def directive_stats(session: AsyncSession) -> list[DirectiveStats]:
    """Per published directive: how many communes are assigned, done and pending."""
    done = func.sum(case((Assignment.status == "done", 1), else_=0))
    stmt = (
        select(
            Directive.id,
            Directive.number,
            Directive.subject,
            Directive.report_due,
            func.count(Assignment.id),
            done,
        )
        .join(Assignment, Assignment.directive_id == Directive.id, isouter=True)
        .where(Directive.status == "published")
        .group_by(Directive.id, Directive.number, Directive.subject, Directive.report_due)
        .order_by(Directive.id)
    )
    out = []
    for did, number, subject, due, total, done_n in (await session.execute(stmt)).all():
        done_n = int(done_n or 0)
        out.append(DirectiveStats(did, number, subject, int(total), done_n, int(total) - done_n, due))
    return out


# ---------------------------------------------------------------------------- search


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


async def topics_by_ids(session: AsyncSession, topic_ids: Sequence[int]) -> dict[int, Topic]:
    if not topic_ids:
        return {}
    rows = await session.scalars(select(Topic).where(Topic.id.in_(list(topic_ids))))
    return {t.id: t for t in rows}


async def directives_by_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, Directive]:
    if not ids:
        return {}
    rows = await session.scalars(select(Directive).where(Directive.id.in_(list(ids))))
    return {d.id: d for d in rows}


# ---------------------------------------------------------------------------- officers and invites


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


async def claim_invite(session: AsyncSession, invite_id: int, officer_id: int, now: datetime) -> bool:
    """Mark an invite used, only if nobody used it meanwhile (single use under concurrency)."""
    result = await session.execute(
        update(InviteCode)
        .where(InviteCode.id == invite_id, InviteCode.used_at.is_(None))
        .values(used_at=now, used_by=officer_id)
    )
    return (result.rowcount or 0) == 1  # type: ignore[attr-defined]


async def save_officer(session: AsyncSession, officer: Officer) -> Officer:
    session.add(officer)
    await session.flush()
    return officer


async def get_unit(session: AsyncSession, unit_id: int) -> Unit | None:
    return await session.get(Unit, unit_id)


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
    """Stop sending to an officer (bot blocked, account deleted)."""
    await session.execute(
        update(Officer)
        .where(Officer.id == officer_id)
        .values(active=False, deactivated_at=now, deactivated_reason=reason)
    )


# ---------------------------------------------------------------------------- assignments and reports


def _assignment_query() -> Select[Any]:
    """Assignments of published directives, with the directive (without its full text)."""
    return (
        select(Assignment)
        .join(Directive, Directive.id == Assignment.directive_id)
        .options(contains_eager(Assignment.directive).defer(Directive.body).defer(Directive.recipients))
        .where(Directive.status == "published")
    )


# Hot queries (every "tuần này phát gì", every report) are plain Core statements built once with bind
# parameters: on SQLite, building a statement this size and hydrating ORM objects cost several times
# more than running it.

_A = Assignment.__table__.c
_D = Directive.__table__.c
_R = Report.__table__.c
_O = Officer.__table__.c


def _item(row: Any) -> Item:
    return Item(
        assignment_id=row[0],
        directive_id=row[1],
        unit_id=row[2],
        status=row[3],
        due=row[4],
        number=row[5],
        subject=row[6],
        topic_titles=row[7] or [],
        broadcast_from=row[8],
        broadcast_to=row[9],
        reported_at=row[10],
        reporter=row[11],
    )


@functools.cache
def _item_select() -> Select[Any]:
    """Assignments of published directives with what a list shows, plus the report that stands (the
    latest not undone) and its officer's name."""
    latest = (
        select(func.max(_R.id))
        .where(_R.assignment_id == _A.id, _R.undone_at.is_(None))
        .correlate(Assignment.__table__)
        .scalar_subquery()
    )
    joined = (
        Assignment.__table__.join(Directive.__table__, _D.id == _A.directive_id)
        .outerjoin(Report.__table__, _R.id == latest)
        .outerjoin(Officer.__table__, _O.id == _R.officer_id)
    )
    return (
        select(
            _A.id,
            _A.directive_id,
            _A.unit_id,
            _A.status,
            _A.due,
            _D.number,
            _D.subject,
            _D.topic_titles,
            _D.broadcast_from,
            _D.broadcast_to,
            _R.created_at,
            _O.name,
        )
        .select_from(joined)
        .where(_D.status == "published")
    )


@functools.cache
def _week_stmt(limit: int) -> Select[Any]:
    start, end, today = (
        bindparam("start", type_=Date),
        bindparam("end", type_=Date),
        bindparam("today", type_=Date),
    )
    first = func.coalesce(_D.broadcast_from, _D.broadcast_to)
    last = func.coalesce(_D.broadcast_to, _D.broadcast_from)
    touches = (first.is_not(None)) & (first <= end) & (last >= start)
    open_pending = (_A.status == "pending") & (or_(_A.due.is_(None), _A.due >= today))
    current = or_(touches, open_pending)
    is_current = case((current, 1), else_=0)
    upcoming = _D.broadcast_from > end
    return (
        _item_select()
        .add_columns(is_current)
        .where(_A.unit_id == bindparam("unit_id"))
        .order_by(
            is_current.desc(),
            case((current & (_A.status == "done"), 1), else_=0),
            case((current & _A.due.is_(None), 1), else_=0),
            case((current, _A.due)),
            case((upcoming, 0), else_=1),
            case((upcoming, _D.broadcast_from)),
            _A.id.desc(),
        )
        .limit(limit)
    )


@functools.cache
def _pending_stmt() -> Select[Any]:
    return (
        _item_select()
        .where(_A.unit_id == bindparam("unit_id"), _A.status == "pending")
        .order_by(case((_A.due.is_(None), 1), else_=0), _A.due, _A.id.desc())
    )


@functools.cache
def _items_by_ids_stmt() -> Select[Any]:
    return _item_select().where(_A.id.in_(bindparam("ids", expanding=True)))


async def week_items(
    session: AsyncSession, unit_id: int, start: date, end: date, today: date, limit: int
) -> list[tuple[Item, bool]]:
    """In one query: the unit's assignments whose broadcast period touches [start, end] or that are pending
    and not past due (flag True; pending first, then soonest due, none last, then newest); after them, the
    nearest upcoming one, then the most recent (flag False), for when nothing is current. Pages rely on
    this order being total."""
    result = await session.execute(
        _week_stmt(limit), {"unit_id": unit_id, "start": start, "end": end, "today": today}
    )
    return [(_item(row), bool(row[12])) for row in result]


async def pending_unit_items(session: AsyncSession, unit_id: int) -> list[Item]:
    """A unit's pending assignments of published directives, soonest deadline first (none last, then newest)."""
    return [_item(row) for row in await session.execute(_pending_stmt(), {"unit_id": unit_id})]


async def items_by_ids(session: AsyncSession, assignment_ids: Sequence[int]) -> dict[int, Item]:
    """Assignments of published directives by id, each with the report that stands."""
    if not assignment_ids:
        return {}
    result = await session.execute(_items_by_ids_stmt(), {"ids": sorted(set(assignment_ids))})
    return {item.assignment_id: item for item in map(_item, result)}


async def assignment_of(session: AsyncSession, directive_id: int, unit_id: int) -> Assignment | None:
    return await session.scalar(
        _assignment_query().where(Assignment.directive_id == directive_id, Assignment.unit_id == unit_id)
    )


async def active_reports(
    session: AsyncSession, assignment_ids: Sequence[int]
) -> dict[int, tuple[Report, str]]:
    """The latest report not undone of each assignment, with the reporting officer's name."""
    if not assignment_ids:
        return {}
    stmt = (
        select(Report, Officer.name)
        .join(Officer, Officer.id == Report.officer_id)
        .where(Report.assignment_id.in_(list(assignment_ids)), Report.undone_at.is_(None))
        .order_by(Report.created_at)
    )
    out: dict[int, tuple[Report, str]] = {}
    for report, name in (await session.execute(stmt)).all():
        out[report.assignment_id] = (report, name)
    return out


async def add_report(session: AsyncSession, report: Report, now: datetime) -> bool:
    """Mark the report's assignment done and store the report; False (nothing stored) when the
    assignment is no longer pending, because someone reported it meanwhile."""
    result = await session.execute(
        update(Assignment)
        .where(Assignment.id == report.assignment_id, Assignment.status == "pending")
        .values(status="done", done_at=now)
    )
    if (result.rowcount or 0) != 1:  # type: ignore[attr-defined]
        return False
    session.add(report)
    await session.flush()
    return True


async def last_report_by(session: AsyncSession, officer_id: int, since: datetime) -> Report | None:
    """The officer's most recent report, not undone, made after `since`."""
    stmt = (
        select(Report)
        .where(Report.officer_id == officer_id, Report.undone_at.is_(None), Report.created_at >= since)
        .order_by(Report.created_at.desc(), Report.id.desc())
        .limit(1)
    )
    return await session.scalar(stmt)


async def undo_report(session: AsyncSession, report: Report, now: datetime) -> None:
    """Undo a report; its assignment is pending again unless another report still stands."""
    report.undone_at = now
    await session.flush()
    remaining = await session.scalar(
        select(func.count(Report.id)).where(
            Report.assignment_id == report.assignment_id, Report.undone_at.is_(None)
        )
    )
    if not remaining:
        await session.execute(
            update(Assignment)
            .where(Assignment.id == report.assignment_id)
            .values(status="pending", done_at=None)
        )


async def delivery_by_message(session: AsyncSession, chat_id: int, message_id: int) -> Delivery | None:
    """The outbox row whose sent message is this one (to match a reply to a pushed directive)."""
    stmt = select(Delivery).where(Delivery.chat_id == chat_id, Delivery.telegram_message_id == message_id)
    return await session.scalar(stmt)


# ---------------------------------------------------------------------------- outbox


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


# ---------------------------------------------------------------------------- admin views


async def pending_units(session: AsyncSession) -> dict[int, list[str]]:
    """For each published directive, the names of the units that have not reported."""
    stmt = (
        select(Assignment.directive_id, Unit.name)
        .join(Unit, Unit.id == Assignment.unit_id)
        .join(Directive, Directive.id == Assignment.directive_id)
        .where(Directive.status == "published", Assignment.status == "pending")
        .order_by(Assignment.directive_id, Unit.name)
    )
    out: dict[int, list[str]] = {}
    for did, name in (await session.execute(stmt)).all():
        out.setdefault(int(did), []).append(str(name))
    return out


async def inactive_officers(session: AsyncSession) -> list[Officer]:
    """Officers who stopped receiving messages (blocked the bot, deleted their account)."""
    stmt = (
        select(Officer)
        .options(selectinload(Officer.unit))
        .where(Officer.active.is_(False))
        .order_by(Officer.name)
    )
    return list((await session.scalars(stmt)).all())


async def report_rows(
    session: AsyncSession,
) -> list[tuple[Directive, Assignment, Unit, Report | None, str | None]]:
    """Every assignment of published directives with its unit and standing report (for the export)."""
    stmt = (
        select(Directive, Assignment, Unit)
        .join(Assignment, Assignment.directive_id == Directive.id)
        .join(Unit, Unit.id == Assignment.unit_id)
        .where(Directive.status == "published")
        .order_by(Directive.id, Unit.name)
    )
    rows = (await session.execute(stmt)).all()
    reports = await active_reports(session, [a.id for _, a, _ in rows])
    out = []
    for d, a, u in rows:
        report, name = reports.get(a.id, (None, None))
        out.append((d, a, u, report, name))
    return out


async def pending_assignments(
    session: AsyncSession, due_from: date | None = None, due_to: date | None = None
) -> list[Assignment]:
    """Pending assignments of published directives, optionally only those due between two dates (inclusive)."""
    stmt = _assignment_query().where(Assignment.status == "pending")
    if due_from is not None:
        stmt = stmt.where(Assignment.due >= due_from)
    if due_to is not None:
        stmt = stmt.where(Assignment.due <= due_to)
    return list((await session.scalars(stmt.order_by(Assignment.due, Assignment.id))).all())


async def active_unit_officers(session: AsyncSession) -> list[Officer]:
    """Active commune officers (role officer) with a unit."""
    stmt = select(Officer).where(
        Officer.active.is_(True), Officer.role == "officer", Officer.unit_id.is_not(None)
    )
    return list((await session.scalars(stmt.order_by(Officer.id))).all())


async def active_admins(session: AsyncSession) -> list[Officer]:
    stmt = select(Officer).where(Officer.active.is_(True), Officer.role == "admin")
    return list((await session.scalars(stmt.order_by(Officer.id))).all())


async def topics_for(session: AsyncSession, directive_id: int) -> list[Topic]:
    rows = await session.scalars(
        select(Topic).where(Topic.directive_id == directive_id).order_by(Topic.ordinal)
    )
    return list(rows.all())


async def assignments_by_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, Assignment]:
    """Assignments with directive and topics, for rendering a batch of pushes in two queries."""
    if not ids:
        return {}
    rows = await session.scalars(_assignment_query().where(Assignment.id.in_(list(set(ids)))))
    return {a.id: a for a in rows}


async def units_by_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, Unit]:
    if not ids:
        return {}
    rows = await session.scalars(select(Unit).where(Unit.id.in_(list(set(ids)))))
    return {u.id: u for u in rows}
