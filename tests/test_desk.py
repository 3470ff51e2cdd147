"""The publishing desk below the bot: reading the admin's replies (dates, periods, times, communes), and the
service on SQLite and PostgreSQL: scope, topic edits, corrections (one đính chính per version), recall,
scheduled publication that finishes after a crash."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import ColumnElement, func, select

from bot import texts
from bot.config import Settings
from bot.db import repo
from bot.db.models import (
    Assignment,
    Delivery,
    Directive,
    DirectiveStatus,
    Officer,
    Role,
    SearchDoc,
    Unit,
    utcnow,
)
from bot.services import directives as service
from bot.services.desk import Change, DeskError, DeskService
from bot.services.desk_input import parse_date, parse_period, parse_targets, parse_when, plain_text
from bot.services.setup import Database
from bot.services.units import commune_units
from tests.helpers.settings import SAMPLES

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=TZ)


# ---------------------------------------------------------------------------- replies


def test_dates_with_and_without_a_year() -> None:
    assert parse_date("10/12", TODAY) == date(2026, 12, 10)
    assert parse_date("hạn 10/12/2026", TODAY) == date(2026, 12, 10)
    assert parse_date("5-1-27", TODAY) == date(2027, 1, 5)
    assert parse_date("05/01", TODAY) == date(2027, 1, 5)  # long past this year: next year's
    assert parse_date("20/11", TODAY) == date(2026, 11, 20)  # recently past: this year's
    for bad in ("32/13", "mai", "10/12 hoặc 11/12", ""):
        with pytest.raises(DeskError):
            parse_date(bad, TODAY)


def test_periods() -> None:
    assert parse_period("01/12 - 15/12", TODAY) == (date(2026, 12, 1), date(2026, 12, 15))
    assert parse_period("01/12/2026 đến 15/12/2026", TODAY) == (date(2026, 12, 1), date(2026, 12, 15))
    assert parse_period("20/12-10/01", TODAY) == (date(2026, 12, 20), date(2027, 1, 10))
    with pytest.raises(DeskError) as err:
        parse_period("15/12/2026 - 01/12/2026", TODAY)
    assert err.value.message == texts.DESK_PERIOD_REVERSED.format(start="15/12/2026", end="01/12/2026")
    with pytest.raises(DeskError):
        parse_period("01/12", TODAY)


def test_publishing_times() -> None:
    assert parse_when("07:00 03/12", NOW, TZ) == datetime(2026, 12, 3, 7, 0, tzinfo=TZ)
    assert parse_when("phát hành lúc 07:00 ngày 03/12/2026", NOW, TZ) == datetime(
        2026, 12, 3, 7, 0, tzinfo=TZ
    )
    assert parse_when("3/12 lúc 7h30", NOW, TZ) == datetime(2026, 12, 3, 7, 30, tzinfo=TZ)
    assert parse_when("14h", NOW, TZ) == datetime(2026, 12, 1, 14, 0, tzinfo=TZ)
    assert parse_when("7h", NOW, TZ) == datetime(2026, 12, 2, 7, 0, tzinfo=TZ)  # today's 7h is past: tomorrow
    with pytest.raises(DeskError) as err:
        parse_when("07:00 01/12/2026", NOW, TZ)
    assert err.value.message == texts.DESK_TIME_PAST.format(time="07:00 01/12/2026")
    for bad in ("sáng mai", "25:00 03/12", "03/12"):
        with pytest.raises(DeskError):
            parse_when(bad, NOW, TZ)


def test_plain_values() -> None:
    assert plain_text("Số:  45/KH-UBND ", 100, prefixes=("Số",)) == "45/KH-UBND"
    assert plain_text("V/v  tuyên truyền\nphòng cháy", 100, prefixes=("V/v",)) == "tuyên truyền phòng cháy"
    with pytest.raises(DeskError):
        plain_text("   ", 100)
    with pytest.raises(DeskError) as err:
        plain_text("x" * 101, 100)
    assert err.value.message == texts.DESK_TOO_LONG.format(max=100)


async def test_communes_by_name_without_diacritics(db: Database, settings: Settings) -> None:
    async with db.read() as session:
        scope = await commune_units(session, settings.province)
    names = [u.name for u in parse_targets("that khe; Xã Đoàn Kết và binh gia", scope)]
    assert sorted(names) == sorted(["Xã Thất Khê", "Xã Đoàn Kết", "Xã Bình Gia"])
    assert len(parse_targets("tất cả", scope)) == len(scope) == 65
    with pytest.raises(DeskError) as err:
        parse_targets("That Khe, Dona Ket", scope)
    assert "Dona Ket" in err.value.message and "Xã Đoàn Kết" in err.value.message


# ---------------------------------------------------------------------------- the service


async def _setup(db: Database, settings: Settings) -> tuple[Officer, Officer, list[Unit], int]:
    """A province admin, an officer of the first commune, the communes, and a draft of sample 003."""
    async with db.write() as session:
        communes = await commune_units(session, settings.province)
        admin = Officer(telegram_id=1, chat_id=1, name="Sở", unit_id=None, role=Role.ADMIN)
        officer = Officer(telegram_id=2, chat_id=2, name="Cán bộ", unit_id=communes[0].id)
        session.add_all([admin, officer])
        await session.flush()
        draft = (await service.import_file(session, SAMPLES / "003_f355f8ad106b5bf4.txt")).directive
        draft.created_by = admin.id
        await session.flush()
        return admin, officer, communes, draft.id


async def _count(db: Database, model: Any, *where: ColumnElement[bool]) -> int:
    async with db.read() as session:
        return int(await session.scalar(select(func.count(model.id)).where(*where)) or 0)


async def test_topics_renamed_dropped_added_with_their_search_text(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    admin, _, _, did = await _setup(db, settings)
    desk = DeskService(db, settings)
    drop = await desk.drop_topic(admin, did, 1)
    await desk.apply(admin, did, drop)
    card = await desk.card(admin, did)
    assert [(t.ordinal, t.title) for t in card.directive.topics] == [
        (1, "Trong thời gian diễn ra Đại hội"),
        (2, "Sau khi kết thúc Đại hội"),
    ]
    await desk.apply(admin, did, await desk.read_change(admin, did, "topic_add", "Phòng chống cháy rừng"))
    await desk.apply(admin, did, await desk.read_change(admin, did, "topic", "Ngày hội đại đoàn kết", 1))
    card = await desk.card(admin, did)
    assert card.directive.topic_titles == [
        "Ngày hội đại đoàn kết",
        "Sau khi kết thúc Đại hội",
        "Phòng chống cháy rừng",
    ]
    assert [t.ordinal for t in card.directive.topics] == [1, 2, 3]
    async with db.read() as session:
        titles = sorted(
            (await session.scalars(select(SearchDoc.title).where(SearchDoc.topic_id.is_not(None)))).all()
        )
        hits = await repo.fts_search(session, ["chay", "rung"], require_all=True)
    assert titles == ["ngay hoi dai doan ket", "phong chong chay rung", "sau khi ket thuc dai hoi"]
    assert [h.directive_id for h in hits] == [did]
    assert card.directive.version == 1  # a draft: no correction


async def test_a_correction_is_one_dinh_chinh_per_officer_per_version(
    any_db: tuple[Settings, Database],
) -> None:
    settings, db = any_db
    admin, officer, communes, did = await _setup(db, settings)
    desk = DeskService(db, settings)
    targets = f"{communes[0].name}, doan ket"
    await desk.apply(admin, did, await desk.read_change(admin, did, "targets", targets))
    result = await desk.publish(admin, did)
    assert result.units == 2
    change = await desk.read_change(admin, did, "due", "10/12/2026", now=NOW)
    applied = await desk.apply(admin, did, change)
    assert (applied.corrected, applied.officers, applied.units, applied.directive.version) == (True, 1, 1, 2)
    async with db.read() as session:
        dues = set(
            (await session.scalars(select(Assignment.due).where(Assignment.directive_id == did))).all()
        )
        rows = list((await session.scalars(select(Delivery).where(Delivery.kind == "correction"))).all())
    assert dues == {date(2026, 12, 10)}
    assert [(r.chat_id, r.ref) for r in rows] == [(officer.chat_id, f"{did}:2")]
    assert rows[0].payload["text"] == texts.PUSH_CORRECTION.format(
        number="/STTTT-TTBCXB",
        subject="tuyên truyền Đại hội đại biểu Đảng bộ tỉnh Lạng Sơn lần thứ XVII",
        change="Hạn báo cáo đổi thành 10/12/2026",
    )
    with pytest.raises(DeskError) as err:  # recipients and schedule are for drafts
        await desk.apply(admin, did, await desk.all_targets(admin, did))
    assert err.value.message == texts.DESK_NOT_DRAFT.format(number="/STTTT-TTBCXB")
    assert await _count(db, Delivery, Delivery.kind == "directive") == 1


async def test_recall_closes_and_keeps_everything(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    admin, officer, _, did = await _setup(db, settings)
    desk = DeskService(db, settings)
    with pytest.raises(DeskError):  # a draft is not recalled, it is simply not published
        await desk.recall(admin, did)
    await desk.publish(admin, did)
    recalled = await desk.recall(admin, did)
    assert (recalled.officers, recalled.units, recalled.pending, recalled.done) == (1, 1, 65, 0)
    with pytest.raises(DeskError) as err:
        await desk.recall(admin, did)
    assert err.value.message == texts.DESK_CLOSED.format(number="/STTTT-TTBCXB")
    async with db.read() as session:
        d = await session.get(Directive, did)
        assert d is not None and d.status == DirectiveStatus.CLOSED and d.recalled_at is not None
        assert await repo.pending_unit_items(session, officer.unit_id or 0) == []
        [assignment] = await session.scalars(
            select(Assignment.id).where(Assignment.unit_id == officer.unit_id)
        )
    assert await desk.closed_assignment(assignment)
    assert await _count(db, Assignment) == 65
    assert await _count(db, Delivery, Delivery.kind == "recall") == 1


async def test_unit_admins_reach_only_their_own(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    _, _, communes, province_draft = await _setup(db, settings)
    async with db.write() as session:
        unit_admin = Officer(telegram_id=3, chat_id=3, name="Xã", unit_id=communes[5].id, role=Role.ADMIN)
        session.add(unit_admin)
    desk = DeskService(db, settings)
    with pytest.raises(DeskError) as err:
        await desk.card(unit_admin, province_draft)
    assert err.value.message == texts.DESK_NOT_FOUND
    data = (SAMPLES / "002_ef0d770650401283.txt").read_bytes()
    uploaded = await desk.upload(data, "002.txt", unit_admin)
    assert uploaded.card is not None and [u.id for u in uploaded.card.targets] == [communes[5].id]
    with pytest.raises(DeskError):  # another commune is out of its scope
        await desk.read_change(unit_admin, uploaded.directive.id, "targets", communes[6].name)
    result = await desk.publish(unit_admin, uploaded.directive.id)
    assert result.units == 1
    drafts, recent = await desk.desk_list(unit_admin)
    assert drafts == [] and [d.id for d in recent] == [uploaded.directive.id]


async def test_a_scheduled_publication_cut_short_is_finished(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    admin, _, communes, did = await _setup(db, settings)
    desk = DeskService(db, settings)
    when = utcnow() + timedelta(hours=2)
    local = when.astimezone(settings.tz)
    change = await desk.read_change(admin, did, "schedule", local.strftime("%H:%M %d/%m/%Y"))
    await desk.apply(admin, did, change)
    assert await desk.publish_due(when - timedelta(minutes=5)) == 0
    async with db.write() as session:  # a crash after the first batch: published to one commune only
        d = await session.get(Directive, did)
        assert d is not None
        await service.publish(session, d, communes[:1])
    assert await desk.publish_due(when + timedelta(minutes=1)) == 1
    assert await desk.publish_due(when + timedelta(minutes=2)) == 0
    assert await _count(db, Assignment) == 65
    async with db.read() as session:
        d = await session.get(Directive, did)
        told = list((await session.scalars(select(Delivery).where(Delivery.kind == "text"))).all())
    assert d is not None and d.scheduled_at is None and d.status == DirectiveStatus.PUBLISHED
    assert [(t.chat_id, t.ref) for t in told] == [(admin.chat_id, f"scheduled:{did}")]
    assert Change.of(change.as_dict()) == change
