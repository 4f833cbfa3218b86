"""Query resolvers: build the query, ask the application, hand back the views."""

from __future__ import annotations

from datetime import date
from typing import Any

from ariadne import QueryType

from hisab.api.context import Info
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.ports import InvoiceFilter
from hisab.invoicing.application.queries import MAX_PAGE_SIZE, ListInvoices, encode_cursor, get_invoice, list_invoices
from hisab.invoicing.application.views import InvoiceView
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.fiscal_year import FiscalYear
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.profiles import get_supplier_profile
from hisab.taxpayer.application.tenant_settings import get_tenant_settings
from hisab.taxpayer.application.views import SupplierProfileView
from hisab.taxpayer.domain.policy import TenantPolicy

query_type = QueryType()
DEFAULT_PAGE_SIZE = 20


@query_type.field("invoice")
async def resolve_invoice(_: None, info: Info, id: str) -> InvoiceView:
    context = info.context
    return await get_invoice(id, context.actor, context.services.get(Invoicing))


@query_type.field("supplierProfile")
async def resolve_supplier_profile(_: None, info: Info) -> SupplierProfileView | None:
    context = info.context
    return await get_supplier_profile(context.actor, context.services.get(Taxpayer))


@query_type.field("invoices")
async def resolve_invoices(
    _: None, info: Info, first: int | None = None, after: str | None = None, filter: dict[str, Any] | None = None
) -> dict[str, object]:
    # An explicit `first: null` overrides the schema default, so the default is applied here too.
    first = DEFAULT_PAGE_SIZE if first is None else first
    if first < 0:
        raise InvalidInputError.single("first", "non_negative", "first must not be negative")
    context = info.context
    query = ListInvoices(filter=_filter(filter or {}), first=min(first, MAX_PAGE_SIZE), after=after)
    page = await list_invoices(query, context.actor, context.services.get(Invoicing))
    edges = [{"cursor": encode_cursor(view), "node": view} for view in page.invoices]
    return {
        "edges": edges,
        "pageInfo": {"hasNextPage": page.has_next_page, "endCursor": edges[-1]["cursor"] if edges else None},
        "totalCount": page.total_count,
    }


@query_type.field("tenantSettings")
async def resolve_tenant_settings(_: None, info: Info) -> TenantPolicy:
    return await get_tenant_settings(info.context.actor, info.context.services.get(Taxpayer))


def _filter(raw: dict[str, Any]) -> InvoiceFilter:
    fiscal_year: str | None = raw.get("fiscalYear")
    invoice_date_from: date | None = raw.get("invoiceDateFrom")
    invoice_date_to: date | None = raw.get("invoiceDateTo")
    return InvoiceFilter(
        statuses=tuple(raw.get("status") or ()),
        customer_id=raw.get("customerId"),
        vendor_id=raw.get("vendorId"),
        fiscal_year=_fiscal_year(fiscal_year) if fiscal_year is not None else None,
        invoice_date_from=invoice_date_from,
        invoice_date_to=invoice_date_to,
    )


def _fiscal_year(text: str) -> int:
    try:
        return FiscalYear.parse(text.strip()).start_year
    except ValueError as error:
        raise InvalidInputError.single("filter.fiscalYear", "fiscal_year_format", str(error)) from None
