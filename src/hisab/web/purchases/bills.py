"""Bills received: the list, recording one (lines added and removed in place), and a bill with its credit decisions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import FormData
from starlette.responses import Response

from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.parties import ListParties, list_parties
from hisab.invoicing.application.ports import PartyFilter
from hisab.invoicing.domain.party import PartyKind
from hisab.kernel.cursors import SequenceCursors
from hisab.kernel.errors import InvalidInputError, Violation
from hisab.kernel.vat import VATCategory
from hisab.purchases.application import bills
from hisab.purchases.application.bill_ports import BillFilter
from hisab.purchases.application.dependencies import Purchases
from hisab.purchases.application.payment_dependencies import Payments
from hisab.purchases.application.payment_ports import PayableFilter, PaymentFilter
from hisab.purchases.domain.bills import BillInput, BillLineInput, BillOfEntryInput
from hisab.purchases.domain.events import InputCredit
from hisab.web.pages import Page
from hisab.web.purchases.forms import FormReader

PAGE_SIZE = 20
MAX_LINES = 500
CURSORS = SequenceCursors("bill:")
FORM_FIELDS = ("supplier_party_id", "supplier_invoice_number", "supplier_invoice_date", "received_date", "due_date",
               "reference", "bill_of_entry.number", "bill_of_entry.date", "bill_of_entry.customs_house")  # fmt: skip
LINE_FIELDS = ("description", "item_id", "quantity", "unit", "value", "supplementary_duty", "vat", "vat_category",
               "vat_rate", "input_credit", "account_code")  # fmt: skip


async def bill_list(page: Page) -> Response:
    params = page.request.query_params
    reader = FormReader()
    start = reader.day("from", params.get("from", ""))
    end = reader.day("to", params.get("to", ""))
    search = (params.get("search") or "").strip() or None
    supplier = params.get("supplier") or None
    after = params.get("after")
    errors: dict[str, str] = {}
    found: Any = None
    try:
        if reader.violations:
            raise InvalidInputError(reader.violations)
        filter = BillFilter(supplier, start, end, search)
        found = await bills.list_bills(
            filter, PAGE_SIZE, CURSORS.decode(after) if after else None, page.actor, page.services.get(Purchases)
        )
    except InvalidInputError as error:
        errors = page.field_errors(error, {"filter.to": "to"})
    next_url = None
    if found is not None and found.has_next_page and found.bills:
        query = {k: v for k, v in params.items() if k != "after" and v}
        next_url = "/bills?" + urlencode({**query, "after": CURSORS.encode(found.bills[-1].sequence)})
    return await page.render(
        "bills/list.html", block="results", bills=found.bills if found else [], next_url=next_url, errors=errors,
        filters=dict(params), suppliers=await suppliers(page),
    )  # fmt: skip


async def suppliers(page: Page) -> list[tuple[str, str]]:
    """The tenant's active suppliers, as a select's options."""
    query = ListParties(PartyFilter(kinds=(PartyKind.SUPPLIER,), active=True), first=100)
    found = await list_parties(query, page.actor, page.services.get(Invoicing))
    return [(party.party_id, party.details.legal_name) for party in found.parties]


def _line_indexes(form: Mapping[str, Any]) -> list[int]:
    """The indexes of the lines a form has, in order: a line removed in place leaves a gap."""
    found = {key[6 : key.index("]")] for key in form if key.startswith("lines[") and "]" in key}
    return sorted(int(n) for n in found if n.isdigit())


def _lines_of(form: FormData) -> list[dict[str, str]]:
    """The form's lines, renumbered from 0 so that each error names the line the form shows again."""
    return [{name: str(form.get(f"lines[{n}].{name}", "")) for name in LINE_FIELDS} for n in _line_indexes(form)]


def _typed(line: dict[str, str]) -> bool:
    """Whether the user typed anything on a line (its selects always have a value): an empty line is dropped."""
    return any(value for name, value in line.items() if name not in ("vat_category", "input_credit"))


def _blank_line() -> dict[str, str]:
    return {name: "" for name in LINE_FIELDS} | {"vat_category": "STANDARD", "input_credit": "CLAIM"}


async def new_bill(page: Page) -> Response:
    if page.request.method == "GET":
        return await _bill_form(page, {}, [_blank_line()], {})
    form = await page.form()
    values = {key: str(value) for key, value in form.items() if not key.startswith("lines[")}
    lines = [line for line in _lines_of(form) if _typed(line)]
    try:
        request = _bill_input(values, lines)
        view = await bills.record_bill(bills.RecordBill(request), page.actor, page.services.get(Purchases))
    except bills.DuplicateSupplierInvoiceError as duplicate:
        message = page.t("This supplier's invoice is already recorded as another bill.")
        return await _bill_form(page, values, lines or [_blank_line()], {duplicate.field: message}, status=409)
    except InvalidInputError as error:
        errors = page.field_errors(error)
        return await _bill_form(page, values, lines or [_blank_line()], errors, status=400)
    return page.redirect(f"/bills/{view.bill_id}", flash=page.t("Bill {number} recorded.", number=view.bill_number))


def _bill_input(values: dict[str, str], lines: list[dict[str, str]]) -> BillInput:
    reader = FormReader()
    supplier = reader.text("supplier_party_id", values.get("supplier_party_id", ""), required=True)
    number = reader.text("supplier_invoice_number", values.get("supplier_invoice_number", ""), required=True)
    invoice_date = reader.day("supplier_invoice_date", values.get("supplier_invoice_date", ""), required=True)
    received = reader.day("received_date", values.get("received_date", ""))
    due = reader.day("due_date", values.get("due_date", ""))
    entry = None
    if any(values.get(f"bill_of_entry.{k}") for k in ("number", "date", "customs_house")):
        entry_number = reader.text("bill_of_entry.number", values.get("bill_of_entry.number", ""), required=True)
        entry_date = reader.day("bill_of_entry.date", values.get("bill_of_entry.date", ""), required=True)
        house = reader.text("bill_of_entry.customs_house", values.get("bill_of_entry.customs_house", ""),
                            required=True)  # fmt: skip
        if entry_number and entry_date and house:
            entry = BillOfEntryInput(entry_number, entry_date, house)
    parsed = [_line(n, line, reader) for n, line in enumerate(lines)]
    if not lines:
        reader.violations.append(Violation("lines", "lines", "a bill has at least one line"))
    if reader.violations:
        raise InvalidInputError(reader.violations)
    assert supplier is not None
    assert number is not None
    assert isinstance(invoice_date, date)
    return BillInput(supplier, number, invoice_date, received, tuple(p for p in parsed if p is not None), due,
                     values.get("reference") or None, entry)  # fmt: skip


def _line(n: int, line: dict[str, str], reader: FormReader) -> BillLineInput | None:
    at = f"lines[{n}]"
    description = reader.text(f"{at}.description", line["description"], required=True)
    quantity = reader.decimal(f"{at}.quantity", line["quantity"] or "1")
    value = reader.decimal(f"{at}.value", line["value"], required=True)
    sd = reader.decimal(f"{at}.supplementary_duty", line["supplementary_duty"])
    vat = reader.decimal(f"{at}.vat", line["vat"])
    rate_percent = reader.decimal(f"{at}.vat_rate", line["vat_rate"])
    if description is None or quantity is None or value is None:
        return None
    return BillLineInput(
        description, quantity, value, line["vat_category"] or VATCategory.STANDARD.value,
        rate_percent / 100 if rate_percent is not None else None, sd, vat,
        line["input_credit"] or InputCredit.CLAIM.value, line["item_id"] or None, unit=line["unit"] or None,
        account_code=line["account_code"] or None,
    )  # fmt: skip


async def _bill_form(
    page: Page, values: dict[str, str], lines: list[dict[str, str]], errors: dict[str, str], status: int = 200
) -> Response:
    # htmx swaps no error status into the page: a form shown again with its errors is a 200 to it.
    status = 200 if page.is_htmx else status
    return await page.render(
        "bills/new.html", block="bill_form", status=status, values=values, lines=lines, errors=errors,
        suppliers=await suppliers(page), categories=_categories(page), messages=_unplaced(errors, len(lines)),
    )  # fmt: skip


def _unplaced(errors: dict[str, str], lines: int) -> list[str]:
    """The errors of no field the form shows: listed above it, so that none goes unseen."""
    shown = {*FORM_FIELDS, *(f"lines[{n}].{name}" for n in range(lines) for name in LINE_FIELDS)}
    return [message for name, message in errors.items() if name not in shown]


def _categories(page: Page) -> list[tuple[str, str]]:
    names = {"STANDARD": "Standard", "REDUCED": "Reduced", "TRUNCATED": "Truncated", "ZERO_RATED": "Zero-rated",
             "EXEMPT": "Exempt"}  # fmt: skip
    return [(c.value, page.t(names[c.value])) for c in VATCategory]


async def new_line(page: Page) -> Response:
    """One more empty line for the bill form, numbered after the lines the form has; or nothing, for a line removed."""
    params = page.request.query_params
    if params.get("remove"):
        return await page.fragment("bills/new.html", "removed")
    index = min(max(_line_indexes(params), default=-1) + 1, MAX_LINES - 1)
    return await page.fragment(
        "bills/new.html", "line", n=index, line=_blank_line(), errors={},
        categories=_categories(page),
    )  # fmt: skip


async def bill_page(page: Page) -> Response:
    bill_id = page.request.path_params["bill_id"]
    view = await bills.get_bill(bill_id, page.actor, page.services.get(Purchases))
    payments = page.services.get(Payments)
    payables = await payments.queries.bill_payables(page.actor.tenant_id, PayableFilter(view.supplier.party_id), 100)
    payable = next((p for p in payables if p.bill_id == bill_id), None)
    paid = await payments.queries.payments(page.actor.tenant_id, PaymentFilter(bill_id=bill_id), 20, None)
    return await page.render("bills/bill.html", bill=view, payable=payable, payments=paid.payments)
