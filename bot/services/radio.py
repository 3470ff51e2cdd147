"""The bản tin: one script per directive, written for listeners of the commune loudspeaker (pure).

`write_script(RadioSource, unit_name)` → `RadioScript`: a greeting from the commune's own
station, what the directive is about, what people should know or do topic by topic (in the
second person plural), and a proper closing. What the directive tells officials is dropped
(`bot.services.radio_rules`). Reading time is estimated at `WORDS_PER_MINUTE` (125 syllables a
minute, one syllable = one word); a script longer than five minutes also gets a short version
of one to three minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from bot import texts
from bot.lang.fold import fold_plain
from bot.services import radio_rules as rules
from bot.services import radio_words as words
from bot.services.radio_rules import Kind
from bot.services.radio_topics import TopicText, build_topic, render_topic
from bot.services.radio_words import WORDS_PER_MINUTE, reading_seconds

if TYPE_CHECKING:
    from bot.db import models
    from bot.directives import Directive as ParsedDirective

__all__ = [
    "LONG_SECONDS",
    "SHORT_SECONDS",
    "WORDS_PER_MINUTE",
    "RadioScript",
    "RadioSource",
    "format_duration",
    "reading_seconds",
    "station_name",
    "write_script",
]

LONG_SECONDS = 300  # past five minutes a short version is written too
SHORT_SECONDS = 180  # … which aims at one to three minutes
MIN_SECONDS = 60


def _iso(value: date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


@dataclass(frozen=True, slots=True)
class RadioSource:
    """What the writer needs from a directive, parsed from a file or loaded from the database."""

    number: str | None
    issuer: str | None
    issued_on: str | None
    subject: str | None
    topics: tuple[tuple[int, str, str], ...]  # (ordinal, title, body)
    place: str | None = None
    broadcast_from: str | None = None
    broadcast_to: str | None = None

    @classmethod
    def from_parsed(cls, d: ParsedDirective) -> RadioSource:
        return cls(
            d.number, d.issuer, d.issued_on, d.subject,
            tuple((t.ordinal, t.title, t.body) for t in d.topics),
            d.place, d.broadcast_from, d.broadcast_to,
        )  # fmt: skip

    @classmethod
    def from_model(cls, d: models.Directive) -> RadioSource:
        """From the database row; its `topics` must be loaded (selectinload)."""
        return cls(
            d.number, d.issuer, d.issued_on, d.subject,
            tuple((t.ordinal, t.title, t.body) for t in sorted(d.topics, key=lambda t: t.ordinal)),
            d.place, _iso(d.broadcast_from), _iso(d.broadcast_to),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class RadioScript:
    """The bản tin: `text` is the full version; `short_text` exists when the full one runs past 5 minutes."""

    title: str
    station: str
    text: str
    seconds: int
    short_text: str | None = None
    short_seconds: int | None = None

    @property
    def on_air_text(self) -> str:
        """The version to read on air: the full one when it fits in five minutes, else the short one."""
        return self.short_text or self.text

    @property
    def on_air_seconds(self) -> int:
        return self.short_seconds or self.seconds

    def to_contract(self, file: str, full: bool = False) -> dict[str, Any]:
        """The `radio --json` object: {file, title, text, seconds} (the on-air version unless `full`)."""
        if full:
            return {"file": file, "title": self.title, "text": self.text, "seconds": self.seconds}
        return {"file": file, "title": self.title, "text": self.on_air_text, "seconds": self.on_air_seconds}


def format_duration(seconds: int) -> str:
    m, s = divmod(seconds, 60)
    if not m:
        return texts.RADIO_SECONDS.format(s=s)
    if s < 10:
        return texts.RADIO_MINUTES.format(m=m)
    return texts.RADIO_MINUTES_SECONDS.format(m=m, s=s)


# ---------------------------------------------------------------------------- the unit and its station

_KINDS = ("Xã ", "Phường ", "Đặc khu ", "Thị trấn ")


def _unit_in_sentence(name: str) -> str:
    """'Xã Thất Khê' → 'xã Thất Khê' (the kind of unit is a common noun inside a sentence)."""
    name = " ".join(name.split())
    for kind in _KINDS:
        if name.startswith(kind) or name.lower().startswith(kind.lower()):
            return kind.lower() + name[len(kind) :]
    return name


def station_name(unit_name: str) -> str:
    """'Phường Đông Kinh' → 'Đài Truyền thanh phường Đông Kinh'."""
    return f"Đài Truyền thanh {_unit_in_sentence(unit_name)}"


def _area(unit_name: str) -> str:
    """The kind of unit as listeners call it: 'xã', 'phường', 'đặc khu'."""
    unit = _unit_in_sentence(unit_name)
    return next((k.strip().lower() for k in _KINDS if unit.startswith(k.lower())), "địa phương")


# ---------------------------------------------------------------------------- what the directive is about

_DOC = re.compile(
    rf"^(?:(?:Kế hoạch|Chương trình) (?:thực hiện|triển khai) )?(?:{rules.DOC_KINDS}) số [\w./-]+"
    r"(?P<org> của .+?)?(?: về (?P<about>.+))?$"
)
_SUBJECT_LEAD = re.compile(r"^(?:V/v\s+)?(?:(?:triển khai|tiếp tục|thực hiện)\s+)+", re.IGNORECASE)
_CONGRESS = re.compile(
    r"Đại hội (?:đại biểu |đại biểu toàn quốc )?(?:Đảng bộ|Đoàn|Hội|Công đoàn|Mặt trận|toàn quốc|Phụ nữ)"
    r"[^,;.:()]*?lần thứ [IVXLC]+(?: của Đảng)?"
)
_BARE_CONGRESS = re.compile(
    r"\bĐại hội\b(?! (?:đại biểu|Đảng|lần thứ|Đoàn|Hội|Công đoàn|thể dục|toàn quốc|Mặt trận|Phụ nữ|[IVXLC]+\b))"
)


def _clean_item(item: str) -> str:
    item, _ = rules.strip_opener(rules.tidy(item))
    item = _SUBJECT_LEAD.sub("", item)
    item, _ = rules.strip_opener(item)
    item = re.sub(r"^(?:tăng cường|đẩy mạnh|tập trung|tiếp tục)\s+", "", item, flags=re.IGNORECASE)
    return rules.without_inner_acts(item).strip(" ,;:.")


def subject_items(subject: str | None) -> list[str]:
    """'tuyên truyền: thực hiện Nghị quyết …; thực hiện Phong trào …' → ['Nghị quyết …', 'Phong trào …']."""
    if not subject:
        return []
    items = [_clean_item(p) for p in words.split_outside_quotes(rules.tidy(subject).rstrip("."))]
    return [words.lower_first(i) for i in items if i and not rules.drop_reason(i)]


def _issuer(source: RadioSource) -> str:
    issuer = rules.tidy(source.issuer or "") or "cấp trên"
    place = (source.place or "").strip()
    if place and fold_plain(place) not in fold_plain(issuer):
        if issuer.endswith(" tỉnh"):
            issuer += f" {place}"  # "Ủy ban nhân dân tỉnh Lạng Sơn", "Công an tỉnh Lạng Sơn"
        elif issuer.startswith("Sở "):
            issuer += f" tỉnh {place}"
    return issuer


_NUMBER_KINDS = (
    ("KH", "Kế hoạch"), ("HD", "Hướng dẫn"), ("TB", "Thông báo"), ("CĐ", "Công điện"), ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"), ("NQ", "Nghị quyết"), ("KL", "Kết luận"), ("CTr", "Chương trình"),
)  # fmt: skip


def _doc_kind(number: str) -> str:
    """'113-KH/TU' → 'Kế hoạch', '45-HD/BTGDVTU' → 'Hướng dẫn', '2150/UBND-KT' → 'Công văn'."""
    codes = re.split(r"[-/]", number)[1:2]
    return next((kind for code, kind in _NUMBER_KINDS if code in codes), "Công văn")


def _intro(source: RadioSource, items: list[str], area: str, topics: list[TopicText]) -> str:
    who = f"Đài Truyền thanh {area}"
    doc = _DOC.match(items[0]) if len(items) == 1 else None
    if doc and doc.group("about"):
        return f"Thực hiện {items[0]}, {who} xin thông tin tới bà con những nội dung chính sau đây."
    number = (source.number or "").strip()
    if re.match(r"^\d", number):
        cause = f"{_doc_kind(number)} số {number} của {_issuer(source)}"
    else:
        cause = f"chỉ đạo của {_issuer(source)}"
    if not items:
        items = [t.heading.removeprefix("về ") for t in topics if t.heading][:1]
    if not items:
        return f"Thực hiện {cause}, {who} xin thông tin tới bà con những nội dung sau đây."
    if len(items) == 1:
        about = f"về {items[0]}"
    else:  # each is told in full under its own heading: here, a short preview
        short = [words.shorten(_without_org(i), max(12, 48 // len(items))) for i in items]
        about = (
            f"{_COUNT.get(len(items), str(len(items)))} nội dung: "
            + "; ".join(short[:-1])
            + f"; và {short[-1]}"
        )
    return f"Thực hiện {cause}, {who} xin thông tin tới bà con {about}."


def _without_org(item: str) -> str:
    """'Nghị quyết số 67-NQ/TU của Ban Thường vụ Tỉnh ủy về X' → 'Nghị quyết số 67-NQ/TU về X'."""
    m = _DOC.match(item)
    return item[: m.start("org")] + item[m.end("org") :] if m and m.group("org") else item


_COUNT = {2: "hai", 3: "ba", 4: "bốn", 5: "năm", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín", 10: "mười"}


def _name_congress(paragraphs: list[str], source: RadioSource) -> list[str]:
    """In the topics, the first bare 'Đại hội' names which one ('trước Đại hội' → 'trước Đại hội … lần thứ XVII')."""
    paragraphs = list(paragraphs)
    pool = " ".join([source.subject or "", *(f"{t} {b}" for _, t, b in source.topics)])
    m = _CONGRESS.search(pool)
    if not m:
        return paragraphs
    full = m.group(0)
    for i, p in enumerate(paragraphs):
        if full in p:
            return paragraphs
        if _BARE_CONGRESS.search(p):
            paragraphs[i] = _BARE_CONGRESS.sub(full, p, count=1)
            return paragraphs
    return paragraphs


# ---------------------------------------------------------------------------- the script


def _closing_about(items: list[str]) -> str:
    """'về Nghị quyết số 67-NQ/TU của Ban Thường vụ Tỉnh ủy và Phong trào …'."""
    if not items:
        return "những nội dung trên"
    if len(items) == 1:
        return f"về {words.shorten(items[0], 30)}"
    names = []
    for item in items:
        m = _DOC.match(item)
        names.append(words.shorten(item[: m.start("about") - 4] if m and m.group("about") else item, 14))
    return "về " + "; ".join(names[:-1]) + f" và {names[-1]}"


def write_script(source: RadioSource, unit_name: str) -> RadioScript:
    """One bản tin for the whole directive, read by the station of `unit_name` ('Xã Thất Khê')."""
    station, area = station_name(unit_name), _area(unit_name)
    items = subject_items(source.subject)
    said: set[str] = set()
    topics = [t for _, title, body in source.topics if (t := build_topic(title, body, said))]
    greeting = f"{station} xin kính chào bà con nhân dân trong {area}!"
    intro = _intro(source, items, area, topics)
    about = _closing_about(items)
    acts = any(kind is Kind.CALL for t in topics for kind, _ in t.sentences)
    ask = (
        "Rất mong bà con quan tâm theo dõi, hưởng ứng và cùng thực hiện."
        if acts
        else "Rất mong bà con quan tâm theo dõi."
    )
    closing = f"{station} vừa thông tin tới bà con {about}. {ask} Xin cảm ơn bà con đã lắng nghe."

    def compose(body: list[str]) -> str:
        return "\n\n".join([greeting, intro, *_name_congress([b for b in body if b], source), closing])

    body = [render_topic(t, i, len(topics)) for i, t in enumerate(topics)]
    text = compose(body)
    seconds = reading_seconds(text)
    if seconds < MIN_SECONDS and body:
        again = compose([*body, f"Đài Truyền thanh {area} xin nhắc lại: " + " ".join(body)])
        if reading_seconds(again) <= LONG_SECONDS:
            text, seconds = again, reading_seconds(again)
    if items:
        title = "; ".join(words.shorten(i, 30 // len(items) + 6) for i in items)
    else:
        title = next((t.heading.removeprefix("về ") for t in topics if t.heading), "Bản tin")
    if seconds <= LONG_SECONDS:
        return RadioScript(words.upper_first(title), station, text, seconds)
    short = _short(topics, compose, area)
    return RadioScript(words.upper_first(title), station, text, seconds, short, reading_seconds(short))


def _short(topics: list[TopicText], compose: Any, area: str) -> str:
    """One to three minutes: each topic's lead and first sentence, then leads alone, cut shorter, then fewer."""
    n = len(topics)
    text = ""
    for limit, lead_only in ((30, False), (20, False), (16, True), (12, True), (8, True)):
        body = [
            render_topic(
                t, i, n, limit, first_only=True, lead_only=lead_only and bool(t.heading) and not t.timed
            )
            for i, t in enumerate(topics)
        ]
        text = compose(body)
        if reading_seconds(text) <= SHORT_SECONDS:
            return str(text)
    keep = n
    while keep > 3 and reading_seconds(text) > SHORT_SECONDS:
        keep -= 1
        body = [
            render_topic(t, i, n, 8, first_only=True, lead_only=True) for i, t in enumerate(topics[:keep])
        ]
        text = compose(
            [*body, f"Cùng một số nội dung khác, bà con có thể hỏi thêm cán bộ văn hóa của {area}."]
        )
    return str(text)
