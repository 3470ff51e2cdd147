"""What operating adds to a running bot: `Ops` instruments an `App` (the per-update log line and metrics,
the send counters), answers `GET /metrics` and `GET /healthz` (on the webhook server, or on METRICS_PORT /
HEALTH_PORT in long polling), and runs the daily backup when BACKUP_DIR is set.

    ops = await start_ops(app)          # long polling: instrument, ports, backup
    ...
    await ops.close()

In webhook mode `bot.webhook` builds `Ops(app)`, calls `instrument()`, adds the two routes to its own server
with `add_routes()`, and `start(serve=…)` for the rest.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import TYPE_CHECKING, Any

from aiogram.dispatcher.middlewares.error import ErrorsMiddleware
from aiohttp import web

from bot import texts
from bot.db.models import utcnow
from bot.ops.backup import BackupJob
from bot.ops.health import health_status
from bot.ops.metrics import CONTENT_TYPE_LATEST, Metrics, SendMetrics, UpdateMetrics
from bot.services.periodic import run_every

if TYPE_CHECKING:
    from aiogram.dispatcher.middlewares.manager import MiddlewareManager

    from bot.app import App

__all__ = ["BACKUP_CHECK_INTERVAL", "Ops", "bound_port", "start_ops", "start_site"]

log = logging.getLogger(__name__)

BACKUP_CHECK_INTERVAL = 300.0  # seconds between two looks at whether the daily backup is due


def bound_port(site: web.TCPSite) -> int:
    """The port a started site listens on (the real one when asked for port 0)."""
    server = site._server  # aiohttp keeps the asyncio server private
    sockets = getattr(server, "sockets", None) or []
    return int(sockets[0].getsockname()[1]) if sockets else int(site._port)


async def start_site(
    runner: web.AppRunner, host: str, port: int, *, what: str, setting: str
) -> tuple[web.TCPSite, int]:
    """Start listening; a port that cannot be opened is one clear line and exit status 1."""
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError as exc:
        raise SystemExit(
            texts.PORT_UNAVAILABLE.format(
                host=host, port=port, what=what, reason=exc.strerror or exc, setting=setting
            )
        ) from None
    return site, bound_port(site)


def _register_outer_first(manager: MiddlewareManager, middleware: Any) -> None:
    """Register `middleware` right after aiogram's errors middleware (before the bot's own outer ones), so
    that it times everything and still sees a handler's exception."""
    items = list(manager)
    at = next((i + 1 for i, m in enumerate(items) if isinstance(m, ErrorsMiddleware)), 0)
    tail = items[at:]
    for m in tail:
        manager.unregister(m)
    manager.register(middleware)
    for m in tail:
        manager.register(m)


class Ops:
    """Metrics, health and the daily backup for one App."""

    def __init__(self, app: App, metrics: Metrics | None = None) -> None:
        self.app = app
        self.settings = app.settings
        self.metrics = metrics or Metrics()
        self.probe = self.metrics.watch_database(app.db)
        self.worker = app.background.worker
        self.metrics.follow_worker(self.worker)
        self.backups = BackupJob(app.settings)
        made = self.backups.backups()
        if made:  # a restart does not make the last backup look missing
            self.metrics.backup_last_success.set(made[-1].stat().st_mtime)
        self.ports: dict[str, int] = {}
        self._runners: list[web.AppRunner] = []
        self._tasks: list[asyncio.Task[None]] = []
        self._instrumented = False

    # ---------------------------------------------------------------- instrumentation

    def instrument(self) -> None:
        """The per-update middleware on the Dispatcher and the send counters on the Bot's session (once)."""
        if self._instrumented:
            return
        self._instrumented = True
        manager = self.app.dp.update.outer_middleware
        existing = next((m for m in manager if isinstance(m, UpdateMetrics)), None)
        if existing is None:
            _register_outer_first(manager, UpdateMetrics(self.metrics))
        elif existing.metrics is None:
            existing.metrics = self.metrics
        session = self.app.bot.session.middleware
        if not any(isinstance(m, SendMetrics) for m in session):
            session(SendMetrics(self.metrics))

    # ---------------------------------------------------------------- endpoints

    async def handle_metrics(self, request: web.Request) -> web.Response:
        body = await self.metrics.scrape()
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def handle_health(self, request: web.Request) -> web.Response:
        status, body = await health_status(self.probe, self.worker)
        return web.json_response(body, status=status, headers={"Cache-Control": "no-store"})

    def add_routes(self, web_app: web.Application, *, metrics: bool = True, health: bool = True) -> None:
        if health:
            web_app.router.add_get("/healthz", self.handle_health, allow_head=True)
        if metrics:
            web_app.router.add_get("/metrics", self.handle_metrics)

    async def serve(self, *, skip_port: int | None = None) -> dict[str, int]:
        """Listen on METRICS_PORT (/metrics and /healthz) and HEALTH_PORT (/healthz) at OPS_HOST, when set;
        a port equal to `skip_port` (the webhook server's, which has both routes) is not opened again."""
        metrics_port, health_port = self.settings.metrics_port, self.settings.health_port
        host = self.settings.ops_host
        if metrics_port is not None and metrics_port != skip_port:
            self.ports["metrics"] = await self._serve(
                host, metrics_port, metrics=True, health=True, what="/metrics", setting="METRICS_PORT"
            )
            if health_port == metrics_port:
                self.ports["health"] = self.ports["metrics"]
        if health_port is not None and health_port not in (skip_port, metrics_port):
            self.ports["health"] = await self._serve(
                host, health_port, metrics=False, health=True, what="/healthz", setting="HEALTH_PORT"
            )
        for name, port in self.ports.items():
            log.info("serving /%s on %s:%d", "healthz" if name == "health" else "metrics", host, port)
        return self.ports

    async def _serve(
        self, host: str, port: int, *, metrics: bool, health: bool, what: str, setting: str
    ) -> int:
        web_app = web.Application()
        self.add_routes(web_app, metrics=metrics, health=health)
        runner = web.AppRunner(web_app, access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        try:
            _, real = await start_site(runner, host, port, what=what, setting=setting)
        except BaseException:
            await runner.cleanup()
            raise
        self._runners.append(runner)
        return real

    # ---------------------------------------------------------------- daily backup

    async def _backup_tick(self) -> None:
        try:
            path = await self.backups.tick(utcnow())
        except Exception:
            self.metrics.backup_failures.inc()
            raise
        if path is not None:
            self.metrics.backup_last_success.set(time.time())

    # ---------------------------------------------------------------- lifecycle

    async def start(self, *, serve: bool = True, skip_port: int | None = None) -> Ops:
        self.instrument()
        try:
            if serve:
                await self.serve(skip_port=skip_port)
        except BaseException:
            await self.close()
            raise
        if self.backups.enabled:
            self._tasks.append(
                asyncio.create_task(
                    run_every(BACKUP_CHECK_INTERVAL, self._backup_tick, "daily backup"), name="daily-backup"
                )
            )
        return self

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks = []
        for runner in self._runners:
            await runner.cleanup()
        self._runners = []


async def start_ops(app: App, *, serve: bool = True, skip_port: int | None = None) -> Ops:
    """Instrument `app`, open METRICS_PORT / HEALTH_PORT when set (with `serve`), start the daily backup when
    BACKUP_DIR is set. `await ops.close()` at shutdown."""
    return await Ops(app).start(serve=serve, skip_port=skip_port)
