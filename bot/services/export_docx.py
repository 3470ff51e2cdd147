"""The report upward as a Word document (python-docx), for those who paste it into a công văn báo cáo:
the heading of an administrative document, the title and period, the directives of the period, one row
per commune with totals, the notes and the signature block. A4 landscape, Times New Roman."""

from __future__ import annotations

from collections.abc import Iterable
from copy import deepcopy
from pathlib import Path
from typing import IO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import Table

from bot import texts
from bot.db.repo.admin import DetailRow
from bot.services.export import ExportData
from bot.services.labels import day_label

__all__ = ["write_docx"]


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}%".replace(".", ",")


def _cell(table: Table, row: int, col: int, text: str, *, bold: bool = False, center: bool = False) -> None:
    paragraph = table.cell(row, col).paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _line(doc: object, text: str, *, bold: bool = False, italic: bool = False, size: int = 13) -> None:
    paragraph = doc.add_paragraph()  # type: ignore[attr-defined]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)


def _table(doc: object, headers: list[str], rows: list[list[str]], widths: list[float]) -> Table:
    """A bordered table; body rows are copies of one prepared row (python-docx's cell access is quadratic
    in the number of rows, and the summary has one per commune: 3,321 for the whole country)."""
    table = doc.add_table(rows=1, cols=len(headers))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text, width in zip(table.rows[0].cells, headers, widths, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.width = Cm(width)
    template = table.add_row()._tr
    for tc, width in zip(template.tc_lst, widths, strict=True):
        tc.width = Cm(width)
    tbl = table._tbl
    tbl.remove(template)
    for values in rows:
        tr = deepcopy(template)
        for tc, text in zip(tr.tc_lst, values, strict=True):
            tc.p_lst[0].add_r().text = text
        tbl.append(tr)
    return table


def write_docx(
    data: ExportData, target: str | Path | IO[bytes], chunks: Iterable[list[DetailRow]] | None = None
) -> None:
    """The summary; streamed rows are only added up."""
    for _ in data.consume(chunks):
        pass
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    superior, agency = data.heading
    g = data.generated
    place_date = texts.REPORT_PLACE_DATE.format(place=data.place, day=g.day, month=g.month, year=g.year)
    head = doc.add_table(rows=3, cols=2)
    _cell(head, 0, 0, superior, center=True)
    _cell(head, 1, 0, agency, bold=True, center=True)
    _cell(head, 0, 1, texts.REPORT_NATION, bold=True, center=True)
    _cell(head, 1, 1, texts.REPORT_MOTTO, bold=True, center=True)
    head.cell(2, 1).paragraphs[0].add_run(place_date.strip(", ")).italic = True
    head.cell(2, 1).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    doc.add_paragraph()
    _line(doc, texts.REPORT_TITLE, bold=True, size=14)
    _line(doc, texts.REPORT_SUBTITLE, bold=True)
    for i, line in enumerate(data.title_lines()):
        _line(doc, line, italic=i == 0)

    doc.add_paragraph().add_run(texts.REPORT_SECTION_DIRECTIVES).bold = True
    directive_rows = [
        [
            str(i),
            d.number,
            d.subject,
            day_label(d.row.report_due),
            str(d.assigned),
            str(d.done),
            _percent(d.done / d.assigned if d.assigned else None),
        ]
        for i, d in enumerate(data.directives.values(), start=1)
    ]
    _table(doc, texts.REPORT_DIRECTIVES_HEADERS, directive_rows, [1.2, 4.5, 10.5, 2.6, 2.3, 2.3, 2.2])

    doc.add_paragraph()
    doc.add_paragraph().add_run(texts.REPORT_SECTION_UNITS).bold = True
    headers = [h for i, h in enumerate(texts.REPORT_SUMMARY_HEADERS) if i != 5]  # "chưa thực hiện" left out
    unit_rows = []
    for i, u in enumerate(data.units.values(), start=1):
        note = texts.REPORT_STATUS_NO_OFFICER if u.unstaffed else ""
        if u.not_done:
            note = texts.REPORT_NOTE_NOT_DONE.format(n=u.not_done)
        unit_rows.append(
            [
                str(i),
                u.name,
                str(u.officers),
                str(u.assigned),
                str(u.done),
                _percent(u.rate),
                str(u.broadcasts),
                note,
            ]
        )
    t = data.totals
    note = texts.REPORT_TOTAL_NOTE.format(n=data.unstaffed) if data.unstaffed else ""
    unit_rows.append(
        [
            "",
            texts.REPORT_TOTAL,
            str(t.officers),
            str(t.assigned),
            str(t.done),
            _percent(data.staffed_rate),
            str(t.broadcasts),
            note,
        ]
    )
    table = _table(doc, headers, unit_rows, [1.2, 6.0, 2.2, 2.5, 2.5, 2.5, 2.3, 6.5])
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True

    doc.add_paragraph().add_run(
        texts.REPORT_GENERATED.format(time=g.strftime("%H:%M %d/%m/%Y"))
    ).italic = True
    sign = doc.add_table(rows=2, cols=2)
    _cell(sign, 0, 0, texts.REPORT_SIGN_MAKER, bold=True, center=True)
    _cell(sign, 0, 1, texts.REPORT_SIGN_HEAD, bold=True, center=True)
    _cell(sign, 1, 0, texts.REPORT_SIGN_MAKER_HINT, center=True)
    _cell(sign, 1, 1, texts.REPORT_SIGN_HEAD_HINT, center=True)
    doc.save(target)  # type: ignore[arg-type]
