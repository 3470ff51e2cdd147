"""Builds tests/data/reports.jsonl: report messages as commune officers write them, each with the
candidate set it was written against (tests/data/report_candidates.json) and the expected reading.

All messages and labels were written before `bot/understanding/reports.py` existed. Every tenth
row (positions 2, 5 and 8 of each ten) is held out; variants typed on TCVN3/VNI keyboards or
decomposed (NFD) are derived mechanically from a few rows and inherit their row's split.

Label fields: `mentions` (each: keys — several when the text fits them equally —, done, count,
reason), `general` ("done" / "not_done" / null for a message that names no directive),
`count`/`reason` for the general part, `added` ("phát thêm"), `confirm` (null = either is fine).
Reasons compare folded (marks and case ignored).

Candidate sets: samples 1–5 are the five sample directives as parsed (1 quy hoạch tỉnh / NQ 67 /
đời sống văn hóa, 2 NQ 43 / CT 27 / xã hội hóa, 3 cải cách hành chính / sáp nhập thôn / PCCC rừng
/ tiết kiệm, 4 Đại hội Đảng bộ tỉnh, 5 KH 113 xây dựng Đảng); numbered 11–15 the same with
invented numbers (2345, 1957, 2401, 1385, 812); winter, elections, health are invented sets of
look-alike subjects; big15 mixes numbered, winter and elections.

Run: python tests/data/build_reports.py
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def M(
    keys: int | tuple[int, ...], done: bool = True, count: int | None = None, reason: str | None = None
) -> dict[str, Any]:
    ks = [keys] if isinstance(keys, int) else list(keys)
    return {"keys": ks, "done": done, "count": count, "reason": reason}


ROWS: list[dict[str, Any]] = []


def R(
    cands: str,
    text: str,
    *mentions: dict[str, Any],
    g: str | None = None,
    gc: int | None = None,
    gr: str | None = None,
    add: bool = False,
    conf: bool | None = None,
) -> None:
    ROWS.append(
        {
            "cands": cands,
            "text": text,
            "mentions": list(mentions),
            "general": g,
            "count": gc,
            "reason": gr,
            "added": add,
            "confirm": conf,
        }
    )


S, N, W, E, H, B = "samples", "numbered", "winter", "elections", "health", "big15"

# ---------------------------------------------------------------- one directive by content (samples)
R(S, "đã phát bài cải cách hành chính 2 buổi", M(3, count=2), conf=False)
R(S, "Đã thực hiện xong kế hoạch 113", M(5), conf=False)
R(S, "đã phát xong bài đại hội đảng bộ tỉnh", M(4), conf=False)
R(S, "da phat bai quy hoach tinh 3 buoi", M(1, count=3), conf=False)
R(S, "xã em đã tuyên truyền sáp nhập thôn được 4 buổi", M(3, count=4))
R(S, "đã phát NQ 67 rồi ạ", M(1), conf=False)
R(S, "Em đã phát bài xây dựng Đảng 3 lần", M(5, count=3), conf=False)
R(S, "bai pccc rung phat dc 5 buoi r", M(3, count=5))
R(S, "phát xong bài đại hội rồi, 2 buổi sáng chiều", M(4, count=2))
R(S, "đã phát bài xã hội hóa giáo dục y tế", M(2), conf=False)
R(S, "Chỉ thị 27 đã phát 2 buổi", M(2, count=2))
R(S, "em đã đọc bài đời sống văn hóa trên loa 3 buổi", M(1, count=3))
R(S, "bài tiết kiệm chống lãng phí em phát rồi", M(3))
R(S, "đã phát nghị quyết 43 về đại đoàn kết toàn dân tộc", M(2), conf=False)
R(S, "kh 113 da phat xong", M(5))
R(S, "Dạ em báo cáo đã phát bài Quy hoạch tỉnh Lạng Sơn 2 buổi ạ", M(1, count=2), conf=False)
R(S, "phat xong bai dai hoj roi", M(4))
R(S, "đã phát bài quy hoach tinnh", M(1))
R(S, "đã phát bài cai cach hanh chin 3 buổi", M(3, count=3))
R(
    S,
    "Đài xã đã phát thanh nội dung phòng cháy chữa cháy rừng và quản lý lâm sản dịp Tết 4 buổi",
    M(3, count=4),
)
R(S, "em đã phát bài kết cấu hạ tầng rồi", M(3))
R(S, "bai xay dung dang he thong chinh tri phat 2 lan roi a", M(5, count=2))
R(S, "đã tuyên truyền Đại hội Đảng bộ tỉnh lần thứ XVII được 6 buổi", M(4, count=6))
R(S, "da phat bai toan dan doan ket xay dung doi song van hoa", M(1))
R(S, "tuần này em đọc bài sáp nhập, giải thể thôn 2 buổi rồi", M(3, count=2))
R(S, "em đã phát hai buổi bài đại hội", M(4, count=2))
R(S, "CT 27 phát được ba buổi rồi ạ", M(2, count=3))
R(S, "Đã thực hiện tuyên truyền Nghị quyết 67 về quy hoạch tỉnh", M(1))
R(S, "bài phòng cháy rừng phát 1 buổi rồi", M(3, count=1))
R(S, "Đã phát xong bài chỉ thị 27 về xã hội hóa", M(2))

# ---------------------------------------------------------------- several directives, counts
R(
    S,
    "em báo cáo: tuần này xã em đã phát 5 buổi về PCCC rừng, 2 buổi về chống rét, còn bài Đại hội chưa phát vì loa thôn Nà Pàn hỏng",
    M(3, count=5),
    M(4, False, reason="loa thôn Nà Pàn hỏng"),
)
R(S, "đã phát bài PCCC rừng 5 buổi, bài đại hội 2 buổi", M(3, count=5), M(4, count=2), conf=False)
R(S, "5 buổi về PCCC rừng, 2 buổi về đại hội", M(3, count=5), M(4, count=2))
R(S, "đã phát quy hoạch tỉnh và sáp nhập thôn, mỗi bài 2 buổi", M(1, count=2), M(3, count=2))
R(
    S,
    "tuần này đã phát: quy hoạch tỉnh 2 buổi; PCCC rừng 3 buổi; đại hội 1 buổi",
    M(1, count=2),
    M(3, count=3),
    M(4, count=1),
)
R(S, "da phat bai dai hoi va bai xay dung dang", M(4), M(5))
R(S, "đã phát NQ 67 2 buổi và KH 113 3 buổi", M(1, count=2), M(5, count=3))
R(S, "bài đại hội 3 buổi, bài quy hoạch tỉnh 2 buổi, đã phát xong", M(4, count=3), M(1, count=2))
R(S, "em đã phát xong các bài: cải cách hành chính, đại hội, xây dựng đảng", M(3), M(4), M(5))
R(
    S,
    "pccc rung 4 buoi, dai hoi 2 buoi, xay dung dang 1 buoi, da phat xong het",
    M(3, count=4),
    M(4, count=2),
    M(5, count=1),
)
R(
    S,
    "Tuần qua đài xã phát bài đại đoàn kết 2 buổi và bài đời sống văn hóa 2 buổi",
    M(2, count=2),
    M(1, count=2),
)
R(S, "đã phát bài quy hoạch tỉnh 2 buổi. Bài Đại hội phát 3 buổi", M(1, count=2), M(4, count=3))

# ---------------------------------------------------------------- done and not done, reasons
R(S, "bài đại hội chưa phát được vì mất điện", M(4, False, reason="mất điện"))
R(S, "chua phat bai cchc do loa hong", M(3, False, reason="loa hong"))
R(
    S,
    "quy hoạch tỉnh đã phát 2 buổi, còn KH 113 chưa phát vì chưa nhận được file",
    M(1, count=2),
    M(5, False, reason="chưa nhận được file"),
)
R(S, "đã phát bài đại hội, bài xây dựng đảng thì chưa", M(4), M(5, False))
R(S, "bài sáp nhập thôn chưa phát ạ, thôn Bản Chắt loa hỏng", M(3, False, reason="thôn Bản Chắt loa hỏng"))
R(S, "bài PCCC rừng tuần này phát 0 buổi vì mưa bão", M(3, False, reason="mưa bão"))
R(
    S,
    "cchc da phat 2 buoi, dai hoi chua phat vi chua co ban tin",
    M(3, count=2),
    M(4, False, reason="chua co ban tin"),
)
R(
    S,
    "PCCC rừng đã phát, đại hội chưa phát vì chưa có file âm thanh, quy hoạch tỉnh phát 2 buổi",
    M(3),
    M(4, False, reason="chưa có file âm thanh"),
    M(1, count=2),
)
R(
    S,
    "Đã phát bài đại hội. Bài cải cách hành chính chưa phát được do thôn Khuổi Tát mất điện.",
    M(4),
    M(3, False, reason="thôn Khuổi Tát mất điện"),
)
R(S, "bài PCCC rừng: đã phát 3 buổi. bài đại hội: chưa", M(3, count=3), M(4, False))
R(
    S,
    "chưa phát bài quy hoạch tỉnh và bài xây dựng đảng vì loa trung tâm hỏng",
    M(1, False, reason="loa trung tâm hỏng"),
    M(5, False, reason="loa trung tâm hỏng"),
)
R(
    S,
    "bài đại hội em chưa phát, lý do: cán bộ đài đi họp huyện",
    M(4, False, reason="cán bộ đài đi họp huyện"),
)
R(S, "do mất điện nên bài cải cách hành chính chưa phát được", M(3, False, reason="mất điện"))
R(
    S,
    "bài xây dựng đảng chưa phát vì chưa có file, bài đại hội đã phát 2 buổi",
    M(5, False, reason="chưa có file"),
    M(4, count=2),
)
R(S, "e bc: pccc rung phat 3 buoi r, dai hoi ch phat vi loa hg", M(3, count=3), M(4, False, reason="loa hg"))
R(S, "bài quy hoạch tỉnh thì em chưa kịp phát", M(1, False))
R(S, "bài đại hội em quên chưa phát", M(4, False))
R(S, "KH 113 không phát được vì loa bị sét đánh hỏng", M(5, False, reason="loa bị sét đánh hỏng"))
R(S, "nghị quyết 43 chưa phát do chưa nhận được văn bản", M(2, False, reason="chưa nhận được văn bản"))
R(S, "bai doi song van hoa chua phat dc vi mat dien ca tuan", M(1, False, reason="mat dien ca tuan"))
R(S, "phát xong bài đại hội nhưng thôn Nà Pàn không nghe được do loa hỏng", M(4), conf=True)

# ---------------------------------------------------------------- general (names nothing)
R(S, "đã phát 0 buổi", g="not_done")
R(S, "đã phát không buổi nào", g="not_done")
R(S, "đã thực hiện được đâu mà báo", g="not_done")
R(S, "chưa phát được vì mất điện", g="not_done", gr="mất điện")
R(S, "chua phat dc do loa hong", g="not_done", gr="loa hong")
R(S, "phát được 3 buổi rồi", g="done", gc=3, conf=False)
R(S, "đã thực hiện", g="done", conf=False)
R(S, "Đã thực hiện xong ạ", g="done", conf=False)
R(S, "xong", g="done", conf=True)
R(S, "✅", g="done", conf=True)
R(S, "xong r", g="done", conf=True)
R(S, "hoàn thành", g="done", conf=True)
R(S, "đã phát 3 buổi", g="done", gc=3, conf=False)
R(S, "phat dc 2 buoi", g="done", gc=2)
R(S, "ok e phat r", g="done")
R(S, "chắc là phát rồi", g="done", conf=True)
R(S, "hình như đã phát rồi", g="done", conf=True)
R(S, "em nghĩ là đã phát xong", g="done", conf=True)
R(S, "đã phát khoảng 3 buổi", g="done", gc=3, conf=True)
R(S, "chưa phát buổi nào", g="not_done")
R(S, "đã phát đâu", g="not_done")
R(S, "phát gì đâu", g="not_done")
R(S, "chưa thực hiện", g="not_done")
R(S, "mất điện cả tuần nên chưa phát được buổi nào", g="not_done", gr="mất điện cả tuần")
R(S, "loa hỏng rồi, chưa phát được", g="not_done", gr="loa hỏng")
R(S, "Dạ em chưa phát được ạ, trời mưa to quá", g="not_done", gr="trời mưa to quá")
R(S, "không phát được buổi nào vì loa hỏng", g="not_done", gr="loa hỏng")
R(S, "hôm nay chưa phát, mai phát bù", g="not_done")
R(S, "tất cả đã phát xong", g="done", conf=True)
R(S, "Em đã phát thanh đầy đủ 3 buổi trên hệ thống loa của xã", g="done", gc=3, conf=False)
R(S, "da phat 2 buoi sang va chieu", g="done", gc=2)
R(S, "xã em phát xong rồi ạ, 4 buổi", g="done", gc=4)
R(S, "chưa phát được do cán bộ đài nghỉ ốm", g="not_done", gr="cán bộ đài nghỉ ốm")
R(S, "ko phat dc vi loa hu", g="not_done", gr="loa hu")
R(S, "phát rồi nhưng loa thôn Pác Làng hơi rè", g="done", conf=True)
R(S, "đã phát bài chống rét 2 buổi", g="done", gc=2, conf=True)
R(S, "đã phát bài an toàn giao thông", g="done", conf=True)

# ---------------------------------------------------------------- never done: zero, đâu mà, intention, condition, far negation
R(S, "bài PCCC rừng đã phát 0 buổi do mất điện", M(3, False, reason="mất điện"))
R(S, "đã phát bài đại hội được đâu mà báo", M(4, False))
R(S, "định phát bài quy hoạch tỉnh chiều nay", M(1, False))
R(S, "nếu có điện thì mai phát bài cải cách hành chính", M(3, False))
R(S, "nếu có điện thì mai phát", g="not_done")
R(S, "tưởng đã phát bài đại hội nhưng hóa ra chưa", M(4, False))
R(S, "tưởng đã phát nhưng hóa ra chưa", g="not_done")
R(S, "tưởng phát rồi hóa ra chưa", g="not_done")
R(S, "cứ tưởng đồng chí kia phát rồi, hóa ra chưa ai phát", g="not_done")
R(S, "đã phát đâu mà bảo xong", g="not_done")
R(S, "xong đâu mà xong", g="not_done")
R(S, "định mai phát", g="not_done")
R(S, "sẽ phát 2 buổi vào thứ 7", g="not_done")
R(S, "em sẽ phát vào sáng mai", g="not_done")
R(S, "dự kiến tuần sau phát bài quy hoạch tỉnh", M(1, False))
R(S, "khi nào có điện em sẽ phát bài PCCC rừng", M(3, False))
R(S, "nếu loa sửa xong thì chiều phát bài đại hội", M(4, False))
R(S, "bài xây dựng đảng đang chuẩn bị phát", M(5, False))
R(S, "chiều nay em mới phát bài đại hội được", M(4, False))
R(S, "đã phát không buổi nào bài sáp nhập thôn", M(3, False))
R(S, "làm gì đã phát", g="not_done")
R(S, "bài đại hội thì chưa phát buổi nào cả", M(4, False))
R(S, "Chưa phát được bài nào vì loa hỏng hết", g="not_done", gr="loa hỏng hết")
R(S, "đợi có file âm thanh rồi em phát bài đại hội", M(4, False))

# ---------------------------------------------------------------- questions: nothing is read
R(
    S,
    "bài PCCC rừng phát xong chưa?",
)
R(S, "xong chưa?")
R(S, "đã phát được bao nhiêu buổi rồi?")
R(S, "em phát chưa nhỉ")
R(S, "bài đại hội phát rồi à?")
R(S, "đã phát đủ chưa ạ")
R(S, "kế hoạch 113 phải phát mấy buổi ạ?")
R(S, "bài quy hoạch tỉnh đã ai phát chưa?")
R(S, "phát bài đại hội vào giờ nào ạ")
R(S, "tuần này phát gì")

# ---------------------------------------------------------------- "thêm": adds to an earlier report
R(S, "hôm nay phát thêm 2 buổi bài phòng cháy rừng", M(3, count=2), add=True)
R(S, "phát thêm 2 buổi", g="done", gc=2, add=True)
R(S, "hôm nay phát thêm 1 buổi nữa", g="done", gc=1, add=True)
R(S, "bài đại hội phát thêm 3 buổi", M(4, count=3), add=True)
R(S, "phat them 2 buoi bai quy hoach tinh", M(1, count=2), add=True)
R(S, "sáng nay đã phát bổ sung 1 buổi bài cải cách hành chính", M(3, count=1), add=True)
R(S, "đã phát tiếp 2 buổi pccc rừng", M(3, count=2), add=True)
R(S, "định phát thêm 2 buổi bài đại hội", M(4, False))
R(S, "phát thêm được buổi nào đâu", g="not_done")
R(S, "chưa phát thêm được vì mất điện", g="not_done", gr="mất điện")
R(S, "em phát thêm bài xây dựng đảng 2 buổi nữa", M(5, count=2), add=True)

# ---------------------------------------------------------------- by number (numbered)
R(N, "đã phát công văn 2345 được 3 buổi", M(11, count=3), conf=False)
R(N, "cv 2401 da th xong", M(13))
R(N, "hủy báo cáo công văn 2345", M(11, False))
R(N, "2401 đã phát 4 buổi", M(13, count=4))
R(N, "Đã phát xong CV 1385 về đại hội", M(14), conf=False)
R(N, "số 812 em phát rồi ạ", M(15))
R(N, "KH 113 đã triển khai 2 buổi", M(15, count=2))
R(N, "NQ 67 và NQ 43 đã phát mỗi cái 1 buổi", M(11, count=1), M(12, count=1))
R(
    N,
    "công văn 2345 chưa phát vì loa hỏng, công văn 2401 phát 2 buổi rồi",
    M(11, False, reason="loa hỏng"),
    M(13, count=2),
)
R(N, "đã phát công văn 9999", g="done", conf=True)
R(N, "phát thêm 2 buổi công văn 2401", M(13, count=2), add=True)
R(N, "2345 thi chua, 2401 xong r", M(11, False), M(13))
R(N, "cong van so 1385 da phat, 1957 chua phat do mat song", M(14), M(12, False, reason="mat song"))
R(N, "đã phát 2345 ngày 12/3 và 15/3", M(11))
R(N, "em báo cáo công văn 812/SVHTTDL đã thực hiện 3 buổi", M(15, count=3), conf=False)
R(N, "công văn số 2401/STTTT-TTBCXB đã phát 5 buổi về cải cách hành chính", M(13, count=5))
R(N, "cv1957 phat roi", M(12))
R(N, "Công văn 1385 phát 2 buổi ngày 5/3, công văn 812 chưa phát", M(14, count=2), M(15, False))
R(N, "văn bản 2345 đã tuyên truyền xong", M(11))
R(N, "công văn 2401 chưa phát được buổi nào", M(13, False))
R(N, "2345 và 2401 em phát xong hết rồi", M(11), M(13))
R(N, "công văn 1385 phát xong chưa nhỉ")
R(N, "đã phát bài quy hoạch tỉnh (cv 2345) 3 buổi", M(11, count=3))
R(N, "huỷ báo cáo cv 2401 giúp em", M(13, False))

# ---------------------------------------------------------------- look-alikes (winter)
R(W, "đã phát bài PCCC 3 buổi", M((21, 22), count=3))
R(W, "đã phát bài PCCC rừng 3 buổi", M(21, count=3))
R(W, "bai phong chay nha o phat 2 buoi roi", M(22, count=2))
R(W, "đã phát bài chống rét", M((23, 24)))
R(W, "chống rét cho trâu bò đã phát 2 buổi", M(23, count=2))
R(W, "an toàn giao thông đã phát 4 buổi", M(25, count=4))
R(
    W,
    "PCCC rừng 5 buổi, PCCC nhà ở 3 buổi, chống rét chưa phát",
    M(21, count=5),
    M(22, count=3),
    M((23, 24), False),
)
R(W, "đã phát bài mùa khô", M(21))
R(W, "đã phát bài tết", M((22, 25)))
R(W, "bài rét cho người dân vùng cao em phát r", M(24))
R(W, "chưa phát bài phòng cháy rừng vì cán bộ đi tập huấn", M(21, False, reason="cán bộ đi tập huấn"))
R(W, "đã phát PCCC", M((21, 22)))
R(W, "đã phát PCCC rừng và chống rét cho người dân, mỗi bài 2 buổi", M(21, count=2), M(24, count=2))
R(W, "bài rượu bia lái xe phát 3 buổi rồi", M(25, count=3))
R(
    W,
    "chống rét cho cây trồng vật nuôi đã phát, an toàn giao thông chưa phát vì loa hỏng",
    M(23),
    M(25, False, reason="loa hỏng"),
)
R(W, "cong van 156 da phat 2 buoi", M(21, count=2))
R(W, "đã phát bài đốt than sưởi", M(24))
R(W, "bài an toàn giao thông tết phát 2 buổi", M(25, count=2))
R(W, "chưa phát bài chống rét vì chưa có bài", M((23, 24), False, reason="chưa có bài"))
R(W, "đã phát bài phòng cháy", M((21, 22)))

# ---------------------------------------------------------------- look-alikes (elections)
R(E, "đã phát bài đại hội 2 buổi", M((32, 33), count=2))
R(E, "đã phát bài đại hội đảng 2 buổi", M(32, count=2))
R(E, "đại hội mặt trận phát rồi", M(33))
R(E, "bài bầu cử đã phát 5 buổi", M(31, count=5))
R(E, "bài sáp nhập đã phát", M((34, 35)))
R(E, "sáp nhập thôn đã phát 3 buổi", M(35, count=3))
R(E, "sáp nhập xã đã phát 3 buổi", M(34, count=3))
R(E, "chuyển đổi số với đề án 06 đã phát 2 buổi", M(37, count=2))
R(
    E,
    "cải cách hành chính chưa phát được vì loa hỏng, chuyển đổi số phát 1 buổi",
    M(36, False, reason="loa hỏng"),
    M(37, count=1),
)
R(E, "da phat bau cu, dai hoi mat tran, cchc moi bai 2 buoi", M(31, count=2), M(33, count=2), M(36, count=2))
R(E, "bài đề án 06 chưa phát", M(37, False))
R(E, "đã phát bài VNeID 2 buổi", M(37, count=2))
R(E, "bài bầu cử quốc hội và hội đồng nhân dân em phát xong rồi", M(31))
R(E, "đã phát bài dịch vụ công trực tuyến", M(36))
R(
    E,
    "Đại hội Đảng bộ tỉnh lần thứ XVIII đã phát 4 buổi, đại hội Mặt trận chưa phát",
    M(32, count=4),
    M(33, False),
)
R(E, "bai sap xep don vi hanh chinh phat 2 buoi roi", M(34, count=2))
R(E, "đã phát bài cử tri", M(31))
R(E, "định phát bài bầu cử vào chủ nhật", M(31, False))
R(E, "bài đại hội phát xong chưa ạ?")
R(E, "thanh toán không dùng tiền mặt phát rồi", M(37))

# ---------------------------------------------------------------- look-alikes (health)
R(H, "đã phát bài bảo hiểm 2 buổi", M((45, 46), count=2))
R(H, "bảo hiểm y tế đã phát", M(45))
R(H, "bhyt phat 3 buoi roi", M(45, count=3))
R(H, "bài dịch tả lợn đã phát 2 buổi, bài dịch gia cầm 1 buổi", M(43, count=2), M(44, count=1))
R(H, "bài dịch bệnh đã phát", M((43, 44)))
R(
    H,
    "sốt xuất huyết chưa phát vì thôn đang phun thuốc muỗi, cán bộ đi cùng",
    M(42, False, reason="thôn đang phun thuốc muỗi, cán bộ đi cùng"),
)
R(
    H,
    "tiêm chủng phát 2 buổi, sốt xuất huyết 2 buổi, bảo hiểm xã hội tự nguyện 1 buổi",
    M(41, count=2),
    M(42, count=2),
    M(46, count=1),
)
R(H, "công văn 66 đã phát", M(45))
R(H, "cv 67 chưa phát do loa hỏng", M(46, False, reason="loa hỏng"))
R(H, "bhxh tu nguyen da phat xong", M(46))
R(H, "đã phát bài tiêm chủng cho trẻ", M(41))
R(H, "phát bài lợn châu phi 3 buổi rồi", M(43, count=3))
R(H, "chưa phát bài sốt xuất huyết", M(42, False))
R(H, "bài gia súc gia cầm phát thêm 1 buổi", M(44, count=1), add=True)
R(H, "bảo hiểm phát rồi", M((45, 46)))
R(H, "đã phát 1501 và 1502 mỗi cái 2 buổi", M(41, count=2), M(42, count=2))

# ---------------------------------------------------------------- big15
R(B, "đã phát công văn 2345 và bài PCCC rừng, mỗi bài 2 buổi", M(11, count=2), M((13, 21), count=2))
R(B, "đã phát bài chống rét cho người dân 3 buổi", M(24, count=3))
R(B, "bài bầu cử 2 buổi, bài đại hội mặt trận 1 buổi, đã phát xong", M(31, count=2), M(33, count=1))
R(B, "bài an toàn giao thông chưa phát vì loa hỏng", M(25, False, reason="loa hỏng"))
R(B, "kế hoạch 113 đã phát 2 buổi", M(15, count=2))
R(B, "đã phát bài sáp nhập thôn", M((13, 35)))

# ---------------------------------------------------------------- Telex leftovers, no keyboard
R(S, "ddax phats baif ddaij hooij 2 buooir", M(4, count=2))
R(S, "chuwa phats baif quy hoachj tinhr vif maats ddieenj", M(1, False, reason="mất điện"))
R(S, "ddax thuwcj hieenj xong keess hoachj 113", M(5))

# ---------------------------------------------------------------- written reports
R(
    S,
    """Kính gửi: Phòng Văn hóa - Xã hội
UBND xã Hoàng Văn Thụ báo cáo kết quả công tác tuyên truyền trên hệ thống loa truyền thanh tuần từ ngày 10/3 đến ngày 16/3/2025 như sau:
1. Kết quả thực hiện
- Tuyên truyền Kế hoạch số 113-KH/TU về công tác xây dựng Đảng, xây dựng hệ thống chính trị: đã phát 4 buổi vào sáng thứ Hai, thứ Tư, thứ Sáu và chiều Chủ nhật.
- Tuyên truyền công tác quản lý bảo vệ, phòng cháy, chữa cháy rừng: đã phát 6 buổi, lồng ghép trong chương trình thời sự buổi sáng.
- Tuyên truyền quy hoạch tỉnh Lạng Sơn thời kỳ 2021 - 2030: đã phát 2 buổi.
2. Nội dung chưa thực hiện
- Tuyên truyền Đại hội đại biểu Đảng bộ tỉnh: chưa phát do chưa nhận được file âm thanh từ Trung tâm.
3. Khó khăn, vướng mắc
- Cụm loa thôn Nà Cạn bị hỏng từ ngày 12/3, đã báo đơn vị sửa chữa nhưng chưa khắc phục được.
- Một số buổi mất điện nên phải phát bù vào buổi chiều.
4. Đề xuất
- Đề nghị cấp trên hỗ trợ kinh phí sửa chữa cụm loa thôn Nà Cạn.
Người báo cáo: Hoàng Thị Lan, công chức Văn hóa - Xã hội.""",
    M(5, count=4),
    M(3, count=6),
    M(1, count=2),
    M(4, False, reason="chưa nhận được file âm thanh từ Trung tâm"),
)
R(
    S,
    """BAO CAO KET QUA TUYEN TRUYEN THANG 3
Xa em bao cao nhu sau:
- bai dai hoi dang bo tinh: da phat 8 buoi (sang 6h, chieu 17h)
- bai cai cach hanh chinh: da phat 4 buoi
- bai xa hoi hoa giao duc y te (chi thi 27): chua phat vi thon Khuoi Phay mat dien 2 tuan
Kho khan: loa thon Na Pan hong, da de nghi sua.
Nguoi bao cao: Ly Van Tuan""",
    M(4, count=8),
    M(3, count=4),
    M(2, False, reason="thon Khuoi Phay mat dien 2 tuan"),
)
R(
    N,
    """Thực hiện Công văn số 2345/STTTT-TTBCXB của Sở Thông tin và Truyền thông, Đài truyền thanh xã Tân Đoàn đã phát 3 buổi tuyên truyền Nghị quyết 67 về lập quy hoạch tỉnh và phong trào toàn dân đoàn kết xây dựng đời sống văn hóa.
Thực hiện Công văn số 2401/STTTT-TTBCXB, đài xã đã phát 5 buổi về cải cách hành chính, sáp nhập thôn và phòng cháy chữa cháy rừng dịp Tết.
Riêng Công văn số 1385/STTTT-TTBCXB về Đại hội Đảng bộ tỉnh, xã chưa phát được vì loa trung tâm đang sửa chữa, dự kiến tuần sau phát bù.
Trân trọng báo cáo.""",
    M(11, count=3),
    M(13, count=5),
    M(14, False, reason="loa trung tâm đang sửa chữa"),
)
R(
    S,
    """Kính gửi các đồng chí, em xin báo cáo tình hình tuần này. Xã em đã thực hiện phát thanh đầy đủ các nội dung được giao trên hệ thống loa truyền thanh, mỗi ngày 2 buổi sáng và chiều, bà con nhân dân theo dõi đầy đủ. Em xin báo cáo để các đồng chí nắm được ạ.""",
    g="done",
)
R(
    S,
    """Dạ em chào anh chị, em là cán bộ văn hóa xã Bình Trung. Tuần này xã em bị mất điện từ thứ hai đến thứ năm do bão, hệ thống loa không hoạt động được nên em chưa phát được nội dung nào ạ. Khi nào có điện trở lại em sẽ phát bù đầy đủ. Em báo cáo để anh chị nắm ạ.""",
    g="not_done",
    gr="Tuần này xã em bị mất điện từ thứ hai đến thứ năm do bão, hệ thống loa không hoạt động được",
)
R(
    E,
    """Báo cáo kết quả tuyên truyền tuần 2 tháng 4:
1) Bầu cử đại biểu Quốc hội và HĐND: phát 6 buổi.
2) Đại hội Đảng bộ tỉnh lần thứ XVIII: phát 4 buổi.
3) Sáp nhập thôn, tổ dân phố: chưa phát, do chưa có nội dung bản tin.
4) Chuyển đổi số, Đề án 06: phát 2 buổi.""",
    M(31, count=6),
    M(32, count=4),
    M(35, False, reason="chưa có nội dung bản tin"),
    M(37, count=2),
)


def _encodings() -> None:
    """Variants typed on old TCVN3 / VNI keyboards and as decomposed Unicode (NFD)."""
    import sys

    sys.path[:0] = [str(HERE), str(HERE.parent.parent)]
    from build_intents import to_tcvn3, to_vni

    picks = [0, 2, 4, 5, 12, 30, 42, 44, 47, 54, 66, 69, 74]
    base = list(ROWS)
    for n, i in enumerate(picks):
        row = base[i]
        text = row["text"]
        if not any(ord(ch) > 127 for ch in text):
            continue
        for kind, convert in (
            ("tcvn3", to_tcvn3),
            ("vni", to_vni),
            ("nfd", lambda t: unicodedata.normalize("NFD", t)),
        ):
            if (n + ("tcvn3", "vni", "nfd").index(kind)) % 2:
                continue
            ROWS.append(dict(row, text=convert(text), variant=kind, id=f"{row['id']}-{kind}"))


def main() -> None:
    for i, row in enumerate(ROWS):
        row["id"] = f"r{i + 1:03d}"
        row["split"] = "holdout" if i % 10 in (2, 5, 8) else "tune"
        row["variant"] = "typed"
    _encodings()
    out = HERE / "reports.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for row in ROWS:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    holdout = sum(r["split"] == "holdout" for r in ROWS)
    print(f"{len(ROWS)} rows ({holdout} held out) → {out}")


if __name__ == "__main__":
    main()
