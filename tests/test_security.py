"""Hostile and unlucky timing: one invite makes one officer, registration only in private, officers see only
what was published to them, a deactivation is seen by every process at once, moving commune is asked."""

from __future__ import annotations

import asyncio
from html import escape
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot import texts
from bot.callbacks import DeskAct, DeskCb, TopicCb
from bot.config import Settings
from bot.db import repo
from bot.db.models import Officer, Report, utcnow
from bot.services.identity import IdentityService
from bot.services.registration import RedeemStatus, RegistrationService, create_invite
from bot.services.setup import Database
from bot.services.units import commune_units
from tests.helpers.harness import Harness, running_bot, texts_of

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

THAT_KHE = "Xã Thất Khê"
BINH_GIA = "Xã Bình Gia"


async def _invite(db: Database, settings: Settings, index: int = 0) -> str:
    async with db.write() as session:
        unit = (await commune_units(session, settings.province))[index]
        return (await create_invite(session, unit)).code


async def test_four_strangers_redeeming_one_invite_make_one_officer(
    any_db: tuple[Settings, Database],
) -> None:
    settings, db = any_db
    code = await _invite(db, settings)
    identities = IdentityService(db, settings)
    registration = RegistrationService(db, identities)
    results = await asyncio.gather(
        *(registration.redeem(code, telegram_id=100 + i, chat_id=100 + i, name=f"N{i}") for i in range(4))
    )
    assert sorted(r.status for r in results) == [RedeemStatus.OK] + [RedeemStatus.USED] * 3
    async with db.read() as session:
        assert await session.scalar(select(func.count(Officer.id))) == 1


async def test_the_same_user_redeeming_twice_at_once(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    code = await _invite(db, settings)
    registration = RegistrationService(db, IdentityService(db, settings))
    results = await asyncio.gather(
        *(registration.redeem(code, telegram_id=7, chat_id=7, name="Lan") for _ in range(2))
    )
    assert sorted(r.status for r in results) == [RedeemStatus.ALREADY, RedeemStatus.OK]
    async with db.read() as session:
        assert await session.scalar(select(func.count(Officer.id))) == 1


async def test_a_deactivation_is_seen_by_every_process_at_once(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    code = await _invite(db, settings)
    here, there = IdentityService(db, settings), IdentityService(db, settings)  # two processes' caches
    await RegistrationService(db, here).redeem(code, telegram_id=9, chat_id=9, name="Hùng")
    assert (await here.who(9, 9, "Hùng")).officer is not None  # now cached here
    await here.tick()
    async with db.write() as session:  # the other process (or the CLI) deactivates him
        officer = await repo.officer_by_telegram(session, 9)
        assert officer is not None
        await repo.deactivate_officer(session, officer.id, "quản trị viên ngừng", utcnow())
    assert (await here.who(9, 9, "Hùng")).officer is not None  # the cache, until the next check …
    assert await here.tick() is True  # … which the app runs every second
    who = await here.who(9, 9, "Hùng")
    assert who.officer is None and who.inactive is not None
    assert (await there.who(9, 9, "Hùng")).officer is None


@pytest.fixture
async def h(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with running_bot(tmp_path) as harness:
        yield harness


async def test_four_strangers_at_once_through_telegram(tmp_path: Path) -> None:
    async with running_bot(tmp_path, concurrent=True) as h:
        code = await h.invite(THAT_KHE)
        updates = [h.api.send_text(8000 + i, f"/start {code}") for i in range(4)]
        assert all([await h.handled(u) for u in updates])
        replies = sorted(m["text"] for i in range(4) for m in h.api.messages(8000 + i))
        assert replies == sorted(
            [texts.REGISTERED.format(unit=THAT_KHE, help=texts.HELP)] + [texts.INVITE_USED] * 3
        )
        async with h.db.read() as session:
            assert await session.scalar(select(func.count(Officer.id))) == 1


async def test_registration_only_in_a_private_chat(h: Harness) -> None:
    code = await h.invite(THAT_KHE)
    update = h.api.send_text(8100, f"/start {code}", chat_id=-100500)
    assert await h.handled(update)
    assert [m["text"] for m in h.api.messages(-100500)] == [texts.REGISTER_PRIVATE_ONLY]
    async with h.db.read() as session:
        assert await repo.officer_by_telegram(session, 8100) is None
    assert texts_of(await h.send(8100, f"/start {code}")) == [
        texts.REGISTERED.format(unit=THAT_KHE, help=texts.HELP)
    ]


async def test_officers_see_only_what_was_published_to_them(h: Harness) -> None:
    theirs = await h.publish("002", [BINH_GIA])  # published to another commune only
    async with h.db.write() as session:  # and a draft nobody was given
        from bot.services import directives as service
        from tests.helpers.settings import SAMPLES

        draft = (await service.import_file(session, SAMPLES / "004_14b33d5069775a79.txt")).directive
    await h.register(5301, THAT_KHE)
    for query in ("cải cách hành chính", "/timkiem cải cách hành chính", "kế hoạch 113", "/timkiem 113"):
        words = query.removeprefix("/timkiem ")
        assert texts_of(await h.send(5301, query)) == [texts.SEARCH_NONE.format(query=words)], query
    week = next(e for e in await h.send(5301, "/tuannay") if e.kind == "send")
    for data in (f"d:{theirs.id}", f"d:{draft.id}", f"rt:{theirs.id}:0", f"rt:{draft.id}:1"):
        events = await h.press(5301, week.message_id or 0, data)
        assert [e.text for e in events if e.kind == "answer_callback"] == [texts.DETAIL_NOT_FOUND], data
        assert texts_of(events) == []


async def test_moving_commune_is_asked_and_the_old_records_stay(h: Harness) -> None:
    directive = await h.publish("003", [THAT_KHE, BINH_GIA])
    await h.register(5401, THAT_KHE)
    await h.send(5401, "đã thực hiện")
    [report] = await _reports(h)
    code = await h.invite(BINH_GIA)
    [ask] = [e for e in await h.send(5401, f"/start {code}") if e.kind == "send"]
    assert ask.text == texts.MOVE_ASK.format(current=THAT_KHE, unit=BINH_GIA)
    assert ask.buttons() == [
        (texts.BUTTON_MOVE.format(unit=BINH_GIA), f"mv:{code}"),
        (texts.BUTTON_STAY, "mv:"),
    ]
    assert texts_of(await h.press(5401, ask.message_id or 0, "mv:")) == [texts.MOVE_KEPT]
    async with h.db.read() as session:
        officer = await repo.officer_by_telegram(session, 5401)
    assert officer is not None and officer.unit is not None and officer.unit.name == THAT_KHE
    [ask] = [e for e in await h.send(5401, f"/start {code}") if e.kind == "send"]
    assert texts_of(await h.press(5401, ask.message_id or 0, f"mv:{code}")) == [
        texts.MOVED.format(unit=escape(BINH_GIA))
    ]
    week = texts_of(await h.send(5401, "tuần này phát gì"))[0]
    assert BINH_GIA in week and THAT_KHE not in week
    assert texts_of(await h.send(5401, "/huy")) == [
        texts.UNDO_NONE
    ]  # Thất Khê's report is not his to undo now
    assert [r.undone_at for r in await _reports(h)] == [None] and report.id
    assert (await h.unit(THAT_KHE)).id != (await h.unit(BINH_GIA)).id and directive.id


async def _reports(h: Harness) -> list[Report]:
    async with h.db.read() as session:
        return list((await session.scalars(select(Report).order_by(Report.id))).all())


def test_buttons_fit_in_64_bytes() -> None:
    biggest = 2_147_483_647
    acts: list[DeskAct] = ["v", "xy", "ra", "go"]
    for act in acts:
        assert len(DeskCb(directive_id=biggest, act=act).pack().encode()) <= 64
    assert len(TopicCb(directive_id=biggest, ordinal=999, act="e").pack().encode()) <= 64
    for tampered in ("dk:1:zz", "dk:-1:v", "dt:1:1000:e", "dt:1:1:q"):
        with pytest.raises(ValueError):
            (DeskCb if tampered.startswith("dk") else TopicCb).unpack(tampered)
