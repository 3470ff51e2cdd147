"""The outbox worker: sends queued rows at Telegram's limit whatever the round trip, loses nothing.

Pace. Every send draws on the shared send budget (DELIVERY_RATE for replies and pushes together, replies
first); at most one message per DELIVERY_CHAT_INTERVAL goes to one chat. Several sends are in flight at
once (Little's law): rate × the shortest round trip of the last few dozen sends, doubled (as BBR does),
so a busy CPU's own queue does not inflate the window; never more than DELIVERY_MAX_IN_FLIGHT.

Faults. A 429 pauses every sender for retry_after. A 5xx, a timeout or a network error puts that one
message back, ahead of the rows claimed after it, 50 ms later and then ×5 each time; after
DELIVERY_MAX_ATTEMPTS it is failed (`outbox --retry-failed`). The chat interval counts the sends that may
have reached the chat: a retry after a 5xx (Telegram answered that the call failed) does not wait it, one
after a timeout does; a 5xx that had delivered after all is repeated, as any retry may be. 403 (blocked,
deleted account) deactivates the officer; "chat not found" is dead.

Guarantee. Telegram has no idempotency key. A send stays in flight until its outcome is committed (group
commit, `bot.delivery.marks`) and never more are in flight than the window: a crash (SIGKILL, power loss)
can repeat at most those messages and loses none. A clean stop (SIGTERM) lets the sends in flight finish
and be recorded and hands the other claimed rows back: nothing is repeated.

Claims. Rows are claimed in batches, ahead of need and in the background, with a lease of DELIVERY_LEASE
seconds renewed while held; when a worker dies another takes its rows over once the lease ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
import math
import secrets
from collections import deque
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
)

from bot.config import Settings
from bot.db import repo
from bot.db.database import Database
from bot.db.models import Delivery, DeliveryStatus, utcnow
from bot.delivery import sending
from bot.delivery.budget import LocalBudget, Priority, SendBudget
from bot.delivery.marks import MarkWriter, Outcome
from bot.delivery.render import render_batch
from bot.delivery.sending import Job, RoundTrip, WorkerStats, max_in_flight

__all__ = ["DeliveryWorker", "WorkerStats", "max_in_flight"]

log = logging.getLogger(__name__)


class DeliveryWorker:
    """Claims due outbox rows and sends them. `run()` until cancelled; `tick()` sends one batch (tests)."""

    def __init__(
        self,
        bot: Bot,
        db: Database,
        settings: Settings,
        budget: SendBudget | None = None,
        *,
        lease_seconds: float | None = None,
        request_timeout: float = 10.0,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.bot = bot
        self.db = db
        self.settings = settings
        self.rate = settings.effective_rate
        self.budget = budget or LocalBudget(self.rate)
        self.chat_interval = settings.delivery_chat_interval
        self.max_attempts = settings.delivery_max_attempts
        self.lease = lease_seconds if lease_seconds is not None else settings.delivery_lease
        self.request_timeout = request_timeout
        self.clock = clock
        self.window_cap = max_in_flight(settings)
        self.stats = WorkerStats()
        self.marks = MarkWriter(db)
        self.rtt = RoundTrip()
        self.on_sent: Callable[[Delivery], None] | None = None
        self.grace = min(8.0, request_timeout)
        self._ready: deque[Job] = deque()
        self._later: list[tuple[float, int, Job]] = []
        self._seq = itertools.count()
        self._held: dict[int, Job] = {}
        self._chat_busy: dict[int, deque[Job]] = {}
        self._chat_next: dict[int, float] = {}
        self._in_flight: dict[asyncio.Task[None], Job] = {}
        self._changed = asyncio.Event()
        self._idle_until = 0.0
        self._claiming: asyncio.Task[None] | None = None

    @property
    def window(self) -> int:
        """Sends allowed in flight now: enough to fill the rate over the measured round trip."""
        return max(1, min(self.window_cap, math.ceil(self.rate * self.rtt.low * 2) + 2))

    @property
    def in_flight(self) -> int:
        return len(self._in_flight)

    @property
    def backlog(self) -> int:
        return len(self._held)

    def wake(self) -> None:
        """New rows were queued: look now instead of at the next poll."""
        self._idle_until = 0.0
        self._changed.set()

    async def run(self) -> None:
        """Send until cancelled; then finish the sends in flight (up to `grace` seconds) and hand back the
        rows not sent."""
        try:
            async with self._renewing():
                await self._pump(claim=True)
        finally:
            await asyncio.shield(self._shutdown())

    async def tick(self) -> int:
        """Claim one batch of due rows and see every one of them through (sent, failed or dead; retries and
        429 pauses included). Returns how many rows were claimed."""
        claimed = await self._claim(self._batch_size())
        if claimed:
            async with self._renewing():
                await self._pump(claim=False)
            await self.marks.close()
        return claimed

    # ------------------------------------------------------------------ claiming

    def _batch_size(self) -> int:
        return min(500, max(2 * self.window, math.ceil(self.rate * 2)))

    async def _claim(self, limit: int) -> int:
        token = secrets.token_hex(8)
        now = self.clock()
        async with self.db.write() as session:
            rows = await repo.claim_deliveries(
                session, now=now, lease_until=now + timedelta(seconds=self.lease), token=token, limit=limit
            )
        if not rows:
            return 0
        async with self.db.read() as session:
            rendered = await render_batch(session, rows, now, self.settings.tz)
        loop_now = asyncio.get_running_loop().time()
        valid = loop_now + self.lease - self._margin()
        for row in rows:
            job = Job(row, rendered.get(row.id), token, row.attempts, valid)
            self._held[row.id] = job
            self._ready.append(job)
        return len(rows)

    def _margin(self) -> float:
        return min(self.request_timeout + 2, self.lease / 2)

    def _claim_more(self, loop_now: float) -> None:
        """Claim the next batch in the background: awaiting a claim and its rendering stalled the sends."""
        if loop_now < self._idle_until or self._claiming is not None:
            return
        if len(self._held) - len(self._in_flight) >= max(2 * self.window, math.ceil(self.rate)):
            return
        self._claiming = asyncio.create_task(self._claim_batch(), name="delivery-claim")

    async def _claim_batch(self) -> None:
        try:
            got = await self._claim(self._batch_size())
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("could not claim outbox rows")
            got = 0
        finally:
            self._claiming = None
            self._changed.set()
        if not got:
            self._idle_until = asyncio.get_running_loop().time() + self.settings.delivery_poll_interval

    @contextlib.asynccontextmanager
    async def _renewing(self) -> AsyncIterator[None]:
        renewer = asyncio.create_task(self._renew_forever(), name="delivery-leases")
        try:
            yield
        finally:
            renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewer

    async def _renew_forever(self) -> None:
        while True:
            await asyncio.sleep(self.lease / 3)
            tokens = {job.token for job in self._held.values()}
            if not tokens:
                continue
            now = self.clock()
            try:
                async with self.db.write() as session:
                    await repo.renew_claims(session, sorted(tokens), now + timedelta(seconds=self.lease))
            except Exception:
                log.exception("could not renew the outbox leases")
                continue
            valid = asyncio.get_running_loop().time() + self.lease - self._margin()
            for job in self._held.values():
                job.valid_until = valid

    # ------------------------------------------------------------------ dispatching

    async def _pump(self, *, claim: bool) -> None:
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            if claim:
                self._claim_more(now)
            job = self._next_ready(now)
            if job is None:
                if not claim and not self._held:
                    return
                await self._wait(self._next_due(now, claim))
                continue
            while len(self._in_flight) >= self.window:
                await self._wait(None)
            await self.budget.acquire(Priority.PUSH)
            if loop.time() > job.valid_until:
                self._drop(job)  # our lease may have lapsed while we waited: another worker may send it
                continue
            self._chat_busy.setdefault(job.row.chat_id, deque())
            task = asyncio.create_task(self._send(job))
            self._in_flight[task] = job
            self.stats.most_in_flight = max(self.stats.most_in_flight, len(self._in_flight))
            task.add_done_callback(self._sent_done)

    def _sent_done(self, task: asyncio.Task[None]) -> None:
        self._in_flight.pop(task, None)
        self._changed.set()
        if not task.cancelled() and task.exception() is not None:
            log.error("delivery task failed", exc_info=task.exception())

    def _next_ready(self, now: float) -> Job | None:
        due = []
        while self._later and self._later[0][0] <= now:
            due.append(heapq.heappop(self._later)[2])
        self._ready.extendleft(reversed(due))  # retries and deferred rows are older: they go first
        while self._ready:
            job = self._ready.popleft()
            if job.row.id not in self._held:
                continue
            chat = job.row.chat_id
            if chat in self._chat_busy:
                self._chat_busy[chat].append(job)
                continue
            ready_at = self._chat_next.get(chat, 0.0)
            if ready_at > now:
                self._defer(job, ready_at)
                continue
            return job
        return None

    def _next_due(self, now: float, claim: bool) -> float | None:
        waits = []
        if self._later:
            waits.append(self._later[0][0] - now)
        if claim:
            waits.append(max(0.0, self._idle_until - now) or self.settings.delivery_poll_interval)
        return max(0.0, min(waits)) if waits else None

    async def _wait(self, seconds: float | None) -> None:
        self._changed.clear()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._changed.wait()

    def _defer(self, job: Job, due: float) -> None:
        job.due = due
        heapq.heappush(self._later, (due, next(self._seq), job))

    def _drop(self, job: Job) -> None:
        self._held.pop(job.row.id, None)

    def _chat_done(self, chat: int, *, reached: bool, again: Job | None) -> None:
        """The send to `chat` is over: the next waits DELIVERY_CHAT_INTERVAL if a message may have `reached`
        the chat. A row to be tried `again` stays ahead of the chat's rows that waited for it."""
        now = asyncio.get_running_loop().time()
        if reached:
            self._chat_next[chat] = now + self.chat_interval
        ready_at = max(now, self._chat_next.get(chat, now))
        if again is not None:
            ready_at = max(ready_at, again.due)
            self._defer(again, ready_at)
        for job in self._chat_busy.pop(chat, deque()):
            self._defer(job, ready_at)
        if len(self._chat_next) > 100_000:
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}

    # ------------------------------------------------------------------ sending

    async def _send(self, job: Job) -> None:
        row, outgoing = job.row, job.outgoing
        loop = asyncio.get_running_loop()
        outcome: Outcome | None = None
        reached = False  # a message may have arrived: the chat's next one waits the interval
        again = False  # the row is tried again (a retry or a 429), at job.due
        try:
            if outgoing is None:
                outcome = self._final(job, DeliveryStatus.DEAD, "obsolete: nothing to send any more")
            else:
                started = loop.time()
                message_id = await sending.send_outgoing(self.bot, row.chat_id, outgoing, self.request_timeout)
                self.rtt.add(loop.time() - started)
                reached = True
                outcome = Outcome(row.id, message_id=message_id, sent_at=self.clock())
                self.stats.sent += 1
                self.stats.count("ok")
        except TelegramRetryAfter as exc:
            self.budget.pause(exc.retry_after)
            self.stats.limited(exc.retry_after)
            again, job.due = True, loop.time() + exc.retry_after
        except TelegramForbiddenError as exc:
            self.stats.count("blocked")
            outcome = self._final(job, DeliveryStatus.DEAD, exc.message[:500])
            if row.officer_id is not None:
                outcome.deactivate = (row.officer_id, exc.message[:200], self.clock())
        except (TelegramBadRequest, TelegramNotFound) as exc:
            if "not modified" in exc.message:
                outcome = self._final(job, DeliveryStatus.SENT, None)
                outcome.values["sent_at"] = self.clock()
            else:
                self.stats.count("bad_request")
                outcome = self._final(job, DeliveryStatus.DEAD, exc.message[:500])
        except sending.RETRYABLE as exc:
            # a 5xx is an answer that the call failed; after a timeout the message may have arrived
            reached = not isinstance(exc, TelegramServerError)
            self.stats.count("timeout" if reached else "5xx")
            outcome = self._retry(job, f"{type(exc).__name__}: {exc}"[:500])
            again = outcome.keep_claim
        except Exception as exc:
            log.exception("unexpected error sending outbox row %s", row.id)
            reached = True  # not known: as if it had
            self.stats.count("error")
            outcome = self._retry(job, f"{type(exc).__name__}: {exc}"[:500])
            again = outcome.keep_claim
        finally:
            self._chat_done(row.chat_id, reached=reached, again=job if again else None)
        if outcome is not None:
            await self.marks.record(outcome)
            if not outcome.keep_claim:
                self._held.pop(row.id, None)
                if outcome.sent and self.on_sent is not None:
                    self.on_sent(row)

    def _final(self, job: Job, status: DeliveryStatus, error: str | None) -> Outcome:
        if status == DeliveryStatus.DEAD:
            self.stats.dead += 1
        values: dict[str, object] = {"status": status, "attempts": job.attempts + 1}
        if error is not None:
            values["last_error"] = error
        return Outcome(job.row.id, values=values)

    def _retry(self, job: Job, error: str) -> Outcome:
        job.attempts += 1
        if job.attempts >= self.max_attempts:
            self.stats.failed += 1
            return Outcome(
                job.row.id,
                values={"status": DeliveryStatus.FAILED, "attempts": job.attempts, "last_error": error},
            )
        self.stats.retried += 1
        job.due = asyncio.get_running_loop().time() + sending.retry_delay(job.attempts)
        return Outcome(job.row.id, values={"attempts": job.attempts, "last_error": error}, keep_claim=True)

    async def _shutdown(self) -> None:
        if self._claiming is not None:  # a claim committed is ours to hand back: let it finish
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.shield(self._claiming), self.grace)
        late_ids: set[int] = set()
        if self._in_flight:
            _, late = await asyncio.wait(list(self._in_flight), timeout=self.grace)
            late_ids = {self._in_flight[t].row.id for t in late if t in self._in_flight}
            for task in late:
                task.cancel()
            if late:
                log.warning("%d sends still in flight at shutdown; they may be sent again", len(late))
                await asyncio.gather(*late, return_exceptions=True)
        try:
            await self.marks.close()
        except Exception:
            log.exception("could not record the last sends at shutdown; they may be sent again")
        unsent = [row_id for row_id in self._held if row_id not in late_ids]
        self._held.clear()
        self._ready.clear()
        self._later.clear()
        if unsent:
            try:
                async with self.db.write() as session:
                    await repo.release_claims(session, unsent)
            except Exception:
                log.exception("could not hand back %d claimed rows; they wait for their lease", len(unsent))
