"""Parsing the text of a Vietnamese official document into a `Directive`.

The parser works on *blocks* (paragraphs rebuilt from lines), finds the header fields
(Số, place and date, V/v, Kính gửi), builds the outline of numbered items (I., 1., 1.1., a))
and keeps as topics the items that say what to broadcast, leaving out the instructions to
units (Đề nghị …, Tổ chức thực hiện, Hình thức tuyên truyền …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from bot.directives.model import Directive, TopicItem
from bot.understanding.fold import fold_plain, is_syllable, nfc

__all__ = ["ParseError", "parse_text"]


class ParseError(ValueError):
    """The text is not recognisable as a directive; the message is Vietnamese."""


# ---------------------------------------------------------------------------- blocks

_MD_NOISE = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|^#{1,6}\s+|\\(?=[.\-()])", re.M)
_ROMAN = re.compile(r"^(?P<m>[IVXL]{1,5})\s*[.)]\s*(?P<t>.*)$")
_NUM3 = re.compile(r"^(?P<m>\d{1,2}\.\d{1,2}\.\d{1,2})\.?\s+(?P<t>\S.*)$")
_NUM2 = re.compile(r"^(?P<m>\d{1,2}\.\d{1,2})\.?\s+(?P<t>\S.*)$")
_NUM1 = re.compile(r"^(?P<m>\d{1,2})\s*[.)]\s+(?P<t>\S.*)$")
_LETTER = re.compile(r"^(?P<m>[a-zđ])\s*\)\s*(?P<t>\S.*)$")
_DASH = re.compile(r"^[-–—•+*]\s*")
_KEYWORD = re.compile(
    r"^(số\s*[:.]|v/v|về việc|kính gửi|nơi nhận|thực hiện|căn cứ|đề nghị|nhận được|trên đây|\(gửi kèm|kt\.|tm\.|q\.)",
    re.I,
)
_TERMINAL = (".", ";", ":", "!", "?", "…", "./.", ")")

_LEVEL = {"roman": 0, "n1": 1, "n2": 2, "n3": 3, "letter": 4}


@dataclass(slots=True)
class Block:
    text: str
    kind: str | None = None  # roman / n1 / n2 / n3 / letter, or None for plain text
    mark: str = ""
    dash: bool = False


def _clean(text: str) -> str:
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\t", " ").replace("\u200b", "")
    text = _MD_NOISE.sub("", text)
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in text.split("\n"))


def _starts_block(line: str) -> bool:
    return bool(
        _ROMAN.match(line)
        or _NUM1.match(line)
        or _NUM2.match(line)
        or _LETTER.match(line)
        or _DASH.match(line)
        or _KEYWORD.match(line)
    )


def _blocks(text: str) -> list[str]:
    """Rebuild paragraphs: hard-wrapped lines are joined, page breaks inside a sentence mended."""
    out: list[str] = []
    heading = True  # the current block starts with a marker or keyword
    blank_before = True
    for line in text.split("\n"):
        if not line:
            blank_before = True
            continue
        starts = _starts_block(line)
        prev = out[-1] if out else ""
        if not out or starts:
            join = False
        elif blank_before:
            open_sentence = not prev.endswith(_TERMINAL)
            long_enough = len(prev) > (200 if heading else 40)
            page_break = open_sentence and long_enough and prev.upper() != prev
            join = (line[0].islower() and open_sentence) or page_break
        else:
            shouting = prev.upper() == prev and line.upper() != line
            join = not shouting and not (
                prev.endswith(_TERMINAL) and (line[0].isupper() or line[0].isdigit())
            )
        if join:
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
            heading = starts
        blank_before = False
    return out


def _classify(text: str) -> Block:
    for kind, pattern in (
        ("roman", _ROMAN),
        ("n3", _NUM3),
        ("n2", _NUM2),
        ("n1", _NUM1),
        ("letter", _LETTER),
    ):
        m = pattern.match(text)
        if m:
            if kind == "roman" and not m.group("t"):
                continue
            return Block(m.group("t").strip(), kind, m.group("m"))
    if _DASH.match(text):
        return Block(_DASH.sub("", text, count=1).strip(), None, "", True)
    return Block(text)


# ---------------------------------------------------------------------------- dates

_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?")
_DMY_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.I)
_DATE_ANY = r"(?:ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?|\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{4})?)"


def _to_iso(text: str, default_year: int | None) -> str | None:
    m = _DMY_WORDS.search(text) or _DMY.search(text)
    if not m:
        return None
    day, month = int(m.group(1)), int(m.group(2))
    year = int(m.group(3)) if m.group(3) else default_year
    if year is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_ISSUED = re.compile(
    r"(?:^|\n)\s*(?P<place>[^\n,:]{2,40}),\s*ngày\s*(?P<d>\d{1,2})?[\s.…_]*tháng\s*(?P<m>\d{1,2})?[\s.…_]*năm\s*(?P<y>\d{4})",
    re.I,
)


def _issued(text: str) -> tuple[str | None, str | None]:
    m = _ISSUED.search(text)
    if not m:
        return None, None
    place = m.group("place").strip(" *") or None
    year, month, day = int(m.group("y")), m.group("m"), m.group("d")
    if month and 1 <= int(month) <= 12:
        if day:
            try:
                return place, date(year, int(month), int(day)).isoformat()
            except ValueError:
                pass
        return place, f"{year:04d}-{int(month):02d}"
    return place, f"{year:04d}"


_PERIOD = re.compile(
    rf"từ\s+(?:(?P<now>nay|ngày\s+ban\s+hành)|(?:ngày\s+)?(?P<a>{_DATE_ANY}))\s*(?:đến|tới|-|–)\s*(?:hết\s+)?(?:ngày\s+)?(?P<b>{_DATE_ANY})",
    re.I,
)
_DUE = re.compile(
    rf"báo\s+cáo[^\n]{{0,240}}?(?:trước|chậm\s+nhất|hạn\s+chót|hạn|trong\s+ngày)\s*(?:là\s*)?(?:(?:\d{{1,2}}\s*(?:h|giờ)\s*\d{{0,2}}(?:\s*phút)?)\s*,?\s*)?(?:ngày\s*)?(?P<d>{_DATE_ANY})",
    re.I,
)


# ---------------------------------------------------------------------------- issuer

_ORG_HEAD = (
    r"(?:Sở|Phòng|Ban|Ủy ban|Uỷ ban|UBND|Trung tâm|Văn phòng|Đài|Cục|Bộ|Hội đồng|HĐND|Tỉnh ủy|Tỉnh uỷ|"
    r"Huyện ủy|Huyện uỷ|Đảng ủy|Đảng uỷ|Công an|Bộ Chỉ huy|Mặt trận|Ủy ban MTTQ|Tỉnh đoàn|Hội)"
)
_REQUEST = re.compile(
    rf"(?:^|[,;:.]\s+)(?P<org>{_ORG_HEAD}\b[^;:.]*?)\s+(?:trân trọng\s+|xin\s+)?(?:đề nghị|yêu cầu|đề xuất|hướng dẫn|thông báo)\b",
)
_SUFFIX_ISSUERS = {
    "STTTT": "Sở Thông tin và Truyền thông",
    "SVHTTDL": "Sở Văn hóa, Thể thao và Du lịch",
    "SVHTT": "Sở Văn hóa và Thể thao",
    "SVHTTTT": "Sở Văn hóa, Thể thao và Truyền thông",
    "SKHCN": "Sở Khoa học và Công nghệ",
    "SNV": "Sở Nội vụ",
    "SGDĐT": "Sở Giáo dục và Đào tạo",
    "SGDDT": "Sở Giáo dục và Đào tạo",
    "SYT": "Sở Y tế",
    "STC": "Sở Tài chính",
    "STP": "Sở Tư pháp",
    "SXD": "Sở Xây dựng",
    "SCT": "Sở Công Thương",
    "STNMT": "Sở Tài nguyên và Môi trường",
    "SNNMT": "Sở Nông nghiệp và Môi trường",
    "SNNPTNT": "Sở Nông nghiệp và Phát triển nông thôn",
    "SGTVT": "Sở Giao thông vận tải",
    "SLĐTBXH": "Sở Lao động - Thương binh và Xã hội",
    "UBND": "Ủy ban nhân dân",
    "VHTT": "Phòng Văn hóa và Thông tin",
    "VHXH": "Phòng Văn hóa - Xã hội",
    "BTGTU": "Ban Tuyên giáo Tỉnh ủy",
    "BTGDVTU": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "BTGHU": "Ban Tuyên giáo Huyện ủy",
    "TU": "Tỉnh ủy",
    "HU": "Huyện ủy",
    "ĐU": "Đảng ủy",
}
_MOTTO = re.compile(r"cộng hòa|cộng hoà|độc lập|tự do|hạnh phúc", re.I)
_HEADER_ORG = re.compile(rf"^{_ORG_HEAD.upper()}\b", re.I)
_PLACE_WORDS = ("tỉnh", "huyện", "xã", "phường", "thành phố", "thị xã", "thị trấn", "quận")
_CAP_AFTER = ("sở", "phòng", "ban", "trung tâm", "đài", "cục", "bộ", "văn phòng", "hội")


def _org_case(upper: str) -> str:
    """'SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH' → 'Sở Văn hóa, Thể thao và Du lịch'."""
    words = upper.split()
    out: list[str] = []
    cap_rest = False
    for i, word in enumerate(words):
        low = word.lower()
        prev = out[-1].lower().rstrip(",") if out else ""
        prev2 = " ".join(w.lower() for w in out[-2:]) if len(out) >= 2 else ""
        if word.isupper() and len(word.strip(",.;")) >= 2 and not is_syllable(word.strip(",.;")):
            out.append(word)  # an acronym: UBND, MTTQ
            continue
        if (
            cap_rest
            or i == 0
            or prev in ("và",)
            or (out and out[-1].endswith(","))
            or prev in _CAP_AFTER
            or prev2 in _CAP_AFTER
        ):
            out.append(low[:1].upper() + low[1:])
        else:
            out.append(low)
        if low in _PLACE_WORDS or prev2 + " " + low in _PLACE_WORDS:
            cap_rest = True
    return " ".join(out)


def _issuer_from_header(header_lines: list[str]) -> str | None:
    orgs = [ln for ln in header_lines if _HEADER_ORG.match(ln) and not _MOTTO.search(ln) and ln.upper() == ln]
    if not orgs:
        return None
    return _org_case(orgs[-1].strip(" *"))


def _issuer_from_number(number: str | None) -> str | None:
    if not number or "/" not in number:
        return None
    suffix = number.split("/", 1)[1]
    for part in re.split(r"[-–]", suffix):
        key = part.strip().upper()
        if key in _SUFFIX_ISSUERS:
            return _SUFFIX_ISSUERS[key]
    return None


def _issuer_from_request(paragraphs: list[str]) -> str | None:
    for para in paragraphs:
        matches = list(_REQUEST.finditer(para))
        if matches:
            org = matches[0].group("org").strip(" ,")
            return org if len(org) <= 120 else None
    return None


# ---------------------------------------------------------------------------- outline and topics

_INSTRUCTION = re.compile(
    r"^(?:đề nghị|yêu cầu|tổ chức thực hiện|triển khai thực hiện|hình thức|phương thức|phân công|trách nhiệm|"
    r"kinh phí|chế độ báo cáo|thời gian thực hiện|mục đích|giao|phối hợp thực hiện|đối tượng|biện pháp tổ chức)",
)
_UNIT_HEADING = re.compile(
    r"^(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân|trung tâm|phòng|các sở|sở|đài|báo|các cơ quan|các đơn vị|"
    r"cơ quan|đơn vị|công an|ban)\b",
)
_CONTENT_SECTION = re.compile(r"nội dung")
_CLOSING = re.compile(r"\./\.\s*$")


@dataclass(slots=True)
class Node:
    block: Block
    children: list[Node] = field(default_factory=list)
    body: list[str] = field(default_factory=list)


def _outline(blocks: list[Block]) -> list[Node]:
    roots: list[Node] = []
    stack: list[Node] = []
    for blk in blocks:
        if blk.kind is None:
            if stack:
                stack[-1].body.append(("- " if blk.dash else "") + blk.text)
            continue
        node = Node(blk)
        level = _LEVEL[blk.kind]
        while stack and _LEVEL[stack[-1].block.kind or "letter"] >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _is_instruction(title: str) -> bool:
    low = title.lower().lstrip('“"( ')
    return bool(_INSTRUCTION.match(low))


def _outside_quotes(text: str, pos: int) -> bool:
    return text.count("“", 0, pos) <= text.count("”", 0, pos) and text.count('"', 0, pos) % 2 == 0


def _split_title(text: str) -> tuple[str, str, bool]:
    """Split an item's first paragraph into (title, rest, rest_is_continuation)."""
    colon = text.find(":")
    if 0 < colon <= 100 and len(text) > colon + 2 and _outside_quotes(text, colon):
        return text[:colon].strip(), text[colon + 1 :].strip(), False
    for m in re.finditer(r";\s|\.\s+(?=[A-ZĐÀ-Ỹ])", text):
        if m.start() > 15 and _outside_quotes(text, m.start()):
            return text[: m.start()].strip(), text[m.end() :].strip(), True
    if len(text) > 240:
        cut = text.rfind(" ", 0, 200)
        return text[:cut].rstrip(" ,") + "…", text[cut:].strip(), True
    return text.rstrip(" .;"), "", False


def _text_of(node: Node) -> str:
    parts = [node.block.text, *node.body]
    for child in node.children:
        parts.append(
            f"{child.block.mark}) {_text_of(child)}"
            if child.block.kind == "letter"
            else f"{child.block.mark}. {_text_of(child)}"
        )
    return "\n\n".join(parts)


def _collect(nodes: list[Node], out: list[tuple[str, str]]) -> None:
    for node in nodes:
        title_src = node.block.text
        if _is_instruction(title_src):
            continue
        if node.children and not (node.block.kind == "roman" and not node.children):
            before = len(out)
            _collect(node.children, out)
            if len(out) > before:
                continue
        if node.block.kind in ("n1",) and _UNIT_HEADING.match(title_src.lower()) and not node.children:
            continue
        title, rest, continued = _split_title(title_src)
        first = title_src if continued else rest
        body = "\n\n".join(p for p in [first, *node.body] if p)
        if node.children:
            body = "\n\n".join(p for p in [body, *(_text_of(c) for c in node.children)] if p)
        out.append((title, body or title_src))


def _topics(body_blocks: list[Block], subject: str | None) -> list[TopicItem]:
    roots = _outline(body_blocks)
    if any(n.block.kind == "roman" for n in roots):
        romans = [n for n in roots if n.block.kind == "roman"]
        content = [n for n in romans if _CONTENT_SECTION.search(n.block.text.lower())]
        scope = content or [n for n in romans if not _is_instruction(n.block.text)]
        nodes = [c for n in scope for c in n.children] or scope
    else:
        nodes = roots
    pairs: list[tuple[str, str]] = []
    _collect(nodes, pairs)
    if not pairs and subject:
        body = "\n\n".join(b.text for b in body_blocks)
        pairs = [(subject[:1].upper() + subject[1:], body)]
    return [TopicItem(i + 1, title, body) for i, (title, body) in enumerate(pairs)]


# ---------------------------------------------------------------------------- references, signer

_REF = re.compile(
    r"\b(?P<k>Nghị quyết|Kế hoạch|Chỉ thị|Công văn|Hướng dẫn|Quyết định|Kết luận|Thông báo|Chương trình phối hợp|"
    r"Chương trình|Thông tư|Nghị định|Quy định|Đề án|Luật|Văn bản)\s+số\s+(?P<n>\d[\w/.\-–]*\w)",
    re.I,
)
_ROLE = re.compile(
    r"giám đốc|trưởng|chủ tịch|bí thư|kt\.|tm\.|q\.|phó|chánh|ủy viên|thủ trưởng|đã ký|\(ký", re.I
)
_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){1,5}$")


def _references(text: str) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for m in _REF.finditer(text):
        kind = m.group("k")
        kind = kind[:1].upper() + kind[1:].lower()
        ref = f"{kind} số {m.group('n')}"
        key = fold_plain(ref)
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


def _signer(lines: list[str]) -> tuple[str | None, int]:
    """The signer's name from the last lines, and how many trailing lines the signature block takes."""
    taken = 0
    for line in reversed(lines[-6:]):
        taken += 1
        clean = line.strip(" *")
        if not clean:
            continue
        if _NAME.match(clean) and not _ROLE.search(clean) and not any(ch.isdigit() for ch in clean):
            name = clean.title() if clean.isupper() else clean
            return name, taken
        if not _ROLE.search(clean):
            return None, 0
    return None, 0


# ---------------------------------------------------------------------------- main entry

_NUMBER = re.compile(r"(?:^|\s)Số\s*[:.]\s*(?P<n>[^\s,]*(?:\s?/\s?\S+)?)", re.I)
_SUBJECT = re.compile(r"^(?:V/v|Về việc)\s*:?\s*(?P<s>.*)$", re.I)
_RECIPIENTS = re.compile(r"^Kính\s+gửi\s*:?\s*(?P<r>.*)$", re.I)
_NOI_NHAN = re.compile(r"^Nơi\s+nhận\s*:?", re.I)


def _split_recipients(text: str) -> list[str]:
    parts = re.split(r";\s*", text)
    return [p.strip(" -;.,") for p in parts if p.strip(" -;.,")]


def parse_text(text: str) -> Directive:
    """Parse the text of a directive. Raises ParseError when nothing of a directive is found."""
    text = _clean(text)
    if not text.strip():
        raise ParseError("Văn bản rỗng, không có nội dung.")
    raw_blocks = _blocks(text)
    result = Directive(text=text.strip())

    subject_idx = next((i for i, b in enumerate(raw_blocks) if _SUBJECT.match(b)), None)
    recip_idx = next((i for i, b in enumerate(raw_blocks[:40]) if _RECIPIENTS.match(b)), None)
    header_end = min(i for i in (subject_idx, recip_idx, len(raw_blocks)) if i is not None)
    lines = text.split("\n")
    header_text = "\n".join(raw_blocks[: header_end + 1])

    m = _NUMBER.search(header_text)
    if m:
        number = m.group("n").strip().strip(".,;")
        result.number = number if number and any(ch.isalnum() for ch in number) else None
    result.place, result.issued_on = _issued("\n".join(lines[:60]))
    if subject_idx is not None:
        subject = _SUBJECT.match(raw_blocks[subject_idx]).group("s").strip()  # type: ignore[union-attr]
        result.subject = subject or None

    body_start = (subject_idx + 1) if subject_idx is not None else 0
    if recip_idx is not None:
        rec = _RECIPIENTS.match(raw_blocks[recip_idx]).group("r")  # type: ignore[union-attr]
        recipients = _split_recipients(rec) if rec else []
        j = recip_idx + 1
        while j < len(raw_blocks) and _DASH.match(raw_blocks[j]):
            recipients.extend(_split_recipients(raw_blocks[j]))
            j += 1
        result.recipients = recipients
        body_start = max(body_start, j)

    end = next(
        (i for i in range(body_start, len(raw_blocks)) if _NOI_NHAN.match(raw_blocks[i])), len(raw_blocks)
    )
    result.signer, _ = _signer([ln for ln in lines if ln])
    _, sig_lines = _signer(raw_blocks[end:] if end < len(raw_blocks) else raw_blocks[-6:])
    if end == len(raw_blocks) and sig_lines:
        end = max(body_start, end - sig_lines)
        while end > body_start and _ROLE.search(raw_blocks[end - 1]) and len(raw_blocks[end - 1]) < 60:
            end -= 1
    body = raw_blocks[body_start:end]
    closing = next((i for i, b in enumerate(body) if _CLOSING.search(b)), None)
    if closing is not None:
        closing_block = _classify(body[closing])
        body = body[: closing + 1] if closing_block.kind is not None else body[:closing]

    header_lines = [ln for ln in text.split("\n")[:40] if ln]
    stop = next(
        (i for i, ln in enumerate(header_lines) if _NUMBER.search(ln) or _SUBJECT.match(ln)),
        len(header_lines),
    )
    blocks = [_classify(b) for b in body]
    preamble = [b.text for b in blocks[: next((i for i, b in enumerate(blocks) if b.kind), len(blocks))]]
    result.issuer = (
        _issuer_from_header(header_lines[:stop])
        or _issuer_from_request(preamble or [b.text for b in blocks[:3]])
        or _issuer_from_number(result.number)
    )

    result.topics = _topics(blocks, result.subject)
    result.references = _references(text)

    year = int(result.issued_on[:4]) if result.issued_on else None
    flat = " ".join(raw_blocks)
    pm = _PERIOD.search(flat)
    if pm:
        result.broadcast_to = _to_iso(pm.group("b"), year)
        b_year = int(result.broadcast_to[:4]) if result.broadcast_to else year
        if pm.group("a"):
            result.broadcast_from = _to_iso(pm.group("a"), b_year)
    due = _DUE.search(flat)
    if due:
        result.report_due = _to_iso(
            due.group("d"), year or (int(result.broadcast_to[:4]) if result.broadcast_to else None)
        )

    if not result.subject and not result.number and not any(n.kind for n in blocks):
        raise ParseError("Không nhận ra công văn: không thấy số, trích yếu (V/v) hay các mục nội dung.")
    return result
