"""A clean stop: SIGTERM during a push and while updates are being handled, against a Bot API 200 ms away.
The process exits within the stated bound; after a restart nothing is lost and nothing is sent twice."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot import texts
from bot.localapi.process import ApiProcess
from bot.polling import STOP_SECONDS
from bot.services.setup import open_database
from tests.helpers.push import BASE_CHAT, PUSH_PREFIX, setup_push
from tests.helpers.settings import make_settings

pytestmark = pytest.mark.slow


def _env(db_url: str, api: ApiProcess) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DATABASE_URL": db_url,
        "BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE": api.base_url,
        "DELIVERY_RATE": "25",
        "DELIVERY_CHAT_INTERVAL": "0",
        "DELIVERY_POLL_INTERVAL": "0.2",
        "LOAD_SAMPLES": "false",
    }


def _start(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as sink:
        return subprocess.Popen([sys.executable, "-m", "bot", "-v", "run"], env=env, stdout=sink, stderr=sink)


def _terminate(bot: subprocess.Popen[bytes]) -> float:
    """SIGTERM; the seconds until the process was gone."""
    started = time.monotonic()
    bot.send_signal(signal.SIGTERM)
    try:
        bot.wait(STOP_SECONDS + 5)
    except subprocess.TimeoutExpired:
        bot.kill()
        bot.wait(5)
        return float("inf")
    return time.monotonic() - started


def test_sigterm_in_the_middle_of_a_push(tmp_path: Path) -> None:
    n = 600
    db_url = f"sqlite+aiosqlite:///{tmp_path / 'stop.db'}"
    settings = make_settings(database_url=db_url)

    async def prepare() -> None:
        db = await open_database(settings)
        try:
            await setup_push(db, settings, n)
        finally:
            await db.close()

    asyncio.run(prepare())
    log = tmp_path / "bot.log"
    with ApiProcess(latency=0.2, jitter=0.05) as api:
        env = _env(db_url, api)

        def pushed() -> dict[int, int]:
            return api.delivered(PUSH_PREFIX)

        bot = _start(env, log)
        deadline = time.monotonic() + 120
        while sum(pushed().values()) < n // 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        took = _terminate(bot)
        at_stop = sum(pushed().values())
        assert took <= STOP_SECONDS, log.read_text(errors="replace")[-3000:]
        assert n // 3 <= at_stop < n
        bot = _start(env, log)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not all(pushed().get(BASE_CHAT + i, 0) for i in range(n)):
            time.sleep(0.2)
        _terminate(bot)
        final = pushed()
    assert [final.get(BASE_CHAT + i, 0) for i in range(n)] == [1] * n, "lost or repeated across the stop"


def test_sigterm_while_updates_are_handled_loses_none(tmp_path: Path) -> None:
    db_url = f"sqlite+aiosqlite:///{tmp_path / 'updates.db'}"
    settings = make_settings(database_url=db_url)

    async def prepare() -> None:
        db = await open_database(settings)
        try:
            await setup_push(db, settings, 40)
        finally:
            await db.close()

    asyncio.run(prepare())
    users = [BASE_CHAT + i for i in range(40)]
    log = tmp_path / "bot.log"
    header = texts.WEEK_HEADER.split("(")[0]
    with ApiProcess(latency=0.2, jitter=0.05) as api:
        env = _env(db_url, api)
        bot = _start(env, log)
        deadline = time.monotonic() + 60
        while api.stats()["requests"].get("getUpdates", 0) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        api.burst([(u, "tuần này phát gì") for u in users])
        polls = api.stats()["requests"].get("getUpdates", 0)
        while api.stats()["requests"].get("getUpdates", 0) <= polls and time.monotonic() < deadline:
            time.sleep(0.01)  # the bot has taken the updates: stop it while it handles them
        took = _terminate(bot)
        assert took <= STOP_SECONDS, log.read_text(errors="replace")[-3000:]
        bot = _start(env, log)
        deadline = time.monotonic() + 60

        def answered() -> dict[int, int]:
            return api.delivered(header)

        while time.monotonic() < deadline and len(answered()) < len(users):
            time.sleep(0.2)
        time.sleep(1.0)  # a repeated update would be answered by now
        _terminate(bot)
        replies = answered()
    missing = sorted(set(users) - set(replies))
    assert not missing, f"{len(missing)} updates lost across the stop: {missing}\n" + log.read_text(
        errors="replace"
    )[-4000:]
    assert set(replies.values()) == {1}, "an update was handled twice"
