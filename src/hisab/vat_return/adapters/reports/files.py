"""A register written as CSV, as an Excel workbook or as a landscape PDF.

CSV is UTF-8 with a byte-order mark (Excel reads a CSV without one in its legacy code page and garbles
Bengali), dates ISO-8601 and amounts plain decimals, so that a program reads them; a cell a spreadsheet
would run as a formula is written behind an apostrophe (OWASP's CSV injection). The workbook keeps
amounts as numbers in lakh-and-crore format and dates as dates. The PDF is laid out by WeasyPrint with
the fonts the Mushak forms ship (their directory is handed in by the app: the VAT return reads no
invoicing adapter), and a Bengali register writes every digit of its dates, serials and amounts in Bengali.
"""

from __future__ import annotations

import csv
import io
import threading
from datetime import date
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from openpyxl import Workbook
from openpyxl.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from hisab.edge.fonts import css_string, font_faces_css
from hisab.formatting.money import format_number, format_quantity, localized
from hisab.kernel.language import Language
from hisab.kernel.money import round_to_paisa
from hisab.vat_return.adapters.reports.tables import Cell, CellKind, RegisterTable

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_MEDIA_TYPE = "application/pdf"
TEMPLATES = Path(__file__).parent / "templates"
_BYTE_ORDER_MARK = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The pattern Hisab prints amounts with (hisab.formatting.money): lakh and crore where the reader's locale groups so.
_AMOUNT_FORMAT = "#,##,##0.00"
_DATE_FORMAT = "DD/MM/YYYY"
_BOLD = Font(bold=True)
_WIDTHS = {CellKind.TEXT: 24, CellKind.NUMBER: 7, CellKind.DATE: 11, CellKind.QUANTITY: 10, CellKind.AMOUNT: 16}
_NOT_IN_SHEET_NAMES = str.maketrans({character: " " for character in "[]:*?/\\"})


def csv_bytes(table: RegisterTable) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.header for column in table.columns])
    for row in (*table.rows, table.totals):
        writer.writerow([_csv_cell(cell) for cell in row])
    return (_BYTE_ORDER_MARK + buffer.getvalue()).encode()


def _csv_cell(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return f"{round_to_paisa(cell):f}" if cell == round_to_paisa(cell) else f"{cell:f}"
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, int):
        return str(cell)
    return f"'{cell}" if cell.startswith(_FORMULA_STARTS) else cell


def xlsx_bytes(table: RegisterTable) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has its one sheet
    sheet.title = table.title.translate(_NOT_IN_SHEET_NAMES)[:31]
    heading = [table.title, table.period, *table.notes]
    for number, text in enumerate(heading, start=1):
        _text(sheet.cell(number, 1), text).font = _BOLD if number == 1 else Font()
    header_row = len(heading) + 2
    for index, column in enumerate(table.columns, start=1):
        cell = _text(sheet.cell(header_row, index), column.header)
        cell.font = _BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS[column.kind]
    for offset, row in enumerate((*table.rows, table.totals), start=1):
        for index, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            written = sheet.cell(header_row + offset, index)
            assert isinstance(written, SheetCell)  # nothing is merged in a register's sheet
            _xlsx_cell(written, value, column.kind)
            if row is table.totals:
                written.font = _BOLD
    sheet.freeze_panes = f"A{header_row + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(cell: SheetCell, value: Cell, kind: CellKind) -> None:
    if value is None:
        return
    if isinstance(value, str):
        _text(cell, value)  # a text cell always: openpyxl would store "=..." as a formula
        return
    cell.value = value
    if kind is CellKind.AMOUNT:
        cell.number_format = _AMOUNT_FORMAT
    elif kind is CellKind.DATE:
        cell.number_format = _DATE_FORMAT


def _text(cell: object, text: str) -> SheetCell:
    assert isinstance(cell, SheetCell)
    cell.value = text
    cell.data_type = "s"
    return cell


class RegisterPdfWriter:
    """Lays out either register; safe to share between threads."""

    def __init__(self, fonts_directory: Path) -> None:
        self._fonts_directory = fonts_directory
        environment = Environment(
            loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), auto_reload=False
        )
        environment.filters["css_string"] = css_string
        self._template = environment.get_template("register.html")
        # Pango's font map is not safe to share between threads that lay out at the same time.
        self._lock = threading.Lock()

    @cached_property
    def _style(self) -> tuple[FontConfiguration, CSS]:
        """Fonts and stylesheet are loaded once: loading them per report costs more than the layout."""
        faces = font_faces_css(lambda file: (self._fonts_directory / file).as_uri())
        fonts = FontConfiguration()
        stylesheet = (TEMPLATES / "register.css").read_text()
        return fonts, CSS(string=faces + "\n" + stylesheet, font_config=fonts)

    def html(self, table: RegisterTable) -> str:
        language = table.language

        def shown(value: Cell, kind: CellKind) -> str:
            if value is None:
                return ""
            if isinstance(value, Decimal):
                if kind is CellKind.QUANTITY:
                    return format_quantity(value, language)
                return format_number(value, language)
            if isinstance(value, date):
                return localized(value.strftime("%d/%m/%Y"), language)
            if isinstance(value, int):
                return localized(str(value), language)
            return value

        return self._template.render(table=table, shown=shown, bengali_counters=language is Language.BN)

    def render(self, table: RegisterTable) -> bytes:
        page = self.html(table)
        with self._lock:
            fonts, css = self._style
            pdf: bytes = HTML(string=page).write_pdf(stylesheets=[css], font_config=fonts)
        return pdf
