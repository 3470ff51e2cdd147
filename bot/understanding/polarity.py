"""What one clause of a report says: done, not done, a question, an undo, a trouble — or nothing.

Rules only, in this order: undo; never-done forms (zero, "đâu mà", far negation, intention or
condition, a future word before the verb); questions; a negator governing a report verb;
a report verb with "đã" before it or "xong/rồi/được" after it (or with a count); a trouble
("loa hỏng", "mất điện"); a bare "xong"/"hoàn thành".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

from bot.understanding.cues import (
    COUNT,
    FUTURE,
    NEGATORS,
    NUMBER_WORDS,
    TROUBLE_RE,
    UNDO,
    VERBS,
    Tok,
    never_done,
    spans,
    typed,
)

__all__ = ["Status", "status"]


class Status(NamedTuple):
    kind: str | None  # done / not_done / question / undo / trouble / None
    bare: bool = False  # done said with no report verb ("xong", "✅")


_MARKED_PARTICLES = {"à", "hả", "nhỉ", "chứ", "hở", "ư", "chăng"}
_TRAILING = {"a", "nhe", "nha", "vay", "oi", "day", "anh", "chi", "em", "ad", "ah", "ak", "u", "ca", "vang"}
_STATEMENT_BEFORE_NEG = {"thi", "van", "cung", "deu", "hoan", "that", "la", "toan", "con"}
_ASKED_AFTER = {
    "xong",
    "roi",
    "phat",
    "doc",
    "lam",
    "hien",
    "truyen",
    "khai",
    "duoc",
    "du",
    "het",
    "cao",
    "ai",
}
_QUESTION_PAIRS = (
    "bao nhieu", "khi nao", "bao gio", "gio nao", "luc nao", "the nao", "phai khong", "dung khong", "co phai",
    "hay khong", "lam sao", "hay chua", "duoc khong", "sao chua",
)  # fmt: skip
_UNDO_WORDS = frozenset(["huy", "nham", "rut", "hoan", "xoa", "undo", "sua", "bam", "lon"])
_TROUBLE_WORDS = frozenset(
    ["loa", "khong", "hong", "hu", "mat", "cup", "su", "bi", "quen", "bo", "lo", "kip", "chua"]
)
_QUESTION_RE = re.compile(r"\b(?:" + "|".join(_QUESTION_PAIRS) + r")\b")
_BETWEEN = {
    "duoc",
    "the",
    "kip",
    "he",
    "co",
    "da",
    "em",
    "xa",
    "minh",
    "ai",
    "lam",
    "nay",
    "cho",
    "dam",
    "phai",
    "bao",
    "gio",
}
_PARTY_BEFORE = {"dung", "hoi", "bo", "cua", "vien", "uy", "xay", "chinh"}


def _core(keys: list[str]) -> list[str]:
    core = [k for k in keys if k != "/"]
    while len(core) > 1 and core[-1] in _TRAILING:
        core.pop()
    return core


def _question(keys: list[str], origs: list[str], qmark: bool, toks: Sequence[Tok]) -> bool:
    if qmark or any(o in _MARKED_PARTICLES for o in origs[-2:]):
        return True
    if len(origs) >= 2 and origs[-1] in ("ha", "nhi", "chu"):
        return True
    core = _core(keys)
    if (
        len(core) >= 2
        and core[-1] in ("chua", "khong")
        and core[-2] not in _STATEMENT_BEFORE_NEG
        and (core[-2] in _ASKED_AFTER or core[0] == "da")
    ):
        return True
    if _QUESTION_RE.search(" ".join(core)):
        return True
    negated_before = False
    for i, k in enumerate(core):
        if k in NEGATORS:
            negated_before = True
        if (
            k == "gi"
            and not negated_before
            and (i + 1 >= len(core) or core[i + 1] != "dau")
            and (i == 0 or core[i - 1] != "lam")
        ):
            return True
        if k == "nao" and not negated_before and (i + 1 >= len(core) or core[i + 1] not in ("ca", "dau")):
            return True
    return any(k == "may" and t.original.lower() == "mấy" for k, t in zip(keys, toks, strict=True))


def _negated(keys: list[str]) -> bool:
    core = _core(keys)
    if not NEGATORS.intersection(core):
        return False
    targets = set(spans(core, VERBS)) | {i for i, k in enumerate(core) if k in ("xong", "hoan")}
    for i, k in enumerate(core):
        if k in NEGATORS:
            for j in targets:
                if i < j <= i + 4 and all(core[m] in _BETWEEN for m in range(i + 1, j)):
                    return True
    if any(k in NEGATORS and nxt == "duoc" for k, nxt in pairwise(core)):
        return True  # "chưa được", "không được"
    if core and core[-1] in NEGATORS:
        return len(core) == 1 or core[-2] in _STATEMENT_BEFORE_NEG or not spans(core, VERBS)
    return False


def _future(toks: Sequence[Tok], keys: list[str], verbs: list[int]) -> bool:
    """A future word ("mai", "sẽ", "đang", "tuần sau") before the report verb, no "đã" between."""
    futures = spans(keys, FUTURE)
    if not futures:
        return False
    verbs = verbs + [i for i, k in enumerate(keys) if k in ("xong", "hoan")]
    for f in futures:
        k = keys[f]
        low = toks[f].original.lower()
        if k == "dang" and (low != "đang" and (toks[f].marked or (f and keys[f - 1] in _PARTY_BEFORE))):
            continue
        if k == "mai" and low not in ("mai",):
            continue
        if k == "sap" and f + 1 < len(keys) and keys[f + 1] == "nhap":
            continue
        if any(0 < v - f <= 3 and "da" not in keys[f:v] for v in verbs):
            return True
    return False


def _dau(toks: Sequence[Tok], keys: list[str]) -> bool:
    """ "Đâu" said of a report ("đã phát bài đại hội đâu"): typed with its marks anywhere, or bare at the end."""
    core = _core(keys)
    if core and core[-1] == "dau" and typed(toks[len(core) - 1]) in ("đâu", "dau"):
        return True
    return any(
        t.key == "dau" and typed(t) == "đâu" and (i == 0 or keys[i - 1] != "o") for i, t in enumerate(toks)
    )


def status(toks: Sequence[Tok], qmark: bool) -> Status:
    """The status of one clause (its words before any reason)."""
    keys = [t.key for t in toks]
    if not keys:
        return Status(None)
    origs = [t.original.lower() for t in toks[-2:]]
    folded = " ".join(keys)
    plain = folded.replace("_", "")
    kset = set(keys)
    if not _UNDO_WORDS.isdisjoint(kset) and UNDO.search(folded):
        return Status("undo")
    verbs = spans(keys, VERBS)
    if never_done(plain) or _future(toks, keys, verbs) or (verbs and _dau(toks, keys)):
        return Status("not_done")
    if _question(keys, origs, qmark, toks):
        return Status("question")
    if _negated(keys):
        return Status("not_done")
    da = [i for i, k in enumerate(keys) if k == "da"]
    after = [i for i, k in enumerate(keys) if k in ("xong", "roi", "hoan", "duoc")]
    counted = any(k.isdigit() or k in NUMBER_WORDS for k in keys) and bool(COUNT.search(plain))
    if any(0 < v - d <= 3 for d in da for v in verbs) or any(m > v for m in after for v in verbs):
        return Status("done")
    if verbs and counted:
        return Status("done")
    if not _TROUBLE_WORDS.isdisjoint(kset) and TROUBLE_RE.search(plain):
        return Status("trouble")
    core = _core(keys)
    if not verbs and (any(k in ("xong", "hoan") for k in keys) or (len(core) > 1 and core[-1] == "roi")):
        return Status("done", bare=True)  # "xong", "bài PCCC rừng rồi"
    return Status(None)
