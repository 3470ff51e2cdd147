"""Deciding what a report message means for the officer's own assignments (pure).

From the reading of the text (`bot.understanding.reports.read_report`), the commune's assignments, the
push the message replies to and the officer's most recent report, `plan()` gives the steps to record —
done, more broadcasts, a count for the report just made, not done with its reason — or the one question
to ask first: which directive (only those a mention could mean), or a confirmation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from bot.db.rows import Item
from bot.understanding.reports import Candidate, ReportReading

__all__ = ["Plan", "Step", "StepKind", "candidates", "plan"]


class StepKind(StrEnum):
    DONE = "done"  # broadcast: the assignment is done
    MORE = "more"  # more broadcasts on an assignment already done
    COUNT = "count"  # the number of broadcasts of the report just made
    NOT_DONE = "not_done"  # not broadcast, and why


@dataclass(frozen=True, slots=True)
class Step:
    assignment_id: int
    kind: StepKind
    count: int | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Step:
        return cls(int(data["assignment_id"]), StepKind(data["kind"]), data.get("count"), data.get("reason"))


@dataclass(slots=True)
class Plan:
    """Steps ready to record, or a question: pick among `choices` (assignment ids) for `template`."""

    steps: list[Step] = field(default_factory=list)
    choices: list[int] = field(default_factory=list)
    template: Step | None = None  # assignment_id 0: whichever is chosen
    confirm: bool = False  # ask "Xác nhận …?" before recording any done
    all_allowed: bool = False  # the question may offer "✅ Tất cả" (which then asks for confirmation)
    nothing: bool = False  # nothing to report on (no pending assignment, no recent report)

    @property
    def asks(self) -> bool:
        return bool(self.choices)

    def to_json(self) -> dict[str, Any]:
        return {
            "steps": [s.to_json() for s in self.steps],
            "choices": self.choices,
            "template": self.template.to_json() if self.template else None,
            "confirm": self.confirm,
            "all_allowed": self.all_allowed,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Plan:
        template = data.get("template")
        return cls(
            [Step.from_json(s) for s in data.get("steps", [])],
            [int(c) for c in data.get("choices", [])],
            Step.from_json(template) if template else None,
            bool(data.get("confirm")),
            bool(data.get("all_allowed")),
        )

    def choose(self, assignment_ids: Sequence[int]) -> list[Step]:
        """The steps once the officer has picked (one id, or every choice for "all")."""
        assert self.template is not None
        t = self.template
        return [*self.steps, *(Step(a, t.kind, t.count, t.reason) for a in assignment_ids)]


def candidates(items: Sequence[Item]) -> list[Candidate]:
    return [Candidate(i.assignment_id, i.number, i.subject, tuple(i.topic_titles)) for i in items]


def _done_step(item: Item, count: int | None, added: bool) -> Step:
    if item.done and (added or count):
        return Step(item.assignment_id, StepKind.MORE, count)
    return Step(item.assignment_id, StepKind.DONE, count)


def plan(
    reading: ReportReading,
    items: Sequence[Item],
    *,
    replied: Item | None = None,
    recent: Item | None = None,
    recent_has_count: bool = False,
    confirm: bool = False,
) -> Plan:
    """What to record for a report message (see module docstring). `recent` is the assignment of the
    officer's report of the last day, if any."""
    by_id = {i.assignment_id: i for i in items}
    result = Plan(confirm=reading.confirm or confirm)
    for m in reading.mentions:
        keys = [k for k in m.keys if k in by_id]
        if not keys:
            continue
        if len(keys) > 1 and not result.choices:
            result.choices = keys
            result.template = (
                Step(0, StepKind.DONE, m.count) if m.done else Step(0, StepKind.NOT_DONE, None, m.reason)
            )
            continue
        item = by_id[keys[0]]
        if m.done:
            result.steps.append(_done_step(item, m.count, reading.added))
        elif not item.done:
            result.steps.append(Step(item.assignment_id, StepKind.NOT_DONE, None, m.reason))
    if reading.mentions or reading.general is None:
        if not result.steps and not result.choices:
            result.nothing = not reading.mentions
        return _fix_templates(result, by_id, reading)
    pending = [i for i in items if not i.done]
    if reading.general == "not_done":
        target = replied or (pending[0] if len(pending) == 1 else None)
        if target is not None and not target.done:
            result.steps.append(Step(target.assignment_id, StepKind.NOT_DONE, None, reading.reason))
        elif pending:
            result.choices = [i.assignment_id for i in pending]
            result.template = Step(0, StepKind.NOT_DONE, None, reading.reason)
        else:
            result.nothing = True
        return result
    count = reading.count
    if replied is not None:  # a reply to a push: the push names the directive, the reply says done
        result.confirm = confirm
        result.steps.append(_done_step(replied, count, reading.added))
    elif recent is not None and (reading.added or (count and not recent_has_count)):
        # "phát được 3 buổi rồi" after ✅, "hôm nay phát thêm 2 buổi": about the report just made
        kind = StepKind.MORE if (reading.added or recent_has_count) else StepKind.COUNT
        result.steps.append(Step(recent.assignment_id, kind, count))
    elif len(pending) == 1:
        result.steps.append(Step(pending[0].assignment_id, StepKind.DONE, count))
    elif pending:
        result.choices = [i.assignment_id for i in pending]
        result.template = Step(0, StepKind.DONE, count)
        result.all_allowed = True
    elif recent is not None and count:
        result.steps.append(Step(recent.assignment_id, StepKind.MORE, count))
    else:
        result.nothing = True
    return result


def _fix_templates(result: Plan, by_id: dict[int, Item], reading: ReportReading) -> Plan:
    """A tie between a done and a pending assignment: done ones take more broadcasts, not a second done."""
    if result.template is not None and result.template.kind == StepKind.DONE and reading.added:
        result.template = Step(0, StepKind.MORE, result.template.count)
    return result
