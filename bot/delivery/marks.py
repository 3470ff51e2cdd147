"""Recording what happened to each send, many at a time (group commit).

A send counts as in flight until its outcome is committed: the worker frees the send's slot only when
`record()` returns. So a crash can repeat only messages that were in flight, never more than the worker's
window, however fast it sends; at 1,000 messages/s the outcomes of tens of sends share one transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.db import repo
from bot.db.database import Database

__all__ = ["MarkWriter", "Outcome"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Outcome:
    """What to write for one outbox row: sent (message id), or other column values (retry, failed, dead)."""

    row_id: int
    message_id: int | None = None
    sent_at: datetime | None = None
    values: dict[str, Any] = field(default_factory=dict)
    deactivate: tuple[int, str, datetime] | None = None  # (officer, reason, when): the bot was blocked
    keep_claim: bool = False  # a failed attempt the worker retries itself: the row stays its own

    @property
    def sent(self) -> bool:
        return self.sent_at is not None


class MarkWriter:
    """Writes outcomes in batches, one transaction per batch, as fast as the database allows."""

    def __init__(self, db: Database, *, max_batch: int = 500) -> None:
        self.db = db
        self.max_batch = max_batch
        self._pending: list[tuple[Outcome, asyncio.Future[None]]] = []
        self._more = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.batches = 0

    async def record(self, outcome: Outcome) -> None:
        """Queue an outcome and wait until it is committed."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((outcome, future))
        self._more.set()
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="delivery-marks")
        await asyncio.shield(future)

    async def close(self) -> None:
        """Write what is pending, then stop."""
        if self._task is None:
            return
        if self._pending:
            await asyncio.gather(*(asyncio.shield(f) for _, f in list(self._pending)), return_exceptions=True)
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None

    async def _run(self) -> None:
        while True:
            await self._more.wait()
            self._more.clear()
            while self._pending:
                batch, self._pending = self._pending[: self.max_batch], self._pending[self.max_batch :]
                await self._write([o for o, _ in batch])
                for _, future in batch:
                    if not future.done():
                        future.set_result(None)

    async def _write(self, outcomes: list[Outcome]) -> None:
        delay = 0.05
        while True:
            try:
                async with self.db.write() as session:
                    sent = [
                        (o.row_id, o.message_id or 0, o.sent_at) for o in outcomes if o.sent_at is not None
                    ]
                    await repo.mark_deliveries_sent(session, sent)
                    for o in outcomes:
                        if o.deactivate is not None:
                            await repo.deactivate_officer(session, *o.deactivate)
                        if o.sent:
                            continue
                        if o.keep_claim:
                            await repo.update_delivery(session, o.row_id, **o.values)
                        else:
                            await repo.mark_delivery(session, o.row_id, **o.values)
                self.batches += 1
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                # the sends happened: their outcomes must be written, or they would be sent again
                log.exception("could not record %d delivery outcomes; retrying", len(outcomes))
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
