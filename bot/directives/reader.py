"""Reading a document file (.txt, .docx, .pdf) into plain text, with clear errors."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from bot.understanding.fold import is_syllable, nfc, repair_encoding, tokens

__all__ = ["MAX_BYTES", "SUPPORTED_SUFFIXES", "DocumentError", "read_bytes", "read_document"]

MAX_BYTES = 10 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf", ".md")


class DocumentError(ValueError):
    """A document that cannot be read; the message is Vietnamese and safe to show a user."""


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(4, len(sample) // 50)


def _decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
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
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError("Tệp .docx bị hỏng hoặc không đúng định dạng Word.") from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
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
    return "\n\n".join(line for line in lines)


def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise DocumentError("Tệp PDF có mật khẩu, không đọc được.") from exc
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise DocumentError("Tệp PDF bị hỏng, không đọc được.") from exc
    text = "\n\n".join(pages)
    if len(text.strip()) < 20:
        raise DocumentError(
            "Tệp PDF không có lớp chữ (có thể là bản scan). Vui lòng gửi bản .docx hoặc PDF có chữ."
        )
    return text


def read_bytes(data: bytes, name: str) -> str:
    """Turn the bytes of a document named `name` into NFC text, or raise DocumentError."""
    suffix = Path(name).suffix.lower()
    if len(data) > MAX_BYTES:
        raise DocumentError(f"Tệp quá lớn ({len(data) / 1024 / 1024:.1f} MB); giới hạn là 10 MB.")
    if not data.strip():
        raise DocumentError("Tệp rỗng, không có nội dung.")
    if suffix == ".docx" or (suffix not in SUPPORTED_SUFFIXES and data[:2] == b"PK"):
        text = _read_docx(data)
    elif suffix == ".pdf" or data[:5] == b"%PDF-":
        text = _read_pdf(data)
    elif suffix in (".txt", ".md", ""):
        text = _decode_text(data)
    else:
        raise DocumentError(f"Định dạng {suffix} chưa được hỗ trợ. Vui lòng gửi tệp .docx, .pdf hoặc .txt.")
    text = nfc(repair_encoding(nfc(text)))
    if not text.strip():
        raise DocumentError("Tệp không có nội dung chữ.")
    return text


def read_document(path: str | Path) -> str:
    """Read a document file into text, or raise DocumentError with a Vietnamese message."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise DocumentError(f"Không tìm thấy tệp {path.name}.") from exc
    except OSError as exc:
        raise DocumentError(f"Không đọc được tệp {path.name}.") from exc
    if path.is_dir():
        raise DocumentError(f"{path.name} là thư mục, không phải tệp.")
    if size > MAX_BYTES:
        raise DocumentError(f"Tệp quá lớn ({size / 1024 / 1024:.1f} MB); giới hạn là 10 MB.")
    return read_bytes(path.read_bytes(), path.name)
