"""A new invoice's draft: the customer and items picked from the masters, line rows added in place, saved as a draft.

The form posts to itself: "Add a line" shows one more row with everything typed kept, and
saving runs the same use case as the API's createInvoice. A row left empty is no line. The
rows' errors come back by the position of the lines actually given, and are shown on their rows.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from starlette.datastructures import FormData
from starlette.responses import Response
from starlette.routing import BaseRoute

from hisab.edge.permissions import Permission
from hisab.invoicing.application.commands import CreateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import create_invoice
from hisab.invoicing.application.items import ListItems, list_items
from hisab.invoicing.application.parties import ListParties, list_parties
from hisab.invoicing.application.ports import ItemFilter, PartyFilter
from hisab.invoicing.domain.draft import InvoiceDraft, LineInput
from hisab.invoicing.domain.party import PartyKind
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.web.pages import Page, Web

FIRST_ROWS, MAX_ROWS, MASTER_CHOICES = 3, 100, 200
_ROW_FIELDS = ("item_id", "description", "quantity", "unit_price")


def routes(web: Web) -> list[BaseRoute]:
    create = Permission.INVOICE_CREATE
    return [
        web.page("/invoices/new", new_invoice, create),
        web.page("/invoices/new", save_invoice, create, methods=("POST",)),
    ]


async def new_invoice(page: Page) -> Response:
    today = datetime.now(BANGLADESH_TIME).date()
    values = {"invoice_date": today.isoformat(), "due_date": (today + timedelta(days=30)).isoformat()}
    customer = page.request.query_params.get("customer", "")
    return await _form(page, {**values, "customer_party_id": customer}, [{}] * FIRST_ROWS, {})


async def save_invoice(page: Page) -> Response:
    form = await page.form()
    values = {name: str(form.get(name, "")).strip() for name in ("customer_party_id", "invoice_date", "due_date")}
    rows = _rows(form)
    if "add_line" in form:
        return await _form(page, values, [*rows, {}][:MAX_ROWS], {})
    errors: dict[str, str] = {}
    lines, positions = _lines(rows, errors, page)
    invoice_date, due_date = _day(values, "invoice_date", errors, page), _day(values, "due_date", errors, page)
    if not values["customer_party_id"]:
        errors["customer_party_id"] = page.t("Pick the customer.")
    if not lines and not errors:
        errors["lines"] = page.t("Give at least one line.")
    if errors or invoice_date is None or due_date is None:
        return await _form(page, values, rows, errors, status=400)
    party = values["customer_party_id"]
    draft = InvoiceDraft(page.principal.tenant_id, party, invoice_date, due_date, tuple(lines), customer_party_id=party)
    try:
        invoice = await create_invoice(CreateInvoice(draft), page.actor, page.services.get(Invoicing))
    except InvalidInputError as error:
        renamed = {f"lines[{n}].{name}": f"lines[{row}].{name}" for n, row in enumerate(positions) for name in
                   (*_ROW_FIELDS, "vat_rate", "vat_category")}  # fmt: skip
        renamed["customer_id"] = "customer_party_id"
        return await _form(page, values, rows, page.field_errors(error, renamed), status=400)
    return page.redirect(
        f"/invoices/{invoice.invoice_id}", flash=page.t("Draft {number} saved.", number=invoice.invoice_number)
    )


async def _form(
    page: Page, values: dict[str, str], rows: list[dict[str, str]], errors: dict[str, str], status: int = 200
) -> Response:
    invoicing = page.services.get(Invoicing)
    customers = await list_parties(
        ListParties(PartyFilter((PartyKind.CUSTOMER,), active=True), MASTER_CHOICES), page.actor, invoicing
    )
    items = await list_items(ListItems(ItemFilter(active=True), MASTER_CHOICES), page.actor, invoicing)
    return await page.render(
        "invoices/new.html", status=status, values=values, rows=rows, errors=errors,
        customers=[(p.party_id, p.details.legal_name) for p in customers.parties],
        items=[(i.item_id, f"{i.details.name} ({i.details.code})") for i in items.items],
    )  # fmt: skip


def _rows(form: FormData) -> list[dict[str, str]]:
    count = min(
        int(str(form.get("row_count", FIRST_ROWS))) if str(form.get("row_count", "")).isdigit() else 0, MAX_ROWS
    )
    return [{name: str(form.get(f"lines[{n}].{name}", "")).strip() for name in _ROW_FIELDS} for n in range(count)]


def _lines(rows: list[dict[str, str]], errors: dict[str, str], page: Page) -> tuple[list[LineInput], list[int]]:
    """The lines of the non-empty rows, and which row each came from."""
    lines, positions = [], []
    for n, row in enumerate(rows):
        if not any(row.values()):
            continue
        quantity = _number(row["quantity"], f"lines[{n}].quantity", errors, page, required=True)
        price = _number(row["unit_price"], f"lines[{n}].unit_price", errors, page, required=False)
        if quantity is None:
            continue
        given: dict[str, Any] = {"item_id": row["item_id"] or None}
        lines.append(LineInput(row["description"] or None, quantity, price, **given))
        positions.append(n)
    return lines, positions


def _number(text: str, name: str, errors: dict[str, str], page: Page, *, required: bool) -> Decimal | None:
    if not text:
        if required:
            errors[name] = page.t("Give a number.")
        return None
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        errors[name] = page.t("Write a number, such as 100 or 5000.50.")
        return None
    if not number.is_finite():
        errors[name] = page.t("Write a number, such as 100 or 5000.50.")
        return None
    return number


def _day(values: dict[str, str], name: str, errors: dict[str, str], page: Page) -> date | None:
    try:
        return date.fromisoformat(values[name])
    except ValueError:
        errors[name] = page.t("Write a date as year-month-day, such as 2026-12-03.")
        return None
