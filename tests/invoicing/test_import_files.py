"""Uploaded files read as tables, and rows read as records: no database, no server."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from hisab.invoicing.adapters.imports.files import XLSX_TYPE, read_table
from hisab.invoicing.application.import_invoice_rows import Masters, read_invoices
from hisab.invoicing.application.import_rows import ImportRejectedError, Table, TableRow, read_parties
from hisab.kernel.errors import InvalidInputError
from tests.builders import RATES

NO_MASTERS = Masters({}, {})


def _rule(error: InvalidInputError) -> str:
    (violation,) = error.violations
    return violation.rule


def _errors(error: ImportRejectedError) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.rule) for e in error.errors]


def test_a_csv_with_a_bom_and_loose_header_reads_with_its_row_numbers() -> None:
    content = "\ufeff Code ,KIND,legal_name\nC-1,CUSTOMER,করিম স্টিল\n,,\nC-2,SUPPLIER,  Rahim  \n".encode()

    table = read_table(content, "text/csv; charset=utf-8")

    assert table.columns == ("code", "kind", "legal_name")
    assert table.rows == (
        TableRow(2, {"code": "C-1", "kind": "CUSTOMER", "legal_name": "করিম স্টিল"}),
        TableRow(4, {"code": "C-2", "kind": "SUPPLIER", "legal_name": "Rahim"}),
    )


def test_cells_beyond_the_header_and_unnamed_columns_are_row_errors() -> None:
    with pytest.raises(ImportRejectedError) as refused:
        read_table(b"code,,kind\nC-1,x,CUSTOMER,extra\n", "text/csv")

    assert _errors(refused.value) == [(1, "column 2", "header"), (2, "kind", "extra_cells")]


def test_workbook_cells_read_as_the_text_a_csv_would_hold() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["code", "rate", "price", "on", "at", "flag", "blank"])
    sheet.append(["R-1", 0.15, 550.0, date(2025, 1, 15), datetime(2025, 1, 15, 9, 30), True, None])
    buffer = io.BytesIO()
    book.save(buffer)

    table = read_table(buffer.getvalue(), "application/octet-stream")

    assert table.rows[0].cells == {
        "code": "R-1", "rate": "0.15", "price": "550", "on": "2025-01-15", "at": "2025-01-15T09:30:00", "flag": "true",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("content", "content_type", "rule"),
    [
        (b"PK\x03\x04 not really a workbook", "", "xlsx"),
        (b"PK\x03\x04 a zip sent as text", "text/csv", "file_format"),
        (b"code,kind\n", XLSX_TYPE, "file_format"),
        (b"code\n", "image/png", "file_format"),
        (b"\n\n", "text/csv", "header"),
    ],
)
def test_what_is_no_csv_or_xlsx_is_refused_by_its_rule(content: bytes, content_type: str, rule: str) -> None:
    with pytest.raises(InvalidInputError) as refused:
        read_table(content, content_type)

    assert _rule(refused.value) == rule


def test_a_repeated_invoice_field_must_agree_with_the_invoice_first_row() -> None:
    columns = ("invoice_ref", "vendor_id", "customer_id", "invoice_date", "due_date", "description", "quantity",
               "unit_price")  # fmt: skip
    first = dict(zip(columns, ("A", "v-1", "c-1", "2025-01-15", "2025-02-15", "Rods", "1", "10"), strict=True))
    rows = (TableRow(2, first), TableRow(3, {**first, "customer_id": "c-2", "quantity": "0"}))

    with pytest.raises(ImportRejectedError) as refused:
        read_invoices(Table(columns, rows), RATES, NO_MASTERS)

    assert _errors(refused.value) == [(3, "customer_id", "same_for_invoice"), (3, "quantity", "positive")]


def test_invoices_come_in_the_order_their_refs_first_appear_with_their_rows() -> None:
    columns = ("invoice_ref", "vendor_id", "customer_id", "invoice_date", "due_date", "description", "quantity",
               "unit_price")  # fmt: skip
    header = {"vendor_id": "v-1", "customer_id": "c-1", "invoice_date": "2025-01-15", "due_date": "2025-02-15"}

    def row(number: int, ref: str, description: str) -> TableRow:
        return TableRow(number, {"invoice_ref": ref, **header, "description": description, "quantity": "2",
                                 "unit_price": "1,250.50"})  # fmt: skip

    records = read_invoices(Table(columns, (row(2, "B", "x"), row(3, "A", "y"), row(4, "B", "z"))), RATES, NO_MASTERS)

    assert [(r.ref, r.rows) for r in records] == [("B", (2, 4)), ("A", (3,))]
    assert [line.description for line in records[0].draft.lines] == ["x", "z"]
    assert records[0].draft.lines[0].unit_price == Decimal("1250.50")


def test_a_party_kind_may_be_both_and_a_blank_boolean_is_false() -> None:
    rows = (TableRow(2, {"code": "C-1", "kind": "customer; Supplier", "legal_name": "Karim"}),)

    (record,) = read_parties(Table(("code", "kind", "legal_name", "withholding_entity"), rows))

    assert [kind.value for kind in record.details.kinds] == ["CUSTOMER", "SUPPLIER"]
    assert record.details.withholding_entity is False
