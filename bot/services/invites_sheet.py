"""A printable sheet of invites (one per commune) with a QR code for each link."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.drawing.image import Image as XLImage
from openpyxl.styles import Font

__all__ = ["write_invite_sheet"]


def _qr_png(data: str) -> bytes | None:
    try:
        import segno
    except ImportError:
        return None
    buf = io.BytesIO()
    segno.make(data, error="m").save(buf, kind="png", scale=4, border=2)
    return buf.getvalue()


def write_invite_sheet(items: list[dict[str, Any]], path: str) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Mã mời"
    ws.append(["Xã/Phường", "Vai trò", "Mã mời", "Đường dẫn", "Hết hạn", "Mã QR"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for width, col in zip([28, 10, 16, 48, 22, 22], "ABCDEF", strict=True):
        ws.column_dimensions[col].width = width
    for row, item in enumerate(items, start=2):
        ws.append([item["unit"], item["role"], item["code"], item["link"], item["expires_at"][:10]])
        png = _qr_png(item["link"])
        if png:
            image = XLImage(io.BytesIO(png))
            image.width = image.height = 120
            ws.add_image(image, f"F{row}")
            ws.row_dimensions[row].height = 95
    wb.save(path)
