"""Builds the bot: the Bot (any Bot API server) with the send policy, the Dispatcher with its routers and
middlewares, the services, the background tasks, and the two ways to run it (long polling, webhook)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.fsm.storage.base import BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault, ErrorEvent

from bot import texts
from bot.config import Settings
from bot.db import repo
from bot.db.database import Database
from bot.delivery.budget import LocalBudget, SendBudget
from bot.delivery.leader import Leadership
from bot.delivery.methods import BotSession, PushMessage
from bot.delivery.progress import ProgressTracker
from bot.delivery.replies import SendPolicy
from bot.delivery.scheduler import Scheduler
from bot.delivery.shared import RedisBudget
from bot.delivery.worker import DeliveryWorker, max_in_flight
from bot.middlewares import IdentityMiddleware, IntentMiddleware
from bot.services import Services, build_services
from bot.services.identity import IdentityService
from bot.services.parsing import DocumentParser
from bot.services.setup import open_database
from bot.tracking import TrackedDispatcher, UpdateTracker
from handlers import get_routers

__all__ = ["App", "Background", "build_app", "build_bot", "set_commands", "tune_gc"]

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
    for method in (*used, PushMessage):
        _RESPONSE_TYPES.append(Response[method.__returning__])  # type: ignore[name-defined]


def tune_gc() -> None:
    """After start-up: move long-lived objects out of the collector's way (fewer, shorter GC pauses)."""
    gc.collect()
    gc.freeze()


def build_bot(settings: Settings, budget: SendBudget, token: str | None = None) -> Bot:
    """A Bot talking HTML to TELEGRAM_API_BASE, every call going through the send policy."""
    secret = token or (settings.bot_token.get_secret_value() if settings.bot_token else None)
    if not secret:
        raise SystemExit("BOT_TOKEN chưa được đặt (xem .env.example). Để thử ngoại tuyến: python -m bot chat")
    _pin_response_types()
    session = BotSession(
        api=TelegramAPIServer.from_base(settings.telegram_api_base.rstrip("/")),
        limit=max_in_flight(settings) + 100,  # the worker's window plus room for replies
        timeout=settings.telegram_timeout,
    )
    session.middleware(SendPolicy(budget))
    return Bot(
        secret,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


@dataclass
class Background:
    """The periodic work the app keeps references to, started with the bot and cancelled at shutdown.
    The outbox worker runs only while this process is the deployment's delivery leader."""

    worker: DeliveryWorker
    progress: ProgressTracker
    scheduler: Scheduler | None
    leadership: Leadership | None = None
    identities: IdentityService | None = None
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)

    def start(self) -> None:
        deliver = self.leadership.run() if self.leadership is not None else self.worker.run()
        self.tasks = [
            asyncio.create_task(deliver, name="delivery"),
            asyncio.create_task(self.progress.run(), name="progress"),
        ]
        if self.identities is not None:
            self.tasks.append(asyncio.create_task(self.identities.run(), name="identities"))
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


@dataclass
class App:
    """Everything a running bot is made of; `close()` releases it."""

    settings: Settings
    db: Database
    bot: Bot
    budget: SendBudget
    services: Services
    parser: DocumentParser
    background: Background
    dp: TrackedDispatcher

    @property
    def tracker(self) -> UpdateTracker:
        return self.dp.tracker

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self.background.stop()
        if isinstance(self.budget, RedisBudget):
            await self.budget.close()
        self.parser.close()
        await self.bot.session.close()
        await self.db.close()


async def set_commands(bot: Bot, admin_chat_ids: list[int]) -> None:
    """The command menu: officers' commands for everyone, plus admin commands in admins' chats."""
    officer = [BotCommand(command=c, description=d) for c, d in texts.OFFICER_COMMANDS]
    admin = officer + [BotCommand(command=c, description=d) for c, d in texts.ADMIN_COMMANDS]
    await bot.set_my_commands(officer, scope=BotCommandScopeDefault())
    for chat_id in admin_chat_ids:
        await bot.set_my_commands(admin, scope=BotCommandScopeChat(chat_id=chat_id))


async def _on_error(event: ErrorEvent) -> bool:
    update = event.update
    if isinstance(event.exception, (TelegramServerError, TelegramNetworkError, TelegramRetryAfter)):
        # the reply could not be delivered even after its retries; what the person did is committed, and
        # an apology would most likely not get through either
        log.warning("reply to update %s not delivered: %s", update.update_id, event.exception)
        return True
    log.error("error handling update %s", update.update_id, exc_info=event.exception)
    try:
        if update.message is not None:
            await update.message.answer(texts.ERROR)
        elif update.callback_query is not None:
            await update.callback_query.answer(texts.ERROR, show_alert=True)
    except Exception:
        log.exception("could not tell the user about the error in update %s", update.update_id)
    return True


def _storage(settings: Settings) -> BaseStorage:
    if settings.redis_url:
        from aiogram.fsm.storage.redis import RedisStorage

        return RedisStorage.from_url(settings.redis_url)
    return MemoryStorage()


async def build_app(
    settings: Settings,
    db: Database | None = None,
    *,
    token: str | None = None,
    scheduler: bool = True,
    parse_in_process: bool = True,
    storage: BaseStorage | None = None,
) -> App:
    """The bot, its Dispatcher and its background work over `db` (opened from settings when None)."""
    db = db or await open_database(settings)
    budget: SendBudget = (
        RedisBudget(settings.redis_url, settings.effective_rate)
        if settings.redis_url
        else LocalBudget(settings.effective_rate)
    )
    bot = build_bot(settings, budget, token)
    parser = DocumentParser(processes=parse_in_process)
    services = build_services(db, settings, parser=parser)
    worker = DeliveryWorker(bot, db, settings, budget)
    background = Background(
        worker,
        ProgressTracker(bot, db),
        Scheduler(db, settings) if scheduler else None,
        Leadership(db, worker.run),
        services.identities,
    )
    dp = TrackedDispatcher(  # a clean stop lets every update its tracker counts finish
        tracker=UpdateTracker(), storage=storage or _storage(settings), settings=settings, worker=worker
    )
    dp.workflow_data.update(services.as_workflow_data())
    dp.update.outer_middleware(IdentityMiddleware(services.identities))
    dp.message.outer_middleware(IntentMiddleware())
    dp.include_routers(*get_routers())
    dp.errors.register(_on_error)

    async def on_startup() -> None:
        async with db.read() as session:
            admins = [o.chat_id for o in await repo.active_admins(session)]
        try:
            await set_commands(bot, sorted(set(admins) | set(settings.admin_ids)))
        except Exception:
            log.exception("setMyCommands failed")
        background.start()

    dp.startup.register(on_startup)  # the background stops with App.close(), after the handlers in progress
    return App(settings, db, bot, budget, services, parser, background, dp)
