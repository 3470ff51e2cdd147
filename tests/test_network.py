"""Telegram is far away and fails: what a person did is committed before the reply, and a reply that fails
(5xx, timeout, an answer lost on the way back) is retried and never undoes it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot import texts
from bot.db import repo
from bot.db.models import Officer, Report
from bot.localapi import Fault, Limits, Network
from bot.services.units import commune_units
from tests.helpers.harness import Harness, running_bot, texts_of
from tests.helpers.synth import directive_text

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

OFFICER = 5101
OTHER = 5102
THAT_KHE = "Xã Thất Khê"


async def _reports(h: Harness) -> list[Report]:
    async with h.db.read() as session:
        return list((await session.scalars(select(Report).order_by(Report.id))).all())


@pytest.fixture
async def h(tmp_path: Path):  # type: ignore[no-untyped-def]
    # 20 ms per call here (the benchmarks use 200 ms); a timeout answers after 3 s, the client gives up at 1 s
    async with running_bot(
        tmp_path, network=Network(latency=0.02), timeout_delay=3.0, telegram_timeout=1.0
    ) as harness:
        yield harness


async def test_a_report_survives_failed_replies(h: Harness, caplog: pytest.LogCaptureFixture) -> None:
    await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    h.api.faults += [Fault("502", method="sendMessage", times=2, chat_id=OFFICER)]
    replies = texts_of(await h.send(OFFICER, "đã thực hiện"))
    assert len(replies) == 1 and replies[0].startswith("✅ Đã ghi nhận")  # the third try went through
    assert [r.undone_at for r in await _reports(h)] == [None]

    # every try fails: the officer hears nothing, the undo stands all the same
    [ask] = [e for e in await h.send(OFFICER, "hủy báo cáo") if e.kind == "send"]
    h.api.faults += [Fault("500", method="sendMessage", times=None, chat_id=OFFICER)]
    with caplog.at_level(logging.WARNING):
        events = await h.press(OFFICER, ask.message_id or 0, ask.buttons()[0][1])
    assert texts_of(events) == []
    assert any("not delivered" in r.message for r in caplog.records)
    [report] = await _reports(h)
    assert report.undone_at is not None
    h.api.faults.clear()
    assert texts_of(await h.send(OFFICER, "/chualam"))[0].startswith(texts.PENDING_HEADER.split("—")[0])


async def test_a_registration_survives_a_timeout_and_a_lost_answer(h: Harness) -> None:
    code = await h.invite(THAT_KHE)
    h.api.faults += [Fault("timeout", method="sendMessage", times=1, chat_id=OFFICER)]
    replies = texts_of(await h.send(OFFICER, f"/start {code}"))
    assert replies == [texts.REGISTERED.format(unit=THAT_KHE, help=texts.HELP)]  # after the timeout, again
    async with h.db.read() as session:
        assert (await repo.officer_by_telegram(session, OFFICER)) is not None

    # Telegram delivers the welcome but its answer is lost: the retry delivers it again (no idempotency
    # key), and the registration stands
    other_code = await h.invite(THAT_KHE)
    h.api.faults += [Fault("lost", method="sendMessage", times=1, chat_id=OTHER)]
    replies = texts_of(await h.send(OTHER, f"/start {other_code}"))
    assert replies == [texts.REGISTERED.format(unit=THAT_KHE, help=texts.HELP)] * 2
    async with h.db.read() as session:
        officer = await repo.officer_by_telegram(session, OTHER)
    assert officer is not None and officer.active


async def test_a_choice_press_survives_a_failed_reply(h: Harness) -> None:
    await h.publish("002")
    await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    [ask] = [e for e in await h.send(OFFICER, "đã thực hiện") if e.kind == "send"]
    first = next(d for _, d in ask.buttons() if d.startswith("rc:") and d != "rc:0")
    h.api.faults += [Fault("500", method="sendMessage", times=None, chat_id=OFFICER)]
    events = await h.press(OFFICER, ask.message_id or 0, first)
    assert [e.text for e in events if e.kind == "answer_callback"] == [texts.CALLBACK_OK]
    assert texts_of(events) == []  # the confirmation could not be delivered…
    h.api.faults.clear()
    assert len(await _reports(h)) == 1  # …and the report stands


async def test_two_quick_presses_on_the_choice_keyboard_record_both(tmp_path: Path) -> None:
    async with running_bot(tmp_path, network=Network(latency=0.05), concurrent=True) as h:
        await h.publish("002")
        await h.publish("003")
        await h.register(OFFICER, THAT_KHE)
        [ask] = [e for e in await h.send(OFFICER, "đã thực hiện") if e.kind == "send"]
        picks = [d for _, d in ask.buttons() if d.startswith("rc:") and d != "rc:0"]
        assert len(picks) == 2
        start = len(h.api.events)
        updates = [h.api.press(OFFICER, ask.message_id or 0, d) for d in picks]  # no wait in between
        assert await h.api.wait_processed(updates[-1])
        assert await h.api.wait_until(
            lambda: len([e for e in h.api.events[start:] if e.kind == "send" and e.chat_id == OFFICER]) == 2
        )
        confirmations = [
            e.text or "" for e in h.api.events[start:] if e.kind == "send" and e.chat_id == OFFICER
        ]
        assert all(t.startswith("✅ Đã ghi nhận") for t in confirmations)
        assert len(await _reports(h)) == 2


async def test_officers_writing_at_once_are_all_recorded(tmp_path: Path) -> None:
    """A small Monday-morning burst on SQLite with 100 ms per call: every report recorded, no error reply."""
    async with running_bot(tmp_path, network=Network(latency=0.1, jitter=0.02), concurrent=True) as h:
        await h.publish("003")
        officers = list(range(7000, 7040))
        for user in officers:
            await h.register(user, THAT_KHE if user % 2 else "Xã Đoàn Kết")
        start = len(h.api.events)
        updates = [h.api.send_text(user, "đã thực hiện") for user in officers]
        assert await h.api.wait_processed(updates[-1], within=30)

        def answered() -> set[int]:
            return {e.chat_id or 0 for e in h.api.events[start:] if e.kind == "send"}

        assert await h.api.wait_until(lambda: answered() >= set(officers), within=30)
        replies = [
            e.text or ""
            for e in h.api.events[start:]
            if e.kind == "send" and not (e.text or "").startswith("📢 <b>Công văn mới")  # the pushes
        ]
        assert texts.ERROR not in replies
        async with h.db.read() as session:
            reporters = await session.scalar(select(func.count(func.distinct(Report.officer_id))))
            assert await session.scalar(select(func.count(Officer.id))) == len(officers)
        # two communes: the first report of each is recorded; a colleague reading at the same moment is told
        # it was reported already, one coming after it that there is nothing left
        assert reporters == 2
        assert sum(t.startswith("✅ Đã ghi nhận") for t in replies) == 2
        nothing = {texts.REPORT_NOTHING_PENDING.format(unit=u) for u in (THAT_KHE, "Xã Đoàn Kết")}
        already = texts.REPORTED_ALREADY.split("{")[1].split("}")[1]  # ": đã được báo cáo rồi ("
        assert all(t.startswith("✅ Đã ghi nhận") or t in nothing or already in t for t in replies)


@pytest.mark.slow
async def test_an_import_of_400_files_while_the_bot_runs_answers_everyone(tmp_path: Path) -> None:
    """`import --publish` of 400 files in another process, on the same SQLite file, while 40 officers keep
    asking: each file is parsed before its own short transaction, so every officer gets an answer."""
    rng = random.Random(11)
    folder = tmp_path / "cv"
    folder.mkdir()
    files = []
    for i in range(400):
        path = folder / f"cv{i:03d}.txt"
        path.write_text(directive_text(rng, 9000 + i), encoding="utf-8")
        files.append(str(path))
    async with running_bot(tmp_path, network=Network(latency=0.02), concurrent=True) as h:
        officers = list(range(7100, 7120))
        for user in officers:
            await h.register(user, THAT_KHE)
        env = {"DATABASE_URL": h.settings.database_url, "LOAD_SAMPLES": "false", "PATH": "/usr/bin:/bin"}
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "import", *files, "--publish", env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        asked: list[int] = []
        start = len(h.api.events)
        while proc.returncode is None:  # 10 questions a second, below the send budget with the pushes
            asked.extend(h.api.send_text(user, "tuần này phát gì") for user in officers)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(proc.wait(), 2.0)
        out, err = await proc.communicate()
        assert proc.returncode == 0, err.decode()[-2000:]
        assert out.decode().count("✓") == 400
        assert len(asked) >= len(officers) * 3  # the import took several rounds of questions
        assert await h.api.wait_until(lambda: all(u in h.done for u in asked), within=60)
        answers = [
            e.text or ""
            for e in h.api.events[start:]
            if e.kind == "send"
            and e.chat_id in officers
            and not (e.text or "").startswith("📢 <b>Công văn mới")
        ]
        assert len(answers) == len(asked) and texts.ERROR not in answers
        forms = (
            texts.WEEK_HEADER.split("(")[0],
            texts.WEEK_NONE.format(unit=THAT_KHE),
            texts.WEEK_NOTHING_AT_ALL.format(unit=THAT_KHE),
        )
        assert all(a.startswith(forms) for a in answers), {a[:60] for a in answers if not a.startswith(forms)}


async def test_two_hundred_registrations_at_the_flood_limit_then_the_push(tmp_path: Path) -> None:
    """200 officers redeem their invites within 4 s, against a Bot API that takes 200 ms a call and
    enforces ~30 messages/s overall: all 200 registered, each welcomed exactly once, no 429 drawn; then a
    push reaches all 200, once each."""
    limits = Limits(enforce=True, rate=30.0, chat_rate=1.0, chat_burst=3)
    network = Network(latency=0.2, jitter=0.05)
    async with running_bot(tmp_path, network=network, limits=limits, concurrent=True) as h:
        async with h.db.read() as session:
            communes = [u.name for u in await commune_units(session, h.settings.province)]
        users = list(range(8000, 8200))
        codes = [await h.invite(communes[i % len(communes)]) for i in range(len(users))]
        for user, code in zip(users, codes, strict=True):
            h.api.send_text(user, f"/start {code}")
            await asyncio.sleep(4.0 / len(users))

        def sent(prefix: str) -> dict[int, int]:
            counts: dict[int, int] = {}
            for e in h.api.events:
                if e.kind == "send" and (e.text or "").startswith(prefix):
                    counts[e.chat_id or 0] = counts.get(e.chat_id or 0, 0) + 1
            return counts

        welcome = texts.REGISTERED.split("<b>")[0]
        assert await h.api.wait_until(lambda: len(sent(welcome)) == len(users), within=60)
        async with h.db.read() as session:
            assert await session.scalar(select(func.count(Officer.id))) == len(users)
        await h.publish("003")
        push = "📢 <b>Công văn mới</b>"
        assert await h.api.wait_until(lambda: len(sent(push)) == len(users), within=60)
        await asyncio.sleep(0.5)  # anything sent twice would show now
        assert sent(welcome) == dict.fromkeys(users, 1)
        assert sent(push) == dict.fromkeys(users, 1)
        assert h.api.rejected_429 == 0
