"""Reports as officers write them, end to end: by content, several at once, counts over the period,
reasons, evidence later, safe undo — and never a false "done". Exact replies from bot/texts/."""

from __future__ import annotations

import io
from datetime import timedelta
from html import escape
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import select, update

from bot import texts
from bot.db.models import Assignment, Delivery, Directive, Evidence, Report, utcnow
from bot.db.rows import Item
from bot.views_reports import html_label
from tests.helpers.harness import Harness, running_bot, texts_of

pytestmark = pytest.mark.slow  # a process, a kill or the running bot: not in the fast tier

OFFICER = 5201
COLLEAGUE = 5202
THAT_KHE = "Xã Thất Khê"


@pytest.fixture
async def h(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with running_bot(tmp_path) as harness:
        yield harness


async def _reports(h: Harness) -> list[Report]:
    async with h.db.read() as session:
        return list((await session.scalars(select(Report).order_by(Report.id))).all())


async def _assignment(h: Harness, directive: Directive) -> Assignment:
    unit = await h.unit(THAT_KHE)
    async with h.db.read() as session:
        found = await session.scalar(
            select(Assignment).where(Assignment.directive_id == directive.id, Assignment.unit_id == unit.id)
        )
    assert found is not None
    return found


def _label(d: Directive) -> str:
    return html_label(Item(0, d.id, 0, "pending", None, d.number, d.subject))


def _ok(d: Directive, count: int | None = None, evidence: bool = False) -> str:
    return texts.REPORT_OK.format(
        unit=THAT_KHE,
        number=_label(d),
        count=texts.REPORT_COUNT.format(n=count) if count else "",
        evidence=texts.REPORT_EVIDENCE if evidence else "",
    )


def _many(*lines: str) -> str:
    return "\n".join([texts.REPORTED_HEADER.format(unit=THAT_KHE), *lines, texts.REPORTED_THANKS])


async def _five(h: Harness) -> list[Directive]:
    return [await h.publish(sample) for sample in ("000", "001", "002", "003", "004")]


# ---------------------------------------------------------------------------- never a false done


@pytest.mark.parametrize(
    "message",
    [
        "đã phát không buổi nào",
        "đã phát 0 buổi",
        "đã thực hiện được đâu mà báo",
        "định phát chiều nay",
        "nếu có điện thì mai phát",
        "tưởng đã phát nhưng hóa ra chưa",
        "xong chưa?",
        "chua phat dc",
    ],
)
async def test_negatives_zeros_intentions_and_questions_record_nothing(h: Harness, message: str) -> None:
    await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    await h.send(OFFICER, message)
    assert [r.outcome for r in await _reports(h) if r.outcome != "not_done"] == []
    assert (await _assignment(h, (await _published(h))[0])).status == "pending"


async def _published(h: Harness) -> list[Directive]:
    async with h.db.read() as session:
        return list((await session.scalars(select(Directive).order_by(Directive.id))).all())


async def test_an_unsure_done_is_confirmed_first(h: Harness) -> None:
    [d] = [await h.publish("003")]
    await h.register(OFFICER, THAT_KHE)
    [ask] = [e for e in await h.send(OFFICER, "xong") if e.kind == "send"]
    assert ask.text == texts.REPORT_CONFIRM.format(
        items=texts.REPORT_CONFIRM_ITEM.format(label=_label(d), count="")
    )
    assert [d for _, d in ask.buttons()] == ["ok:1", "ok:0"]
    assert await _reports(h) == []
    assert texts_of(await h.press(OFFICER, ask.message_id or 0, "ok:0")) == [texts.REPORT_CANCELLED]
    assert await _reports(h) == []
    [ask] = [e for e in await h.send(OFFICER, "xong") if e.kind == "send"]
    assert texts_of(await h.press(OFFICER, ask.message_id or 0, "ok:1")) == [_ok(d)]
    assert (await _assignment(h, d)).status == "done"


# ---------------------------------------------------------------------------- by content


async def test_a_report_names_its_directives_with_counts_and_reasons(h: Harness) -> None:
    d000, _, d002, d003, _ = await _five(h)
    await h.register(OFFICER, THAT_KHE)
    events = await h.send(
        OFFICER,
        "em báo cáo: tuần này xã em đã phát 5 buổi về cải cách hành chính, 2 buổi về Đại hội, "
        "còn bài quy hoạch tỉnh chưa phát vì loa thôn Nà Pàn hỏng",
    )
    [ask] = [e for e in events if e.kind == "send"]  # a long, mixed report: what was understood, confirmed
    assert ask.text == texts.REPORT_CONFIRM.format(
        items="\n".join(
            texts.REPORT_CONFIRM_ITEM.format(label=_label(d), count=texts.REPORT_COUNT.format(n=n))
            for d, n in ((d002, 5), (d003, 2))
        )
    )
    assert await _reports(h) == []
    [reply] = [e for e in await h.press(OFFICER, ask.message_id or 0, "ok:1") if e.kind == "send"]
    assert reply.text == _many(
        texts.REPORTED_DONE.format(label=_label(d002), count=texts.REPORT_COUNT.format(n=5), evidence=""),
        texts.REPORTED_DONE.format(label=_label(d003), count=texts.REPORT_COUNT.format(n=2), evidence=""),
        texts.REPORTED_NOT_DONE.format(label=_label(d000), reason=escape("loa thôn Nà Pàn hỏng")),
    )
    reports = await _reports(h)
    assert [(r.outcome, r.count, r.reason) for r in reports] == [
        ("done", 5, None),
        ("done", 2, None),
        ("not_done", None, "loa thôn Nà Pàn hỏng"),
    ]
    assert len({r.batch for r in reports}) == 1
    assert [t for t, _ in reply.buttons()] == [
        texts.BUTTON_UNDO_N.format(n=1),
        texts.BUTTON_UNDO_N.format(n=2),
        texts.BUTTON_UNDO_N.format(n=3),
        texts.BUTTON_UNDO_ALL,
    ]
    assert (await _assignment(h, d000)).status == "pending"


async def test_a_report_by_number_or_plan_name(h: Harness) -> None:
    *_, d004 = await _five(h)
    await h.register(OFFICER, THAT_KHE)
    assert texts_of(await h.send(OFFICER, "Đã thực hiện xong kế hoạch 113")) == [_ok(d004)]


async def test_a_reason_with_no_directive_named_asks_which(h: Harness) -> None:
    _, d001, *_ = await _five(h)
    await h.register(OFFICER, THAT_KHE)
    [ask] = [e for e in await h.send(OFFICER, "chưa phát được vì mất điện") if e.kind == "send"]
    assert ask.text == texts.REPORT_CHOOSE_NOT_DONE
    a001 = await _assignment(h, d001)
    [reply] = texts_of(await h.press(OFFICER, ask.message_id or 0, f"rc:{a001.id}"))
    assert reply == _many(texts.REPORTED_NOT_DONE.format(label=_label(d001), reason="mất điện"))
    [report] = await _reports(h)
    assert (report.outcome, report.reason) == ("not_done", "mất điện")
    assert (await _assignment(h, d001)).status == "pending"


async def test_all_asks_for_confirmation(h: Harness) -> None:
    d = [await h.publish(s) for s in ("002", "003")]
    await h.register(OFFICER, THAT_KHE)
    [ask] = [e for e in await h.send(OFFICER, "đã phát 2 buổi") if e.kind == "send"]
    assert ask.text == texts.REPORT_CHOOSE
    [confirm] = [e for e in await h.press(OFFICER, ask.message_id or 0, "rc:0") if e.kind == "send"]
    lines = {
        texts.REPORT_CONFIRM_ITEM.format(label=_label(x), count=texts.REPORT_COUNT.format(n=2)) for x in d
    }
    head, *body = (confirm.text or "").split("\n")
    assert head == texts.REPORT_CONFIRM_ALL.format(n=2, items="").split("\n")[0] and set(body) == lines
    assert await _reports(h) == []
    [done] = texts_of(await h.press(OFFICER, confirm.message_id or 0, "ok:1"))
    assert done.startswith(texts.REPORTED_HEADER.format(unit=THAT_KHE))
    reports = await _reports(h)
    assert [r.count for r in reports] == [2, 2] and len({r.batch for r in reports}) == 1


# ---------------------------------------------------------------------------- counts over the period, evidence


async def test_counts_accumulate_on_the_report_just_made(h: Harness) -> None:
    d002, d003 = await h.publish("002"), await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    a003 = await _assignment(h, d003)
    week = next(e for e in await h.send(OFFICER, "/tuannay") if e.kind == "send")
    await h.press(OFFICER, week.message_id or 0, f"r:{a003.id}")
    assert texts_of(await h.send(OFFICER, "phát được 3 buổi rồi")) == [
        _many(texts.REPORTED_COUNT.format(label=_label(d003), n=3))
    ]
    assert texts_of(await h.send(OFFICER, "hôm nay phát thêm 2 buổi bài đại hội")) == [
        _many(
            texts.REPORTED_MORE.format(
                label=_label(d003), count=texts.REPORT_COUNT.format(n=2), total=5, evidence=""
            )
        )
    ]
    assert [(r.outcome, r.count) for r in await _reports(h)] == [("done", 3), ("more", 2)]
    assert (await _assignment(h, d002)).status == "pending"  # never offered, never touched


async def test_evidence_later_goes_to_the_report_just_made(h: Harness) -> None:
    _, d003 = await h.publish("002"), await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    await h.send(OFFICER, "đã phát bài đại hội 2 buổi")
    assert texts_of(await h.photo(OFFICER)) == [texts.REPORTED_EVIDENCE.format(label=_label(d003))]
    async with h.db.read() as session:
        [evidence] = (await session.scalars(select(Evidence))).all()
    assert evidence.assignment_id == (await _assignment(h, d003)).id and evidence.kind == "photo"


async def test_a_photo_with_nothing_reported_asks_which(h: Harness) -> None:
    await h.publish("002")
    await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    [ask] = [e for e in await h.photo(OFFICER) if e.kind == "send"]
    assert ask.text == texts.EVIDENCE_ASK.format(kind=texts.EVIDENCE_PHOTO)
    assert await _reports(h) == []


async def test_a_written_report_as_a_docx(h: Harness) -> None:
    _, d003 = await h.publish("002"), await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    doc = Document()
    doc.add_paragraph("BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN TUẦN 48")
    doc.add_paragraph(
        "Trong tuần, Đài truyền thanh xã đã phát 4 buổi tuyên truyền Đại hội đại biểu Đảng bộ tỉnh."
    )
    buffer = io.BytesIO()
    doc.save(buffer)
    replies = texts_of(await h.document(OFFICER, buffer.getvalue(), "bao-cao-tuan.docx"))
    assert replies == [_ok(d003, 4, evidence=True)]
    [report] = await _reports(h)
    assert report.via == "document" and "Đại hội" in report.raw_text


async def test_a_long_written_message_is_read(h: Harness) -> None:
    _, d003 = await h.publish("002"), await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    text = "Kính gửi Phòng Văn hóa – Xã hội. " + "Xã em luôn quan tâm công tác tuyên truyền. " * 24
    text += "Tuần qua đã phát 3 buổi về Đại hội đại biểu Đảng bộ tỉnh."
    assert 1000 < len(text) <= 4000
    [ask] = [e for e in await h.send(OFFICER, text) if e.kind == "send"]  # long: confirmed first
    assert ask.text == texts.REPORT_CONFIRM.format(
        items=texts.REPORT_CONFIRM_ITEM.format(label=_label(d003), count=texts.REPORT_COUNT.format(n=3))
    )
    assert texts_of(await h.press(OFFICER, ask.message_id or 0, "ok:1")) == [_ok(d003, 3)]


# ---------------------------------------------------------------------------- safe undo


async def test_undo_names_what_it_undoes_and_asks(h: Harness) -> None:
    d002, d003 = await h.publish("002"), await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    await h.send(OFFICER, "đã phát bài cải cách hành chính 2 buổi")
    await h.send(OFFICER, "đã phát bài đại hội 4 buổi")
    [ask] = [e for e in await h.send(OFFICER, "hủy báo cáo bài cải cách hành chính") if e.kind == "send"]
    first = (await _reports(h))[0]
    when = first.created_at.astimezone(h.settings.tz).strftime("%H:%M %d/%m")
    assert ask.text == texts.UNDO_ASK.format(
        items=texts.UNDO_ASK_ITEM.format(label=_label(d002), when=f" ({when})")
    )
    assert ask.buttons() == [(texts.BUTTON_UNDO, f"u:{first.id}:0"), (texts.BUTTON_KEEP, "u:0:0")]
    assert [r.undone_at for r in await _reports(h)] == [None, None]  # asked, nothing undone yet
    assert texts_of(await h.press(OFFICER, ask.message_id or 0, f"u:{first.id}:0")) == [
        texts.UNDO_DONE.format(
            items=texts.UNDO_DONE_ITEM.format(label=_label(d002), state=texts.UNDO_STATE_PENDING)
        )
    ]
    assert (await _assignment(h, d002)).status == "pending"
    assert (await _assignment(h, d003)).status == "done"  # the other one is untouched


async def test_one_undo_reverses_a_multi_report(h: Harness) -> None:
    await _five(h)
    await h.register(OFFICER, THAT_KHE)
    await h.send(OFFICER, "đã phát 5 buổi cải cách hành chính, 2 buổi Đại hội")
    [ask] = [e for e in await h.send(OFFICER, "/huy") if e.kind == "send"]
    assert ask.buttons()[0][0] == texts.BUTTON_UNDO_ALL
    await h.press(OFFICER, ask.message_id or 0, ask.buttons()[0][1])
    assert all(r.undone_at is not None for r in await _reports(h))
    async with h.db.read() as session:
        statuses = set((await session.scalars(select(Assignment.status))).all())
    assert statuses == {"pending"}


async def test_undo_keep_and_window(h: Harness) -> None:
    await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    assert texts_of(await h.send(OFFICER, "hủy báo cáo")) == [texts.UNDO_NONE]
    await h.send(OFFICER, "đã thực hiện")
    [ask] = [e for e in await h.send(OFFICER, "bấm nhầm rồi, hủy giúp em") if e.kind == "send"]
    assert texts_of(await h.press(OFFICER, ask.message_id or 0, "u:0:0")) == [texts.UNDO_KEPT]
    assert [r.undone_at for r in await _reports(h)] == [None]
    async with h.db.write() as session:
        await session.execute(update(Report).values(created_at=utcnow() - timedelta(hours=25)))
    assert texts_of(await h.send(OFFICER, "/huy")) == [texts.UNDO_NONE]
    events = await h.press(OFFICER, ask.message_id or 0, ask.buttons()[0][1])  # an old button, too late
    assert [e.text for e in events if e.kind == "answer_callback"] == [texts.UNDO_GONE]


async def test_a_colleague_cannot_undo_my_report(h: Harness) -> None:
    await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    await h.register(COLLEAGUE, THAT_KHE)
    [done] = [e for e in await h.send(OFFICER, "đã thực hiện") if e.kind == "send"]
    [mine] = [e for e in await h.send(COLLEAGUE, "/chualam") if e.kind == "send"]
    events = await h.press(COLLEAGUE, mine.message_id or 0, done.buttons()[0][1])  # the button, forged
    assert [e.text for e in events if e.kind == "answer_callback"] == [texts.UNDO_GONE]
    assert [r.undone_at for r in await _reports(h)] == [None]


# ---------------------------------------------------------------------------- the little things


async def test_a_typed_number_chooses_from_the_last_list(h: Harness) -> None:
    d002, d003 = await h.publish("002"), await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    [ask] = [e for e in await h.send(OFFICER, "đã thực hiện") if e.kind == "send"]
    second = int(next(d for t, d in ask.buttons() if t.startswith("2.")).split(":")[1])
    chosen = d002 if (await _assignment(h, d002)).id == second else d003
    assert texts_of(await h.send(OFFICER, "2")) == [_ok(chosen)]
    week = texts_of(await h.send(OFFICER, "tuần này phát gì"))[0]
    assert "\n1. " in week
    detail = texts_of(await h.send(OFFICER, "1"))
    assert detail and detail[0].startswith("📄 <b>")
    assert texts_of(await h.send(OFFICER, "9")) == [texts.NUMBER_UNKNOWN.format(n=9)]


async def test_next_and_last_week(h: Harness) -> None:
    await h.publish("003")
    await h.register(OFFICER, THAT_KHE)
    nxt = texts_of(await h.send(OFFICER, "tuần sau phát gì"))[0]
    last = texts_of(await h.send(OFFICER, "tuần trước phát những gì"))[0]
    assert nxt.startswith("📢 <b>Tuyên truyền tuần sau</b>")
    assert last.startswith("📢 <b>Tuyên truyền tuần trước</b>")


async def test_labels_tell_directives_apart_and_are_not_commands(h: Harness) -> None:
    await _five(h)
    await h.register(OFFICER, THAT_KHE)
    [ask] = [e for e in await h.send(OFFICER, "đã thực hiện") if e.kind == "send"]
    labels = [t for t, d in ask.buttons() if d.startswith("rc:") and d != "rc:0"]
    assert len(set(labels)) == len(labels) == 5
    assert not any(t.split(". ", 1)[1].startswith("/") for t in labels)
    pending = texts_of(await h.send(OFFICER, "/chualam"))[0]
    assert " /STTTT" not in pending and ">/STTTT" not in pending


async def test_registration_from_a_pasted_link_or_a_sentence(h: Harness) -> None:
    code = await h.invite(THAT_KHE)
    welcome = texts.REGISTERED.format(unit=THAT_KHE, help=texts.HELP)
    assert texts_of(await h.send(OFFICER, f"https://t.me/loaxa_bot?start={code}")) == [welcome]
    code = await h.invite(THAT_KHE)
    spaced = " ".join(code[i : i + 4] for i in range(0, 12, 4))
    assert texts_of(await h.send(COLLEAGUE, f"ma moi cua em la {spaced}")) == [welcome]


async def test_the_push_reply_and_its_button(h: Harness) -> None:
    await h.register(OFFICER, THAT_KHE)
    await h.publish("002", [THAT_KHE])
    d003 = await h.publish("003", [THAT_KHE])
    messages = await h.wait_messages(OFFICER, 3)
    push = next(m for m in messages if "Đại hội" in m["text"])
    async with h.db.write() as session:  # a reply that beats the worker's record of the push's message id
        await session.execute(update(Delivery).values(telegram_message_id=None))
    assert texts_of(await h.send(OFFICER, "xong rồi", reply_to=push["message_id"])) == [_ok(d003)]
    assert [r.via for r in await _reports(h)] == ["reply"]
