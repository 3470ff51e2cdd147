"""Hostile document intake: zip bombs, entities, broken XML, lying headers, special files, huge files.

Each gets a clear Vietnamese DocumentError, quickly, and `parse --json` always prints valid JSON
with one entry per file (issue 10, point 2).
"""

from __future__ import annotations

import concurrent.futures
import io
import json
import os
import re
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from bot import commands
from bot import directives as parsing
from bot.directives import DocumentError, parse_bytes, read_bytes, read_bytes_ex, read_document
from bot.directives import reader as reader_module
from bot.directives.safezip import MAX_DOCX_PART_BYTES, MAX_DOCX_TOTAL_BYTES
from tests.helpers.docs import make_docx, make_pdf
from tests.helpers.hostile import (
    bomb_docx,
    broken_xml_docx,
    entities_docx,
    good_docx,
    lying_bomb_docx,
    raw_zip,
    run_cli,
)
from tests.helpers.settings import SAMPLES

ROOT = Path(__file__).resolve().parent.parent
GOOD_NUMBER = "88/SVHTTDL-QLVHGĐ"


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return bomb_docx()


def _refused(data: bytes, name: str, message: str, seconds: float = 1.0) -> str:
    start = time.perf_counter()
    with pytest.raises(DocumentError) as exc:
        read_bytes(data, name)
    elapsed = time.perf_counter() - start
    assert message.lower() in str(exc.value).lower(), str(exc.value)
    assert elapsed < seconds, f"{name}: {elapsed:.2f} s"
    return str(exc.value)


def _with_parts(extra: dict[str, bytes], replace: dict[str, bytes] | None = None) -> bytes:
    """The good .docx through zipfile, with parts replaced or added."""
    src = zipfile.ZipFile(io.BytesIO(good_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            zf.writestr(info.filename, (replace or {}).get(info.filename, src.read(info)))
        for name, data in extra.items():
            zf.writestr(name, data)
    return out.getvalue()


# ---------------------------------------------------------------------------- .docx


def test_good_docx_parses() -> None:
    assert parse_bytes(good_docx(), "good.docx").number == GOOD_NUMBER


def test_zip_bomb_is_refused_at_once(bomb: bytes) -> None:
    assert len(bomb) < 2 * 1024 * 1024  # ~1 MB on disk, 1 GiB inflated
    message = _refused(bomb, "bomb.docx", "bom zip")
    assert "document.xml" in message


def test_lying_header_does_not_help() -> None:
    """The central directory says 4 KB; the stream inflates to 1 GiB: the streaming cap stops it."""
    _refused(lying_bomb_docx(), "liar.docx", "quá lớn")


def test_lying_header_just_under_the_cap_is_stopped_by_the_bytes_read() -> None:
    """Claims (and actually is, up to the cap) a part the size of the cap; 64 MiB really inside."""
    payload = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = payload.compress(b" " * (64 << 20)) + payload.flush()
    docx = raw_zip(
        [
            ("[Content_Types].xml", b"<Types/>", zipfile.ZIP_STORED, zlib.crc32(b"<Types/>"), 8),
            ("word/document.xml", stream, zipfile.ZIP_DEFLATED, 0, MAX_DOCX_PART_BYTES),
        ]
    )
    _refused(docx, "liar.docx", "quá lớn")


def test_total_uncompressed_size_is_capped() -> None:
    part = b"<a>" + b" " * (MAX_DOCX_PART_BYTES - 8) + b"</a>"
    count = MAX_DOCX_TOTAL_BYTES // len(part) + 1
    data = _with_parts({f"word/extra{i}.xml": part for i in range(count)})
    _refused(data, "many.docx", "quá lớn", seconds=3.0)


def test_nested_entities_are_refused() -> None:
    _refused(entities_docx(), "laughs.docx", "DTD")


@pytest.mark.parametrize(
    "xml",
    [
        # the declaration hidden in UTF-16, with and without a byte order mark
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'.encode("utf-16"),
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'.encode("utf-16-le"),
        # an external entity (XXE)
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY f SYSTEM "file:///etc/passwd">]><x>&f;</x>',
    ],
)
def test_entities_in_any_encoding_are_refused(xml: bytes) -> None:
    _refused(_with_parts({}, {"word/document.xml": xml}), "hidden.docx", "DTD")


def test_exotic_encodings_are_refused() -> None:
    xml = b'<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE x+AD4-<x/>'
    _refused(_with_parts({}, {"word/document.xml": xml}), "utf7.docx", "bảng mã")


def test_broken_xml_gives_a_clear_error() -> None:
    _refused(broken_xml_docx(), "broken.docx", "XML không hợp lệ")


def test_not_xml_at_all() -> None:
    _refused(_with_parts({}, {"word/document.xml": b"\x00\x01binary"}), "bin.docx", "không phải XML")


def test_unsupported_compression_and_encryption() -> None:
    data = raw_zip([("word/document.xml", b"BZh91AY&SY", 12, 0, 10)])
    _refused(data, "bz2.docx", "kiểu nén")
    encrypted = bytearray(_with_parts({}))
    # set the "encrypted" flag of every entry in the central directory
    for match in re.finditer(rb"PK\x01\x02", bytes(encrypted)):
        flags = match.start() + 8
        encrypted[flags] |= 1
    _refused(bytes(encrypted), "secret.docx", "mã hóa")


def test_pictures_and_other_binary_parts_do_not_break_reading() -> None:
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 10, 10)).save(image, "PNG")
    data = _with_parts({"word/media/image1.png": image.getvalue(), "word/embeddings/x.bin": os.urandom(5000)})
    assert parse_bytes(data, "pictures.docx").number == GOOD_NUMBER


def test_docx_with_header_table_still_reads() -> None:
    data = make_docx(
        ["V/v tuyên truyền an toàn giao thông", "1. Tuyên truyền đội mũ bảo hiểm."],
        header=(["UBND XÃ HỮU LŨNG", "Số: 12/UBND"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
    )
    assert parse_bytes(data, "t.docx").number == "12/UBND"


# ---------------------------------------------------------------------------- files on disk


def _read_within(path: Path, seconds: float = 5.0) -> str:
    """read_document's error for `path`; fails (instead of hanging the run) if it blocks."""
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    future = pool.submit(read_document, path)
    try:
        future.result(timeout=seconds)
    except DocumentError as exc:
        return str(exc)
    except concurrent.futures.TimeoutError:
        pytest.fail(f"reading {path} blocked")
    finally:
        pool.shutdown(wait=False)
    pytest.fail(f"{path} was read")


def test_symlink_to_dev_zero(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    message = _read_within(link)
    assert "không phải tệp thông thường" in message and str(link) in message


def test_fifo_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    assert "không phải tệp thông thường" in _read_within(fifo)


def test_directory_and_missing_file_name_the_full_path(tmp_path: Path) -> None:
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    assert "thư mục" in _read_within(folder)
    missing = tmp_path / "nope.docx"
    message = _read_within(missing)
    assert message.startswith("Không tìm thấy tệp") and str(missing.absolute()) in message


def test_huge_text_file_is_not_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # sparse: 1 GiB without writing it
        fh.truncate(1 << 30)
    start = time.perf_counter()
    assert "quá lớn" in _read_within(huge)
    assert time.perf_counter() - start < 1.0


def test_symlink_to_a_regular_file_is_fine(tmp_path: Path) -> None:
    link = tmp_path / "cv.txt"
    link.symlink_to(sorted(SAMPLES.glob("*.txt"))[0])
    assert "V/v" in read_document(link)


# ---------------------------------------------------------------------------- PDF and images


def test_pdf_page_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader_module, "MAX_PDF_PAGES", 2)
    lines = [f"Dòng thứ {i} của văn bản thử nghiệm dài" for i in range(200)]
    _refused(make_pdf(lines), "long.pdf", "quá dài")


def test_pdf_time_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader_module, "PDF_TIME_LIMIT", -1.0)
    _refused(make_pdf(["Số: 1/UBND", "V/v tuyên truyền"]), "slow.pdf", "giây")


def _png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk))


@pytest.mark.parametrize("size", [(9000, 8000), (20000, 20000), (100000, 100000)])
def test_image_pixel_bombs_are_refused(size: tuple[int, int]) -> None:
    _refused(_png_header(*size) + b"\x00\x00\x00\x00IEND\xaeB`\x82", "bomb.png", "quá lớn")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.jpg", b"\xff\xd8\xff\xe0 not really a jpeg" * 20, "ảnh bị hỏng"),
        ("photo.png", b"this is text named .png", "ảnh bị hỏng"),
        ("tiny.png", _png_header(50, 40) + b"\x00\x00\x00\x00IEND\xaeB`\x82", "quá nhỏ"),
    ],
)
def test_unreadable_images(name: str, data: bytes, message: str) -> None:
    _refused(data, name, message)


def test_text_inputs_are_not_marked_ocr() -> None:
    result = read_bytes_ex(good_docx(), "good.docx")
    assert (result.ocr, result.kind) == (False, "docx")
    text = read_bytes_ex(make_pdf(["Số: 45/STTTT-TTBCXB", "V/v tuyên truyền phòng cháy rừng"]), "a.pdf")
    assert (text.ocr, text.kind) == (False, "pdf")


# ---------------------------------------------------------------------------- the CLI


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "parse", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=ROOT,
    )


@pytest.mark.slow
def test_cli_json_survives_every_bad_file(tmp_path: Path, bomb: bytes) -> None:
    files = {
        "bomb.docx": bomb,
        "good.docx": good_docx(),
        "laughs.docx": entities_docx(),
        "broken.docx": broken_xml_docx(),
        "liar.docx": lying_bomb_docx(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "dir.docx").mkdir()
    names = [*files, "zero.txt", "pipe.txt", "dir.docx", "missing.pdf"]
    proc = _cli(*(str(tmp_path / n) for n in names), "--json")
    assert proc.returncode == 1
    assert proc.stderr == ""
    out = json.loads(proc.stdout)
    assert [o["file"] for o in out] == names
    assert out[1]["number"] == GOOD_NUMBER and "error" not in out[1]
    for entry in out[:1] + out[2:]:
        assert set(entry) == {"file", "error"} and entry["error"], entry
    assert str(tmp_path / "missing.pdf") in out[-1]["error"]


@pytest.mark.slow
def test_cli_bomb_beside_a_good_file_is_fast_and_small(tmp_path: Path, bomb: bytes) -> None:
    """Loose bounds (a shared machine); bench/intake.py measures precisely."""
    (tmp_path / "bomb.docx").write_bytes(bomb)
    (tmp_path / "good.docx").write_bytes(good_docx())
    result = run_cli([tmp_path / "bomb.docx", tmp_path / "good.docx"], tmp_path / "out.json")
    assert result["exit_status"] == 1
    out = result["output"]
    assert isinstance(out, list)
    assert "bom zip" in out[0]["error"] and out[1]["number"] == GOOD_NUMBER
    assert isinstance(result["peak_mb"], float) and result["peak_mb"] < 200
    assert isinstance(result["seconds"], float) and result["seconds"] < 10


@pytest.mark.slow
def test_cli_pdf_warnings_stay_off_the_screen(tmp_path: Path) -> None:
    data = make_pdf(
        ["Số: 45/STTTT-TTBCXB", "V/v tuyên truyền phòng cháy rừng", "1. Tuyên truyền phòng cháy rừng."]
    )
    cut = data.rindex(b"startxref")
    (tmp_path / "xref.pdf").write_bytes(
        data[:cut] + b"startxref\n999999\n%%EOF\n"
    )  # pypdf warns and recovers
    proc = _cli(str(tmp_path / "xref.pdf"), "--json")
    assert proc.returncode == 0, proc.stdout
    assert proc.stderr == ""
    assert json.loads(proc.stdout)[0]["number"] == "45/STTTT-TTBCXB"


def test_unexpected_exception_becomes_an_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    good = tmp_path / "good.docx"
    good.write_bytes(good_docx())
    real = parsing.parse_text
    calls = iter([RuntimeError("boom"), None])

    def flaky(text: str) -> parsing.Directive:
        error = next(calls)
        if error:
            raise error
        return real(text)

    monkeypatch.setattr(parsing, "parse_text", flaky)
    out = io.StringIO()
    assert commands.cmd_parse([str(good), str(good)], True, out) == 1
    result = json.loads(out.getvalue())
    assert set(result[0]) == {"file", "error"} and "RuntimeError" in result[0]["error"]
    assert result[1]["number"] == GOOD_NUMBER
    assert "unexpected RuntimeError" in caplog.text


def test_cli_text_output_prints_every_field(tmp_path: Path) -> None:
    lines = [
        "Số: 45/STTTT-TTBCXB",
        "Lạng Sơn, ngày 03 tháng 11 năm 2025",
        "V/v tuyên truyền phòng cháy, chữa cháy rừng mùa hanh khô",
        "Kính gửi: UBND các xã, phường.",
        "Thực hiện Chỉ thị số 12/CT-UBND ngày 01/11/2025 của UBND tỉnh, Sở Thông tin và Truyền thông đề nghị:",
        "1. Tuyên truyền phòng cháy rừng: không đốt nương làm rẫy trong ngày hanh khô.",
        "2. Tuyên truyền chữa cháy rừng: báo ngay cho lực lượng kiểm lâm khi phát hiện cháy.",
        "3. Đề nghị các xã phát từ ngày 10/11/2025 đến hết ngày 30/11/2025, báo cáo kết quả trước ngày 05/12/2025./.",
        "Nơi nhận:",
        "- Như trên;",
        "GIÁM ĐỐC",
        "Nguyễn Thị Hoa",
    ]
    (tmp_path / "cv45.txt").write_text("\n\n".join(lines), encoding="utf-8")
    partial = sorted(SAMPLES.glob("003_*.txt"))[0]
    out = io.StringIO()
    assert (
        commands.cmd_parse([str(tmp_path / "cv45.txt"), str(partial), str(tmp_path / "nope.txt")], False, out)
        == 1
    )
    text = out.getvalue()
    for expected in (
        "✓ cv45.txt",
        "Số: 45/STTTT-TTBCXB",
        "Cơ quan ban hành: Sở Thông tin và Truyền thông",
        "Ngày ban hành: 03/11/2025",
        "Nơi ban hành: Lạng Sơn",
        "V/v: tuyên truyền phòng cháy, chữa cháy rừng mùa hanh khô",
        "Kính gửi: UBND các xã, phường",
        "Nội dung tuyên truyền (2):",
        "1. Tuyên truyền phòng cháy rừng",
        "Căn cứ: Chỉ thị số 12/CT-UBND",
        "Thời gian phát: từ 10/11/2025 đến 30/11/2025",
        "Hạn báo cáo: 05/12/2025",
        "Người ký: Nguyễn Thị Hoa",
        "Ngày ban hành: 09/2020",  # the sample leaves the day blank
        f"✗ nope.txt: Không tìm thấy tệp {tmp_path / 'nope.txt'}",
    ):
        assert expected in text, expected
    assert "2025-" not in text
