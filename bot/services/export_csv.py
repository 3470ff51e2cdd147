"""The report upward as CSV: the detail, one row per commune × directive, with the contract's columns
("Xã/Phường", "Trích yếu", "Trạng thái", "Số buổi", "Lý do", …). UTF-8 with a BOM so that Excel opens
Vietnamese correctly. Also the former interface of bot/services/export.py that the CLI calls."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import IO, Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.db.repo.admin import DetailRow
from bot.services.export import ExportData, ExportRequest, collect, render
from bot.services.labels import day_label, evidence_label
from bot.services.scope import PROVINCE

__all__ = ["CSV_HEADERS", "detail_values", "export_csv", "export_rows", "export_xlsx", "write_csv"]

CSV_HEADERS = [
    "Số công văn",
    "Trích yếu",
    "Hạn báo cáo",
    "Xã/Phường",
    "Mã đơn vị",
    "Trạng thái",
    "Người báo cáo",
    "Thời gian báo cáo",
    "Số buổi",
    "Lý do",
    "Minh chứng",
]


def _detail(
    data: ExportData, chunks: Iterable[list[DetailRow]] | None
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    units, directives, evidence = data.units, data.directives, data.evidence
    for i, row in enumerate(data.consume(chunks), start=1):
        aid, uid, did, done, done_at, due, n, name, reason = row
        d = directives[did]
        kinds = evidence.get(aid)
        yield (
            uid,
            (
                i,
                units[uid].name,
                d.number,
                d.subject,
                due,
                data.status(row),
                data.local(done_at) if done else None,
                name if done else None,
                n,
                None if done else reason,
                (evidence_label(kinds), data.evidence_link(aid)) if kinds else None,
            ),
        )


def detail_values(
    data: ExportData, chunks: Iterable[list[DetailRow]] | None = None
) -> Iterator[tuple[Any, ...]]:
    """The detail rows as a sheet shows them: STT, commune, number, subject, due, status, reported at (local),
    reporter, broadcasts, reason, evidence (kinds and the link)."""
    for _, values in _detail(data, chunks):
        yield values


def write_csv(data: ExportData, out: IO[bytes], chunks: Iterable[list[DetailRow]] | None = None) -> None:
    """The detail as CSV (UTF-8 with BOM, so Excel opens Vietnamese correctly)."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(CSV_HEADERS)
    for uid, (_, unit, number, subject, due, status, at, name, n, reason, ev) in _detail(data, chunks):
        writer.writerow(
            [
                number,
                subject,
                day_label(due),
                unit,
                data.unit_info.get(uid, ("", ""))[0],
                status,
                name or "",
                at.strftime("%d/%m/%Y %H:%M") if at else "",
                "" if n is None else n,
                reason or "",
                f"{ev[0]}: {ev[1]}" if ev else "",
            ]
        )
    text.flush()
    text.detach()


# ---------------------------------------------------------------- the former interface (the CLI, until rewritten)


async def export_rows(session: AsyncSession, tz: ZoneInfo) -> ExportData:
    """Every published directive, province-wide, rows in memory (settings from the environment)."""
    return await collect(session, Settings(), PROVINCE, ExportRequest())


def export_xlsx(data: ExportData, generated: datetime | None = None) -> bytes:
    buf = io.BytesIO()
    render(data, "xlsx", buf)
    return buf.getvalue()


def export_csv(data: ExportData) -> bytes:
    buf = io.BytesIO()
    render(data, "csv", buf)
    return buf.getvalue()
