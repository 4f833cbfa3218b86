"""The tax-period lock: once a period's return is filed, no document dated in it is created, issued,
approved or changed. A reaction in the document's own transaction, run before the books are posted.

It reads the filed periods from the return's read model inside the same transaction, so a document and
a submission racing for one period are decided one after the other by the database. A correction of a
filed period is a document dated in an open one (a credit note, a supplier's note), or an amended return.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.event_store.reactions import Consequence
from hisab.invoicing.domain.approval_events import APPROVAL_EVENT_TYPES
from hisab.invoicing.domain.events import (
    InvoiceApproved,
    InvoiceCalculated,
    InvoiceCancelled,
    InvoiceCreated,
    InvoiceDetailsChanged,
    InvoiceLinesCleared,
    LineItemAdded,
)
from hisab.invoicing.domain.invoice import Invoice
from hisab.invoicing.domain.note_events import CreditNoteIssued, DebitNoteIssued
from hisab.kernel.errors import InvalidInputError, Violation
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.purchases.domain.events import (
    BillRecorded,
    PaymentRecorded,
    SupplierNoteRecorded,
    WithholdingDepositRecorded,
)
from hisab.receivables.domain.events import (
    AdvanceAllocated,
    BalanceWrittenOff,
    ChequeBounced,
    ChequeCleared,
    ChequeDeposited,
    ReceiptRecorded,
    ReceiptReversed,
    WithholdingCertificateRecorded,
)
from hisab.vat_return.application.ports import ReturnTables

# Events that change a draft or an issued invoice: dated by the invoice's date.
_INVOICE_CHANGES: frozenset[type[DomainEvent]] = frozenset(
    {InvoiceCreated, InvoiceDetailsChanged, LineItemAdded, InvoiceLinesCleared, InvoiceCalculated}
    | set(APPROVAL_EVENT_TYPES)
)
# Events dated by a day of their own, and the input field that day came from.
_OWN_DATES: dict[type[DomainEvent], tuple[str, str]] = {
    CreditNoteIssued: ("note_date", "date"),
    DebitNoteIssued: ("note_date", "date"),
    ReceiptRecorded: ("receipt_date", "date"),
    AdvanceAllocated: ("allocated_on", "date"),
    ChequeDeposited: ("deposited_on", "date"),
    ChequeCleared: ("cleared_on", "date"),
    ChequeBounced: ("bounced_on", "date"),
    ReceiptReversed: ("reversed_on", "date"),
    WithholdingCertificateRecorded: ("certificate_date", "certificate_date"),
    BalanceWrittenOff: ("written_off_on", "date"),
    BillRecorded: ("received_date", "received_date"),
    SupplierNoteRecorded: ("note_date", "date"),
    PaymentRecorded: ("payment_date", "date"),
    WithholdingDepositRecorded: ("deposit_date", "date"),
}
LOCKED_EVENTS: frozenset[type[DomainEvent]] = (
    _INVOICE_CHANGES | {InvoiceApproved, InvoiceCancelled} | frozenset(_OWN_DATES)
)


@dataclass(frozen=True, slots=True)
class PeriodLock:
    tables: ReturnTables[Any]
    name: str = "tax_period_lock"
    follows: frozenset[type[DomainEvent]] = LOCKED_EVENTS

    async def react(
        self, transaction: Transaction[Any], actor: Actor, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]
    ) -> Sequence[Consequence]:
        dated = document_dates(stream, new)
        if not dated:
            return []
        await self.tables.share(transaction.tables, actor.tenant_id)
        locked = await self.tables.locked_within(transaction.tables, actor.tenant_id, sorted({d for _, d in dated}))
        problems: list[Violation] = []
        for field, day in dated:
            for period in locked:
                if period.starts_on <= day <= period.ends_on:
                    problems.append(
                        Violation(
                            field,
                            "tax_period_locked",
                            f"the tax period {period.period} was filed on {_day(period.submitted_at)}; "
                            "record the correction in an open period",
                        )
                    )
        if problems:
            raise InvalidInputError(_unique(problems))
        return []


def document_dates(stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> list[tuple[str, date]]:
    """Each day the new events put a document on, with the field a caller knows it by."""
    found: list[tuple[str, date]] = []
    invoice: Invoice | None = None
    for stored in new:
        event = stored.event
        kind = type(event)
        if kind in _OWN_DATES:
            attribute, field = _OWN_DATES[kind]
            found.append((field, getattr(event, attribute)))
            continue
        if kind not in LOCKED_EVENTS:
            continue
        invoice = invoice or Invoice.from_events(stream[0].stream_id, (s.event for s in stream))
        found.append(("invoice_date", invoice.invoice_date))
        if isinstance(event, InvoiceApproved):
            found.append(("issued_at", _day(event.issued_at)))
        if isinstance(event, InvoiceCancelled):
            if invoice.issued_at is not None:
                found.append(("issued_at", _day(invoice.issued_at)))
            found.append(("cancelled_at", _day(event.cancelled_at)))
    return found


def _day(moment: datetime) -> date:
    return moment.astimezone(BANGLADESH_TIME).date()


def _unique(problems: list[Violation]) -> list[Violation]:
    return list(dict.fromkeys(problems))
