"""A corpus of 26 công văn written for the parser tests (not seen while the parser was tuned first).

`*.txt` are used as they are; `*.docx.src` / `*.pdf.src` are rendered to Word and PDF files by
`render.py` (a two-column header table in Word; header columns running together on one line in
PDF). `gold.json` holds the fields a careful reader takes from each document, and `score.py`
compares a parse with them.
"""
