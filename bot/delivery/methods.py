"""sendMessage as the outbox worker sends it, lighter than aiogram's `SendMessage` for the thousands of
pushes a directive makes: the keyboard arrives as JSON built once per directive, the call goes as a JSON
body (which the Bot API accepts for every method) encoded in one step instead of through aiogram's
recursive value preparation and a percent-encoded form, and only the message id is read back instead of
a whole `Message`."""

from __future__ import annotations

import json
from typing import cast

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType
from aiohttp import ClientError, ClientTimeout
from pydantic import BaseModel, ConfigDict

__all__ = ["BotSession", "PushMessage", "SentMessage", "push_message"]

NO_LINK_PREVIEW = '{"is_disabled":true}'
_JSON = {"Content-Type": "application/json"}


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

    def body(self) -> bytes:
        """The call as a JSON body: the text encoded once, the keyboard and preview options as they are."""
        parts = [
            f'"chat_id":{self.chat_id}',
            f'"text":{json.dumps(self.text)}',  # ASCII escapes: no text can fail to encode
            f'"parse_mode":{json.dumps(self.parse_mode)}',
            f'"link_preview_options":{self.link_preview_options}',
        ]
        if self.reply_markup is not None:
            parts.append(f'"reply_markup":{self.reply_markup}')
        return ("{" + ",".join(parts) + "}").encode()


def push_message(chat_id: int, text: str, markup_json: str | None) -> PushMessage:
    return PushMessage(chat_id=chat_id, text=text, reply_markup=markup_json)


class BotSession(AiohttpSession):
    """aiogram's aiohttp session; a `PushMessage` goes as its ready-made JSON body (every other call as
    aiogram builds it). Errors are aiogram's own, so the send policy and the worker see no difference."""

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 (aiogram's signature)
    ) -> TelegramType:
        if not isinstance(method, PushMessage):
            return await super().make_request(bot, method, timeout)
        session = await self.create_session()
        url = self.api.api_url(token=bot.token, method=method.__api_method__)
        limit = ClientTimeout(total=self.timeout if timeout is None else timeout)
        try:
            async with session.post(url, data=method.body(), headers=_JSON, timeout=limit) as resp:
                raw = await resp.text()
        except TimeoutError as e:
            raise TelegramNetworkError(method=method, message="Request timeout error") from e
        except ClientError as e:
            raise TelegramNetworkError(method=method, message=f"{type(e).__name__}: {e}") from e
        response = self.check_response(bot=bot, method=method, status_code=resp.status, content=raw)
        return cast(TelegramType, response.result)
