"""The invoice read model: what queries return, projected from a stream's events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.invoicing.domain.approval_events import APPROVAL_EVENT_TYPES
from hisab.invoicing.domain.events import (
    InvoiceApproved,
    InvoiceCalculated,
    InvoiceCancelled,
    InvoiceCreated,
    InvoiceDetailsChanged,
    InvoiceLinesCleared,
    InvoicePrinted,
    LineItemAdded,
)
from hisab.invoicing.domain.invoice import Invoice, InvoiceStatus, Line, Totals
from hisab.invoicing.domain.lines import Figures, sum_figures
from hisab.invoicing.domain.note_events import NOTE_EVENT_TYPES, CreditNoteIssued, DebitNoteIssued

# Every event of an invoice's stream changes its view.
INVOICE_EVENTS: frozenset[type[DomainEvent]] = frozenset(
    {
        InvoiceCreated,
        LineItemAdded,
        InvoiceCalculated,
        InvoiceDetailsChanged,
        InvoiceLinesCleared,
        InvoiceApproved,
        InvoiceCancelled,
        InvoicePrinted,
    }
    | set(APPROVAL_EVENT_TYPES)
    | set(NOTE_EVENT_TYPES)
)


@dataclass(frozen=True, slots=True)
class InvoiceView:
    tenant_id: str
    invoice_id: str
    sequence: int
    invoice_number: str
    status: InvoiceStatus
    vendor_id: str
    customer_id: str
    vendor_tin: str | None
    vendor_bin: str | None
    customer_tin: str | None
    customer_bin: str | None
    buyer_name: str | None
    buyer_address: str | None
    delivery_destination: str | None
    invoice_date: date
    due_date: date
    fiscal_year: int
    currency: str
    totals: Totals
    mushak_number: str | None
    issued_at: datetime | None
    cancelled_at: datetime | None
    cancellation_reason: str | None
    created_at: datetime
    updated_at: datetime
    created_by: str
    approved_by: str | None
    cancelled_by: str | None
    version: int
    print_count: int
    lines: tuple[Line, ...]
    customer_party_id: str | None = None

    # What its credit and debit notes changed (each line carries its own share).

    @property
    def credited(self) -> Figures:
        return sum_figures(line.credited for line in self.lines)

    @property
    def debited(self) -> Figures:
        return sum_figures(line.debited for line in self.lines)

    @property
    def adjusted(self) -> Figures:
        """The invoice as its notes left it: its grand total, less credits, plus debits."""
        return sum_figures(line.carried for line in self.lines)

    @property
    def credited_in_full(self) -> bool:
        """Credit notes took everything the invoice carried (debit notes' additions included)."""
        return self.credited.total > 0 and all(line.carried.is_nil for line in self.lines)


def project(stored: Sequence[StoredEvent]) -> InvoiceView:
    """The view of one invoice, from all of its stream's events (in version order)."""
    first, last = stored[0], stored[-1]
    invoice = Invoice.from_events(first.stream_id, (s.event for s in stored))
    actors = {type(s.event): s.metadata.user_id for s in stored}
    creation = next(s for s in stored if isinstance(s.event, InvoiceCreated))
    return InvoiceView(
        tenant_id=first.metadata.tenant_id,
        invoice_id=invoice.invoice_id,
        sequence=creation.position,
        invoice_number=invoice.invoice_number,
        status=invoice.status,
        vendor_id=invoice.vendor_id,
        customer_id=invoice.customer_id,
        vendor_tin=invoice.vendor_tin,
        vendor_bin=invoice.vendor_bin,
        customer_tin=invoice.customer_tin,
        customer_bin=invoice.customer_bin,
        buyer_name=invoice.buyer_name,
        buyer_address=invoice.buyer_address,
        delivery_destination=invoice.delivery_destination,
        invoice_date=invoice.invoice_date,
        due_date=invoice.due_date,
        fiscal_year=invoice.fiscal_year.start_year,
        currency=invoice.currency,
        totals=invoice.totals,
        mushak_number=invoice.mushak_number,
        issued_at=invoice.issued_at,
        cancelled_at=invoice.cancelled_at,
        cancellation_reason=invoice.cancellation_reason,
        created_at=first.metadata.occurred_at,
        updated_at=last.metadata.occurred_at,
        created_by=actors[InvoiceCreated],
        approved_by=actors.get(InvoiceApproved),
        cancelled_by=actors.get(InvoiceCancelled),
        version=invoice.version,
        print_count=invoice.print_count,
        lines=tuple(invoice.lines),
        customer_party_id=invoice.customer_party_id,
    )


def lines_changed(new: Sequence[StoredEvent]) -> bool:
    """Whether these events add, replace or adjust lines (an invoice's opening events, a draft's edit, a note)."""
    return any(
        isinstance(stored.event, LineItemAdded | InvoiceLinesCleared | CreditNoteIssued | DebitNoteIssued)
        for stored in new
    )


def search_text(view: InvoiceView) -> str:
    """What `search` looks in (the numbers and the customer's names), lower-cased once here so
    SQL and memory match alike."""
    parts = (view.invoice_number, view.mushak_number, view.customer_id, view.buyer_name)
    return "\n".join(part for part in parts if part).lower()
