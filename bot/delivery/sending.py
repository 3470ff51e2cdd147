"""The parts of the outbox worker (`bot.delivery.worker`) that hold no state of its own: how many sends may
be in flight, the counts it keeps, one claimed row on its way, and the one Bot API call that sends it."""

from __future__ import annotations

import math
import random
from collections import deque
from dataclasses import dataclass, field

from aiogram import Bot
from aiogram.exceptions import ClientDecodeError, TelegramAPIError, TelegramNetworkError, TelegramServerError

from bot.config import Settings
from bot.db.models import Delivery
from bot.delivery.methods import push_message
from bot.delivery.render import Outgoing
from bot.delivery.replies import pushing

__all__ = [
    "INITIAL_RTT",
    "RETRYABLE",
    "Job",
    "RoundTrip",
    "WorkerStats",
    "max_in_flight",
    "retry_delay",
    "send_outgoing",
]

INITIAL_RTT = 0.3  # seconds; from Vietnam to the Bot API, until measured

# after these the same message is tried again, `retry_delay` later (TelegramAPIError last: its subclasses
# that mean "do not retry" are caught before it)
RETRYABLE = (TelegramServerError, TelegramNetworkError, TelegramAPIError, ClientDecodeError, OSError)


def retry_delay(attempts: int) -> float:
    """50 ms after the first failure, then ×5 each time (at most a minute), ±20% so retries spread out."""
    return min(60.0, 0.05 * 5 ** (attempts - 1)) * (0.8 + 0.4 * random.random())


def max_in_flight(settings: Settings) -> int:
    """The most sends in flight at once, hence the most messages a crash can repeat."""
    if settings.delivery_max_in_flight > 0:
        return settings.delivery_max_in_flight
    return max(2, math.ceil(settings.effective_rate * 1.0))


class RoundTrip:
    """The measured round trip of a send: `smoothed` (what sends take now, queuing included) and `low`, the
    shortest of the last `samples` sends (the network's own delay), which sizes the window."""

    def __init__(self, initial: float = INITIAL_RTT, samples: int = 64) -> None:
        self.smoothed = initial
        self.low = initial
        self._recent: deque[float] = deque(maxlen=samples)
        self._count = 0

    def add(self, seconds: float) -> None:
        self.smoothed = 0.8 * self.smoothed + 0.2 * seconds
        self._recent.append(seconds)
        self._count += 1
        if self._count == 1 or seconds < self.low:
            self.low = seconds
        elif self._count % 8 == 0:  # the low mark ages out with the samples
            self.low = min(self._recent)


@dataclass
class WorkerStats:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    dead: int = 0
    rate_limited: int = 0
    retry_after_seconds: float = 0.0
    most_in_flight: int = 0
    by_result: dict[str, int] = field(default_factory=dict)

    def count(self, result: str) -> None:
        self.by_result[result] = self.by_result.get(result, 0) + 1

    def limited(self, retry_after: float) -> None:
        """Telegram said 429."""
        self.rate_limited += 1
        self.retry_after_seconds += retry_after
        self.count("429")


@dataclass(eq=False)
class Job:
    row: Delivery
    outgoing: Outgoing | None
    token: str
    attempts: int
    valid_until: float  # loop time after which the lease may have lapsed: do not start the send
    due: float = 0.0


async def send_outgoing(bot: Bot, chat_id: int, outgoing: Outgoing, request_timeout: float) -> int:
    """One outbox message to Telegram (sent, or an edit of one sent before): its message id. Counted as a
    push, so that replies to people go first."""
    with pushing():
        if outgoing.edit_message_id:
            result = await bot.edit_message_text(
                text=outgoing.text,
                chat_id=chat_id,
                message_id=outgoing.edit_message_id,
                reply_markup=outgoing.reply_markup,
                request_timeout=math.ceil(request_timeout),
            )
            return int(getattr(result, "message_id", outgoing.edit_message_id))
        sent = await bot(
            push_message(chat_id, outgoing.text, outgoing.keyboard_json()),
            request_timeout=math.ceil(request_timeout),
        )
        return sent.message_id
