"""Logs (issue 10.6, 16.4): the token and personal data never reach them; one INFO line per update with kind,
time and outcome but never the text; LOG_FORMAT=json gives one JSON object per line."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiohttp import web
from multidict import CIMultiDict, CIMultiDictProxy
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert
from sqlalchemy.exc import IntegrityError
from yarl import URL

from bot.ops.logs import (
    RedactingFilter,
    configure_logging,
    officer_ref,
    redact,
    register_secret,
)
from tests.helpers.settings import make_settings
from tests.helpers.webhook import TOKEN, text_update, webhook_bot

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

OTHER_TOKEN = "5550001111:ZZxxYYwwVVuuTTssRRqqPPooNNmmLLkk_-9"  # never registered: caught by its shape
PASSWORD = "pa55-w0rd-secret"
log = logging.getLogger("tests.logs")


@pytest.fixture
def root_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    event_level = logging.getLogger("aiogram.event").level
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        logging.getLogger("aiogram.event").setLevel(event_level)
        logging.getLogger("aiohttp.access").setLevel(logging.NOTSET)


def configured(fmt: str = "text", **overrides: object) -> io.StringIO:
    stream = io.StringIO()
    values: dict[str, object] = {
        "bot_token": TOKEN,
        "log_format": fmt,
        "database_url": f"postgresql+asyncpg://loaxa:{PASSWORD}@db.internal/loaxa",
    }
    values.update(overrides)
    configure_logging(make_settings(**values), service=True, stream=stream)
    return stream


def test_redact_shapes() -> None:
    register_secret(TOKEN)
    assert TOKEN not in redact(f"https://api.telegram.org/bot{TOKEN}/getUpdates")
    assert redact(f"/bot{OTHER_TOKEN}/sendMessage") == "/bot5550001111:***/sendMessage"
    assert PASSWORD not in redact(f"postgresql+asyncpg://loaxa:{PASSWORD}@db/loaxa")
    assert redact("redis://:s3cr3t-pass@127.0.0.1:6379/0") == "redis://:***@127.0.0.1:6379/0"
    hidden = redact(
        "(sqlite3.IntegrityError) UNIQUE constraint failed: officers.telegram_id\n"
        "[SQL: INSERT INTO officers (name, telegram_id) VALUES (?, ?)]\n"
        "[parameters: ('Nguyễn Văn An', 987654321)]\n"
        "(Background on this error at: https://sqlalche.me/e/20/gkpj)"
    )
    assert "Nguyễn Văn An" not in hidden and "987654321" not in hidden and "[parameters: hidden]" in hidden
    detail = redact("DETAIL:  Key (telegram_id)=(987654321) already exists.")
    assert "987654321" not in detail and "Key (telegram_id)=(hidden)" in detail
    assert redact("update 12 text 30 ms handled") == "update 12 text 30 ms handled"


def test_token_is_redacted_in_messages_arguments_exceptions_and_stacks(root_logging: None) -> None:
    stream = configured()
    url = f"https://api.telegram.org/bot{TOKEN}/sendMessage"
    log.error("request to %s failed", url)
    log.warning(f"inline {TOKEN} and {OTHER_TOKEN}")
    log.info("connecting to %s", f"postgresql+asyncpg://loaxa:{PASSWORD}@db.internal/loaxa")
    info = aiohttp.RequestInfo(URL(url), "POST", CIMultiDictProxy(CIMultiDict()), URL(url))
    try:
        raise aiohttp.ClientResponseError(info, (), status=502, message="Bad Gateway")
    except aiohttp.ClientResponseError:
        log.exception("Bot API call failed")
    try:
        try:
            raise RuntimeError(f"inner with {OTHER_TOKEN}")
        except RuntimeError as inner:
            raise ValueError(f"outer GET /bot{TOKEN}/getMe") from inner
    except ValueError:
        log.error("chained", exc_info=True, stack_info=True)
    out = stream.getvalue()
    assert "Bot API call failed" in out and "Traceback" in out and "ClientResponseError" in out
    for secret in (TOKEN, OTHER_TOKEN, PASSWORD, TOKEN.split(":")[1], OTHER_TOKEN.split(":")[1]):
        assert secret not in out
    assert "7012345678:***" in out or "/bot***/" in out


def test_filter_is_on_every_root_handler(root_logging: None) -> None:
    configured()
    root = logging.getLogger()
    extra = logging.StreamHandler(io.StringIO())
    root.addHandler(extra)
    from bot.ops.logs import install_redaction

    install_redaction()
    assert all(any(isinstance(f, RedactingFilter) for f in h.filters) for h in root.handlers)


async def test_aiogram_own_error_lines_are_redacted(root_logging: None) -> None:
    """The dispatcher's "Failed to fetch updates" line, with an error that carries the Bot API URL."""
    stream = configured()

    async def method(request: web.Request) -> web.Response:
        if request.match_info["method"] == "getMe":
            user = {"id": 7012345678, "is_bot": True, "first_name": "Loa Xã", "username": "loaxa_bot"}
            return web.json_response({"ok": True, "result": user})
        if request.match_info["method"] == "deleteWebhook":
            return web.json_response({"ok": True, "result": True})
        description = f"Bad Gateway: upstream {request.url} is down"
        return web.json_response({"ok": False, "error_code": 502, "description": description}, status=502)

    web_app = web.Application()
    web_app.router.add_route("*", "/bot{token}/{method}", method)
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(f"http://127.0.0.1:{port}")))
    dp = Dispatcher()
    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1))
    try:
        for _ in range(100):
            if "Failed to fetch updates" in stream.getvalue():
                break
            await asyncio.sleep(0.05)
    finally:
        with contextlib.suppress(RuntimeError):
            await dp.stop_polling()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(polling, 10)
        await bot.session.close()
        await runner.cleanup()
    out = stream.getvalue()
    assert "Failed to fetch updates" in out and "Bad Gateway" in out
    assert TOKEN not in out and TOKEN.split(":")[1] not in out


def test_integrity_error_traceback_keeps_no_name_or_telegram_id(root_logging: None) -> None:
    stream = configured()
    engine = create_engine("sqlite://")
    officers = Table(
        "officers",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("name", String),
        Column("telegram_id", Integer, unique=True),
    )
    officers.metadata.create_all(engine)
    row = {"name": "Hoàng Thị Bích", "telegram_id": 987654321}  # a traceback shows source lines, not this
    try:
        with engine.begin() as conn:
            conn.execute(insert(officers).values(**row))
            conn.execute(insert(officers).values(**row))
    except IntegrityError:
        log.exception("registration failed for %s", officer_ref(1))
    finally:
        engine.dispose()
    out = stream.getvalue()
    assert "IntegrityError" in out and "officer#1" in out
    assert "Hoàng Thị Bích" not in out and "987654321" not in out


def test_officer_ref() -> None:
    class Officer:
        id = 12
        name = "Nguyễn Văn An"

    assert officer_ref(Officer()) == "officer#12"
    assert officer_ref(7) == "officer#7"
    assert officer_ref(None) == "officer#-"
    assert officer_ref("Nguyễn Văn An") == "officer#?"


def test_json_lines(root_logging: None) -> None:
    stream = configured("json")
    log.info(
        "update %s %s", 5, "text", extra={"update_id": 5, "kind": "text", "ms": 1.5, "outcome": "handled"}
    )
    try:
        raise KeyError(f"bot{TOKEN}")
    except KeyError:
        log.exception("multi\nline")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert (
        first["level"] == "INFO" and first["logger"] == "tests.logs" and first["message"] == "update 5 text"
    )
    assert (first["update_id"], first["kind"], first["ms"], first["outcome"]) == (5, "text", 1.5, "handled")
    assert first["time"].endswith("+00:00")
    assert second["message"] == "multi\nline" and "KeyError" in second["exception"]
    assert TOKEN not in lines[1]


def test_levels(root_logging: None) -> None:
    configure_logging(make_settings(), stream=io.StringIO())
    assert logging.getLogger().level == logging.WARNING
    configure_logging(make_settings(), verbose=True, stream=io.StringIO())
    assert logging.getLogger().level == logging.INFO
    configure_logging(make_settings(), service=True, stream=io.StringIO())
    assert logging.getLogger().level == logging.INFO
    assert logging.getLogger("aiogram.event").level == logging.WARNING
    configure_logging(make_settings(log_level="error"), service=True, stream=io.StringIO())
    assert logging.getLogger().level == logging.ERROR
    configure_logging(None, verbose=True, stream=io.StringIO())
    assert logging.getLogger().level == logging.INFO
    assert len(logging.getLogger().handlers) == 1


async def test_info_lines_carry_no_text_no_token_no_name(root_logging: None, tmp_path: Path) -> None:
    """Through the running bot: one INFO line per update (kind, ms, outcome), never what was written."""
    stream = configured("json")
    phrase = "đã thực hiện phát thanh BÍ-MẬT-7788"
    async with webhook_bot(tmp_path) as hook:
        unit = await hook.unit()
        code = await hook.invite(unit)
        updates = [
            text_update(9100, f"/start {code}"),
            text_update(9100, phrase),
            text_update(9100, "tuan nay phat gi BÍ-MẬT-7788"),
            text_update(9200, "người lạ BÍ-MẬT-7788"),
        ]
        for update in updates:
            assert (await hook.post(update)).status == 200
        secret = hook.server.secret
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    text = stream.getvalue()
    for secret_text in (TOKEN, TOKEN.split(":")[1], secret, code, "BÍ-MẬT-7788", "Cán bộ 9100", "9200"):
        assert secret_text not in text, secret_text
    per_update = [line for line in lines if line["logger"] == "bot.updates"]
    assert sorted(line["update_id"] for line in per_update) == sorted(u["update_id"] for u in updates)
    assert all(line["level"] == "INFO" and line["outcome"] == "handled" for line in per_update)
    assert {line["kind"] for line in per_update} == {"command", "text"}
    assert all(isinstance(line["ms"], float | int) for line in per_update)
    registered = [line for line in per_update if line["update_id"] != updates[0]["update_id"]]
    assert any(line.get("officer", "").startswith("officer#") for line in registered)
