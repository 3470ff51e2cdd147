"""Metrics (issue 16.4): the update middleware and the send counters on the real bot, the polling-mode
endpoints on METRICS_PORT / HEALTH_PORT, the daily backup's metrics."""

from __future__ import annotations

import asyncio
import dataclasses
import socket
from pathlib import Path

import aiohttp
import pytest
from aiogram.exceptions import TelegramForbiddenError
from aiogram.types import Update
from prometheus_client.parser import text_string_to_metric_families

from bot.app import build_app
from bot.delivery.replies import pushing
from bot.localapi import Fault, LocalBotAPI
from bot.ops.metrics import Metrics, UpdateMetrics, send_result, update_kind
from bot.ops.server import Ops
from tests.helpers.harness import running_bot
from tests.helpers.settings import make_settings

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier


def sample(metrics: Metrics | str, name: str, **labels: str) -> float:
    text = metrics if isinstance(metrics, str) else metrics.render().decode()
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and s.labels == labels:
                return float(s.value)
    return 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_update_kinds() -> None:
    def upd(**payload: object) -> Update:
        return Update.model_validate({"update_id": 1, **payload})

    chat = {"id": 5, "type": "private"}
    user = {"id": 5, "is_bot": False, "first_name": "A"}
    msg = {"message_id": 1, "date": 0, "chat": chat, "from": user}
    assert update_kind(upd(message={**msg, "text": "/tuannay"})) == "command"
    assert update_kind(upd(message={**msg, "text": "da thuc hien"})) == "text"
    doc = {"file_id": "f", "file_unique_id": "u"}
    assert update_kind(upd(message={**msg, "document": doc})) == "document"
    assert (
        update_kind(upd(message={**msg, "contact": {"phone_number": "1", "first_name": "A"}}))
        == "message_other"
    )
    query = {"id": "1", "from": user, "chat_instance": "1", "data": "x"}
    assert update_kind(upd(callback_query=query)) == "callback"
    assert update_kind(upd()) == "unknown"


def test_send_results() -> None:
    from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
    from aiogram.methods import SendMessage

    method = SendMessage(chat_id=1, text="x")
    assert send_result(None) == "ok"
    assert send_result(TelegramRetryAfter(method, "429", 3)) == "429"
    assert send_result(TelegramServerError(method, "502")) == "5xx"
    assert send_result(TelegramNetworkError(method, "timeout")) == "timeout"
    assert send_result(TelegramForbiddenError(method, "blocked")) == "blocked"
    assert send_result(ValueError()) == "error"


def test_metrics_have_their_own_registry() -> None:
    a, b = Metrics(), Metrics()
    a.sent("ok")
    a.retry_after_received(3)
    assert sample(a, "loaxa_sends_total", source="push", result="ok") == 1
    assert sample(b, "loaxa_sends_total", source="push", result="ok") == 0
    assert sample(a, "loaxa_retry_after_seconds_total", source="push") == 3
    a.sent("weird")
    assert sample(a, "loaxa_sends_total", source="push", result="error") == 1


async def test_send_metrics_see_every_attempt(tmp_path: Path) -> None:
    """Replies retried by the send policy after a 429 count one 429 and one ok; a push to a person who
    blocked the bot counts as blocked."""
    api = LocalBotAPI()
    base = await api.start()
    settings = make_settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'b.db'}", telegram_api_base=base)
    app = await build_app(settings, token=api.token, scheduler=False, parse_in_process=False)
    try:
        ops = Ops(app)
        ops.instrument()
        ops.instrument()  # once only
        api.faults.append(Fault(kind="429", retry_after=1))
        await app.bot.send_message(77, "xin chào")
        api.blocked.add(78)
        with pushing(), pytest.raises(TelegramForbiddenError):
            await app.bot.send_message(78, "công văn mới")
        m = ops.metrics
        assert sample(m, "loaxa_sends_total", source="reply", result="429") == 1
        assert sample(m, "loaxa_sends_total", source="reply", result="ok") == 1
        assert sample(m, "loaxa_retry_after_seconds_total", source="reply") == 1
        assert sample(m, "loaxa_sends_total", source="push", result="blocked") == 1
        await app.bot.get_me()  # not a send
        assert (
            sum(
                s.value
                for f in text_string_to_metric_families(m.render().decode())
                for s in f.samples
                if s.name == "loaxa_sends_total"
            )
            == 3
        )
    finally:
        await app.close()
        await api.close()


async def test_update_middleware_on_the_polling_bot(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        ops = Ops(h.app)
        ops.instrument()
        outer = list(h.dp.update.outer_middleware)
        mine = next(i for i, m in enumerate(outer) if isinstance(m, UpdateMetrics))
        from bot.middlewares import IdentityMiddleware

        assert mine < next(i for i, m in enumerate(outer) if isinstance(m, IdentityMiddleware))
        await h.send(3002, "/tuannay")
        await h.send(3002, "xin chào")
        m = ops.metrics
        assert sample(m, "loaxa_updates_total", kind="command", outcome="handled") >= 1
        assert sample(m, "loaxa_updates_total", kind="text", outcome="handled") == 1
        assert sample(m, "loaxa_update_handling_seconds_count", kind="text") == 1
        assert sample(m, "loaxa_updates_in_progress") == 0


async def test_polling_ports_serve_metrics_and_health(tmp_path: Path) -> None:
    api = LocalBotAPI()
    base = await api.start()
    health_port = free_port()
    settings = make_settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'b.db'}",
        telegram_api_base=base,
        metrics_port=0,
        health_port=health_port,
    )
    app = await build_app(settings, token=api.token, scheduler=False, parse_in_process=False)
    ops = await Ops(app).start()
    try:
        assert ops.ports["health"] == health_port and ops.ports["metrics"] not in (0, health_port)
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{ops.ports['metrics']}/metrics") as r:
                text = await r.text()
                assert r.status == 200 and "loaxa_outbox_messages" in text
            async with http.get(f"http://127.0.0.1:{ops.ports['metrics']}/healthz") as r:
                assert r.status == 200
            async with http.get(f"http://127.0.0.1:{health_port}/healthz") as r:
                body = await r.json()
                assert r.status == 200 and body["status"] == "ok" and "queued" in body["outbox"]
            async with http.get(f"http://127.0.0.1:{health_port}/metrics") as r:
                assert r.status == 404, "the health port shows health only"
        # a port already taken: one clear line, exit status 1
        clash = settings.model_copy(update={"metrics_port": health_port, "health_port": None})
        other = Ops(dataclasses.replace(app, settings=clash))
        with pytest.raises(SystemExit) as info:
            await other.start()
        assert "METRICS_PORT" in str(info.value) and str(health_port) in str(info.value)
    finally:
        await ops.close()
        await app.close()
        await api.close()


async def test_daily_backup_runs_in_the_app_with_metrics(tmp_path: Path) -> None:
    api = LocalBotAPI()
    base = await api.start()
    settings = make_settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'b.db'}",
        telegram_api_base=base,
        backup_dir=tmp_path / "backups",
        backup_hour=0,
    )
    app = await build_app(settings, token=api.token, scheduler=False, parse_in_process=False)
    ops = await Ops(app).start(serve=False)
    try:
        for _ in range(100):
            if sample(ops.metrics, "loaxa_backup_last_success_timestamp_seconds") > 0:
                break
            await asyncio.sleep(0.05)
        assert sample(ops.metrics, "loaxa_backup_last_success_timestamp_seconds") > 0
        assert len(ops.backups.backups()) == 1
    finally:
        await ops.close()
        await app.close()
        await api.close()
