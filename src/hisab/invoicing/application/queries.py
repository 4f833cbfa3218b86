"""Queries: reads straight from the read model, never from the event store."""

from __future__ import annotations

from dataclasses import dataclass, replace

from hisab.event_store.messages import Actor
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.ports import InvoiceFilter, InvoicePage
from hisab.invoicing.application.views import InvoiceView
from hisab.kernel.cursors import SequenceCursors
from hisab.kernel.errors import InvalidInputError, NotFoundError, Violation
from hisab.kernel.money import decimal_places
from hisab.kernel.text import is_clean_identifier, text_violations

MAX_PAGE_SIZE = 100
# Longer than any internal number or Mushak serial: such a lookup is not asked of the database.
MAX_NUMBER = 100
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


async def invoice_by_number(number: str, actor: Actor, invoicing: Invoicing) -> InvoiceView:
    """By its internal number (INV-…) or its Mushak-6.3 serial (HO/2026-27/000001)."""
    wanted = number.strip()
    if not is_clean_identifier(wanted, MAX_NUMBER):
        raise NotFoundError("invoice not found")
    view = await invoicing.invoices.by_number(actor.tenant_id, wanted)
    if view is None:
        raise NotFoundError(f"no invoice is numbered {wanted}")
    return view


async def list_invoices(query: ListInvoices, actor: Actor, invoicing: Invoicing) -> InvoicePage:
    where = _checked(query.filter)
    after = decode_cursor(query.after) if query.after else None
    first = max(0, min(query.first, MAX_PAGE_SIZE))
    return await invoicing.invoices.list(actor.tenant_id, where, first, after)


def _checked(where: InvoiceFilter) -> InvoiceFilter:
    """The filter with its text trimmed (the search lower-cased, as `search_text` holds it); raise on a bad one."""
    texts = {
        "filter.customer_id": where.customer_id,
        "filter.vendor_id": where.vendor_id,
        "filter.mushak_number": where.mushak_number,
        "filter.customer_party_id": where.customer_party_id,
        "filter.search": where.search,
    }
    problems = text_violations(texts)
    for field, bound in (("filter.min_total", where.min_total), ("filter.max_total", where.max_total)):
        if bound is not None and (not bound.is_finite() or bound < 0 or decimal_places(bound) > 2):
            problems.append(Violation(field, "money", "a total is a non-negative amount with at most 2 decimal places"))
    if where.min_total is not None and where.max_total is not None and where.min_total > where.max_total:
        problems.append(Violation("filter.max_total", "min_above_max", "the maximum total is below the minimum"))
    if problems:
        raise InvalidInputError(problems)
    search = where.search.strip().lower() if where.search is not None else None
    return replace(where, search=search or None)


def encode_cursor(view: InvoiceView) -> str:
    return _CURSORS.encode(view.sequence)


def decode_cursor(cursor: str) -> int:
    return _CURSORS.decode(cursor)
