"""A clean stop waits for every update aiogram has taken from Telegram (`bot.tracking`): an update counts
from the moment the Dispatcher is fed it, also while aiogram's own FSM middleware is still reading the
state from a storage far away (Redis), before any middleware of ours has run."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.types import Update

from bot.app import build_app
from bot.localapi import LocalBotAPI
from tests.helpers.settings import make_settings, migrated_sqlite


class FarStorage(MemoryStorage):
    """aiogram's storage, answering `get_state` only when the test lets it (a Redis across the network)."""

    def __init__(self) -> None:
        super().__init__()
        self.reading = asyncio.Event()
        self.answer = asyncio.Event()

    async def get_state(self, key: StorageKey) -> str | None:
        self.reading.set()
        await self.answer.wait()
        return await super().get_state(key)


async def test_an_update_counts_while_aiogram_still_reads_its_state(tmp_path: Path) -> None:
    api = LocalBotAPI()
    base = await api.start()
    settings = make_settings(database_url=migrated_sqlite(tmp_path / "bot.db"), telegram_api_base=base)
    storage = FarStorage()
    app = await build_app(settings, token=api.token, scheduler=False, storage=storage)
    try:
        raw: dict[str, Any] = {
            "update_id": 41,
            "message": {
                "message_id": 1,
                "date": 1_700_000_000,
                "chat": {"id": 777, "type": "private", "first_name": "Lan"},
                "from": {"id": 777, "is_bot": False, "first_name": "Lan"},
                "text": "/start",
            },
        }
        update = Update.model_validate(raw, context={"bot": app.bot})
        handling = asyncio.create_task(app.dp.feed_update(app.bot, update))
        await asyncio.wait_for(storage.reading.wait(), 5)
        assert app.tracker.busy == 1  # counted before aiogram's FSM middleware got its answer
        assert not await app.tracker.idle(0.05)  # a stop now waits for it
        storage.answer.set()
        await asyncio.wait_for(handling, 10)
        assert app.tracker.busy == 0 and app.tracker.last_done == 41
        assert await app.tracker.idle(0.05)
        assert any(e.kind == "send" and e.chat_id == 777 for e in api.events)  # and it was answered
    finally:
        await app.close()
        await api.close()
