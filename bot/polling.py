"""Long polling with a clean stop.

On SIGTERM or SIGINT the bot stops asking for updates, lets the handlers in progress finish (their
reports are committed, their replies sent) while the outbox worker finishes its sends in flight and
hands the rest of its claimed rows back, then tells Telegram which updates it has handled, and exits —
within STOP_SECONDS (10 s). aiogram confirms a batch of updates by asking for the next one, so an update
it has handed to a handler is not sent again: every update the app's `UpdateTracker` counts (from the
moment the Dispatcher is fed it, `bot.tracking`) is finished before the exit, and one still unconfirmed
comes again after the restart. None is lost. A push goes on after the restart where it stopped, with no message sent twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable

from aiogram.methods import GetUpdates

from bot.app import App, build_app, tune_gc
from bot.config import Settings

__all__ = ["STOP_SECONDS", "run_polling", "stop_gracefully"]

log = logging.getLogger(__name__)

STOP_SECONDS = 10.0  # from SIGTERM to exit
HANDLERS_GRACE = 6.0  # of which the handlers in progress may take this long


async def stop_gracefully(app: App, polling: asyncio.Task[None]) -> None:
    """Stop taking updates, finish what is in progress (handlers and sends together), confirm the handled
    updates to Telegram, release everything."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    with contextlib.suppress(RuntimeError):
        await app.dp.stop_polling()
    with contextlib.suppress(asyncio.CancelledError):
        await polling
    background = asyncio.create_task(app.background.stop())  # sends in flight finish, the rest handed back
    tracker = app.tracker
    finished = await tracker.idle(HANDLERS_GRACE)
    if not finished:
        log.warning("%d updates still being handled at the stop are cut short", tracker.busy)
    last = tracker.last_done
    if last is not None and finished:
        try:  # confirms every update up to `last` without taking a new one
            await app.bot(GetUpdates(offset=last + 1, limit=1, timeout=0), request_timeout=3)
        except Exception as exc:
            log.warning("could not confirm the handled updates (%s); some may be handled again", exc)
    remaining = STOP_SECONDS - 1.0 - (loop.time() - started)
    try:
        await asyncio.wait_for(background, max(0.5, remaining))
    except TimeoutError:
        log.warning("background work did not stop in time")
    log.info("stopped in %.1f s", loop.time() - started)


async def run_polling(
    settings: Settings, *, extras: Callable[[App], Awaitable[Callable[[], Awaitable[None]]]] | None = None
) -> None:
    """Long polling until SIGTERM/SIGINT (`extras` starts operations' servers and returns their stop)."""
    app = await build_app(settings)
    stop_extras = None
    tune_gc()
    try:
        if extras is not None:
            stop_extras = await extras(app)
        await app.bot.delete_webhook(drop_pending_updates=False)
        polling = asyncio.create_task(
            app.dp.start_polling(app.bot, handle_signals=False, close_bot_session=False)
        )
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        waiter = asyncio.create_task(stop.wait())
        await asyncio.wait([polling, waiter], return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
        if polling.done():
            polling.result()  # polling ended on its own: raise what ended it
        else:
            log.warning("stopping (signal received)")
            await stop_gracefully(app, polling)
    finally:
        if stop_extras is not None:
            await stop_extras()
        await app.close()
