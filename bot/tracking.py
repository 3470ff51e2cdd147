"""Which updates are being handled, for a clean stop (`bot.polling.stop_gracefully`).

An update counts from the moment the Dispatcher is fed it, before any middleware: aiogram's own FSM
middleware reads the state (from Redis when REDIS_URL is set) before ours run, and an update waiting there
must not be forgotten by a stop that aiogram has already confirmed to Telegram.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.types import Update

__all__ = ["TrackedDispatcher", "UpdateTracker"]


class UpdateTracker:
    """Counts the updates being handled and remembers the last one handled."""

    def __init__(self) -> None:
        self.busy = 0
        self.last_done: int | None = None
        self._idle = asyncio.Event()
        self._idle.set()

    def begin(self) -> None:
        self.busy += 1
        self._idle.clear()

    def end(self, update_id: int) -> None:
        self.busy -= 1
        self.last_done = max(self.last_done or 0, update_id)
        if not self.busy:
            self._idle.set()

    async def idle(self, within: float) -> bool:
        """True once no update is being handled (False if that took longer than `within` seconds)."""
        try:
            async with asyncio.timeout(within):
                await self._idle.wait()
        except TimeoutError:
            return False
        return True


class TrackedDispatcher(Dispatcher):
    """aiogram's Dispatcher, counting each update in `tracker` for as long as it is being handled."""

    def __init__(self, *, tracker: UpdateTracker, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.tracker = tracker

    async def feed_update(self, bot: Bot, update: Update, **kwargs: Any) -> Any:
        self.tracker.begin()
        try:
            return await super().feed_update(bot, update, **kwargs)
        finally:
            self.tracker.end(update.update_id)
