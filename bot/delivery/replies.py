"""How every Bot API call leaves this process (an aiogram session middleware).

- Never from inside a database context: a call made while a `Database.read()`/`write()` block is open in
  the same task raises `CallInsideTransaction`, so a handler cannot hold a connection (on SQLite, the
  write lock) while Telegram takes its 200 ms.
- Sending calls draw on the one send budget: replies first, pushes (the outbox worker, which marks its own
  calls with `pushing()`) after them.
- A reply is retried until it goes through: a 429 is waited out, a 5xx, a timeout or a network error is
  retried with backoff (bounded). What the person did was committed before the reply, so a reply that
  finally fails undoes nothing. A retried reply may arrive twice when Telegram got the first one but its
  answer was lost: Telegram has no idempotency key.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import (
    CopyMessage,
    EditMessageCaption,
    EditMessageReplyMarkup,
    EditMessageText,
    ForwardMessage,
    GetUpdates,
    SendAudio,
    SendDocument,
    SendMediaGroup,
    SendMessage,
    SendPhoto,
    SendVideo,
    SendVoice,
    TelegramMethod,
)
from aiogram.methods.base import Response, TelegramType

from bot.db.database import in_transaction
from bot.delivery.budget import Priority, SendBudget
from bot.delivery.methods import PushMessage

__all__ = ["SENDING_METHODS", "CallInsideTransaction", "SendPolicy", "is_pushing", "pushing"]

log = logging.getLogger(__name__)

SENDING_METHODS: tuple[type[TelegramMethod[Any]], ...] = (
    SendMessage,
    PushMessage,
    SendDocument,
    SendPhoto,
    SendVoice,
    SendVideo,
    SendAudio,
    SendMediaGroup,
    CopyMessage,
    ForwardMessage,
    EditMessageText,
    EditMessageReplyMarkup,
    EditMessageCaption,
)

_pushing: ContextVar[bool] = ContextVar("loaxa_pushing", default=False)


@contextlib.contextmanager
def pushing() -> Iterator[None]:
    """Calls made inside are the outbox worker's: it has drawn on the budget and handles faults itself."""
    token = _pushing.set(True)
    try:
        yield
    finally:
        _pushing.reset(token)


def is_pushing() -> bool:
    """True inside `pushing()`: the call is the outbox worker's (for metrics)."""
    return _pushing.get()


class CallInsideTransaction(RuntimeError):
    """A Telegram call made with a database session open in the same task."""


class SendPolicy(BaseRequestMiddleware):
    """The budget, the retries and the no-call-inside-a-transaction rule, for every call of one Bot."""

    def __init__(
        self,
        budget: SendBudget,
        *,
        attempts: int = 5,
        backoff: float = 0.25,
        max_wait: float = 120.0,
    ) -> None:
        self.budget = budget
        self.attempts = attempts
        self.backoff = backoff
        self.max_wait = max_wait
        self.retried = 0
        self.waited_429 = 0.0

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if in_transaction():
            raise CallInsideTransaction(f"{type(method).__name__} called inside a database transaction")
        if isinstance(method, GetUpdates) or _pushing.get():
            return await make_request(bot, method)
        counted = isinstance(method, SENDING_METHODS)
        failures = 0
        waited = 0.0
        while True:
            if counted:
                await self.budget.acquire(Priority.REPLY)
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                if waited + exc.retry_after > self.max_wait:
                    raise
                waited += exc.retry_after
                self.waited_429 += exc.retry_after
                log.warning("%s: 429, waiting %s s", type(method).__name__, exc.retry_after)
                await asyncio.sleep(exc.retry_after)
            except (TelegramServerError, TelegramNetworkError) as exc:
                failures += 1
                if failures >= self.attempts:
                    raise
                delay = self.backoff * 2 ** (failures - 1) * (0.75 + 0.5 * random.random())
                log.warning("%s failed (%s), retry %d in %.2f s", type(method).__name__, exc, failures, delay)
                self.retried += 1
                await asyncio.sleep(delay)
