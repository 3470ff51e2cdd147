"""The directive parser on the document shapes real công văn take, one shape per test."""

from __future__ import annotations

from bot.directives import parse_text

HEADER = """UBND TỈNH LẠNG SƠN
SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

"""


def test_blank_number_keeps_the_suffix() -> None:
    d = parse_text(
        "Số:      /STTTT-TTBCXB\n\nV/v tuyên truyền an toàn giao thông\n\n1. Tuyên truyền an toàn giao thông\n\nNội dung."
    )
    assert d.number == "/STTTT-TTBCXB"


def test_full_number() -> None:
    d = parse_text("Số: 1234/UBND-VX\n\nV/v tuyên truyền\n\n1. Tuyên truyền bầu cử\n\nNội dung.")
    assert d.number == "1234/UBND-VX"
    assert d.issuer == "Ủy ban nhân dân"


def test_missing_number_is_null() -> None:
    d = parse_text("V/v tuyên truyền phòng chống dịch\n\n1. Tuyên truyền tiêm chủng\n\nNội dung.")
    assert d.number is None


def test_dates_full_partial_and_blank() -> None:
    full = parse_text("Số: 5/STTTT\nLạng Sơn, ngày 07 tháng 3 năm 2024\nV/v tuyên truyền x")
    assert (full.place, full.issued_on) == ("Lạng Sơn", "2024-03-07")
    month = parse_text("Số: 5/STTTT\nCao Lộc, ngày     tháng 11 năm 2025\nV/v tuyên truyền x")
    assert (month.place, month.issued_on) == ("Cao Lộc", "2025-11")
    year = parse_text("Số: 5/STTTT\nLạng Sơn, ngày ... tháng ... năm 2023\nV/v tuyên truyền x")
    assert year.issued_on == "2023"
    none = parse_text("Số: 5/STTTT\nV/v tuyên truyền x")
    assert none.issued_on is None


def test_subject_over_several_lines() -> None:
    d = parse_text(
        "Số: 9/SVHTTDL-QLVH\n\nV/v tuyên truyền Đại hội đại biểu\nĐảng bộ tỉnh lần thứ XVIII,\nnhiệm kỳ 2025 - 2030\n\n"
        "Kính gửi: UBND các xã, phường.\n\n1. Trước Đại hội: nội dung."
    )
    assert d.subject == "tuyên truyền Đại hội đại biểu Đảng bộ tỉnh lần thứ XVIII, nhiệm kỳ 2025 - 2030"


def test_recipients_inline_and_as_list() -> None:
    inline = parse_text("V/v tuyên truyền x\n\nKính gửi: UBND các xã, phường.\n\n1. Tuyên truyền y")
    assert inline.recipients == ["UBND các xã, phường"]
    listed = parse_text(
        "V/v tuyên truyền x\n\nKính gửi:\n\n- Trung tâm Văn hóa - Thể thao;\n- Đài Truyền thanh các xã;\n"
        "- UBND các xã, thị trấn.\n\nThực hiện chỉ đạo, Phòng Văn hóa và Thông tin đề nghị:\n\n1. Tuyên truyền y"
    )
    assert listed.recipients == [
        "Trung tâm Văn hóa - Thể thao",
        "Đài Truyền thanh các xã",
        "UBND các xã, thị trấn",
    ]
    mixed = parse_text(
        "V/v tuyên truyền x\n\nKính gửi: - Các đơn vị trực thuộc Sở;\n- Phòng Văn hóa và Thông tin.\n\n1. Tuyên truyền y"
    )
    assert mixed.recipients == ["Các đơn vị trực thuộc Sở", "Phòng Văn hóa và Thông tin"]


OUTLINE = (
    HEADER
    + """Số: 88/SVHTTDL-QLVHGĐ
Lạng Sơn, ngày 02 tháng 10 năm 2025

V/v tuyên truyền chuyển đổi số và phòng chống lừa đảo

Kính gửi: UBND các xã, phường.

Sở Văn hóa, Thể thao và Du lịch đề nghị UBND các xã, phường tuyên truyền các nội dung sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Nâng cao nhận thức của Nhân dân.

II. NỘI DUNG TUYÊN TRUYỀN

1. Nội dung trọng tâm

1.1. Chuyển đổi số trong dịch vụ công: hướng dẫn Nhân dân nộp hồ sơ trực tuyến.

1.2. Phòng chống lừa đảo qua mạng. Cảnh giác với cuộc gọi mạo danh công an.

2. Nội dung khác

a) Ngày hội Đại đoàn kết: tuyên truyền ý nghĩa ngày 18/11.

b) An toàn giao thông: đội mũ bảo hiểm.

3. Đề nghị các xã bố trí thời lượng phát sóng phù hợp.

III. HÌNH THỨC TUYÊN TRUYỀN

1. Phát trên hệ thống loa truyền thanh.

IV. TỔ CHỨC THỰC HIỆN

1. UBND các xã, phường

- Chỉ đạo Đài truyền thanh phát từ ngày 06/10/2025 đến hết ngày 31/10/2025.

- Báo cáo kết quả về Sở trước ngày 05/11/2025./.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Hoàng Văn Nam
"""
)


def test_roman_sections_numbered_and_lettered_items() -> None:
    d = parse_text(OUTLINE)
    assert [t.title for t in d.topics] == [
        "Chuyển đổi số trong dịch vụ công",
        "Phòng chống lừa đảo qua mạng",
        "Ngày hội Đại đoàn kết",
        "An toàn giao thông",
    ]
    assert [t.ordinal for t in d.topics] == [1, 2, 3, 4]
    assert "nộp hồ sơ trực tuyến" in d.topics[0].body
    assert "mạo danh công an" in d.topics[1].body


def test_instructions_are_not_topics() -> None:
    titles = " ".join(t.title for t in parse_text(OUTLINE).topics)
    for word in ("Đề nghị", "Phát trên hệ thống", "UBND các xã", "Nâng cao nhận thức"):
        assert word not in titles


def test_broadcast_period_and_report_due() -> None:
    d = parse_text(OUTLINE)
    assert (d.broadcast_from, d.broadcast_to, d.report_due) == ("2025-10-06", "2025-10-31", "2025-11-05")


def test_period_without_year_on_first_date_and_due_with_time() -> None:
    d = parse_text(
        "Số: 3/VHTT\nĐình Lập, ngày 01 tháng 4 năm 2025\nV/v tuyên truyền\n\n1. Tuyên truyền Tết trồng cây\n\n"
        "Thời gian phát: từ ngày 05/4 đến ngày 20/4/2025. Các xã báo cáo kết quả chậm nhất 17h00 ngày 25/4/2025."
    )
    assert (d.broadcast_from, d.broadcast_to, d.report_due) == ("2025-04-05", "2025-04-20", "2025-04-25")


def test_header_issuer_signer_and_references() -> None:
    d = parse_text(OUTLINE)
    assert d.issuer == "Sở Văn hóa, Thể thao và Du lịch"
    assert d.signer == "Hoàng Văn Nam"
    d2 = parse_text(
        "V/v tuyên truyền\n\nThực hiện Nghị quyết số 67-NQ/TU ngày 27/01/2022, Kế hoạch số 113-KH/TU và "
        "Chỉ thị số 27-CT/TU; Công văn số 2373 ngày 26/5/2023, Phòng Văn hóa và Thông tin đề nghị:\n\n1. Tuyên truyền x"
    )
    assert d2.references == [
        "Nghị quyết số 67-NQ/TU",
        "Kế hoạch số 113-KH/TU",
        "Chỉ thị số 27-CT/TU",
        "Công văn số 2373",
    ]
    assert d2.issuer == "Phòng Văn hóa và Thông tin"


def test_issuer_from_number_suffix_when_nothing_else() -> None:
    d = parse_text("Số: 12/STTTT-TTBCXB\n\nV/v tuyên truyền\n\n1. Tuyên truyền chuyển đổi số\n\nNội dung.")
    assert d.issuer == "Sở Thông tin và Truyền thông"


def test_markdown_bold_left_over_from_conversion() -> None:
    d = parse_text(
        "**Số: 7/STTTT-TTBCXB**\n\n**V/v tuyên truyền bảo vệ rừng**\n\n**1. Tuyên truyền phòng cháy rừng**\n\n"
        "Nội dung *quan trọng*.\n\n**KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC**\n\n**Lê Văn A**"
    )
    assert d.number == "7/STTTT-TTBCXB"
    assert d.subject == "tuyên truyền bảo vệ rừng"
    assert [t.title for t in d.topics] == ["Tuyên truyền phòng cháy rừng"]
    assert "*" not in d.topics[0].body
    assert d.signer == "Lê Văn A"


def test_page_break_inside_a_sentence_is_mended() -> None:
    d = parse_text(
        "V/v tuyên truyền\n\n1. Tuyên truyền tư tưởng\n\nHọc tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí\n\n"
        "Minh trong việc tiếp tục thực hiện đường lối đổi mới.\n\n2. Tuyên truyền nông thôn mới\n\nXây dựng nông thôn mới."
    )
    assert "Hồ Chí Minh trong việc" in d.topics[0].body


def test_no_numbered_items_gives_one_topic_from_the_subject() -> None:
    d = parse_text(
        "Số: 1/VHTT\n\nV/v tuyên truyền phòng chống bão lũ\n\nĐề nghị các xã tuyên truyền Nhân dân chủ động phòng chống bão lũ."
    )
    assert len(d.topics) == 1
    assert d.topics[0].title == "Tuyên truyền phòng chống bão lũ"


def test_nfd_input_parses_like_nfc() -> None:
    import unicodedata

    assert parse_text(unicodedata.normalize("NFD", OUTLINE)).to_contract("x") == parse_text(
        OUTLINE
    ).to_contract("x")
