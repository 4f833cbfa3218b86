"""GET /invoices: the invoice list with the API's filters and keyset paging (a cursor, never a count)."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from starlette.datastructures import QueryParams
from starlette.responses import Response
from starlette.routing import BaseRoute

from hisab.edge.permissions import Permission
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.ports import InvoiceFilter
from hisab.invoicing.application.queries import ListInvoices, encode_cursor, list_invoices
from hisab.invoicing.domain.invoice import InvoiceStatus
from hisab.kernel.errors import InvalidInputError
from hisab.web.pages import Page, Web

PAGE_SIZE = 20
STATUS_LABELS = {
    InvoiceStatus.DRAFT: "Draft",
    InvoiceStatus.PENDING_APPROVAL: "Waiting for approval",
    InvoiceStatus.APPROVED: "Issued",
    InvoiceStatus.CANCELLED: "Cancelled",
}
MAX_PAGE_SIZE = 100
_FILTER_FIELDS = ("search", "status", "customer", "from", "to")


def routes(web: Web) -> list[BaseRoute]:
    return [web.page("/invoices", invoice_list, Permission.INVOICE_READ)]


async def invoice_list(page: Page) -> Response:
    params = page.request.query_params
    values = {name: params.get(name, "").strip() for name in _FILTER_FIELDS}
    errors: dict[str, str] = {}
    where = _filter(values, errors, page)
    invoices, next_url = [], None
    if not errors:
        query = ListInvoices(where, first=_page_size(params), after=params.get("after") or None)
        try:
            found = await list_invoices(query, page.actor, page.services.get(Invoicing))
        except InvalidInputError as error:
            errors = page.field_errors(error, {"filter.search": "search", "filter.customer_id": "customer"})
        else:
            invoices = found.invoices
            if found.has_next_page and invoices:
                next_url = _next_url(params, encode_cursor(invoices[-1]))
    statuses = [("", page.t("Any status"))] + [(s.value, page.t(label)) for s, label in STATUS_LABELS.items()]
    labels = {s.value: page.t(label) for s, label in STATUS_LABELS.items()}
    return await page.render(
        "invoices/list.html", block="results", invoices=invoices, next_url=next_url, values=values,
        errors=errors, statuses=statuses, labels=labels,
    )  # fmt: skip


def _filter(values: dict[str, str], errors: dict[str, str], page: Page) -> InvoiceFilter:
    statuses: tuple[InvoiceStatus, ...] = ()
    if values["status"] in {s.value for s in InvoiceStatus}:
        statuses = (InvoiceStatus(values["status"]),)
    return InvoiceFilter(
        statuses=statuses,
        customer_id=values["customer"] or None,
        invoice_date_from=_day(values["from"], "from", errors, page),
        invoice_date_to=_day(values["to"], "to", errors, page),
        search=values["search"] or None,
    )


def _day(text: str, name: str, errors: dict[str, str], page: Page) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        errors[name] = page.t("Give a date as YYYY-MM-DD.")
        return None


def _page_size(params: QueryParams) -> int:
    """Rows a page shows: PAGE_SIZE, or as asked with `first` (up to MAX_PAGE_SIZE)."""
    asked = params.get("first", "")
    return min(int(asked), MAX_PAGE_SIZE) if asked.isdigit() and int(asked) > 0 else PAGE_SIZE


def _next_url(params: QueryParams, cursor: str) -> str:
    kept = {name: params[name] for name in (*_FILTER_FIELDS, "first") if params.get(name)}
    return "/invoices?" + urlencode({**kept, "after": cursor})
