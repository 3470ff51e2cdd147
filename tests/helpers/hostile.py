"""Hostile documents for the intake tests and the intake benchmark (bench/intake.py): a .docx whose
document.xml inflates to 1 GiB (a zip bomb), one whose header lies about its size, entities, broken XML,
hand-made zips; and `run_cli`, `python -m bot parse … --json` in a child process, measuring its own
peak memory."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

GIB = 1 << 30
MIB = 1 << 20

GOOD_LINES = [
    "UBND TỈNH LẠNG SƠN",
    "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
    "Số: 88/SVHTTDL-QLVHGĐ",
    "Lạng Sơn, ngày 12 tháng 3 năm 2025",
    "V/v tuyên truyền phòng, chống đuối nước cho trẻ em dịp hè",
    "Kính gửi: UBND các xã, phường.",
    "Sở Văn hóa, Thể thao và Du lịch đề nghị:",
    "1. Tuyên truyền kỹ năng phòng, chống đuối nước: không để trẻ em tắm sông, suối một mình.",
    "2. Tuyên truyền lớp học bơi an toàn: khuyến khích phụ huynh cho con học bơi.",
    "Nơi nhận:",
    "- Như trên;",
    "GIÁM ĐỐC",
    "Hoàng Văn Nam",
]


def good_docx() -> bytes:
    """A small, valid công văn as .docx (python-docx)."""
    from docx import Document

    doc = Document()
    for line in GOOD_LINES:
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _parts(docx: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return [(i.filename, zf.read(i)) for i in zf.infolist()]


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def _zeros_deflate(size: int) -> tuple[bytes, int]:
    """A raw deflate stream of `size` zero bytes (a multiple of 1 MiB) and its CRC, built in milliseconds.

    After a full flush the compressor's state is reset, so every 1 MiB of zeros compresses to
    the same ~1 KB: the piece is repeated instead of compressing a gigabyte.
    """
    assert size % MIB == 0
    zeros = bytes(MIB)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size // MIB):
        crc = zlib.crc32(zeros, crc)
    return piece * (size // MIB) + c.flush(), crc


def raw_zip(entries: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip written by hand: (name, stored or deflated bytes, method, crc, size the headers claim)."""
    out = io.BytesIO()
    central = io.BytesIO()
    for name, payload, method, crc, claimed in entries:
        offset = out.tell()
        encoded = name.encode()
        out.write(
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                20,
                0,
                method,
                0,
                0x21,
                crc,
                len(payload),
                claimed,
                len(encoded),
                0,
            )
        )
        out.write(encoded)
        out.write(payload)
        central.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                method,
                0,
                0x21,
                crc,
                len(payload),
                claimed,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
        )
        central.write(encoded)
    start = out.tell()
    cd = central.getvalue()
    out.write(cd)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(cd), start, 0))
    return out.getvalue()


def _with_document(document: tuple[bytes, int, int] | bytes, claimed: int | None = None) -> bytes:
    """The good .docx with word/document.xml replaced (by raw deflate + crc + size, or plain XML)."""
    entries = []
    for name, data in _parts(good_docx()):
        if name == "word/document.xml":
            if isinstance(document, bytes):
                payload, crc, size = _deflate(document), zlib.crc32(document), len(document)
            else:
                payload, crc, size = document
            entries.append((name, payload, zipfile.ZIP_DEFLATED, crc, size if claimed is None else claimed))
        else:
            entries.append((name, _deflate(data), zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data)))
    return raw_zip(entries)


def bomb_docx(size: int = GIB) -> bytes:
    """A ~1 MB .docx whose document.xml inflates to `size` bytes; the headers tell the truth."""
    payload, crc = _zeros_deflate(size)
    return _with_document((payload, crc, size))


def lying_bomb_docx(size: int = GIB, claimed: int = 4096) -> bytes:
    """The same bomb, but its headers claim document.xml is `claimed` bytes."""
    payload, crc = _zeros_deflate(size)
    return _with_document((payload, crc, size), claimed=claimed)


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def entities_docx() -> bytes:
    """'Billion laughs': ten levels of entities, each ten of the one below, in document.xml."""
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<!DOCTYPE w:document [{''.join(levels)}]>"
        f"<w:document {_W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _with_document(xml.encode())


def broken_xml_docx() -> bytes:
    """document.xml cut off in the middle of an element."""
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body><w:p><w:r><w:t>Số: 1/UBND</w:t'
    return _with_document(xml.encode())


# The child's peak memory must not include ours: Linux keeps ru_maxrss across fork and exec, so a child
# forked from a big test process reports that process's size. A small launcher starts the command and
# reports the command's own rusage.
_LAUNCHER = """
import json, os, subprocess, sys
with open(sys.argv[1], "wb") as sink:
    proc = subprocess.Popen(sys.argv[2:], stdout=sink, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
print(json.dumps({"status": os.waitstatus_to_exitcode(status), "maxrss_kb": usage.ru_maxrss}))
"""


def run_cli(files: list[Path], output: Path) -> dict[str, object]:
    """`python -m bot parse FILES --json` in a child process: its seconds, peak memory, status and JSON."""
    start = time.perf_counter()
    launched = subprocess.run(
        [
            sys.executable,
            "-c",
            _LAUNCHER,
            str(output),
            sys.executable,
            "-m",
            "bot",
            "parse",
            *map(str, files),
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - start
    measured = json.loads(launched.stdout)
    return {
        "seconds": round(seconds, 3),
        "peak_mb": round(measured["maxrss_kb"] / 1024, 1),
        "exit_status": measured["status"],
        "output": json.loads(output.read_text(encoding="utf-8")),
    }
