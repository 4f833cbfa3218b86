"""A report as an Excel workbook: the words, then the table with amounts as numbers.

Amounts are numeric cells (a Decimal is written exactly as it prints), formatted in lakh and
crore, so that a reader can add them up; totals are bold. Text is always a text cell: openpyxl
would otherwise store an account named "=..." as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from hisab.ledger.adapters.reports.tables import ReportTable, Row, RowStyle

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel and LibreOffice group the digits by the reader's locale: in lakh and crore where that is
# Bangladesh's or India's; the pattern is the one Hisab prints with (hisab.formatting.money).
AMOUNT_FORMAT = "#,##,##0.00"
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_WIDTHS = {"code": 10, "account": 44, "amount": 18}
# Characters Excel refuses in a sheet's name, and the length it allows.
_NOT_IN_SHEET_NAMES = str.maketrans({character: " " for character in "[]:*?/\\"})
_SHEET_NAME_LENGTH = 31


def xlsx_bytes(table: ReportTable) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has its one sheet
    sheet.title = table.title.translate(_NOT_IN_SHEET_NAMES)[:_SHEET_NAME_LENGTH]
    _write_heading(sheet, table)
    header_row = sheet.max_row + 2
    _write_row(sheet, header_row, table.headers, font=_BOLD)
    for offset, row in enumerate(table.rows, start=1):
        _write_table_row(sheet, header_row + offset, row)
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.column_dimensions["A"].width = _WIDTHS["code"]
    sheet.column_dimensions["B"].width = _WIDTHS["account"]
    for column in range(3, 3 + len(table.amount_headers)):
        sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS["amount"]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_heading(sheet: Worksheet, table: ReportTable) -> None:
    lines = [table.period, *([table.project] if table.project else []), table.in_taka]
    lines += [table.status] if table.status else []
    _text_cell(_cell(sheet, 1, 1), table.title).font = _TITLE
    for number, line in enumerate(lines, start=2):
        _text_cell(_cell(sheet, number, 1), line)


def _write_table_row(sheet: Worksheet, number: int, row: Row) -> None:
    if row.style is RowStyle.HEADING:
        _text_cell(_cell(sheet, number, 2), row.label).font = _BOLD
        return
    font = _BOLD if row.style is RowStyle.TOTAL else None
    _write_row(sheet, number, (row.code, row.label, *row.amounts), font=font)


def _write_row(sheet: Worksheet, number: int, values: Sequence[str | Decimal], *, font: Font | None) -> None:
    for column, value in enumerate(values, start=1):
        cell = _cell(sheet, number, column)
        if isinstance(value, Decimal):
            cell.value = value
            cell.number_format = AMOUNT_FORMAT
        else:
            _text_cell(cell, value)
            if column > 2:  # a header over an amount column
                cell.alignment = Alignment(horizontal="right", wrap_text=True)
        if font is not None:
            cell.font = font


def _cell(sheet: Worksheet, row: int, column: int) -> Cell:
    cell = sheet.cell(row, column)
    assert isinstance(cell, Cell)  # nothing is merged in a report's sheet
    return cell


def _text_cell(cell: Cell, text: str) -> Cell:
    cell.value = text
    cell.data_type = "s"
    return cell
