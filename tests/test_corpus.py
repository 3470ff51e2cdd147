"""The parser on a corpus of công văn it was not written for, and on each shape that used to fail.

The corpus (tests/data/corpus) holds 32 documents in the shapes offices send: .txt (some with
markdown left over from a conversion, some with page breaks inside a sentence), .docx with the
two-column header table, and text PDFs whose header columns run together on one line. Their
expected fields (gold.json) were written from reading them, before the parser was changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.directives import parse_bytes, parse_file, parse_text
from tests.data.corpus import render, score

GOLD = score.load_gold()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return render.materialise(tmp_path_factory.mktemp("corpus"))


def test_corpus_is_complete(corpus: dict[str, Path]) -> None:
    assert set(corpus) == set(GOLD)
    assert len(GOLD) >= 24
    suffixes = [Path(name).suffix for name in GOLD]
    assert suffixes.count(".docx") >= 6 and suffixes.count(".pdf") >= 6 and suffixes.count(".txt") >= 12


@pytest.mark.parametrize("name", sorted(GOLD))
def test_document_matches_gold(corpus: dict[str, Path], name: str) -> None:
    parsed = parse_file(corpus[name]).to_contract(name)
    gold = GOLD[name]
    checks = score.check(parsed, gold)
    wrong = {
        f: ([t["title"] for t in parsed["topics"]] if f == "topics" else parsed[f], gold[f])
        for f, ok in checks.items()
        if not ok
    }
    assert not wrong, f"{name}: (got, expected) {wrong}"
    assert [t["ordinal"] for t in parsed["topics"]] == list(range(1, len(parsed["topics"]) + 1))
    assert all(t["body"].strip() for t in parsed["topics"])


# ---------------------------------------------------------------------------- shapes, one by one

HEAD = "Số: 12/UBND-VHXH\nThất Khê, ngày 05 tháng 12 năm 2026\nV/v tuyên truyền phòng, chống rét\n\nKính gửi: Đài truyền thanh xã.\n\n"


def _titles(text: str) -> list[str]:
    return [t.title for t in parse_text(text).topics]


def test_headings_with_commas_stay_topics() -> None:
    titles = _titles(
        HEAD + "1. Phòng, chống rét cho người\n\n- Giữ ấm cơ thể.\n\n2. Phòng, chống rét cho gia súc\n\n"
        "- Che chắn chuồng trại.\n\n3. Phòng ngừa cháy nổ khi sưởi ấm\n\nKhông đốt than trong phòng kín."
    )
    assert titles == [
        "Phòng, chống rét cho người",
        "Phòng, chống rét cho gia súc",
        "Phòng ngừa cháy nổ khi sưởi ấm",
    ]


def test_a_unit_named_phong_is_not_a_topic() -> None:
    titles = _titles(
        HEAD + "1. Phòng, chống rét cho người\n\nGiữ ấm.\n\n2. Phòng Văn hóa - Xã hội\n\nTheo dõi, đôn đốc."
    )
    assert titles == ["Phòng, chống rét cho người"]


@pytest.mark.parametrize(
    "section",
    [
        "Thời gian, tần suất",
        "Thời gian và hình thức tuyên truyền",
        "Thời gian tuyên truyền",
        "Thời gian thực hiện",
        "Tổ chức thực hiện",
        "Chế độ báo cáo",
        "Đề nghị",
        "Đề nghị các tổ dân phố",
        "Hình thức tuyên truyền",
        "Giao Sở Văn hóa, Thể thao và Du lịch chủ trì",
    ],
)
def test_procedural_sections_are_never_topics(section: str) -> None:
    titles = _titles(
        HEAD + "1. Phòng, chống rét cho người\n\nGiữ ấm cơ thể.\n\n"
        f"2. {section}\n\nĐài truyền thanh xã phát 02 buổi/ngày từ ngày 08/12/2026 đến ngày 31/12/2026."
    )
    assert titles == ["Phòng, chống rét cho người"]


def test_recently_is_not_a_procedural_heading() -> None:
    titles = _titles(HEAD + "1. Tình hình dịch bệnh\n\nThời gian qua, dịch bệnh đã xuất hiện tại 05 hộ.")
    assert titles == ["Tình hình dịch bệnh"]


def test_lettered_items_belong_to_their_numbered_topic() -> None:
    d = parse_text(
        HEAD + "1. Các biện pháp phòng bệnh\n\na) Tiêm phòng vắc xin.\n\nb) Vệ sinh chuồng trại.\n\n"
        "c) Báo ngay khi gia súc ốm.\n\n2. Chính sách hỗ trợ\n\nHỗ trợ hộ có lợn phải tiêu hủy."
    )
    assert [t.title for t in d.topics] == ["Các biện pháp phòng bệnh", "Chính sách hỗ trợ"]
    assert "Tiêm phòng vắc xin" in d.topics[0].body and "Báo ngay khi gia súc ốm" in d.topics[0].body


def test_lettered_items_under_a_content_heading_are_the_topics() -> None:
    titles = _titles(
        HEAD
        + "1. Nội dung tuyên truyền\n\na) Chủ trương sắp xếp đơn vị hành chính.\n\nb) Kết quả sắp xếp.\n\n"
        "2. Đề nghị UBND các xã\n\na) Chỉ đạo Đài truyền thanh phát nội dung trên.\n\nb) Báo cáo kết quả."
    )
    assert titles == ["Chủ trương sắp xếp đơn vị hành chính", "Kết quả sắp xếp"]


def test_dash_items_under_the_content_section_are_the_topics() -> None:
    titles = _titles(
        HEAD + "I. NỘI DUNG TUYÊN TRUYỀN\n\n- Tác hại của ma túy.\n\n- Chính sách cai nghiện tự nguyện.\n\n"
        "II. TỔ CHỨC THỰC HIỆN\n\n- Các tổ dân phố báo cáo kết quả."
    )
    assert titles == ["Tác hại của ma túy", "Chính sách cai nghiện tự nguyện"]


def test_closing_instructions_are_not_part_of_the_last_topic() -> None:
    d = parse_text(
        HEAD + "1. Đội mũ bảo hiểm\n\nĐội mũ bảo hiểm đạt chuẩn.\n\n"
        "Thời gian tuyên truyền: từ ngày 20/01/2026 đến ngày 05/3/2026.\n\n"
        "Các tổ báo cáo kết quả về UBND phường trước ngày 10/3/2026./."
    )
    assert d.topics[0].body == "Đội mũ bảo hiểm đạt chuẩn."


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        (
            "Kết quả thực hiện gửi về Sở Nông nghiệp và Môi trường trước ngày 05/3/2027 để tổng hợp.",
            "2027-03-05",
        ),
        (
            "Các xã báo cáo kết quả tuyên truyền về Phòng Văn hóa - Xã hội chậm nhất ngày 05/01/2027.",
            "2027-01-05",
        ),
        ("Hạn báo cáo: ngày 10/3/2027. Các đơn vị gửi báo cáo kết quả về UBND phường.", "2027-03-10"),
        (
            "Báo cáo kết quả gửi về Sở qua hệ thống quản lý văn bản; hạn báo cáo trước ngày 05/3/2027./.",
            "2027-03-05",
        ),
        ("UBND các xã báo cáo tình hình, kết quả thực hiện, hạn chót ngày 10/5/2027.", "2027-05-10"),
        (
            "Các tổ dân phố báo cáo kết quả thực hiện về UBND phường chậm nhất vào ngày 05/01/2027.",
            "2027-01-05",
        ),
        (
            "Các Đài gửi báo cáo kết quả về Trung tâm trước 17 giờ 00 ngày 12/02/2027 qua thư điện tử.",
            "2027-02-12",
        ),
        ("Tổng hợp, báo cáo kết quả về Sở; thời hạn gửi báo cáo trước ngày 20/7/2027.", "2027-07-20"),
        ("Báo cáo kết quả phát sóng về Trung tâm trong ngày 05/10/2026.", "2026-10-05"),
        ("Các xã báo cáo kết quả trước ngày 15 tháng 01 năm 2027.", "2027-01-15"),
    ],
)
def test_deadlines_phrased_many_ways(sentence: str, due: str) -> None:
    d = parse_text(HEAD + "1. Phòng, chống rét cho người\n\nGiữ ấm.\n\n" + sentence)
    assert d.report_due == due


def test_reporting_when_asked_is_no_deadline() -> None:
    d = parse_text(HEAD + "1. Phòng, chống rét cho người\n\nGiữ ấm.\n\nBáo cáo kết quả khi có yêu cầu./.")
    assert d.report_due is None


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("Thời gian tuyên truyền: từ ngày 23/11/2026 đến hết ngày 28/02/2027.", ("2026-11-23", "2027-02-28")),
        (
            "Đài phát 02 buổi/ngày trong thời gian từ ngày 08/12/2026 đến ngày 31/12/2026.",
            ("2026-12-08", "2026-12-31"),
        ),
        (
            "Thời gian phát: từ ngày 10/12 đến ngày 22/12/2026, mỗi ngày 02 buổi.",
            ("2026-12-10", "2026-12-22"),
        ),
        (
            "Phát các nội dung trên từ ngày 10/12/2026 đến hết ngày 31/12, mỗi ngày 02 buổi.",
            ("2026-12-10", "2026-12-31"),
        ),
        ("Phát trên hệ thống truyền thanh từ 20/01 - 10/02/2027.", ("2027-01-20", "2027-02-10")),
        ("Đài truyền thanh xã phát liên tục từ nay đến hết ngày 30/4/2027.", (None, "2027-04-30")),
        ("Hệ thống thông tin cơ sở tuyên truyền liên tục đến hết ngày 31/12/2026.", (None, "2026-12-31")),
        (
            "Đài phát hằng ngày, bắt đầu từ ngày 03/12/2026 cho đến khi có thông báo mới.",
            ("2026-12-03", None),
        ),
        (
            "Thời gian tuyên truyền từ ngày 15 tháng 12 năm 2026 đến ngày 15 tháng 3 năm 2027.",
            ("2026-12-15", "2027-03-15"),
        ),
        (
            "Đợt cao điểm từ ngày 15/12/2026 đến ngày 15/01/2027, phát mỗi ngày 02 lần.",
            ("2026-12-15", "2027-01-15"),
        ),
    ],
)
def test_broadcast_periods(sentence: str, period: tuple[str | None, str | None]) -> None:
    d = parse_text(HEAD + "1. Phòng, chống rét cho người\n\nGiữ ấm.\n\n" + sentence)
    assert (d.broadcast_from, d.broadcast_to) == period


@pytest.mark.parametrize(
    "other",
    [
        "Theo dự báo, từ ngày 24/11 đến ngày 28/11/2026 khu vực tỉnh chịu ảnh hưởng của không khí lạnh.",
        "Đại hội diễn ra từ ngày 14/10/2026 đến ngày 16/10/2026.",
        "a) Treo cờ Tổ quốc tại các hộ gia đình từ ngày 30/8 đến hết ngày 03/9/2026.",
    ],
)
def test_a_span_about_something_else_is_not_the_broadcast_period(other: str) -> None:
    d = parse_text(
        HEAD + f"1. Phòng, chống rét cho người\n\n{other}\n\n"
        "Đài truyền thanh xã phát từ ngày 20/11/2026 đến ngày 20/12/2026."
    )
    assert (d.broadcast_from, d.broadcast_to) == ("2026-11-20", "2026-12-20")


@pytest.mark.parametrize(
    "sentence",
    [
        "Tuyên truyền kết quả thực hiện đến ngày 30/6/2026 của tỉnh.",
        "Tuyên truyền việc thực hiện chính sách mới từ ngày 01/7/2026.",
        "Nghị quyết có hiệu lực từ ngày 01/01/2027.",
    ],
)
def test_a_date_in_what_to_say_is_not_a_broadcast_period(sentence: str) -> None:
    d = parse_text(HEAD + f"1. Phòng, chống rét cho người\n\n{sentence}")
    assert (d.broadcast_from, d.broadcast_to) == (None, None)


def test_asking_listeners_is_part_of_the_topic() -> None:
    d = parse_text(HEAD + "1. Phòng cháy rừng\n\nKhông đốt nương.\n\nĐề nghị bà con báo ngay cho kiểm lâm.")
    assert d.topics[0].body == "Không đốt nương.\n\nĐề nghị bà con báo ngay cho kiểm lâm."


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Số: /KH-UBND", "/KH-UBND"),
        ("Số:      /CV-VHTT", "/CV-VHTT"),
        ("Số: 702 /SVHTTDL-QLVHGĐ", "702 /SVHTTDL-QLVHGĐ"),
        ("Số 312-CV/BTGDVTU", "312-CV/BTGDVTU"),
        ("Số: 1587/UBND-KT", "1587/UBND-KT"),
    ],
)
def test_numbers_blank_partial_and_party_style(line: str, number: str) -> None:
    assert parse_text(f"{line}\nV/v tuyên truyền x\n\n1. Tuyên truyền y").number == number


def test_party_number_inside_the_subject_is_not_the_number() -> None:
    d = parse_text("V/v triển khai Kế hoạch thực hiện Nghị quyết số 43-NQ/TW\n\n1. Tuyên truyền y")
    assert d.number is None


@pytest.mark.parametrize(
    ("line", "issued"),
    [
        ("Lạng Sơn, ngày    tháng 11 năm 2026", "2026-11"),
        ("Thất Khê, ngày      tháng 8 năm 2026", "2026-08"),
        ("Lạng Sơn, ngày ... tháng ... năm 2026", "2026"),
        ("Lạng Sơn, ngày 18 tháng 11 năm 2026", "2026-11-18"),
    ],
)
def test_dates_with_blank_day(line: str, issued: str) -> None:
    assert parse_text(f"Số: 5/VHXH\n{line}\nV/v tuyên truyền x").issued_on == issued


def test_subject_over_two_lines() -> None:
    d = parse_text(
        "Số: 45/VHXH\nV/v tuyên truyền việc sáp nhập, đặt tên thôn\ntrên địa bàn xã\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Hoàng Văn Thụ, ngày 05 tháng 12 năm 2025\n\nKính gửi: Trưởng các thôn.\n\n1. Tuyên truyền y"
    )
    assert d.subject == "tuyên truyền việc sáp nhập, đặt tên thôn trên địa bàn xã"
    assert (d.place, d.issued_on) == ("Hoàng Văn Thụ", "2025-12-05")


MERGED = """UBND TỈNH LẠNG SƠN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH Độc lập - Tự do - Hạnh phúc
Số: 2366/SVHTTDL-TTBCXB
V/v tuyên truyền Đề án phát triển kinh tế số,
xã hội số tỉnh Lạng Sơn năm 2026 Lạng Sơn, ngày 18 tháng 11 năm 2026
Kính gửi: Ủy ban nhân dân các xã, phường.
1. Mục tiêu của Đề án: kinh tế số chiếm 12% GRDP."""


def test_subject_does_not_swallow_the_place_and_date_of_merged_columns() -> None:
    d = parse_text(MERGED)
    assert d.subject == "tuyên truyền Đề án phát triển kinh tế số, xã hội số tỉnh Lạng Sơn năm 2026"
    assert (d.place, d.issued_on) == ("Lạng Sơn", "2026-11-18")
    assert d.issuer == "Sở Văn hóa, Thể thao và Du lịch"


def test_number_and_date_on_one_line_keep_the_date() -> None:
    d = parse_text(
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LẠNG SƠN Độc lập - Tự do - Hạnh phúc\n"
        "Số: 1620/UBND-KT Lạng Sơn, ngày 02 tháng 12 năm 2026\nV/v tăng cường phòng cháy, chữa cháy rừng\n"
        "Kính gửi: UBND các xã, phường.\n1. Tuyên truyền y"
    )
    assert (d.number, d.issued_on) == ("1620/UBND-KT", "2026-12-02")
    assert d.issuer == "Ủy ban nhân dân tỉnh Lạng Sơn"


def test_the_party_name_inside_a_subject_is_not_a_header_column() -> None:
    d = parse_text(
        "Số: 18/TTVH\nV/v tuyên truyền kỷ niệm Ngày thành lập Đảng Cộng sản Việt Nam và mừng Xuân\n\n1. Y"
    )
    assert d.subject == "tuyên truyền kỷ niệm Ngày thành lập Đảng Cộng sản Việt Nam và mừng Xuân"


@pytest.mark.parametrize(
    ("header", "issuer"),
    [
        ("ỦY BAN NHÂN DÂN\nXÃ THẤT KHÊ", "Ủy ban nhân dân xã Thất Khê"),
        ("UBND XÃ HOÀNG VĂN THỤ\nPHÒNG VĂN HÓA - XÃ HỘI", "Phòng Văn hóa - Xã hội"),
        (
            "UBND HUYỆN CAO LỘC\nTRUNG TÂM VĂN HÓA, THỂ THAO\nVÀ TRUYỀN THÔNG",
            "Trung tâm Văn hóa, Thể thao và Truyền thông",
        ),
        ("ĐẢNG BỘ TỈNH LẠNG SƠN\nBAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY\n*", "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
        ("TỈNH ỦY LẠNG SƠN\nBAN TUYÊN GIÁO\n*", "Ban Tuyên giáo Tỉnh ủy"),
        ("UBND TỈNH LẠNG SƠN\nSỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
        ("UBND XÃ BÌNH GIA", "UBND xã Bình Gia"),
    ],
)
def test_issuer_from_the_header_column(header: str, issuer: str) -> None:
    assert parse_text(f"{header}\nSố: 5/UBND\nV/v tuyên truyền x\n\n1. Tuyên truyền y").issuer == issuer


def test_page_break_with_page_number_inside_a_sentence() -> None:
    d = parse_text(
        HEAD + "1. Các biện pháp phòng bệnh\n\na) Tiêm phòng cho đàn trâu, bò theo kế hoạch\n\n\f2\n\n"
        "của xã; không dùng thức ăn thừa.\n\nb) Vệ sinh chuồng trại."
    )
    assert "theo kế hoạch của xã; không dùng thức ăn thừa." in d.topics[0].body


def test_a_short_heading_line_is_not_run_into_its_text() -> None:
    titles = _titles(
        HEAD + "1. Trước Đại hội\nTuyên truyền ý nghĩa của Đại hội.\n\n2. Sau khi Đại hội kết thúc\n"
        "Tuyên truyền kết quả Đại hội."
    )
    assert titles == ["Trước Đại hội", "Sau khi Đại hội kết thúc"]


def test_plan_title_is_the_subject() -> None:
    d = parse_text(
        "ỦY BAN NHÂN DÂN\nXÃ THẤT KHÊ\n\nSố: /KH-UBND\n\nThất Khê, ngày tháng 01 năm 2026\n\nKẾ HOẠCH\n"
        "Tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XVI\n\nCăn cứ Luật Bầu cử;\n\n"
        "I. NỘI DUNG TUYÊN TRUYỀN\n\n1. Quyền và nghĩa vụ của cử tri: đi bầu."
    )
    assert d.subject == "Tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XVI"
    assert [t.title for t in d.topics] == ["Quyền và nghĩa vụ của cử tri"]


@pytest.mark.parametrize(
    ("tail", "signer"),
    [
        ("Nơi nhận: KT. CHỦ TỊCH\n- Như trên; PHÓ CHỦ TỊCH\n- Lưu: VT, KT. Lăng Văn Cường", "Lăng Văn Cường"),
        (
            "Nơi nhận: KT. CHỦ TỊCH\n- Như trên; PHÓ CHỦ TỊCH\n- TT Tỉnh ủy; Đoàn Thu Hà\n- Lưu: VT, KT.",
            "Đoàn Thu Hà",
        ),
        (
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nK/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n(Đã ký)\nTriệu Thị Lan",
            "Triệu Thị Lan",
        ),
        ("Nơi nhận:\n- Như trên;\n- Lưu: VT.", None),
    ],
)
def test_signer_also_when_footer_columns_ran_together(tail: str, signer: str | None) -> None:
    assert parse_text(HEAD + "1. Tuyên truyền y\n\nNội dung./.\n\n" + tail).signer == signer


def _docx_and_pdf(name: str) -> Iterator[tuple[str, bytes]]:
    parts = render.read_source(render.CORPUS_DIR / f"{name}.src")
    if name.endswith(".docx"):
        yield name, render.render_docx(parts)
    else:
        yield name, render.render_pdf(parts)


@pytest.mark.parametrize("name", ["15_ubnd_xa_phong_chong_ret.docx", "21_so_vhttdl_kinh_te_so.pdf"])
def test_uploaded_bytes_parse_like_files(corpus: dict[str, Path], name: str) -> None:
    for file_name, data in _docx_and_pdf(name):
        assert parse_bytes(data, file_name).to_contract(file_name) == parse_file(corpus[name]).to_contract(
            name
        )


def test_corpus_score(corpus: dict[str, Path]) -> None:
    right = sum(
        sum(score.check(parse_file(path).to_contract(name), GOLD[name]).values())
        for name, path in corpus.items()
    )
    assert right == len(GOLD) * len(score.FIELDS)
