"""Builds tests/data/intents.tsv: the hand-written messages of intents_base.tsv and
intents_holdout.tsv plus, for every
tenth message with marks, the same text as typed on an old TCVN3 (ABC) or VNI keyboard.

Run: python tests/data/build_intents.py
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from bot.lang.fold import _TCVN3, has_marks

HERE = Path(__file__).resolve().parent

_TO_TCVN3 = {v: k for k, v in _TCVN3.items()}
_VNI_TONES = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_HAT_TONE = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE_TONE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def to_tcvn3(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TO_TCVN3:
            out.append(_TO_TCVN3[ch])
        elif ch.lower() in _TO_TCVN3 and ch.lower() != ch:
            out.append(_TO_TCVN3[ch.lower()])  # TCVN3 has no capital toned letters
        else:
            out.append(ch)
    return "".join(out)


def to_vni(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "đĐ":
            out.append("ñ" if ch == "đ" else "Ñ")
            continue
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], parts[1:]
        tone = next((m for m in marks if m in _VNI_TONES), "")
        if base.lower() == "i" and tone:
            out.append(_VNI_I[tone])
        elif "\u0302" in marks:
            out.append(base + _VNI_HAT_TONE[tone])
        elif "\u0306" in marks:
            out.append(base + _VNI_BREVE_TONE[tone])
        elif "\u031b" in marks:
            low = "ô" if base.lower() == "o" else "ö"
            out.append((low if base.islower() else low.upper()) + (_VNI_TONES[tone] if tone else ""))
        elif tone and base.lower() == "y" and tone == "\u0323":
            out.append("î")
        elif tone:
            out.append(base + _VNI_TONES[tone])
        else:
            out.append(ch)
    return "".join(out)


def main() -> None:
    rows = []
    for name, variant in (("intents_base.tsv", "typed"), ("intents_holdout.tsv", "holdout")):
        for line in (HERE / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            text, intent, count = line.split("\t")
            rows.append((text, intent, count, variant))
    marked = [r for r in rows if has_marks(r[0])]
    extra = []
    for i, (text, intent, count, _) in enumerate(marked):
        if i % 5 == 0:
            extra.append((to_tcvn3(text), intent, count, "tcvn3"))
        elif i % 5 == 2:
            extra.append((to_vni(text), intent, count, "vni"))
    lines = ["text\tintent\tcount\tvariant"] + ["\t".join(r) for r in rows + extra]
    (HERE / "intents.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} typed + {len(extra)} legacy-encoded = {len(rows) + len(extra)} messages")


if __name__ == "__main__":
    main()
