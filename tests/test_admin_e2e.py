"""Admin features end to end: import a file, publish with live progress, stats, missing reports, export, invites."""

from __future__ import annotations

import io
from html import escape
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from bot import texts
from bot.db.models import Delivery
from tests.conftest import SAMPLES
from tests.docs import make_docx
from tests.harness import Harness, running_bot, texts_of

ADMIN = 9001
OFFICER = 5001
BLOCKED = 5002
THAT_KHE = "Xã Thất Khê"
DOAN_KET = "Xã Đoàn Kết"


@pytest.fixture
async def h(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with running_bot(tmp_path) as harness:
        await harness.register(ADMIN, THAT_KHE, role="admin")
        yield harness


async def test_upload_publish_and_progress(h: Harness) -> None:
    await h.register(OFFICER, THAT_KHE)
    await h.register(BLOCKED, DOAN_KET)
    h.api.blocked.add(BLOCKED)
    events = await h.document(ADMIN, (SAMPLES / "003_f355f8ad106b5bf4.txt").read_bytes(), "cv-dai-hoi.txt")
    [imported] = [e for e in events if e.kind == "send"]
    assert imported.text == texts.ADMIN_IMPORTED.format(
        number=escape("/STTTT-TTBCXB"),
        subject="tuyên truyền Đại hội đại biểu Đảng bộ tỉnh Lạng Sơn lần thứ XVII",
        topics=3,
        n=65,
    )
    assert [d for _, d in imported.buttons()] == ["pb:1:1", "pb:1:0"]
    events = await h.press(ADMIN, imported.message_id or 0, "pb:1:1")
    [started] = [e for e in events if e.kind == "send"]
    assert started.text == texts.ADMIN_PUBLISH_STARTED.format(
        number=escape("/STTTT-TTBCXB"), units=65, queued=2
    )
    done = texts.ADMIN_PROGRESS_DONE.format(number=escape("/STTTT-TTBCXB"), sent=1, total=2, failed=1)
    done += texts.ADMIN_PROGRESS_UNREACHED.format(units=DOAN_KET)
    assert await h.api.wait_until(
        lambda: (h.api.message(ADMIN, started.message_id or 0) or {}).get("text") == done, within=15
    )
    assert h.api.delivered[OFFICER] >= 2 and h.api.delivered.get(BLOCKED, 0) == 1  # its welcome, not the push
    stats = texts_of(await h.send(ADMIN, "/thongke"))[0]
    assert "✅ 0/65 xã đã báo cáo, ⏳ 65 chưa" in stats
    assert texts.ADMIN_BLOCKED.format(n=1, names=escape(f"Cán bộ {BLOCKED} ({DOAN_KET})")) in stats


async def test_docx_upload_errors_and_duplicates(h: Harness) -> None:
    events = await h.document(ADMIN, b"\x00\x01garbage", "scan.pdf")
    assert texts_of(events) == [
        texts.ADMIN_IMPORT_FAILED.format(name="scan.pdf", reason="Tệp PDF bị hỏng, không đọc được.")
    ]
    data = make_docx(
        ["Số: 12/STTTT-TTBCXB", "V/v tuyên truyền phòng chống ma túy", "1. Tuyên truyền tác hại của ma túy"]
    )
    imported = texts.ADMIN_IMPORTED.format(
        number="12/STTTT-TTBCXB", subject="tuyên truyền phòng chống ma túy", topics=1, n=65
    )
    first = next(e for e in await h.document(ADMIN, data, "mt.docx") if e.kind == "send")
    assert first.text == imported
    assert texts_of(await h.press(ADMIN, first.message_id or 0, first.buttons()[1][1])) == [
        texts.ADMIN_PUBLISH_CANCELLED
    ]
    assert texts_of(await h.document(ADMIN, data, "mt-copy.docx")) == [
        imported
    ]  # still a draft: offered again
    second = h.api.messages(ADMIN)[-1]
    await h.press(
        ADMIN, second["message_id"], second["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    )
    assert texts_of(await h.document(ADMIN, data, "mt-3.docx")) == [
        texts.ADMIN_IMPORTED_EXISTS.format(number="12/STTTT-TTBCXB", status="published")
    ]


async def test_stats_missing_invite_officers_export_and_remind(h: Harness) -> None:
    directive = await h.publish("003", [THAT_KHE, DOAN_KET])
    await h.register(OFFICER, THAT_KHE)
    await h.send(OFFICER, "đã thực hiện 2 buổi")
    missing = texts_of(await h.send(ADMIN, "/chuabaocao"))[0]
    assert missing == texts.ADMIN_MISSING_HEADER + "\n\n" + texts.ADMIN_MISSING_ITEM.format(
        number=escape("/STTTT-TTBCXB"), n=1, units=DOAN_KET
    )
    invite = texts_of(await h.send(ADMIN, "/moi doan ket"))[0]
    assert invite.startswith(f"🔑 Mã mời cho <b>{DOAN_KET}</b> (cán bộ): <code>")
    assert texts_of(await h.send(ADMIN, "/moi Xa Khong Ton Tai")) == [
        texts.ADMIN_UNIT_NOT_FOUND.format(name="Xa Khong Ton Tai", suggest="")
    ]
    officers = texts_of(await h.send(ADMIN, "/canbo"))[0]
    assert f"Cán bộ {OFFICER} — {THAT_KHE}" in officers
    events = await h.send(ADMIN, "/xuatbaocao")
    [doc] = [e for e in events if e.kind == "send"]
    file_id = h.api.messages(ADMIN)[-1]["document"]["file_id"]
    wb = load_workbook(io.BytesIO(h.api.files[file_id][0]))
    rows = list(wb["Báo cáo"].iter_rows(min_row=4, values_only=True))
    assert [(r[3], r[5], r[8]) for r in rows] == [
        (THAT_KHE, "Đã thực hiện", 2),
        (DOAN_KET, "Chưa thực hiện", None),
    ]
    assert (doc.text or "").startswith("📎 Báo cáo kết quả tuyên truyền")
    await h.register(OFFICER + 10, DOAN_KET)
    assert texts_of(await h.send(ADMIN, "/nhacnho")) == [texts.ADMIN_REMINDED.format(officers=1, communes=1)]
    async with h.db.read() as session:
        assert await session.scalar(select(func.count(Delivery.id)).where(Delivery.kind == "reminder")) == 1
    assert directive.id


async def test_officers_cannot_reach_admin_features(h: Harness) -> None:
    await h.register(OFFICER, THAT_KHE)
    for command in ("/thongke", "/chuabaocao", "/xuatbaocao", "/moi Thất Khê", "/canbo", "/nhacnho"):
        assert texts_of(await h.send(OFFICER, command)) == [texts.ADMIN_ONLY]
    assert texts_of(await h.document(OFFICER, b"V/v tuyen truyen", "cv.txt")) == [
        texts.UNSUPPORTED_FILE.format(name="cv.txt")
    ]
    events = await h.press(OFFICER, 1, "pb:1:1")
    assert [e.text for e in events if e.kind == "answer_callback"] == [texts.BAD_BUTTON]
