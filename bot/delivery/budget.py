"""One send budget for everything the bot sends: Telegram's ~30 messages/s covers replies and pushes
together. Replies go first (a person is waiting); pushes take what is left.

`LocalBudget` is a token bucket in this process. With several processes the budget must be shared
(`bot.delivery.shared`): one elected process sends pushes, and replies of every process draw on a
limiter kept in Redis when REDIS_URL is set.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from enum import IntEnum
from typing import Protocol

__all__ = ["LocalBudget", "Priority", "SendBudget"]


class Priority(IntEnum):
    REPLY = 0  # an answer to the person in front of the bot
    PUSH = 1  # the outbox: directives, reminders, digests


class SendBudget(Protocol):
    """What the senders need from a budget."""

    rate: float

    async def acquire(self, priority: Priority) -> None:
        """Wait until one message may be sent now."""

    def pause(self, seconds: float) -> None:
        """Telegram said 429: nobody sends for `seconds`."""


class LocalBudget:
    """A token bucket of `rate` messages/s (with a small burst) whose waiters are served replies first,
    then in arrival order."""

    def __init__(self, rate: float, burst_seconds: float = 0.2) -> None:
        self.rate = float(rate)
        self.capacity = max(1.0, self.rate * burst_seconds)
        self.tokens = self.capacity
        self._stamp = time.monotonic()
        self._paused_until = 0.0
        self._waiters: list[tuple[int, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()
        self._timer: asyncio.TimerHandle | None = None
        self.granted = {Priority.REPLY: 0, Priority.PUSH: 0}

    async def acquire(self, priority: Priority = Priority.REPLY) -> None:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        heapq.heappush(self._waiters, (int(priority), next(self._seq), future))
        self._grant()
        try:
            await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():
                self.tokens = min(
                    self.capacity, self.tokens + 1
                )  # granted as we were cancelled: give it back
            raise
        self.granted[priority] += 1

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)
        self.tokens = min(self.tokens, 0.0)

    @property
    def waiting(self) -> int:
        return sum(1 for _, _, f in self._waiters if not f.done())

    def _refill(self, now: float) -> None:
        if now < self._paused_until:
            self._stamp = now
            return
        start = max(self._stamp, self._paused_until)
        self.tokens = min(self.capacity, self.tokens + (now - start) * self.rate)
        self._stamp = now

    def _grant(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        now = time.monotonic()
        self._refill(now)
        while self._waiters:
            _, _, future = self._waiters[0]
            if future.done():
                heapq.heappop(self._waiters)
                continue
            if self.tokens < 1.0 or now < self._paused_until:
                break
            heapq.heappop(self._waiters)
            self.tokens -= 1.0
            future.set_result(None)
        if self._waiters:
            wait = max(self._paused_until - now, (1.0 - self.tokens) / self.rate, 0.001)
            self._timer = asyncio.get_running_loop().call_later(wait, self._grant)
