"""A report message cut into clauses, each with what it says and what it names.

A clause ends at punctuation, at "và", "với", "cùng", "còn", "nhưng", "riêng" or at a second
"bài". `analyse` gives it a status (see `polarity.py`), a count, a reason ("vì/do/lý do …",
"… nên"), hedges; `name` finds the directives it names (`mentions.Index`); `link` lets a clause
that names without saying take the status, count and reason of its neighbour in the sentence
("bài PCCC rừng: đã phát 3 buổi"), and a reason given once hold for every not-done clause beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.lang.fold import _fix_word
from bot.understanding.cues import NUMBER_WORDS, Scan, Tok, extract_count, hedged, typed
from bot.understanding.mentions import CHATTER, Found, Index
from bot.understanding.polarity import status

__all__ = ["Clause", "analyse", "link", "name", "quote", "split"]


@dataclass(slots=True)
class Clause:
    """Tokens [lo, hi) of a message and what they say."""

    lo: int
    hi: int
    sentence: int
    contrast: bool
    kind: str | None = None  # done / not_done / question / undo / trouble / None
    own: bool = False  # the status was stated in this clause (not taken from a neighbour)
    bare: bool = False  # done with no report verb ("xong")
    hedge: bool = False  # "chắc", "khoảng", "tất cả" …
    added: bool = False  # "phát thêm"
    each: bool = False  # "mỗi bài 2 buổi"
    count: int | None = None
    reason: tuple[int, int] | None = None  # token range of the reason
    head: tuple[int, int] = (0, 0)  # token range that says and names (the clause without its reason)
    founds: list[Found] = field(default_factory=list)
    unknown: bool = False  # names something ("bài chống rét", "công văn 9999") none of the candidates is
    unclear: bool = False  # "…, nhưng thôn Nà Pàn không nghe được": said against a done
    used: bool = False  # lent its status or reason to a neighbour


_CONNECTORS = {"va", "voi", "cung", "con", "nhung", "rieng", "hoac"}
_CONTRAST = {"con", "nhung", "rieng"}
_CAUSES = {"vi", "boi", "tai vi", "ly do", "nguyen nhan", "do"}
_TRAILING = {"a", "nhe", "nha", "roi", "ah", "ak", "anh", "chi", "em", "ad", "oi", "day", "ca", "thoi"}
_LEADING = {"nen", "thi", "la", "va", "nhung", "con", "do", "vi", "boi", "tai", "ly", "nguyen", "nhan"}
_EACH = re.compile(r"\bmoi (?:bai|cai|noi dung|van ban|cong van|thu|loai|ke hoach|nghi quyet)\b")
_ADDED_WORDS = frozenset(("them", "bo", "tiep", "nua"))
_ADDED = re.compile(r"\b(?:them|bo sung|(?:phat|doc|thuc hien) tiep)\b|\d+ (?:buoi|lan) nua\b")


def split(s: Scan) -> list[Clause]:
    """Clauses of a message; sentences numbered (a clause never crosses one)."""
    out: list[Clause] = []
    sentence = 0
    start = 0
    toks = s.toks
    content_seen = False
    for i, t in enumerate(toks):
        connector = t.key in _CONNECTORS and (
            not t.marked or t.original.lower() in ("và", "với", "cùng", "còn", "nhưng", "riêng", "hoặc")
        )
        new_bai = t.word == "bai" and content_seen and i > start
        if i > start and (t.brk or connector or new_bai):
            out.append(Clause(start, i, sentence, toks[start].key in _CONTRAST))
            start = i
            content_seen = False
        if t.brk == 2 and i:
            sentence += 1
        if not content_seen and not t.word.isdigit() and t.word not in CHATTER:
            content_seen = True
    if toks:
        out.append(Clause(start, len(toks), sentence, toks[start].key in _CONTRAST))
    return out


_CAUSE_FIRST = {"vi", "boi", "tai", "ly", "nguyen", "do"}


def _is_cause(toks: list[Tok], i: int, lo: int) -> int:
    """Length of a cause word ("vì", "do", "lý do") at i, else 0."""
    t = toks[i]
    if t.key not in _CAUSE_FIRST:
        return 0
    pair = f"{t.key} {toks[i + 1].key}" if i + 1 < len(toks) else ""
    if pair in _CAUSES:
        return 2
    if t.key == "vi" and typed(t) in ("vì", "vi") and (i == lo or toks[i - 1].word not in ("don", "dia")):
        return 1
    if t.key == "boi" and typed(t) in ("bởi", "boi"):
        return 1
    if (
        t.key == "do"
        and typed(t) == "do"  # "đó" typed bare is "sau do", "luc do"
        and i + 1 < len(toks)
        and toks[i + 1].word not in ("dau", "nao")
        and (i == lo or toks[i - 1].word not in ("sau", "luc", "khi", "tu", "nhu", "cai", "the", "vi"))
    ):
        return 1
    return 0


def analyse(c: Clause, s: Scan) -> None:
    """Status, count, reason range, hedge, "thêm" and "mỗi" of one clause."""
    toks = s.toks
    head_lo, head_hi = c.lo, c.hi
    nen = cause = None
    for i in range(c.lo, c.hi):
        k = toks[i].key
        if k == "nen" and i > c.lo:
            nen = i
            break
        if cause is None and k in _CAUSE_FIRST and _is_cause(toks, i, c.lo):
            cause = i
    if nen is not None:
        # "(do) mất điện nên chưa phát": the reason comes first
        start = c.lo + _is_cause(toks, c.lo, c.lo) if cause == c.lo else c.lo
        c.reason = (start, nen)
        head_lo = nen + 1
    elif cause is not None:
        c.reason = (cause + _is_cause(toks, cause, c.lo), c.hi)
        head_hi = cause
    c.head = (head_lo, head_hi)
    keys = []
    for i in range(head_lo, head_hi):
        if toks[i].slash:
            keys.append("/")
        keys.append(toks[i].key)
    folded = " ".join(keys)
    qmark = any(t.qmark for t in toks[c.lo : c.hi])
    st = status(toks[head_lo:head_hi], qmark)
    c.kind, c.bare = st.kind, st.bare
    plain = folded.replace("_", "")
    words = set(keys)
    c.hedge = hedged(plain)
    c.each = "moi" in words and bool(_EACH.search(plain))
    numbered = any(w.isdigit() or w in NUMBER_WORDS for w in words)
    c.count = extract_count(plain) if numbered and c.kind in ("done", None) else None
    if c.kind is None and c.count is not None:
        c.kind = "done"  # "2 buổi về chống rét"
    c.own = c.kind is not None
    c.added = c.kind == "done" and not _ADDED_WORDS.isdisjoint(words) and bool(_ADDED.search(plain))


def name(c: Clause, s: Scan, index: Index) -> None:
    """The directives a clause names (numbers first, then subject words)."""
    toks = s.toks
    head_lo, head_hi = c.head
    skip: set[int] = set()
    for i in range(head_lo, head_hi):
        if toks[i].word.isdigit():
            found, strong, first = index.number_at(toks, i)
            if found:
                c.founds.append(found)
            elif strong:
                c.unknown = True
            if found or strong:
                skip.update(range(first, i + 2 if i + 1 < head_hi and toks[i + 1].slash else i + 1))
    idx = Index.content(toks, head_lo, head_hi, skip)
    named = any(toks[j].word in ("bai", "ve") for j in range(head_lo, head_hi))
    topic, unknown = index.topic(toks, idx, named) if idx else (None, False)
    if topic and not any(set(topic.keys) <= set(f.keys) for f in c.founds):
        narrowed = [f for f in c.founds if set(topic.keys) & set(f.keys)]
        if narrowed:
            keys_in = tuple(k for k in narrowed[0].keys if k in topic.keys)
            c.founds = [
                Found(keys_in, min(narrowed[0].first, topic.first), max(narrowed[0].last, topic.last), True)
            ]
        else:
            c.founds.append(topic)
    elif not topic and not c.founds:
        c.unknown = c.unknown or (unknown and named)
    # "…, nhưng thôn Nà Pàn không nghe được": something said against a done
    c.unclear = (
        c.contrast and not c.founds and c.kind in (None, "trouble", "not_done") and bool(idx or c.reason)
    )


def quote(s: Scan, lo: int, hi: int) -> str | None:
    """The officer's words for tokens [lo, hi), trimmed of particles; Telex leftovers fixed."""
    toks = s.toks
    while lo < hi and (
        toks[lo].key in _LEADING
        or (toks[lo].word in ("ly", "do") and lo + 1 < hi and toks[lo + 1].word == "do")
    ):
        lo += 1
    while hi > lo and toks[hi - 1].word in _TRAILING:
        hi -= 1
    if hi <= lo:
        return None
    raw = s.text[toks[lo].start : toks[hi - 1].end]
    raw = re.sub(r"[^\W\d_]+", lambda m: _fix_word(m.group(0)), raw)
    return " ".join(raw.split()) or None


def _neighbours(cs: list[Clause], k: int) -> list[int]:
    """Clauses of the same sentence nearest first: previous ones (until a contrast), then following ones."""
    sent = cs[k].sentence
    before = []
    j = k
    while j > 0 and not cs[j].contrast and cs[j - 1].sentence == sent:
        j -= 1
        before.append(j)
    after = []
    j = k + 1
    while j < len(cs) and cs[j].sentence == sent and not cs[j].contrast:
        after.append(j)
        j += 1
    return before + after


def link(cs: list[Clause]) -> None:
    """Lend statuses, counts and reasons between the clauses of a sentence (see module docstring)."""
    # a question tag ("…, đúng không?") makes its clause a question too
    for k, c in enumerate(cs):
        if (
            c.kind == "question"
            and not c.founds
            and k
            and cs[k - 1].sentence == c.sentence
            and c.hi - c.lo <= 3
        ):
            cs[k - 1].kind = "question"
    # a clause that says something of nothing lends it to the nearest one that names without saying
    for k, c in enumerate(cs):
        if c.founds or not c.own or c.kind in ("question", "trouble"):
            continue
        for j in _neighbours(cs, k):
            d = cs[j]
            if d.founds and not d.own and d.kind is None:
                d.kind, d.bare, d.hedge, d.added = c.kind, c.bare, c.hedge or d.hedge, c.added
                d.count = d.count if d.count is not None else c.count
                d.reason = d.reason or c.reason
                d.each = d.each or c.each
                c.used = True
                break
            if d.founds:
                break
    # the rest take the status of the nearest clause that states one
    for k, c in enumerate(cs):
        if c.founds and c.kind is None:
            for j in _neighbours(cs, k):
                if cs[j].kind in ("done", "not_done", "undo") and (cs[j].own or cs[j].founds):
                    c.kind, c.hedge = cs[j].kind, cs[j].hedge or c.hedge
                    break
    # reasons: a following clause that explains, or one that precedes a "nên"
    for k, c in enumerate(cs):
        if c.reason and c.reason[1] == c.hi:
            end = k
            while end + 1 < len(cs) and _explains(cs[end + 1], c.sentence):
                end += 1
                cs[end].used = True
            c.reason = (c.reason[0], cs[end].hi)
        if c.reason and c.reason[0] == c.lo and c.head[0] > c.lo:
            start = k
            while start > 0 and _explains(cs[start - 1], c.sentence):
                start -= 1
                cs[start].used = True
            c.reason = (cs[start].lo, c.reason[1])
    for k, c in enumerate(cs):
        if c.kind != "not_done" or c.reason:
            continue
        nxt = k + 1
        if nxt < len(cs) and cs[nxt].sentence == c.sentence and not cs[nxt].contrast and not cs[nxt].founds:
            d = cs[nxt]
            if d.kind == "trouble" or (d.kind is None and (d.reason or d.hi - d.lo >= 2) and not d.each):
                c.reason = d.reason or (d.lo, d.hi)
                d.used = True
                continue
        prev = k - 1
        if (
            prev >= 0
            and cs[prev].sentence == c.sentence
            and not cs[prev].founds
            and (
                cs[prev].kind == "trouble"
                or (cs[prev].kind is None and cs[prev].reason and cs[prev].head[0] == cs[prev].head[1])
            )
        ):
            c.reason = cs[prev].reason or (cs[prev].lo, cs[prev].hi)
            cs[prev].used = True
    # a reason given once for several not-done directives of a sentence holds for all of them
    for k, c in enumerate(cs):
        if c.kind == "not_done" and c.reason:
            for j in _neighbours(cs, k):
                if cs[j].kind == "not_done" and not cs[j].reason and cs[j].founds:
                    cs[j].reason = c.reason
    # "mỗi bài 2 buổi": the count goes to every directive of the sentence
    for c in cs:
        if c.each and c.count is not None:
            for d in cs:
                if d.sentence == c.sentence and d.founds and d.kind == "done" and (d.count is None or d is c):
                    d.count = c.count


def _explains(c: Clause, sentence: int) -> bool:
    return (
        c.sentence == sentence
        and not c.founds
        and not c.contrast
        and c.kind in (None, "trouble")
        and c.count is None
    )
