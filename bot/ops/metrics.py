"""Prometheus metrics of a running bot (issue 16.4), in a registry of its own (never the global one).

What is measured, and where it comes from:

- `loaxa_updates_total{kind,outcome}`, `loaxa_update_handling_seconds{kind}`, `loaxa_updates_in_progress`:
  `UpdateMetrics`, an aiogram outer middleware on `dp.update`, which also writes the one INFO line per
  update (update id, kind, milliseconds, outcome, officer's internal id — never the text, never the token).
- `loaxa_sends_total{source,result}` (source push|reply; result ok, 429, 5xx, timeout, blocked,
  bad_request, error) and `loaxa_retry_after_seconds_total{source}`: `SendMetrics`, a session middleware on
  the Bot, inside the send policy, so that it sees every attempt of every sending call (the outbox worker's
  and the replies). `Metrics.sent()` / `Metrics.retry_after_received()` are the same counters for callers.
- `loaxa_outbox_messages{status}`, `loaxa_outbox_oldest_queued_seconds`, `loaxa_reports_recorded_total{via}`,
  `loaxa_database_up`: read from the database at scrape time by `DatabaseProbe` (cached a second, shared with
  /healthz), so they hold for the whole deployment whichever process sends.
- `loaxa_delivery_in_flight`, `loaxa_delivery_claimed`: this process's outbox worker, when followed.
- `loaxa_webhook_requests_total{result}`: accepted, unauthorized, bad_request (webhook mode).
- `loaxa_backup_last_success_timestamp_seconds`, `loaxa_backup_failures_total`: the daily backup.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Any

from aiogram import BaseMiddleware, Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response, TelegramType
from aiogram.types import TelegramObject, Update
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric

from bot.ops.health import DatabaseProbe, DbSnapshot
from bot.ops.logs import officer_ref

if TYPE_CHECKING:
    from bot.db.database import Database

__all__ = [
    "CONTENT_TYPE_LATEST",
    "SEND_RESULTS",
    "DatabaseProbe",
    "DbSnapshot",
    "Metrics",
    "SendMetrics",
    "UpdateMetrics",
    "send_result",
    "update_kind",
]

disable_created_metrics()  # no *_created series: half the lines, nothing an alert needs

log = logging.getLogger("bot.updates")

SEND_RESULTS = ("ok", "429", "5xx", "timeout", "blocked", "bad_request", "error")
SOURCES = ("push", "reply")
HANDLING_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
_MESSAGE_KINDS = frozenset({"document", "photo", "voice", "audio", "video", "video_note", "sticker"})


def update_kind(update: Update) -> str:
    """A small, bounded label for an update: text, command, document, photo, callback, … ."""
    try:
        event_type = update.event_type
    except Exception:
        return "unknown"
    if event_type == "message" and update.message is not None:
        message = update.message
        if message.text is not None:
            return "command" if message.text.startswith("/") else "text"
        content = str(getattr(message.content_type, "value", message.content_type))
        return content if content in _MESSAGE_KINDS else "message_other"
    if event_type == "callback_query":
        return "callback"
    return event_type


def send_result(exc: BaseException | None) -> str:
    """The `result` label of a send that ended with `exc` (None: it went through)."""
    if exc is None:
        return "ok"
    if isinstance(exc, TelegramRetryAfter):
        return "429"
    if isinstance(exc, TelegramForbiddenError):
        return "blocked"
    if isinstance(exc, TelegramServerError):
        return "5xx"
    if isinstance(exc, TelegramNetworkError | asyncio.TimeoutError | OSError):
        return "timeout"
    if isinstance(exc, TelegramBadRequest | TelegramNotFound):
        return "bad_request"
    return "error"


class _Live:
    """Collector of the figures read at scrape time: the last database snapshot and the followed worker."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def collect(self) -> Iterable[Metric]:
        probe = self.metrics.probe
        snap = probe.last if probe is not None else None
        if snap is not None:
            yield GaugeMetricFamily(
                "loaxa_database_up",
                "1 when the database answered the last probe, 0 otherwise",
                value=int(snap.ok),
            )
            if snap.ok:
                depth = GaugeMetricFamily(
                    "loaxa_outbox_messages", "Outbox rows by status (whole deployment)", labels=["status"]
                )
                for status, n in sorted(snap.outbox.items()):
                    depth.add_metric([status], n)
                yield depth
                yield GaugeMetricFamily(
                    "loaxa_outbox_oldest_queued_seconds",
                    "Age of the oldest queued message that is due (0 when none waits)",
                    value=snap.oldest_queued_seconds,
                )
                reports = CounterMetricFamily(
                    "loaxa_reports_recorded",
                    "Reports recorded (rows in the database) by channel",
                    labels=["via"],
                )
                for via, n in sorted(snap.reports.items()):
                    reports.add_metric([via], n)
                yield reports
        worker = self.metrics.worker
        if worker is not None:
            yield GaugeMetricFamily(
                "loaxa_delivery_in_flight",
                "Sends of this process's outbox worker waiting for Telegram's answer",
                value=int(getattr(worker, "in_flight", 0)),
            )
            yield GaugeMetricFamily(
                "loaxa_delivery_claimed",
                "Outbox rows this process's worker holds (claimed, not yet sent)",
                value=int(getattr(worker, "backlog", 0)),
            )


class Metrics:
    """The bot's metrics in their own CollectorRegistry. `render()` gives the Prometheus text format."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.updates = Counter(
            "loaxa_updates", "Telegram updates handled, by kind and outcome", ["kind", "outcome"], registry=r
        )
        self.update_seconds = Histogram(
            "loaxa_update_handling_seconds",
            "Time to handle one update (middlewares, handler, replies)",
            ["kind"],
            buckets=HANDLING_BUCKETS,
            registry=r,
        )
        self.updates_in_progress = Gauge(
            "loaxa_updates_in_progress", "Updates being handled right now", registry=r
        )
        self.sends = Counter(
            "loaxa_sends",
            "Sending calls to the Bot API (each attempt) by source (push|reply) and result",
            ["source", "result"],
            registry=r,
        )
        self.retry_after = Counter(
            "loaxa_retry_after_seconds",
            "Seconds of retry_after received with 429 answers",
            ["source"],
            registry=r,
        )
        self.webhook_requests = Counter(
            "loaxa_webhook_requests",
            "Requests to the webhook endpoint by result (accepted, unauthorized, bad_request)",
            ["result"],
            registry=r,
        )
        self.backup_last_success = Gauge(
            "loaxa_backup_last_success_timestamp_seconds",
            "Unix time of the newest scheduled backup in BACKUP_DIR (0: none)",
            registry=r,
        )
        self.backup_failures = Counter("loaxa_backup_failures", "Scheduled backups that failed", registry=r)
        for source in SOURCES:
            self.retry_after.labels(source)
            for result in SEND_RESULTS:
                self.sends.labels(source, result)
        for result in ("accepted", "unauthorized", "bad_request"):
            self.webhook_requests.labels(result)
        self.probe: DatabaseProbe | None = None
        self.worker: object | None = None
        r.register(_Live(self))

    # ---------------------------------------------------------------- hooks

    def update_handled(self, kind: str, outcome: str, seconds: float) -> None:
        self.updates.labels(kind, outcome).inc()
        self.update_seconds.labels(kind).observe(seconds)

    def sent(self, result: str, source: str = "push") -> None:
        """One sending call ended with `result` (ok, 429, 5xx, timeout, blocked, bad_request, error)."""
        self.sends.labels(source, result if result in SEND_RESULTS else "error").inc()

    def retry_after_received(self, seconds: float, source: str = "push") -> None:
        self.retry_after.labels(source).inc(max(0.0, float(seconds)))

    def webhook_request(self, result: str) -> None:
        self.webhook_requests.labels(result).inc()

    def watch_database(self, db: Database, **probe_options: Any) -> DatabaseProbe:
        """Read outbox depth, oldest queued age and reports from `db` at scrape time."""
        self.probe = DatabaseProbe(db, **probe_options)
        return self.probe

    def follow_worker(self, worker: object) -> None:
        """Show this process's outbox worker (`in_flight`, `backlog`) at scrape time."""
        self.worker = worker

    # ---------------------------------------------------------------- exposition

    async def refresh(self) -> None:
        """Read the database figures (cached `max_age`) before a scrape."""
        if self.probe is not None:
            await self.probe.snapshot()

    def render(self) -> bytes:
        return generate_latest(self.registry)

    async def scrape(self) -> bytes:
        await self.refresh()
        return self.render()


Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class UpdateMetrics(BaseMiddleware):
    """Outer middleware on `dp.update`: times every update, counts it by kind and outcome (handled,
    unhandled, error, cancelled) and logs one INFO line — update id, kind, ms, outcome, officer's internal
    id; never the text of a message, never the token. Register it first among the bot's own outer
    middlewares (after aiogram's errors middleware, so that it sees a handler's exception)."""

    def __init__(self, metrics: Metrics | None = None) -> None:
        self.metrics = metrics

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if not isinstance(event, Update):
            return await handler(event, data)
        kind = update_kind(event)
        started = time.perf_counter()
        outcome = "error"
        if self.metrics is not None:
            self.metrics.updates_in_progress.inc()
        try:
            result = await handler(event, data)
            outcome = "unhandled" if result is UNHANDLED else "handled"
            return result
        except asyncio.CancelledError:
            outcome = "cancelled"
            raise
        finally:
            seconds = time.perf_counter() - started
            if self.metrics is not None:
                self.metrics.updates_in_progress.dec()
                self.metrics.update_handled(kind, outcome, seconds)
            officer = data.get("officer") or data.get("inactive_officer")
            who = officer_ref(officer) if officer is not None else None
            ms = round(seconds * 1000, 1)
            log.info(
                "update %s %s %.0f ms %s%s",
                event.update_id,
                kind,
                ms,
                outcome,
                f" {who}" if who else "",
                extra={
                    "update_id": event.update_id,
                    "kind": kind,
                    "ms": ms,
                    "outcome": outcome,
                    "officer": who,
                },
            )


def _pushing() -> bool:
    from bot.delivery.replies import is_pushing

    return is_pushing()


class SendMetrics(BaseRequestMiddleware):
    """Session middleware counting each attempt of each sending call by source and result, and the
    retry_after seconds of 429s. Register it after the send policy (inside it): it then sees the attempts
    the policy retries, not just the final outcome."""

    def __init__(self, metrics: Metrics) -> None:
        from bot.delivery.replies import SENDING_METHODS

        self.metrics = metrics
        self.methods = SENDING_METHODS

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if not isinstance(method, self.methods):
            return await make_request(bot, method)
        source = "push" if _pushing() else "reply"
        try:
            response = await make_request(bot, method)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self.metrics.sent(send_result(exc), source)
            if isinstance(exc, TelegramRetryAfter):
                self.metrics.retry_after_received(exc.retry_after, source)
            raise
        self.metrics.sent("ok", source)
        return response
