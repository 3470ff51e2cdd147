"""The health answer (`GET /healthz`, issue 10.1) and the database probe it shares with /metrics.

200 `{"status": "ok", "db": "ok", "outbox": {"queued": …, "sent": …, "failed": …, "dead": …},
"oldest_queued_seconds": …}` when the database answers within the probe's timeout, 503
`{"status": "error", "db": "unreachable", "error": "<exception class>"}` otherwise. No aiogram here.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.db.models import utcnow

if TYPE_CHECKING:
    from bot.db.database import Database

__all__ = ["DatabaseProbe", "DbSnapshot", "health_status"]


@dataclass
class DbSnapshot:
    """What the database said at `taken` (monotonic seconds): outbox counts, age of the oldest due message,
    reports by channel; `ok` False (with the exception's class name) when it could not be read."""

    ok: bool
    taken: float
    outbox: dict[str, int] = field(default_factory=dict)
    oldest_queued_seconds: float = 0.0
    reports: dict[str, int] = field(default_factory=dict)
    error: str | None = None


class DatabaseProbe:
    """Reads the figures /metrics and /healthz show, at most once per `max_age` seconds whoever asks, with a
    `timeout` (a stuck database answers "down", it does not hang the scrape)."""

    def __init__(
        self,
        db: Database,
        *,
        max_age: float = 1.0,
        timeout: float = 5.0,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.max_age = max_age
        self.timeout = timeout
        self.clock = clock
        self.last: DbSnapshot | None = None
        self._lock = asyncio.Lock()

    async def snapshot(self, max_age: float | None = None) -> DbSnapshot:
        limit = self.max_age if max_age is None else max_age
        async with self._lock:
            if self.last is not None and time.monotonic() - self.last.taken <= limit:
                return self.last
            try:
                snap = await asyncio.wait_for(self._read(), self.timeout)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                snap = DbSnapshot(ok=False, taken=time.monotonic(), error=type(exc).__name__)
            self.last = snap
            return snap

    async def _read(self) -> DbSnapshot:
        from sqlalchemy import func, select

        from bot.db import repo
        from bot.db.models import Report

        now = self.clock()
        async with self.db.read() as session:
            outbox = await repo.outbox_counts(session)
            oldest = await repo.oldest_queued(session, now)
            # reports recorded, by channel (button|reply|text); TODO(repo): a repo.report_counts() would own this
            rows = (
                await session.execute(select(Report.via, func.count(Report.id)).group_by(Report.via))
            ).all()
        age = max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0
        return DbSnapshot(
            ok=True,
            taken=time.monotonic(),
            outbox=outbox,
            oldest_queued_seconds=age,
            reports={str(via): int(n) for via, n in rows},
        )


async def health_status(probe: DatabaseProbe, worker: object | None = None) -> tuple[int, dict[str, Any]]:
    """(HTTP status, JSON body) for /healthz: is the database reachable, and how long is the outbox."""
    snap = await probe.snapshot()
    if not snap.ok:
        return 503, {"status": "error", "db": "unreachable", "error": snap.error}
    body: dict[str, Any] = {
        "status": "ok",
        "db": "ok",
        "outbox": snap.outbox,
        "oldest_queued_seconds": round(snap.oldest_queued_seconds, 1),
    }
    if worker is not None:
        body["delivery"] = {
            "in_flight": int(getattr(worker, "in_flight", 0)),
            "claimed": int(getattr(worker, "backlog", 0)),
        }
    return 200, body
