"""Builds the bot: Bot (any Bot API server), Dispatcher with routers and middlewares, background tasks,
and the two ways to run it (long polling, webhook)."""

from __future__ import annotations

import asyncio
import gc
import logging
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault, ErrorEvent

from bot import texts
from bot.config import Settings
from bot.db import repo
from bot.delivery.scheduler import Scheduler
from bot.delivery.worker import DeliveryWorker
from bot.middlewares import DbSessionMiddleware, IdentityCache, IdentityMiddleware, IntentMiddleware
from bot.services.progress import ProgressTracker
from bot.services.search import SearchService
from bot.services.setup import Database, open_database
from handlers import get_routers

__all__ = ["Background", "build_bot", "build_dispatcher", "run_polling", "run_webhook", "set_commands"]

log = logging.getLogger(__name__)


# aiogram parametrises its pydantic Response[...] model on every request; pydantic keeps those classes
# only weakly, so in a busy process the GC drops them and each rebuild costs milliseconds. Holding them
# here keeps every request on the cached class.
_RESPONSE_TYPES: list[Any] = []


def _pin_response_types() -> None:
    if _RESPONSE_TYPES:
        return
    from aiogram import methods
    from aiogram.methods.base import Response

    used = (
        methods.SendMessage,
        methods.EditMessageText,
        methods.EditMessageReplyMarkup,
        methods.AnswerCallbackQuery,
        methods.GetUpdates,
        methods.GetMe,
        methods.SetMyCommands,
        methods.DeleteWebhook,
        methods.SetWebhook,
        methods.SendDocument,
        methods.SendPhoto,
        methods.GetFile,
        methods.DeleteMessage,
        methods.SendChatAction,
    )
    for method in used:
        _RESPONSE_TYPES.append(Response[method.__returning__])  # type: ignore[name-defined]


def tune_gc() -> None:
    """After start-up: move long-lived objects out of the collector's way (fewer, shorter GC pauses)."""
    gc.collect()
    gc.freeze()


def build_bot(settings: Settings, token: str | None = None) -> Bot:
    """A Bot talking HTML to TELEGRAM_API_BASE (Telegram, a self-hosted Bot API server, or bot/localapi)."""
    secret = token or (settings.bot_token.get_secret_value() if settings.bot_token else None)
    if not secret:
        raise SystemExit("BOT_TOKEN chưa được đặt (xem .env.example). Để thử ngoại tuyến: python -m bot chat")
    _pin_response_types()
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_base.rstrip("/")))
    return Bot(
        secret,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


@dataclass
class Background:
    """The periodic work the app keeps references to, started with the bot and cancelled at shutdown."""

    worker: DeliveryWorker
    progress: ProgressTracker
    scheduler: Scheduler | None
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)

    def start(self) -> None:
        self.tasks = [
            asyncio.create_task(self.worker.run(), name="delivery"),
            asyncio.create_task(self.progress.run(), name="progress"),
        ]
        if self.scheduler is not None:
            self.tasks.append(asyncio.create_task(self.scheduler.run(), name="scheduler"))

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            try:
                await task
            except asyncio.CancelledError:
                pass
            except Exception:
                log.exception("background task %s ended with an error", task.get_name())
        self.tasks = []


async def set_commands(bot: Bot, admin_chat_ids: list[int]) -> None:
    """The command menu: officers' commands for everyone, plus admin commands in admins' chats."""
    officer = [BotCommand(command=c, description=d) for c, d in texts.OFFICER_COMMANDS]
    admin = officer + [BotCommand(command=c, description=d) for c, d in texts.ADMIN_COMMANDS]
    await bot.set_my_commands(officer, scope=BotCommandScopeDefault())
    for chat_id in admin_chat_ids:
        await bot.set_my_commands(admin, scope=BotCommandScopeChat(chat_id=chat_id))


async def _on_error(event: ErrorEvent) -> bool:
    log.error("error handling update %s", event.update.update_id, exc_info=event.exception)
    update = event.update
    try:
        if update.message is not None:
            await update.message.answer(texts.ERROR)
        elif update.callback_query is not None:
            await update.callback_query.answer(texts.ERROR, show_alert=True)
    except Exception:
        log.exception("could not tell the user about the error in update %s", update.update_id)
    return True


def build_dispatcher(
    settings: Settings,
    db: Database,
    *,
    bot: Bot,
    storage: BaseStorage | None = None,
    background: Background | None = None,
    search: SearchService | None = None,
) -> Dispatcher:
    """The Dispatcher with its routers and middlewares; dependencies travel in workflow_data."""
    identities = IdentityCache()
    dp = Dispatcher(
        identities=identities,
        storage=storage or MemoryStorage(),
        settings=settings,
        db=db,
        search=search or SearchService(),
        worker=background.worker if background else None,
    )
    dp.update.outer_middleware(DbSessionMiddleware(db.sessions))
    dp.update.outer_middleware(IdentityMiddleware(settings, identities))
    dp.message.outer_middleware(IntentMiddleware())
    dp.include_routers(*get_routers())
    dp.errors.register(_on_error)

    async def on_startup() -> None:
        async with db.sessions() as session:
            admins = [o.chat_id for o in await repo.active_admins(session)]
        try:
            await set_commands(bot, sorted(set(admins) | set(settings.admin_ids)))
        except Exception:
            log.exception("setMyCommands failed")
        if background is not None:
            background.start()

    async def on_shutdown() -> None:
        if background is not None:
            await background.stop()

    dp.startup.register(on_startup)
    dp.shutdown.register(on_shutdown)
    return dp


def make_background(bot: Bot, db: Database, settings: Settings, *, scheduler: bool = True) -> Background:
    return Background(
        DeliveryWorker(bot, db.sessions, settings, lease_seconds=settings.delivery_lease),
        ProgressTracker(bot, db.sessions),
        Scheduler(db.sessions, settings) if scheduler else None,
    )


def _storage(settings: Settings) -> BaseStorage:
    if settings.redis_url:
        from aiogram.fsm.storage.redis import RedisStorage

        return RedisStorage.from_url(settings.redis_url)
    return MemoryStorage()


async def run_polling(settings: Settings) -> None:
    """Long polling (the default)."""
    db = await open_database(settings)
    bot = build_bot(settings)
    background = make_background(bot, db, settings)
    dp = build_dispatcher(settings, db, bot=bot, storage=_storage(settings), background=background)
    tune_gc()
    try:
        await bot.delete_webhook(drop_pending_updates=False)
        await dp.start_polling(bot, handle_signals=True)
    finally:
        await bot.session.close()
        await db.close()


async def run_webhook(settings: Settings) -> None:
    """Webhook mode behind a load balancer (WEBHOOK_URL set)."""
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
    from aiohttp import web

    assert settings.webhook_url
    db = await open_database(settings)
    bot = build_bot(settings)
    background = make_background(bot, db, settings)
    dp = build_dispatcher(settings, db, bot=bot, storage=_storage(settings), background=background)
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    await bot.set_webhook(settings.webhook_url, secret_token=secret)
    app = web.Application()
    path = (
        "/" + settings.webhook_url.split("://", 1)[-1].split("/", 1)[-1]
        if "/" in settings.webhook_url.split("://", 1)[-1]
        else "/webhook"
    )
    SimpleRequestHandler(dispatcher=dp, bot=bot, secret_token=secret).register(app, path=path)
    setup_application(app, dp, bot=bot)
    runner = web.AppRunner(app)
    await runner.setup()
    tune_gc()
    await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
        await bot.session.close()
        await db.close()


__all__ += ["make_background", "tune_gc"]
