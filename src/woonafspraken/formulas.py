"""User text in exports stays text: nothing a spreadsheet opens runs as a formula.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken
for a formula (or for a DDE command) by Excel and LibreOffice when it arrives as plain text.
Every exporter passes user text through this module:

- CSV: :func:`for_csv` puts an apostrophe in front of such text (the OWASP advice; the
  spreadsheet then shows the text, the apostrophe marks it as typed-in text).
- Excel: :func:`as_text` marks the cell as text with Excel's own "quote prefix", so the text
  is shown and read back unchanged, also after someone edits the cell.

Pure Python, no Django: the rules package uses it too.
"""

from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value[:1] in TRIGGERS


def for_csv(value: Any) -> Any:
    """Text that a spreadsheet would run gets a leading apostrophe; anything else is kept."""
    return "'" + value if is_formula_like(value) else value


def as_text(cell: Any) -> Any:
    """Make an openpyxl cell (also a write-only cell) that holds text keep it as text."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if is_formula_like(cell.value):
            cell.quotePrefix = True
    return cell
