"""A report as CSV: one header row in the report's language, then its rows, amounts as plain decimals.

The amounts are written exactly and without grouping (575000.00), so that a program reads them
as numbers; the words are for people. A statement's section headings are not rows here: each
row names its section in a first column instead, so that every row stands on its own.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from hisab.kernel.money import round_to_paisa
from hisab.ledger.adapters.reports.tables import ReportTable, RowStyle

MEDIA_TYPE = "text/csv; charset=utf-8"
# Excel takes a CSV without a byte-order mark for its own legacy code page and garbles Bengali.
_BYTE_ORDER_MARK = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet (OWASP's CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_bytes(table: ReportTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    sectioned = table.section_header is not None
    writer.writerow([*([table.section_header] if sectioned else []), *table.headers])
    for row in table.rows:
        if row.style is RowStyle.HEADING:
            continue
        texts = [row.section] if sectioned else []
        texts += [row.code, row.label]
        writer.writerow([*(_text(text) for text in texts), *(_plain(amount) for amount in row.amounts)])
    return (_BYTE_ORDER_MARK + buffer.getvalue()).encode()


def _plain(amount: Decimal) -> str:
    return f"{round_to_paisa(amount):f}"


def _text(text: str) -> str:
    """A name that a spreadsheet would run as a formula is written as text, behind an apostrophe."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text
