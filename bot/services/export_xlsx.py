"""The report upward as an Excel workbook, streamed (bot/services/xlsx_stream.py):

- "Tổng hợp": the agency heading and the national motto, "BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN", the period and
  the date; one row per commune (STT, Xã/phường, registered officers, directives assigned, done, not yet,
  the rate as a number formatted as a percentage, broadcasts, a note — "Chưa có cán bộ đăng ký" for a
  commune nobody can report for); totals; the signature block.
- "Chi tiết": one row per commune × directive: the status in words, real dates and times, the officer's
  registered name, broadcasts, "Lý do" for what was not done, and the evidence as a link that opens it
  in Telegram.

Both: column widths, frozen headers, A4 landscape fitted to the page width, header rows on every page.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO

from bot import texts
from bot.db.repo.admin import DetailRow
from bot.services.export import ExportData
from bot.services.labels import evidence_label
from bot.services.xlsx_stream import S, SheetSpec, XlsxWriter, col_letter

__all__ = ["DETAIL_SHEET", "HEADER_ROW", "SUMMARY_SHEET", "write_xlsx"]

SUMMARY_SHEET = "Tổng hợp"
DETAIL_SHEET = "Chi tiết"
HEADER_ROW = 10  # of the summary; the detail's header is on row 4
DETAIL_HEADER_ROW = 4

_SUMMARY_WIDTHS = [6, 30, 10, 12, 11, 11, 12, 10, 34]
_SUMMARY_STYLES = [S.INT, S.TEXT, S.INT, S.INT, S.INT, S.INT, S.PERCENT, S.INT, S.TEXT]
_TOTAL_STYLES = [S.TOTAL_INT, S.TOTAL_TEXT, S.TOTAL_INT, S.TOTAL_INT, S.TOTAL_INT, S.TOTAL_INT]
_TOTAL_STYLES += [S.TOTAL_PERCENT, S.TOTAL_INT, S.TOTAL_TEXT]
_DETAIL_WIDTHS = [7, 24, 20, 46, 12, 16, 17, 22, 9, 30, 16]
_DETAIL_STYLES = [
    S.INT,
    S.TEXT,
    S.TEXT,
    S.TEXT,
    S.DATE,
    S.TEXT_CENTER,
    S.DATETIME,
    S.TEXT,
    S.INT,
    S.TEXT,
    S.LINK,
]
_EPOCH = date(1899, 12, 30)  # day 0 of Excel's calendar


def _span(row: int, first: int, last: int) -> str:
    return f"{col_letter(first)}{row}:{col_letter(last)}{row}"


def _summary(w: XlsxWriter, data: ExportData) -> None:
    n = len(_SUMMARY_WIDTHS)
    last = n - 1
    spec = SheetSpec(
        SUMMARY_SHEET, _SUMMARY_WIDTHS, freeze=f"C{HEADER_ROW + 1}", print_rows=(HEADER_ROW, HEADER_ROW)
    )
    w.sheet(spec, index=1)
    superior, agency = data.heading
    g = data.generated
    place_date = texts.REPORT_PLACE_DATE.format(place=data.place, day=g.day, month=g.month, year=g.year)
    w.row([superior, None, None, texts.REPORT_NATION], [S.CENTER, 0, 0, S.BOLD_CENTER])
    w.row([agency, None, None, texts.REPORT_MOTTO], [S.BOLD_CENTER, 0, 0, S.BOLD_CENTER])
    w.row([None, None, None, place_date.strip(", ")], [0, 0, 0, S.ITALIC_CENTER])
    w.row([])
    w.row([texts.REPORT_TITLE], [S.TITLE], height=22)
    w.row([texts.REPORT_SUBTITLE], [S.BOLD_CENTER])
    title = data.title_lines()
    w.row([title[0]], [S.ITALIC_CENTER])
    w.row([title[1]], [S.CENTER], height=30)
    w.row([])
    spec.merged += [_span(1, 0, 2), _span(2, 0, 2), _span(1, 3, last), _span(2, 3, last), _span(3, 3, last)]
    spec.merged += [_span(r, 0, last) for r in (5, 6, 7, 8)]
    assert w.current_row == HEADER_ROW - 1
    w.row(texts.REPORT_SUMMARY_HEADERS, S.HEADER, height=32)
    for i, u in enumerate(data.units.values(), start=1):
        note = texts.REPORT_STATUS_NO_OFFICER if u.unstaffed else ""
        if u.not_done:
            note = texts.REPORT_NOTE_NOT_DONE.format(n=u.not_done)
        pending = None if u.unstaffed else u.pending
        values = [i, u.name, u.officers, u.assigned, u.done, pending, u.rate, u.broadcasts, note or None]
        w.row(values, _SUMMARY_STYLES)
    t = data.totals
    pending_total = t.assigned - t.done - sum(u.assigned for u in data.units.values() if u.unstaffed)
    total_note = texts.REPORT_TOTAL_NOTE.format(n=data.unstaffed) if data.unstaffed else None
    w.row(
        [
            None,
            texts.REPORT_TOTAL,
            t.officers,
            t.assigned,
            t.done,
            pending_total,
            data.staffed_rate,
            t.broadcasts,
            total_note,
        ],
        _TOTAL_STYLES,
    )
    w.row([])
    r = w.row([texts.REPORT_LINK_HINT])
    r2 = w.row([texts.REPORT_GENERATED.format(time=g.strftime("%H:%M %d/%m/%Y"))])
    w.row([])
    r3 = w.row(
        [texts.REPORT_SIGN_MAKER, None, None, None, None, texts.REPORT_SIGN_HEAD],
        [S.BOLD_CENTER, 0, 0, 0, 0, S.BOLD_CENTER],
    )
    r4 = w.row(
        [texts.REPORT_SIGN_MAKER_HINT, None, None, None, None, texts.REPORT_SIGN_HEAD_HINT],
        [S.ITALIC_CENTER, 0, 0, 0, 0, S.ITALIC_CENTER],
    )
    spec.merged += [_span(r, 0, last), _span(r2, 0, last)]
    spec.merged += [_span(row, 0, 2) for row in (r3, r4)] + [_span(row, 5, last) for row in (r3, r4)]


class _Tails:
    """The detail sheet's cells after their reference (`" s="2" t="s"><v>17</v></c>`), rendered once per
    distinct value: a row is then one string."""

    def __init__(self, w: XlsxWriter) -> None:
        self.w = w
        self.cache: dict[tuple[int, str], str] = {}
        self.empty = [f'" s="{style}"/>' for style in _DETAIL_STYLES]

    def text(self, style: int, value: str) -> str:
        tail = self.cache.get((style, value))
        if tail is None:
            tail = self.cache[(style, value)] = f'" s="{style}" t="s"><v>{self.w.string_index(value)}</v></c>'
        else:
            self.w.string_refs += 1
        return tail


def _detail_rows(w: XlsxWriter, data: ExportData, chunks: Iterable[list[DetailRow]] | None) -> None:
    """One row per commune × directive (the columns of texts.REPORT_DETAIL_HEADERS)."""
    tails = _Tails(w)
    empty = tails.empty
    epoch = _EPOCH.toordinal()
    directives: dict[int, tuple[str, str]] = {}
    days: dict[date | None, str] = {None: empty[4]}
    evidence, tz = data.evidence, data.tz
    for i, row in enumerate(data.consume(chunks), start=1):
        aid, uid, did, done, done_at, due, n, name, reason = row
        rs = str(w.next_row())
        d = directives.get(did)
        if d is None:
            line = data.directives[did]
            d = directives[did] = (tails.text(S.TEXT, line.number), tails.text(S.TEXT, line.subject))
        day = days.get(due)
        if day is None:
            assert due is not None
            day = days[due] = f'" s="{S.DATE}"><v>{due.toordinal() - epoch}</v></c>'
        if done and done_at is not None:
            t = done_at.astimezone(tz)
            serial = t.toordinal() - epoch + (t.hour * 3600 + t.minute * 60 + t.second) / 86400
            at = f'" s="{S.DATETIME}"><v>{serial:.10f}</v></c>'
        else:
            at = empty[6]
        count = f'" s="{S.INT}"><v>{n}</v></c>' if n is not None else empty[8]
        kinds = evidence.get(aid)
        if kinds:
            ev = tails.text(S.LINK, evidence_label(kinds))
            w.link(f"K{rs}", data.evidence_link(aid))
        else:
            ev = empty[10]
        w.raw_row(
            f'<row r="{rs}"><c r="A{rs}" s="{S.INT}"><v>{i}</v></c>'
            f'<c r="B{rs}{tails.text(S.TEXT, data.units[uid].name)}<c r="C{rs}{d[0]}<c r="D{rs}{d[1]}'
            f'<c r="E{rs}{day}<c r="F{rs}{tails.text(S.TEXT_CENTER, data.status(row))}<c r="G{rs}{at}'
            f'<c r="H{rs}{tails.text(S.TEXT, name) if done and name else empty[7]}'
            f'<c r="I{rs}{count}'
            f'<c r="J{rs}{tails.text(S.TEXT, reason) if reason and not done else empty[9]}'
            f'<c r="K{rs}{ev}</row>'
        )


def _detail(w: XlsxWriter, data: ExportData, chunks: Iterable[list[DetailRow]] | None) -> None:
    last = len(_DETAIL_WIDTHS) - 1
    spec = SheetSpec(
        DETAIL_SHEET,
        _DETAIL_WIDTHS,
        freeze=f"C{DETAIL_HEADER_ROW + 1}",
        print_rows=(DETAIL_HEADER_ROW, DETAIL_HEADER_ROW),
        merged=[_span(1, 0, last), _span(2, 0, last), _span(3, 0, last)],
    )
    w.sheet(spec, index=2)
    w.row([texts.REPORT_DETAIL_TITLE], [S.TITLE], height=22)
    w.row([" — ".join(data.period_lines())], [S.ITALIC_CENTER])
    w.row([texts.REPORT_LINK_HINT], [S.CENTER])
    w.row(texts.REPORT_DETAIL_HEADERS, S.HEADER, height=32)
    _detail_rows(w, data, chunks)


def write_xlsx(
    data: ExportData, target: str | Path | IO[bytes], chunks: Iterable[list[DetailRow]] | None = None
) -> None:
    """Write the workbook (blocking; memory stays flat whatever the number of rows). The detail is written
    first, as the rows stream by and are added up; then the summary, which comes first in the workbook."""
    w = XlsxWriter(target, title=texts.REPORT_TITLE)
    _detail(w, data, chunks)
    _summary(w, data)
    w.close()
