"""Evidence the office can see, end to end: /minhchung, the button under a directive's progress and the
export's link page through the photos, voice notes, videos and documents officers sent, commune by
commune, each sent back by its file id with a caption naming the commune, the officer and the time."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from bot import texts
from bot.callbacks import EvidenceCb
from bot.db.models import Evidence, EvidenceKind
from bot.views import number_text
from tests.helpers.harness import Harness, running_bot, texts_of
from tests.helpers.office import DOAN_KET, NUMBER, THAT_KHE, Seeded, seed

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

ADMIN, UNIT_ADMIN, AN = 9001, 9002, 5001
PHOTO, VOICE = b"\xff\xd8 photo of the loudspeaker", b"OggS voice of the bulletin"


@pytest.fixture
async def office(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The seeded province with files the local Bot API knows: Thất Khê's photo and voice note, five more
    photos and a document from Thất Khê, a video from Đoàn Kết."""
    async with running_bot(tmp_path) as h:
        s = await seed(h.db, h.settings)
        photo = h.api._store_file(PHOTO, "photos", "image/jpeg")["file_id"]
        voice = h.api._store_file(VOICE, "voice", "audio/ogg")["file_id"]
        async with h.db.write() as session:
            await session.execute(update(Evidence).where(Evidence.file_id == "PHOTO1").values(file_id=photo))
            await session.execute(update(Evidence).where(Evidence.file_id == "VOICE1").values(file_id=voice))
            tk = s.assignments[(THAT_KHE, s.d2345.id)]
            for i in range(5):
                fid = h.api._store_file(b"photo %d" % i, "photos", "image/jpeg")["file_id"]
                session.add(
                    Evidence(
                        assignment_id=tk.id,
                        officer_id=s.officers["an"].id,
                        file_id=fid,
                        kind=EvidenceKind.PHOTO,
                        caption=f"buổi {i + 2}",
                        created_at=datetime(2025, 11, 9, i, tzinfo=UTC),
                    )
                )
            doc = h.api._store_file(b"%PDF report", "documents", "application/pdf")["file_id"]
            session.add(
                Evidence(
                    assignment_id=tk.id,
                    officer_id=s.officers["an"].id,
                    file_id=doc,
                    kind=EvidenceKind.DOCUMENT,
                    file_name="bao-cao.pdf",
                    created_at=datetime(2025, 11, 10, tzinfo=UTC),
                )
            )
            video = h.api._store_file(b"\x00\x00\x00 ftypmp4", "videos", "video/mp4")["file_id"]
            session.add(
                Evidence(
                    assignment_id=s.assignments[(DOAN_KET, s.d2345.id)].id,
                    officer_id=s.officers["binh"].id,
                    file_id=video,
                    kind=EvidenceKind.VIDEO,
                    created_at=datetime(2025, 11, 7, 3, tzinfo=UTC),
                )
            )
        yield h, s


def _media(events: list) -> list:  # type: ignore[type-arg]
    return [e for e in events if e.kind == "send" and e.data.get("kind") != "text"]


async def test_pages_through_a_directives_evidence(office: tuple[Harness, Seeded]) -> None:
    h, _ = office
    events = await h.send(ADMIN, "/minhchung 2345")  # communes in the official order: Đoàn Kết first
    [video] = _media(events)
    assert video.data["kind"] == "video"
    assert video.text == f"🖼 <b>{NUMBER}</b>\n{DOAN_KET} — Hoàng Thị Bình\n🕒 10:00 07/11/2025 · video"
    nav = [e for e in events if e.kind == "send"][-1]
    assert nav.text == texts.EVIDENCE_NAV.format(
        number=NUMBER, unit=DOAN_KET, shown="1 video", page=1, pages=3
    )
    assert nav.buttons() == [(texts.BUTTON_NEXT, EvidenceCb(directive_id=_id(nav), page=1).pack())]
    events = await h.press(ADMIN, nav.message_id or 0, nav.buttons()[0][1])
    media = _media(events)
    assert [e.data["kind"] for e in media] == ["photo", "voice", "photo", "photo", "photo"]
    assert media[0].text == f"🖼 <b>{NUMBER}</b>\n{THAT_KHE} — Nguyễn Văn An\n🕒 06:31 07/11/2025 · ảnh"
    first = next(m for m in reversed(h.api.messages(ADMIN)) if m.get("caption") == media[0].text)
    assert h.api.files[first["photo"][0]["file_id"]][0] == PHOTO  # the officer's own file, by its id
    nav = [e for e in events if e.kind == "send"][-1]
    assert nav.text == texts.EVIDENCE_NAV.format(
        number=NUMBER, unit=THAT_KHE, shown="4 ảnh, 1 ghi âm", page=2, pages=3
    )
    assert [label for label, _ in nav.buttons()] == [texts.BUTTON_PREV, texts.BUTTON_NEXT]
    events = await h.press(ADMIN, nav.message_id or 0, nav.buttons()[-1][1])
    media = _media(events)
    assert [e.data["kind"] for e in media] == ["photo", "photo", "document"]
    assert "“buổi 6”" in (media[1].text or "") and "“bao-cao.pdf”" in (media[2].text or "")
    assert [label for label, _ in [e for e in events if e.kind == "send"][-1].buttons()] == [
        texts.BUTTON_PREV
    ]


def _id(nav) -> int:  # type: ignore[no-untyped-def]
    return int(nav.buttons()[0][1].split(":")[1])


async def test_from_progress_and_from_the_export(office: tuple[Harness, Seeded]) -> None:
    h, s = office
    [progress] = [e for e in await h.send(ADMIN, "/thongke 2345") if e.kind == "send"]
    label, data = progress.buttons()[0]
    assert label == texts.BUTTON_EVIDENCE.format(n=9)
    assert len(_media(await h.press(ADMIN, progress.message_id or 0, data))) == 1
    assert h.api.message(ADMIN, progress.message_id or 0)["reply_markup"]  # the progress keeps its buttons
    await h.send(ADMIN, "/xuatbaocao 2345")
    book = load_workbook(io.BytesIO(h.api.files[h.api.messages(ADMIN)[-1]["document"]["file_id"]][0]))
    links = {
        row[1].value: row[10].hyperlink.target
        for row in book["Chi tiết"].iter_rows(min_row=5)
        if row[10].hyperlink
    }
    assert set(links) == {THAT_KHE, DOAN_KET}
    url = urlparse(links[DOAN_KET])
    assert url.netloc == "t.me" and url.path == f"/{h.settings.bot_username}"
    payload = url.query.removeprefix("start=")
    assert payload == f"mc_{s.assignments[(DOAN_KET, s.d2345.id)].id}"
    events = await h.send(ADMIN, f"/start {payload}")  # what Telegram sends when the link is opened
    assert [e.data["kind"] for e in _media(events)] == ["video"]
    tk = urlparse(links[THAT_KHE]).query.removeprefix("start=")
    events = await h.send(ADMIN, f"/start {tk}")
    assert [e for e in events if e.kind == "send"][-1].text == texts.EVIDENCE_NAV.format(
        number=NUMBER, unit=THAT_KHE, shown="4 ảnh, 1 ghi âm", page=2, pages=3
    )


async def test_only_in_scope_and_only_for_admins(office: tuple[Harness, Seeded]) -> None:
    h, s = office
    await h.register(UNIT_ADMIN, THAT_KHE, role="admin")
    events = await h.send(UNIT_ADMIN, "/minhchung 2345")
    assert [e for e in events if e.kind == "send"][-1].text == texts.EVIDENCE_NAV.format(
        number=NUMBER, unit=THAT_KHE, shown="4 ảnh, 1 ghi âm", page=1, pages=2
    )
    dk = s.assignments[(DOAN_KET, s.d2345.id)].id
    assert texts_of(await h.send(UNIT_ADMIN, f"/start mc_{dk}")) == [
        texts.OUT_OF_SCOPE["evidence"].format(scope=THAT_KHE)
    ]
    assert texts_of(await h.send(AN, "/minhchung 2345")) == [texts.ADMIN_ONLY]
    assert texts_of(await h.send(AN, f"/start mc_{dk}")) == [
        texts.INVITE_UNKNOWN
    ]  # an officer: not a link of theirs
    assert texts_of(await h.send(ADMIN, "/minhchung 113")) == [
        texts.EVIDENCE_NONE.format(number=number_text(s.d113.number))
    ]
    assert texts_of(await h.send(ADMIN, "/minhchung")) == [texts.EVIDENCE_USAGE]
    for link in ("mc_9999999999", "mc_999999"):  # beyond the column's range; no such assignment
        assert texts_of(await h.send(ADMIN, f"/start {link}")) == [texts.BAD_BUTTON]


async def test_a_file_telegram_no_longer_has(office: tuple[Harness, Seeded]) -> None:
    h, s = office
    async with h.db.write() as session:
        await session.execute(
            update(Evidence).where(Evidence.kind == EvidenceKind.VIDEO).values(file_id="GONE")
        )
    dk = s.assignments[(DOAN_KET, s.d2345.id)].id
    replies = texts_of(await h.send(ADMIN, f"/start mc_{dk}"))
    assert replies[0] == texts.EVIDENCE_GONE.format(kind="video", unit=DOAN_KET, time="10:00 07/11/2025")
