"""The outbox worker: sends queued rows at Telegram's limits, retries what can be retried, loses nothing.

- One global rate (DELIVERY_RATE, or DELIVERY_PAID_RATE for paid broadcast) through aiolimiter, with a
  small burst so the sender never outruns Telegram's own bucket; at most one message per
  DELIVERY_CHAT_INTERVAL to one chat.
- 429: the whole sender pauses for retry_after; the row goes back to the queue (not an attempt).
- 5xx, timeouts, network errors: retried with exponential backoff up to DELIVERY_MAX_ATTEMPTS, then failed.
- 403 (blocked, deactivated): the officer is made inactive and the row is dead. 400 chat not found: dead.
- Rows are claimed with a lease. Up to ~100 messages/s the worker sends one message at a time and marks
  it sent right after Telegram accepts it, so a crash repeats at most the one message in flight. Above
  that (paid broadcast) it pipelines sends and writes the "sent" marks every 50 ms, so a crash may
  repeat the messages of that last window.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiolimiter import AsyncLimiter
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.db import repo
from bot.db.models import Delivery, utcnow
from bot.delivery.render import Outgoing, render_batch

__all__ = ["DeliveryWorker", "WorkerStats"]

log = logging.getLogger(__name__)


class WorkerStats:
    def __init__(self) -> None:
        self.sent = 0
        self.retried = 0
        self.failed = 0
        self.dead = 0
        self.rate_limited = 0


class DeliveryWorker:
    """Claims due outbox rows and sends them. `tick()` does one pass; `run()` loops until cancelled."""

    def __init__(
        self,
        bot: Bot,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
        *,
        lease_seconds: float = 30.0,
        request_timeout: float = 10.0,
        concurrency: int | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.bot = bot
        self.sessions = sessions
        self.settings = settings
        self.rate = settings.effective_rate
        self.chat_interval = settings.delivery_chat_interval
        self.max_attempts = settings.delivery_max_attempts
        self.lease = timedelta(seconds=lease_seconds)
        self.request_timeout = request_timeout
        # One send in flight up to ~100 messages/s keeps a crash's duplicates to one; above that, pipelining.
        self.concurrency = concurrency or max(1, math.ceil(self.rate / 100))
        self.clock = clock
        period = 0.2 if self.rate >= 5 else 1.0
        self.limiter = AsyncLimiter(max(1.0, self.rate * period), period)
        self.stats = WorkerStats()
        self.batch_marks = self.concurrency > 1
        self.mark_interval = 0.05
        self._marks: list[tuple[int, int, datetime]] = []
        self._marks_flushed = 0.0
        self._paused_until = 0.0
        self._chat_next: dict[int, float] = {}
        self._wake = asyncio.Event()
        self.on_sent: Callable[[Delivery], None] | None = None

    def wake(self) -> None:
        """New rows were queued by this process: look now instead of at the next poll."""
        self._wake.set()

    @property
    def batch_size(self) -> int:
        return max(self.concurrency * 4, min(500, int(self.rate)))

    async def _claim(self, limit: int) -> list[tuple[Delivery, Outgoing | None]]:
        token = secrets.token_hex(8)
        now = self.clock()
        async with self.sessions.begin() as session:
            rows = await repo.claim_deliveries(
                session, now=now, lease_until=now + self.lease, token=token, limit=limit
            )
        if not rows:
            return []
        async with self.sessions() as session:
            rendered = await render_batch(session, rows, now, self.settings.tz)
        return [(row, rendered.get(row.id)) for row in rows]

    async def run(self) -> None:
        """Keep the senders fed: the next batch is claimed while the current one is still going out."""
        queue: asyncio.Queue[tuple[Delivery, Outgoing | None]] = asyncio.Queue()
        consumers = [asyncio.create_task(self._consume_forever(queue)) for _ in range(self.concurrency)]
        loop = asyncio.get_running_loop()
        try:
            while True:
                claimed = 0
                if queue.qsize() < self.batch_size // 2 + 1:
                    try:
                        items = await self._claim(self.batch_size)
                    except asyncio.CancelledError:
                        raise
                    except Exception:
                        log.exception("delivery claim failed")
                        items = []
                    for item in items:
                        queue.put_nowait(item)
                    claimed = len(items)
                if self._marks and loop.time() - self._marks_flushed >= self.mark_interval:
                    await self.flush_marks()
                if claimed:
                    await asyncio.sleep(0)
                    continue
                if queue.qsize():
                    await asyncio.sleep(0.02)
                    continue
                await self.flush_marks()
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.settings.delivery_poll_interval)
        finally:
            for c in consumers:
                c.cancel()
            await asyncio.gather(*consumers, return_exceptions=True)
            try:
                await asyncio.shield(self.flush_marks())
            except Exception:
                log.exception("could not record the last sends at shutdown; they may be sent again")

    async def _consume_forever(self, queue: asyncio.Queue[tuple[Delivery, Outgoing | None]]) -> None:
        while True:
            row, outgoing = await queue.get()
            # A stop (cancel) lets the send in flight finish and be recorded, so it is never repeated.
            delivery = asyncio.ensure_future(self._deliver(row, outgoing))
            try:
                await asyncio.shield(delivery)
            except asyncio.CancelledError:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(delivery, self.request_timeout + 5)
                raise
            except Exception:
                log.exception("delivery of row %s failed", row.id)

    async def tick(self) -> int:
        """Claim one batch of due rows and send them; returns how many rows were handled (tests call this)."""
        items = await self._claim(self.batch_size)
        if not items:
            return 0
        queue: asyncio.Queue[tuple[Delivery, Outgoing | None]] = asyncio.Queue()
        for item in items:
            queue.put_nowait(item)
        workers = [
            asyncio.create_task(self._consume(queue)) for _ in range(min(self.concurrency, len(items)))
        ]
        try:
            await asyncio.gather(*workers)
        finally:
            for w in workers:
                w.cancel()
            await self.flush_marks()
        return len(items)

    async def flush_marks(self) -> None:
        """Write the pending "sent" marks (pipelined mode) in one transaction."""
        marks, self._marks = self._marks, []
        self._marks_flushed = asyncio.get_running_loop().time()
        if marks:
            async with self.sessions.begin() as session:
                await repo.mark_deliveries_sent(session, marks)

    async def _consume(self, queue: asyncio.Queue[tuple[Delivery, Outgoing | None]]) -> None:
        while True:
            try:
                row, outgoing = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            await self._deliver(row, outgoing)

    async def _pace(self, chat_id: int) -> None:
        loop = asyncio.get_running_loop()
        while True:
            wait = max(self._paused_until - loop.time(), self._chat_next.get(chat_id, 0.0) - loop.time())
            if wait <= 0:
                break
            await asyncio.sleep(wait)
        await self.limiter.acquire()
        # a 429 may arrive while we wait for the limiter, and later ones may push the deadline further
        while self._paused_until > loop.time():  # noqa: ASYNC110
            await asyncio.sleep(self._paused_until - loop.time())
        self._chat_next[chat_id] = loop.time() + self.chat_interval

    async def _deliver(self, row: Delivery, outgoing: Outgoing | None) -> None:
        if outgoing is None:
            await self._mark(row, status="dead", last_error="obsolete: nothing to send any more")
            self.stats.dead += 1
            return
        await self._pace(row.chat_id)
        margin = timedelta(seconds=min(self.request_timeout + 2, self.lease.total_seconds() / 2))
        if row.claimed_until is not None and row.claimed_until - self.clock() < margin:
            return  # its lease ran out while we waited (long 429 pause): another worker may own it now
        try:
            if outgoing.edit_message_id:
                result = await self.bot.edit_message_text(
                    text=outgoing.text,
                    chat_id=row.chat_id,
                    message_id=outgoing.edit_message_id,
                    reply_markup=outgoing.reply_markup,
                    request_timeout=int(self.request_timeout),
                )
                message_id = getattr(result, "message_id", outgoing.edit_message_id)
            else:
                message = await self.bot.send_message(
                    row.chat_id,
                    outgoing.text,
                    reply_markup=outgoing.reply_markup,
                    request_timeout=int(self.request_timeout),
                )
                message_id = message.message_id
        except TelegramRetryAfter as exc:
            loop = asyncio.get_running_loop()
            self._paused_until = max(self._paused_until, loop.time() + exc.retry_after)
            self.stats.rate_limited += 1
            await self._mark(row, not_before=self.clock() + timedelta(seconds=exc.retry_after))
            return
        except TelegramForbiddenError as exc:
            await self._forbidden(row, exc)
            return
        except (TelegramBadRequest, TelegramNotFound) as exc:
            if "not modified" in exc.message:
                await self._mark(row, status="sent", sent_at=self.clock())
                return
            self.stats.dead += 1
            await self._mark(row, status="dead", last_error=exc.message[:500])
            return
        except (
            TelegramServerError,
            TelegramNetworkError,
            TelegramAPIError,
            ClientDecodeError,
            TimeoutError,
            OSError,
        ) as exc:
            await self._retry(row, f"{type(exc).__name__}: {exc}"[:500])
            return
        if self.batch_marks:
            self._marks.append((row.id, message_id, self.clock()))
            if (
                len(self._marks) >= 200
                or asyncio.get_running_loop().time() - self._marks_flushed >= self.mark_interval
            ):
                await self.flush_marks()
        else:
            await self._mark(row, status="sent", telegram_message_id=message_id, sent_at=self.clock())
        self.stats.sent += 1
        if self.on_sent:
            self.on_sent(row)

    async def _retry(self, row: Delivery, error: str) -> None:
        attempts = row.attempts + 1
        if attempts >= self.max_attempts:
            self.stats.failed += 1
            await self._mark(row, status="failed", attempts=attempts, last_error=error)
            return
        self.stats.retried += 1
        backoff = min(60.0, 0.1 * 4 ** (attempts - 1)) * (0.8 + 0.4 * random.random())
        await self._mark(
            row, attempts=attempts, not_before=self.clock() + timedelta(seconds=backoff), last_error=error
        )

    async def _forbidden(self, row: Delivery, exc: TelegramForbiddenError) -> None:
        self.stats.dead += 1
        async with self.sessions.begin() as session:
            if row.officer_id is not None:
                await repo.deactivate_officer(session, row.officer_id, exc.message[:200], self.clock())
            await repo.mark_delivery(
                session, row.id, status="dead", attempts=row.attempts + 1, last_error=exc.message[:500]
            )

    async def _mark(self, row: Delivery, **values: object) -> None:
        for attempt in range(5):
            try:
                async with self.sessions.begin() as session:
                    await repo.mark_delivery(session, row.id, **values)
                return
            except Exception:
                if attempt == 4:
                    raise
                log.warning("could not mark delivery %s, retrying", row.id, exc_info=True)
                await asyncio.sleep(0.05 * 2**attempt)
