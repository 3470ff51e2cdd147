"""The office's desk end to end (real HTTP to the local Bot API): questions in free text and /thongke NUMBER,
directives named by number and subject, reminders that tell the truth (one message per officer, real
deadlines, the admin's count right, quiet hours), the report from Telegram, deactivating and reactivating
an officer, and every admin reply within Telegram's 4,096 characters."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime
from html import escape
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot import texts
from bot.callbacks import ExportCb
from bot.db import repo
from bot.db.models import Delivery, Officer
from bot.services.admin import quiet_until
from bot.services.labels import Period
from bot.services.scope import PROVINCE
from bot.understanding.admin_questions import AdminQuestion, parse_admin_question, parse_export_args
from bot.views import number_text
from tests.helpers.harness import Harness, running_bot, texts_of
from tests.helpers.office import DOAN_KET, NA_SAM, NUMBER, THAT_KHE, Seeded, seed
from tests.helpers.settings import make_settings

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

ADMIN, AN, BINH, CUONG = 9001, 5001, 5002, 5003


@pytest.fixture
async def office(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The seeded province (test_export.seed), quiet hours off so that reminders go out at any hour."""
    async with running_bot(tmp_path, quiet_start_hour=0, quiet_end_hour=0) as h:
        s = await seed(h.db, h.settings)
        yield h, s


def _sent(events: list) -> str:  # type: ignore[type-arg]
    [text] = texts_of(events)
    assert len(text) <= 4096
    return text


async def test_free_text_questions_and_thongke_number(office: tuple[Harness, Seeded]) -> None:
    h, s = office
    progress = _sent(await h.send(ADMIN, "thống kê công văn 2345"))
    assert progress.startswith(f"📊 <b>{NUMBER}</b> — tuyên truyền phòng, chống đuối nước cho trẻ em\n")
    assert "✅ 1/3 xã/phường đã thực hiện (33%), hạn báo cáo 25/11/2025" in progress
    assert texts.PROGRESS_BROADCASTS.format(n=5) in progress
    assert texts.PROGRESS_NOT_DONE.format(n=1, units=f"{DOAN_KET} (Loa hỏng, đang chờ sửa)") in progress
    assert texts.PROGRESS_NO_OFFICER.format(n=1, units=NA_SAM) in progress
    assert texts.PROGRESS_EVIDENCE.format(n=2, units=1) in progress
    assert _sent(await h.send(ADMIN, "/thongke 2345")) == progress
    assert _sent(await h.send(ADMIN, "tk cv 2345/SVHTTDL-QLVHGĐ")) == progress

    overview = _sent(await h.send(ADMIN, "thong ke"))
    assert overview.startswith(texts.ADMIN_STATS_HEADER)
    assert (
        f"• <b>{NUMBER}</b> — tuyên truyền phòng, chống đuối nước cho trẻ em\n   ✅ 1/3 xã đã báo cáo"
        in overview
    )
    assert texts.ADMIN_STATS_OFFICERS.format(with_officers=2, units=65) in overview
    assert not re.search(r"#\d", overview)  # never an internal id

    [plan] = [
        e for e in await h.send(ADMIN, "/thongke 113") if e.kind == "send"
    ]  # the sample on Kế hoạch 113
    assert texts.PROGRESS_PENDING.format(n=1, units=DOAN_KET) in (plan.text or "")
    labels = [label for label, _ in plan.buttons()]
    assert labels == [
        texts.BUTTON_PROGRESS_MISSING,
        texts.BUTTON_PROGRESS_REMIND.format(n=1),
        texts.BUTTON_PROGRESS_EXPORT,
    ]
    reminded = texts_of(await h.press(ADMIN, plan.message_id or 0, plan.buttons()[1][1]))
    assert reminded == [
        texts.ADMIN_REMINDED_DIRECTIVE.format(officers=1, communes=1, number=number_text(s.d113.number))
        + texts.ADMIN_REMINDED_UNREACHABLE.format(n=1)
    ]
    missing = _sent(await h.send(ADMIN, "xã nào chưa báo cáo công văn 113"))
    assert missing.startswith(texts.ADMIN_MISSING_HEADER)
    assert f"<b>{number_text(s.d113.number)}</b> — triển khai thực hiện Kế hoạch số 113-KH/TU" in missing
    assert texts.ADMIN_MISSING_UNITS.format(n=1, units=DOAN_KET) in missing
    assert texts.ADMIN_MISSING_NO_OFFICER.format(n=1, units=NA_SAM) in missing
    assert NUMBER not in missing  # only the directive asked about
    everything = _sent(await h.send(ADMIN, "/chuabaocao"))
    assert NUMBER in everything and not re.search(r"#\d", everything)
    said = texts.ADMIN_MISSING_NOT_DONE.format(n=1, units=f"{DOAN_KET} (Loa hỏng, đang chờ sửa)")
    assert said in everything  # it did report: that it could not, and why

    this_week = await h.publish("003", [THAT_KHE])  # published now
    week = _sent(await h.send(ADMIN, "tiến độ tuần này"))
    assert week.startswith("📈 <b>Tiến độ từ ngày ")
    assert escape(this_week.number or "") in week and NUMBER not in week
    assert texts_of(await h.send(ADMIN, "thống kê công văn 9999")) == [
        texts.DIRECTIVE_NOT_FOUND.format(query="9999")
    ]

    # an officer asking the same gets nothing of the office's
    assert all(
        "xã/phường đã thực hiện" not in t for t in texts_of(await h.send(AN, "thống kê công văn 2345"))
    )


async def test_reminders_tell_the_truth(office: tuple[Harness, Seeded]) -> None:
    h, s = office
    async with h.db.write() as session:  # a second officer in Đoàn Kết
        await repo.save_officer(
            session,
            Officer(telegram_id=CUONG, chat_id=CUONG, name="Lý Văn Cường", unit_id=s.units[DOAN_KET].id),
        )
    reply = _sent(await h.send(ADMIN, "/nhacnho"))
    # Thất Khê has reported everything; Đoàn Kết has two officers; Na Sầm nobody
    assert reply == texts.ADMIN_REMINDED.format(
        officers=2, communes=1
    ) + texts.ADMIN_REMINDED_UNREACHABLE.format(n=1)
    for chat in (BINH, CUONG):
        [message] = await h.wait_messages(chat, 1)
        text = message["text"]
        assert text.startswith("⏰ <b>Nhắc báo cáo</b>: 2 công văn chưa báo cáo")  # one message listing both
        assert "hôm nay" not in text  # 113 has no deadline, 2345's was 25/11/2025
        assert (
            "Quá hạn báo cáo: 25/11/2025" in text
            and text.count("Hạn báo cáo") + text.count("hạn báo cáo") == 1
        )
        assert len(message["reply_markup"]["inline_keyboard"]) == 2
    assert not h.api.messages(AN)  # nothing pending in Thất Khê
    again = _sent(await h.send(ADMIN, "/nhacnho"))
    assert again.endswith(
        texts.ADMIN_REMINDED_ALREADY.format(n=2) + texts.ADMIN_REMINDED_UNREACHABLE.format(n=1)
    )
    one = _sent(await h.send(ADMIN, "nhắc các xã chưa báo cáo công văn 113"))
    assert one.startswith(
        texts.ADMIN_REMINDED_DIRECTIVE.format(officers=2, communes=1, number=number_text(s.d113.number))
    )
    for chat in (BINH, CUONG):  # one directive: its own card, with the truth about its deadline
        text = (await h.wait_messages(chat, 2))[-1]["text"]
        assert texts.PUSH_REMINDER_NO_DUE in text and "hôm nay" not in text
    async with h.db.read() as session:
        rows = list((await session.scalars(select(Delivery).where(Delivery.kind == "reminder"))).all())
    assert sorted(r.chat_id for r in rows) == [BINH, BINH, CUONG, CUONG]


async def test_reminders_wait_for_the_morning(tmp_path: Path) -> None:
    settings = make_settings(quiet_start_hour=21, quiet_end_hour=7)
    night = datetime(2025, 11, 12, 16, 30, tzinfo=UTC)  # 23:30 in Hà Nội
    assert quiet_until(night, settings) == datetime(2025, 11, 13, 7, tzinfo=settings.tz)
    assert quiet_until(datetime(2025, 11, 12, 3, tzinfo=UTC), settings) is None  # 10:00
    async with running_bot(tmp_path, quiet_start_hour=21, quiet_end_hour=7) as h:
        s = await seed(h.db, h.settings)
        admin = s.officers["admin"]
        result = await h.app.services.admin.remind(admin, now=night)
        assert (result.reached.officers, result.reached.communes, result.at) == (
            1,
            1,
            quiet_until(night, h.settings),
        )
        async with h.db.read() as session:
            [row] = (await session.scalars(select(Delivery).where(Delivery.kind == "reminder"))).all()
        assert row.not_before == datetime(2025, 11, 13, 0, tzinfo=UTC)  # 07:00 local
        assert (await h.app.services.admin.scope(admin)) == PROVINCE


async def test_export_from_telegram(office: tuple[Harness, Seeded]) -> None:
    h, s = office
    events = await h.send(ADMIN, "/xuatbaocao")
    [doc] = [e for e in events if e.kind == "send"]
    assert (doc.text or "").startswith(
        "📎 Báo cáo kết quả tuyên truyền — toàn bộ thời gian\n3 xã/phường, 2 công văn"
    )
    message = h.api.messages(ADMIN)[-1]
    wb = load_workbook(io.BytesIO(h.api.files[message["document"]["file_id"]][0]))
    assert wb.sheetnames == ["Tổng hợp", "Chi tiết"] and wb["Chi tiết"].max_row == 4 + 6
    buttons = [data for _, data in doc.buttons()]
    assert ExportCb(period="a", fmt="d").pack() in buttons and ExportCb(period="m", fmt="x").pack() in buttons
    word = await h.press(ADMIN, doc.message_id or 0, ExportCb(period="a", fmt="d").pack())
    assert any(e.kind == "send" and (e.text or "").startswith("📎") for e in word)
    assert h.api.messages(ADMIN)[-1]["document"]["file_name"].endswith(".docx")
    one = [e for e in await h.send(ADMIN, "/xuatbaocao 2345 csv") if e.kind == "send"]
    assert (one[0].text or "").startswith(
        "📎 Báo cáo kết quả tuyên truyền — toàn bộ thời gian, công văn 2345/"
    )
    csv_text = h.api.files[h.api.messages(ADMIN)[-1]["document"]["file_id"]][0].decode("utf-8-sig")
    assert len(csv_text.strip().splitlines()) == 1 + 3
    october = texts_of(await h.send(ADMIN, "/xuatbaocao 01/10/2025 31/10/2025"))
    assert october == [texts.EXPORT_EMPTY.format(period="từ ngày 01/10/2025 đến ngày 31/10/2025")]
    word = [e for e in await h.send(ADMIN, "xuất báo cáo tháng 11/2025 bản word") if e.kind == "send"]
    assert (word[0].text or "").startswith(
        "📎 Báo cáo kết quả tuyên truyền — từ ngày 01/11/2025 đến ngày 30/11/2025"
    )
    assert s.d2345.id


async def test_deactivate_and_reactivate_an_officer(office: tuple[Harness, Seeded]) -> None:
    h, _ = office
    assert texts_of(await h.send(AN, "tuần này phát gì"))[0] != texts.INACTIVE  # cached as active now
    done = _sent(await h.send(ADMIN, "/ngung Nguyễn Văn An"))
    assert done == texts.OFFICER_DEACTIVATED.format(name="Nguyễn Văn An", unit=THAT_KHE)
    assert texts_of(await h.send(AN, "tuần này phát gì")) == [texts.INACTIVE]  # at once, not after the cache
    assert texts_of(await h.send(ADMIN, "/ngung Nguyễn Văn An")) == [
        texts.OFFICER_ALREADY_INACTIVE.format(name="Nguyễn Văn An", unit=THAT_KHE)
    ]
    assert "(ngừng nhận tin)" in _sent(await h.send(ADMIN, "/canbo"))
    assert _sent(await h.send(ADMIN, "/kichhoat an")) == texts.OFFICER_ACTIVATED.format(
        name="Nguyễn Văn An", unit=THAT_KHE
    )
    assert texts_of(await h.send(AN, "tuần này phát gì"))[0] != texts.INACTIVE
    assert _sent(await h.send(ADMIN, "/ngung")) == texts.OFFICERS_USAGE.format(command="ngung")
    assert _sent(await h.send(ADMIN, "/ngung Sở")) == texts.OFFICER_NOT_SELF
    assert _sent(await h.send(ADMIN, "/ngung Không Có Ai")) == texts.OFFICER_NOT_FOUND.format(
        query="Không Có Ai"
    )
    async with h.db.write() as session:  # two officers named alike: the admin picks one
        await repo.save_officer(session, Officer(telegram_id=5010, chat_id=5010, name="Nguyễn Văn Ân"))
        await repo.save_officer(session, Officer(telegram_id=5011, chat_id=5011, name="Trần Văn Ân"))
    events = await h.send(ADMIN, "/ngung Văn Ân")
    [choose] = [e for e in events if e.kind == "send"]
    assert (choose.text or "").startswith("Có 3 cán bộ khớp")  # diacritics ignored: An and Ân
    pick = next(data for label, data in choose.buttons() if label.startswith("Trần Văn Ân"))
    picked = texts_of(await h.press(ADMIN, choose.message_id or 0, pick))
    assert picked == [texts.OFFICER_DEACTIVATED.format(name="Trần Văn Ân", unit=texts.SCOPE_PROVINCE)]
    async with h.db.read() as session:
        officer = await repo.officer_by_telegram(session, 5011)
    assert (
        officer is not None
        and not officer.active
        and officer.deactivated_reason == texts.OFFICER_DEACTIVATED_REASON
    )


async def test_every_admin_reply_fits_one_message(office: tuple[Harness, Seeded]) -> None:
    h, _ = office
    reply = _sent(await h.send(ADMIN, "/moi " + "x" * 4090))
    assert reply.startswith("Không tìm thấy đơn vị")
    communes = [u.name for u in await _all_communes(h)]
    await h.publish_generated(40, communes)
    for command in ("/thongke", "/chuabaocao", "/canbo", "/nhacnho", "thong ke", "xã nào chưa báo cáo"):
        text = _sent(await h.send(ADMIN, command))
        assert text
    overview = _sent(await h.send(ADMIN, "/thongke"))
    shown = overview.count("xã đã báo cáo, ")
    assert shown < 42 and texts.ADMIN_STATS_MORE.format(n=42 - shown) in overview
    assert overview.endswith(texts.ADMIN_STATS_HINT)


async def _all_communes(h: Harness):  # type: ignore[no-untyped-def]
    from bot.services.units import commune_units

    async with h.db.read() as session:
        return await commune_units(session, h.settings.province)


TODAY = date(2025, 11, 12)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "kind", "ref", "period"),
    [
        ("thống kê công văn 2345", "stats", "2345", None),
        ("thong ke", "stats", None, None),
        ("tk cv 2345/SVHTTDL-QLVHGĐ", "stats", "2345", None),
        ("thống kê công văn đại hội", "stats", "dai hoi", None),
        ("tiến độ tuần này", "stats", None, Period(date(2025, 11, 10), date(2025, 11, 16))),
        ("thống kê tháng trước", "stats", None, Period(date(2025, 10, 1), date(2025, 10, 31))),
        (
            "thống kê từ 01/10/2025 đến 31/10/2025",
            "stats",
            None,
            Period(date(2025, 10, 1), date(2025, 10, 31)),
        ),
        ("xã nào chưa báo cáo công văn 113", "missing", "113", None),
        ("Xã nào chưa báo cáo?", "missing", None, None),
        ("công văn 113 xã nào chưa báo cáo", "missing", "113", None),
        ("nhắc các xã chưa báo cáo công văn 2345", "remind", "2345", None),
        ("minh chứng công văn 2345", "evidence", "2345", None),
        ("xuất báo cáo tháng 10 bản word", "export", None, Period(date(2025, 10, 1), date(2025, 10, 31))),
    ],
)
def test_admin_questions(text: str, kind: str, ref: str | None, period: Period | None) -> None:
    asked = parse_admin_question(text, TODAY)
    assert asked is not None and (asked.kind, asked.ref, asked.period) == (kind, ref, period)


@pytest.mark.parametrize(
    "text",
    [
        "đã thực hiện",
        "tuần này phát gì",
        "còn gì chưa làm",
        "nhắc tôi chiều nay",
        "/thongke",
        "phòng cháy rừng",
    ],
)
def test_not_admin_questions(text: str) -> None:
    assert parse_admin_question(text, TODAY) is None


def test_export_arguments() -> None:
    assert parse_export_args("01/10/2025 31/10/2025 2345 docx", TODAY) == AdminQuestion(
        "export", "2345", Period(date(2025, 10, 1), date(2025, 10, 31)), "docx"
    )
    assert parse_export_args("đến 31/10", TODAY).period == Period(None, date(2025, 10, 31))
    assert parse_export_args("2025-10-01", TODAY).period == Period(date(2025, 10, 1), None)
    assert parse_export_args("tuần trước csv", TODAY) == AdminQuestion(
        "export", None, Period(date(2025, 11, 3), date(2025, 11, 9)), "csv"
    )
