"""Live progress of a push for the admin who published it: one message, edited as sending goes on."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import texts
from bot.db import repo

__all__ = ["ProgressTracker"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Watch:
    chat_id: int
    message_id: int
    directive_id: int
    number: str
    last_text: str = ""


class ProgressTracker:
    """Edits each watched progress message every `interval` seconds until its push is finished."""

    def __init__(self, bot: Bot, sessions: async_sessionmaker[AsyncSession], interval: float = 2.0) -> None:
        self.bot = bot
        self.sessions = sessions
        self.interval = interval
        self.watches: list[_Watch] = []

    def watch(self, chat_id: int, message_id: int, directive_id: int, number: str) -> None:
        self.watches.append(_Watch(chat_id, message_id, directive_id, number))

    async def tick(self) -> None:
        """Update every watched message once; finished pushes get their summary and are dropped."""
        for w in list(self.watches):
            async with self.sessions() as session:
                counts = await repo.outbox_counts(session, kind="directive", ref=str(w.directive_id))
                total = sum(counts.values())
                done = counts["sent"] + counts["failed"] + counts["dead"]
                failed = counts["failed"] + counts["dead"]
                finished = counts["queued"] == 0
                if finished:
                    text = texts.ADMIN_PROGRESS_DONE.format(
                        number=w.number, sent=counts["sent"], total=total, failed=failed
                    )
                    unreached = await repo.undelivered_units(session, "directive", str(w.directive_id))
                    if unreached:
                        text += texts.ADMIN_PROGRESS_UNREACHED.format(units=", ".join(unreached)[:3000])
                else:
                    text = texts.ADMIN_PROGRESS.format(
                        number=w.number, done=done, total=total, sent=counts["sent"], failed=failed
                    )
            if text != w.last_text:
                try:
                    await self.bot.edit_message_text(text=text, chat_id=w.chat_id, message_id=w.message_id)
                    w.last_text = text
                except TelegramAPIError as exc:
                    log.warning("progress edit failed: %s", exc)
            if finished and text == w.last_text:
                self.watches.remove(w)

    async def run(self) -> None:
        while True:
            with contextlib.suppress(Exception):
                await self.tick()
            await asyncio.sleep(self.interval)
