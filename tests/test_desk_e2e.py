"""The publishing desk end to end, through the real bot on the local Bot API: upload → preview (the very card
officers get) → edit → publish; draft → /banthao → publish later; a scheduled publication fired by the
scheduler's tick; a correction (one đính chính, no second push); a recall. Every message asserted exactly."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import ColumnElement, func, select

from bot import texts
from bot.callbacks import DeskCb, ReportCb, TopicCb
from bot.db.models import Assignment, Delivery, Directive, DirectiveStatus, Report, utcnow
from bot.delivery.scheduler import Scheduler
from bot.directives import ocr
from bot.localapi import BotEvent
from bot.services.units import commune_units
from tests.helpers.docs import make_docx
from tests.helpers.harness import Harness, running_bot, texts_of
from tests.helpers.scans import FONT, degrade, jpeg, render_letter
from tests.helpers.settings import REQUIRE_SERVICES, SAMPLES

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

ADMIN = 9100  # a province admin (ADMIN_IDS, no unit)
OFFICER = 5101
OTHER = 5102
FAR = 5103
THAT_KHE = "Xã Thất Khê"
DOAN_KET = "Xã Đoàn Kết"
BINH_GIA = "Xã Bình Gia"

NUMBER = "45/SVHTTDL-QLVH"
SUBJECT = "tuyên truyền phòng, chống rét cho người và gia súc"
DOCUMENT = f"""UBND TỈNH LẠNG SƠN
SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH
Số: {NUMBER}
V/v {SUBJECT}
Lạng Sơn, ngày 25 tháng 11 năm 2026
Kính gửi: UBND các xã, phường

Sở Văn hóa, Thể thao và Du lịch đề nghị UBND các xã, phường chỉ đạo Đài truyền thanh xã tuyên truyền:

1. Phòng, chống rét cho người
Hướng dẫn người dân giữ ấm cơ thể, nhất là người già và trẻ nhỏ; không đốt than sưởi trong phòng kín.

2. Phòng, chống rét cho gia súc
Hướng dẫn che chắn chuồng trại, dự trữ thức ăn cho trâu, bò; không thả rông gia súc khi trời rét đậm.

3. Tổ chức thực hiện
Thời gian tuyên truyền từ ngày 01/12/2026 đến ngày 31/12/2026. Các xã báo cáo kết quả về Sở trước ngày 05/01/2027.

GIÁM ĐỐC
Hoàng Văn Nam
""".encode()


@pytest.fixture
async def h(tmp_path: Path) -> AsyncIterator[Harness]:
    async with running_bot(tmp_path, admin_ids=[ADMIN]) as harness:
        yield harness


def sends(events: list[BotEvent]) -> list[BotEvent]:
    return [e for e in events if e.kind == "send"]


def card_of(preview: str) -> str:
    """The officers' card inside a preview (between the two rules)."""
    return preview.split(texts.DESK_RULE)[1].strip("\n")


def button(event: BotEvent, label: str) -> str:
    return next(data for text, data in event.buttons() if text == label)


def item(subject: str, topics: list[str], due: str, period: str = "01/12/2026 – 31/12/2026") -> str:
    lines = [texts.ITEM.format(icon=texts.STATUS_PENDING, number=escape(NUMBER), subject=escape(subject))]
    lines += [texts.ITEM_TOPIC.format(title=escape(t)) for t in topics]
    lines += [texts.ITEM_PERIOD.format(period=period), texts.ITEM_DUE.format(due=due)]
    return "\n".join(lines)


def push(unit: str, subject: str, topics: list[str], due: str) -> str:
    return texts.PUSH_DIRECTIVE.format(unit=unit, item=item(subject, topics, due))


async def upload(h: Harness, data: bytes = DOCUMENT, name: str = "ret.txt") -> BotEvent:
    [preview] = sends(await h.document(ADMIN, data, name))
    return preview


async def answer(h: Harness, prompt_data: str, message: BotEvent, reply: str) -> list[BotEvent]:
    """Press an edit button, check the question, reply; what the bot said back."""
    [question] = sends(await h.press(ADMIN, message.message_id or 0, prompt_data))
    assert (question.text or "").endswith(texts.DESK_ASK_FOOTER)
    return sends(await h.send(ADMIN, reply))


async def directive(h: Harness) -> Directive:
    async with h.db.read() as session:
        d = await session.scalar(select(Directive).order_by(Directive.id.desc()).limit(1))
    assert d is not None
    return d


async def count(h: Harness, model: Any, *where: ColumnElement[bool]) -> int:
    async with h.db.read() as session:
        return int(await session.scalar(select(func.count(model.id)).where(*where)) or 0)


async def test_upload_preview_edit_publish(h: Harness) -> None:
    await h.register(OFFICER, THAT_KHE)
    await h.register(OTHER, DOAN_KET)
    await h.register(FAR, BINH_GIA)
    before = {u: len(h.api.messages(u)) for u in (OFFICER, OTHER, FAR)}
    preview = await upload(h)
    text = preview.text or ""
    assert text.startswith(texts.DESK_PREVIEW_HEAD)
    topics = ["Phòng, chống rét cho người", "Phòng, chống rét cho gia súc"]
    async with h.db.read() as session:
        first = (await commune_units(session, h.settings.province))[
            0
        ].name  # the card shown is the first commune's
    assert card_of(text) == push(first, SUBJECT, topics, "05/01/2027")
    for line in (
        texts.DESK_FIELD_NUMBER.format(value=escape(NUMBER)),
        texts.DESK_FIELD_ISSUED.format(value="25/11/2026"),
        texts.DESK_FIELD_SUBJECT.format(value=escape(SUBJECT)),
        texts.DESK_FIELD_PERIOD.format(value="01/12/2026 – 31/12/2026"),
        texts.DESK_FIELD_DUE.format(value="05/01/2027"),
        texts.DESK_FIELD_TOPICS.format(n=2),
        texts.DESK_FIELD_RECIPIENTS.format(value="UBND các xã, phường"),
        texts.DESK_FIELD_TARGETS_ALL.format(n=65),
        texts.DESK_STATUS_DRAFT,
    ):
        assert line in text
    assert texts.DESK_OCR_WARNING not in text
    did = (await directive(h)).id
    assert [b for _, b in preview.buttons()] == [
        DeskCb(directive_id=did, act=a).pack() for a in ("n", "s", "t", "p", "d", "r", "go", "at", "l")
    ]
    assert all(len(b.encode()) <= 64 for _, b in preview.buttons())

    # the subject
    new_subject = "tuyên truyền phòng, chống rét đậm, rét hại"
    acked, preview = await answer(
        h, button(preview, texts.BUTTON_DESK_SUBJECT), preview, f"V/v {new_subject}"
    )
    assert acked.text == texts.DESK_CHANGED.format(
        change=texts.CHANGE_SUBJECT.format(value=escape(new_subject))
    )
    # the deadline: a bad date first, then a good one
    [question] = sends(await h.press(ADMIN, preview.message_id or 0, button(preview, texts.BUTTON_DESK_DUE)))
    assert question.text == texts.DESK_ASK_DUE + texts.DESK_ASK_FOOTER
    assert texts_of(await h.send(ADMIN, "32/13")) == [
        texts.DESK_BAD_DATE.format(text="32/13") + texts.DESK_ASK_FOOTER
    ]
    acked, preview = sends(await h.send(ADMIN, "10/12/2026"))
    assert acked.text == texts.DESK_CHANGED.format(change=texts.CHANGE_DUE.format(value="10/12/2026"))
    assert texts.DESK_FIELD_DUE.format(value="10/12/2026") in (preview.text or "")
    # the recipients: an unknown name is refused, names typed without diacritics are found
    [question] = sends(
        await h.press(ADMIN, preview.message_id or 0, button(preview, texts.BUTTON_DESK_TARGETS))
    )
    assert question.text == texts.DESK_ASK_TARGETS + texts.DESK_ASK_FOOTER
    assert [t for t, _ in question.buttons()] == [texts.BUTTON_TARGETS_ALL, texts.BUTTON_DESK_CANCEL]
    [refused] = sends(await h.send(ADMIN, "that khe, Xa Khong Co"))
    assert (refused.text or "").startswith(texts.DESK_UNKNOWN_UNITS.split("{")[0] + "Xa Khong Co.")
    acked, preview = sends(await h.send(ADMIN, "that khe, Đoàn Kết"))
    names = ", ".join(
        u.name for u in sorted([await h.unit(THAT_KHE), await h.unit(DOAN_KET)], key=lambda u: u.code)
    )
    assert acked.text == texts.DESK_CHANGED.format(change=texts.CHANGE_TARGETS.format(n=2, names=names))
    assert texts.DESK_FIELD_TARGETS.format(n=2, names=names) in (preview.text or "")
    assert button(preview, texts.BUTTON_DESK_PUBLISH.format(n=2))
    # the topics: rename the first, drop the second, add one
    [menu] = sends(await h.press(ADMIN, preview.message_id or 0, button(preview, texts.BUTTON_DESK_TOPICS)))
    assert menu.text == texts.DESK_TOPICS_MENU.format(
        number=escape(NUMBER), items="\n".join(f"{n}. {escape(t)}" for n, t in enumerate(topics, 1))
    )
    renamed = "Giữ ấm cho người già và trẻ nhỏ"
    acked, menu = await answer(h, TopicCb(directive_id=did, ordinal=1, act="e").pack(), menu, renamed)
    assert acked.text == texts.DESK_CHANGED.format(
        change=texts.CHANGE_TOPIC_RENAMED.format(n=1, value=renamed)
    )
    acked, menu = sends(
        await h.press(ADMIN, menu.message_id or 0, TopicCb(directive_id=did, ordinal=2, act="x").pack())
    )
    dropped = texts.CHANGE_TOPIC_DROPPED.format(n=2, value=escape(topics[1]))
    assert acked.text == texts.DESK_CHANGED.format(change=dropped)
    added = "Không đốt than sưởi trong phòng kín"
    acked, menu = await answer(h, TopicCb(directive_id=did, ordinal=0, act="a").pack(), menu, added)
    assert acked.text == texts.DESK_CHANGED.format(change=texts.CHANGE_TOPIC_ADDED.format(n=2, value=added))
    assert menu.text == texts.DESK_TOPICS_MENU.format(
        number=escape(NUMBER), items=f"1. {renamed}\n2. {added}"
    )
    [preview] = sends(await h.press(ADMIN, menu.message_id or 0, button(menu, texts.BUTTON_DESK_BACK)))

    # publish: officers of the two communes get exactly the card previewed; the third gets nothing
    units = sorted([await h.unit(THAT_KHE), await h.unit(DOAN_KET)], key=lambda u: u.code)
    expected = push(units[0].name, new_subject, [renamed, added], "10/12/2026")
    assert card_of(preview.text or "") == expected
    events = await h.press(
        ADMIN, preview.message_id or 0, button(preview, texts.BUTTON_DESK_PUBLISH.format(n=2))
    )
    assert texts_of(events) == [texts.ADMIN_PUBLISH_STARTED.format(number=escape(NUMBER), units=2, queued=2)]
    assert not (h.api.message(ADMIN, preview.message_id or 0) or {}).get("reply_markup")
    for user, unit in ((OFFICER, THAT_KHE), (OTHER, DOAN_KET)):
        got = await h.wait_messages(user, before[user] + 1)
        assert [m["text"] for m in got[before[user] :]] == [
            push(unit, new_subject, [renamed, added], "10/12/2026")
        ]
    assert len(h.api.messages(FAR)) == before[FAR]
    d = await directive(h)
    assert (d.status, d.version, d.subject, d.topic_titles) == (
        DirectiveStatus.PUBLISHED,
        1,
        new_subject,
        [renamed, added],
    )


async def test_draft_then_publish_later_from_the_list(h: Harness) -> None:
    await h.register(OFFICER, THAT_KHE)
    before = len(h.api.messages(OFFICER))
    assert texts_of(await h.send(ADMIN, "/banthao")) == [texts.DESK_DRAFTS_NONE]
    preview = await upload(h)
    assert texts_of(
        await h.press(ADMIN, preview.message_id or 0, button(preview, texts.BUTTON_DESK_LATER))
    ) == [texts.DESK_SAVED.format(number=escape(NUMBER))]
    [listing] = sends(await h.send(ADMIN, "/banthao"))
    assert listing.text == "\n".join(
        [
            texts.DESK_DRAFTS_HEADER.format(n=1),
            texts.DESK_DRAFT_ITEM.format(n=1, number=escape(NUMBER), subject=escape(SUBJECT)),
        ]
    )
    assert [t for t, _ in listing.buttons()] == [
        texts.BUTTON_DESK_OPEN_N.format(n=1),
        texts.BUTTON_DESK_PUBLISH_N.format(n=1),
    ]
    [opened] = sends(await h.press(ADMIN, listing.message_id or 0, listing.buttons()[0][1]))
    assert card_of(opened.text or "") == card_of(preview.text or "")
    events = await h.press(ADMIN, listing.message_id or 0, listing.buttons()[1][1])
    assert texts_of(events) == [texts.ADMIN_PUBLISH_STARTED.format(number=escape(NUMBER), units=65, queued=1)]
    topics = ["Phòng, chống rét cho người", "Phòng, chống rét cho gia súc"]
    got = await h.wait_messages(OFFICER, before + 1)
    assert [m["text"] for m in got[before:]] == [push(THAT_KHE, SUBJECT, topics, "05/01/2027")]
    # pressed again: already published, nothing sent twice
    assert texts_of(await h.press(ADMIN, listing.message_id or 0, listing.buttons()[1][1])) == [
        texts.DESK_NOT_DRAFT.format(number=escape(NUMBER))
    ]
    [listing] = sends(await h.send(ADMIN, "/banthao"))
    assert listing.text == "\n".join(
        [
            texts.DESK_DRAFTS_NONE,
            "",
            texts.DESK_RECENT_HEADER,
            texts.DESK_DRAFT_ITEM.format(n=1, number=escape(NUMBER), subject=escape(SUBJECT)),
        ]
    )
    assert await count(h, Delivery, Delivery.kind == "directive") == 1


async def test_scheduled_publication_is_fired_by_the_scheduler(h: Harness) -> None:
    await h.register(OFFICER, THAT_KHE)
    before = len(h.api.messages(OFFICER))
    preview = await upload(h)
    tz = h.settings.tz
    day = (utcnow().astimezone(tz) + timedelta(days=2)).date()
    at = datetime(day.year, day.month, day.day, 7, 0, tzinfo=tz)
    when = texts.DESK_TIME.format(hm="07:00", date=day.strftime("%d/%m/%Y"))
    scheduled, preview = await answer(
        h, button(preview, texts.BUTTON_DESK_SCHEDULE), preview, f"07:00 ngày {day:%d/%m}"
    )
    assert scheduled.text == texts.DESK_SCHEDULED.format(number=escape(NUMBER), time=when, units=65)
    assert texts.DESK_STATUS_SCHEDULED.format(time=when) in (preview.text or "")
    assert button(preview, texts.BUTTON_DESK_UNSCHEDULE)
    [listing] = sends(await h.send(ADMIN, "/banthao"))
    assert texts.DESK_DRAFT_SCHEDULED.format(time=when) in (listing.text or "")

    scheduler = Scheduler(h.db, h.settings)
    assert (await scheduler.tick(at - timedelta(minutes=1)))["published"] == 0
    assert (await directive(h)).status == DirectiveStatus.DRAFT
    assert (await scheduler.tick(at + timedelta(seconds=30)))["published"] == 1
    assert (await scheduler.tick(at + timedelta(minutes=1)))["published"] == 0  # once
    h.background.worker.wake()
    d = await directive(h)
    assert d.status == DirectiveStatus.PUBLISHED and d.scheduled_at is None
    topics = ["Phòng, chống rét cho người", "Phòng, chống rét cho gia súc"]
    got = await h.wait_messages(OFFICER, before + 1)
    assert push(THAT_KHE, SUBJECT, topics, "05/01/2027") in [m["text"] for m in got[before:]]
    told = texts.DESK_SCHEDULED_PUBLISHED.format(number=escape(NUMBER), units=65, queued=1)
    assert await h.api.wait_until(lambda: told in [m["text"] for m in h.api.messages(ADMIN)])


async def _published(h: Harness) -> tuple[BotEvent, int]:
    """Upload and publish to Thất Khê and Đoàn Kết; the admin's card of the published directive."""
    preview = await upload(h)
    _, preview = await answer(h, button(preview, texts.BUTTON_DESK_TARGETS), preview, "Thất Khê, Đoàn Kết")
    await h.press(ADMIN, preview.message_id or 0, button(preview, texts.BUTTON_DESK_PUBLISH.format(n=2)))
    did = (await directive(h)).id
    [card] = sends(await h.press(ADMIN, preview.message_id or 0, DeskCb(directive_id=did, act="v").pack()))
    return card, did


async def test_correction_sends_one_dinh_chinh_and_no_second_push(h: Harness) -> None:
    await h.register(OFFICER, THAT_KHE)
    await h.register(OTHER, DOAN_KET)
    card, _ = await _published(h)
    assert (card.text or "").startswith(texts.DESK_PREVIEW_HEAD_PUBLISHED.format(version=1))
    assert texts.DESK_STATUS_PUBLISHED.format(units=2, done=0) in (card.text or "")
    assert [t for t, _ in card.buttons()][-1] == texts.BUTTON_DESK_RECALL
    before = {u: len(await h.wait_messages(u, 2)) for u in (OFFICER, OTHER)}  # welcome, push
    change = texts.CHANGE_DUE.format(value="10/12/2026")
    [ask] = await answer(h, button(card, texts.BUTTON_DESK_DUE), card, "10/12/2026")
    assert ask.text == texts.DESK_CORRECT_ASK.format(number=escape(NUMBER), change=change, units=2)
    events = sends(await h.press(ADMIN, ask.message_id or 0, button(ask, texts.BUTTON_CORRECT_SEND)))
    assert events[0].text == texts.DESK_CORRECTED.format(
        number=escape(NUMBER), version=2, change=change, officers=2, units=2
    )
    assert (events[1].text or "").startswith(texts.DESK_PREVIEW_HEAD_PUBLISHED.format(version=2))
    notice = texts.PUSH_CORRECTION.format(number=escape(NUMBER), subject=escape(SUBJECT), change=change)
    assert notice == (
        f"📝 <b>Đính chính</b> công văn <b>{escape(NUMBER)}</b> — {escape(SUBJECT)}\n\n"
        "Hạn báo cáo đổi thành 10/12/2026.\n\nCác nội dung khác giữ nguyên."
    )
    for user in (OFFICER, OTHER):
        got = await h.wait_messages(user, before[user] + 1)
        assert [m["text"] for m in got[before[user] :]] == [notice]
    # pressing "send" again sends nothing more
    assert texts_of(await h.press(ADMIN, ask.message_id or 0, button(ask, texts.BUTTON_CORRECT_SEND))) == [
        texts.DESK_EXPIRED
    ]
    pending = texts_of(await h.send(OFFICER, "/chualam"))[0]
    assert texts.ITEM_DUE.format(due="10/12/2026") in pending and "05/01/2027" not in pending
    assert (await directive(h)).version == 2
    assert await count(h, Delivery, Delivery.kind == "directive") == 2  # the two first pushes only
    assert await count(h, Delivery, Delivery.kind == "correction") == 2
    assert len(h.api.messages(OFFICER)) == before[OFFICER] + 2  # the đính chính and the /chualam answer


async def test_recall_tells_officers_closes_pending_and_keeps_reports(h: Harness) -> None:
    await h.register(OFFICER, THAT_KHE)
    await h.register(OTHER, DOAN_KET)
    card, did = await _published(h)
    pushed = (await h.wait_messages(OFFICER, 2))[-1]
    other_push = (await h.wait_messages(OTHER, 2))[-1]
    other_button = other_push["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    await h.press(OTHER, other_push["message_id"], other_button)  # Đoàn Kết reports done
    [ask] = sends(await h.press(ADMIN, card.message_id or 0, button(card, texts.BUTTON_DESK_RECALL)))
    assert ask.text == texts.DESK_RECALL_ASK.format(number=escape(NUMBER), units=2, pending=1)
    events = await h.press(ADMIN, ask.message_id or 0, button(ask, texts.BUTTON_RECALL_CONFIRM))
    assert texts_of(events) == [
        texts.DESK_RECALLED.format(number=escape(NUMBER), officers=2, units=2, pending=1, done=1)
    ]
    notice = texts.PUSH_RECALL.format(number=escape(NUMBER), subject=escape(SUBJECT))
    for user in (OFFICER, OTHER):
        assert await h.api.wait_until(lambda u=user: h.api.messages(u)[-1]["text"] == notice)  # type: ignore[misc]
    assert texts_of(await h.send(OFFICER, "/chualam")) == [texts.PENDING_NONE.format(unit=THAT_KHE)]
    done_data = pushed["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    assert ReportCb.unpack(done_data)
    events = await h.press(OFFICER, pushed["message_id"], done_data)
    assert [e.text for e in events if e.kind == "answer_callback"] == [texts.RECALLED_REPORT]
    assert texts_of(await h.send(OFFICER, "đã thực hiện", reply_to=pushed["message_id"])) == [
        texts.RECALLED_REPORT
    ]
    d = await directive(h)
    assert d.status == DirectiveStatus.CLOSED and d.recalled_at is not None
    assert await count(h, Assignment, Assignment.directive_id == did) == 2  # nothing deleted
    assert await count(h, Report) == 1
    [closed] = sends(await h.press(ADMIN, card.message_id or 0, DeskCb(directive_id=did, act="v").pack()))
    assert closed.reply_markup is None and texts.DESK_STATUS_CLOSED.split("{")[0] in (closed.text or "")
    assert texts_of(await h.press(ADMIN, card.message_id or 0, button(card, texts.BUTTON_DESK_DUE))) == [
        texts.DESK_CLOSED.format(number=escape(NUMBER))
    ]


async def test_publish_shows_live_progress_and_the_communes_not_reached(h: Harness) -> None:
    blocked = 5109
    await h.register(OFFICER, THAT_KHE)
    await h.register(blocked, DOAN_KET)
    h.api.blocked.add(blocked)
    preview = await upload(h, (SAMPLES / "003_f355f8ad106b5bf4.txt").read_bytes())
    number = escape("…/STTTT-TTBCXB")
    events = await h.press(
        ADMIN, preview.message_id or 0, button(preview, texts.BUTTON_DESK_PUBLISH.format(n=65))
    )
    [started] = sends(events)
    assert started.text == texts.ADMIN_PUBLISH_STARTED.format(number=number, units=65, queued=2)
    done = texts.ADMIN_PROGRESS_DONE.format(number=number, sent=1, total=2, failed=1)
    done += texts.ADMIN_PROGRESS_UNREACHED.format(units=DOAN_KET)
    assert await h.api.wait_until(
        lambda: (h.api.message(ADMIN, started.message_id or 0) or {}).get("text") == done, within=15
    )
    assert h.api.delivered[OFFICER] >= 2 and h.api.delivered.get(blocked, 0) == 1  # its welcome, not the push


async def test_upload_errors_duplicates_and_drafts_offered_again(h: Harness) -> None:
    assert texts_of(await h.document(ADMIN, b"\x00\x01garbage", "scan.pdf")) == [
        texts.ADMIN_IMPORT_FAILED.format(name="scan.pdf", reason="Tệp PDF bị hỏng, không đọc được.")
    ]
    data = make_docx(
        ["Số: 12/STTTT-TTBCXB", "V/v tuyên truyền phòng chống ma túy", "1. Tuyên truyền tác hại của ma túy"]
    )
    first = await upload(h, data, "mt.docx")
    assert texts_of(await h.press(ADMIN, first.message_id or 0, button(first, texts.BUTTON_DESK_LATER))) == [
        texts.DESK_SAVED.format(number="12/STTTT-TTBCXB")
    ]
    again = await upload(h, data, "mt-copy.docx")  # still a draft: its preview again, not a copy
    assert again.text == first.text and await count(h, Directive) == 1
    await h.press(ADMIN, again.message_id or 0, button(again, texts.BUTTON_DESK_PUBLISH.format(n=65)))
    [exists] = sends(await h.document(ADMIN, data, "mt-3.docx"))
    assert exists.text == texts.ADMIN_IMPORTED_EXISTS.format(number="12/STTTT-TTBCXB", status="đã phát hành")
    assert [t for t, _ in exists.buttons()] == [texts.BUTTON_DESK_OPEN]


async def test_unit_admin_publishes_only_to_its_own_commune(h: Harness) -> None:
    unit_admin = 9200
    await h.register(unit_admin, THAT_KHE, role="admin")
    await h.register(OFFICER, THAT_KHE)
    await h.register(OTHER, DOAN_KET)
    before = len(h.api.messages(OTHER))
    [province_draft] = sends(
        await h.document(ADMIN, (SAMPLES / "002_ef0d770650401283.txt").read_bytes(), "p.txt")
    )
    [preview] = sends(await h.document(unit_admin, DOCUMENT, "ret.txt"))
    assert texts.DESK_FIELD_TARGETS.format(n=1, names=THAT_KHE) in (preview.text or "")
    assert texts.BUTTON_DESK_TARGETS not in [t for t, _ in preview.buttons()]
    # the province's draft is out of reach: not listed, and a forged button is refused
    [listing] = sends(await h.send(unit_admin, "/banthao"))
    assert listing.text == "\n".join(
        [
            texts.DESK_DRAFTS_HEADER.format(n=1),
            texts.DESK_DRAFT_ITEM.format(n=1, number=escape(NUMBER), subject=escape(SUBJECT)),
        ]
    )
    province_id = DeskCb.unpack(province_draft.buttons()[0][1]).directive_id
    events = await h.press(
        unit_admin, preview.message_id or 0, DeskCb(directive_id=province_id, act="go").pack()
    )
    assert [e.text for e in events if e.kind == "answer_callback"] == [texts.DESK_NOT_FOUND]
    events = await h.press(
        unit_admin, preview.message_id or 0, button(preview, texts.BUTTON_DESK_PUBLISH.format(n=1))
    )
    assert texts_of(events) == [texts.ADMIN_PUBLISH_STARTED.format(number=escape(NUMBER), units=1, queued=1)]
    await h.wait_messages(OFFICER, 2)
    assert len(h.api.messages(OTHER)) == before
    assert await count(h, Assignment) == 1
    # officers cannot reach the desk at all
    events = await h.press(OFFICER, 1, DeskCb(directive_id=province_id, act="go").pack())
    assert [e.text for e in events if e.kind == "answer_callback"] == [texts.BAD_BUTTON]
    assert texts_of(await h.send(OFFICER, "/banthao")) == [texts.ADMIN_ONLY]


async def test_a_scanned_directive_is_previewed_with_the_ocr_warning(h: Harness) -> None:
    if not FONT.exists():
        pytest.skip("DejaVuSans.ttf is needed to draw the scan (apt-get install fonts-dejavu-core)")
    problem = ocr.engine_problem()
    if problem:
        if REQUIRE_SERVICES:
            pytest.fail(f"LOAXA_REQUIRE_SERVICES=1 but Tesseract is not usable: {problem}")
        pytest.skip(f"Tesseract with the Vietnamese model is not usable: {problem}")
    photo = jpeg(degrade(render_letter()))
    [preview] = sends(await h.document(ADMIN, photo, "anh-chup.jpg"))
    text = preview.text or ""
    assert texts.DESK_OCR_WARNING in text
    assert texts.DESK_FIELD_NUMBER.format(value=escape("45/STTTT-TTBCXB")) in text
    listing = texts_of(await h.send(ADMIN, "/banthao"))[0]
    assert texts.DESK_DRAFT_OCR in listing
