"""An invoice's history: every event of its stream, who recorded it and when, in a sentence.

The sentences are the application's (plain English for the audit screen), written from the
events as they were recorded; nothing here is stored, so a better wording applies to old events too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.queries import ensure_plausible_id
from hisab.invoicing.domain.approval_events import (
    ApprovalDelegated,
    ApprovalEscalated,
    InvoiceApprovalRecorded,
    InvoiceRejected,
    InvoiceSubmitted,
)
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
from hisab.invoicing.domain.invoice import Invoice
from hisab.invoicing.domain.note_events import CreditNoteIssued, DebitNoteIssued, NoteIssued, NotePrinted
from hisab.kernel.errors import NotFoundError
from hisab.kernel.language import Language


@dataclass(frozen=True, slots=True)
class InvoiceChange:
    # The event's type without its version: `InvoiceCreated`, `InvoiceDetailsChanged`...
    event_type: str
    at: datetime
    by: str
    summary: str
    version: int


# The edited fields of a draft, in words: InvoiceDetailsChanged's attributes.
_DETAILS = {
    "due_date": "due date",
    "customer_id": "customer",
    "customer_party_id": "registered customer",
    "customer_tin": "customer TIN",
    "customer_bin": "customer BIN",
    "buyer_name": "buyer name",
    "buyer_address": "buyer address",
    "delivery_destination": "delivery destination",
}


async def invoice_history(invoice_id: str, actor: Actor, invoicing: Invoicing) -> list[InvoiceChange]:
    ensure_plausible_id(invoice_id)
    stream = await invoicing.streams.read(actor.tenant_id, invoice_id)
    if not stream:
        raise NotFoundError(f"invoice {invoice_id} not found")
    return history_of(stream)


def history_of(stream: list[StoredEvent]) -> list[InvoiceChange]:
    """Each event with its sentence, oldest first; the invoice is folded alongside to say what changed."""
    invoice = Invoice(stream[0].stream_id)
    changes = []
    for stored in stream:
        summary = _summary(stored.event, invoice)
        invoice.apply(stored.event)
        changes.append(
            InvoiceChange(
                event_type=stored.event.event_type.split(".", 1)[0],
                at=stored.metadata.occurred_at,
                by=stored.metadata.user_id,
                summary=summary,
                version=stored.version,
            )
        )
    return changes


def _summary(event: DomainEvent, before: Invoice) -> str:
    match event:
        case InvoiceCreated():
            return _created(event)
        case LineItemAdded():
            return _line_added(event, before)
        case InvoiceCalculated():
            return _calculated(event, before)
        case InvoiceDetailsChanged():
            return _details_changed(event, before)
        case InvoiceLinesCleared():
            return _lines_cleared(before)
        case InvoiceApproved():
            return f"Approved and issued as tax invoice {event.mushak_number}"
        case InvoiceCancelled():
            return f"Cancelled: {event.reason}"
        case InvoicePrinted():
            return _printed(event)
        case InvoiceSubmitted():
            levels = " → ".join(event.roles)
            return f"Submitted for approval of {_amount(event.grand_total, before.currency)}: {levels}"
        case InvoiceApprovalRecorded():
            handed = f" (delegated by {event.delegated_by})" if event.delegated_by else ""
            return f"Approved level {event.level} ({event.role}){handed}"
        case InvoiceRejected():
            return f"Rejected at level {event.level}, back to draft: {event.reason}"
        case ApprovalDelegated():
            return f"Level {event.level} delegated to {event.to_user}: {event.reason}"
        case ApprovalEscalated():
            return f"Level {event.level} escalated to {event.to_role}: {event.reason}"
        case CreditNoteIssued() | DebitNoteIssued():
            return _noted(event, before)
        case NotePrinted():
            return f"{_printed(event)}: note {before.notes[event.note_id].note_number}"
    return event.event_type.split(".", 1)[0]


def _created(event: InvoiceCreated) -> str:
    return (
        f"Created draft {event.invoice_number} for {event.customer_id}, "
        f"dated {event.invoice_date.isoformat()}, due {event.due_date.isoformat()}"
    )


def _line_added(event: LineItemAdded, before: Invoice) -> str:
    price = _amount(event.unit_price, before.currency)
    return f"Line {event.position}: {event.description}, {event.quantity.normalize():f} at {price}"


def _calculated(event: InvoiceCalculated, before: Invoice) -> str:
    currency = before.currency
    return (
        f"Totals: value {_amount(event.subtotal, currency)}, "
        f"SD {_amount(event.supplementary_duty, currency)}, VAT {_amount(event.vat, currency)}, "
        f"grand total {_amount(event.grand_total, currency)}"
    )


def _details_changed(event: InvoiceDetailsChanged, before: Invoice) -> str:
    changed = [
        f"{words} {_shown(getattr(before, name))} → {_shown(getattr(event, name))}"
        for name, words in _DETAILS.items()
        if getattr(before, name) != getattr(event, name)
    ]
    return "Changed " + "; ".join(changed) if changed else "Changed nothing"


def _lines_cleared(before: Invoice) -> str:
    count = len(before.lines)
    return f"Removed the {count} line{'s' if count != 1 else ''} to replace them"


def _noted(event: NoteIssued, before: Invoice) -> str:
    credit, figures, currency = isinstance(event, CreditNoteIssued), event.figures, before.currency
    words = f": {event.reason_text}" if event.reason_text else ""
    count = len(event.lines)
    return (
        f"{'Credit' if credit else 'Debit'} note {event.note_number} dated {event.note_date.isoformat()} "
        f"({event.reason}{words}) {'took off' if credit else 'added'} {_amount(figures.total, currency)} "
        f"on {count} line{'s' if count != 1 else ''}: value {_amount(figures.value, currency)}, "
        f"SD {_amount(figures.supplementary_duty, currency)}, VAT {_amount(figures.vat, currency)}"
    )


def _printed(event: InvoicePrinted | NotePrinted) -> str:
    copies = ", ".join(copy.value.lower() for copy in event.copies)
    return f"Printed ({copies}) in {'Bengali' if event.language is Language.BN else 'English'}"


def _amount(amount: Decimal, currency: str) -> str:
    # Plain and exact (no grouping): the formatting of documents is presentation, not this layer's.
    return f"{currency} {amount:.2f}"


def _shown(value: object) -> str:
    if value is None:
        return "(none)"
    return value.isoformat() if isinstance(value, date) else str(value)
