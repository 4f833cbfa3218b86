"""What each document's stream adds to the registers and the Mushak-9.1: its return entries, from its events alone.

Pure functions of one stream's events, so the projection, its rebuild and the fake agree by construction:
the sales side (invoices, notes, customers' VDS certificates) in `sales_entries`, the purchase side (bills,
suppliers' notes, payments) in `purchase_entries`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from hisab.event_store.messages import DomainEvent
from hisab.invoicing.domain.events import InvoiceCreated
from hisab.purchases.domain.events import BillRecorded, PaymentRecorded
from hisab.receivables.domain.events import ReceiptRecorded
from hisab.vat_return.domain.entries import DocumentType
from hisab.vat_return.domain.entry_rows import PositionedEntry
from hisab.vat_return.domain.purchase_entries import bill_entries, payment_entries
from hisab.vat_return.domain.sales_entries import invoice_entries, receipt_entries

# The documents a register shows with the opposite sign of the note they add to: a credit note adds its
# VAT to note 31 (a decrease), and the sales register shows it as less sold; a supplier's credit note adds
# the credit it takes back to note 27, and the purchase register shows it as less bought.
_NEGATIVE_IN_REGISTER = frozenset({DocumentType.CREDIT_NOTE, DocumentType.SUPPLIER_CREDIT_NOTE})


def register_sign(document_type: DocumentType) -> Decimal:
    """+1 or -1: how a document's entries count in its register (an invoice cancelled is already negative)."""
    return Decimal(-1) if document_type in _NEGATIVE_IN_REGISTER else Decimal(1)


def entries_of(events: Sequence[DomainEvent]) -> list[PositionedEntry]:
    """Every entry of a stream, whatever the document it is the stream of (none for a stream of no return)."""
    if not events:
        return []
    first = events[0]
    if isinstance(first, InvoiceCreated):
        return invoice_entries(first.invoice_id, events)
    if isinstance(first, BillRecorded):
        return bill_entries(events)
    if isinstance(first, PaymentRecorded):
        return payment_entries(first)
    if isinstance(first, ReceiptRecorded):
        return receipt_entries(events)
    return []
