"""Compare a parse (the `parse` contract's JSON object) with the corpus gold, field by field.

Strings are compared after light normalisation only: NFC, one kind of dash, collapsed spaces,
no trailing punctuation, old/new tone placement (hoà = hòa, uỷ = ủy); for the issuer also
"UBND" = "Ủy ban nhân dân". Case matters. A topic list is right when it has as many topics as
the gold and each title opens with the gold title's words (diacritics-insensitive), as
tests/test_seeds.py checks the seeds.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).resolve().parent
FIELDS = (
    "number",
    "issuer",
    "issued_on",
    "subject",
    "topics",
    "broadcast_from",
    "broadcast_to",
    "report_due",
    "signer",
)

_TONE = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}  # fmt: skip


def load_gold() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads((CORPUS_DIR / "gold.json").read_text(encoding="utf-8"))
    return data


def norm(value: str | None) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFC", value)
    for old, new in _TONE.items():
        text = text.replace(old, new).replace(old.capitalize(), new.capitalize())
    text = re.sub(r"[–—‒]", "-", text)
    text = re.sub(r"\s+", " ", text).strip(" .;,")
    return text


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def opening(title: str) -> list[str]:
    words = re.findall(r"\w+", _fold(title))
    while words and re.fullmatch(r"\d+|[ivxl]+|[a-z]", words[0]):
        words.pop(0)
    return words


def topics_match(ours: list[str], gold: list[str]) -> bool:
    if len(ours) != len(gold):
        return False
    for title, expected in zip(ours, gold, strict=True):
        want = opening(expected)
        if opening(title)[: len(want)] != want:
            return False
    return True


def _issuer(value: str | None) -> str | None:
    text = norm(value)
    return re.sub(r"\bUBND\b", "Ủy ban nhân dân", text) if text else text


def check(parsed: dict[str, Any], gold: dict[str, Any]) -> dict[str, bool]:
    """Which of the nine fields the parse got right."""
    out: dict[str, bool] = {}
    for field in FIELDS:
        ours, want = parsed.get(field), gold[field]
        if field == "topics":
            out[field] = topics_match([t["title"] for t in ours or []], want)
        elif field == "number":
            out[field] = (ours or "").replace(" ", "") == (want or "").replace(" ", "")
        elif field == "issuer":
            out[field] = _issuer(ours) == _issuer(want)
        elif field in ("subject", "signer"):
            out[field] = norm(ours) == norm(want)
        else:
            out[field] = ours == want
    return out
