"""The report upward: what each commune did with each directive of a period, as the office files it.

The rows (one per commune × directive) stream from one read session into a writer running off the event
loop, through a small bounded queue: reading and writing overlap, and memory stays flat at the country's
scale. The summary (per commune, per directive) is added up as the rows pass. Formats: XLSX
(bot/services/export_xlsx.py, sheets "Tổng hợp" and "Chi tiết"), a .docx summary
(bot/services/export_docx.py) and CSV (bot/services/export_csv.py: the detail, one row per commune × directive).

Which directives belong to a period: those published in it, whose broadcast period overlaps it, or
whose report is due in it. "Done" is as it stood at the end of the period (done by then); broadcasts
count the reports made by then (done and "more" reports, not undone); "Lý do" is the reason of the
latest "not done" report of what was not done.
"""

from __future__ import annotations

import asyncio
import io
import queue
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Literal
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.config import Settings
from bot.db import repo
from bot.db.database import Database
from bot.db.models import utcnow
from bot.db.repo.admin import DetailRow, DirectiveRow
from bot.services.labels import Period
from bot.services.scope import PROVINCE, Scope, resolve_directive
from bot.services.units import resolve_provinces

__all__ = [
    "ExportData",
    "ExportRequest",
    "Format",
    "UnitLine",
    "build_export",
    "collect",
    "export_to_file",
    "in_period",
    "prepare",
    "render",
    "stream",
]

Format = Literal["xlsx", "docx", "csv"]
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv",
}


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """A period (open ends allowed) and optionally one directive, as typed: its number or id."""

    period: Period = field(default_factory=Period)
    directive: str | None = None


@dataclass(slots=True)
class UnitLine:
    """One commune's line of the summary."""

    id: int
    code: str
    name: str
    officers: int
    assigned: int = 0
    done: int = 0
    not_done: int = 0  # reported as not done, with a reason
    broadcasts: int = 0

    @property
    def unstaffed(self) -> bool:
        """No registered officer and nothing reported: not counted as "chưa", nor in the rate."""
        return self.officers == 0 and self.done == 0 and self.not_done == 0

    @property
    def pending(self) -> int:
        return self.assigned - self.done

    @property
    def rate(self) -> float | None:
        return self.done / self.assigned if self.assigned and not self.unstaffed else None


@dataclass(slots=True)
class DirectiveLine:
    row: DirectiveRow
    assigned: int = 0
    done: int = 0

    @property
    def number(self) -> str:
        return (self.row.number or "").strip() or texts.REPORT_NO_NUMBER

    @property
    def subject(self) -> str:
        return f"V/v {self.row.subject}" if self.row.subject else ""


@dataclass(slots=True)
class ExportData:
    heading: tuple[str, str]  # the superior body and the agency, as in the top-left of a công văn
    place: str
    period: Period
    generated: datetime  # local
    scope_name: str | None
    directive: DirectiveRow | None
    directives: dict[int, DirectiveLine]
    evidence: dict[int, dict[str, int]]
    link_base: str
    tz: ZoneInfo
    unit_info: dict[int, tuple[str, str]]  # code, name of the units that may appear
    officers: dict[int, int]  # registered officers per unit
    units: dict[int, UnitLine] = field(default_factory=dict)  # filled as the rows pass, in their order
    rows: list[DetailRow] | None = None  # kept only by `collect`
    count: int = 0

    def __len__(self) -> int:
        return self.count

    def take(self, rows: list[DetailRow]) -> None:
        """Add rows to the summary."""
        units, directives = self.units, self.directives
        for _, uid, did, done, _, _, n, _, reason in rows:
            line = units.get(uid)
            if line is None:
                code, name = self.unit_info.get(uid, ("", str(uid)))
                line = units[uid] = UnitLine(uid, code, name, self.officers.get(uid, 0))
            line.assigned += 1
            d = directives[did]
            d.assigned += 1
            if done:
                line.done += 1
                d.done += 1
            elif reason:
                line.not_done += 1
            line.broadcasts += n or 0
        self.count += len(rows)

    def finish(self) -> None:
        """After the last row: directives nothing was assigned for (in the scope) are left out."""
        self.directives = {i: d for i, d in self.directives.items() if d.assigned}

    def consume(self, chunks: Iterable[list[DetailRow]] | None) -> Iterator[DetailRow]:
        """The rows, from the stream (added up on the way) or as collected."""
        if chunks is None:
            yield from self.rows or []
            return
        for chunk in chunks:
            self.take(chunk)
            yield from chunk
        self.finish()

    def period_lines(self) -> list[str]:
        """The period, and the directive when the report is about one."""
        lines = [texts.REPORT_PERIOD.format(period=self.period.label())]
        if self.directive is not None:
            line = DirectiveLine(self.directive)
            lines.append(
                texts.REPORT_DIRECTIVE.format(number=line.number, subject=self.directive.subject or "")
            )
        return lines

    def evidence_link(self, assignment_id: int) -> str:
        return f"{self.link_base}mc_{assignment_id}"

    def status(self, row: DetailRow) -> str:
        _, uid, _, done, _, _, _, _, reason = row
        if done:
            return texts.REPORT_STATUS_DONE
        if reason:
            return texts.REPORT_STATUS_NOT_DONE
        return texts.REPORT_STATUS_NO_OFFICER if not self.officers.get(uid) else texts.REPORT_STATUS_PENDING

    def local(self, value: datetime | None) -> datetime | None:
        """A stored (aware) time as the naive local time a sheet shows."""
        return value.astimezone(self.tz).replace(tzinfo=None) if value else None

    @property
    def totals(self) -> UnitLine:
        total = UnitLine(0, "", texts.REPORT_TOTAL, 0)
        for u in self.units.values():
            total.officers += u.officers
            total.assigned += u.assigned
            total.done += u.done
            total.broadcasts += u.broadcasts
        return total

    @property
    def staffed_rate(self) -> float | None:
        """Done over assigned, communes without a registered officer left out."""
        staffed = [u for u in self.units.values() if not u.unstaffed]
        assigned = sum(u.assigned for u in staffed)
        return sum(u.done for u in staffed) / assigned if assigned else None

    @property
    def unstaffed(self) -> int:
        return sum(1 for u in self.units.values() if u.unstaffed)

    def title_lines(self) -> list[str]:
        """The period, then the directive or how many directives and communes (after the rows)."""
        lines = self.period_lines()
        if self.directive is None:
            lines.append(texts.REPORT_COUNTS.format(directives=len(self.directives), units=len(self.units)))
        return lines


def in_period(d: DirectiveRow, period: Period, tz: ZoneInfo) -> bool:
    """Published in the period, broadcast during it, or due in it."""
    if period.open:
        return True
    start, end = period.start or date.min, period.end or date.max
    published = d.published_at.astimezone(tz).date() if d.published_at else None
    if published and start <= published <= end:
        return True
    first, last = d.broadcast_from or d.broadcast_to, d.broadcast_to or d.broadcast_from
    if first and last and first <= end and last >= start:
        return True
    return bool(d.report_due and start <= d.report_due <= end)


def _heading(settings: Settings, scope: Scope) -> tuple[tuple[str, str], str]:
    """The agency block (AGENCY setting "superior|agency", else derived) and the place for the date line."""
    provinces = resolve_provinces(settings.province)
    place = provinces[0].name.replace("Thành phố ", "").replace("Tỉnh ", "") if len(provinces) == 1 else ""
    configured = (settings.agency or "").strip()
    if not scope.province:
        superior, agency = texts.REPORT_AGENCY_UNIT
        return (superior.format(unit=(scope.unit_name or "").upper()), agency), place
    if configured:
        superior, _, agency = configured.rpartition("|")
        return (superior.strip(), agency.strip()), place
    if len(provinces) != 1:
        return texts.REPORT_AGENCY_COUNTRY, place
    superior, agency = texts.REPORT_AGENCY_PROVINCE
    name = provinces[0].name
    full = name if name.lower().startswith(("tỉnh", "thành phố")) else f"Tỉnh {name}"
    return (superior.format(province=full.upper()), agency), place


async def prepare(
    session: AsyncSession,
    settings: Settings,
    scope: Scope,
    request: ExportRequest,
    now: datetime | None = None,
) -> tuple[ExportData, datetime | None]:
    """Everything but the rows: the scope's directives of the period, units, officers, evidence counts
    (DirectiveNotFound / Ambiguous / OutOfScope for a directive not in the scope); and the end of the
    period."""
    tz = settings.tz
    unit_ids = scope.filter()
    chosen = None
    if request.directive:
        chosen = await resolve_directive(session, scope, request.directive)
        candidates = [chosen]
    else:
        candidates = await repo.scope_directives(session, unit_ids)
    selected = [d for d in candidates if in_period(d, request.period, tz)]
    _, until = request.period.bounds(tz)
    units = await repo.units_by_ids(session, unit_ids) if unit_ids is not None else None
    if units is None:
        units = {u.id: u for u in await repo.list_units(session)}
    heading, place = _heading(settings, scope)
    data = ExportData(
        heading=heading,
        place=place,
        period=request.period,
        generated=(now or utcnow()).astimezone(tz),
        scope_name=scope.unit_name,
        directive=chosen,
        directives={d.id: DirectiveLine(d) for d in selected},
        evidence=await repo.evidence_kinds(session, [d.id for d in selected], unit_ids, until),
        link_base=f"https://t.me/{settings.bot_username}?start=",
        tz=tz,
        unit_info={u.id: (u.code, u.name) for u in units.values()},
        officers=await repo.officer_counts(session, unit_ids),
    )
    return data, until


async def collect(
    session: AsyncSession,
    settings: Settings,
    scope: Scope,
    request: ExportRequest,
    now: datetime | None = None,
) -> ExportData:
    """Everything the report shows, the rows kept in memory (for a directive's progress, tests, small
    reports)."""
    data, until = await prepare(session, settings, scope, request, now)
    data.rows = await repo.detail_rows(session, list(data.directives), scope.filter(), until)
    data.take(data.rows)
    data.finish()
    return data


async def stream(
    db: Database,
    settings: Settings,
    scope: Scope,
    request: ExportRequest,
    fmt: Format,
    target: str | Path | IO[bytes],
    now: datetime | None = None,
) -> ExportData:
    """Read the rows in chunks and write them as they come, in a thread (blocking writes never touch the
    event loop); the queue between them holds a few chunks at most."""
    if db.sqlite and ":memory:" not in db.url:  # read by the writer's thread itself (see detail_chunks_sync)
        async with db.read() as session:
            data, until = await prepare(session, settings, scope, request, now)
        rows = repo.detail_chunks_sync(db.url, list(data.directives), scope.filter(), until)
        await asyncio.to_thread(render, data, fmt, target, rows)
        return data
    async with db.read() as session:
        data, until = await prepare(session, settings, scope, request, now)
        chunks: queue.Queue[list[DetailRow] | None] = queue.Queue(maxsize=4)
        writer = asyncio.ensure_future(asyncio.to_thread(render, data, fmt, target, iter(chunks.get, None)))

        async def put(item: list[DetailRow] | None) -> bool:
            while not writer.done():
                try:
                    chunks.put_nowait(item)
                    return True
                except queue.Full:
                    await asyncio.sleep(0.005)
            return False

        try:
            async for chunk in repo.detail_chunks(session, list(data.directives), scope.filter(), until):
                if not await put(chunk):
                    break
        finally:
            await put(None)
            await asyncio.wait([writer])
    writer.result()
    return data


def render(
    data: ExportData,
    fmt: Format,
    target: str | Path | IO[bytes],
    chunks: Iterable[list[DetailRow]] | None = None,
) -> None:
    """Write the report in `fmt` to a path or a binary file, from the rows streamed in `chunks` (or those
    collected). Blocking: run it off the event loop."""
    if fmt == "xlsx":
        from bot.services.export_xlsx import write_xlsx

        write_xlsx(data, target, chunks)
    elif fmt == "docx":
        from bot.services.export_docx import write_docx

        write_docx(data, target, chunks)
    else:
        from bot.services.export_csv import write_csv

        if isinstance(target, (str, Path)):
            with open(target, "wb") as out:
                write_csv(data, out, chunks)
        else:
            write_csv(data, target, chunks)


def file_name(data: ExportData, fmt: Format) -> str:
    return f"bao-cao-tuyen-truyen-{data.period.code()}-{data.generated:%Y%m%d-%H%M}.{fmt}"


async def build_export(
    db: Database,
    settings: Settings,
    scope: Scope,
    request: ExportRequest,
    fmt: Format = "xlsx",
    now: datetime | None = None,
) -> tuple[bytes, str, ExportData]:
    """The report as bytes (for sending), its file name, and what it holds. Written off the event loop."""
    buf = io.BytesIO()
    data = await stream(db, settings, scope, request, fmt, buf, now)
    return buf.getvalue(), file_name(data, fmt), data


async def export_to_file(
    db: Database,
    settings: Settings,
    path: str | Path,
    fmt: Format = "xlsx",
    request: ExportRequest | None = None,
    scope: Scope = PROVINCE,
) -> ExportData:
    """The report written to `path` (the CLI), streamed."""
    return await stream(db, settings, scope, request or ExportRequest(), fmt, path)


def __getattr__(name: str) -> object:
    """The former interface (export_rows, export_xlsx, export_csv) lives in bot.services.export_csv."""
    if name in ("export_rows", "export_xlsx", "export_csv", "CSV_HEADERS"):
        from bot.services import export_csv

        return getattr(export_csv, name)
    raise AttributeError(name)
