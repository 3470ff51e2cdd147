"""sendMessage as the outbox worker sends it, lighter than aiogram's `SendMessage` for the thousands of
pushes a directive makes: the keyboard goes as JSON serialised once (by pydantic-core) instead of through
aiogram's recursive value preparation, and only the message id is read back instead of a whole `Message`.
On the wire it is the same sendMessage call (a form, `reply_markup` as a JSON string)."""

from __future__ import annotations

from aiogram.enums import ParseMode
from aiogram.methods import TelegramMethod
from aiogram.types import InlineKeyboardMarkup
from pydantic import BaseModel, ConfigDict

__all__ = ["PushMessage", "SentMessage", "push_message"]

NO_LINK_PREVIEW = '{"is_disabled":true}'


class SentMessage(BaseModel):
    """What the outbox keeps of the message Telegram created."""

    model_config = ConfigDict(extra="ignore")

    message_id: int


class PushMessage(TelegramMethod[SentMessage]):
    __returning__ = SentMessage
    __api_method__ = "sendMessage"

    chat_id: int
    text: str
    parse_mode: str = ParseMode.HTML
    link_preview_options: str = NO_LINK_PREVIEW
    reply_markup: str | None = None


def push_message(chat_id: int, text: str, markup: InlineKeyboardMarkup | None) -> PushMessage:
    return PushMessage(
        chat_id=chat_id,
        text=text,
        reply_markup=markup.model_dump_json(exclude_none=True) if markup is not None else None,
    )
