"""An invoice file's rows read as invoices: one row per line, grouped by `invoice_ref`.

The invoice's own fields come from its first row (repeated, they must agree); customers and
items may be named by their codes, looked up by the caller beforehand (`named_codes`), and then
filled in as `createInvoice` fills in `customerPartyId` and `itemId`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace

from hisab.invoicing.application.import_rows import (
    Cells,
    Columns,
    Found,
    ImportRejectedError,
    Table,
    TableRow,
    check_columns,
)
from hisab.invoicing.domain.draft import InvoiceDraft, LineInput, ValidDraft, validate_draft
from hisab.invoicing.domain.references import RegisteredItem, RegisteredParty, fill_from_masters
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.vat import RateTable, VATCategory

INVOICE_HEADER_COLUMNS = ("invoice_ref", "vendor_id", "customer_code", "customer_id", "invoice_date", "due_date",
                          "vendor_tin", "vendor_bin", "customer_tin", "customer_bin", "buyer_name", "buyer_address",
                          "delivery_destination")  # fmt: skip
# A customer is named by `customer_code` (a registered party) or `customer_id` (free text), a line's
# goods by `item_code` or by its own description and price: which is missing is a row's error.
INVOICE_COLUMNS = Columns(
    required=("invoice_ref", "vendor_id", "invoice_date", "due_date", "quantity"),
    optional=("customer_code", "customer_id", "vendor_tin", "vendor_bin", "customer_tin", "customer_bin",
              "buyer_name", "buyer_address", "delivery_destination", "item_code", "description", "unit_price",
              "currency", "vat_category", "vat_rate", "supplementary_duty_rate", "advance_income_tax_rate",
              "hs_code", "service_code", "unit_of_supply"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class InvoiceRecord:
    """One invoice of the file: its reference, the rows of its lines, and the validated draft."""

    ref: str
    rows: tuple[int, ...]
    draft: ValidDraft


@dataclass(frozen=True, slots=True)
class Masters:
    """The registered parties and items an invoice file names, by code, and the tenant's rule on customers."""

    customers: Mapping[str, RegisteredParty]
    items: Mapping[str, RegisteredItem]
    registered_customer_required: bool = False


def named_codes(table: Table) -> tuple[set[str], set[str]]:
    """The customer codes and item codes an invoice file names, to look up before `read_invoices`."""
    cells = [row.cells for row in table.rows]
    return {c["customer_code"] for c in cells if "customer_code" in c}, {
        c["item_code"] for c in cells if "item_code" in c
    }


def read_invoices(table: Table, rates: RateTable, masters: Masters) -> list[InvoiceRecord]:
    """The rows grouped by `invoice_ref` into valid invoices, in the order each first appears."""
    check_columns(table, INVOICE_COLUMNS)
    found, records = Found(), []
    groups: dict[str, list[TableRow]] = {}
    for row in table.rows:
        ref = row.cells.get("invoice_ref", "")
        if not ref:
            found.add(row.number, "invoice_ref", "required", "invoice_ref must not be empty")
            continue
        groups.setdefault(ref, []).append(row)
    for ref, rows in groups.items():
        record = _invoice(ref, rows, rates, masters, found)
        if record is not None:
            records.append(record)
    if found.errors:
        raise ImportRejectedError(found.errors)
    return records


def _invoice(ref: str, rows: list[TableRow], rates: RateTable, masters: Masters, found: Found) -> InvoiceRecord | None:
    first = rows[0]
    for row in rows[1:]:
        for column in INVOICE_HEADER_COLUMNS:
            value = row.cells.get(column)
            if value is not None and value != first.cells.get(column):
                message = f"{column} differs from row {first.number}, the first row of invoice {ref}"
                found.add(row.number, column, "same_for_invoice", message)
    cells = Cells(first, found)
    customer_code = cells.text("customer_code")
    customer = masters.customers.get(customer_code) if customer_code else None
    lines = [_line(Cells(row, found), masters) for row in rows]
    draft = InvoiceDraft(
        vendor_id=cells.required_text("vendor_id"), customer_id=cells.required_text("customer_id"),
        customer_party_id=_reference(customer_code, customer.party_id if customer else None),
        invoice_date=cells.date("invoice_date"), due_date=cells.date("due_date"), lines=tuple(lines),
        vendor_tin=cells.text("vendor_tin"), vendor_bin=cells.text("vendor_bin"),
        customer_tin=cells.text("customer_tin"), customer_bin=cells.text("customer_bin"),
        buyer_name=cells.text("buyer_name"), buyer_address=cells.text("buyer_address"),
        delivery_destination=cells.text("delivery_destination"),
    )  # fmt: skip
    if {(first.number, "invoice_date"), (first.number, "due_date")} & found.broken:
        return None  # the dates decide the rates and the numbering: nothing more is checked without them
    items = {item.item_id: item for item in masters.items.values()}
    resolved = fill_from_masters(
        draft, customer, items, registered_customer_required=masters.registered_customer_required
    )
    try:
        valid = validate_draft(resolved.draft, rates, prior=resolved.violations)
    except InvalidInputError as error:
        cells.absorb(_by_code(error, customer_code), functools.partial(_invoice_cell, rows=rows))
        return None
    return InvoiceRecord(ref, tuple(row.number for row in rows), valid)


def _line(cells: Cells, masters: Masters) -> LineInput:
    """A line as given; blanks left for its item (when it names one) to fill."""
    item_code = cells.text("item_code")
    item = masters.items.get(item_code) if item_code else None
    return LineInput(
        description=cells.text("description"), quantity=cells.required_decimal("quantity"),
        unit_price=cells.decimal("unit_price"), currency=cells.text("currency") or "BDT",
        vat_category=cells.choice("vat_category", VATCategory),
        vat_rate=cells.decimal("vat_rate"), supplementary_duty_rate=cells.decimal("supplementary_duty_rate"),
        advance_income_tax_rate=cells.decimal("advance_income_tax_rate"), hs_code=cells.text("hs_code"),
        service_code=cells.text("service_code"), unit_of_supply=cells.text("unit_of_supply"),
        item_id=_reference(item_code, item.item_id if item else None),
    )  # fmt: skip


# The id a code stands for when no party or item has it: the masters' check then reports it as
# unknown, under the code's column (see `_invoice_cell`), as a wrong id is reported over GraphQL.
_UNKNOWN_CODE = "code "


def _by_code(error: InvalidInputError, customer_code: str | None) -> InvalidInputError:
    """An unknown customer is named by the code the file gave, not by the id it stood for."""
    return InvalidInputError(
        [
            replace(v, message=f"no party has the code {customer_code}") if v.rule == "unknown_party" else v
            for v in error.violations
        ]
    )


def _reference(code: str | None, found_id: str | None) -> str | None:
    if code is None:
        return None
    return found_id if found_id is not None else f"{_UNKNOWN_CODE}{code}"


def _invoice_cell(path: str, rows: list[TableRow]) -> tuple[int, str]:
    """`lines[2].quantity` is the third line's row; the invoice's own fields are on its first row."""
    if path.startswith("lines[") and "]." in path:
        index, column = path.removeprefix("lines[").split("].", 1)
        return rows[int(index)].number, _CODE_COLUMNS.get(column, column)
    if path == "lines":
        return rows[0].number, "invoice_ref"
    return rows[0].number, _CODE_COLUMNS.get(path, path)


# The draft's references to the masters are the file's code columns.
_CODE_COLUMNS = {"customer_party_id": "customer_code", "item_id": "item_code"}
