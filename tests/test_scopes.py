"""Scopes: a province admin (ADMIN_IDS, no unit, or invited for the province) sees and does everything; an
admin invited for a commune only its commune. Every admin command and button is tried from the wrong
scope, end to end, and nothing happens; the scope itself is checked on SQLite and PostgreSQL."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot import texts
from bot.callbacks import DetailCb, EvidenceCb, ExportCb, ProgressCb, RadioCb, StaffCb
from bot.config import Settings
from bot.db import repo
from bot.db.models import Delivery, Directive, InviteCode, Officer, Role
from bot.directives import parse_text
from bot.services import directives as service
from bot.services.scope import PROVINCE, Scope, scope_of
from bot.services.setup import Database
from bot.services.staff import StaffStatus, describe, switch_officer
from bot.services.units import province_units
from tests.helpers.harness import Harness, running_bot, texts_of
from tests.helpers.office import DIRECTIVE_2345, DOAN_KET, NUMBER, THAT_KHE, Seeded, seed

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

PROVINCE_ADMIN, UNIT_ADMIN, ADMIN_ID, BINH, AN = 9001, 9002, 9100, 5002, 5001


async def _other(db: Database, s: Seeded) -> Directive:
    """Directive 2399, published to Đoàn Kết only."""
    async with db.write() as session:
        text = DIRECTIVE_2345.replace("2345", "2399")
        d = (await service.import_parsed(session, parse_text(text), "cv2399.txt")).directive
        await service.publish(session, d, [s.units[DOAN_KET]])
        return d


@pytest.fixture
async def scoped(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with running_bot(tmp_path, admin_ids=[ADMIN_ID], quiet_start_hour=0, quiet_end_hour=0) as h:
        s = await seed(h.db, h.settings)
        other = await _other(h.db, s)
        await h.register(UNIT_ADMIN, THAT_KHE, role="admin")
        yield h, s, other


def _refused(what: str) -> str:
    return texts.OUT_OF_SCOPE[what].format(scope=THAT_KHE)


async def test_unit_admin_refused_outside_its_unit(scoped: tuple[Harness, Seeded, Directive]) -> None:
    h, s, other = scoped
    directive = _refused("directive")
    dk = s.assignments[(DOAN_KET, s.d2345.id)].id
    for command, expected in [
        ("/thongke 2399", directive),
        ("/chuabaocao 2399", directive),
        ("/xuatbaocao 2399", directive),
        ("/nhacnho 2399", directive),
        ("/minhchung 2399", directive),
        ("thống kê công văn 2399", directive),
        ("xã nào chưa báo cáo công văn 2399", directive),
        ("xuất báo cáo công văn 2399", directive),
        ("nhắc các xã chưa báo cáo công văn 2399", directive),
        ("minh chứng công văn 2399", directive),
        ("/moi Đoàn Kết", _refused("unit")),
        ("/moi Thất Khê admin", _refused("admin_invite")),
        ("/moi tỉnh admin", _refused("admin_invite")),
        ("/ngung Hoàng Thị Bình", _refused("officer")),
        ("/kichhoat Hoàng Thị Bình", _refused("officer")),
        ("/ngung Sở", _refused("officer")),  # the province's admin
        (f"/start mc_{dk}", _refused("evidence")),
    ]:
        assert texts_of(await h.send(UNIT_ADMIN, command)) == [expected], command
    last = h.api.messages(UNIT_ADMIN)[-1]["message_id"]
    for data in (
        ExportCb(period="a", fmt="x", directive_id=other.id).pack(),
        ProgressCb(directive_id=other.id, act="m").pack(),
        ProgressCb(directive_id=other.id, act="r").pack(),
        ProgressCb(directive_id=other.id, act="x").pack(),
        EvidenceCb(directive_id=other.id, page=0).pack(),
    ):
        assert texts_of(await h.press(UNIT_ADMIN, last, data)) == [directive], data
    binh = s.officers["binh"]
    events = await h.press(UNIT_ADMIN, last, StaffCb(officer_id=binh.id, active=False).pack())
    assert [e.text for e in events if e.kind == "answer_callback"] == [_refused("officer")]
    # and nothing happened
    async with h.db.read() as session:
        officer = await repo.officer_by_telegram(session, BINH)
        reminders = await session.scalar(select(func.count(Delivery.id)).where(Delivery.kind == "reminder"))
        invites = await session.scalar(
            select(func.count(InviteCode.id)).where(InviteCode.unit_id == s.units[DOAN_KET].id)
        )
    assert officer is not None and officer.active and reminders == 0 and invites == 0


async def test_unit_admin_sees_its_unit_only(scoped: tuple[Harness, Seeded, Directive]) -> None:
    h, s, _ = scoped
    stats = texts_of(await h.send(UNIT_ADMIN, "/thongke"))[0]
    assert texts.SCOPE_LINE.format(scope=THAT_KHE).strip() in stats
    assert f"<b>{NUMBER}</b>" in stats and "2399" not in stats
    assert "✅ 1/1 xã đã báo cáo, ⏳ 0 chưa" in stats
    progress = texts_of(await h.send(UNIT_ADMIN, "/thongke 2345"))[0]
    assert "✅ 1/1 xã/phường đã thực hiện (100%)" in progress and DOAN_KET not in progress
    officers = texts_of(await h.send(UNIT_ADMIN, "/canbo"))[0]
    assert "Nguyễn Văn An" in officers and "Hoàng Thị Bình" not in officers and "Sở" not in officers
    assert texts_of(await h.send(UNIT_ADMIN, "/chuabaocao")) == [texts.ADMIN_MISSING_NONE]
    assert texts_of(await h.send(UNIT_ADMIN, "/nhacnho")) == [texts.ADMIN_REMINDED_NONE]
    invite = texts_of(await h.send(UNIT_ADMIN, "/moi Thất Khê"))[0]
    assert invite.startswith(f"🔑 Mã mời cho <b>{THAT_KHE}</b> (cán bộ)")
    [doc] = [e for e in await h.send(UNIT_ADMIN, "/xuatbaocao") if e.kind == "send"]
    assert (doc.text or "").startswith(
        "📎 Báo cáo kết quả tuyên truyền — toàn bộ thời gian\n1 xã/phường, 2 công văn"
    )
    assert s.d2345.id


async def test_unit_admin_reads_and_finds_only_its_scope(scoped: tuple[Harness, Seeded, Directive]) -> None:
    h, s, other = scoped
    async with h.db.write() as session:
        draft = (
            await service.import_parsed(session, parse_text(DIRECTIVE_2345.replace("2345", "2377")), "d.txt")
        ).directive
    last = h.api.messages(UNIT_ADMIN)[-1]["message_id"] if h.api.messages(UNIT_ADMIN) else 1
    for directive in (other, draft):  # published to Đoàn Kết only; a province draft
        for data in (DetailCb(directive_id=directive.id).pack(), RadioCb(directive_id=directive.id).pack()):
            events = await h.press(UNIT_ADMIN, last, data)
            assert [e.text for e in events if e.kind == "answer_callback"] == [texts.DETAIL_NOT_FOUND], data
    found = "\n".join(texts_of(await h.send(UNIT_ADMIN, "/timkiem 2399")))
    assert "2399/" not in found
    found = "\n".join(texts_of(await h.send(UNIT_ADMIN, "/timkiem 2345")))
    assert "2345/" in found
    own = await h.press(UNIT_ADMIN, last, DetailCb(directive_id=s.d2345.id).pack())
    assert any("2345/" in (e.text or "") for e in own if e.kind == "send")
    for admin in (PROVINCE_ADMIN, ADMIN_ID):
        await h.send(admin, "/start")
        mine = h.api.messages(admin)[-1]["message_id"]
        shown = await h.press(admin, mine, DetailCb(directive_id=draft.id).pack())
        assert any("2377/" in (e.text or "") for e in shown if e.kind == "send")


async def test_province_admins_reach_everything(scoped: tuple[Harness, Seeded, Directive]) -> None:
    h, _, other = scoped
    for admin in (PROVINCE_ADMIN, ADMIN_ID):
        progress = texts_of(await h.send(admin, "/thongke 2399"))[0]
        assert progress.startswith("📊 <b>2399/SVHTTDL-QLVHGĐ</b>") and "0/1 xã/phường" in progress
    assert texts_of(await h.send(ADMIN_ID, "/start")) == [texts.WELCOME_BACK_ADMIN]
    invite = texts_of(await h.send(PROVINCE_ADMIN, "/moi tỉnh admin"))[0]
    assert invite.startswith("🔑 Mã mời cho <b>Lạng Sơn</b> (quản trị viên)")
    code = invite.split("<code>")[1].split("</code>")[0]
    assert texts_of(await h.send(7777, f"/start {code}"))[0].startswith(
        "✅ Đăng ký thành công! Anh/chị là <b>quản trị viên</b>"
    )
    assert texts_of(await h.send(7777, "/thongke 2399"))[0].startswith("📊 <b>2399/")  # a province admin
    assert texts_of(await h.send(PROVINCE_ADMIN, "/moi Đoàn Kết admin"))[0].startswith(
        f"🔑 Mã mời cho <b>{DOAN_KET}</b> (quản trị viên)"
    )
    binh = texts_of(await h.send(PROVINCE_ADMIN, "/ngung Hoàng Thị Bình"))
    assert binh == [texts.OFFICER_DEACTIVATED.format(name="Hoàng Thị Bình", unit=DOAN_KET)]
    assert texts_of(await h.send(PROVINCE_ADMIN, f"/ngung {ADMIN_ID}")) == [texts.OFFICER_PROTECTED]
    assert other.id and escape(NUMBER)


async def test_scope_of(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    s = await seed(db, settings)
    async with db.write() as session:
        province = (await province_units(session, settings.province))[0]
        unit_admin = Officer(
            telegram_id=1, chat_id=1, name="X", role=Role.ADMIN, unit_id=s.units[THAT_KHE].id
        )
        province_admin = Officer(telegram_id=2, chat_id=2, name="Y", role=Role.ADMIN, unit_id=province.id)
        for o in (unit_admin, province_admin):
            await repo.save_officer(session, o)
    async with db.read() as session:
        assert await scope_of(session, s.officers["admin"], []) == PROVINCE  # no unit
        assert await scope_of(session, province_admin, []) == PROVINCE  # the province's own unit
        assert await scope_of(session, unit_admin, [1]) == PROVINCE  # ADMIN_IDS
        scope = await scope_of(session, unit_admin, [])
    unit = s.units[THAT_KHE]
    assert scope == Scope(frozenset({unit.id}), unit.id, unit.name)
    assert scope.allows(unit.id) and not scope.allows(s.units[DOAN_KET].id) and not scope.allows(None)


async def test_cli_officer_switch(any_db: tuple[Settings, Database]) -> None:
    """What `python -m bot officer deactivate|activate` calls: province-wide, by name, Telegram id or id."""
    settings, db = any_db
    s = await seed(db, settings)
    async with db.write() as session:
        await repo.save_officer(session, Officer(telegram_id=3, chat_id=3, name="Hoàng Văn Bình"))
    several = await switch_officer(db, "hoang binh", False)
    text, status = describe(several, False, "hoang binh")
    assert (
        status == 1
        and text.startswith("✗ Có 2 cán bộ khớp")
        and f"#{s.officers['binh'].id}  Hoàng Thị Bình" in text
    )
    done = await switch_officer(db, "Hoàng Thị Bình", False)
    assert done.status == StaffStatus.DONE and done.officer is not None and done.officer.telegram_id == BINH
    assert describe(done, False, "Hoàng Thị Bình") == (
        texts.OFFICER_CLI_DEACTIVATED.format(name="Hoàng Thị Bình", unit=DOAN_KET, role="cán bộ"),
        0,
    )
    again = await switch_officer(db, str(BINH), False)
    assert again.status == StaffStatus.ALREADY and describe(again, False, str(BINH))[1] == 0
    assert (await switch_officer(db, "", True, officer_id=s.officers["binh"].id)).status == StaffStatus.DONE
    assert (await switch_officer(db, "nobody here", False)).status == StaffStatus.NOT_FOUND
    assert (await switch_officer(db, "Sở", False, admin_ids=[9001])).status == StaffStatus.PROTECTED
    async with db.read() as session:
        binh = await repo.officer_by_telegram(session, BINH)
    assert binh is not None and binh.active and binh.deactivated_at is None
