"""Turning a topic into a short announcement to read on the commune loudspeaker."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot import texts
from bot.db.models import Directive, Topic

__all__ = ["RadioText", "radio_text", "reading_seconds"]

WORDS_PER_SECOND = 2.3  # a calm announcer's pace on the loudspeaker, Vietnamese syllables


@dataclass(slots=True)
class RadioText:
    title: str
    text: str
    seconds: int

    @property
    def duration(self) -> str:
        m, s = divmod(self.seconds, 60)
        if not m:
            return texts.RADIO_SECONDS.format(s=s)
        if s < 10:
            return texts.RADIO_MINUTES.format(m=m)
        return texts.RADIO_MINUTES_SECONDS.format(m=m, s=s)


def reading_seconds(text: str) -> int:
    words = len(re.findall(r"\w+", text))
    return max(5, round(words / WORDS_PER_SECOND))


def _sentences(body: str) -> list[str]:
    out = []
    for para in body.split("\n"):
        para = re.sub(r"^\s*[-–•+]\s*", "", para).strip()
        para = re.sub(r"\s*\((?:Gửi kèm|gửi kèm)[^)]*\)\.?", "", para)
        if not para:
            continue
        para = para[:1].upper() + para[1:]
        if not para.endswith((".", "!", "?", "…")):
            para += "."
        out.append(para)
    return out


def _lower_first(title: str) -> str:
    words = title.split()
    if words and not words[0].isupper():
        words[0] = words[0].lower()
    return " ".join(words).rstrip(".;:")


def _unit_in_sentence(name: str) -> str:
    """'Xã Thất Khê' → 'xã Thất Khê' (the kind of unit is a common noun inside a sentence)."""
    for kind in ("Xã ", "Phường ", "Đặc khu ", "Thị trấn "):
        if name.startswith(kind):
            return kind.lower() + name[len(kind) :]
    return name


def radio_text(directive: Directive, topic: Topic, unit_name: str) -> RadioText:
    """A ready-to-read announcement for one topic: greeting, source, content, closing."""
    unit_name = _unit_in_sentence(unit_name)
    issuer = directive.issuer or texts.RADIO_DEFAULT_ISSUER
    number = (directive.number or "").strip()
    reference = (
        texts.RADIO_REFERENCE.format(number=number, issuer=issuer)
        if number and any(ch.isdigit() for ch in number.split("/")[0])
        else texts.RADIO_REFERENCE_NO_NUMBER.format(issuer=issuer)
    )
    title = _lower_first(topic.title.rstrip("…"))
    body = topic.body if topic.body.strip() != topic.title.strip() else ""
    parts = [
        texts.RADIO_OPEN,
        texts.RADIO_INTRO.format(reference=reference, unit=unit_name, title=title),
        *_sentences(body),
        texts.RADIO_CLOSE.format(unit=unit_name, title=title),
    ]
    text = "\n\n".join(parts)
    return RadioText(topic.title, text, reading_seconds(text))
