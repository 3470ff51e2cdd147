"""Reading a document file (.txt, .docx, .pdf, or a photo/scan) into plain text, with clear errors.

Every input is hostile until read: files are read with a size cap and only when they are
regular files; a .docx goes through `safezip.sanitize_docx` (size caps, no DTD); a PDF's
text extraction is bounded in pages and time, and its warnings go to `logging` (INFO), never
to the screen; a scan or a photo is read by OCR (`bot.directives.ocr`) and marked so.
"""

from __future__ import annotations

import io
import logging
import os
import stat
import threading
import time
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.directives import ocr, safezip
from bot.directives.errors import DocumentError
from bot.lang.fold import is_syllable, nfc, repair_encoding, tokens

__all__ = [
    "IMAGE_SUFFIXES",
    "MAX_BYTES",
    "MAX_PDF_PAGES",
    "PDF_TIME_LIMIT",
    "SUPPORTED_SUFFIXES",
    "DocumentError",
    "ReadResult",
    "read_bytes",
    "read_bytes_ex",
    "read_document",
    "read_document_ex",
]

log = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
"""The largest file read (any kind)."""
MAX_PDF_PAGES = 200
"""A PDF with more pages is refused (a kế hoạch runs to a few dozen)."""
PDF_TIME_LIMIT = 20.0
"""Seconds for extracting a PDF's text layer."""
SCAN_WORDS = 40
"""A PDF whose text layer has fewer Vietnamese words than this, on a page with an image, is also OCR'd."""
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")
SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".md", *IMAGE_SUFFIXES)


@dataclass(frozen=True, slots=True)
class ReadResult:
    """The text of a document, and how it was obtained: `ocr` is True when read from a scan or a photo."""

    text: str
    ocr: bool = False
    kind: str = "txt"
    """One of "txt", "docx", "pdf", "image"."""


class _ToLogging(logging.Handler):
    """pypdf's log records, demoted to INFO on our logger: seen with -v, never printed by default."""

    def emit(self, record: logging.LogRecord) -> None:
        log.info("pypdf: %s", record.getMessage())


_pypdf_log = logging.getLogger("pypdf")
_pypdf_log.addHandler(_ToLogging())
_pypdf_log.propagate = False
_WARNINGS_LOCK = threading.Lock()


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(4, len(sample) // 50)


def _decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if _looks_binary(data):
        raise DocumentError("Tệp không phải văn bản (có vẻ là tệp nhị phân).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Old Vietnamese files: Windows-1258, or TCVN3/VNI bytes (which read as Latin-1 and are repaired).
    candidates = [nfc(data.decode("cp1258", errors="replace")), repair_encoding(data.decode("latin-1"))]
    return max(candidates, key=_vietnamese_score)


def _vietnamese_score(text: str) -> int:
    words = [w for w in tokens(text) if not w.isascii()]
    return sum(1 for w in words if is_syllable(w)) - text.count("\ufffd")


def _read_docx(data: bytes) -> str:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml import etree

    try:
        clean = safezip.sanitize_docx(data)
    except safezip.UnsafeDocx as exc:
        raise DocumentError(str(exc)) from exc
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        ValueError,
        OSError,
        NotImplementedError,
    ) as exc:
        raise DocumentError("Tệp .docx bị hỏng hoặc không đúng định dạng Word.") from exc
    try:
        document = Document(io.BytesIO(clean))
    except etree.XMLSyntaxError as exc:
        raise DocumentError("Tệp .docx bị hỏng: nội dung XML không hợp lệ.") from exc
    except Exception as exc:  # python-docx raises many kinds on a malformed package
        log.info("docx refused by python-docx: %r", exc)
        raise DocumentError("Tệp .docx bị hỏng hoặc không đúng định dạng Word.") from exc
    lines: list[str] = []
    try:
        body = document.element.body
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if tag == "p":
                lines.append(Paragraph(child, document).text)
            elif tag == "tbl":
                table = Table(child, document)
                for row in table.rows:
                    seen: set[int] = set()
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        lines.extend(p.text for p in cell.paragraphs)
    except Exception as exc:  # a structurally odd but well-formed document
        log.info("docx body unreadable: %r", exc)
        raise DocumentError("Tệp .docx có cấu trúc không đúng định dạng Word, không đọc được.") from exc
    return "\n\n".join(line for line in lines)


def _has_images(page: Any) -> bool:
    """Whether a pypdf page draws an image XObject (a scanned page does)."""
    try:
        objects = page["/Resources"].get_object().get("/XObject")
        if objects is None:
            return False
        objects = objects.get_object()
        return any(objects[key].get_object().get("/Subtype") == "/Image" for key in objects)
    except Exception:  # malformed resources: no evidence of a scan
        return False


def _pdf_text(data: bytes) -> tuple[str, bool]:
    """The text layer, and whether some page has little text but an image (a scan, maybe signed)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    deadline = time.monotonic() + PDF_TIME_LIMIT

    def check_time(*_: Any) -> None:
        if time.monotonic() > deadline:
            raise DocumentError(
                f"Đọc tệp PDF quá {PDF_TIME_LIMIT:.0f} giây, đã dừng (tệp quá phức tạp). Vui lòng gửi bản .docx."
            )

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise DocumentError("Tệp PDF có mật khẩu, không đọc được.") from exc
        count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise DocumentError(f"Tệp PDF quá dài ({count} trang); giới hạn là {MAX_PDF_PAGES} trang.")
        pages = []
        scanned = False
        for page in reader.pages:
            check_time()
            pages.append(page.extract_text(visitor_operand_before=check_time) or "")
            scanned = scanned or (ocr.readable_words(pages[-1]) < SCAN_WORDS and _has_images(page))
    except DocumentError:
        raise
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        AssertionError,
        OSError,
        zlib.error,
        NotImplementedError,
    ) as exc:
        log.info("pdf unreadable: %r", exc)
        raise DocumentError("Tệp PDF bị hỏng, không đọc được.") from exc
    return "\n\n".join(pages), scanned


def _read_pdf(data: bytes) -> ReadResult:
    with _WARNINGS_LOCK, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            text, scanned = _pdf_text(data)
        finally:
            for w in caught:
                log.info("pypdf: %s", w.message)
    if len(text.strip()) < 20:  # no text layer at all: a scan
        return ReadResult(ocr.ocr_pdf(data), ocr=True, kind="pdf")
    if scanned and ocr.readable_words(text) < SCAN_WORDS:
        # a scan with a little text on it (a digital signature's stamp, a page number): read the image,
        # keep whichever reads more
        try:
            seen = ocr.ocr_pdf(data)
        except DocumentError as exc:
            log.info("PDF with a thin text layer and images: OCR gave %s", exc)
        else:
            if ocr.readable_words(seen) > ocr.readable_words(text):
                return ReadResult(seen, ocr=True, kind="pdf")
    return ReadResult(text, ocr=False, kind="pdf")


def _is_image(data: bytes) -> bool:
    return data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"))


def read_bytes_ex(data: bytes, name: str) -> ReadResult:
    """Turn the bytes of a document named `name` into NFC text, saying whether OCR was used.

    Raises DocumentError with a Vietnamese message for anything that cannot be read.
    """
    suffix = Path(name).suffix.lower()
    if len(data) > MAX_BYTES:
        raise DocumentError(f"Tệp quá lớn ({len(data) / 1024 / 1024:.1f} MB); giới hạn là 10 MB.")
    if not data.strip():
        raise DocumentError("Tệp rỗng, không có nội dung.")
    if suffix == ".docx" or (suffix not in SUPPORTED_SUFFIXES and data[:2] == b"PK"):
        result = ReadResult(_read_docx(data), kind="docx")
    elif suffix == ".pdf" or data[:5] == b"%PDF-":
        result = _read_pdf(data)
    elif suffix in IMAGE_SUFFIXES or (suffix not in SUPPORTED_SUFFIXES and _is_image(data)):
        result = ReadResult(ocr.ocr_image(data), ocr=True, kind="image")
    elif suffix in (".txt", ".md", ""):
        result = ReadResult(_decode_text(data))
    else:
        raise DocumentError(
            f"Định dạng {suffix} chưa được hỗ trợ. Vui lòng gửi tệp .docx, .pdf, .txt hoặc ảnh chụp .jpg/.png."
        )
    text = nfc(repair_encoding(nfc(result.text)))
    if not text.strip():
        raise DocumentError("Tệp không có nội dung chữ.")
    return ReadResult(text, ocr=result.ocr, kind=result.kind)


def read_bytes(data: bytes, name: str) -> str:
    """Turn the bytes of a document named `name` into NFC text, or raise DocumentError."""
    return read_bytes_ex(data, name).text


def _read_capped(path: Path) -> bytes:
    """The file's bytes, read only if it is a regular file of at most MAX_BYTES (never blocks on a FIFO)."""
    shown = str(path.absolute())
    try:
        info = os.stat(path)  # follows symlinks: a link to /dev/zero is judged by what it points to
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError(f"{shown} là thư mục, không phải tệp.")
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(
                f"{shown} không phải tệp thông thường (thiết bị, FIFO hoặc socket), không đọc."
            )
        if info.st_size > MAX_BYTES:
            raise DocumentError(f"Tệp quá lớn ({info.st_size / 1024 / 1024:.1f} MB); giới hạn là 10 MB.")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError as exc:
        raise DocumentError(f"Không tìm thấy tệp {shown}.") from exc
    except PermissionError as exc:
        raise DocumentError(f"Không có quyền đọc tệp {shown}.") from exc
    except OSError as exc:
        raise DocumentError(f"Không đọc được tệp {shown} ({exc.strerror or exc}).") from exc
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped between stat and open
            raise DocumentError(f"{shown} không phải tệp thông thường, không đọc.")
        try:
            data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise DocumentError(f"Không đọc được tệp {shown} ({exc.strerror or exc}).") from exc
    if len(data) > MAX_BYTES:
        raise DocumentError("Tệp quá lớn; giới hạn là 10 MB.")
    return data


def read_document_ex(path: str | Path) -> ReadResult:
    """Read a document file into text, saying whether OCR was used; DocumentError (Vietnamese) if not."""
    path = Path(path)
    return read_bytes_ex(_read_capped(path), path.name)


def read_document(path: str | Path) -> str:
    """Read a document file into text, or raise DocumentError with a Vietnamese message."""
    return read_document_ex(path).text
