"""One topic of a directive as listeners hear it: a heading ("Thứ hai, về …") and framed sentences (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.lang.fold import fold_plain
from bot.services import radio_rules as rules
from bot.services import radio_words as words
from bot.services.radio_rules import Kind

__all__ = ["TopicText", "build_topic", "render_topic", "title_and_body"]

_ORDINALS = [
    "Thứ nhất", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Thứ tám", "Thứ chín",
    "Thứ mười", "Thứ mười một", "Thứ mười hai", "Thứ mười ba", "Thứ mười bốn", "Thứ mười lăm",
    "Thứ mười sáu", "Thứ mười bảy", "Thứ mười tám", "Thứ mười chín", "Thứ hai mươi",
]  # fmt: skip


@dataclass(slots=True)
class TopicText:
    heading: str | None  # "về cải cách hành chính", or a time: "trước Đại hội …"
    timed: bool
    sentences: list[tuple[Kind, str]]  # framed, first letter lowercase unless a plain statement


_TIMED = re.compile(r"^(?:trước|trong|sau|từ|khi|ngay|đến|vào|dịp)\b", re.IGNORECASE)
_ACTION_HEAD = re.compile(r"^(?:tiếp tục|nâng cao|phát huy|tăng cường|đẩy mạnh|đổi mới)\b", re.IGNORECASE)
_TOPIC_FRAMES = (
    "bà con cần nắm được {}",
    "cùng với đó là {}",
    "bà con cũng cần biết {}",
    "bên cạnh đó là {}",
)


def title_and_body(title: str, body: str) -> tuple[str, str]:
    """The full title (parsers cut long ones with '…') and the body without the title repeated."""
    title, body = title.strip(), body.strip()
    if title.endswith("…") and body.startswith(title[:-1].strip()):
        title = re.split(r"[;\n]|\.(?:\s|$)", body, maxsplit=1)[0].strip()
    if body.lower().startswith(title.lower()) and re.match(r"\s*(?:$|[.;:\n])", body[len(title) :]):
        body = body[len(title) :].lstrip(" .;:,\n")
    return title, body


def _heading(title: str) -> tuple[str | None, bool]:
    text, acted = rules.strip_opener(rules.tidy(title).rstrip(".:;"))
    if acted:
        text = re.sub(r"^(?:triển khai thực hiện|triển khai|thực hiện)\s+", "", text)
    text = re.sub(r"^về\s+", "", rules.without_inner_acts(text), flags=re.IGNORECASE).strip(" ,;:.")
    kept: list[str] = []
    for part in words.split_outside_quotes(text, ","):
        if rules.drop_reason(part):
            break
        kept.append(part)
    text = ", ".join(kept)
    if not text or len(text.split()) < 2:
        return None, False
    if _TIMED.match(text):
        return words.lower_first(text), True
    if re.fullmatch(
        r"(?:khuyến cáo|lời khuyên|lưu ý|hướng dẫn)(?: (?:đối với|cho|tới|với))?(?: người dân| nhân dân| bà con)?",
        text,
        re.I,
    ):
        return "", False  # the advice itself follows: "Thứ hai, bà con lưu ý …"
    return ("về việc " if _ACTION_HEAD.match(text) else "về ") + words.lower_first(text), False


_IMPORTANCE = re.compile(
    r"^(?:ý nghĩa|vai trò|tầm quan trọng|mục tiêu|mục đích|những quan điểm|quan điểm|vị trí|nội dung|sự cần thiết|"
    r"lợi ích|tác hại|nguy cơ|trách nhiệm|quyền|nghĩa vụ|những|các)\b",
    re.IGNORECASE,
)


_ACTION = re.compile(
    r"^(?:xây dựng|phát triển|thực hành|bảo vệ|giữ gìn|phòng|chống|sử dụng|tham gia|chấp hành|thực hiện|"
    r"tiếp tục|nâng cao|phát huy|tăng cường|đẩy mạnh|bảo đảm|đảm bảo|củng cố|đổi mới|hoàn thiện)\b",
    re.IGNORECASE,
)


def _frame(kind: Kind, parts: list[str], subject: str, n_topic: int) -> str:
    """One sentence for listeners from the clauses of one sentence of the directive."""
    parts = [p.strip(" ,;:.") for p in parts]
    if kind is Kind.TOPIC:
        return _TOPIC_FRAMES[n_topic % len(_TOPIC_FRAMES)].format(
            "; ".join(words.lower_first(rules.as_noun(p)) for p in parts)
        )
    if kind is Kind.AWARE:
        nouns = [
            ("tầm quan trọng của việc " if i == 0 else "việc ") + words.lower_first(p)
            if _ACTION.match(p) and not _IMPORTANCE.match(p)
            else words.lower_first(p)
            for i, p in enumerate(parts)
        ]
        return "mỗi người dân cần hiểu rõ " + "; ".join(nouns)
    if kind is Kind.STUDY:
        return "bà con hãy cùng học tập, noi theo " + "; ".join(words.lower_first(p) for p in parts)
    text = "; ".join(words.lower_first(p) for p in parts)
    if kind is Kind.CALL:
        who = words.lower_first(subject)
        if re.match(r"^(?:không|chớ|đừng)\b", text):
            return f"{who} lưu ý {text}"
        if re.match(r"^(?:đã|khi|nếu|trường hợp|lúc)\b", text):
            return f"{who} lưu ý: {text}"
        if re.match(r"^(?:nên|cần|phải|hãy|tuyệt đối|luôn)\b", text):
            return f"{who} {text}"
        return f"{who} hãy {text}"
    return words.upper_first(text)


def build_topic(title: str, body: str, said: set[str] | None = None) -> TopicText | None:
    """A topic for listeners, or None when it is about how officials work; `said` collects the clauses
    already read out in the script so none is read twice."""
    if rules.is_procedural_title(title):
        return None
    said = set() if said is None else said
    title, body = title_and_body(title, body)
    heading, timed = _heading(title)
    sentences: list[tuple[Kind, str]] = []
    call = rules.classify(title, None)
    if call is not None and call.kind is Kind.CALL:  # "Vận động Nhân dân đón Tết …": the heading is the call
        heading, timed = "", False
        sentences.append((Kind.CALL, _frame(Kind.CALL, [call.text], call.subject, 0)))
    n_topic = 0
    for key, group in _grouped(rules.clauses_of(body)):
        kind, subject = key
        parts = [c.text for c in group if len(c.text.split()) < 5 or fold_plain(c.text) not in said]
        said.update(fold_plain(p) for p in parts)
        if not parts:
            continue
        # "Tuyên truyền về CCHC" under the heading "về cải cách hành chính" says nothing new
        if heading and kind is Kind.TOPIC:
            parts = [p for p in parts if fold_plain(p) not in fold_plain(heading)]
            if not parts:
                continue
        sentences.append((kind, _frame(kind, parts, subject, n_topic)))
        n_topic += kind is Kind.TOPIC
    if not heading and not sentences:
        return None
    return TopicText(heading, timed, sentences)


def _grouped(clauses: list[rules.Clause]) -> list[tuple[tuple[Kind, str], list[rules.Clause]]]:
    """Consecutive clauses of one sentence and one kind become one sentence."""
    out: list[tuple[tuple[Kind, str], list[rules.Clause]]] = []
    for c in clauses:
        if out and out[-1][0] == (c.kind, c.subject) and out[-1][1][-1].sentence == c.sentence:
            out[-1][1].append(c)
        else:
            out.append(((c.kind, c.subject), [c]))
    return out


def _cut(sentence: str, limit: int | None) -> str:
    return words.shorten(sentence, limit) if limit else sentence


def render_topic(
    t: TopicText,
    index: int,
    count: int,
    limit: int | None = None,
    first_only: bool = False,
    lead_only: bool = False,
) -> str:
    sentences = [] if lead_only else t.sentences[:1] if first_only else t.sentences
    heading = _cut(t.heading, limit) if t.heading else t.heading
    ordinal = _ORDINALS[index] if count > 1 and index < len(_ORDINALS) else None
    if heading and t.timed:
        lead: str | None = words.upper_first(heading)
    elif heading:
        lead = f"{ordinal}, {heading}" if ordinal else words.upper_first(heading)
    else:
        lead = ordinal if heading == "" and sentences and sentences[0][0] is not Kind.SAY else None
    out: list[str] = []
    for i, (kind, text) in enumerate(sentences):
        text = _cut(text, limit)
        if i == 0 and lead and kind is not Kind.SAY:
            out.append(f"{lead}, {text}")
            lead = None
        else:
            out.append(words.upper_first(text))
    if lead:
        out.insert(0, lead)
    return " ".join(s.rstrip(" ,;:.") + "." for s in out)
