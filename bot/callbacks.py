"""Inline button payloads (callback_data ≤ 64 bytes). Every press is re-checked against the presser's rights."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

__all__ = ["ChoiceCb", "DetailCb", "PageCb", "PublishCb", "RadioCb", "RemindCb", "ReportCb"]


class DetailCb(CallbackData, prefix="d"):
    directive_id: int


class RadioCb(CallbackData, prefix="rt"):
    directive_id: int
    ordinal: int


class ReportCb(CallbackData, prefix="r"):
    assignment_id: int


class ChoiceCb(CallbackData, prefix="rc"):
    """A pick in the "which one?" question after a free-text report; 0 means all of them."""

    assignment_id: int


class RemindCb(CallbackData, prefix="rm"):
    when: str  # "pm" this afternoon, "am" tomorrow morning


class PublishCb(CallbackData, prefix="pb"):
    directive_id: int
    go: bool


class PageCb(CallbackData, prefix="pg"):
    """Another page of a list: "w" this week, "p" pending, "c" the "which one?" question."""

    view: str
    page: int
