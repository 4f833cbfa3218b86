"""Query resolvers of invoices: build the query, ask the application, hand back the views."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ariadne import QueryType

from hisab.edge.connections import connection, page_size
from hisab.edge.context import Info
from hisab.edge.exact_numbers import exact_decimal
from hisab.edge.permissions import GuardedReference, Permission
from hisab.invoicing.adapters.graphql.parties import resolve_parties, resolve_party
from hisab.invoicing.adapters.graphql.types import invoice_type
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.ports import InvoiceFilter
from hisab.invoicing.application.queries import (
    MAX_PAGE_SIZE,
    ListInvoices,
    encode_cursor,
    get_invoice,
    invoice_by_number,
    list_invoices,
)
from hisab.invoicing.application.views import InvoiceView
from hisab.kernel.errors import InvalidInputError, NotFoundError
from hisab.kernel.fiscal_year import BANGLADESH_TIME, FiscalYear

query_type = QueryType()


@query_type.field("invoice")
async def resolve_invoice(_: None, info: Info, id: str) -> InvoiceView:
    context = info.context
    return await get_invoice(id, context.actor, context.services.get(Invoicing))


@query_type.field("invoiceByNumber")
async def resolve_invoice_by_number(_: None, info: Info, number: str) -> InvoiceView:
    context = info.context
    return await invoice_by_number(number, context.actor, context.services.get(Invoicing))


@query_type.field("invoices")
async def resolve_invoices(
    _: None, info: Info, first: int | None = None, after: str | None = None, filter: dict[str, Any] | None = None
) -> dict[str, object]:
    size = page_size(first, MAX_PAGE_SIZE)
    context = info.context
    invoicing = context.services.get(Invoicing)
    today = invoicing.clock().astimezone(BANGLADESH_TIME).date()
    query = ListInvoices(filter=_filter(filter or {}, today), first=size, after=after)
    page = await list_invoices(query, context.actor, invoicing)
    return connection(page, page.invoices, encode_cursor)


query_type.set_field("party", resolve_party)
query_type.set_field("parties", resolve_parties)


def _filter(raw: dict[str, Any], today: date) -> InvoiceFilter:
    """The filter; `paymentStatus` and `overdue` are the receivables context's (its schema adds them)."""
    fiscal_year: str | None = raw.get("fiscal_year")
    invoice_date_from: date | None = raw.get("invoice_date_from")
    invoice_date_to: date | None = raw.get("invoice_date_to")
    return InvoiceFilter(
        statuses=tuple(raw.get("status") or ()),
        customer_id=raw.get("customer_id"),
        vendor_id=raw.get("vendor_id"),
        fiscal_year=_fiscal_year(fiscal_year) if fiscal_year is not None else None,
        invoice_date_from=invoice_date_from,
        invoice_date_to=invoice_date_to,
        min_total=_money(raw.get("min_total")),
        max_total=_money(raw.get("max_total")),
        mushak_number=raw.get("mushak_number"),
        customer_party_id=raw.get("customer_party_id"),
        search=raw.get("search"),
        payment_statuses=tuple(str(status) for status in raw.get("payment_status") or ()),
        overdue_on=today if raw.get("overdue") else None,
    )


def _money(value: float | int | None) -> Decimal | None:
    return exact_decimal(value) if value is not None else None


def _fiscal_year(text: str) -> int:
    try:
        return FiscalYear.parse(text.strip()).start_year
    except ValueError as error:
        raise InvalidInputError.single("filter.fiscalYear", "fiscal_year_format", str(error)) from None


async def resolve_invoice_reference(_: object, info: Info, representation: dict[str, Any]) -> InvoiceView | None:
    """An invoice another subgraph names by id: found exactly as `invoice(id)` finds it, else null.

    Another tenant's invoice is not found, and neither is an id that is not a string.
    """
    invoice_id = representation.get("id")
    if not isinstance(invoice_id, str):
        return None
    context = info.context
    try:
        return await get_invoice(invoice_id, context.actor, context.services.get(Invoicing))
    except NotFoundError:
        return None


# What `invoice(id)` needs, for the same invoices through `_entities`.
invoice_type.reference_resolver(GuardedReference(Permission.INVOICE_READ, resolve_invoice_reference))
