"""Rules that turn a directive's official prose into sentences for listeners (pure, no I/O).

A directive speaks to officials ("Đẩy mạnh tuyên truyền …", "Đề nghị UBND các xã …"); a bản tin
speaks to villagers. Each clause of a topic is cleaned (abbreviations spelled out, dates of
referenced documents and attachments dropped), stripped of the act of propagandising
("Tập trung tuyên truyền …" → what it is about), dropped when it is an instruction to officials,
and classified so the writer can frame it for listeners ("Bà con cần nắm được …",
"Bà con hãy …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from bot.lang.fold import fold_plain
from bot.services.radio_words import lower_first, split_outside_quotes

__all__ = [
    "DOC_KINDS",
    "Clause",
    "Kind",
    "as_noun",
    "classify",
    "clauses_of",
    "drop_reason",
    "is_procedural_title",
    "strip_opener",
    "tidy",
    "to_listeners",
    "without_inner_acts",
]

_ABBREVIATIONS = {
    "CCHC": "cải cách hành chính",
    "TTHC": "thủ tục hành chính",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "PCCCR": "phòng cháy, chữa cháy rừng",
    "PCCC": "phòng cháy, chữa cháy",
    "ATGT": "an toàn giao thông",
    "TTATGT": "trật tự an toàn giao thông",
    "ANTT": "an ninh trật tự",
    "MTTQ": "Mặt trận Tổ quốc",
    "KT-XH": "kinh tế - xã hội",
    "ATTP": "an toàn thực phẩm",
    "ATVSTP": "an toàn vệ sinh thực phẩm",
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "CSGT": "cảnh sát giao thông",
    "NTM": "nông thôn mới",
    "DTLCP": "dịch tả lợn châu Phi",
    "ĐBQH": "đại biểu Quốc hội",
    "TNGT": "tai nạn giao thông",
}
_ABBR_RE = re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, _ABBREVIATIONS)) + r")(?![\w/-])")

DOC_KINDS = (
    "Nghị quyết|Kế hoạch|Chỉ thị|Kết luận|Quyết định|Hướng dẫn|Thông báo|Công văn|Chương trình phối hợp|"
    "Chương trình|Nghị định|Thông tư|Luật|Quy định|Đề án|Công điện"
)
_DOC_DATE = re.compile(r"(\bsố\s+[\w./-]+)\s*,?\s*ngày\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}")
_ATTACHMENT = re.compile(r"\s*\([^()]*(?:kèm|gửi|phụ lục|chi tiết tại)[^()]*\)", re.IGNORECASE)
_ELLIPSIS = re.compile(r"\s*,?\s*(?:\.{3}|…)(?=\s*[\w“(])")
_TRAILING_ELLIPSIS = re.compile(r"\s*,?\s*(?:\.{2,}|…)\s*$")


def tidy(text: str) -> str:
    """Spell out abbreviations; drop attachments, ellipses and the dates of referenced documents."""
    text = _ATTACHMENT.sub("", text)
    text = _DOC_DATE.sub(r"\1", text)
    text = _ABBR_RE.sub(lambda m: _ABBREVIATIONS[m.group(1)], text)
    text = _ELLIPSIS.sub("", text)
    text = _TRAILING_ELLIPSIS.sub("", text)
    text = re.sub(r"\s+([,;:.])", r"\1", text)
    return re.sub(r"[ \t]+", " ", text).strip()


# ---------------------------------------------------------------------------- what officials are told

_OFFICIAL = re.compile(
    r"đề nghị|tham mưu|báo cáo (?:kết quả|về|tình hình|định kỳ|sơ kết|tổng kết|bằng văn bản|nhanh)"
    r"|gửi (?:báo cáo|kết quả|về)|kết quả (?:thực hiện )?(?:gửi|báo cáo)"
    r"|\d+\s*(?:buổi|lần|lượt|tin|bài|đợt)\s*/\s*(?:ngày|tuần|tháng)|buổi/ngày|tần suất|thời lượng|phát sóng"
    r"|đài truyền thanh|đài phát thanh|truyền thanh cơ sở|hệ thống loa|loa truyền thanh|cổng thông tin"
    r"|trang thông tin điện tử|màn hình led|fanpage|chuyên mục|chuyên trang|tin,? bài|băng rôn|khẩu hiệu"
    r"|pa ?nô|áp phích|cơ quan báo chí|báo chí|ấn phẩm|tài liệu tuyên truyền"
    r"|(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân) các|các (?:cơ quan|đơn vị|sở|ban, ngành|phòng|địa phương)"
    r"|cơ quan, đơn vị|phòng văn hóa|phòng văn hoá|trung tâm văn hóa|trung tâm văn hoá"
    r"|cấp ủy|cấp uỷ|ban tuyên giáo|ban chỉ đạo|tiểu ban"
    r"|nắm (?:và dự báo |bắt )?tình hình|tình hình tư tưởng|dư luận xã hội|định hướng dư luận"
    r"|phối hợp(?: chặt chẽ)? (?:với|giữa)|chỉ đạo (?:các|triển khai|thực hiện)|phân công|quán triệt"
    r"|(?:xây dựng|ban hành) kế hoạch|kinh phí|bố trí|đôn đốc|kiểm tra, giám sát việc|sơ kết"
    r"|hướng dẫn số|công văn (?:số|này)|văn bản này|gửi kèm|vnpt|ioffice|e-?mail|thư điện tử"
    r"|trước ngày \d|cán bộ, công chức|công chức, viên chức|tổ chức thực hiện"
    r"|(?:hình thức|phương thức|thời gian|nội dung) tuyên truyền|thời gian, tần suất|thời gian thực hiện",
    re.IGNORECASE,
)


def drop_reason(clause: str) -> str | None:
    """The officials' phrase that makes a clause unfit for listeners, or None."""
    m = _OFFICIAL.search(clause)
    return m.group(0) if m else None


_PROCEDURAL_TITLE = re.compile(
    r"^(?:\d+[.)]\s*)?(?:thời gian|tần suất|hình thức|phương thức|tổ chức thực hiện|kinh phí|chế độ báo cáo"
    r"|báo cáo|trách nhiệm|phân công|đề nghị|đối với (?:các|cơ quan)|yêu cầu|mục đích|nhiệm vụ của"
    r"|các cơ quan|ủy ban nhân dân các|ubnd các)",
    re.IGNORECASE,
)


def is_procedural_title(title: str) -> bool:
    """A section about how officials should work ("Thời gian, tần suất", "Tổ chức thực hiện")."""
    return bool(_PROCEDURAL_TITLE.match(title.strip()))


# ---------------------------------------------------------------------------- the act of propagandising

_ACT = (
    r"tuyên truyền|phổ biến|quán triệt|giới thiệu|phản ánh|nêu bật|biểu dương|cập nhật|thông tin|truyền thông"
    r"|giáo dục chính trị, tư tưởng|giáo dục"
)
_MANNER = (
    r"tiếp tục|tập trung|đẩy mạnh|tăng cường|tích cực|chú trọng|thường xuyên|kịp thời|sâu rộng|rõ nét|"
    r"rộng rãi|đồng bộ|có hiệu quả|hiệu quả|liên tục|nâng cao hiệu quả|nâng cao chất lượng|và|công tác|"
    r"cùng với đó|bên cạnh đó|đồng thời|làm tốt"
)
_OPENER_TOKEN = re.compile(rf"^(?:(?P<act>{_ACT})|{_MANNER})(?=[\s,:;]|$)[\s,:;]*", re.IGNORECASE)
_PEOPLE = r"(?:Nhân dân|nhân dân|người dân|bà con(?: nhân dân)?|quần chúng nhân dân|cộng đồng)"
_AUDIENCE = re.compile(
    r"^(?:đến|tới|cho|trong)\s+(?:toàn thể |đông đảo |các tầng lớp |mọi |đông đảo các tầng lớp )?"
    r"(?:(?:cán bộ|công chức|viên chức|đảng viên|hội viên|đoàn viên|người lao động|học sinh|sinh viên|"
    rf"doanh nghiệp|du khách)[,\s]+(?:và\s+)?)*{_PEOPLE}"
    r"(?:\s+trên địa bàn(?:\s+(?:toàn\s+)?(?:tỉnh|huyện|xã|phường|thành phố)(?:\s+[A-ZĐÂÊÔƠƯ]\w*)*)?)?"
    r"[\s,]*(?:về\s+)?",
)


def strip_opener(clause: str) -> tuple[str, bool]:
    """'Đẩy mạnh tuyên truyền, phổ biến đến Nhân dân về X' → ('X', True); other clauses unchanged."""
    rest, acted = clause.strip(), False
    while True:
        m = _OPENER_TOKEN.match(rest)
        if not m or m.end() == 0:
            break
        acted = acted or bool(m.group("act"))
        rest = rest[m.end() :]
    if not acted:
        return clause.strip(), False
    rest = _AUDIENCE.sub("", rest, count=1)
    rest = re.sub(r"^(?:về|các nội dung về|nội dung về)\s+", "", rest, flags=re.IGNORECASE)
    return rest.strip(" ,;:"), True


_INNER_ACT = re.compile(
    r"(?:thông tin,\s*)?tuyên truyền(?:,\s*(?:phổ biến|vận động|quán triệt))*\s+(?:về\s+)?", re.IGNORECASE
)


def without_inner_acts(text: str) -> str:
    """'gắn với tuyên truyền các chương trình' → 'gắn với các chương trình'; '… tổ chức thực hiện X' → '… thực hiện X'."""
    text = re.sub(r"(?<=\S )tổ chức thực hiện", "thực hiện", _INNER_ACT.sub("", text))
    return re.sub(r"\s{2,}", " ", text).strip()


# ---------------------------------------------------------------------------- classified clauses


class Kind(Enum):
    TOPIC = "topic"  # a thing to know: framed "Bà con cần nắm được …"
    AWARE = "aware"  # why it matters: "Mỗi người dân cần hiểu rõ …"
    CALL = "call"  # what to do: "Bà con hãy …"
    STUDY = "study"  # examples to follow: "Bà con hãy cùng học tập …"
    SAY = "say"  # a plain statement, read as it is


@dataclass(slots=True)
class Clause:
    kind: Kind
    text: str
    subject: str = "Bà con"  # who is asked to act (CALL)
    sentence: int = 0  # which sentence of the body it came from (clauses of one sentence are joined)


_AWARE = re.compile(
    r"^(?:để\s+)?(?:nâng cao\s+)?(?:nhận thức(?:\s+sâu sắc|\s+rõ|\s+đầy đủ|\s+đúng)?|ý thức|hiểu rõ|hiểu đúng|"
    r"nắm vững|nắm rõ|nắm được|tinh thần trách nhiệm|trách nhiệm)"
    r"(?:[,\s]+(?:và\s+)?(?:nhận thức|ý thức|tinh thần trách nhiệm|trách nhiệm|hiểu biết))*"
    rf"(?:\s+(?:của|cho)\s+(?:các tầng lớp |mọi |toàn thể )?{_PEOPLE})?"
    r"(?:\s+(?:về|đối với|trong)\s+|(?:(?<=sâu sắc)|(?<=hiểu rõ)|(?<=nắm vững)|(?<=nắm rõ)|(?<=nắm được))\s+)",
    re.IGNORECASE,
)
_AWARE_PEOPLE = re.compile(
    rf"^(?:để|giúp|cho)\s+(?:mọi |mỗi )?{_PEOPLE}\s+(?:hiểu rõ|hiểu đúng|nắm rõ|nắm được|biết|nhận thức rõ)\s+(?:về\s+)?",
    re.IGNORECASE,
)
_CALL = re.compile(
    r"^(?P<verb>vận động|kêu gọi|khuyến khích|khuyến cáo|hướng dẫn|nhắc nhở|động viên)\s+"
    r"(?P<who>(?:các tầng lớp |mọi |toàn thể |các )?(?:Nhân dân|nhân dân|người dân|bà con(?: nhân dân)?|"
    r"hộ gia đình|các hộ gia đình|các hộ|hộ chăn nuôi|các hộ chăn nuôi|người chăn nuôi|nông dân|chủ rừng|"
    r"các chủ rừng|người tham gia giao thông|cử tri|mọi người|tổ chức, cá nhân|các tổ chức, cá nhân|"
    r"phụ huynh|học sinh)(?:\s+trên địa bàn(?:\s+\w+)?)?\s*)?",
    re.IGNORECASE,
)
_ADVICE = re.compile(
    r"^(?:không|tuyệt đối|chủ động|thường xuyên|hạn chế|nên|cần|phải|chớ|đừng|luôn)\b", re.IGNORECASE
)
_STUDY = re.compile(
    r"^(?:những |các )?(?:tấm gương|gương|điển hình|mô hình hay|nhân tố mới|cách làm hay)", re.I
)
_ENFORCE = re.compile(
    r"^(?:chủ động\s+)?(?:phát hiện,\s*)?(?:ngăn chặn(?:,|\s+và)\s*)?xử lý(?:\s+nghiêm)?(?:\s+kịp thời)?\s+"
    r"(?:các|mọi|những)\s+(?P<what>hành vi|trường hợp|vụ việc)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_PEOPLE_ACT = re.compile(
    r"(?:^|(?<=, )|(?<=; ))(?:người dân|nhân dân|các hộ dân|hộ dân)\s+"
    r"(?=(?:cần|nên|phải|hãy|không|báo|liên hệ|chủ động|tuyệt đối|được|có thể)\b)",
    re.IGNORECASE,
)


def to_listeners(text: str) -> str:
    """'người dân cần …' → 'bà con cần …' (the listeners are spoken to, not about)."""
    return _PEOPLE_ACT.sub("bà con ", text)


def _call_subject(who: str) -> str:
    w = fold_plain(who)
    if "to chuc" in w:
        return "Các tổ chức, cá nhân và bà con"
    if "chan nuoi" in w:
        return "Các hộ chăn nuôi"
    if "ho" in w.split():
        return "Các hộ gia đình"
    if "chu rung" in w:
        return "Các chủ rừng và bà con"
    if "giao thong" in w:
        return "Bà con khi tham gia giao thông"
    if "cu tri" in w:
        return "Bà con cử tri"
    if "phu huynh" in w or "hoc sinh" in w:
        return "Các bậc phụ huynh"
    return "Bà con"


def classify(clause: str, previous: Clause | None) -> Clause | None:
    """Turn one clause into something for listeners, or None when it is meant for officials."""
    text, acted = strip_opener(tidy(clause))
    text = without_inner_acts(text).strip(" ,;:.")
    if not text or len(text.split()) < 2 or drop_reason(text):
        return None
    m = _CALL.match(text)
    if m and (m.group("who") or m.group("verb").lower() in ("vận động", "kêu gọi", "khuyến cáo")):
        rest = text[m.end() :].strip()
        if len(rest.split()) >= 2:
            verb = m.group("verb").lower()
            advice = verb == "khuyến cáo" and not re.match(
                r"(?:không|tuyệt đối|chớ|đừng|khi|nếu|đã|nên|cần)\b", rest
            )
            return Clause(Kind.CALL, "nên " + rest if advice else rest, _call_subject(m.group("who") or ""))
    m = _AWARE.match(text) or _AWARE_PEOPLE.match(text)
    if m and len(text[m.end() :].split()) >= 2:
        return Clause(Kind.AWARE, text[m.end() :])
    if acted and re.match(r"^(?:ý nghĩa|tầm quan trọng|vai trò)\b", text, re.IGNORECASE):
        return Clause(Kind.AWARE, text)
    m = _ENFORCE.match(text)
    if m:
        return Clause(
            Kind.SAY, f"Mọi {m.group('what').lower()} {m.group('rest')} sẽ bị xử lý nghiêm theo quy định"
        )
    if acted and _ADVICE.match(text):  # "Tuyên truyền không sử dụng bếp than …": advice to people
        return Clause(Kind.CALL, text)
    if acted:
        return Clause(Kind.STUDY if _STUDY.match(text) else Kind.TOPIC, text)
    if previous is not None and previous.kind in (Kind.TOPIC, Kind.AWARE, Kind.CALL, Kind.STUDY):
        return Clause(previous.kind, text, previous.subject)  # the list goes on after ';'
    return Clause(Kind.SAY, to_listeners(text))


_NOUN_START = re.compile(r"^(?:các|những|việc|kết quả|tình hình|lịch sử|quá trình)\b", re.IGNORECASE)
# Goals written as verbs ("Nâng cao năng lực …", "Kiên quyết ngăn chặn …"): things to know about.
_GOAL_VERB = re.compile(
    r"^(?:nâng cao|tăng cường|đánh giá|kiên quyết|đổi mới|thắt chặt|phát huy|xây dựng|hoàn thiện|củng cố|"
    r"tiếp tục|tích cực đấu tranh|đấu tranh|giữ vững|khơi dậy|siết chặt|"
    r"khảo sát|nhân rộng|huy động|lấy ý kiến|rà soát|ban hành|tự phê bình|tạo chuyển biến)\b",
    re.IGNORECASE,
)
_NOUNABLE = re.compile(r"^(?:triển khai|thực hiện|bảo đảm|đảm bảo|phát hiện)\b", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-–•+*]|[a-zđ]\)|\d+(?:\.\d+)*[.)])\s*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[“\"(]?[A-ZĐÀ-Ỹ])")
_AWARE_SPLIT = re.compile(r",\s*(?=(?:nhằm |để )?nâng cao nhận thức)")


def _parts(sentence: str) -> list[str]:
    parts: list[str] = []
    for part in split_outside_quotes(sentence.strip().rstrip(".")):
        parts.extend(p for p in _AWARE_SPLIT.split(part) if p.strip())
    return parts


def clauses_of(body: str) -> list[Clause]:
    """Every clause of a topic's body fit for listeners, in order, tagged with its sentence."""
    out: list[Clause] = []
    sentence_no = 0
    last: Clause | None = None
    for para in body.split("\n"):
        para = tidy(_BULLET.sub("", para))
        if not para:
            continue
        for sentence in _SENTENCE_END.split(para):
            sentence_no += 1
            previous: Clause | None = None
            for i, part in enumerate(_parts(sentence)):
                opened = strip_opener(part)[1]
                item = classify(part, previous)
                if item is None:
                    if i == 0 and not opened:
                        break  # an instruction to officials: the rest of the sentence goes with it
                    continue
                if previous is None and i > 0 and not opened and item.kind is Kind.SAY:
                    continue  # the tail of a list whose head was dropped
                continued = previous is None and last is not None and last.kind is Kind.TOPIC
                if item.kind is Kind.SAY and continued and _NOUN_START.match(item.text):
                    item.kind = Kind.TOPIC  # a list of things to know goes on in a verbless sentence
                if item.kind is Kind.SAY and _GOAL_VERB.match(item.text):
                    item.kind = Kind.TOPIC
                item.sentence = sentence_no
                out.append(item)
                previous = last = item
    return out


def as_noun(text: str) -> str:
    """'triển khai thực hiện X' → 'việc triển khai thực hiện X' (a thing to know, not an order)."""
    text = text.strip()
    return f"việc {lower_first(text)}" if _GOAL_VERB.match(text) or _NOUNABLE.match(text) else text
