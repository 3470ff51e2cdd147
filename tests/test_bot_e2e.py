"""End-to-end: real HTTP to the local Bot API, aiogram's own session, polling running; exact replies."""

from __future__ import annotations

import io
import logging
from datetime import timedelta
from html import escape
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from bot import texts
from bot.db.models import Assignment, Delivery, InviteCode, Report, utcnow
from bot.db.rows import Item
from bot.localapi.telegram_rules import parse_html_length
from bot.middlewares import MAX_TEXT
from bot.services.registration import CODE_LENGTH
from bot.views_reports import html_label
from tests.helpers.harness import Harness, running_bot, texts_of

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

OFFICER = 5001
COLLEAGUE = 5002
OTHER_COMMUNE = 5003
STRANGER = 6001
THAT_KHE = "Xã Thất Khê"
DOAN_KET = "Xã Đoàn Kết"


@pytest.fixture
async def h(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with running_bot(tmp_path) as harness:
        yield harness


def _registered(unit: str) -> str:
    return texts.REGISTERED.format(unit=unit, help=texts.HELP)


async def _assignment(h: Harness, directive_id: int, unit: str) -> Assignment:
    unit_id = (await h.unit(unit)).id
    async with h.db.read() as session:
        row = await session.scalar(
            select(Assignment).where(Assignment.directive_id == directive_id, Assignment.unit_id == unit_id)
        )
    assert row is not None
    return row


async def _reports(h: Harness) -> list[Report]:
    async with h.db.read() as session:
        return list((await session.scalars(select(Report).order_by(Report.id))).all())


# ---------------------------------------------------------------------------- strangers and registration


async def test_stranger_gets_only_how_to_register(h: Harness) -> None:
    await h.publish("003")
    for message in ("tuần này phát gì", "/tuannay", "đã thực hiện", "/start", "phòng cháy rừng"):
        assert texts_of(await h.send(STRANGER, message)) == [texts.STRANGER]
    events = await h.press(STRANGER, 1, "r:1")
    assert [e.text for e in events if e.kind == "answer_callback"] == [texts.BAD_BUTTON]
    assert texts_of(events) == [texts.STRANGER]
    assert all("Đại hội" not in (m.get("text") or "") for m in h.api.messages(STRANGER))


async def test_invite_deep_link_bare_code_used_and_expired(h: Harness) -> None:
    code = await h.invite(THAT_KHE)
    assert len(code) == CODE_LENGTH
    assert texts_of(await h.send(OFFICER, f"/start {code}")) == [_registered(THAT_KHE)]
    assert texts_of(await h.send(STRANGER, f"/start {code}")) == [texts.INVITE_USED]
    assert texts_of(await h.send(STRANGER, "/start ZZZZZZZZZZZZ")) == [texts.INVITE_UNKNOWN]
    second = await h.invite(THAT_KHE)
    assert texts_of(await h.send(COLLEAGUE, second.lower())) == [
        _registered(THAT_KHE)
    ]  # just the code, any case
    expired = await h.invite(DOAN_KET)
    async with h.db.write() as session:
        await session.execute(
            update(InviteCode)
            .where(InviteCode.code == expired)
            .values(expires_at=utcnow() - timedelta(minutes=1))
        )
    assert texts_of(await h.send(STRANGER, f"/start {expired}")) == [texts.INVITE_EXPIRED]
    assert texts_of(await h.send(OFFICER, "/start")) == [texts.WELCOME_BACK.format(unit=THAT_KHE)]


async def test_command_menu_is_set(h: Harness) -> None:
    menus = list(h.api.commands.values())
    assert menus and [c["command"] for c in menus[0]] == [c for c, _ in texts.OFFICER_COMMANDS]


# ---------------------------------------------------------------------------- tuần này phát gì


async def test_week_in_every_phrasing(h: Harness) -> None:
    directive = await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    replies = set()
    for phrasing in (
        "tuần này phát gì",
        "tuan nay phat gi",
        "/tuannay",
        "tuaafn nayf phats gif",
        "Tuần này có gì không ạ?",
    ):
        events = await h.send(OFFICER, phrasing)
        sent = [e for e in events if e.kind == "send"]
        assert len(sent) == 1
        replies.add(sent[0].text)
        assert sent[0].buttons()[0][1] == f"d:{directive.id}"
    assert len(replies) == 1
    reply = replies.pop() or ""
    assert reply.startswith(texts.WEEK_HEADER.split("(")[0])
    assert "Trước Đại hội" in reply and "⏳" in reply


async def test_week_with_nothing_current_shows_the_most_recent(h: Harness) -> None:
    directive = await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    async with h.db.write() as session:
        await session.execute(update(Assignment).values(due=(utcnow() - timedelta(days=30)).date()))
    reply = texts_of(await h.send(OFFICER, "tuần này phát gì"))[0]
    assert reply.startswith(texts.WEEK_NONE.format(unit=THAT_KHE) + "\n\n" + texts.WEEK_RECENT)
    assert "Đại hội" in reply and texts.ITEM_OVERDUE.split(":")[0].strip() in reply
    assert directive.id


async def test_pending_list_and_nothing_pending(h: Harness) -> None:
    await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    reply = texts_of(await h.send(OFFICER, "còn gì chưa làm"))[0]
    assert reply.startswith(texts.PENDING_HEADER.format(unit=THAT_KHE))
    await h.send(OFFICER, "đã thực hiện")
    assert texts_of(await h.send(OFFICER, "/chualam")) == [texts.PENDING_NONE.format(unit=THAT_KHE)]


# ---------------------------------------------------------------------------- detail, radio text, search


async def test_detail_pages_and_radio_text(h: Harness) -> None:
    directive = await h.publish("004")
    await h.register(OFFICER, THAT_KHE)
    week = next(e for e in await h.send(OFFICER, "/tuannay") if e.kind == "send")
    events = await h.press(OFFICER, week.message_id or 0, f"d:{directive.id}")
    pages = [e for e in events if e.kind == "send"]
    assert len(pages) >= 2  # 14 topics: longer than one message
    assert all(parse_html_length(p.text or "") <= 4096 for p in pages)
    assert "Những kết quả bước đầu" in (pages[0].text or "") + (pages[1].text or "")
    assert (pages[-1].text or "").endswith(texts.DETAIL_SIGNER.format(signer="Phan Văn Hòa"))
    assert pages[-1].buttons() == [
        (texts.BUTTON_BULLETIN, f"rt:{directive.id}:0"),
        (texts.BUTTON_BULLETIN_DOCX, f"rt:{directive.id}:1"),
    ]
    radio = [
        e
        for e in await h.press(OFFICER, pages[-1].message_id or 0, f"rt:{directive.id}:0")
        if e.kind == "send"
    ]
    body = "\n".join(e.text or "" for e in radio)
    assert body.startswith("📻 <b>Bản tin</b> — đọc khoảng ")
    assert "Đài Truyền thanh xã Thất Khê xin kính chào bà con" in body and "Xin cảm ơn bà con" in body
    assert "xây dựng đảng về đạo đức" in body.lower()
    assert all(parse_html_length(e.text or "") <= 4096 for e in radio)
    assert radio[-1].buttons() == [(texts.BUTTON_BULLETIN_DOCX, f"rt:{directive.id}:1")]
    [doc] = [
        e
        for e in await h.press(OFFICER, radio[-1].message_id or 0, f"rt:{directive.id}:1")
        if e.kind == "send"
    ]
    assert doc.text == texts.BULLETIN_DOCX_CAPTION
    data = h.api.files[h.api.messages(OFFICER)[-1]["document"]["file_id"]][0]
    from docx import Document

    printed = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "Đài Truyền thanh xã Thất Khê" in printed


async def test_search_from_free_text(h: Harness) -> None:
    for sample in ("002", "003"):
        await h.publish(sample)
    await h.register(OFFICER, THAT_KHE)
    reply = texts_of(await h.send(OFFICER, "phong chay rung"))[0]
    assert reply.startswith(texts.SEARCH_HEADER.format(query="phong chay rung"))
    assert "chữa cháy rừng" in reply
    assert texts_of(await h.send(OFFICER, "xyzzy qwertz")) == [texts.SEARCH_NONE.format(query="xyzzy qwertz")]
    assert texts_of(await h.send(OFFICER, "/timkiem")) == [texts.SEARCH_PROMPT]


async def test_help_and_greeting(h: Harness) -> None:
    await h.register(OFFICER, THAT_KHE)
    assert texts_of(await h.send(OFFICER, "/trogiup")) == [texts.HELP]
    assert texts_of(await h.send(OFFICER, "huong dan su dung")) == [texts.HELP]
    assert texts_of(await h.send(OFFICER, "xin chào")) == [
        texts.GREETING.format(name=escape(f"Cán bộ {OFFICER}"))
    ]
    assert texts_of(await h.send(OFFICER, "cảm ơn")) == [texts.THANKS]


# ---------------------------------------------------------------------------- report-back (more in test_reports_e2e)


def _ok(number: str, subject: str, count: int | None = None) -> str:
    label = html_label(Item(0, 0, 0, "pending", None, number, subject))
    return texts.REPORT_OK.format(
        unit=THAT_KHE, number=label, count=texts.REPORT_COUNT.format(n=count) if count else "", evidence=""
    )


DAI_HOI = ("/STTTT-TTBCXB", "tuyên truyền Đại hội đại biểu Đảng bộ tỉnh Lạng Sơn lần thứ XVII")


async def test_no_diacritics_report_with_one_pending(h: Harness) -> None:
    directive = await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    assert texts_of(await h.send(OFFICER, "da phat 3 buoi r")) == [_ok(*DAI_HOI, count=3)]
    assignment = await _assignment(h, directive.id, THAT_KHE)
    assert assignment.status == "done"
    [report] = await _reports(h)
    assert (report.count, report.via, report.raw_text) == (3, "text", "da phat 3 buoi r")


async def test_button_on_the_pushed_directive(h: Harness) -> None:
    await h.register(OFFICER, THAT_KHE)
    directive = await h.publish("003", [THAT_KHE])
    push = (await h.wait_messages(OFFICER, 2))[-1]  # welcome, then the push
    assert push["text"].startswith("📢 <b>Công văn mới</b> — Xã Thất Khê")
    assignment = await _assignment(h, directive.id, THAT_KHE)
    buttons = [[b["callback_data"] for b in row] for row in push["reply_markup"]["inline_keyboard"]]
    assert buttons == [[f"r:{assignment.id}"], [f"d:{directive.id}", f"rt:{directive.id}:0"]]
    events = await h.press(OFFICER, push["message_id"], f"r:{assignment.id}")
    assert [e.text for e in events if e.kind == "answer_callback"] == [texts.CALLBACK_OK]
    assert [
        [b["callback_data"] for b in row]
        for row in h.api.message(OFFICER, push["message_id"])["reply_markup"]["inline_keyboard"]
    ] == [[f"d:{directive.id}", f"rt:{directive.id}:0"]]
    bulletin = await h.press(OFFICER, push["message_id"], f"rt:{directive.id}:0")
    [script] = [e.text or "" for e in bulletin if e.kind == "send"]
    assert "Đài Truyền thanh xã Thất Khê" in script
    [reply] = [e for e in events if e.kind == "send"]
    [report] = await _reports(h)
    assert reply.text == _ok(*DAI_HOI) and reply.buttons() == [(texts.BUTTON_UNDO, f"u:{report.id}:0")]
    async with h.db.read() as session:
        delivery = await session.scalar(select(Delivery).where(Delivery.chat_id == OFFICER))
    assert (
        delivery is not None
        and delivery.status == "sent"
        and delivery.telegram_message_id == push["message_id"]
    )


async def test_reply_to_the_pushed_directive(h: Harness) -> None:
    await h.register(OFFICER, THAT_KHE)
    await h.publish("002", [THAT_KHE])
    target = await h.publish("003", [THAT_KHE])
    messages = await h.wait_messages(OFFICER, 3)
    push_003 = next(m for m in messages if "Đại hội" in m["text"])
    replies = texts_of(await h.send(OFFICER, "đã thực hiện rồi ạ", reply_to=push_003["message_id"]))
    assert replies == [_ok(*DAI_HOI)]
    assert (await _assignment(h, target.id, THAT_KHE)).status == "done"
    [report] = await _reports(h)
    assert report.via == "reply"


async def test_double_report_and_colleague_sees_who(h: Harness) -> None:
    await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    await h.register(COLLEAGUE, THAT_KHE)
    await h.send(OFFICER, "đã thực hiện")
    [report] = await _reports(h)
    when = report.created_at.astimezone(h.settings.tz).strftime("%H:%M %d/%m")
    assert texts_of(await h.send(OFFICER, "/baocao")) == [texts.REPORT_NOTHING_PENDING.format(unit=THAT_KHE)]
    week = texts_of(await h.send(COLLEAGUE, "tuần này phát gì"))[0]
    assert texts.ITEM_DONE_BY.format(name=f"Cán bộ {OFFICER}", time=when) in week
    week_msg = h.api.messages(COLLEAGUE)[-1]
    assert week_msg.get("reply_markup") is not None
    events = await h.press(COLLEAGUE, week_msg["message_id"], f"r:{report.assignment_id}")
    assert [e.text for e in events if e.kind == "answer_callback"] == [texts.CALLBACK_ALREADY]
    label = html_label(Item(0, 0, 0, "done", None, *DAI_HOI))
    already = texts.REPORTED_ALREADY.format(label=label, name=f"Cán bộ {OFFICER}", time=when)
    assert texts_of(events) == [
        "\n".join([texts.REPORTED_HEADER.format(unit=THAT_KHE), already, texts.REPORTED_THANKS])
    ]
    assert len(await _reports(h)) == 1


@pytest.mark.parametrize("message", ["chưa thực hiện", "chua phat dc", "xong chưa?", "đã phát chưa"])
async def test_negatives_and_questions_record_nothing(h: Harness, message: str) -> None:
    await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    events = await h.send(OFFICER, message)
    assert [r for r in await _reports(h) if r.outcome != "not_done"] == []
    reply = texts_of(events)[0]
    if "?" in message or message.endswith("chưa"):
        assert reply.startswith(texts.PENDING_HEADER.format(unit=THAT_KHE))
        return
    # not done, with the one pending directive: kept (no reason given), and a reminder offered
    label = html_label(Item(0, 0, 0, "pending", None, *DAI_HOI))
    assert reply == "\n".join(
        [
            texts.REPORTED_HEADER.format(unit=THAT_KHE),
            texts.REPORTED_NOT_DONE_NO_REASON.format(label=label),
            texts.REPORTED_THANKS,
        ]
    )
    sent = next(e for e in events if e.kind == "send")
    [report] = await _reports(h)
    assert (report.outcome, report.reason) == ("not_done", None)
    assert sent.buttons() == [(texts.BUTTON_UNDO, f"u:{report.id}:0")]


# ---------------------------------------------------------------------------- rights and bad input


async def test_tampered_callback_data(h: Harness) -> None:
    directive = await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    await h.register(OTHER_COMMUNE, DOAN_KET)
    theirs = await _assignment(h, directive.id, DOAN_KET)
    week = next(e for e in await h.send(OFFICER, "/tuannay") if e.kind == "send")
    mid = week.message_id or 0
    for data, answer in (
        (f"r:{theirs.id}", texts.NOT_YOUR_UNIT),
        (f"rc:{theirs.id}", texts.NOT_YOUR_UNIT),
        ("r:999999", texts.BAD_BUTTON),
        ("r:abc", texts.BAD_BUTTON),
        ("xx:1:2:3", texts.BAD_BUTTON),
        ("d:999999", texts.DETAIL_NOT_FOUND),
        (f"rt:{directive.id}:99", texts.BAD_BUTTON),
        ("rt:999999:0", texts.DETAIL_NOT_FOUND),
        ("d:99999999999999999999", texts.BAD_BUTTON),  # beyond any column's range
        ("r:-5", texts.BAD_BUTTON),
        ("pg:w:999999999999", texts.BAD_BUTTON),
        ("pb:1:1", texts.BAD_BUTTON),  # an admin button pressed by an officer
    ):
        events = await h.press(OFFICER, mid, data)
        assert [e.text for e in events if e.kind == "answer_callback"] == [answer], data
    assert await _reports(h) == []
    assert (await _assignment(h, directive.id, DOAN_KET)).status == "pending"


async def test_bad_inputs_get_clear_answers(h: Harness) -> None:
    await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    assert texts_of(await h.send(OFFICER, "đã thực hiện " * 400)) == [
        texts.TOO_LONG.format(n=len("đã thực hiện " * 400), max=MAX_TEXT)
    ]
    assert texts_of(await h.send(OFFICER, "x" * 5000)) == [texts.TOO_LONG.format(n=5000, max=MAX_TEXT)]
    assert texts_of(await h.sticker(OFFICER)) == [texts.STICKER]
    assert texts_of(await h.document(OFFICER, b"MZ\x90\x00binary", "virus.exe")) == [
        texts.UNSUPPORTED_FILE.format(name="virus.exe")
    ]
    assert texts_of(await h.send(OFFICER, "/xoahet")) == [texts.UNKNOWN_COMMAND.format(command="/xoahet")]
    assert texts_of(await h.send(OFFICER, "<b>&amp; 'quoted' \"x\" </script>")) == [
        texts.SEARCH_NONE.format(query=escape("<b>&amp; 'quoted' \"x\" </script>"))
    ]
    assert await _reports(h) == []


async def test_errors_are_answered_and_logged(h: Harness, caplog: pytest.LogCaptureFixture) -> None:
    await h.publish("002")
    await h.register(OFFICER, THAT_KHE)
    async with h.db.write() as session:
        await session.execute(text("ALTER TABLE search_docs RENAME TO search_docs_broken"))
    with caplog.at_level(logging.ERROR, logger="bot.app"):
        assert texts_of(await h.send(OFFICER, "phòng cháy rừng")) == [texts.ERROR]
    assert any("error handling update" in r.message for r in caplog.records)
    async with h.db.write() as session:
        await session.execute(text("ALTER TABLE search_docs_broken RENAME TO search_docs"))
    assert texts_of(await h.send(OFFICER, "/trogiup")) == [texts.HELP]


# ---------------------------------------------------------------------------- long lists


async def test_long_lists_are_paged(h: Harness) -> None:
    await h.register(OFFICER, THAT_KHE)
    await h.publish_generated(11, [THAT_KHE])
    await h.wait_messages(OFFICER, 1 + 11)  # the welcome, then the 11 pushes
    [week] = [e for e in await h.send(OFFICER, "tuần này phát gì") if e.kind == "send"]
    body = week.text or ""
    assert "\n8. " in body and "\n9. " not in body
    assert (texts.BUTTON_NEXT, "pg:w:1") in week.buttons()
    assert texts.BUTTON_PREV not in [t for t, _ in week.buttons()]

    events = await h.press(OFFICER, week.message_id or 0, "pg:w:1")
    [page2] = [e for e in events if e.kind == "edit"]
    assert page2.message_id == week.message_id
    text2 = page2.text or ""
    assert "\n9. " in text2 and "\n11. " in text2 and "\n8. " not in text2
    assert text2.endswith(texts.PAGE_NOTE.format(page=2))
    assert (texts.BUTTON_PREV, "pg:w:0") in page2.buttons()
    assert texts.BUTTON_NEXT not in [t for t, _ in page2.buttons()]
    assert parse_html_length(text2) <= 4096

    # a crafted page number far past the end shows the last page: unchanged, so nothing is edited
    events = await h.press(OFFICER, week.message_id or 0, "pg:w:999")
    assert [e.kind for e in events] == ["answer_callback"]  # answered, no error
    events = await h.press(OFFICER, week.message_id or 0, "pg:w:-3")  # out of range: refused
    assert [(e.kind, e.text) for e in events] == [("answer_callback", texts.BAD_BUTTON)]
    events = await h.press(OFFICER, week.message_id or 0, "pg:w:0")
    [page1] = [e for e in events if e.kind == "edit"]
    assert page1.text == week.text

    [pending] = [e for e in await h.send(OFFICER, "/chualam") if e.kind == "send"]
    assert (texts.BUTTON_NEXT, "pg:p:1") in pending.buttons()
    [pending2] = [e for e in await h.press(OFFICER, pending.message_id or 0, "pg:p:1") if e.kind == "edit"]
    assert "\n11. " in (pending2.text or "")

    [ask] = [e for e in await h.send(OFFICER, "đã thực hiện") if e.kind == "send"]
    labels = [t for t, _ in ask.buttons()]
    assert labels[-2:] == [texts.BUTTON_NEXT, texts.BUTTON_ALL.format(n=11)]
    assert [t.split(".")[0] for t in labels[:-2]] == [str(n) for n in range(1, 9)]
    [more] = [e for e in await h.press(OFFICER, ask.message_id or 0, "pg:c:1") if e.kind == "edit"]
    assert more.text == texts.REPORT_CHOOSE
    choices = [(t, d) for t, d in more.buttons() if d.startswith("rc:") and d != "rc:0"]
    assert [t.split(".")[0] for t, _ in choices] == ["9", "10", "11"]
    events = await h.press(OFFICER, ask.message_id or 0, choices[-1][1])
    assert texts_of(events)[0].startswith(texts.REPORT_OK.split("{")[0])
    assert len(await _reports(h)) == 1
