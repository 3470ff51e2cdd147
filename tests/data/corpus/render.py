"""Render the corpus sources to the files an office would send: .txt as is, .docx, .pdf.

A `.src` file has sections `[left]` / `[right]` (the two header columns), `[body]` (one paragraph a
line), `[footer-left]` / `[footer-right]` (Nơi nhận / signature) and optionally `[options]`
(`layout: stacked` prints the PDF header columns one after the other instead of side by side).
In a PDF the columns are drawn row by row in one text object, as Word's PDF export does, so a
text extractor runs the left and the right cell of a row together on one line.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SECTIONS = ("options", "left", "right", "body", "footer-left", "footer-right")


def read_source(path: Path) -> dict[str, list[str]]:
    parts: dict[str, list[str]] = {name: [] for name in SECTIONS}
    current = "body"
    for raw in path.read_text(encoding="utf-8").split("\n"):
        line = raw.rstrip()
        if line.startswith("[") and line.endswith("]") and line[1:-1] in SECTIONS:
            current = line[1:-1]
            continue
        parts[current].append(line)
    for name in SECTIONS:
        while parts[name] and not parts[name][-1]:
            parts[name].pop()
    return parts


def render_docx(parts: dict[str, list[str]]) -> bytes:
    from docx import Document

    doc = Document()

    def fill(cell, lines: list[str]) -> None:  # type: ignore[no-untyped-def]
        para = cell.paragraphs[0]
        first = True
        for line in lines:
            if not line:
                continue
            if first:
                para.add_run(line)
                first = False
            elif line[0].islower():
                # a continued line (V/v over two lines) is a line break inside the same paragraph
                run = para.add_run()
                run.add_break()
                para.add_run(line)
            else:
                para = cell.add_paragraph(line)

    table = doc.add_table(rows=1, cols=2)
    fill(table.rows[0].cells[0], parts["left"])
    fill(table.rows[0].cells[1], parts["right"])
    for line in parts["body"]:
        if line:
            doc.add_paragraph(line)
    if parts["footer-left"] or parts["footer-right"]:
        footer = doc.add_table(rows=1, cols=2)
        fill(footer.rows[0].cells[0], parts["footer-left"])
        fill(footer.rows[0].cells[1], parts["footer-right"])
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _wrap(text: str, width: float, size: float) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and stringWidth(trial, "DejaVu", size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def render_pdf(parts: dict[str, list[str]]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVu" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    size, lead, top, bottom = 11.0, 15.0, 800.0, 60.0
    stacked = any(o.replace(" ", "") == "layout:stacked" for o in parts["options"])
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    state = {"y": top, "page": 1}
    text = c.beginText()
    text.setFont("DejaVu", size)

    def new_page() -> None:
        nonlocal text
        c.drawText(text)
        c.showPage()
        state["page"] += 1
        text = c.beginText()
        text.setFont("DejaVu", size)
        label = str(state["page"])
        text.setTextOrigin(297 - stringWidth(label, "DejaVu", size) / 2, 815)
        text.textOut(label)
        state["y"] = top - lead

    def row(cells: list[tuple[float, str, bool]]) -> None:
        if state["y"] < bottom:
            new_page()
        for x, line, centred in cells:
            if line:
                left = x - stringWidth(line, "DejaVu", size) / 2 if centred else x
                text.setTextOrigin(left, state["y"])
                text.textOut(line)
        state["y"] -= lead

    def columns(left: list[str], right: list[str], centred_left: bool) -> None:
        if stacked:
            for line in left:
                row([(170, line, True)])
            for line in right:
                row([(420, line, True)])
            return
        for i in range(max(len(left), len(right))):
            a = left[i] if i < len(left) else ""
            b = right[i] if i < len(right) else ""
            row([(170 if centred_left else 70, a, centred_left), (420, b, True)])

    columns(parts["left"], parts["right"], True)
    state["y"] -= lead
    for para in parts["body"]:
        if not para:
            continue
        for line in _wrap(para, 460, size):
            row([(70, line, False)])
    state["y"] -= lead
    columns(parts["footer-left"], parts["footer-right"], False)
    c.drawText(text)
    c.showPage()
    c.save()
    return buf.getvalue()


def materialise(dest: Path) -> dict[str, Path]:
    """Write every corpus document into `dest` in its final format; returns name → path."""
    dest.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    for src in sorted(CORPUS_DIR.iterdir()):
        if src.suffix == ".txt":
            target = dest / src.name
            shutil.copyfile(src, target)
        elif src.suffix == ".src":
            name = src.name[: -len(".src")]
            target = dest / name
            parts = read_source(src)
            if name.endswith(".docx"):
                target.write_bytes(render_docx(parts))
            elif name.endswith(".pdf"):
                target.write_bytes(render_pdf(parts))
            else:
                raise ValueError(f"unknown target format: {src.name}")
        else:
            continue
        out[target.name] = target
    return out
