"""The report upward: every commune's status per directive, as Excel (openpyxl) or CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db import repo

__all__ = ["HEADERS", "export_csv", "export_rows", "export_xlsx"]

HEADERS = [
    "Số công văn",
    "Trích yếu",
    "Hạn báo cáo",
    "Xã/Phường",
    "Mã đơn vị",
    "Trạng thái",
    "Người báo cáo",
    "Thời gian",
    "Số buổi",
    "Minh chứng",
    "Kênh",
]
_VIA = {"button": "Nút bấm", "reply": "Trả lời tin", "text": "Tin nhắn"}


async def export_rows(session: AsyncSession, tz: ZoneInfo) -> list[list[object]]:
    """One row per directive × commune."""
    rows: list[list[object]] = []
    for d, a, unit, report, name in await repo.report_rows(session):
        rows.append(
            [
                (d.number or "").strip(),
                d.subject or "",
                a.due.strftime("%d/%m/%Y") if a.due else "",
                unit.name,
                unit.code,
                "Đã thực hiện" if a.status == "done" else "Chưa thực hiện",
                name or "",
                report.created_at.astimezone(tz).strftime("%d/%m/%Y %H:%M") if report else "",
                report.count if report and report.count is not None else "",
                {"photo": "Ảnh", "voice": "Ghi âm", "video": "Video"}.get(report.evidence_kind or "", "")
                if report
                else "",
                _VIA.get(report.via, report.via) if report else "",
            ]
        )
    return rows


def export_xlsx(rows: list[list[object]], generated: datetime) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Báo cáo"
    ws.append(
        [f"Báo cáo kết quả tuyên truyền trên hệ thống loa — lập lúc {generated.strftime('%H:%M %d/%m/%Y')}"]
    )
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(HEADERS)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        ws.append(row)
    widths = [18, 60, 12, 26, 10, 16, 22, 17, 8, 11, 12]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A4"
    ws.auto_filter.ref = f"A3:{get_column_letter(len(HEADERS))}{3 + len(rows)}"
    summary = wb.create_sheet("Tổng hợp")
    summary.append(["Số công văn", "Trích yếu", "Tổng số xã", "Đã thực hiện", "Chưa thực hiện", "Tỉ lệ"])
    totals: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        key = (str(row[0]), str(row[1]))
        t = totals.setdefault(key, [0, 0])
        t[0] += 1
        t[1] += row[5] == "Đã thực hiện"
    for (number, subject), (total, done) in totals.items():
        summary.append([number, subject, total, done, total - done, f"{done / total:.0%}" if total else ""])
    for cell in summary[1]:
        cell.font = Font(bold=True)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_csv(rows: list[list[object]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(HEADERS)
    writer.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel opens Vietnamese CSV correctly
