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
    "DetailCb",
    "MoveCb",
    "PageCb",
    "PageView",
    "PublishCb",
    "RadioCb",
    "RemindCb",
    "ReportCb",
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
