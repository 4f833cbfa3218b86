"""Queries: reads straight from the read model, never from the event store."""

from __future__ import annotations

from dataclasses import dataclass

from hisab.event_store.messages import Actor
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.ports import InvoiceFilter, InvoicePage
from hisab.invoicing.application.views import InvoiceView
from hisab.kernel.cursors import SequenceCursors
from hisab.kernel.errors import InvalidInputError, NotFoundError
from hisab.kernel.text import is_clean_identifier, text_violation

MAX_PAGE_SIZE = 100
_CURSORS = SequenceCursors("invoice:")


@dataclass(frozen=True, slots=True)
class ListInvoices:
    filter: InvoiceFilter
    first: int = 20
    after: str | None = None


async def get_invoice(invoice_id: str, actor: Actor, invoicing: Invoicing) -> InvoiceView:
    ensure_plausible_id(invoice_id)
    view = await invoicing.invoices.get(actor.tenant_id, invoice_id)
    if view is None:
        raise NotFoundError(f"invoice {invoice_id} not found")
    return view


def ensure_plausible_id(identifier: str, noun: str = "invoice") -> None:
    """An id that no invoice (or party, item...) can have is simply not found, without asking the database."""
    if not is_clean_identifier(identifier):
        raise NotFoundError(f"{noun} not found")


async def list_invoices(query: ListInvoices, actor: Actor, invoicing: Invoicing) -> InvoicePage:
    named = ((query.filter.customer_id, "filter.customer_id"), (query.filter.vendor_id, "filter.vendor_id"))
    problems = [
        problem for value, field in named if value is not None and (problem := text_violation(value, field)) is not None
    ]
    if problems:
        raise InvalidInputError(problems)
    after = decode_cursor(query.after) if query.after else None
    first = max(0, min(query.first, MAX_PAGE_SIZE))
    return await invoicing.invoices.list(actor.tenant_id, query.filter, first, after)


def encode_cursor(view: InvoiceView) -> str:
    return _CURSORS.encode(view.sequence)


def decode_cursor(cursor: str) -> int:
    return _CURSORS.decode(cursor)
