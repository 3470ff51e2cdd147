"""A printable sheet of invites (one per commune) with a QR code for each link."""

from __future__ import annotations

import io
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.drawing.image import Image as XLImage
from openpyxl.styles import Font

from bot.services.labels import day_label, role_label

__all__ = ["write_invite_sheet"]


def _qr_png(data: str) -> bytes | None:
    try:
        import segno
    except ImportError:
        return None
    buf = io.BytesIO()
    segno.make(data, error="m").save(buf, kind="png", scale=4, border=2)
    return buf.getvalue()


def write_invite_sheet(items: list[dict[str, Any]], path: str, tz: ZoneInfo | None = None) -> None:
    """One row per invite: the unit, the role in Vietnamese (cán bộ, quản trị viên), the code, the link, the
    expiry as dd/mm/yyyy in `tz` (Asia/Ho_Chi_Minh by default) and the QR code of the link."""
    tz = tz or ZoneInfo("Asia/Ho_Chi_Minh")
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Mã mời"
    ws.append(["Xã/Phường", "Vai trò", "Mã mời", "Đường dẫn", "Hết hạn", "Mã QR"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for width, col in zip([28, 14, 16, 48, 12, 22], "ABCDEF", strict=True):
        ws.column_dimensions[col].width = width
    for row, item in enumerate(items, start=2):
        expires = day_label(item["expires_at"], tz)
        ws.append([item["unit"], role_label(item["role"]), item["code"], item["link"], expires])
        png = _qr_png(item["link"])
        if png:
            image = XLImage(io.BytesIO(png))
            image.width = image.height = 120
            ws.add_image(image, f"F{row}")
            ws.row_dimensions[row].height = 95
    wb.save(path)
