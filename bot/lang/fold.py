"""Folding Vietnamese text to a comparable, mark-free form.

`fold()` is what user text goes through: legacy encodings (TCVN3, VNI) repaired, Telex
leftovers rewritten when a word is not a Vietnamese syllable, marks removed (đ → d),
lowercase, punctuation dropped, chat abbreviations expanded. `fold_plain()` is the lighter
form for documents (no Telex or abbreviation guessing).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

__all__ = [
    "ABBREVIATIONS",
    "fold",
    "fold_plain",
    "has_marks",
    "is_syllable",
    "nfc",
    "repair_encoding",
    "strip_marks",
    "telex_to_unicode",
    "tokens",
]

# ---------------------------------------------------------------------------- marks

_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_COMBINING = re.compile(r"[\u0300-\u036f]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=65536)
def _strip_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.translate(_D_MAP))
    return _COMBINING.sub("", decomposed).lower()


def strip_marks(text: str) -> str:
    """Remove tone and vowel marks, map đ/Đ to d, lowercase. Keeps punctuation and spacing."""
    if text.isascii():
        return text.lower()
    return " ".join(_strip_word(part) for part in text.split(" "))


def has_marks(text: str) -> bool:
    """True when the text carries any Vietnamese mark (so it was typed with a Vietnamese keyboard)."""
    return not text.isascii() and strip_marks(text) != text.lower()


# ---------------------------------------------------------------------------- legacy encodings

_TCVN3 = {
    "¸": "á", "µ": "à", "¶": "ả", "·": "ã", "¹": "ạ",
    "¨": "ă", "¾": "ắ", "»": "ằ", "¼": "ẳ", "½": "ẵ", "Æ": "ặ",
    "©": "â", "Ê": "ấ", "Ç": "ầ", "È": "ẩ", "É": "ẫ", "Ë": "ậ",
    "®": "đ", "Ð": "é", "Ì": "è", "Î": "ẻ", "Ï": "ẽ", "Ñ": "ẹ",
    "ª": "ê", "Õ": "ế", "Ò": "ề", "Ó": "ể", "Ô": "ễ", "Ö": "ệ",
    "Ý": "í", "×": "ì", "Ø": "ỉ", "Ü": "ĩ", "Þ": "ị",
    "ã": "ó", "ß": "ò", "á": "ỏ", "â": "õ", "ä": "ọ",
    "«": "ô", "è": "ố", "å": "ồ", "æ": "ổ", "ç": "ỗ", "é": "ộ",
    "¬": "ơ", "í": "ớ", "ê": "ờ", "ë": "ở", "ì": "ỡ", "î": "ợ",
    "ó": "ú", "ï": "ù", "ñ": "ủ", "ò": "ũ", "ô": "ụ",
    "\xad": "ư", "ø": "ứ", "õ": "ừ", "ö": "ử", "÷": "ữ", "ù": "ự",
    "ý": "ý", "ú": "ỳ", "û": "ỷ", "ü": "ỹ", "þ": "ỵ",
    "¡": "Ă", "¢": "Â", "§": "Đ", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư",
}  # fmt: skip
_TCVN3_TABLE = str.maketrans(_TCVN3)

# VNI Windows: a base letter followed by a mark character.
_VNI_TONE = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
_VNI_SINGLE = {
    "ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
    "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ",
}  # fmt: skip
_VNI_MARKS = "".join({**_VNI_TONE, **_VNI_HAT, **_VNI_BREVE})
_VNI_PAIR = re.compile(
    "([aeiouyAEIOUYôöÔÖ])(["
    + re.escape(_VNI_MARKS + _VNI_MARKS.upper())
    + "])|["
    + re.escape("".join(_VNI_SINGLE))
    + "]"
)

_VIET_LETTERS = set(
    "aàáảãạăằắẳẵặâầấẩẫậbcdđðeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵfjwz"
)


def _foreign_count(text: str) -> int:
    """Letters and symbols from the Latin-1 block that Vietnamese never uses."""
    return sum(1 for ch in text if ord(ch) > 0x7F and ch.lower() not in _VIET_LETTERS and ch.isprintable())


def _decode_vni(text: str) -> str:
    def pair(match: re.Match[str]) -> str:
        if match.group(1) is None:
            return _VNI_SINGLE.get(match.group(0), match.group(0))
        base, mark = match.group(1), match.group(2)
        low_mark = mark.lower()
        base_u = _VNI_SINGLE.get(base, base)
        low = base_u.lower()
        if low_mark in _VNI_TONE and mark in (low_mark, low_mark.upper()):
            return nfc(base_u + _VNI_TONE[low_mark])
        if low in "aeo" and low_mark in _VNI_HAT:
            return nfc(base_u + "\u0302" + _VNI_HAT[low_mark])
        if low == "a" and low_mark in _VNI_BREVE:
            return nfc(base_u + "\u0306" + _VNI_BREVE[low_mark])
        return base_u + _VNI_SINGLE.get(mark, mark)

    return _VNI_PAIR.sub(pair, text)


def repair_encoding(text: str) -> str:
    """Repair text typed or pasted in the old TCVN3 (ABC) or VNI encodings; other text is returned as is."""
    if text.isascii():
        return text
    if _foreign_count(text) == 0 and all(is_syllable(w) for w in tokens(text) if not w.isascii()):
        return text

    def score(candidate: str) -> tuple[int, int]:
        marked = [w for w in tokens(candidate) if not w.isascii()]
        return _foreign_count(candidate), sum(1 for w in marked if is_syllable(w))

    foreign, valid = score(text)
    margin = max(1, len([w for w in tokens(text) if not w.isascii()]) // 10)
    best = text
    for candidate in (_decode_vni(text), text.translate(_TCVN3_TABLE)):
        cand_foreign, cand_valid = score(candidate)
        if cand_foreign < foreign or (cand_foreign == foreign and cand_valid >= valid + margin):
            best, foreign, valid = candidate, cand_foreign, cand_valid
    return nfc(best)


# ---------------------------------------------------------------------------- syllables and Telex

_ONSET = r"(?:ngh|ch|gh|gi|kh|ng|nh|ph|qu|th|tr|[bcdghklmnprstvx])?"
# A nucleus ending in a semivowel (ai, ao, iêu …) takes no final consonant.
_OPEN_NUCLEUS = r"(?:oai|oay|oeo|uay|uya|uyu|ieu|yeu|uoi|uou|ai|ao|au|ay|eo|eu|ia|iu|oi|ui|uu)"
_CLOSED_NUCLEUS = r"(?:uye|ie|ye|uo|oa|oe|oo|ua|ue|uy|a|e|i|o|u|y)"
_CODA = r"(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(f"^{_ONSET}(?:{_OPEN_NUCLEUS}|{_CLOSED_NUCLEUS}{_CODA})$")


@lru_cache(maxsize=16384)
def is_syllable(word: str) -> bool:
    """Whether a (possibly marked) word has the shape of a Vietnamese syllable."""
    return bool(_SYLLABLE.match(_strip_word(word)))


_TONE_KEYS = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_VOWELS = "aeiouy"


def _place_tone(letters: list[str], tone: str) -> str:
    """Put the tone mark on the right vowel of a syllable given as a list of NFC letters."""
    word = "".join(letters)
    base = _strip_word(word)
    start = 0
    if (base.startswith("gi") and len(base) > 2 and base[2] in _VOWELS) or base.startswith("qu"):
        start = 2
    idx = [i for i in range(start, len(letters)) if _strip_word(letters[i]) in _VOWELS]
    if not idx:
        idx = [i for i in range(len(letters)) if _strip_word(letters[i]) in _VOWELS]
        if not idx:
            return word
    special = [i for i in idx if letters[i].lower() in "ăâêôơư"]
    if special:
        pos = special[-1]
    elif len(idx) == 1:
        pos = idx[0]
    elif idx[-1] < len(letters) - 1:  # a final consonant follows
        pos = idx[-1]
    elif len(idx) >= 3:
        pos = idx[1]
    else:
        pos = idx[-1] if base[idx[0] : idx[0] + 2] in ("oa", "oe", "uy") else idx[0]
    letters = list(letters)
    letters[pos] = nfc(letters[pos] + tone)
    return "".join(letters)


@lru_cache(maxsize=16384)
def telex_to_unicode(word: str) -> str | None:
    """Rewrite a Telex-typed word ("thuwcj" → "thực"), or None when it is not Telex."""
    w = word.lower()
    if not w.isascii() or not w.isalpha() or len(w) < 2:
        return None
    changed = False
    tone = ""
    letters: list[str] = []
    i = 0
    while i < len(w):
        ch = w[i]
        nxt = w[i + 1] if i + 1 < len(w) else ""
        if ch == "d" and nxt == "d" and not letters:
            letters.append("đ")
            i += 2
            changed = True
            continue
        if ch in "aeo" and nxt == ch:
            letters.append({"a": "â", "e": "ê", "o": "ô"}[ch])
            i += 2
            changed = True
            continue
        if ch in "aou" and nxt == "w":
            letters.append({"a": "ă", "o": "ơ", "u": "ư"}[ch])
            i += 2
            changed = True
            continue
        if ch == "w":
            if letters and letters[-1] == "u":
                letters[-1] = "ư"
            elif letters and letters[-1] == "o" and len(letters) > 1 and letters[-2] == "u":
                letters[-2:] = ["ư", "ơ"]
            elif letters and letters[-1] == "o":
                letters[-1] = "ơ"
            elif letters and letters[-1] == "a":
                letters[-1] = "ă"
            else:
                letters.append("ư")
            i += 1
            changed = True
            continue
        has_vowel = any(_strip_word(x) in _VOWELS for x in letters)
        if (ch in _TONE_KEYS or ch == "z") and has_vowel:
            if tone or (ch == "z" and i != len(w) - 1):
                return None  # two tone keys: not Telex, just letters
            tone = _TONE_KEYS.get(ch, "")
            i += 1
            changed = True
            continue
        letters.append(ch)
        i += 1
    if not changed or not letters:
        return None
    # "uơ" typed as "uow" means "ươ"
    joined = "".join(letters).replace("uơ", "ươ")
    letters = list(joined)
    result = _place_tone(letters, tone) if tone else joined
    return result if is_syllable(result) else None


# ---------------------------------------------------------------------------- abbreviations

ABBREVIATIONS: dict[str, str] = {
    "ko": "khong", "k": "khong", "kg": "khong", "khg": "khong", "kh": "khong", "hok": "khong",
    "hk": "khong", "hong": "khong", "hem": "khong", "kp": "khong phai",
    "dc": "duoc", "dk": "duoc", "dcj": "duoc", "đc": "duoc", "đk": "duoc",
    "r": "roi", "rui": "roi", "rùi": "roi",
    "j": "gi", "gj": "gi", "ji": "gi",
    "th": "thuc hien", "tt": "tuyen truyen", "tht": "thuc hien",
    "hnay": "hom nay", "hn": "hom nay", "hum": "hom", "bh": "bao gio", "bjo": "bao gio",
    "pccc": "phong chay chua chay", "cchc": "cai cach hanh chinh", "attt": "an toan thong tin",
    "atgt": "an toan giao thong", "ubnd": "uy ban nhan dan", "hdnd": "hoi dong nhan dan",
    "bc": "bao cao", "vb": "van ban", "cv": "cong van", "nq": "nghi quyet", "ct": "chi thi",
    "tn": "tuan nay", "ch": "chua", "chx": "chua", "cx": "cung", "vs": "voi",
    "nx": "nua", "ms": "moi", "ntn": "nhu the nao", "bn": "bao nhieu", "mk": "minh", "e": "em",
    "a": "anh", "ad": "admin", "tks": "cam on", "thanks": "cam on", "thank": "cam on", "ty": "cam on",
    "oke": "ok", "okie": "ok", "oki": "ok", "okay": "ok", "v": "vay", "z": "vay", "zay": "vay",
    "lm": "lam", "ph": "phat", "tg": "thoi gian", "nd": "noi dung", "bt": "biet", "bit": "biet",
}  # fmt: skip

# ---------------------------------------------------------------------------- fold

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_TELEX_HINT = re.compile(r"(dd|aa|ee|oo|aw|ow|uw|w|[sfrxj]$|[aeiouy][sfrxj])")


def tokens(text: str) -> list[str]:
    """Words of a text (letters and digits), in order, punctuation dropped."""
    return _WORD.findall(text)


def _fix_word(word: str) -> str:
    if word.isascii() and word.isalpha() and not is_syllable(word) and _TELEX_HINT.search(word.lower()):
        repaired = telex_to_unicode(word)
        if repaired is not None:
            return repaired
    return word


def fold(text: str, *, expand: bool = True, abbreviations: Mapping[str, str] | None = None) -> str:
    """Fold user text: encodings repaired, Telex fixed, marks removed, abbreviations expanded."""
    table = (ABBREVIATIONS if abbreviations is None else abbreviations) if expand else {}
    text = nfc(repair_encoding(nfc(text)))
    out: list[str] = []
    for word in tokens(text):
        low = word.lower()
        if low in table:
            out.append(table[low])
            continue
        stripped = _strip_word(_fix_word(word))
        if stripped in table and not has_marks(word):
            out.append(table[stripped])
        else:
            out.append(stripped)
    return " ".join(w for w in out if w)


def fold_plain(text: str) -> str:
    """Fold document text: marks removed, lowercase, words separated by single spaces."""
    return " ".join(_strip_word(w) for w in tokens(nfc(text)))
