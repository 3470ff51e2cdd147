"""End-to-end harness: the real bot, polling the local Bot API over HTTP through aiogram's own session."""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher

from bot.app import App, Background, build_app
from bot.config import Settings
from bot.db import repo
from bot.db.models import Directive, Officer, Unit, utcnow
from bot.directives import parse_text
from bot.localapi import BotEvent, Limits, LocalBotAPI, Network
from bot.services import directives as service
from bot.services.registration import create_invite
from bot.services.setup import Database
from bot.services.units import commune_units
from tests.helpers.settings import SAMPLES, make_settings, migrated_sqlite
from tests.helpers.synth import directive_text


@dataclass
class Harness:
    api: LocalBotAPI
    app: App
    polling: asyncio.Task[None]
    done: set[int]

    @property
    def settings(self) -> Settings:
        return self.app.settings

    @property
    def db(self) -> Database:
        return self.app.db

    @property
    def bot(self) -> Bot:
        return self.app.bot

    @property
    def dp(self) -> Dispatcher:
        return self.app.dp

    @property
    def background(self) -> Background:
        return self.app.background

    async def handled(self, update_id: int, within: float = 20.0) -> bool:
        """True once the bot has finished handling the update (its handler returned or failed)."""
        return await self.api.wait_until(lambda: update_id in self.done, within)

    async def _run(self, chat_id: int, update_id: int) -> list[BotEvent]:
        start = len(self.api.events)
        assert await self.handled(update_id), "the bot did not handle the update in time"
        await asyncio.sleep(0)
        return [e for e in self.api.events[start:] if e.chat_id in (chat_id, None)]

    async def send(self, user_id: int, text: str, *, reply_to: int | None = None) -> list[BotEvent]:
        """The user sends a text; returns what the bot did in reply (sends, edits, callback answers)."""
        return await self._run(
            user_id, self.api.send_text(user_id, text, reply_to=reply_to, first_name=f"Cán bộ {user_id}")
        )

    async def press(self, user_id: int, message_id: int, data: str) -> list[BotEvent]:
        return await self._run(user_id, self.api.press(user_id, message_id, data))

    async def photo(self, user_id: int, caption: str | None = None) -> list[BotEvent]:
        return await self._run(user_id, self.api.send_photo(user_id, caption=caption))

    async def document(
        self, user_id: int, data: bytes, name: str, caption: str | None = None
    ) -> list[BotEvent]:
        return await self._run(user_id, self.api.send_document(user_id, data, name, caption=caption))

    async def sticker(self, user_id: int) -> list[BotEvent]:
        return await self._run(user_id, self.api.send_sticker(user_id))

    async def unit(self, name: str) -> Unit:
        async with self.db.read() as session:
            return next(u for u in await commune_units(session, self.settings.province) if u.name == name)

    async def invite(self, unit_name: str, role: str = "officer") -> str:
        unit = await self.unit(unit_name)
        async with self.db.write() as session:
            return (await create_invite(session, unit, role)).code

    async def register(self, user_id: int, unit_name: str, role: str = "officer") -> Officer:
        code = await self.invite(unit_name, role)
        await self.send(user_id, f"/start {code}")
        async with self.db.read() as session:
            officer = await repo.officer_by_telegram(session, user_id)
        assert officer is not None
        return officer

    async def publish(self, sample: str, units: list[str] | None = None) -> Directive:
        """Import a sample directive and publish it (to the named communes, or all)."""
        async with self.db.write() as session:
            result = await service.import_file(session, next(SAMPLES.glob(f"{sample}*")))
            communes = await commune_units(session, self.settings.province)
            targets = [u for u in communes if units is None or u.name in units]
            await service.publish(session, result.directive, targets)
        self.background.worker.wake()
        return result.directive

    async def publish_generated(self, count: int, units: list[str], seed: int = 7) -> list[Directive]:
        """Publish `count` generated directives (tests/helpers/synth) to the named communes, due in 10 days."""
        rng = random.Random(seed)
        out = []
        async with self.db.write() as session:
            targets = [u for u in await commune_units(session, self.settings.province) if u.name in units]
            for i in range(count):
                imported = await service.import_parsed(
                    session, parse_text(directive_text(rng, 7000 + i)), f"g{i}.txt"
                )
                due = (utcnow() + timedelta(days=10)).date()
                await service.publish(session, imported.directive, targets, due=due)
                out.append(imported.directive)
        self.background.worker.wake()
        return out

    async def wait_messages(self, chat_id: int, count: int, within: float = 10.0) -> list[dict]:
        assert await self.api.wait_until(lambda: len(self.api.messages(chat_id)) >= count, within)
        return self.api.messages(chat_id)


@contextlib.asynccontextmanager
async def running_bot(
    tmp_path: Path,
    *,
    network: Network | None = None,
    limits: Limits | None = None,
    concurrent: bool = False,
    timeout_delay: float = 30.0,
    **overrides: object,
) -> AsyncIterator[Harness]:
    """The real bot polling a local Bot API (with `network` latency and faults, and Telegram's flood
    `limits`, when given). `concurrent`
    handles updates as tasks, as `run` does; otherwise one at a time, so that a test can wait for each."""
    api = LocalBotAPI(network=network, limits=limits, timeout_delay=timeout_delay)
    base = await api.start()
    province = str(overrides.get("province", "lang_son"))
    values: dict[str, object] = {
        "database_url": migrated_sqlite(tmp_path / "bot.db", province)
        if "database_url" not in overrides
        else overrides["database_url"],
        "telegram_api_base": base,
        "delivery_poll_interval": 0.1,
        "delivery_chat_interval": 0.0,
    }
    values.update(overrides)
    settings = make_settings(**values)
    app = await build_app(settings, token=api.token, scheduler=False, parse_in_process=False)
    done: set[int] = set()

    async def record_done(handler: Any, event: Any, data: dict[str, Any]) -> Any:
        try:
            return await handler(event, data)
        finally:
            done.add(event.update_id)
            api._notify()

    app.dp.update.outer_middleware.register(record_done)
    tracker = app.tracker
    polling = asyncio.create_task(
        app.dp.start_polling(app.bot, handle_signals=False, handle_as_tasks=concurrent, polling_timeout=1)
    )
    harness = Harness(api, app, polling, done)
    try:
        assert await api.wait_until(lambda: api.requests["getUpdates"] > 0, 10)
        yield harness
    finally:
        with contextlib.suppress(RuntimeError):
            await app.dp.stop_polling()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(polling, 10)
        await tracker.idle(15)  # handlers still running as tasks would otherwise call a closed session
        await app.close()
        await api.close()


def texts_of(events: list[BotEvent], kind: str = "send") -> list[str]:
    return [e.text or "" for e in events if e.kind == kind]
