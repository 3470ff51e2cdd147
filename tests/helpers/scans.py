"""Scans and photos of công văn drawn for the OCR tests: pages rendered with DejaVu Sans, degraded as a
phone or a scanner would (turned, blurred, shaded), as JPEG or as a PDF without a text layer."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
PAGE = (1654, 2339)  # A4 at 200 dpi
MARGIN = 130
SIZE = 26

HEADER = (
    ["UBND TỈNH LẠNG SƠN", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 45/STTTT-TTBCXB"],
    [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lạng Sơn, ngày 03 tháng 11 năm 2025",
    ],
)
BODY = [
    "V/v tuyên truyền phòng cháy, chữa cháy rừng mùa hanh khô",
    "Kính gửi: UBND các xã, phường.",
    "Thực hiện Chỉ thị số 12/CT-UBND ngày 01/11/2025 của UBND tỉnh, Sở Thông tin và Truyền thông đề nghị:",
    "1. Tuyên truyền phòng cháy rừng: không đốt nương làm rẫy trong ngày hanh khô, dọn thực bì đúng quy định.",
    "2. Tuyên truyền chữa cháy rừng: báo ngay cho lực lượng kiểm lâm khi phát hiện cháy.",
    "3. Đề nghị các xã phát từ ngày 10/11/2025 đến hết ngày 30/11/2025, báo cáo kết quả trước ngày 05/12/2025./.",
]
FOOT = (["Nơi nhận:", "- Như trên;", "- Lưu: VT."], ["GIÁM ĐỐC", "", "", "Nguyễn Thị Hoa"])


# ---------------------------------------------------------------------------- drawing scans


def _font(size: int = SIZE, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(BOLD if bold and BOLD.exists() else FONT), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    measure = ImageDraw.Draw(Image.new("L", (1, 1)))
    lines: list[str] = []
    for para in text.splitlines():
        current = ""
        for word in para.split():
            trial = f"{current} {word}".strip()
            if measure.textlength(trial, font=font) <= width or not current:
                current = trial
            else:
                lines.append(current)
                current = word
        lines.append(current)
    return lines


def render_pages(text: str) -> list[Image.Image]:
    """The text typeset on A4 pages (200 dpi), one line of text per line of the source, wrapped."""
    font = _font()
    lines = _wrap(text, font, PAGE[0] - 2 * MARGIN)
    step = int(SIZE * 1.45)
    per_page = (PAGE[1] - 2 * MARGIN) // step
    pages = []
    for first in range(0, len(lines), per_page):
        page = Image.new("L", PAGE, 255)
        draw = ImageDraw.Draw(page)
        for n, line in enumerate(lines[first : first + per_page]):
            draw.text((MARGIN, MARGIN + n * step), line, font=font, fill=0)
        pages.append(page)
    return pages


def _columns(draw: ImageDraw.ImageDraw, top: int, left: list[str], right: list[str], bold: bool) -> int:
    font = _font(bold=bold)
    for n, line in enumerate(left):
        draw.text((330 - draw.textlength(line, font=font) / 2, top + n * 45), line, font=font, fill=0)
    for n, line in enumerate(right):
        draw.text((1130 - draw.textlength(line, font=font) / 2, top + n * 45), line, font=font, fill=0)
    return top + 45 * max(len(left), len(right))


def render_letter() -> Image.Image:
    """One page laid out as a real công văn: two-column header, body, two-column foot."""
    page = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(page)
    y = _columns(draw, 130, *HEADER, bold=True) + 60
    font = _font()
    for para in BODY:
        for line in _wrap(para, font, PAGE[0] - 2 * MARGIN):
            draw.text((MARGIN, y), line, font=font, fill=0)
            y += int(SIZE * 1.45)
        y += 14
    _columns(draw, y + 40, *FOOT, bold=False)
    return page


def degrade(page: Image.Image, angle: float = 1.5, blur: float = 1.0, shade: bool = False) -> Image.Image:
    """What a phone or a cheap scanner does: uneven light, a little blur, a slight turn."""
    if shade:
        light = Image.linear_gradient("L").resize(page.size).point(lambda v: 255 - v // 5)
        page = ImageChops.multiply(page, light)
    page = page.filter(ImageFilter.GaussianBlur(blur))
    return page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def jpeg(image: Image.Image, quality: int = 80) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def scanned_pdf(pages: list[Image.Image]) -> bytes:
    """A PDF of page images only: no text layer."""
    buf = io.BytesIO()
    rgb = [p.convert("RGB") for p in pages]
    rgb[0].save(buf, "PDF", save_all=True, append_images=rgb[1:], resolution=200)
    return buf.getvalue()
