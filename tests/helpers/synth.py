"""Synthetic directives for the tests and the benchmarks: realistic shapes and vocabulary, reproducible by seed.

Reference numbers start at 200 so that they never collide with the seeds' (67, 43, 27, 113, 76),
which keeps the labelled search queries' answers unambiguous.
"""

from __future__ import annotations

import random

THEMES = [
    "phòng, chống ma túy trong thanh thiếu niên",
    "an toàn giao thông dịp lễ",
    "bầu cử đại biểu Hội đồng nhân dân",
    "phòng chống dịch bệnh cho gia súc, gia cầm",
    "tiêm chủng mở rộng cho trẻ em",
    "chuyển đổi số cấp xã",
    "phòng chống lừa đảo qua mạng",
    "bảo vệ môi trường, phân loại rác tại nguồn",
    "xây dựng nông thôn mới nâng cao",
    "phòng chống thiên tai, mưa lũ",
    "bảo hiểm y tế hộ gia đình",
    "bảo hiểm xã hội tự nguyện",
    "an toàn thực phẩm",
    "phòng chống đuối nước trẻ em",
    "phòng chống bạo lực gia đình",
    "bình đẳng giới",
    "khuyến học, khuyến tài",
    "ngày hội đại đoàn kết toàn dân tộc",
    "tháng hành động vì người cao tuổi",
    "phòng chống tác hại thuốc lá",
    "bảo vệ biên giới quốc gia",
    "tuyển quân nghĩa vụ quân sự",
    "căn cước điện tử và định danh VNeID",
    "thanh toán không dùng tiền mặt",
    "phòng chống rét cho cây trồng, vật nuôi",
    "sản xuất vụ đông",
    "du lịch cộng đồng",
    "lễ hội truyền thống",
    "giữ gìn bản sắc văn hóa dân tộc",
    "hiến máu tình nguyện",
    "phòng chống sốt xuất huyết",
    "vệ sinh an toàn lao động",
    "pháp luật về đất đai",
    "phổ biến Luật Cư trú",
    "phòng chống mua bán người",
    "an ninh trật tự ở cơ sở",
    "phòng cháy chữa cháy nhà ở",
    "dân số và phát triển",
    "xóa nhà tạm, nhà dột nát",
    "giảm nghèo bền vững",
    "giáo dục nghề nghiệp cho lao động nông thôn",
    "thể dục thể thao quần chúng",
    "học tập suốt đời",
    "bảo vệ trẻ em trên không gian mạng",
    "sắp xếp đơn vị hành chính",
]
ISSUERS = [
    ("STTTT-TTBCXB", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
    ("SVHTTDL-QLVHGĐ", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),
    ("UBND-VX", "ỦY BAN NHÂN DÂN TỈNH"),
    ("VHTT", "PHÒNG VĂN HÓA VÀ THÔNG TIN"),
]
KINDS = ["Kế hoạch", "Công văn", "Hướng dẫn", "Chỉ thị", "Quyết định", "Nghị quyết"]
PHRASES = [
    "Tăng cường công tác thông tin, tuyên truyền sâu rộng đến cán bộ, đảng viên và Nhân dân",
    "nâng cao nhận thức, trách nhiệm của các cấp, các ngành",
    "phát trên hệ thống loa truyền thanh cơ sở vào các khung giờ sáng và chiều",
    "lồng ghép trong các buổi sinh hoạt tại nhà văn hóa thôn, khu phố",
    "biểu dương các tập thể, cá nhân điển hình tiên tiến",
    "vận động Nhân dân tích cực hưởng ứng, tham gia",
    "kịp thời phản ánh tâm tư, nguyện vọng của Nhân dân",
    "đấu tranh phản bác các thông tin sai trái, xuyên tạc trên mạng xã hội",
]


def directive_text(rng: random.Random, index: int) -> str:
    """One synthetic directive in the shape of the real ones."""
    suffix, header = rng.choice(ISSUERS)
    themes = rng.sample(THEMES, rng.randint(1, 4))
    year = rng.randint(2020, 2026)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    refs = [
        f"{rng.choice(KINDS)} số {rng.randint(200, 999)}-KH/TU ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/{year}"
        for _ in range(rng.randint(1, 3))
    ]
    lines = [
        header,
        "",
        f"Số: {index}/{suffix}",
        "",
        f"Lạng Sơn, ngày {day} tháng {month} năm {year}",
        "",
        "V/v tuyên truyền " + "; ".join(themes),
        "",
        "Kính gửi:",
        "",
        "- UBND các xã, phường;",
        "- Đài Truyền thanh các xã.",
        "",
        f"Thực hiện {'; '.join(refs)}, {header.title()} đề nghị các đơn vị tuyên truyền các nội dung sau:",
        "",
    ]
    for i, theme in enumerate(themes, start=1):
        lines.append(f"{i}. Tuyên truyền {theme}")
        lines.append("")
        for phrase in rng.sample(PHRASES, 3):
            lines.append(f"- {phrase} về {theme}.")
            lines.append("")
    lines.append(f"{len(themes) + 1}. Đề nghị UBND các xã, phường")
    lines.append("")
    lines.append(
        f"Chỉ đạo Đài Truyền thanh phát từ ngày {day}/{month}/{year} đến hết ngày 28/{month}/{year}, "
        f"báo cáo kết quả trước ngày 28/{month}/{year}./."
    )
    lines += ["", "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "", "GIÁM ĐỐC", "", "Nguyễn Văn Bình"]
    return "\n".join(lines)
