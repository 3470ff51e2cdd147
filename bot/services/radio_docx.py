"""The bản tin as a printable Word file (python-docx): title, station, reading time, the text."""

from __future__ import annotations

import io
from typing import Any

from bot.services.radio import WORDS_PER_MINUTE, RadioScript, format_duration

__all__ = ["radio_docx"]


def _section(doc: Any, heading: str, text: str, seconds: int) -> None:
    from docx.shared import Pt

    doc.add_heading(heading, level=2)
    note = doc.add_paragraph()
    run = note.add_run(
        f"Thời lượng đọc: khoảng {format_duration(seconds)} (nhịp đọc {WORDS_PER_MINUTE} tiếng/phút)"
    )
    run.italic = True
    for para in text.split("\n\n"):
        p = doc.add_paragraph(para.strip())
        p.paragraph_format.space_after = Pt(8)
        p.paragraph_format.first_line_indent = Pt(24)


def radio_docx(script: RadioScript) -> bytes:
    """A .docx to print and read from: the short version first when there is one, then the full one."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    station = doc.add_paragraph()
    station.alignment = WD_ALIGN_PARAGRAPH.CENTER
    station_run = station.add_run(script.station.upper())
    station_run.bold = True
    title = doc.add_heading("BẢN TIN", level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subject = doc.add_paragraph()
    subject.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subject_run = subject.add_run(script.title)
    subject_run.bold = True
    if script.short_text and script.short_seconds:
        _section(doc, "Bản rút gọn", script.short_text, script.short_seconds)
        doc.add_page_break()
        _section(doc, "Bản đầy đủ", script.text, script.seconds)
    else:
        _section(doc, "Nội dung", script.text, script.seconds)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
