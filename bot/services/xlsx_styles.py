"""The cell styles of bot/services/xlsx_stream.py: Times New Roman, thin borders, the header fill,
dd/mm/yyyy dates and times, percentages, links; `STYLES` is the package's styles.xml."""

from __future__ import annotations

from enum import IntEnum

__all__ = ["STYLES", "S"]


class S(IntEnum):
    """Cell styles (indexes into styles.xml's cellXfs)."""

    PLAIN = 0
    HEADER = 1  # bold, filled, bordered, wrapped, centred
    TEXT = 2  # bordered, wrapped
    INT = 3  # bordered, centred
    DATE = 4  # dd/mm/yyyy
    DATETIME = 5  # dd/mm/yyyy hh:mm
    PERCENT = 6  # 0.0%
    LINK = 7  # blue, underlined
    TITLE = 8  # bold 14, centred
    BOLD_CENTER = 9
    ITALIC_CENTER = 10
    TOTAL_TEXT = 11
    TOTAL_INT = 12
    TOTAL_PERCENT = 13
    CENTER = 14
    TEXT_CENTER = 15  # bordered, centred text (STT, statuses)
    BOLD = 16


_FONT = '<font><sz val="{size}"/>{extra}<name val="Times New Roman"/><family val="1"/></font>'
_FONTS = [
    _FONT.format(size=12, extra=""),
    _FONT.format(size=12, extra="<b/>"),
    _FONT.format(size=14, extra="<b/>"),
    _FONT.format(size=12, extra="<i/>"),
    _FONT.format(size=12, extra='<u/><color rgb="FF0563C1"/>'),
]
_BORDER = '<left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/>'
_WRAP_TOP = '<alignment vertical="top" wrapText="1"/>'
_CENTER = '<alignment horizontal="center" vertical="top"/>'
_CENTER_WRAP = '<alignment horizontal="center" vertical="center" wrapText="1"/>'


def _xf(num: int = 0, font: int = 0, fill: int = 0, border: int = 0, align: str = "") -> str:
    flags = (
        (' applyNumberFormat="1"' if num else "")
        + (' applyFont="1"' if font else "")
        + (' applyFill="1"' if fill else "")
        + (' applyBorder="1"' if border else "")
        + (' applyAlignment="1"' if align else "")
    )
    body = f">{align}</xf>" if align else "/>"
    return f'<xf numFmtId="{num}" fontId="{font}" fillId="{fill}" borderId="{border}" xfId="0"{flags}{body}'


_XFS = {
    S.PLAIN: _xf(),
    S.HEADER: _xf(font=1, fill=2, border=1, align=_CENTER_WRAP),
    S.TEXT: _xf(border=1, align=_WRAP_TOP),
    S.INT: _xf(border=1, align=_CENTER),
    S.DATE: _xf(num=164, border=1, align=_CENTER),
    S.DATETIME: _xf(num=165, border=1, align=_CENTER),
    S.PERCENT: _xf(num=166, border=1, align=_CENTER),
    S.LINK: _xf(font=4, border=1, align=_WRAP_TOP),
    S.TITLE: _xf(font=2, align=_CENTER_WRAP),
    S.BOLD_CENTER: _xf(font=1, align=_CENTER_WRAP),
    S.ITALIC_CENTER: _xf(font=3, align=_CENTER_WRAP),
    S.TOTAL_TEXT: _xf(font=1, border=1, align=_WRAP_TOP),
    S.TOTAL_INT: _xf(font=1, border=1, align=_CENTER),
    S.TOTAL_PERCENT: _xf(num=166, font=1, border=1, align=_CENTER),
    S.CENTER: _xf(align=_CENTER_WRAP),
    S.TEXT_CENTER: _xf(border=1, align=_CENTER_WRAP),
    S.BOLD: _xf(font=1),
}
assert list(_XFS) == list(S)

STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
    '<numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/><numFmt numFmtId="166" formatCode="0.0%"/></numFmts>'
    f'<fonts count="{len(_FONTS)}">{"".join(_FONTS)}</fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>'
    f'<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>{_BORDER}</border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    f'<cellXfs count="{len(_XFS)}">{"".join(_XFS.values())}</cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
