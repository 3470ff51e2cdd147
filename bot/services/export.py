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
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import IO

from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.config import Settings
from bot.db import repo
from bot.db.database import Database
from bot.db.models import utcnow
from bot.db.repo.admin import DetailRow
from bot.services.export_data import (
    MEDIA_TYPES,
    DirectiveLine,
    ExportData,
    ExportRequest,
    Format,
    UnitLine,
    in_period,
)
from bot.services.scope import PROVINCE, Scope, resolve_directive
from bot.services.units import resolve_provinces

__all__ = [
    "MEDIA_TYPES",
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
