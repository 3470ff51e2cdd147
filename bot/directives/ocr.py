"""Reading scans: a PDF without a text layer, or a photo (JPEG/PNG) of a công văn, through Tesseract.

Tesseract is run as the `tesseract` binary (Debian: tesseract-ocr, tesseract-ocr-vie), one
process per page with a timeout, fed a PNG on standard input. No Python wrapper is needed: the
binary is the dependency either way, and calling it directly gives the timeout, the clean kill
and the error messages without a temporary file. `TESSERACT_CMD` in the environment names
another binary.

PDF pages are rendered by pypdfium2 (PDFium, shipped inside the wheel). Before recognition an
image is turned upright (EXIF orientation; Tesseract's OSD when a first pass reads badly),
made grayscale, contrast-stretched, scaled so that text is large enough (and the page no
larger than `MAX_OCR_PIXELS`), lightly sharpened and deskewed (a projection profile finds a
slant of up to ±6°).

Bounds: at most `MAX_OCR_PAGES` pages, `MAX_IMAGE_PIXELS` for an input image, `MAX_OCR_PIXELS`
per page given to Tesseract (which bounds its memory), `OCR_TIME_LIMIT` seconds per document.
"""

from __future__ import annotations

import array
import io
import itertools
import logging
import math
import os
import re
import shutil
import subprocess
import threading
import time
import warnings
from typing import Any

from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

from bot.directives.errors import DocumentError
from bot.directives.ocr_layout import layout_text
from bot.lang.fold import is_syllable, tokens

__all__ = [
    "MAX_IMAGE_PIXELS",
    "MAX_OCR_PAGES",
    "MAX_OCR_PIXELS",
    "OCR_LANGUAGE",
    "OCR_TIME_LIMIT",
    "deskew_angle",
    "engine_problem",
    "layout_text",
    "ocr_image",
    "ocr_pdf",
    "prepare",
    "readable_words",
]

log = logging.getLogger(__name__)

OCR_LANGUAGE = "vie"
MAX_OCR_PAGES = 10
"""A scan longer than this is refused (a công văn is 1–5 pages; each page costs seconds)."""
MAX_IMAGE_PIXELS = 64_000_000
"""The largest photo accepted (a 64 MP camera); JPEGs are decoded at reduced size when larger than needed."""
MAX_OCR_PIXELS = 12_000_000
"""The largest page handed to Tesseract (an A4 page at 300 dpi is 8.7 MP)."""
OCR_TIME_LIMIT = 120.0
"""Seconds for the whole document; one page gets at most what is left."""
RENDER_DPI = 300
MIN_WORDS = 8
"""Fewer Vietnamese words than this and the image is taken as unreadable."""

_MAX_SKEW = 6.0
_PDFIUM_LOCK = threading.Lock()  # PDFium is not thread-safe
_ROTATE = re.compile(r"Rotate:\s*(\d+)")
_CONFIDENCE = re.compile(r"Orientation confidence:\s*([\d.]+)")


def _command() -> str:
    return os.environ.get("TESSERACT_CMD") or "tesseract"


_ENGINES_OK: set[str] = set()


def _engine_problem(command: str) -> str | None:
    if command in _ENGINES_OK:  # only success is remembered: installing Tesseract later works at once
        return None
    path = shutil.which(command)
    if path is None:
        return "máy chủ chưa cài Tesseract (gói tesseract-ocr và tesseract-ocr-vie)"
    try:
        proc = subprocess.run(
            [path, "--list-langs"], capture_output=True, text=True, timeout=20, check=False, env=_env()
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("tesseract --list-langs failed: %s", exc)
        return "máy chủ chưa cài Tesseract đúng cách (không chạy được tesseract)"
    langs = set((proc.stdout + "\n" + proc.stderr).split())
    if OCR_LANGUAGE not in langs:
        return "máy chủ chưa cài Tesseract tiếng Việt (gói tesseract-ocr-vie)"
    _ENGINES_OK.add(command)
    return None


def engine_problem() -> str | None:
    """None when Tesseract with the Vietnamese model is usable; otherwise why not (Vietnamese)."""
    return _engine_problem(_command())


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"  # one core per page: faster on small machines, fair to the bot
    return env


def readable_words(text: str) -> int:
    """How many words of the text are Vietnamese syllables carrying a mark (OCR noise rarely is)."""
    return sum(1 for w in tokens(text) if not w.isascii() and is_syllable(w))


def _reads_well(text: str) -> bool:
    """Enough marked Vietnamese syllables, and they are a good share of the words (a page read sideways
    gives a few by chance among much noise)."""
    words = sum(1 for w in tokens(text) if w.isalpha())
    found = readable_words(text)
    return found >= MIN_WORDS and found >= 0.4 * words


# ---------------------------------------------------------------------------- pre-processing


def _row_profile_score(binary: Image.Image, angle: float) -> float:
    rotated = binary.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0)
    rows = array.array("f", rotated.resize((1, rotated.height), Image.Resampling.BOX).tobytes())
    return sum((a - b) ** 2 for a, b in itertools.pairwise(rows))


def deskew_angle(gray: Image.Image) -> float:
    """The counter-clockwise rotation (degrees) that makes the text lines of `gray` horizontal."""
    small = gray.copy()
    small.thumbnail((900, 900))
    # ink white on black, as floats, so rotating fills with "no ink"
    stretched = ImageOps.autocontrast(small, cutoff=1)
    binary = stretched.point(lambda v: 255 if v < 128 else 0).convert("F")
    best = max(
        (step * 0.5 for step in range(int(-_MAX_SKEW * 2), int(_MAX_SKEW * 2) + 1)),
        key=lambda a: _row_profile_score(binary, a),
    )
    fine = max(
        (best + step * 0.1 for step in range(-5, 6)),
        key=lambda a: _row_profile_score(binary, a),
    )
    return round(fine, 2)


def prepare(image: Image.Image, *, max_pixels: int = MAX_OCR_PIXELS) -> Image.Image:
    """Grayscale, contrast-stretched, sized for Tesseract (small images enlarged), sharpened, deskewed."""
    gray = image.convert("L") if image.mode != "L" else image
    width, height = gray.size
    scale = 1.0
    if max(width, height) < 2400:  # small photo or screenshot: text too small for Tesseract
        scale = min(3.0, 3000 / max(width, height))
    budget = max_pixels / 1.25  # room for the corners a deskew adds
    if width * height * scale * scale > budget:
        scale = math.sqrt(budget / (width * height))
    if abs(scale - 1.0) > 0.05:
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        gray = gray.resize(size, Image.Resampling.LANCZOS)
    gray = ImageOps.autocontrast(gray, cutoff=0.5)
    gray = gray.filter(ImageFilter.UnsharpMask(radius=2, percent=80, threshold=2))
    angle = deskew_angle(gray)
    if abs(angle) >= 0.2:
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return gray


# ---------------------------------------------------------------------------- Tesseract


def _tesseract(image: Image.Image, args: list[str], deadline: float) -> str:
    timeout = deadline - time.monotonic()
    if timeout <= 1:
        raise DocumentError("Nhận dạng chữ (OCR) quá lâu, đã dừng. Vui lòng gửi bản .docx hoặc PDF có chữ.")
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=1)
    command = shutil.which(_command()) or _command()
    try:
        proc = subprocess.run(
            [command, "stdin", "stdout", *args],
            input=buf.getvalue(),
            capture_output=True,
            timeout=timeout,
            check=False,
            env=_env(),
        )
    except subprocess.TimeoutExpired as exc:
        raise DocumentError(
            "Nhận dạng chữ (OCR) quá lâu, đã dừng. Vui lòng gửi bản .docx hoặc PDF có chữ."
        ) from exc
    except OSError as exc:
        _ENGINES_OK.discard(_command())
        raise DocumentError("Không chạy được Tesseract để nhận dạng chữ (OCR).") from exc
    if proc.returncode != 0:
        log.info(
            "tesseract %s exited %s: %s", args, proc.returncode, proc.stderr.decode(errors="replace")[-500:]
        )
        return ""
    return proc.stdout.decode("utf-8", errors="replace")


def _orientation(image: Image.Image, deadline: float) -> int:
    """Tesseract's OSD: the clockwise rotation (0, 90, 180, 270) that makes the page upright, if sure."""
    small = image.copy()
    small.thumbnail((2000, 2000))
    out = _tesseract(small, ["--psm", "0", "-l", "osd"], deadline)
    rotate, confidence = _ROTATE.search(out), _CONFIDENCE.search(out)
    if not rotate or not confidence or float(confidence.group(1)) < 2.0:
        return 0
    return int(rotate.group(1)) % 360


def _recognize(image: Image.Image, deadline: float, dpi: int | None) -> str:
    args = ["-l", OCR_LANGUAGE, "--oem", "1", "--psm", "3", "-c", "tessedit_do_invert=0"]
    if dpi:
        args += ["--dpi", str(dpi)]
    return layout_text(_tesseract(image, [*args, "tsv"], deadline))


def _blank(image: Image.Image) -> bool:
    """A page with (almost) no ink: nothing to recognize (a blank back page of a scan)."""
    gray = image.convert("L")
    if gray.width > 1000:  # keep strokes dark enough to count: shrink by width only, and not below 1000
        gray = gray.resize((1000, max(1, gray.height * 1000 // gray.width)), Image.Resampling.BOX)
    ink = sum(gray.histogram()[:200])
    return ink < 0.0005 * gray.width * gray.height


def _read_page(image: Image.Image, deadline: float, dpi: int | None) -> str:
    if _blank(image):
        return ""
    prepared = prepare(image)
    text = _recognize(prepared, deadline, dpi)
    if _reads_well(text) or sum(1 for w in tokens(text) if w.isalpha()) < 20:
        return text  # read, or nothing like lines of text (noise, a picture): turning it will not help
    rotation = _orientation(prepared, deadline)  # upside down or sideways?
    if rotation:
        log.info("OCR: page turned %s° by OSD", rotation)
        turned = prepare(image.rotate(-rotation, expand=True))
        second = _recognize(turned, deadline, dpi)
        if readable_words(second) > readable_words(text):
            return second
    return text


def _check_engine(what: str) -> None:
    problem = engine_problem()
    if problem:
        raise DocumentError(f"{what} {problem}. Vui lòng gửi bản .docx hoặc PDF có chữ.")


def _finish(pages: list[str], unreadable: str) -> str:
    text = "\n\n".join(page.strip() for page in pages)
    if readable_words(text) < MIN_WORDS:
        raise DocumentError(unreadable)
    return text


# ---------------------------------------------------------------------------- inputs


def ocr_image(data: bytes) -> str:
    """The text of a photo or scan given as JPEG/PNG bytes, or DocumentError (Vietnamese)."""
    deadline = time.monotonic() + OCR_TIME_LIMIT
    too_big = f"Ảnh quá lớn; giới hạn là {MAX_IMAGE_PIXELS // 1_000_000} triệu điểm ảnh."
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data), formats=["JPEG", "PNG"])
            width, height = opened.size
            if width * height > MAX_IMAGE_PIXELS:
                raise DocumentError(too_big)
            if width < 200 or height < 200:
                raise DocumentError(f"Ảnh quá nhỏ ({width}×{height} điểm ảnh) để đọc được chữ.")
            if opened.format == "JPEG":  # decode gray, and at a reduced scale when far larger than needed
                factor = min(1.0, math.sqrt(MAX_OCR_PIXELS / (width * height)))
                opened.draft("L", (int(width * factor), int(height * factor)))
            image = ImageOps.exif_transpose(opened)
            image.load()
    except DocumentError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DocumentError(too_big) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise DocumentError("Ảnh bị hỏng hoặc không đúng định dạng JPEG/PNG, không đọc được.") from exc
    _check_engine("Ảnh chụp công văn cần nhận dạng chữ (OCR) nhưng")
    text = _read_page(image, deadline, None)
    return _finish(
        [text],
        "Không nhận dạng được chữ trong ảnh (ảnh mờ, tối, bị cắt hoặc không phải văn bản). "
        "Vui lòng chụp lại thẳng, rõ, đủ sáng cả trang, hoặc gửi bản .docx hoặc PDF có chữ.",
    )


def _render_page(pdf: Any, index: int) -> Image.Image | None:
    page = pdf[index]
    try:
        width, height = page.get_size()
        if width <= 1 or height <= 1:
            return None
        scale = min(RENDER_DPI / 72, math.sqrt(MAX_OCR_PIXELS / (width * height)))
        bitmap = page.render(scale=scale, grayscale=True, draw_annots=False)
        try:
            return bitmap.to_pil().convert("L")
        finally:
            bitmap.close()
    finally:
        page.close()


def ocr_pdf(data: bytes) -> str:
    """The text of a scanned PDF (no text layer), page by page, or DocumentError (Vietnamese)."""
    import pypdfium2 as pdfium

    _check_engine("Tệp PDF không có lớp chữ (có thể là bản scan), cần nhận dạng chữ (OCR) nhưng")
    deadline = time.monotonic() + OCR_TIME_LIMIT
    texts: list[str] = []
    try:
        with _PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(data)
            count = len(pdf)
        try:
            if count > MAX_OCR_PAGES:
                raise DocumentError(
                    f"Tệp PDF là bản scan dài {count} trang; chỉ nhận dạng chữ (OCR) được tối đa "
                    f"{MAX_OCR_PAGES} trang. Vui lòng gửi bản .docx hoặc PDF có chữ."
                )
            for index in range(count):
                with _PDFIUM_LOCK:  # one page in memory at a time; the lock is not held during OCR
                    image = _render_page(pdf, index)
                if image is not None:
                    texts.append(_read_page(image, deadline, RENDER_DPI))
        finally:
            with _PDFIUM_LOCK:
                pdf.close()
    except pdfium.PdfiumError as exc:
        raise DocumentError("Tệp PDF bị hỏng hoặc có mật khẩu, không đọc được để nhận dạng chữ.") from exc
    return _finish(
        texts,
        "Tệp PDF không có lớp chữ (có thể là bản scan) và không nhận dạng được chữ từ ảnh quét "
        "(ảnh mờ hoặc không phải văn bản). Vui lòng gửi bản .docx hoặc PDF có chữ, hoặc bản scan rõ hơn.",
    )
