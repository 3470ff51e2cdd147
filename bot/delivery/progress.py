"""Live progress of a push for the admin who published it: one message, edited as sending goes on.

Watches are rows in the database, so a restarted bot picks up where the previous one stopped.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db import repo
from bot.db.database import Database
from bot.db.models import ProgressWatch, utcnow
from bot.delivery.outbox import Kind
from bot.services.periodic import run_every

__all__ = ["GIVE_UP_AFTER", "ProgressTracker"]

log = logging.getLogger(__name__)

GIVE_UP_AFTER = timedelta(days=3)  # a push still unfinished by then is stuck; its message stops updating
_GONE = ("message to edit not found", "message can't be edited", "chat not found")


async def _progress_text(session: AsyncSession, w: ProgressWatch) -> tuple[str, bool]:
    counts = await repo.outbox_counts(session, kind=Kind.DIRECTIVE, ref=str(w.directive_id))
    total = sum(counts.values())
    failed = counts["failed"] + counts["dead"]
    if counts["queued"]:
        done = counts["sent"] + failed
        text = texts.ADMIN_PROGRESS.format(
            number=w.number, done=done, total=total, sent=counts["sent"], failed=failed
        )
        return text, False
    text = texts.ADMIN_PROGRESS_DONE.format(number=w.number, sent=counts["sent"], total=total, failed=failed)
    unreached = await repo.undelivered_units(session, Kind.DIRECTIVE, str(w.directive_id))
    if unreached:
        text += texts.ADMIN_PROGRESS_UNREACHED.format(units=", ".join(unreached)[:3000])
    return text, True


class ProgressTracker:
    """Edits each watched progress message every `interval` seconds until its push is finished."""

    def __init__(self, bot: Bot, db: Database, interval: float = 2.0) -> None:
        self.bot = bot
        self.db = db
        self.interval = interval

    async def tick(self, now: datetime | None = None) -> int:
        """Update every open watch once; returns how many are still open. Finished pushes get their summary."""
        now = now or utcnow()
        async with self.db.read() as session:  # read, then edit with no transaction held open
            watches = await repo.open_progress_watches(session)
            texts_now = [await _progress_text(session, w) for w in watches]
        still_open = 0
        changed = []
        for w, (text, finished) in zip(watches, texts_now, strict=True):
            before = (w.last_text, w.finished_at)
            if text != w.last_text:
                try:
                    shown = await self._edit(w, text)
                except (TelegramAPIError, OSError) as exc:
                    log.warning("progress watch %s not updated, will retry: %s", w.id, exc)
                    still_open += 1
                    continue
                if shown:
                    w.last_text = text
                else:
                    w.finished_at = now
            if w.finished_at is None and (finished or now - w.created_at > GIVE_UP_AFTER):
                w.finished_at = now
            still_open += w.finished_at is None
            if (w.last_text, w.finished_at) != before:
                changed.append(w)
        if changed:
            async with self.db.write() as session:
                await repo.save_progress_watches(session, changed)
        return still_open

    async def _edit(self, w: ProgressWatch, text: str) -> bool:
        """True when the message now shows `text`; False when it is gone for good; raises on a passing failure."""
        try:
            await self.bot.edit_message_text(text=text, chat_id=w.chat_id, message_id=w.message_id)
        except TelegramBadRequest as exc:
            if "message is not modified" in exc.message:
                return True
            if any(reason in exc.message for reason in _GONE):
                log.warning("progress watch %s: its message is gone: %s", w.id, exc.message)
                return False
            raise
        return True

    async def run(self) -> None:
        await run_every(self.interval, self.tick, "progress update")
