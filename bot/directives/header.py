"""The header and the signature of a directive: number, issuer, subject, recipients, references, signer.

Rules, as a reader applies them:

- A công văn's header has two columns: the issuing body, its number and the "V/v" subject on
  the left; Quốc hiệu, Tiêu ngữ (or "ĐẢNG CỘNG SẢN VIỆT NAM") and "<Place>, ngày …" on the
  right. A PDF's text often runs both columns of a row into one line; they are separated again.
- The number follows "Số:" (or "Số" alone, as the Party writes it: "Số 312-CV/BTGDVTU"); a blank
  number keeps its suffix ("/KH-UBND").
- The subject is the text after "V/v"; a plan without one ("KẾ HOẠCH" and its title) has its
  title as the subject.
- The issuer is the last body named in the left header column, over as many lines as it takes
  ("ỦY BAN NHÂN DÂN" / "TỈNH LẠNG SƠN" is one name), written in normal case; a "Ban …" under a
  Tỉnh ủy / Huyện ủy is "Ban … Tỉnh ủy". Without a header, the body that "đề nghị …" in the
  preamble, then the suffix of the number.
- The signer is the last person's name at the end; in a PDF whose footer columns ran together
  it may follow a "Nơi nhận" line ("- Lưu: VT, KT. Lăng Văn Cường").
"""

from __future__ import annotations

import re

from bot.directives.dates import PLACE_DATE
from bot.directives.sections import MOTTO
from bot.lang.fold import fold_plain, is_syllable

__all__ = [
    "NOI_NHAN",
    "RECIPIENTS",
    "SUBJECT",
    "is_number_line",
    "issuer_from_header",
    "issuer_from_number",
    "issuer_from_request",
    "number",
    "org_case",
    "references",
    "signature_length",
    "signer",
    "split_columns",
    "split_recipients",
]

SUBJECT = re.compile(r"^(?:V/v|Về việc)\s*:?\s*(?P<s>.*)$", re.I)
RECIPIENTS = re.compile(r"^Kính\s+gửi\s*:?\s*(?P<r>.*)$", re.I)
NOI_NHAN = re.compile(r"^Nơi\s+nhận\s*:?", re.I)
_NUMBER = re.compile(r"(?:^|\s)Số\s*[:.]\s*(?P<n>[^\s,]*(?:\s?/\s?\S+)?)", re.I)
_NUMBER_BARE = re.compile(r"(?:^|\n)\s*(?:Số|SỐ)\s+(?P<n>\d[\w.\-–]*/[\w.\-–]+)")


# ---------------------------------------------------------------------------- header columns


def _split_line(line: str) -> list[str]:
    parts: list[str] = []
    rest = line
    while rest:
        cut = None
        m = MOTTO.search(rest)
        if m and (m.start() > 0 or m.end() < len(rest)):
            cut = (m.start(), m.end())
        d = PLACE_DATE.search(rest)
        if d and (cut is None or d.start() < cut[0]):
            words = rest[: d.start()].split(" ")
            k = len(words)
            while k > 0 and len(words) - k < 5 and words[k - 1][:1].isupper():
                k -= 1
            start = len(" ".join(words[:k])) + (1 if k else 0)
            end = d.end()
            # the date is the right column: it ends the row ("… năm 2026 Lạng Sơn, ngày 18 …")
            if k < len(words) and start > 0 and not rest[end:].strip():
                cut = (start, end)
        if cut is None:
            parts.append(rest)
            break
        before, piece, rest = rest[: cut[0]].strip(), rest[cut[0] : cut[1]].strip(), rest[cut[1] :].strip()
        parts.extend(p for p in (before, piece) if p)
    return parts or [line]


def split_columns(text: str) -> str:
    """Separate the header columns a PDF ran together ("Số: 12/UBND Lạng Sơn, ngày …")."""
    lines = text.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        if i < 30 and line and not RECIPIENTS.match(line):
            out.extend(_split_line(line))
        else:
            out.append(line)
        if RECIPIENTS.match(line):
            out.extend(lines[i + 1 :])
            break
    return "\n".join(out)


# ---------------------------------------------------------------------------- number


def number(header_text: str) -> str | None:
    m = _NUMBER.search(header_text) or _NUMBER_BARE.search(header_text)
    if not m:
        return None
    value = m.group("n").strip().strip(".,;")
    return value if value and any(ch.isalnum() for ch in value) else None


def is_number_line(line: str) -> bool:
    return bool(_NUMBER.search(line) or _NUMBER_BARE.search(line))


# ---------------------------------------------------------------------------- issuer

_ORG_HEAD = (
    r"(?:Sở|Phòng|Ban|Ủy ban|Uỷ ban|UBND|Trung tâm|Văn phòng|Đài|Cục|Chi cục|Bộ|Hội đồng|HĐND|Tỉnh ủy|Tỉnh uỷ|"
    r"Huyện ủy|Huyện uỷ|Thành ủy|Thành uỷ|Đảng ủy|Đảng uỷ|Đảng bộ|Công an|Bộ Chỉ huy|Mặt trận|Ủy ban MTTQ|Tỉnh đoàn|Hội)"
)
_HEADER_ORG = re.compile(rf"^{_ORG_HEAD.upper()}\b", re.I)
_COMMITTEE = re.compile(r"^(TỈNH|HUYỆN|THÀNH)\s+(ỦY|UỶ)\b")
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
_HEADS = sorted(
    [
        "ủy ban nhân dân",
        "uỷ ban nhân dân",
        "hội đồng nhân dân",
        "trung tâm",
        "văn phòng",
        "chi cục",
        "bộ chỉ huy",
        "sở",
        "phòng",
        "ban",
        "cục",
        "đài",
        "bộ",
        "hội",
        "tỉnh đoàn",
        "công an",
        "đảng bộ",
        "đảng ủy",
        "đảng uỷ",
    ],
    key=len,
    reverse=True,
)  # the bodies whose name opens with a fixed phrase; longest first
_LEVELS = ("tỉnh", "huyện", "xã", "phường", "quận", "thành phố", "thị xã", "thị trấn")


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def org_case(upper: str) -> str:
    """'SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH' → 'Sở Văn hóa, Thể thao và Du lịch';
    'ỦY BAN NHÂN DÂN XÃ THẤT KHÊ' → 'Ủy ban nhân dân xã Thất Khê'; 'TỈNH ỦY' → 'Tỉnh ủy'."""
    words = upper.split()
    low = [w.lower() for w in words]
    out: list[str] = []
    i = 0
    joined = " ".join(low)
    head = next((h for h in _HEADS if joined == h or joined.startswith(h + " ")), None)
    mode = "start"  # start: the next word opens a capitalised field; field: lower case; name: a proper name
    if head:
        n = len(head.split())
        out.append(_cap(" ".join(low[:n])))
        i = n
    while i < len(words):
        word, lw = words[i], low[i]
        nxt = low[i + 1] if i + 1 < len(words) else ""
        bare = word.strip(",.;")
        if word.isupper() and len(bare) >= 2 and not is_syllable(bare):
            out.append(word)  # an acronym: UBND, MTTQ
            mode = "start"
        elif lw in ("tỉnh", "huyện", "thành", "đảng") and nxt.strip(",") in ("ủy", "uỷ"):
            out.extend([_cap(lw), nxt])
            i += 1
            mode = "name"
        elif (lw in _LEVELS or f"{lw} {nxt}" in _LEVELS) and not (lw == "xã" and nxt.startswith("hội")):
            if f"{lw} {nxt}" in _LEVELS:
                out.extend([lw, nxt])
                i += 1
            else:
                out.append(lw)
            mode = "name"
        elif mode == "name":
            out.append(_cap(lw))
        elif lw in ("và", "-", "–"):
            out.append(lw)
            mode = "start"
        elif mode == "start" or not out:
            out.append(_cap(lw))
            mode = "field"
        else:
            out.append(lw)
        if word.endswith(",") and mode != "name":
            mode = "start"
        i += 1
    return " ".join(out)


def issuer_from_header(header_lines: list[str]) -> str | None:
    """The last body named in the left header column, its name joined over lines."""
    orgs: list[list[str]] = []
    for raw in header_lines:
        line = raw.strip(" *")
        if not line or MOTTO.search(line) or PLACE_DATE.search(line):
            continue
        if line.upper() != line:
            if orgs:
                orgs.append([])  # a line of another kind ends the name
            continue
        if _HEADER_ORG.match(line):
            orgs.append([line])
        elif orgs and orgs[-1]:
            orgs[-1].append(line)
    names = [" ".join(o) for o in orgs if o]
    if not names:
        return None
    name = names[-1]
    if name.startswith("BAN ") and not re.search(r"\b(?:ỦY|UỶ)\b", name) and len(names) > 1:
        parent = _COMMITTEE.match(names[-2])
        if parent:
            name = f"{name} {parent.group(0)}"
    return org_case(name)


def issuer_from_number(value: str | None) -> str | None:
    if not value or "/" not in value:
        return None
    suffix = value.split("/", 1)[1]
    for part in re.split(r"[-–]", suffix):
        key = part.strip().upper()
        if key in _SUFFIX_ISSUERS:
            return _SUFFIX_ISSUERS[key]
    return None


def issuer_from_request(paragraphs: list[str]) -> str | None:
    for para in paragraphs:
        matches = list(_REQUEST.finditer(para))
        if matches:
            org = matches[0].group("org").strip(" ,")
            return org if len(org) <= 120 else None
    return None


# ---------------------------------------------------------------------------- recipients, references

_REF_KIND = re.compile(
    r"\b(?P<k>Nghị quyết|Kế hoạch|Chỉ thị|Công văn|Hướng dẫn|Quyết định|Kết luận|Thông báo|Chương trình phối hợp|"
    r"Chương trình|Thông tư|Nghị định|Quy định|Đề án|Luật|Văn bản)$",
    re.I,
)
_REF_NUMBER = re.compile(r"\s+số\s+(?P<n>\d[\w/.\-–]*\w)", re.I)


def split_recipients(text: str) -> list[str]:
    parts = re.split(r";\s*", text)
    return [p.strip(" -;.,") for p in parts if p.strip(" -;.,")]


def references(text: str) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for m in _REF_NUMBER.finditer(text):  # "… số 67-NQ/TU", then what kind of text it names
        k = _REF_KIND.search(text, max(0, m.start() - 24), m.start())
        if not k:
            continue
        kind = k.group("k")
        kind = kind[:1].upper() + kind[1:].lower()
        ref = f"{kind} số {m.group('n')}"
        key = fold_plain(ref)
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


# ---------------------------------------------------------------------------- signer

_ROLE = re.compile(
    r"giám đốc|trưởng|chủ tịch|bí thư|kt\.|k/t|tm\.|t/m|q\.|phó|chánh|ủy viên|thủ trưởng|đã ký|\(ký", re.I
)
_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){1,5}$")


def _name(text: str) -> str | None:
    clean = text.strip(" *")
    if (
        _NAME.match(clean)
        and not _ROLE.search(clean)
        and not any(ch.isdigit() for ch in clean)
        and all(w[:1].isupper() for w in clean.split())
    ):
        return clean.title() if clean.isupper() else clean
    return None


def signer(lines: list[str]) -> str | None:
    """The signer's name: the last name at the end, above or among "Nơi nhận" lines and titles."""
    for line in reversed([ln for ln in lines if ln.strip(" *")][-14:]):
        clean = line.strip(" *")
        found = _name(clean)
        if found:
            return found
        if clean.startswith(("-", "+", "•")) or NOI_NHAN.match(clean):
            tail = re.split(r"[;.)]\s+", clean)[-1]
            found = _name(tail) if tail != clean else None
            if found:
                return found
            continue
        if _ROLE.search(clean) and len(clean) < 60:
            continue
        return None
    return None


def signature_length(blocks: list[str]) -> int:
    """How many trailing blocks the signature (titles and the name) takes, 0 if none is found."""
    taken = 0
    for block in reversed(blocks[-6:]):
        taken += 1
        clean = block.strip(" *")
        if not clean:
            continue
        if _name(clean):
            return taken
        if not _ROLE.search(clean):
            return 0
    return 0
