"""What an issued tax invoice posts (its sales journal), read from the invoicing context's published events."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hisab.invoicing.domain.events import (
    InvoiceApproved,
    InvoiceCalculated,
    InvoiceCreated,
    InvoiceDetailsChanged,
    LineItemAdded,
)
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.money import ZERO
from hisab.ledger.domain.books import Books
from hisab.ledger.domain.events import SourceDocument
from hisab.ledger.domain.journal import MAX_MEMO, EntryContent, JournalKind, JournalLine
from hisab.ledger.domain.posting_rules import INVOICE

# Entry ids of automatic postings are derived from the document, so one document event can only
# ever begin one entry: a second attempt would find the stream taken.
_NAMESPACE = uuid.UUID("8f4f1f3e-5d0b-4c55-9a51-6a2f3c1d7e90")


def posting_entry_id(tenant_id: str, document_type: str, document_id: str, occasion: str) -> str:
    return f"journal:{uuid.uuid5(_NAMESPACE, f'{tenant_id}/{document_type}/{document_id}/{occasion}')}"


@dataclass(frozen=True, slots=True)
class SoldLine:
    value: Decimal
    description: str
    project: str | None
    cost_center: str | None


@dataclass(frozen=True, slots=True)
class IssuedInvoice:
    invoice_id: str
    internal_number: str
    mushak_number: str
    issued_on: date
    party_id: str
    lines: tuple[SoldLine, ...]
    supplementary_duty: Decimal
    vat: Decimal
    grand_total: Decimal

    @property
    def source(self) -> SourceDocument:
        return SourceDocument(INVOICE, self.invoice_id, self.mushak_number)


def issued_invoice(events: Iterable[object]) -> IssuedInvoice:
    """The facts of an issued invoice that its posting needs, from its stream."""
    created: InvoiceCreated | None = None
    party: str | None = None
    added: dict[str, LineItemAdded] = {}
    calculated: InvoiceCalculated | None = None
    approved: InvoiceApproved | None = None
    for event in events:
        match event:
            case InvoiceCreated():
                created = event
                party = event.customer_party_id or event.customer_id
            case InvoiceDetailsChanged():
                party = event.customer_party_id or event.customer_id
            case LineItemAdded():
                added[event.line_id] = event
            case InvoiceCalculated():
                calculated = event
            case InvoiceApproved():
                approved = event
    assert created is not None
    assert calculated is not None
    assert approved is not None
    assert party is not None
    return IssuedInvoice(
        created.invoice_id,
        created.invoice_number,
        approved.mushak_number,
        approved.issued_at.astimezone(BANGLADESH_TIME).date(),
        party,
        tuple(_sold(line.value, added.get(line.line_id)) for line in calculated.lines),
        calculated.supplementary_duty,
        calculated.vat,
        calculated.grand_total,
    )


def _sold(value: Decimal, added: LineItemAdded | None) -> SoldLine:
    if added is None:
        return SoldLine(value, "", None, None)
    return SoldLine(value, added.description, added.project, added.cost_center)


def sales_entry(invoice: IssuedInvoice, books: Books) -> EntryContent:
    """Dr Accounts Receivable (grand total, the customer as party); Cr Sales per line (value); Cr SD
    Payable (SD); Cr VAT Output (VAT). Nothing is posted for an amount of zero."""
    receivable = books.posting_account(INVOICE, "RECEIVABLE").code
    sales = books.posting_account(INVOICE, "SALES").code
    duty = books.posting_account(INVOICE, "SUPPLEMENTARY_DUTY").code
    vat = books.posting_account(INVOICE, "VAT_OUTPUT").code
    lines = [JournalLine(receivable, invoice.grand_total, ZERO, party_id=invoice.party_id)]
    lines += [
        JournalLine(
            sales, ZERO, line.value, project=line.project, cost_center=line.cost_center,
            memo=line.description[:MAX_MEMO] or None,
        )
        for line in invoice.lines
        if line.value
    ]  # fmt: skip
    if invoice.supplementary_duty:
        lines.append(JournalLine(duty, ZERO, invoice.supplementary_duty))
    if invoice.vat:
        lines.append(JournalLine(vat, ZERO, invoice.vat))
    narration = f"Tax invoice {invoice.mushak_number} ({invoice.internal_number}) issued"
    return EntryContent(JournalKind.SALES, invoice.issued_on, narration, invoice.mushak_number, tuple(lines))
