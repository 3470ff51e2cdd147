"""Reading .docx and .pdf inputs, and the clear errors for inputs that cannot be read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.directives import DocumentError, parse_bytes, parse_file
from tests.helpers.docs import make_docx, make_pdf

BODY = [
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


def _check(d_json: dict[str, object]) -> None:
    assert d_json["number"] == "45/STTTT-TTBCXB"
    assert d_json["issued_on"] == "2025-11-03"
    assert d_json["issuer"] == "Sở Thông tin và Truyền thông"
    assert d_json["subject"] == "tuyên truyền phòng cháy, chữa cháy rừng mùa hanh khô"
    assert [t["title"] for t in d_json["topics"]] == [
        "Tuyên truyền phòng cháy rừng",
        "Tuyên truyền chữa cháy rừng",
    ]  # type: ignore[index]
    assert (d_json["broadcast_from"], d_json["broadcast_to"], d_json["report_due"]) == (
        "2025-11-10",
        "2025-11-30",
        "2025-12-05",
    )
    assert d_json["signer"] == "Nguyễn Thị Hoa"
    assert d_json["references"] == ["Chỉ thị số 12/CT-UBND"]


def test_docx_with_header_table() -> None:
    data = make_docx(
        BODY,
        header=(
            ["UBND TỈNH LẠNG SƠN", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 45/STTTT-TTBCXB"],
            [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Lạng Sơn, ngày 03 tháng 11 năm 2025",
            ],
        ),
    )
    _check(parse_bytes(data, "cv45.docx").to_contract("cv45.docx"))


def test_pdf_with_text_layer() -> None:
    lines = [
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Số: 45/STTTT-TTBCXB",
        "Lạng Sơn, ngày 03 tháng 11 năm 2025",
        *BODY,
    ]
    _check(parse_bytes(make_pdf(lines), "cv45.pdf").to_contract("cv45.pdf"))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("scan.pdf", make_pdf(None), "không có lớp chữ"),
        ("empty.txt", b"", "Tệp rỗng"),
        ("blank.txt", b"   \n\n  ", "Tệp rỗng"),
        ("photo.txt", bytes(range(256)) * 10, "không phải văn bản"),
        ("broken.docx", b"PK\x03\x04 this is not a real zip", "không đúng định dạng Word"),
        ("broken.pdf", b"%PDF-1.4\n garbage without objects", "PDF"),
        ("sheet.xlsx", b"col1,col2\n1,2\n", "chưa được hỗ trợ"),
        ("huge.txt", b"a" * (10 * 1024 * 1024 + 1), "quá lớn"),
    ],
)
def test_unreadable_inputs_give_clear_errors(name: str, data: bytes, message: str) -> None:
    with pytest.raises(DocumentError) as exc:
        parse_bytes(data, name)
    assert message.lower() in str(exc.value).lower()


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="Không tìm thấy"):
        parse_file(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="thư mục"):
        parse_file(tmp_path)


def test_legacy_encodings_are_read(tmp_path: Path) -> None:
    path = tmp_path / "cv.txt"
    path.write_bytes(
        "Sè: 3/VHTT\n\nV/v tuyªn truyÒn phßng chèng b·o lò\n\n1. Tuyªn truyÒn phßng chèng b·o lò".encode(
            "latin-1"
        )
    )
    d = parse_file(path)
    assert d.subject == "tuyên truyền phòng chống bão lũ"


@pytest.mark.slow
def test_cli_parse_contract(tmp_path: Path) -> None:
    good = tmp_path / "cv45.pdf"
    good.write_bytes(make_pdf(["Số: 45/STTTT-TTBCXB", "Lạng Sơn, ngày 03 tháng 11 năm 2025", *BODY]))
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(make_pdf(None))
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "parse", str(good), str(bad), "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert proc.returncode == 1
    out = json.loads(proc.stdout)
    assert [o["file"] for o in out] == ["cv45.pdf", "scan.pdf"]
    assert set(out[0]) == {
        "file",
        "number",
        "issuer",
        "issued_on",
        "place",
        "subject",
        "recipients",
        "topics",
        "references",
        "broadcast_from",
        "broadcast_to",
        "report_due",
        "signer",
    }
    assert set(out[0]["topics"][0]) == {"ordinal", "title", "body"}
    assert set(out[1]) == {"file", "error"} and "scan" in out[1]["error"]
