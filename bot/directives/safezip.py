"""Opening a .docx (a zip of XML parts) without trusting it.

A hostile .docx can be a zip bomb (a 1.5 MB file whose document.xml inflates to 1 GB), can
lie in its headers about sizes, or can carry XML with entity declarations ("billion laughs").
`sanitize_docx` reads the zip itself, inflating each part with its own streaming cap (the
header's `file_size` is checked first, then the bytes actually produced, so a lying header
does not help), refuses any DTD or entity declaration and any XML encoding lxml could be
tricked with, drops the binary parts (images, fonts, embedded objects: not needed for the
text), and returns a new, stored (uncompressed) zip for python-docx to open. python-docx
and lxml therefore never see anything but bounded, declaration-free XML.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import PurePosixPath

__all__ = [
    "MAX_DOCX_ENTRIES",
    "MAX_DOCX_PART_BYTES",
    "MAX_DOCX_TOTAL_BYTES",
    "UnsafeDocx",
    "check_xml",
    "sanitize_docx",
]

MAX_DOCX_PART_BYTES = 10 * 1024 * 1024
"""The largest uncompressed size of one part (a real công văn's document.xml is well under 1 MB)."""
MAX_DOCX_TOTAL_BYTES = 32 * 1024 * 1024
"""The largest uncompressed size of all the parts read together."""
MAX_DOCX_ENTRIES = 2000
"""The most entries a .docx may have (Word writes a few dozen)."""

_CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
_LOCAL_SIGNATURE = 0x04034B50
# Parts whose bytes are never needed to get the text: kept as empty parts so the package stays whole.
_BINARY_SUFFIXES = frozenset(
    [
        ".png",
        ".jpg",
        ".jpeg",
        ".jpe",
        ".gif",
        ".bmp",
        ".tif",
        ".tiff",
        ".emf",
        ".wmf",
        ".wdp",
        ".jdp",
        ".svg",
        ".ico",
        ".webp",
        ".bin",
        ".odttf",
        ".ttf",
        ".otf",
        ".fntdata",
        ".eot",
        ".mp3",
        ".mp4",
        ".wav",
        ".wma",
        ".wmv",
        ".avi",
        ".mov",
        ".ole",
        ".xlsx",
        ".xlsm",
        ".xls",
        ".docx",
        ".doc",
        ".pptx",
        ".ppt",
        ".vsdx",
        ".vsd",
        ".pdf",
        ".zip",
    ]
)
_XML_SUFFIXES = (".xml", ".rels")
_DECLARATION = re.compile(r"<!(?!--|\[CDATA\[)")
_ENCODING = re.compile(r"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")
_SAFE_ENCODINGS = frozenset({"utf-8", "utf8", "utf-16", "utf16", "us-ascii", "ascii"})


class UnsafeDocx(ValueError):
    """The .docx was refused; the message is Vietnamese and safe to show a user."""


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def _inflate(data: bytes, info: zipfile.ZipInfo, limit: int) -> bytes:
    """The part's bytes, read from the local header on, producing at most `limit` bytes."""
    start = info.header_offset
    head = data[start : start + _LOCAL_HEADER.size]
    if len(head) < _LOCAL_HEADER.size:
        raise UnsafeDocx("Tệp .docx bị hỏng (phần nội dung bị cắt cụt).")
    fields = _LOCAL_HEADER.unpack(head)
    if fields[0] != _LOCAL_SIGNATURE:
        raise UnsafeDocx("Tệp .docx bị hỏng (cấu trúc zip không hợp lệ).")
    begin = start + _LOCAL_HEADER.size + fields[9] + fields[10]
    end = begin + info.compress_size
    if end > len(data):
        raise UnsafeDocx("Tệp .docx bị hỏng (phần nội dung bị cắt cụt).")
    raw = memoryview(data)[begin:end]
    if info.compress_type == zipfile.ZIP_STORED:
        if len(raw) > limit:
            raise _too_big(info)
        out = bytes(raw)
    else:
        out = _inflate_capped(raw, limit, info)
    if len(out) != info.file_size or zlib.crc32(out) != info.CRC:
        raise UnsafeDocx(f"Tệp .docx bị hỏng (phần {info.filename} không khớp kích thước hoặc mã kiểm tra).")
    return out


def _too_big(info: zipfile.ZipInfo) -> UnsafeDocx:
    return UnsafeDocx(
        f"Tệp .docx có phần {info.filename} giải nén ra quá lớn (có thể là “bom zip”); "
        f"giới hạn mỗi phần là {_mb(MAX_DOCX_PART_BYTES)}, cả tệp {_mb(MAX_DOCX_TOTAL_BYTES)}."
    )


def _inflate_capped(raw: memoryview, limit: int, info: zipfile.ZipInfo) -> bytes:
    """Raw deflate, fed in chunks; never holds more than `limit` + one chunk of output."""
    inflater = zlib.decompressobj(-15)
    out = bytearray()
    try:
        for pos in range(0, len(raw), _CHUNK):
            pending = bytes(raw[pos : pos + _CHUNK])
            while pending:
                out += inflater.decompress(pending, _CHUNK)
                if len(out) > limit:
                    raise _too_big(info)
                pending = inflater.unconsumed_tail
            if inflater.eof:
                break
        out += inflater.flush()
    except zlib.error as exc:
        raise UnsafeDocx(f"Tệp .docx bị hỏng (không giải nén được phần {info.filename}).") from exc
    if len(out) > limit:
        raise _too_big(info)
    return bytes(out)


def check_xml(name: str, blob: bytes) -> bool:
    """True if `blob` is XML lxml may parse (UTF-8/16, no DTD); False if it is not XML at all.

    Raises UnsafeDocx for XML with a DTD or entity declarations, or in an encoding that could hide one.
    """
    if blob.startswith(b"\xef\xbb\xbf"):
        text = blob[3:].decode("utf-8", "replace")
    elif blob.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = blob.decode("utf-16", "replace")
    elif blob[:4] == b"<\x00?\x00":
        text = blob.decode("utf-16-le", "replace")
    elif blob[:4] == b"\x00<\x00?":
        text = blob.decode("utf-16-be", "replace")
    elif blob.lstrip()[:1] == b"<":
        text = blob.decode("utf-8", "replace")
    else:
        if name.lower().endswith(_XML_SUFFIXES):
            raise UnsafeDocx(f"Tệp .docx bị hỏng (phần {name} không phải XML hợp lệ).")
        return False
    declared = _ENCODING.match(text[:400])
    if declared and declared.group(1).strip().lower() not in _SAFE_ENCODINGS:
        raise UnsafeDocx(f"Tệp .docx có phần {name} dùng bảng mã lạ ({declared.group(1)}), không đọc được.")
    if _DECLARATION.search(text):
        raise UnsafeDocx(
            "Tệp .docx chứa khai báo DTD/thực thể XML (kiểu tấn công “billion laughs”), không đọc được."
        )
    return True


def sanitize_docx(data: bytes) -> bytes:
    """A bounded, declaration-free copy of the .docx in `data` (stored, not compressed), or UnsafeDocx.

    Raises zipfile.BadZipFile when `data` is not a zip at all.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = zf.infolist()
    if len(infos) > MAX_DOCX_ENTRIES:
        raise UnsafeDocx(f"Tệp .docx có quá nhiều phần ({len(infos)}); giới hạn là {MAX_DOCX_ENTRIES}.")
    seen: set[str] = set()
    parts: list[tuple[str, bytes]] = []
    total = 0
    for info in infos:
        name = info.filename
        if name in seen:
            raise UnsafeDocx(f"Tệp .docx bị hỏng (phần {name} xuất hiện hai lần).")
        seen.add(name)
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            raise UnsafeDocx("Tệp .docx được mã hóa (có mật khẩu), không đọc được.")
        if PurePosixPath(name.lower()).suffix in _BINARY_SUFFIXES:
            parts.append((name, b""))
            continue
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnsafeDocx(f"Tệp .docx dùng kiểu nén không hỗ trợ (phần {name}).")
        limit = min(MAX_DOCX_PART_BYTES, MAX_DOCX_TOTAL_BYTES - total)
        if info.file_size > limit:
            raise _too_big(info)
        blob = _inflate(data, info, min(limit, info.file_size))
        total += len(blob)
        parts.append((name, blob if check_xml(name, blob) else b""))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as clean:
        for name, blob in parts:
            clean.writestr(name, blob)
    return out.getvalue()
