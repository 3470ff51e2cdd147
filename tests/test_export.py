"""The report upward: the XLSX ("Tổng hợp", "Chi tiết"), the .docx summary and the CSV, opened and checked
cell by cell, on SQLite and PostgreSQL; the period and directive filters; a unit admin's report."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest
from docx import Document
from openpyxl import load_workbook

from bot import texts
from bot.config import Settings
from bot.directives import parse_text
from bot.services import directives as service
from bot.services.export import ExportRequest, build_export, export_to_file
from bot.services.export_csv import CSV_HEADERS
from bot.services.export_xlsx import DETAIL_SHEET, HEADER_ROW, SUMMARY_SHEET
from bot.services.labels import Period
from bot.services.scope import PROVINCE, OutOfScope, Scope
from bot.services.setup import Database
from tests.helpers.office import DIRECTIVE_2345, DOAN_KET, NA_SAM, NUMBER, THAT_KHE, at, seed


async def _export(
    db: Database, settings: Settings, fmt: str, request: ExportRequest | None = None, scope: Scope = PROVINCE
):  # type: ignore[no-untyped-def]
    data, name, content = await build_export(db, settings, scope, request or ExportRequest(), fmt, at(28, 3))  # type: ignore[arg-type]
    return data, name, content


async def test_xlsx_summary_and_detail(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    s = await seed(db, settings)
    data, name, content = await _export(db, settings, "xlsx")
    assert name.endswith(".xlsx") and len(content) == 6
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == [SUMMARY_SHEET, DETAIL_SHEET]

    ws = wb[SUMMARY_SHEET]
    assert ws["A1"].value == "UBND TỈNH LẠNG SƠN" and ws["A2"].value == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    assert ws["D1"].value == texts.REPORT_NATION and ws["D2"].value == texts.REPORT_MOTTO
    assert ws["D3"].value == "Lạng Sơn, ngày 28 tháng 11 năm 2025"
    assert ws["A5"].value == "BÁO CÁO KẾT QUẢ TUYÊN TRUYỀN"
    assert ws["A7"].value == "Kỳ báo cáo: toàn bộ thời gian"
    assert "A5:I5" in {str(r) for r in ws.merged_cells.ranges}
    assert [c.value for c in ws[HEADER_ROW]] == texts.REPORT_SUMMARY_HEADERS
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + 4)]
    assert sorted(r[1] for r in rows[:3]) == sorted([THAT_KHE, DOAN_KET, NA_SAM])  # in the official order
    by_name = {r[1]: r for r in rows[:3]}
    assert [r[0] for r in rows[:3]] == [1, 2, 3]
    assert by_name[THAT_KHE][2:8] == [
        1,
        2,
        2,
        0,
        1.0,
        5,
    ]  # officers, assigned, done, not yet, rate, broadcasts
    assert (
        by_name[DOAN_KET][2:8] == [1, 2, 0, 2, 0.0, 0]
        and by_name[DOAN_KET][8] == "1 công văn báo không thực hiện"
    )
    assert by_name[NA_SAM][2:9] == [0, 2, 0, None, None, 0, texts.REPORT_STATUS_NO_OFFICER]
    rate = ws.cell(HEADER_ROW + 1 + [r[1] for r in rows].index(THAT_KHE), 7)
    assert isinstance(rate.value, float) and rate.number_format == "0.0%"
    total = rows[3]
    assert total[1] == texts.REPORT_TOTAL and total[2:8] == [
        2,
        6,
        2,
        2,
        0.5,
        5,
    ]  # Na Sầm left out of the rate
    assert total[8] == texts.REPORT_TOTAL_NOTE.format(n=1)
    values = [c.value for row in ws.iter_rows(min_row=HEADER_ROW + 5) for c in row if c.value]
    assert texts.REPORT_SIGN_MAKER in values and texts.REPORT_SIGN_HEAD in values
    assert ws.freeze_panes == f"C{HEADER_ROW + 1}"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == "9"
    assert (
        ws.page_setup.fitToWidth == 1
        and ws.page_setup.fitToHeight == 0
        and ws.sheet_properties.pageSetUpPr.fitToPage
    )
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert ws.column_dimensions["B"].width == 30

    ws = wb[DETAIL_SHEET]
    assert ws["A1"].value == texts.REPORT_DETAIL_TITLE
    assert [c.value for c in ws[4]] == texts.REPORT_DETAIL_HEADERS
    detail = list(ws.iter_rows(min_row=5))
    assert len(detail) == 6 and [r[0].value for r in detail] == [1, 2, 3, 4, 5, 6]
    cells = {(r[1].value, r[2].value): r for r in detail}
    tk = cells[(THAT_KHE, NUMBER)]
    assert tk[3].value == "V/v tuyên truyền phòng, chống đuối nước cho trẻ em"
    assert tk[4].value == datetime(2025, 11, 25) and tk[4].number_format == "dd/mm/yyyy"
    assert tk[5].value == "Đã thực hiện"
    assert (
        tk[6].value == datetime(2025, 11, 7, 6, 30) and tk[6].number_format == "dd/mm/yyyy hh:mm"
    )  # local time
    assert tk[7].value == "Nguyễn Văn An" and tk[8].value == 5 and tk[9].value is None
    aid = s.assignments[(THAT_KHE, s.d2345.id)].id
    assert tk[10].value == "1 ảnh, 1 ghi âm"
    assert tk[10].hyperlink.target == f"https://t.me/{settings.bot_username}?start=mc_{aid}"
    dk = cells[(DOAN_KET, NUMBER)]
    assert (
        dk[5].value == "Không thực hiện" and dk[9].value == "Loa hỏng, đang chờ sửa" and dk[6].value is None
    )
    ns = cells[(NA_SAM, NUMBER)]
    assert ns[5].value == texts.REPORT_STATUS_NO_OFFICER and ns[10].value is None
    tk113 = cells[(THAT_KHE, s.d113.number)]
    assert tk113[5].value == "Đã thực hiện" and tk113[8].value is None  # no count stated
    assert cells[(DOAN_KET, s.d113.number)][5].value == "Chưa báo cáo"
    assert ws.freeze_panes == "C5" and ws.print_title_rows == "$4:$4"
    assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage


async def test_docx_summary(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    s = await seed(db, settings)
    data, name, _ = await _export(db, settings, "docx")
    assert name.endswith(".docx")
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    assert section.page_width > section.page_height  # landscape
    text = [p.text for p in doc.paragraphs]
    assert texts.REPORT_TITLE in text and "Kỳ báo cáo: toàn bộ thời gian" in text
    head, directives, units, sign = doc.tables
    assert head.cell(0, 0).text == "UBND TỈNH LẠNG SƠN" and head.cell(0, 1).text == texts.REPORT_NATION
    assert [c.text for c in directives.rows[0].cells] == texts.REPORT_DIRECTIVES_HEADERS
    assert len(directives.rows) == 3 and {directives.cell(i, 1).text for i in (1, 2)} == {
        NUMBER,
        s.d113.number,
    }
    assert len(units.rows) == 1 + 3 + 1
    rows = {units.cell(i, 1).text: [c.text for c in units.rows[i].cells] for i in range(1, 5)}
    assert rows[THAT_KHE][2:7] == ["1", "2", "2", "100,0%", "5"]
    assert rows[NA_SAM][5] == "" and rows[NA_SAM][7] == texts.REPORT_STATUS_NO_OFFICER
    assert rows[texts.REPORT_TOTAL][5] == "50,0%"
    assert sign.cell(0, 0).text == texts.REPORT_SIGN_MAKER and sign.cell(0, 1).text == texts.REPORT_SIGN_HEAD


async def test_csv_detail(any_db: tuple[Settings, Database], tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings, db = any_db
    await seed(db, settings)
    out = tmp_path / "bc.csv"
    content = await export_to_file(db, settings, out, "csv")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == CSV_HEADERS
    assert {"Xã/Phường", "Trích yếu", "Trạng thái", "Số buổi", "Lý do"} <= set(rows[0])
    assert len(rows) == 1 + 6 == 1 + len(content)
    col = {h: i for i, h in enumerate(rows[0])}
    dk = next(r for r in rows[1:] if r[col["Xã/Phường"]] == DOAN_KET and r[col["Số công văn"]] == NUMBER)
    assert dk[col["Trạng thái"]] == "Không thực hiện" and dk[col["Lý do"]] == "Loa hỏng, đang chờ sửa"
    tk = next(r for r in rows[1:] if r[col["Xã/Phường"]] == THAT_KHE and r[col["Số công văn"]] == NUMBER)
    assert tk[col["Số buổi"]] == "5" and tk[col["Thời gian báo cáo"]] == "07/11/2025 06:30"
    assert tk[col["Hạn báo cáo"]] == "25/11/2025" and tk[col["Minh chứng"]].startswith(
        "1 ảnh, 1 ghi âm: https://t.me/"
    )


async def test_period_and_directive_filters(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    s = await seed(db, settings)
    _, _, october = await _export(
        db, settings, "csv", ExportRequest(Period(date(2025, 10, 1), date(2025, 10, 31)))
    )
    assert not october.directives and not len(october)
    # as it stood on 10/11: Thất Khê had done 2345 (3 broadcasts; the "more" came later), not yet 113
    _, _, early = await _export(
        db, settings, "csv", ExportRequest(Period(date(2025, 11, 1), date(2025, 11, 10)))
    )
    assert set(early.directives) == {s.d2345.id, s.d113.id}  # both published on 04/11
    tk = early.units[s.units[THAT_KHE].id]
    assert (tk.done, tk.broadcasts) == (1, 5)  # the "more" report was on 08/11, within the period
    _, _, until7 = await _export(db, settings, "csv", ExportRequest(Period(None, date(2025, 11, 7))))
    assert until7.units[s.units[THAT_KHE].id].broadcasts == 3
    for ref in ("2345", NUMBER, f"#{s.d2345.id}"):
        _, _, one = await _export(db, settings, "csv", ExportRequest(directive=ref))
        assert list(one.directives) == [s.d2345.id] and len(one) == 3
    _, _, plan = await _export(db, settings, "csv", ExportRequest(directive="113"))  # cited in the subject
    assert list(plan.directives) == [s.d113.id]


async def test_unit_admin_report(any_db: tuple[Settings, Database]) -> None:
    settings, db = any_db
    s = await seed(db, settings)
    unit = s.units[THAT_KHE]
    scope = Scope(frozenset({unit.id}), unit.id, unit.name)
    data, _, content = await _export(db, settings, "xlsx", scope=scope)
    assert list(content.units) == [unit.id] and len(content) == 2
    ws = load_workbook(io.BytesIO(data))[SUMMARY_SHEET]
    assert ws["A1"].value == "UBND XÃ THẤT KHÊ" and ws["A2"].value == "PHÒNG VĂN HÓA - XÃ HỘI"
    async with db.write() as session:
        other = await service.import_parsed(
            session, parse_text(DIRECTIVE_2345.replace("2345", "2399")), "x.txt"
        )
        await service.publish(session, other.directive, [s.units[DOAN_KET]])
    with pytest.raises(OutOfScope):
        await _export(db, settings, "xlsx", ExportRequest(directive="2399"), scope=scope)
