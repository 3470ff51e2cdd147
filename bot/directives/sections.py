"""The body of a directive: paragraphs rebuilt from lines, the outline of numbered items, the topics.

Rules for topics, as a reader applies them:

- A topic is an item that says what to broadcast. Procedural sections are never topics: "Đề
  nghị …", "Tổ chức thực hiện", "Thời gian, tần suất", "Thời gian và hình thức", "Thời gian
  tuyên truyền", "Hình thức …", "Chế độ báo cáo", "Giao Sở …", "Kinh phí" and the like.
- An item addressed to a unit ("UBND các xã", "Phòng Văn hóa - Xã hội", "Đối với các cơ quan
  báo chí") is not a topic itself; a heading that only announces content ("Nội dung tuyên
  truyền", "Nội dung khác") is not either: the items under such headings are the topics.
- Under a numbered topic, lettered sub-items (a, b, c) are part of that topic, not topics.
- A heading with commas ("Phòng, chống rét cho người") is a topic like any other: "Phòng"
  names a unit only when a proper name follows it ("Phòng Văn hóa …").
- With Roman-numbered sections, topics come from the "Nội dung …" section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.directives.dates import PLACE_DATE, report_due
from bot.directives.model import TopicItem
from bot.lang.fold import nfc

__all__ = ["MOTTO", "Block", "classify", "clean", "is_standalone", "paragraphs", "topics"]

# ---------------------------------------------------------------------------- cleaning and paragraphs

_MD_NOISE = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|^#{1,6}\s+|\\(?=[.\-()])", re.M)
_ROMAN = re.compile(r"^(?P<m>[IVXL]{1,5})\s*[.)]\s*(?P<t>\S.*)$")
_NUM3 = re.compile(r"^(?P<m>\d{1,2}\.\d{1,2}\.\d{1,2})\.?\s+(?P<t>\S.*)$")
_NUM2 = re.compile(r"^(?P<m>\d{1,2}\.\d{1,2})\.?\s+(?P<t>\S.*)$")
_NUM1 = re.compile(r"^(?P<m>\d{1,2})\s*[.)]\s+(?P<t>\S.*)$")
_LETTER = re.compile(r"^(?P<m>[a-zđ])\s*\)\s*(?P<t>\S.*)$")
_DASH = re.compile(r"^[-–—•+*]\s*")
_KEYWORD = re.compile(
    r"^(số\s*(?:[:.]|(?<=Số)\s*[\d/]|(?<=SỐ)\s*[\d/])|v/v|về việc|kính gửi|nơi nhận|thực hiện|căn cứ|đề nghị|nhận được|trên đây|\(gửi kèm|"
    r"kt\.|k/t|tm\.|t/m|q\.)",
    re.I,
)
MOTTO = re.compile(
    r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|"
    r"(?:Độc|ĐỘC)\s+(?:lập|LẬP)\s*[-–—]\s*(?:Tự|TỰ)\s+(?:do|DO)\s*[-–—]\s*(?:Hạnh|HẠNH)\s+(?:phúc|PHÚC)",
)  # Quốc hiệu, the Party's name, Tiêu ngữ: always written so in a header
_DOC_TYPE = re.compile(r"^(?:KẾ HOẠCH|HƯỚNG DẪN|THÔNG BÁO|CHƯƠNG TRÌNH|ĐỀ CƯƠNG|CÔNG VĂN|BÁO CÁO)$")
_PLACE_LINE = re.compile(rf"^[^,:;]{{2,40}}{PLACE_DATE.pattern}\s*$", re.I)
_PAGE_NUMBER = re.compile(r"^(?:[-–]\s*)?\d{1,3}(?:\s*[-–])?$|^Trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?$", re.I)
_TERMINAL = (".", ";", ":", "!", "?", "…", "./.", ")")
_LEVEL = {"roman": 0, "n1": 1, "n2": 2, "n3": 3, "letter": 4}


@dataclass(slots=True)
class Block:
    text: str
    kind: str | None = None  # roman / n1 / n2 / n3 / letter, or None for plain text
    mark: str = ""
    dash: bool = False


def clean(text: str) -> str:
    """NFC, one kind of space, no markdown left over from conversions, form feeds as line breaks."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u00a0", " ").replace("\t", " ").replace("\u200b", "")
    text = _MD_NOISE.sub("", text)
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in text.split("\n"))


def is_standalone(line: str) -> bool:
    """Header lines that are a paragraph of their own: Quốc hiệu, Tiêu ngữ, place and date, "KẾ HOẠCH"."""
    stripped = line.strip(" *")
    if not stripped:
        return True
    if len(stripped) > 90:
        return False
    if stripped.isupper():
        return bool(MOTTO.fullmatch(stripped) or _DOC_TYPE.match(stripped))
    if "ngày" in stripped:
        return bool(_PLACE_LINE.match(stripped) and stripped[:1].isupper())
    return bool(MOTTO.fullmatch(stripped))


def _is_item(line: str) -> bool:
    return bool(_ROMAN.match(line) or _NUM1.match(line) or _NUM2.match(line) or _LETTER.match(line))


def _starts_block(line: str, standalone: bool) -> bool:
    keyword = bool(_KEYWORD.match(line)) and not line[0].islower()
    return bool(standalone or _is_item(line) or _DASH.match(line) or keyword)


def _layout(lines: list[str]) -> tuple[int, bool]:
    """The usual length of a full line, and whether the text is hard-wrapped (a PDF's text is:
    most of its lines are about that long)."""
    sizes = sorted(len(line) for line in lines if len(line) >= 30)
    if len(sizes) < 5:
        return 80, False
    width = sizes[int(len(sizes) * 0.9)]
    full = sum(1 for n in sizes if n >= 0.8 * width)
    return width, width <= 130 and full >= 0.4 * len(sizes)


def paragraphs(text: str) -> list[str]:
    """Rebuild paragraphs: hard-wrapped lines are joined, page breaks (and page numbers) inside a
    sentence mended, and a short heading line is not run into the text that follows it."""
    lines = text.split("\n")
    width, wrapped = _layout(lines)
    out: list[str] = []
    heading = True  # the current block starts with a marker or keyword
    item = False  # the current block is a numbered or lettered item
    last = ""  # the last physical line of the current block
    blank_before = True
    after_standalone = False
    for line in lines:
        if not line or _PAGE_NUMBER.match(line):
            blank_before = True
            continue
        standalone = is_standalone(line)
        starts = _starts_block(line, standalone) or after_standalone
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
            # a line was broken by the wrap when the next word would not have fit on it
            full = len(last) + 1 + len(line.split(" ", 1)[0]) > (0.9 if wrapped else 0.7) * width
            join = not shouting and not (
                prev.endswith(_TERMINAL) and (line[0].isupper() or line[0].isdigit())
            )
            if not join and wrapped and full and prev.endswith((",", ";")):
                join = True  # "… của tỉnh;" / "80% người dân …": one sentence wrapped
            if join and item and line[0].isupper() and not full:
                join = False  # "1. Trước Đại hội" on its own line, its text on the next
        if join:
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
            heading = starts
            item = _is_item(line)
        last = line
        after_standalone = standalone
        blank_before = False
    return out


def classify(text: str) -> Block:
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


# ---------------------------------------------------------------------------- outline and topics

_INSTRUCTION = re.compile(
    r"^(?:đề nghị|kiến nghị|yêu cầu|tổ chức thực hiện|triển khai thực hiện|hình thức|phương thức|phân công|"
    r"trách nhiệm|kinh phí|chế độ báo cáo|báo cáo kết quả|chế độ thông tin|tần suất|mục đích|đối tượng|"
    r"phối hợp thực hiện|biện pháp tổ chức|"
    r"giao\s+(?:cho\s+)?(?:sở|ban|phòng|ubnd|ủy ban|uỷ ban|trung tâm|công an|các|đài)\b|"
    r"thời gian(?:\s*[,:;.]|\s+(?:và|tuyên truyền|thực hiện|phát|tần suất|triển khai|báo cáo)\b|\s*$))",
)
_ADDRESSEE = re.compile(
    r"^(?:đài (?:truyền thanh|phát thanh)|cơ quan|đơn vị|đối với|cấp ủy|cấp uỷ|"
    r"trưởng (?:các )?(?:thôn|khu|tổ)|các (?:sở|ban|ngành|cơ quan|đơn vị|xã|phường|thị trấn|thôn|khu phố|"
    r"tổ dân phố|trường|đảng ủy|đảng uỷ|chi bộ|huyện|địa phương|đoàn thể|đài|trung tâm|phòng)\b)",
)
_ORG_WORDS = (
    "ubnd", "ủy ban", "uỷ ban", "trung tâm", "phòng", "sở", "đài", "báo", "công an", "ban", "văn phòng",
    "hội", "chi cục", "hạt", "bộ chỉ huy", "đoàn",
)  # fmt: skip
_UNIT_AFTER = ("các ", "cấp ", "nhân dân", "xã", "phường", "tỉnh", "huyện", "thành phố", "thị trấn")
_CONTAINER = re.compile(r"^(?:nội dung|các nội dung|một số nội dung|đối với)")
_CONTENT_SECTION = re.compile(r"nội dung")
_CONTENT_LIST = re.compile(r"^(?:nội dung|các nội dung|một số nội dung)")


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


def _lower(title: str) -> str:
    """The opening of a title in lower case (rules look at how a title opens)."""
    return title[:100].lower().lstrip('“"( ')


def _is_instruction(title: str) -> bool:
    return bool(_INSTRUCTION.match(_lower(title)))


def _is_unit_heading(title: str) -> bool:
    """An item addressed to a unit: "UBND các xã", "Phòng Văn hóa - Xã hội", "Trưởng các thôn"."""
    low = _lower(title)
    if _ADDRESSEE.match(low):
        return True
    for head in _ORG_WORDS:
        if low.startswith(head + " "):
            rest = title.lstrip('“"( ')[len(head) + 1 :].lstrip()
            return bool(rest) and (rest[0].isupper() or rest.lower().startswith(_UNIT_AFTER))
    return False


def _is_container(title: str) -> bool:
    return bool(_CONTAINER.match(_lower(title))) or _is_unit_heading(title) or title.rstrip().endswith(":")


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


_PROCEDURE = re.compile(
    r"^(?:tần suất|đợt cao điểm|hạn báo cáo|thời hạn|chế độ báo cáo|báo cáo kết quả|kết quả thực hiện|"
    r"nhận được|trên đây|trân trọng)",
)


_TO_PEOPLE = re.compile(
    r"(?:đề nghị|yêu cầu)\s+(?:toàn thể\s+)?(?:nhân dân|bà con|người dân|các hộ|mọi người|hộ gia đình|cử tri)"
)  # "Đề nghị bà con …" is what to tell listeners, not an instruction to units


def _content(paragraphs: list[str]) -> list[str]:
    """A topic's paragraphs up to the first that is about procedure (when to broadcast, whom to
    report to and by when): those close the document, they are not part of the topic."""
    out: list[str] = []
    for para in paragraphs:
        low = _lower(para)
        if (
            not para.startswith("- ")
            and not _TO_PEOPLE.match(low)
            and (_PROCEDURE.match(low) or _is_instruction(para) or report_due([para], 2000))
        ):
            break
        out.append(para)
    return out


def _text_of(node: Node) -> str:
    parts = [node.block.text, *_content(node.body)]
    for child in node.children:
        sep = ")" if child.block.kind == "letter" else "."
        parts.append(f"{child.block.mark}{sep} {_text_of(child)}")
    return "\n\n".join(parts)


def _collect(nodes: list[Node], out: list[tuple[str, str]]) -> None:
    for node in nodes:
        title_src = node.block.text
        if _is_instruction(title_src):
            continue
        kids = node.children
        lettered_only = bool(kids) and all(k.block.kind == "letter" for k in kids)
        if kids and (node.block.kind == "roman" or _is_container(title_src) or not lettered_only):
            before = len(out)
            _collect(kids, out)
            if len(out) > before:
                continue
        if node.block.kind == "n1" and _is_unit_heading(title_src) and not kids:
            continue
        dashes = [p[2:] for p in _content(node.body) if p.startswith("- ")]
        if (
            not kids
            and len(dashes) >= 2
            and (node.block.kind == "roman" or _CONTENT_LIST.match(_lower(title_src)))
        ):
            for item in dashes:  # "NỘI DUNG TUYÊN TRUYỀN" then "- …" items: each item is a topic
                out.append((_split_title(item)[0], item))
            continue
        title, rest, continued = _split_title(title_src)
        first = title_src if continued else rest
        body = "\n\n".join(p for p in [first, *_content(node.body)] if p)
        if kids:
            body = "\n\n".join(p for p in [body, *(_text_of(c) for c in kids)] if p)
        out.append((title, body or title_src))


def topics(body_blocks: list[Block], subject: str | None) -> list[TopicItem]:
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
