"""Inline button payloads (callback_data ≤ 64 bytes). Every value is validated to its column's range when
unpacked (a tampered button matches no handler and gets "Nút này không hợp lệ"), and every press is
re-checked against the presser's rights."""

from __future__ import annotations

from typing import Annotated, Literal

from aiogram.filters.callback_data import CallbackData
from pydantic import Field

__all__ = [
    "ChoiceCb",
    "ConfirmCb",
    "DbId",
    "DeskAct",
    "DeskCb",
    "DetailCb",
    "EvidenceCb",
    "ExportCb",
    "MoveCb",
    "PageCb",
    "PageView",
    "ProgressCb",
    "PublishCb",
    "RadioCb",
    "RemindCb",
    "ReportCb",
    "StaffCb",
    "TopicCb",
    "UndoCb",
]

PageView = Literal["w", "n", "l", "p", "c"]
DbId = Annotated[int, Field(ge=0, le=2_147_483_647)]  # an INTEGER key on PostgreSQL and SQLite alike


class DetailCb(CallbackData, prefix="d"):
    directive_id: DbId


class RadioCb(CallbackData, prefix="rt"):
    """The bản tin of a directive; `docx` sends it as a file to print."""

    directive_id: DbId
    docx: bool = False


class ReportCb(CallbackData, prefix="r"):
    assignment_id: DbId


class ChoiceCb(CallbackData, prefix="rc"):
    """A pick in the "which one?" question after a free-text report; 0 means all of them."""

    assignment_id: DbId


class RemindCb(CallbackData, prefix="rm"):
    when: Literal["pm", "am"]  # this afternoon, tomorrow morning


class PublishCb(CallbackData, prefix="pb"):
    directive_id: DbId
    go: bool


class PageCb(CallbackData, prefix="pg"):
    """Another page of a list: "w" this week ("n" next, "l" last), "p" pending, "c" the "which one?" question."""

    view: PageView
    page: Annotated[int, Field(ge=0, le=1000)]


class MoveCb(CallbackData, prefix="mv"):
    """Confirm moving to the commune of the invite `code` (empty: stay where I am)."""

    code: Annotated[str, Field(max_length=32, pattern=r"^[A-Za-z0-9]*$")]


class ConfirmCb(CallbackData, prefix="ok"):
    """Yes/no to "Xác nhận đã phát …?" (the report waiting in the conversation state)."""

    yes: bool


class UndoCb(CallbackData, prefix="u"):
    """Undo one report (`report_id`), or every report of the message it came from; 0 keeps them."""

    report_id: DbId
    whole: bool = False
DeskAct = Literal["v", "n", "s", "t", "p", "d", "r", "ra", "go", "at", "un", "l", "x", "xy", "ok", "no"]


class DeskCb(CallbackData, prefix="dk"):
    """The publishing desk, on one directive: "v" view the preview; edit "n" number, "s" subject, "t" topics,
    "p" broadcast period, "d" deadline, "r" recipients ("ra" all of them); "go" publish now, "at" schedule,
    "un" unschedule, "l" keep as a draft; "x" recall ("xy" confirmed); "ok"/"no" send or drop a correction."""

    directive_id: DbId
    act: DeskAct


class TopicCb(CallbackData, prefix="dt"):
    """A topic of a directive at the desk: "e" rename, "x" drop, "a" add one (ordinal 0)."""

    directive_id: DbId
    ordinal: Annotated[int, Field(ge=0, le=999)]
    act: Literal["e", "x", "a"]


# ---------------------------------------------------------------- the office's desk (issue 13)


class EvidenceCb(CallbackData, prefix="ev"):
    """A page of a directive's evidence (pages run commune after commune)."""

    directive_id: DbId
    page: Annotated[int, Field(ge=0, le=100_000)]


class ProgressCb(CallbackData, prefix="pr"):
    """Under a directive's progress: "m" the communes that have not reported, "x" its report as Excel,
    "r" remind them."""

    directive_id: DbId
    act: Literal["m", "x", "r"]


class ExportCb(CallbackData, prefix="xb"):
    """The report upward: period "a" all, "w" this week, "m" this month, "l" last month; format "x" xlsx,
    "d" docx, "c" csv; optionally one directive."""

    period: Literal["a", "w", "m", "l"]
    fmt: Literal["x", "d", "c"]
    directive_id: DbId = 0


class StaffCb(CallbackData, prefix="st"):
    """Deactivate (`active` false) or reactivate this officer (a pick among several matches)."""

    officer_id: DbId
    active: bool
