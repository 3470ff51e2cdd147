"""Admin features end to end: stats, missing reports, export, invites, officers, reminders (uploading and
publishing: test_desk_e2e; the office's desk in depth: test_office_e2e, test_scopes, test_evidence)."""

from __future__ import annotations

import io
from html import escape
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from bot import texts
from bot.db.models import Delivery
from tests.helpers.harness import Harness, running_bot, texts_of

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

ADMIN = 9001
OFFICER = 5001
BLOCKED = 5002
THAT_KHE = "Xã Thất Khê"
DOAN_KET = "Xã Đoàn Kết"


@pytest.fixture
async def h(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A province admin (ADMIN_IDS); quiet hours off, so that /nhacnho answers the same at any hour."""
    async with running_bot(tmp_path, admin_ids=[ADMIN], quiet_start_hour=0, quiet_end_hour=0) as harness:
        yield harness


async def test_stats_missing_invite_officers_export_and_remind(h: Harness) -> None:
    directive = await h.publish("003", [THAT_KHE, DOAN_KET])
    await h.register(OFFICER, THAT_KHE)
    await h.send(OFFICER, "đã thực hiện 2 buổi")
    missing = texts_of(await h.send(ADMIN, "/chuabaocao"))[0]
    assert missing == "\n\n".join(
        [
            texts.ADMIN_MISSING_HEADER,
            texts.ADMIN_MISSING_DIRECTIVE.format(
                number=escape("…/STTTT-TTBCXB"),
                subject="tuyên truyền Đại hội đại biểu Đảng bộ tỉnh Lạng Sơn lần thứ XVII",
            )
            + "\n"
            + texts.ADMIN_MISSING_NO_OFFICER.format(n=1, units=DOAN_KET),
        ]
    )
    invite = texts_of(await h.send(ADMIN, "/moi doan ket"))[0]
    assert invite.startswith(f"🔑 Mã mời cho <b>{DOAN_KET}</b> (cán bộ): <code>")
    assert "Hết hạn: " in invite and "T" not in invite.split("Hết hạn: ")[1]  # dd/mm/yyyy
    admin_invite = texts_of(await h.send(ADMIN, "/moi doan ket admin"))[0]
    assert admin_invite.startswith(f"🔑 Mã mời cho <b>{DOAN_KET}</b> (quản trị viên): <code>")
    assert texts_of(await h.send(ADMIN, "/moi Xa Khong Ton Tai")) == [
        texts.ADMIN_UNIT_NOT_FOUND.format(name="Xa Khong Ton Tai", suggest="")
    ]
    officers = texts_of(await h.send(ADMIN, "/canbo"))[0]
    assert f"Cán bộ {OFFICER} — {THAT_KHE} (cán bộ)" in officers
    events = await h.send(ADMIN, "/xuatbaocao")
    [doc] = [e for e in events if e.kind == "send"]
    file_id = h.api.messages(ADMIN)[-1]["document"]["file_id"]
    wb = load_workbook(io.BytesIO(h.api.files[file_id][0]))
    assert wb.sheetnames == ["Tổng hợp", "Chi tiết"]
    rows = list(wb["Chi tiết"].iter_rows(min_row=5, values_only=True))
    assert sorted((r[1], r[5], r[8]) for r in rows) == [
        (THAT_KHE, "Đã thực hiện", 2),
        (DOAN_KET, texts.REPORT_STATUS_NO_OFFICER, None),
    ]
    assert (doc.text or "").startswith("📎 Báo cáo kết quả tuyên truyền")
    await h.register(OFFICER + 10, DOAN_KET)
    assert texts_of(await h.send(ADMIN, "/nhacnho")) == [texts.ADMIN_REMINDED.format(officers=1, communes=1)]
    async with h.db.read() as session:
        assert await session.scalar(select(func.count(Delivery.id)).where(Delivery.kind == "reminder")) == 1
    assert directive.id


async def test_officers_cannot_reach_admin_features(h: Harness) -> None:
    await h.register(OFFICER, THAT_KHE)
    for command in (
        "/thongke",
        "/thongke 2345",
        "/chuabaocao",
        "/xuatbaocao",
        "/moi Thất Khê",
        "/canbo",
        "/nhacnho",
        "/ngung Cán bộ",
        "/kichhoat Cán bộ",
        "/minhchung 2345",
    ):
        assert texts_of(await h.send(OFFICER, command)) == [texts.ADMIN_ONLY]
    assert texts_of(await h.document(OFFICER, b"V/v tuyen truyen", "cv.txt")) == [
        texts.UNSUPPORTED_FILE.format(name="cv.txt")
    ]
    events = await h.press(OFFICER, 1, "pb:1:1")
    assert [e.text for e in events if e.kind == "answer_callback"] == [texts.BAD_BUTTON]
