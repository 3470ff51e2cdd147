"""Builders of test documents: .docx with python-docx, .pdf with reportlab (a text layer or none)."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

_FONTS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
]


def make_docx(paragraphs: list[str], header: tuple[list[str], list[str]] | None = None) -> bytes:
    """A Word document; `header` puts (left, right) cell lines in a two-column table first, as real ones do."""
    doc = Document()
    if header:
        table = doc.add_table(rows=1, cols=2)
        for cell, lines in zip(table.rows[0].cells, header, strict=True):
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    for para in paragraphs:
        doc.add_paragraph(para)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _font() -> str:
    for path in _FONTS:
        if path.exists():
            if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("DejaVu", str(path)))
            return "DejaVu"
    raise RuntimeError("DejaVuSans.ttf is needed to draw Vietnamese text (apt-get install fonts-dejavu-core)")


def make_pdf(lines: list[str] | None) -> bytes:
    """A PDF with the lines as its text layer, or (lines=None) a 'scan': drawing only, no text."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    if lines is None:
        for i in range(40):
            c.rect(40 + i * 5, 400 + (i % 7) * 9, 30, 12, fill=1)
    else:
        c.setFont(_font(), 10)
        y = 800
        for line in lines:
            if y < 60:
                c.showPage()
                c.setFont(_font(), 10)
                y = 800
            c.drawString(40, y, line)
            y -= 14
    c.showPage()
    c.save()
    return buf.getvalue()
