"""What makes the local Bot API behave like the real, far-away one: round-trip latency, injected faults
(429, 5xx, timeouts, 403, dropped connections, lost answers) and Telegram's flood control."""

from __future__ import annotations

import asyncio
import math
import random
import time
from dataclasses import dataclass

from aiohttp import web

from bot.localapi.telegram_rules import ApiError

__all__ = [
    "SEND_METHODS",
    "Fault",
    "FaultKind",
    "Faults",
    "Limits",
    "Network",
    "TokenBucket",
    "abort_connection",
]

SEND_METHODS = frozenset(
    {"sendMessage", "sendDocument", "sendPhoto", "copyMessage", "forwardMessage", "editMessageText"}
)


class FaultKind:
    """The kinds of injected failure."""

    TOO_MANY = "429"
    SERVER = ("500", "502", "503")
    FORBIDDEN = "403"
    TIMEOUT = "timeout"  # the server hangs, then answers 504; nothing was done
    DROP = "drop"  # the connection dies before anything was done
    LOST_ANSWER = "lost"  # the method is carried out, then the connection dies: the client never learns


@dataclass(slots=True)
class Fault:
    """An injected failure: `kind` is 429, 500, 502, 503, 403, timeout, drop or lost (see FaultKind)."""

    kind: str
    method: str = "sendMessage"
    times: int | None = 1
    probability: float | None = None
    retry_after: int = 1
    chat_id: int | None = None

    def matches(self, method: str, chat_id: int | None) -> bool:
        if self.method not in (method, "*") and not (self.method == "send" and method in SEND_METHODS):
            return False
        return self.chat_id is None or self.chat_id == chat_id


@dataclass(slots=True)
class Limits:
    """Flood control as Telegram applies it; `enforce=False` turns it off (interactive tests)."""

    enforce: bool = False
    rate: float = 30.0  # messages per second for the whole bot
    burst_seconds: float = 1.0
    chat_rate: float = 1.0  # messages per second to one chat
    chat_burst: int = 3


@dataclass(slots=True)
class Network:
    """The round trip of every call, as from a server in Vietnam to Telegram's data centre in Europe.

    `latency` is the mean round trip in seconds, `jitter` a uniform spread around it. Half of it is spent
    before the method is carried out and half after, so a client that gives up mid-way may have had its
    message delivered. `error_rate` fails that share of sending calls with a 502 before anything is done.
    """

    latency: float = 0.0
    jitter: float = 0.0
    error_rate: float = 0.0

    def round_trip(self, rng: random.Random) -> float:
        if self.latency <= 0:
            return 0.0
        return max(0.0, self.latency + (rng.uniform(-self.jitter, self.jitter) if self.jitter else 0.0))


class TokenBucket:
    def __init__(self, rate: float, capacity: float) -> None:
        self.rate = rate
        self.capacity = max(1.0, capacity)
        self.tokens = self.capacity
        self.stamp = time.monotonic()

    def take(self) -> float:
        """Take one token; returns 0 when allowed, else the seconds until one is available."""
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return 0.0
        return (1.0 - self.tokens) / self.rate

    def give_back(self) -> None:
        self.tokens = min(self.capacity, self.tokens + 1)


class Faults:
    """Mixin of LocalBotAPI: fault injection, network behaviour and flood control."""

    faults: list[Fault]
    limits: Limits
    network: Network
    timeout_delay: float
    rejected_429: int
    _rng: random.Random
    _global: TokenBucket
    _chats: dict[int, TokenBucket]

    def set_limits(self, limits: Limits) -> None:
        self.limits = limits
        self._global = TokenBucket(limits.rate, limits.rate * limits.burst_seconds)
        self._chats.clear()

    def set_network(self, network: Network) -> None:
        self.network = network

    def _too_many(self, retry_after: int) -> ApiError:
        self.rejected_429 += 1
        return ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})

    async def _apply_faults(
        self, method: str, chat_id: int | None, request: web.Request | None
    ) -> str | None:
        """Raise the injected failure that applies to this call, if any; returns "lost" when the call must be
        carried out and its answer then lost."""
        if (
            self.network.error_rate
            and method in SEND_METHODS
            and self._rng.random() < self.network.error_rate
        ):
            raise ApiError(502, "Bad Gateway")
        for fault in list(self.faults):
            if not fault.matches(method, chat_id):
                continue
            if fault.probability is not None and self._rng.random() >= fault.probability:
                continue
            if fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
            if fault.kind == FaultKind.TOO_MANY:
                raise self._too_many(fault.retry_after)
            if fault.kind in FaultKind.SERVER:
                raise ApiError(
                    int(fault.kind), "Internal Server Error" if fault.kind == "500" else "Bad Gateway"
                )
            if fault.kind == FaultKind.FORBIDDEN:
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            if fault.kind == FaultKind.TIMEOUT:
                await asyncio.sleep(self.timeout_delay)
                raise ApiError(504, "Gateway Timeout")
            if fault.kind == FaultKind.DROP:
                abort_connection(request)
                raise ConnectionResetError("dropped by fault injection")
            if fault.kind == FaultKind.LOST_ANSWER:
                return FaultKind.LOST_ANSWER
        return None

    def _flood_check(self, chat_id: int) -> None:
        if not self.limits.enforce:
            return
        bucket = self._chats.get(chat_id)
        if bucket is None:
            bucket = self._chats[chat_id] = TokenBucket(self.limits.chat_rate, self.limits.chat_burst)
        wait_chat = bucket.take()
        if wait_chat:
            raise self._too_many(max(1, math.ceil(wait_chat)))
        wait_all = self._global.take()
        if wait_all:
            bucket.give_back()
            raise self._too_many(max(1, math.ceil(wait_all)))


def abort_connection(request: web.Request | None) -> None:
    if request is not None and request.transport is not None:
        request.transport.abort()  # the client sees the connection die mid-request
