"""Scans and photos of công văn read by OCR (Tesseract, Vietnamese), then parsed as usual (issue 12, point 3).

The scans are made here: a directive's text drawn with DejaVu Sans, blurred a little, turned
~1.5°, saved as a JPEG photo and as a PDF with no text layer. Without Tesseract the OCR tests
are skipped with the reason, unless LOAXA_REQUIRE_SERVICES=1 (CI), where they fail.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageFilter
from rapidfuzz import fuzz

from bot import commands
from bot.directives import (
    DocumentError,
    ReadResult,
    ocr,
    parse_text,
    read_bytes,
    read_bytes_ex,
    read_document_ex,
)
from tests.helpers.scans import (
    FONT,
    PAGE,
    degrade,
    jpeg,
    render_letter,
    render_pages,
    scanned_pdf,
)
from tests.helpers.settings import REQUIRE_SERVICES, SAMPLES


@pytest.fixture(scope="module", autouse=True)
def _fonts() -> None:
    if not FONT.exists():
        pytest.skip("DejaVuSans.ttf is needed to draw Vietnamese text (apt-get install fonts-dejavu-core)")


@pytest.fixture
def tesseract() -> None:
    problem = ocr.engine_problem()
    if problem:
        reason = f"Tesseract with the Vietnamese model is not usable: {problem}"
        if REQUIRE_SERVICES:
            pytest.fail(f"LOAXA_REQUIRE_SERVICES=1 but {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def sample() -> Iterator[tuple[str, list[Image.Image]]]:
    text = sorted(SAMPLES.glob("003_*.txt"))[0].read_text(encoding="utf-8")
    yield text, [degrade(p) for p in render_pages(text)]


def _opening(title: str, words: int = 3) -> list[str]:
    return title.split()[:words]


def _check_against_source(result: ReadResult, source: str) -> None:
    truth, got = parse_text(source), parse_text(result.text)
    assert result.ocr
    assert got.number == truth.number
    assert got.issued_on == truth.issued_on
    assert got.place == truth.place
    assert fuzz.ratio(got.subject or "", truth.subject or "") >= 90, got.subject
    assert len(got.topics) == len(truth.topics)
    assert [_opening(t.title) for t in got.topics] == [_opening(t.title) for t in truth.topics]
    assert got.signer == truth.signer


# ---------------------------------------------------------------------------- OCR (slow)


@pytest.mark.slow
@pytest.mark.usefixtures("tesseract")
def test_scanned_pdf_of_a_sample(sample: tuple[str, list[Image.Image]]) -> None:
    from pypdf import PdfReader

    source, pages = sample
    data = scanned_pdf(pages)
    assert len(pages) >= 2
    assert not "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).strip()  # a real scan
    result = read_bytes_ex(data, "scan.pdf")
    assert result.kind == "pdf"
    _check_against_source(result, source)
    assert fuzz.ratio(result.text, source) >= 95


@pytest.mark.slow
@pytest.mark.usefixtures("tesseract")
def test_photo_of_a_sample(sample: tuple[str, list[Image.Image]]) -> None:
    source, pages = sample
    tall = Image.new("L", (pages[0].width, sum(p.height for p in pages)), 255)
    for n, page in enumerate(pages):
        tall.paste(page, (0, n * pages[0].height))
    result = read_bytes_ex(jpeg(tall), "anh-chup.jpg")
    assert result.kind == "image"
    _check_against_source(result, source)


@pytest.mark.slow
@pytest.mark.usefixtures("tesseract")
def test_photo_of_a_letter_gets_every_field(tmp_path: Path) -> None:
    photo = tmp_path / "cong-van.jpg"
    photo.write_bytes(jpeg(degrade(render_letter(), angle=-1.5, blur=1.2, shade=True)))
    result = read_document_ex(photo)
    assert result.ocr
    d = parse_text(result.text).to_contract(photo.name)
    assert d["number"] == "45/STTTT-TTBCXB"
    assert d["issuer"] == "Sở Thông tin và Truyền thông"
    assert (d["issued_on"], d["place"]) == ("2025-11-03", "Lạng Sơn")
    assert d["subject"] == "tuyên truyền phòng cháy, chữa cháy rừng mùa hanh khô"
    assert [t["title"] for t in d["topics"]] == [
        "Tuyên truyền phòng cháy rừng",
        "Tuyên truyền chữa cháy rừng",
    ]
    assert (d["broadcast_from"], d["broadcast_to"], d["report_due"]) == (
        "2025-11-10",
        "2025-11-30",
        "2025-12-05",
    )
    assert d["references"] == ["Chỉ thị số 12/CT-UBND"]
    assert d["signer"] == "Nguyễn Thị Hoa"
    out = io.StringIO()
    assert commands.cmd_parse([str(photo)], False, out) == 0
    assert "đọc bằng OCR" in out.getvalue() and "Ngày ban hành: 03/11/2025" in out.getvalue()


def signed_scan(page: Image.Image) -> bytes:
    """A scan carrying a digital signature's visible stamp: a thin text layer over the page image."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from tests.helpers.docs import _font

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawImage(ImageReader(page.convert("RGB")), 0, 0, width=A4[0], height=A4[1])
    c.setFont(_font(), 7)
    c.drawString(380, 60, "Ký bởi: Sở Thông tin và Truyền thông")
    c.drawString(380, 50, "Thời gian ký: 03.11.2025 09:12:40 +07:00")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.slow
@pytest.mark.usefixtures("tesseract")
def test_signed_scan_is_read_from_its_image() -> None:
    result = read_bytes_ex(signed_scan(degrade(render_letter())), "ky-so.pdf")
    assert result.ocr
    d = parse_text(result.text)
    assert (d.number, d.issued_on, len(d.topics)) == ("45/STTTT-TTBCXB", "2025-11-03", 2)


@pytest.mark.slow
@pytest.mark.usefixtures("tesseract")
def test_sideways_photo_is_turned_upright() -> None:
    page = degrade(render_letter(), angle=1.0, blur=0.8).rotate(90, expand=True)
    d = parse_text(read_bytes(jpeg(page), "nghieng.jpg"))
    assert d.number == "45/STTTT-TTBCXB" and d.issued_on == "2025-11-03"


@pytest.mark.slow
@pytest.mark.usefixtures("tesseract")
def test_unreadable_images_give_clear_errors() -> None:
    noise = Image.effect_noise((900, 1200), 60).filter(ImageFilter.GaussianBlur(3))
    with pytest.raises(DocumentError, match="Không nhận dạng được chữ trong ảnh"):
        read_bytes(jpeg(noise), "mo.jpg")
    with pytest.raises(DocumentError, match="không có lớp chữ"):
        read_bytes(scanned_pdf([Image.new("L", PAGE, 255)]), "trang-trang.pdf")


# ---------------------------------------------------------------------------- no Tesseract needed


def test_missing_engine_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSERACT_CMD", "/nonexistent/tesseract")
    photo = jpeg(render_letter())
    with pytest.raises(DocumentError, match="chưa cài Tesseract"):
        read_bytes(photo, "anh.jpg")
    with pytest.raises(DocumentError, match="chưa cài Tesseract") as exc:
        read_bytes(scanned_pdf([render_letter()]), "scan.pdf")
    assert "không có lớp chữ" in str(exc.value)


def test_ocr_page_cap(monkeypatch: pytest.MonkeyPatch, tesseract: None) -> None:
    monkeypatch.setattr(ocr, "MAX_OCR_PAGES", 2)
    blank = Image.new("L", (400, 560), 255)
    with pytest.raises(DocumentError, match="tối đa 2 trang"):
        read_bytes(scanned_pdf([blank] * 3), "dai.pdf")


@pytest.mark.slow
@pytest.mark.parametrize("angle", [-3.0, -1.5, 1.5, 4.0])
def test_deskew_finds_a_slight_turn(angle: float) -> None:
    page = degrade(render_letter(), angle=angle, blur=1.0)
    assert ocr.deskew_angle(page) == pytest.approx(-angle, abs=0.3)


@pytest.mark.slow
def test_prepare_bounds_the_pixels_and_enlarges_small_images() -> None:
    small = render_letter().resize((600, 850))
    assert ocr.prepare(small).width >= 1700
    big = Image.new("L", (4000, 5000), 255)
    prepared = ocr.prepare(big)
    assert prepared.width * prepared.height <= ocr.MAX_OCR_PIXELS


def test_layout_keeps_header_columns_apart() -> None:
    def word(block: int, line: int, left: int, top: int, text: str) -> str:
        return "\t".join(map(str, (5, 1, block, 1, line, 1, left, top, 20 * len(text), 30, 95, text)))

    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"]
    rows += [
        word(1, 1, 100, 100, "UBND"),
        word(1, 1, 200, 100, "TỈNH"),
        word(1, 1, 900, 100, "CỘNG"),
        word(1, 1, 1010, 100, "HÒA"),
        word(1, 2, 100, 150, "Số:"),
        word(1, 2, 180, 150, "45/UBND"),
        word(1, 2, 900, 150, "Lạng"),
        word(1, 2, 1000, 150, "Sơn"),
        word(1, 3, 100, 200, "V/v"),
        word(1, 3, 180, 200, "tuyên"),
        word(2, 1, 100, 400, "Kính"),  # an ordinary line across the page: the columns are over
        word(2, 1, 200, 400, "gửi:"),
        word(2, 1, 300, 400, "UBND"),
        word(2, 1, 400, 400, "các"),
        word(2, 1, 480, 400, "xã,"),
        word(2, 1, 560, 400, "phường"),
        word(2, 1, 720, 400, "thuộc"),
        word(2, 1, 840, 400, "tỉnh."),
    ]
    assert ocr.layout_text("\n".join(rows)).splitlines() == [
        "UBND TỈNH",
        "Số: 45/UBND",
        "V/v tuyên",
        "",
        "CỘNG HÒA",
        "Lạng Sơn",
        "",
        "Kính gửi: UBND các xã, phường thuộc tỉnh.",
    ]
