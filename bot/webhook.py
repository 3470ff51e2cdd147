"""Webhook mode (WEBHOOK_URL set): the aiohttp server Telegram posts updates to, behind nginx or a load balancer.

Never unauthenticated. Every POST must carry `X-Telegram-Bot-Api-Secret-Token` equal to the secret registered
with setWebhook, or it gets 401 and is not read any further. The secret is WEBHOOK_SECRET; when that is not set
the bot generates a strong one at start (`secrets.token_urlsafe(32)`: 43 characters of [A-Za-z0-9_-], the
alphabet Telegram allows), registers it with setWebhook and logs a WARNING — refusing to start would only push
operators to set a weak secret by hand. With several webhook processes behind a load balancer, set
WEBHOOK_SECRET (the same everywhere): each process would otherwise register its own and only the last would be
let in.

A body that is not a valid update (not JSON, not an object, no integer update_id, fields of the wrong type)
gets 400, never 500. A valid update is handled before the answer (200): Telegram sees a failure only when the
process died, and sends the update again. The same server answers `GET /healthz` and `GET /metrics`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import signal
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aiogram.methods import TelegramMethod
from aiogram.types import Update
from aiohttp import web
from pydantic import ValidationError

from bot import texts
from bot.app import build_app, tune_gc
from bot.config import Settings
from bot.ops.logs import register_secret
from bot.ops.server import Ops, start_site

if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher

    from bot.app import App
    from bot.ops.metrics import Metrics

__all__ = [
    "SECRET_HEADER",
    "UpdateEndpoint",
    "WebhookServer",
    "build_webhook_app",
    "resolve_secret",
    "run_webhook",
    "start_webhook",
    "webhook_path",
]

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1 << 20  # Telegram's updates are a few KB; anything past 1 MB is not one (413)
SHUTDOWN_GRACE = 8.0  # seconds the server waits for updates being handled when it stops
RESERVED_PATHS = frozenset({"/healthz", "/metrics"})


def webhook_path(url: str) -> str:
    """The path Telegram posts to: the path of WEBHOOK_URL (`/webhook` when it has none)."""
    path = urlsplit(url).path
    return path if path and path != "/" else "/webhook"


def resolve_secret(settings: Settings) -> tuple[str, bool]:
    """(secret, generated): WEBHOOK_SECRET, or a fresh strong one when it is not set."""
    if settings.webhook_secret is not None and settings.webhook_secret.get_secret_value():
        return settings.webhook_secret.get_secret_value(), False
    return secrets.token_urlsafe(32), True


class UpdateEndpoint:
    """POST handler for the webhook path: secret first, then a valid update, then the Dispatcher."""

    def __init__(self, dp: Dispatcher, bot: Bot, secret: str, metrics: Metrics | None = None) -> None:
        if not secret:
            raise ValueError("the webhook endpoint needs a secret")
        self.dp = dp
        self.bot = bot
        self.secret = secret.encode()
        self.metrics = metrics
        self.in_progress = 0
        self._rejected = 0
        self._rejected_logged = 0.0

    def _count(self, result: str) -> None:
        if self.metrics is not None:
            self.metrics.webhook_request(result)

    def _unauthorized(self, request: web.Request) -> web.Response:
        self._count("unauthorized")
        self._rejected += 1
        now = time.monotonic()
        if now - self._rejected_logged >= 60:  # at most a line a minute, however many are forged
            log.warning(
                "webhook: %d request(s) without the right secret token rejected (last from %s)",
                self._rejected,
                request.remote,
            )
            self._rejected, self._rejected_logged = 0, now
        return web.json_response({"ok": False, "error": "unauthorized"}, status=401)

    def _bad(self, reason: str) -> web.Response:
        self._count("bad_request")
        log.info("webhook: body rejected: %s", reason)
        return web.json_response({"ok": False, "error": reason}, status=400)

    async def handle(self, request: web.Request) -> web.Response:
        supplied = request.headers.get(SECRET_HEADER, "").encode()
        if not secrets.compare_digest(supplied, self.secret):
            return self._unauthorized(request)
        raw = await request.read()
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            return self._bad("body is not JSON")
        if not isinstance(data, dict):
            return self._bad("body is not a JSON object")
        update_id = data.get("update_id")
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            return self._bad("no integer update_id")
        try:
            update = Update.model_validate(data, context={"bot": self.bot})
        except (ValidationError, ValueError, TypeError):
            return self._bad("not a valid Telegram update")
        self._count("accepted")
        self.in_progress += 1
        try:
            result = await self.dp.feed_update(self.bot, update)
            if isinstance(result, TelegramMethod):
                await self.dp.silent_call_request(bot=self.bot, result=result)
        except Exception:
            # Received and attempted; the errors handler has already told the person. Not a 5xx: Telegram
            # would send the same update again and again.
            log.exception("webhook: update %s failed", update_id)
        finally:
            self.in_progress -= 1
        return web.json_response({})


def build_webhook_app(app: App, ops: Ops, secret: str) -> web.Application:
    """The aiohttp application: POST on the webhook path, GET /healthz, GET /metrics; the Dispatcher's
    startup (background work) with the server's, its shutdown after the updates in progress are done."""
    path = webhook_path(app.settings.webhook_url or "")
    if path in RESERVED_PATHS:
        raise SystemExit(texts.WEBHOOK_PATH_RESERVED.format(path=path))
    web_app = web.Application(client_max_size=MAX_UPDATE_BYTES)
    web_app.router.add_post(path, UpdateEndpoint(app.dp, app.bot, secret, ops.metrics).handle)
    ops.add_routes(web_app)
    workflow: dict[str, Any] = {"app": web_app, "dispatcher": app.dp, **app.dp.workflow_data, "bot": app.bot}

    async def on_startup(_: web.Application) -> None:
        await app.dp.emit_startup(**workflow)

    async def on_cleanup(_: web.Application) -> None:
        # after aiohttp has waited for the requests in progress (SHUTDOWN_GRACE)
        await app.dp.emit_shutdown(**workflow)

    web_app.on_startup.append(on_startup)
    web_app.on_cleanup.append(on_cleanup)
    return web_app


@dataclass
class WebhookServer:
    """A running webhook server: `port` it listens on, `secret` registered with Telegram."""

    runner: web.AppRunner
    site: web.TCPSite
    port: int
    secret: str
    generated: bool
    ops: Ops

    async def close(self) -> None:
        """Stop listening, let the updates in progress finish (up to SHUTDOWN_GRACE), stop the background
        work. The webhook stays registered: Telegram keeps the updates until the bot is back."""
        try:
            await self.runner.cleanup()
        finally:
            await self.ops.close()


async def start_webhook(
    app: App,
    *,
    host: str | None = None,
    port: int | None = None,
    secret: str | None = None,
    ops: Ops | None = None,
) -> WebhookServer:
    """Serve the webhook for `app` on host:port (WEBHOOK_HOST/WEBHOOK_PORT by default) and register it with
    setWebhook (WEBHOOK_URL, the secret, the update types the routers use)."""
    settings = app.settings
    if not settings.webhook_url:
        raise SystemExit("WEBHOOK_URL chưa được đặt.")
    generated = False
    if secret is None:
        secret, generated = resolve_secret(settings)
    register_secret(secret)
    if generated:
        log.warning(
            "WEBHOOK_SECRET is not set: generated a random secret for this run and registered it with "
            "setWebhook; requests without it are refused. Set WEBHOOK_SECRET (the same in every process) "
            "when more than one process serves the webhook."
        )
    ops = ops or Ops(app)
    ops.instrument()
    web_app = build_webhook_app(app, ops, secret)
    runner = web.AppRunner(web_app, access_log=None, shutdown_timeout=SHUTDOWN_GRACE)
    await runner.setup()
    try:
        listen_host = host if host is not None else settings.webhook_host
        listen_port = port if port is not None else settings.webhook_port
        site, real_port = await start_site(
            runner, listen_host, listen_port, what="webhook", setting="WEBHOOK_PORT"
        )
        await ops.start(serve=True, skip_port=real_port)
        try:
            await app.bot.set_webhook(
                settings.webhook_url,
                secret_token=secret,
                allowed_updates=app.dp.resolve_used_update_types(),
                drop_pending_updates=False,
            )
        except Exception as exc:
            message = getattr(exc, "message", None) or type(exc).__name__
            raise SystemExit(
                texts.WEBHOOK_REGISTER_FAILED.format(url=settings.webhook_url, reason=message)
            ) from None
    except BaseException:
        await runner.cleanup()
        await ops.close()
        raise
    log.info("webhook: listening on %s:%d%s", listen_host, real_port, webhook_path(settings.webhook_url))
    return WebhookServer(runner, site, real_port, secret, generated, ops)


async def run_webhook(settings: Settings) -> None:
    """Webhook mode until SIGTERM or SIGINT; then the updates in progress finish and the bot stops."""
    app = await build_app(settings)
    server: WebhookServer | None = None
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    handled: list[signal.Signals] = []
    try:
        server = await start_webhook(app)
        tune_gc()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
                handled.append(sig)
        await stop.wait()
        log.info("webhook: stopping")
    finally:
        for sig in handled:
            loop.remove_signal_handler(sig)
        if server is not None:
            await server.close()
        await app.close()
