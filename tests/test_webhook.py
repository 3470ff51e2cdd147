"""Webhook mode through real HTTP (issue 10.1, 16.4): the secret, 400 for what is not an update, /healthz and
/metrics on the running aiohttp server, the bot built on the local Bot API."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import re
import time
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.app import build_app
from bot.config import WEBHOOK_SECRET_RE
from bot.db import repo
from bot.db.database import Database
from bot.services import directives as directive_service
from bot.webhook import start_webhook, webhook_path
from tests.helpers.settings import SAMPLES, make_settings
from tests.helpers.webhook import TOKEN, text_update, update_ids, webhook_bot

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier


def test_webhook_path() -> None:
    assert webhook_path("https://bot.example.vn/tg/hook") == "/tg/hook"
    assert webhook_path("https://bot.example.vn") == "/webhook"
    assert webhook_path("https://bot.example.vn/") == "/webhook"


async def test_secret_is_generated_registered_and_warned(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.webhook")
    async with webhook_bot(tmp_path) as hook:
        assert hook.server.generated
        secret = hook.server.secret
        assert WEBHOOK_SECRET_RE.fullmatch(secret) and len(secret) >= 40
        assert hook.api.webhook == {"url": "https://loaxa.example.vn/tg/hook", "secret_token": secret}
        warnings = [r for r in caplog.records if r.name == "bot.webhook" and r.levelno == logging.WARNING]
        assert any("WEBHOOK_SECRET is not set" in r.getMessage() for r in warnings)
        assert all(secret not in r.getMessage() for r in caplog.records)


async def test_configured_secret_is_used(tmp_path: Path) -> None:
    async with webhook_bot(tmp_path, webhook_secret="Loaxa_secret-2025_abcdefghijklmnop") as hook:
        assert not hook.server.generated
        assert hook.api.webhook["secret_token"] == "Loaxa_secret-2025_abcdefghijklmnop"


def test_bad_configured_secret_is_refused() -> None:
    with pytest.raises(ValueError):
        make_settings(webhook_secret="has spaces and ; semicolons")
    assert make_settings(webhook_secret="").webhook_secret is None


async def test_forged_updates_are_refused_and_not_processed(tmp_path: Path) -> None:
    async with webhook_bot(tmp_path) as hook:
        unit = await hook.unit()
        code = await hook.invite(unit)
        forged = text_update(777, f"/start {code}")
        assert (await hook.post(forged, secret=None)).status == 401
        assert (await hook.post(forged, secret="wrong-secret")).status == 401
        assert (await hook.post(forged, secret=hook.server.secret + "x")).status == 401
        assert (await hook.post(b"not even json", secret=None)).status == 401  # the secret comes first
        await asyncio.sleep(0.2)
        async with hook.app.db.read() as session:
            assert await repo.officer_by_telegram(session, 777) is None
        assert hook.api.messages(777) == []
        # the same update with the secret registers the officer: the endpoint does work
        assert (await hook.post(forged)).status == 200
        async with hook.app.db.read() as session:
            officer = await repo.officer_by_telegram(session, 777)
        assert officer is not None and officer.unit_id == unit.id
        assert hook.api.messages(777), "the bot answered the registration"
        _, _, metrics = await hook.get("/metrics")
        assert 'loaxa_webhook_requests_total{result="unauthorized"} 4.0' in metrics
        assert 'loaxa_webhook_requests_total{result="accepted"} 1.0' in metrics


NOT_UPDATES = [
    b"{not json",
    b"\xff\xfe\x00garbage",
    b"",
    b"[]",
    b'"a string"',
    b"42",
    b"null",
    b'{"message": {"text": "hi"}}',
    b'{"update_id": "7"}',
    b'{"update_id": true}',
    b'{"update_id": 7, "message": {"message_id": "x", "chat": 5}}',
    b'{"update_id": 7, "callback_query": {"id": 1}}',
]


async def test_bodies_that_are_not_updates_get_400(tmp_path: Path) -> None:
    async with webhook_bot(tmp_path) as hook:
        for body in NOT_UPDATES:
            response = await hook.post(body)
            assert response.status == 400, body
        assert [e for e in hook.api.events if e.kind == "send"] == []
        _, _, metrics = await hook.get("/metrics")
        assert f'loaxa_webhook_requests_total{{result="bad_request"}} {float(len(NOT_UPDATES))}' in metrics


async def test_valid_update_is_handled_before_200(tmp_path: Path) -> None:
    async with webhook_bot(tmp_path) as hook:
        response = await hook.post(text_update(4242, "xin chào"))
        assert response.status == 200
        assert hook.api.messages(4242), "a stranger is told how to register"
        # an update of a type this aiogram does not know is acknowledged, not an error
        assert (await hook.post({"update_id": next(update_ids), "future_kind": {"x": 1}})).status == 200


async def test_healthz_200_then_503_when_the_database_is_unreachable(tmp_path: Path) -> None:
    async with webhook_bot(tmp_path) as hook:
        status, ctype, body = await hook.get("/healthz")
        assert status == 200 and ctype.startswith("application/json")
        health = json.loads(body)
        assert health["status"] == "ok" and health["db"] == "ok"
        assert health["outbox"]["queued"] == 0 and health["oldest_queued_seconds"] == 0
        assert set(health["outbox"]) >= {"queued", "sent", "failed", "dead"}

        # the probe now points at a database that cannot be opened (a directory)
        broken_dir = tmp_path / "broken.db"
        broken_dir.mkdir()
        broken = Database(f"sqlite+aiosqlite:///{broken_dir}")
        hook.server.ops.probe.db = broken
        hook.server.ops.probe.max_age = 0
        try:
            status, _, body = await hook.get("/healthz")
            assert status == 503
            assert json.loads(body)["db"] == "unreachable"
            _, _, metrics = await hook.get("/metrics")
            assert "loaxa_database_up 0.0" in metrics
        finally:
            await broken.close()


EXPECTED_METRICS = {
    "loaxa_updates": "counter",
    "loaxa_update_handling_seconds": "histogram",
    "loaxa_updates_in_progress": "gauge",
    "loaxa_sends": "counter",
    "loaxa_retry_after_seconds": "counter",
    "loaxa_outbox_messages": "gauge",
    "loaxa_outbox_oldest_queued_seconds": "gauge",
    "loaxa_reports_recorded": "counter",
    "loaxa_database_up": "gauge",
    "loaxa_delivery_in_flight": "gauge",
    "loaxa_delivery_claimed": "gauge",
    "loaxa_webhook_requests": "counter",
    "loaxa_backup_last_success_timestamp_seconds": "gauge",
    "loaxa_backup_failures": "counter",
}


async def test_metrics_text_format(tmp_path: Path) -> None:
    async with webhook_bot(tmp_path) as hook:
        assert (await hook.post(text_update(5151, "/start"))).status == 200
        status, ctype, text = await hook.get("/metrics")
        assert status == 200 and ctype.startswith("text/plain")
        families = {f.name: f for f in text_string_to_metric_families(text)}
        for name, kind in EXPECTED_METRICS.items():
            assert name in families, name
            assert families[name].type == kind, name
        samples = {
            (s.name, tuple(sorted(s.labels.items()))): s.value for f in families.values() for s in f.samples
        }
        assert samples[("loaxa_updates_total", (("kind", "command"), ("outcome", "handled")))] == 1
        assert samples[("loaxa_update_handling_seconds_count", (("kind", "command"),))] == 1
        assert samples[("loaxa_sends_total", (("result", "ok"), ("source", "reply")))] >= 1
        assert samples[("loaxa_outbox_messages", (("status", "queued"),))] == 0
        assert samples[("loaxa_database_up", ())] == 1
        assert TOKEN not in text and hook.server.secret not in text


async def test_metrics_follow_a_push(tmp_path: Path) -> None:
    """Scraped during a push: the outbox depth goes down and the push counter goes up, to the end."""
    async with webhook_bot(tmp_path, delivery_rate=8.0) as hook:
        unit = await hook.unit()
        users = list(range(9001, 9013))
        for user in users:
            assert (await hook.post(text_update(user, f"/start {await hook.invite(unit)}"))).status == 200
        async with hook.app.db.write() as session:
            imported = await directive_service.import_file(session, next(SAMPLES.glob("*")))
            await directive_service.publish(session, imported.directive, [unit])
        hook.app.background.worker.wake()

        def value(text: str, name: str, **labels: str) -> float:
            for family in text_string_to_metric_families(text):
                for s in family.samples:
                    if s.name == name and s.labels == labels:
                        return float(s.value)
            return 0.0

        queued_seen: list[float] = []
        sent_seen: list[float] = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            _, _, text = await hook.get("/metrics")
            queued = value(text, "loaxa_outbox_messages", status="queued")
            sent_seen.append(value(text, "loaxa_sends_total", source="push", result="ok"))
            queued_seen.append(queued)
            if queued == 0 and sent_seen[-1] >= len(users):
                break
            await asyncio.sleep(0.25)
        assert max(queued_seen) > 0, "the push was seen while it was going on"
        assert queued_seen[-1] == 0 and sent_seen[-1] >= len(users)
        assert all(b <= a for a, b in itertools.pairwise(queued_seen)), queued_seen
        assert all(b >= a for a, b in itertools.pairwise(sent_seen)), sent_seen
        assert re.search(r'loaxa_outbox_messages\{status="sent"\} (\d+)', text)


async def test_port_taken_is_one_clear_line(tmp_path: Path) -> None:
    async with webhook_bot(tmp_path) as hook:
        settings = hook.app.settings
        other = await build_app(
            settings, db=hook.app.db, token=TOKEN, scheduler=False, parse_in_process=False
        )
        with pytest.raises(SystemExit) as info:
            await start_webhook(other, host="127.0.0.1", port=hook.server.port)
        assert "WEBHOOK_PORT" in str(info.value) and str(hook.server.port) in str(info.value)
        await other.bot.session.close()
