"""A register as the table a download shows: its columns in the form's order, each cell of a known kind.

The writers (CSV, XLSX, PDF) take only this: the words are already in the report's language, the
amounts exact and signed as the register counts them. An identifier column prints the BIN when there
is one, else the NID.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from hisab.formatting.money import localized
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.identifiers import format_bin
from hisab.kernel.language import Language
from hisab.vat_return.adapters.reports.labels import TITLES, WORDS, remarks_text
from hisab.vat_return.application.register_views import RegisterPage, RegisterRow
from hisab.vat_return.domain.entries import Register


class CellKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"  # a serial: a whole number
    DATE = "date"
    QUANTITY = "quantity"
    AMOUNT = "amount"


Cell = str | int | Decimal | date | None


@dataclass(frozen=True, slots=True)
class Column:
    # The column's name, which the PDF's stylesheet sizes it by (document numbers are never broken).
    name: str
    header: str
    kind: CellKind


@dataclass(frozen=True, slots=True)
class RegisterTable:
    language: Language
    register: Register
    title: str
    period: str
    notes: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    # The totals row: a cell under each amount column, the word "Total" first.
    totals: tuple[Cell, ...]
    # Without extension: purchase-register-2026-07-01-to-2026-09-30, …-bn in Bengali.
    filename: str
    page: str
    of: str


_TEXT, _NUMBER, _DATE, _QUANTITY, _AMOUNT = (CellKind.TEXT, CellKind.NUMBER, CellKind.DATE, CellKind.QUANTITY,
                                             CellKind.AMOUNT)  # fmt: skip
_PURCHASE_COLUMNS = (
    ("serial", _NUMBER), ("date", _DATE), ("bill_number", _TEXT), ("bill_date", _DATE), ("supplier", _TEXT),
    ("supplier_address", _TEXT), ("supplier_id", _TEXT), ("purchase_description", _TEXT), ("code", _TEXT),
    ("purchase_quantity", _QUANTITY), ("purchase_value", _AMOUNT), ("purchase_duty", _AMOUNT),
    ("purchase_vat", _AMOUNT), ("creditable", _AMOUNT), ("remarks", _TEXT),
)  # fmt: skip
_SALES_COLUMNS = (
    ("serial", _NUMBER), ("date", _DATE), ("buyer", _TEXT), ("buyer_address", _TEXT), ("buyer_id", _TEXT),
    ("invoice_number", _TEXT), ("invoice_date", _TEXT), ("sale_description", _TEXT), ("code", _TEXT),
    ("sale_quantity", _QUANTITY), ("sale_value", _AMOUNT), ("sale_duty", _AMOUNT), ("sale_vat", _AMOUNT),
    ("remarks", _TEXT),
)  # fmt: skip
_FILENAMES = {Register.PURCHASES: "purchase-register", Register.SALES: "sales-register"}


def identifier(row: RegisterRow) -> str | None:
    """The BIN (written #########-####) when there is one, else the NID."""
    if row.bin:
        return format_bin(row.bin) if len(row.bin) == 13 and row.bin.isdigit() else row.bin
    return row.nid


def issued(moment: datetime | None, day: date, language: Language) -> str:
    """The sales register's date and time of issue, in Dhaka: 20/01/2025 14:30."""
    if moment is None:
        return localized(day.strftime("%d/%m/%Y"), language)
    return localized(moment.astimezone(BANGLADESH_TIME).strftime("%d/%m/%Y %H:%M"), language)


def register_table(page: RegisterPage, language: Language) -> RegisterTable:
    words = WORDS[language]
    purchases = page.register is Register.PURCHASES
    laid_out = _PURCHASE_COLUMNS if purchases else _SALES_COLUMNS
    columns = tuple(Column(name, words[name], kind) for name, kind in laid_out)
    rows = tuple(_purchase(row, language) if purchases else _sale(row, language) for row in page.rows)
    totals = page.totals
    amounts: tuple[Cell, ...] = (totals.value, totals.supplementary_duty, totals.vat)
    if purchases:
        amounts += (totals.creditable_vat,)
    blanks: tuple[Cell, ...] = (None,) * (len(columns) - len(amounts) - 2)
    start, end = (localized(day.strftime("%d/%m/%Y"), language) for day in (page.start, page.end))
    days = f"{page.start.isoformat()}-to-{page.end.isoformat()}"
    return RegisterTable(
        language=language,
        register=page.register,
        title=TITLES[language][page.register],
        period=words["period"].format(start=start, end=end),
        notes=(words["in_taka"], words["stock"]),
        columns=columns,
        rows=rows,
        totals=(words["total"], *blanks, *amounts, None),
        filename=f"{_FILENAMES[page.register]}-{days}" + ("" if language is Language.EN else f"-{language.value}"),
        page=words["page"],
        of=words["of"],
    )


def _purchase(row: RegisterRow, language: Language) -> tuple[Cell, ...]:
    return (
        row.serial, row.entry_date, row.document_number, row.document_date, row.counterparty_name,
        row.counterparty_address, identifier(row), row.description, row.code, row.quantity, row.value,
        row.supplementary_duty, row.vat, row.creditable_vat, remarks_text(row.remarks, language),
    )  # fmt: skip


def _sale(row: RegisterRow, language: Language) -> tuple[Cell, ...]:
    return (
        row.serial, row.entry_date, row.counterparty_name, row.counterparty_address, identifier(row),
        row.document_number, issued(row.issued_at, row.document_date, language), row.description, row.code,
        row.quantity, row.value, row.supplementary_duty, row.vat, remarks_text(row.remarks, language),
    )  # fmt: skip
