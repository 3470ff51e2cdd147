"""Reading a free-text report against the officer's own directives.

The message is cut into clauses (at punctuation and at "và", "còn", "nhưng", "riêng", a second
"bài"); each clause gets a status from rules — done, not done (negation, zero, "đâu mà", far
negation, intention or condition), a question, an undo, a trouble ("loa hỏng") or nothing — and
the directives it names (`mentions.Index`). A clause that names a directive but says nothing of it
takes the status (and count, reason) of the clause beside it in the same sentence: "bài PCCC rừng:
đã phát 3 buổi". A reason is what follows "vì/do/lý do", what precedes "nên", or a trouble clause
next to a "not done". Nothing is done in a question, a negation, a zero or an intention; when a
done is hedged, massive, bare or beside something unclear, `confirm` asks first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.understanding.clauses import Clause, analyse, link, name, quote, split
from bot.understanding.cues import Scan, scan
from bot.understanding.mentions import CHATTER, Candidate, index_of

__all__ = ["MAX_REPORT", "Candidate", "Mention", "ReportReading", "clause_statuses", "read_report"]

MAX_REPORT = 8000  # characters read; a written report is up to 4,000

General = Literal["done", "not_done"]


@dataclass(frozen=True)
class Mention:
    """A directive the text names. In an undo ("hủy báo cáo công văn 2345") it is the one to undo,
    with done False and no reason; a question names nothing."""

    keys: tuple[int, ...]  # one key = resolved; several = tied, ask which (only those)
    done: bool
    count: int | None  # broadcasts stated for it (done only); summed when named twice
    reason: str | None  # why not (not done only), in the officer's words
    phrase: str  # the words that named it


@dataclass(frozen=True)
class ReportReading:
    mentions: tuple[Mention, ...]  # directives the text names, each done/not done with its count/reason
    general: General | None  # a report that names nothing ("đã thực hiện", "chưa phát được vì mất điện")
    count: int | None  # for the general part
    reason: str | None  # for the general part
    added: bool  # "phát thêm 2 buổi": adds broadcasts to an earlier report
    confirm: bool  # the bot should ask before recording any "done" (never True when nothing is done)


def clause_statuses(text: str) -> list[tuple[str | None, bool]]:
    """(status, names something) for each clause of a message; used by the intent classifier."""
    s = scan(text[:MAX_REPORT])
    out = []
    for c in split(s):
        analyse(c, s)
        head = s.toks[c.head[0] : c.head[1]]
        out.append((c.kind, any(t.word not in CHATTER and not t.word.isdigit() for t in head)))
    return out


def read_report(text: str, candidates: Sequence[Candidate]) -> ReportReading:
    """Read a report message against the officer's candidate directives (see module docstring)."""
    s = scan(text[:MAX_REPORT])
    index = index_of(candidates)
    cs = split(s)
    for c in cs:
        analyse(c, s)
    # only sentences that report something can name what they report on
    live = {c.sentence for c in cs if c.kind in ("done", "not_done", "undo")}
    for c in cs:
        if c.sentence in live:
            name(c, s, index)
    link(cs)
    mentions, confirm = _mentions(cs, s)
    general, count, reason, unsure = _general(cs, s) if not mentions else (None, None, None, False)
    done = general == "done" or any(m.done for m in mentions)
    confirm = done and (
        confirm
        or unsure
        or any(len(m.keys) > 1 and m.done for m in mentions)
        or any(c.unknown or c.unclear for c in cs)
    )
    added = done and any(c.added for c in cs if c.kind == "done")
    return ReportReading(mentions, general, count, reason, added, confirm)


@dataclass(slots=True)
class _Acc:
    done: bool
    count: int | None
    reason: str | None
    phrase: str


def _mentions(cs: list[Clause], s: Scan) -> tuple[tuple[Mention, ...], bool]:
    """The directives named by clauses that report, merged per directive; and whether to ask first
    (a hedged done, or the same directive said done and not done)."""
    acc: dict[tuple[int, ...], _Acc] = {}
    confirm = False
    for c in cs:
        if c.kind not in ("done", "not_done", "undo"):
            continue
        done = c.kind == "done"
        confirm = confirm or (done and c.hedge)
        reason = quote(s, *c.reason) if c.reason and not done else None
        for f in c.founds:
            m = acc.get(f.keys)
            if m is None:
                phrase = s.text[s.toks[f.first].start : s.toks[f.last].end]
                acc[f.keys] = _Acc(done, c.count if done else None, reason, phrase)
                continue
            if m.done != done:  # said done and not done: not done, and ask
                confirm = True
                m.done, m.count = False, None
            elif done and c.count is not None:
                m.count = (m.count or 0) + c.count
            m.reason = m.reason or reason
    resolved = {k[0] for k in acc if len(k) == 1}
    mentions = tuple(
        Mention(k, m.done, m.count, m.reason, m.phrase)
        for k, m in acc.items()
        if len(k) == 1 or not set(k) & resolved
    )
    return mentions, confirm


def _general(cs: list[Clause], s: Scan) -> tuple[General | None, int | None, str | None, bool]:
    """A report that names nothing: the last status stated wins; a mixed or bare "done" is asked about."""
    rest = [c for c in cs if not c.founds and not c.used and c.kind in ("done", "not_done", "trouble")]
    if not rest:
        return None, None, None, False
    stated = [c for c in rest if c.kind in ("done", "not_done")] or rest
    if stated[-1].kind == "done":
        counts = [c.count for c in rest if c.kind == "done" and c.count is not None]
        unsure = len({c.kind for c in stated}) > 1 or any(c.hedge or c.bare for c in rest if c.kind == "done")
        return "done", sum(counts) if counts else None, None, unsure
    why = next((c for c in rest if c.kind == "trouble" or (c.kind == "not_done" and c.reason)), None)
    reason = quote(s, *(why.reason or (why.lo, why.hi))) if why is not None else None
    return "not_done", None, reason, False
