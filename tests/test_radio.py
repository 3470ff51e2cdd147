"""The bản tin for listeners: one script per directive, from the commune's own station, nothing meant
for officials, 1–5 minutes on air. Checked on the five samples and on directives written here."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document

from bot.db import models
from bot.directives import Directive, TopicItem, parse_file
from bot.services.radio import RadioScript, RadioSource, station_name, write_script
from bot.services.radio_docx import radio_docx
from bot.services.radio_words import WORDS_PER_MINUTE, reading_seconds, shorten, syllables

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"

# What a directive says to officials, never to listeners.
OFFICIALS = (
    "đề nghị", "tham mưu", "báo cáo kết quả", "buổi/ngày", "lần/ngày", "các đài truyền thanh",
    "đài truyền thanh các", "ubnd các xã", "ủy ban nhân dân các xã", "cấp ủy", "cấp uỷ", "tổ chức thực hiện",
    "nắm tình hình", "nắm và dự báo", "tình hình tư tưởng", "tần suất", "phát tối thiểu", "chuyên mục",
    "tin, bài", "kính gửi", "nơi nhận", "quán triệt", "tuyên truyền",
)  # fmt: skip


@dataclass(frozen=True)
class Case:
    name: str
    directive: Directive
    unit: str
    keys: tuple[str, ...]  # what the directive is about: the script must say it
    absent: tuple[str, ...] = ()  # procedural or officials' details: the script must not


def _d(number: str | None, issuer: str, subject: str, *topics: tuple[str, str]) -> Directive:
    items = [TopicItem(i, title, body) for i, (title, body) in enumerate(topics, 1)]
    return Directive(
        number=number, issuer=issuer, issued_on="2025-11", place="Lạng Sơn", subject=subject, topics=items
    )


CORPUS = (
    Case("ret", _d(
        "2150/UBND-KT", "Ủy ban nhân dân tỉnh",
        "tuyên truyền phòng, chống rét cho người, gia súc và cây trồng vụ Đông Xuân 2025 - 2026",
        ("Phòng, chống rét cho người",
         "- Khuyến cáo người dân chủ động theo dõi thông tin thời tiết, giữ ấm cơ thể khi ra ngoài, nhất là "
         "người già, trẻ nhỏ và người có bệnh nền.\n- Không đốt than, củi sưởi ấm trong phòng kín để phòng ngộ "
         "độc khí than.\n- Đề nghị UBND các xã, phường chỉ đạo Đài truyền thanh xã phát tối thiểu 02 buổi/ngày "
         "các bản tin cảnh báo rét đậm, rét hại."),
        ("Phòng, chống rét cho gia súc",
         "- Vận động các hộ chăn nuôi che chắn chuồng trại kín gió, dự trữ rơm, cỏ khô, thức ăn tinh cho trâu, "
         "bò.\n- Không thả rông gia súc lên núi cao khi nhiệt độ xuống dưới 10 độ C; khi trời rét đậm cho gia "
         "súc ăn thức ăn ấm, uống nước ấm pha muối.\n- Báo cáo kết quả thực hiện về Sở Nông nghiệp và Môi "
         "trường trước ngày 30/12/2025."),
        ("Thời gian, tần suất", "Các Đài truyền thanh xã phát tối thiểu 02 buổi/ngày từ ngày 15/12/2025."),
    ), "Xã Thất Khê", ("rét", "gia súc", "phòng kín", "chuồng trại"), ("15/12/2025", "30/12/2025")),
    Case("pccc_rung", _d(
        "845/SNNMT-KL", "Sở Nông nghiệp và Môi trường",
        "tăng cường tuyên truyền phòng cháy, chữa cháy rừng mùa khô năm 2025 - 2026",
        ("Tuyên truyền các quy định về phòng cháy, chữa cháy rừng",
         "Tập trung tuyên truyền các quy định của Luật Lâm nghiệp về phòng cháy, chữa cháy rừng; trách nhiệm "
         "của chủ rừng và người dân sống gần rừng. Vận động Nhân dân không đốt nương, đốt thực bì, đốt ong, "
         "đốt vàng mã trong rừng và ven rừng khi cấp dự báo cháy rừng ở cấp IV, cấp V. Khi phát hiện cháy rừng, "
         "người dân báo ngay cho chính quyền địa phương, kiểm lâm địa bàn hoặc gọi số điện thoại 114."),
        ("Xử lý vi phạm",
         "Chủ động phát hiện, ngăn chặn, xử lý nghiêm các hành vi vi phạm quy định về phòng cháy, chữa cháy "
         "rừng, gây cháy rừng. Đề nghị Hạt Kiểm lâm phối hợp với UBND các xã kiểm tra việc đốt nương rẫy."),
    ), "Xã Thất Khê", ("cháy rừng", "đốt nương", "114", "xử lý nghiêm"), ("Hạt Kiểm lâm",)),
    Case("bau_cu", _d(
        "35/KH-UBBC", "Ủy ban bầu cử tỉnh",
        "tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ "
        "2026 - 2031",
        ("Ý nghĩa, tầm quan trọng của cuộc bầu cử",
         "Tuyên truyền sâu rộng đến Nhân dân về ý nghĩa, tầm quan trọng của cuộc bầu cử là đợt sinh hoạt chính "
         "trị to lớn, thể hiện quyền làm chủ của Nhân dân."),
        ("Ngày bầu cử và quyền, nghĩa vụ của cử tri",
         "Ngày bầu cử là Chủ nhật, ngày 15 tháng 3 năm 2026. Công dân đủ 18 tuổi trở lên có quyền bầu cử. Vận "
         "động cử tri kiểm tra danh sách cử tri được niêm yết tại nhà văn hóa thôn, đi bầu cử đầy đủ, đúng giờ, "
         "tự mình đi bầu, không nhờ người khác bầu thay. Hướng dẫn cử tri mang theo thẻ cử tri và căn cước."),
        ("Tổ chức thực hiện",
         "Các Đài truyền thanh xã xây dựng chuyên mục bầu cử, phát 03 buổi/ngày trong 10 ngày trước ngày bầu "
         "cử. Tham mưu cấp ủy chỉ đạo công tác tuyên truyền; báo cáo kết quả về Ủy ban bầu cử tỉnh."),
    ), "Xã Đoàn Kết", ("bầu cử", "Quốc hội", "15 tháng 3 năm 2026", "thẻ cử tri"), ("10 ngày trước",)),
    Case("sap_nhap_thon", _d(
        "112/UBND-VP", "Ủy ban nhân dân xã Thất Khê",
        "tuyên truyền Nghị quyết của Hội đồng nhân dân tỉnh về việc sáp nhập, đổi tên thôn",
        ("Nội dung Nghị quyết về sáp nhập thôn",
         "Phổ biến đến toàn thể cán bộ, đảng viên và Nhân dân trên địa bàn xã về Nghị quyết số 25/NQ-HĐND của "
         "Hội đồng nhân dân tỉnh về việc sáp nhập thôn Nà Pàn và thôn Khau Ca thành thôn Nà Pàn. Thôn mới có 215 "
         "hộ với 930 nhân khẩu, nhà văn hóa thôn đặt tại khu Nà Pàn cũ."),
        ("Quyền lợi của người dân sau sáp nhập",
         "Người dân không phải làm lại căn cước, sổ đỏ vì thay đổi tên thôn; các giấy tờ đã cấp vẫn có giá trị "
         "sử dụng. Khi cần điều chỉnh thông tin, bà con liên hệ bộ phận một cửa của Ủy ban nhân dân xã để được "
         "hướng dẫn miễn phí. Vận động Nhân dân đoàn kết, cùng tham gia bầu trưởng thôn mới."),
        ("Trách nhiệm của các thôn",
         "Đề nghị Ban công tác Mặt trận các thôn tổ chức họp dân, báo cáo kết quả về UBND xã trước ngày 20/8/2025."),
    ), "Xã Thất Khê", ("sáp nhập", "thôn", "Nà Pàn", "căn cước"), ("20/8/2025", "họp dân")),
    Case("dich_ta_lon", _d(
        "1203/SNNMT-CNTY", "Sở Nông nghiệp và Môi trường", "tuyên truyền phòng, chống bệnh Dịch tả lợn châu Phi",
        ("Tình hình dịch bệnh",
         "Từ đầu tháng 7/2025 đến nay, bệnh Dịch tả lợn châu Phi đã xuất hiện tại 12 xã, làm chết và phải tiêu "
         "hủy hơn 1.500 con lợn. Bệnh lây lan rất nhanh, chưa có thuốc điều trị đặc hiệu."),
        ("Biện pháp phòng, chống",
         "Vận động các hộ chăn nuôi thực hiện chăn nuôi an toàn sinh học, tiêu độc khử trùng chuồng trại bằng "
         "vôi bột hoặc hóa chất; không mua lợn không rõ nguồn gốc. Khi phát hiện lợn ốm, chết, bà con báo ngay "
         "cho thú y xã, tuyệt đối không bán chạy, không vứt xác lợn ra môi trường. Chủ động phát hiện, ngăn chặn, "
         "xử lý nghiêm các trường hợp vận chuyển, buôn bán lợn bệnh."),
        ("Chính sách hỗ trợ",
         "Hộ chăn nuôi có lợn buộc phải tiêu hủy do dịch bệnh được hỗ trợ theo Quyết định số 18/2024/QĐ-UBND "
         "của Ủy ban nhân dân tỉnh. Kinh phí hỗ trợ do ngân sách tỉnh bảo đảm, các xã tổng hợp gửi về Sở."),
    ), "Xã Na Sầm", ("Dịch tả lợn châu Phi", "vôi bột", "thú y", "hỗ trợ"), ("ngân sách tỉnh",)),
    Case("an_toan_giao_thong", _d(
        "56/BATGT", "Ban An toàn giao thông tỉnh",
        "tuyên truyền bảo đảm trật tự an toàn giao thông dịp Tết Nguyên đán Bính Ngọ 2026",
        ("Chấp hành quy định về nồng độ cồn",
         "Tuyên truyền quy định nghiêm cấm người điều khiển phương tiện giao thông mà trong máu hoặc hơi thở có "
         "nồng độ cồn. Vận động người tham gia giao thông đã uống rượu, bia thì không lái xe."),
        ("Đội mũ bảo hiểm, chở đúng số người",
         "Khuyến cáo người dân đội mũ bảo hiểm đạt chuẩn khi đi xe máy, xe đạp điện; không chở quá số người quy "
         "định; không để trẻ em dưới 16 tuổi điều khiển xe máy. Xử lý nghiêm các hành vi vi phạm trật tự an toàn "
         "giao thông dịp Tết."),
        ("Hình thức tuyên truyền",
         "Tuyên truyền trên hệ thống loa truyền thanh cơ sở, băng rôn, khẩu hiệu; tin, bài trên Cổng thông tin "
         "điện tử."),
    ), "Phường Đông Kinh", ("an toàn giao thông", "Tết", "nồng độ cồn", "mũ bảo hiểm"), ("băng rôn",)),
    Case("dai_hoi_xa", _d(
        "45-HD/BTGDVTU", "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "tuyên truyền Đại hội đại biểu Đảng bộ xã Thất Khê lần thứ I, nhiệm kỳ 2025 - 2030",
        ("Trước Đại hội",
         "Tập trung tuyên truyền ý nghĩa, tầm quan trọng của Đại hội; những kết quả nổi bật trong phát triển "
         "kinh tế - xã hội của xã nhiệm kỳ qua. Làm tốt công tác nắm và dự báo tình hình tư tưởng Nhân dân, kịp "
         "thời tham mưu cấp ủy chỉ đạo giải quyết các vấn đề phát sinh."),
        ("Trong thời gian diễn ra Đại hội",
         "Thông tin kịp thời về diễn biến, kết quả Đại hội. Vận động Nhân dân treo cờ Tổ quốc chào mừng Đại hội."),
    ), "Xã Thất Khê", ("Trước Đại hội đại biểu Đảng bộ xã Thất Khê lần thứ I", "treo cờ")),
    Case("sot_xuat_huyet", _d(
        "310/TTYT", "Trung tâm Y tế khu vực Thất Khê", "tuyên truyền phòng, chống bệnh sốt xuất huyết",
        ("Tuyên truyền phòng, chống sốt xuất huyết",
         "- Đẩy mạnh tuyên truyền để người dân hiểu rõ bệnh sốt xuất huyết do muỗi vằn truyền, chưa có vắc xin "
         "phòng bệnh.\n- Vận động các hộ gia đình hằng tuần diệt bọ gậy, lật úp các dụng cụ chứa nước không "
         "dùng, thả cá vào bể nước, ngủ màn kể cả ban ngày.\n- Khi có người sốt cao đột ngột, người dân cần đến "
         "ngay cơ sở y tế, không tự ý điều trị tại nhà."),
    ), "Phường Kỳ Lừa", ("sốt xuất huyết", "bọ gậy", "ngủ màn")),
    Case("lua_dao", _d(
        "88/TB-CAT", "Công an tỉnh", "cảnh báo các thủ đoạn lừa đảo chiếm đoạt tài sản qua mạng",
        ("Các thủ đoạn thường gặp",
         "Đối tượng giả danh công an, ngân hàng, điện lực gọi điện yêu cầu cài đặt ứng dụng lạ, cung cấp mã OTP; "
         "nhắn tin báo trúng thưởng, tuyển cộng tác viên làm việc online. Ngân hàng, công an không bao giờ yêu "
         "cầu chuyển tiền qua điện thoại."),
        ("Khuyến cáo người dân",
         "Khuyến cáo người dân không bấm vào đường link lạ, không cung cấp mã OTP, mật khẩu cho bất kỳ ai; khi "
         "nghi ngờ bị lừa đảo, báo ngay cho công an xã gần nhất. Đề nghị UBND các xã chỉ đạo Đài truyền thanh "
         "phát thông báo 03 lần/ngày."),
    ), "Xã Thất Khê", ("lừa đảo", "OTP", "công an")),
)  # fmt: skip

# The five samples: what each is about, in words the script must say.
SAMPLE_KEYS = {
    "000": (
        "Nghị quyết số 67-NQ/TU",
        "Quy hoạch tỉnh Lạng Sơn",
        "Toàn dân đoàn kết xây dựng đời sống văn hoá",
    ),
    "001": ("Nghị quyết số 43-NQ/TW", "Chỉ thị số 27-CT/TU", "xã hội hóa"),
    "002": ("cải cách hành chính", "sáp nhập, giải thể thôn", "chữa cháy rừng", "tiết kiệm, chống lãng phí"),
    "003": ("Đại hội đại biểu Đảng bộ tỉnh Lạng Sơn lần thứ XVII",),
    "004": ("Kế hoạch số 113-KH/TU", "xây dựng Đảng, xây dựng hệ thống chính trị năm 2023"),
}


def _sample(prefix: str) -> Path:
    return next(SAMPLES.glob(f"{prefix}_*.txt"))


def _check(script: RadioScript, unit: str, keys: tuple[str, ...], absent: tuple[str, ...] = ()) -> None:
    station = station_name(unit)
    versions = [script.text] + ([script.short_text] if script.short_text else [])
    for text in versions:
        paragraphs = text.split("\n\n")
        # opens with a greeting from the commune's own station, once
        assert paragraphs[0].startswith(f"{station} xin kính chào bà con"), paragraphs[0]
        assert text.count("xin kính chào") == 1 and text.count("Xin cảm ơn bà con") == 1
        # closes properly
        assert paragraphs[-1].startswith(f"{station} vừa thông tin tới bà con"), paragraphs[-1]
        assert paragraphs[-1].endswith("Xin cảm ơn bà con đã lắng nghe.")
        # speaks to the listeners
        assert "bà con" in " ".join(paragraphs[1:-1]).lower()
        # nothing meant for officials, no dangling "Đại hội." or "về: …"
        low = text.lower()
        assert not [p for p in OFFICIALS if p in low], [p for p in OFFICIALS if p in low]
        assert not [a for a in absent if a.lower() in low]
        assert not re.search(r"\b(?:trước|trong|sau) Đại hội\.", text)
        assert ": ." not in text and ",." not in text and ";." not in text and "..." not in text
    # says what it is about: in the opening (the first two paragraphs) and the script
    head = " ".join(script.text.split("\n\n")[:3])
    assert keys[0].lower() in head.lower(), (keys[0], head)
    assert all(k.lower() in script.text.lower() for k in keys), [
        k for k in keys if k.lower() not in script.text
    ]
    # reads in 1–5 minutes: the full version, else a short one of 1–3 minutes
    assert script.seconds == reading_seconds(script.text) and 60 <= script.on_air_seconds <= 300
    if script.seconds > 300:
        assert script.short_text and script.short_seconds and 60 <= script.short_seconds <= 180
        assert script.on_air_text == script.short_text
    else:
        assert script.short_text is None and script.on_air_text == script.text


@pytest.mark.parametrize("prefix", sorted(SAMPLE_KEYS))
def test_samples(prefix: str) -> None:
    script = write_script(RadioSource.from_parsed(parse_file(_sample(prefix))), "Xã Thất Khê")
    _check(script, "Xã Thất Khê", SAMPLE_KEYS[prefix])


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_corpus(case: Case) -> None:
    _check(
        write_script(RadioSource.from_parsed(case.directive), case.unit), case.unit, case.keys, case.absent
    )


def test_many_sections_make_one_script_with_a_short_version() -> None:
    script = write_script(RadioSource.from_parsed(parse_file(_sample("004"))), "Xã Thất Khê")
    assert script.seconds > 300 and script.short_text is not None
    assert script.text.count("Thứ nhất,") == 1 and "Thứ mười bốn," in script.text
    assert script.text.startswith("Đài Truyền thanh xã Thất Khê xin kính chào bà con")
    assert (
        "Thực hiện Kế hoạch số 113-KH/TU của Ban Thường vụ Tỉnh ủy về công tác xây dựng Đảng" in script.text
    )


def test_dangling_congress_is_named() -> None:
    text = write_script(RadioSource.from_parsed(parse_file(_sample("003"))), "Xã Thất Khê").text
    first_topic = text.split("\n\n")[2]
    assert first_topic.startswith("Trước Đại hội đại biểu Đảng bộ tỉnh Lạng Sơn lần thứ XVII, ")


def test_ward_station_and_procedural_topics_dropped() -> None:
    atgt = next(c for c in CORPUS if c.name == "an_toan_giao_thong")
    script = write_script(RadioSource.from_parsed(atgt.directive), "phường Đông Kinh")
    assert script.text.startswith(
        "Đài Truyền thanh phường Đông Kinh xin kính chào bà con nhân dân trong phường!"
    )
    assert "Thứ ba" not in script.text  # "Hình thức tuyên truyền" is about officials' work
    ret = write_script(RadioSource.from_parsed(CORPUS[0].directive), "Xã Thất Khê").text
    assert "Thứ ba" not in ret and "các hộ chăn nuôi hãy che chắn chuồng trại" in ret
    assert "Thực hiện Công văn số 2150/UBND-KT của Ủy ban nhân dân tỉnh Lạng Sơn" in ret


def test_from_model_matches_from_parsed() -> None:
    parsed = parse_file(_sample("002"))
    row = models.Directive(
        number=parsed.number, issuer=parsed.issuer, issued_on=parsed.issued_on, place=parsed.place,
        subject=parsed.subject, body="", source_name="002.txt", content_hash="x",
        topics=[models.Topic(ordinal=t.ordinal, title=t.title, body=t.body) for t in reversed(parsed.topics)],
    )  # fmt: skip
    assert RadioSource.from_model(row) == RadioSource.from_parsed(parsed)


def test_pace_and_shortening() -> None:
    assert WORDS_PER_MINUTE == 125
    assert reading_seconds(" ".join(["bà"] * 250)) == 120  # 250 syllables at 125 a minute
    assert syllables("năm 2026") == 7 and syllables("113-KH/TU") == 9  # numbers and codes read out in full
    cut = shorten("Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hoá” trên địa bàn tỉnh Lạng Sơn", 8)
    assert cut.count("“") == cut.count("”")


def test_docx_holds_the_script() -> None:
    script = write_script(RadioSource.from_parsed(parse_file(_sample("004"))), "Xã Thất Khê")
    doc = Document(io.BytesIO(radio_docx(script)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "ĐÀI TRUYỀN THANH XÃ THẤT KHÊ" in text and script.title in text
    assert all(p in text for p in script.text.split("\n\n"))
    assert script.short_text and all(p in text for p in script.short_text.split("\n\n"))
    assert "Thời lượng đọc: khoảng" in text and "125 tiếng/phút" in text


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PROVINCE": "lang_son"}
    return subprocess.run(
        [sys.executable, "-m", "bot", "radio", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False, cwd=ROOT,
    )  # fmt: skip


@pytest.mark.slow
def test_cli_json(tmp_path: Path) -> None:
    bad = tmp_path / "trong.txt"
    bad.write_text("xin chào", encoding="utf-8")
    samples = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    proc = _cli(*samples, str(bad), "--unit", "that khe", "--json")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    items = json.loads(proc.stdout)
    assert len(items) == 6 and set(items[-1]) == {"file", "error"} and items[-1]["file"] == "trong.txt"
    for item in items[:5]:
        assert set(item) == {"file", "title", "text", "seconds"}
        assert item["text"].startswith("Đài Truyền thanh xã Thất Khê xin kính chào bà con")
        assert 60 <= item["seconds"] <= 300 and isinstance(item["seconds"], int)
    assert "aiogram" not in subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bot", "radio", samples[0], "--unit", "that khe", "--json"],
        capture_output=True, text=True, env={"PATH": os.environ.get("PATH", "")}, cwd=ROOT, check=True,
    ).stderr  # fmt: skip


@pytest.mark.slow
def test_cli_text_and_unknown_unit() -> None:
    proc = _cli(str(_sample("003")), "--unit", "Đông Kinh")
    assert proc.returncode == 0, proc.stderr
    assert (
        "Đài Truyền thanh phường Đông Kinh xin kính chào" in proc.stdout and "125 tiếng/phút" in proc.stdout
    )
    full = _cli(str(_sample("004")), "--unit", "that khe", "--full", "--json")
    assert json.loads(full.stdout)[0]["seconds"] > 300
    missing = _cli(str(_sample("003")), "--unit", "Nowhere")
    assert missing.returncode == 2 and "Không tìm thấy đơn vị" in missing.stdout
