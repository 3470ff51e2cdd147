"""Parsing the text of a Vietnamese official document into a `Directive`.

The parser works on *blocks* (paragraphs rebuilt from lines): it finds the header fields
(Số, place and date, V/v, Kính gửi) — see `header` —, builds the outline of numbered items
(I., 1., 1.1., a)) and keeps as topics the items that say what to broadcast, leaving out the
instructions to units — see `sections` —, and reads the broadcast period and the report
deadline — see `dates`.
"""

from __future__ import annotations

import re

from bot.directives import header as hdr
from bot.directives.dates import issued, period, report_due
from bot.directives.model import Directive
from bot.directives.sections import classify, clean, paragraphs, topics

__all__ = ["ParseError", "parse_text"]

_DASH = re.compile(r"^[-–—•+*]\s*")
_CLOSING = re.compile(r"\./\.\s*$")
_ROLE_LINE = re.compile(r"giám đốc|trưởng|chủ tịch|bí thư|kt\.|k/t|tm\.|t/m|q\.|phó|chánh|đã ký", re.I)
_DOC_TYPE = re.compile(r"^(?:KẾ HOẠCH|HƯỚNG DẪN|THÔNG BÁO|CHƯƠNG TRÌNH|ĐỀ CƯƠNG)$")


class ParseError(ValueError):
    """The text is not recognisable as a directive; the message is Vietnamese."""


def _subject(blocks: list[str]) -> tuple[int | None, str | None]:
    """The block holding the subject and the subject: after "V/v", else a plan's title."""
    for i, block in enumerate(blocks):
        m = hdr.SUBJECT.match(block)
        if m:
            return i, m.group("s").strip() or None
    for i, block in enumerate(blocks[:40]):
        if _DOC_TYPE.match(block.strip(" *")) and i + 1 < len(blocks):
            title = blocks[i + 1]
            if title[:1].isupper() and not title.isupper() and classify(title).kind is None:
                return i + 1, title.strip(" .")
    return None, None


def parse_text(text: str) -> Directive:
    """Parse the text of a directive. Raises ParseError when nothing of a directive is found."""
    text = hdr.split_columns(clean(text))
    if not text.strip():
        raise ParseError("Văn bản rỗng, không có nội dung.")
    raw_blocks = paragraphs(text)
    result = Directive(text=text.strip())

    subject_idx, result.subject = _subject(raw_blocks)
    recip_idx = next((i for i, b in enumerate(raw_blocks[:40]) if hdr.RECIPIENTS.match(b)), None)
    header_end = min(i for i in (subject_idx, recip_idx, len(raw_blocks)) if i is not None)
    lines = text.split("\n")
    result.number = hdr.number("\n".join(raw_blocks[: header_end + 1]))
    result.place, result.issued_on = issued("\n".join(lines[:60]))

    body_start = (subject_idx + 1) if subject_idx is not None else 0
    if recip_idx is not None:
        rec = hdr.RECIPIENTS.match(raw_blocks[recip_idx]).group("r")  # type: ignore[union-attr]
        recipients = hdr.split_recipients(rec) if rec else []
        j = recip_idx + 1
        while j < len(raw_blocks) and _DASH.match(raw_blocks[j]):
            recipients.extend(hdr.split_recipients(raw_blocks[j]))
            j += 1
        result.recipients = recipients
        body_start = max(body_start, j)

    end = next(
        (i for i in range(body_start, len(raw_blocks)) if hdr.NOI_NHAN.match(raw_blocks[i])), len(raw_blocks)
    )
    result.signer = hdr.signer(lines)
    if end == len(raw_blocks):
        sig = hdr.signature_length(raw_blocks[-6:])
        if sig:
            end = max(body_start, end - sig)
            while (
                end > body_start and _ROLE_LINE.search(raw_blocks[end - 1]) and len(raw_blocks[end - 1]) < 60
            ):
                end -= 1
    body = raw_blocks[body_start:end]
    closing = next((i for i, b in enumerate(body) if _CLOSING.search(b)), None)
    if closing is not None:
        body = body[: closing + 1] if classify(body[closing]).kind is not None else body[:closing]

    header_lines = [ln for ln in lines[:40] if ln]
    stop = next(
        (i for i, ln in enumerate(header_lines) if hdr.is_number_line(ln) or hdr.SUBJECT.match(ln)),
        len(header_lines),
    )
    blocks = [classify(b) for b in body]
    preamble = [b.text for b in blocks[: next((i for i, b in enumerate(blocks) if b.kind), len(blocks))]]
    result.issuer = (
        hdr.issuer_from_header(header_lines[:stop])
        or hdr.issuer_from_request(preamble or [b.text for b in blocks[:3]])
        or hdr.issuer_from_number(result.number)
    )

    result.topics = topics(blocks, result.subject)
    result.references = hdr.references(text)

    year = int(result.issued_on[:4]) if result.issued_on else None
    result.broadcast_from, result.broadcast_to = period(raw_blocks, year)
    due_year = year or (int(result.broadcast_to[:4]) if result.broadcast_to else None)
    result.report_due = report_due(raw_blocks, due_year)

    if not result.subject and not result.number and not any(b.kind for b in blocks):
        raise ParseError("Không nhận ra công văn: không thấy số, trích yếu (V/v) hay các mục nội dung.")
    return result
