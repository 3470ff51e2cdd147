"""Periodic background jobs: a plain `tick()` called every few seconds until the app cancels the task."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

__all__ = ["run_every"]

log = logging.getLogger(__name__)


async def run_every(interval: float, tick: Callable[[], Awaitable[object]], what: str) -> None:
    """Call `tick` every `interval` seconds until cancelled; a failing tick is logged and the next one runs."""
    while True:
        try:
            await tick()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s failed", what)
        await asyncio.sleep(interval)
