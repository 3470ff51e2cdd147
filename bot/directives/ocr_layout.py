"""Tesseract's TSV output as plain text, keeping side-by-side columns apart (the header and the foot of a
công văn are two columns). Pure: no Tesseract here (see `bot.directives.ocr`)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

__all__ = ["layout_text"]


@dataclass(slots=True)
class _Line:
    paragraph: tuple[int, int, int]
    segments: list[tuple[int, int, str]]  # (left, right, text): runs of words split at wide gaps
    top: int
    height: int


def _lines(tsv: str) -> list[_Line]:
    """Tesseract's TSV words grouped into lines, each cut where a gap is much wider than a space."""
    grouped: dict[tuple[int, int, int, int], list[tuple[int, int, int, int, str]]] = {}
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        try:
            page, block, par, line, _, left, top, width, height = (int(c) for c in cells[1:10])
        except ValueError:
            continue
        grouped.setdefault((page, block, par, line), []).append((left, top, width, height, cells[11].strip()))
    lines = []
    for (page, block, par, _), words in grouped.items():
        words.sort()
        heights = sorted(w[3] for w in words)
        gap_limit = 3 * max(heights[len(heights) // 2], 8)
        segments: list[tuple[int, int, str]] = []
        for left, _, width, _, text in words:
            if segments and left - segments[-1][1] <= gap_limit:
                start, _, joined = segments[-1]
                segments[-1] = (start, left + width, f"{joined} {text}")
            else:
                segments.append((left, left + width, text))
        top = min(w[1] for w in words)
        lines.append(_Line((page, block, par), segments, top, max(heights)))
    return lines


def layout_text(tsv: str) -> str:
    """Plain text from Tesseract's TSV, keeping side-by-side columns apart.

    A công văn's header is two columns (issuer and number on the left, the national motto, place
    and date on the right), and so is its foot (Nơi nhận | signature). Tesseract reads such rows
    straight across; here rows split by a wide gap are gathered, with the short lines close under
    them that stay within one column, and written column by column, as a Word table is read.
    Other lines keep Tesseract's paragraphs (a blank line between two).
    """
    lines = _lines(tsv)
    out: list[str] = []
    i = 0
    previous: tuple[int, int, int] | None = None
    while i < len(lines):
        line = lines[i]
        if len(line.segments) < 2:
            if previous is not None and line.paragraph != previous and out and out[-1]:
                out.append("")
            out.append(line.segments[0][2])
            previous = line.paragraph
            i += 1
            continue
        bounds = [(a[1] + b[0]) // 2 for a, b in itertools.pairwise(line.segments)]
        columns: dict[int, list[str]] = {}
        last = line
        while i < len(lines):
            row = lines[i]
            if row is not line and row.top - (last.top + last.height) > 2.5 * last.height:
                break
            slots = [sum(1 for b in bounds if b < left) for left, _, _ in row.segments]
            if any(
                sum(1 for b in bounds if b < right) != slot
                for (_, right, _), slot in zip(row.segments, slots, strict=True)
            ):
                break  # a segment crosses a column boundary: the columns are over
            for (_, _, text), slot in zip(row.segments, slots, strict=True):
                columns.setdefault(slot, []).append(text)
            last = row
            i += 1
        for slot in sorted(columns):
            if out and out[-1]:
                out.append("")
            out.extend(columns[slot])
        out.append("")
        previous = None
    return "\n".join(out).strip() + "\n"
