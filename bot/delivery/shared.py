"""The send budget shared by every process of a deployment, in Redis (REDIS_URL).

A token bucket kept by one Lua script, on Redis's own clock, so that replies from every process and the
delivery leader's pushes together never go over DELIVERY_RATE. Replies first: a push may not take the
bucket's last `reserve` share, which is kept for the replies of any process. A 429 pauses everybody.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from bot.delivery.budget import Priority

__all__ = ["RedisBudget"]

log = logging.getLogger(__name__)

# KEYS[1] bucket; ARGV rate (tokens/s), capacity, reserve (tokens a push must leave), pause_ms (0: none)
# Returns the milliseconds to wait before trying again; 0 when a token was taken.
_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate, capacity, reserve, pause = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local tokens = tonumber(redis.call('HGET', KEYS[1], 'tokens') or capacity)
local stamp = tonumber(redis.call('HGET', KEYS[1], 'stamp') or now)
local paused = tonumber(redis.call('HGET', KEYS[1], 'paused') or 0)
if pause > 0 then
  paused = math.max(paused, now + pause)
  redis.call('HSET', KEYS[1], 'paused', paused, 'tokens', 0, 'stamp', now)
  redis.call('PEXPIRE', KEYS[1], 60000 + pause)
  return 0
end
if now < paused then return paused - now end
tokens = math.min(capacity, tokens + (now - math.max(stamp, paused)) * rate / 1000)
if tokens >= 1 + reserve then
  redis.call('HSET', KEYS[1], 'tokens', tokens - 1, 'stamp', now)
  redis.call('PEXPIRE', KEYS[1], 60000)
  return 0
end
redis.call('HSET', KEYS[1], 'tokens', tokens, 'stamp', now)
redis.call('PEXPIRE', KEYS[1], 60000)
return math.max(1, math.ceil((1 + reserve - tokens) * 1000 / rate))
"""


class RedisBudget:
    """DELIVERY_RATE messages/s for the whole deployment, replies first."""

    def __init__(
        self,
        url: str,
        rate: float,
        *,
        key: str = "loaxa:send-budget",
        burst_seconds: float = 0.2,
        reserve: float = 0.5,
    ) -> None:
        from redis.asyncio import Redis

        self.rate = float(rate)
        self.capacity = max(1.0, self.rate * burst_seconds)
        self.reserve = self.capacity * reserve  # what a push must leave in the bucket for replies
        self.key = key
        self.redis: Any = Redis.from_url(url)
        self._script = self.redis.register_script(_SCRIPT)
        self._pauses: set[asyncio.Task[None]] = set()

    async def acquire(self, priority: Priority = Priority.REPLY) -> None:
        reserve = self.reserve if priority == Priority.PUSH else 0.0
        while True:
            wait_ms = int(await self._script(keys=[self.key], args=[self.rate, self.capacity, reserve, 0]))
            if wait_ms <= 0:
                return
            await asyncio.sleep(min(wait_ms, 1000) / 1000)

    def pause(self, seconds: float) -> None:
        async def _pause() -> None:
            try:
                await self._script(keys=[self.key], args=[self.rate, self.capacity, 0, int(seconds * 1000)])
            except Exception:
                log.warning("could not share a 429 pause through Redis", exc_info=True)

        task = asyncio.get_running_loop().create_task(_pause())
        self._pauses.add(task)
        task.add_done_callback(self._pauses.discard)

    async def close(self) -> None:
        await self.redis.aclose()
