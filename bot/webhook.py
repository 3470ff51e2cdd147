"""Webhook mode (WEBHOOK_URL set): the aiohttp server Telegram posts updates to, behind a load balancer."""

from __future__ import annotations

import asyncio

from bot.app import build_app, tune_gc
from bot.config import Settings

__all__ = ["run_webhook"]


async def run_webhook(settings: Settings) -> None:
    """Webhook mode behind a load balancer (WEBHOOK_URL set)."""
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
    from aiohttp import web

    assert settings.webhook_url
    app = await build_app(settings)
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    await app.bot.set_webhook(settings.webhook_url, secret_token=secret)
    web_app = web.Application()
    path = (
        "/" + settings.webhook_url.split("://", 1)[-1].split("/", 1)[-1]
        if "/" in settings.webhook_url.split("://", 1)[-1]
        else "/webhook"
    )
    SimpleRequestHandler(dispatcher=app.dp, bot=app.bot, secret_token=secret).register(web_app, path=path)
    setup_application(web_app, app.dp, bot=app.bot)
    runner = web.AppRunner(web_app)
    await runner.setup()
    tune_gc()
    await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
        await app.close()
