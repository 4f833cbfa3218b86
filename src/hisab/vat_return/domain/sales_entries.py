"""What the sales side adds to the return: our tax invoices (6.3), their cancellation after issue, our credit and
debit notes (6.7, 6.8), and the VDS our customers deducted, once their Mushak-6.6 is in hand.

An invoice's entries are dated on its issue's day in Dhaka, as the ledger dates its sales entry; its
cancellation reverses them on the cancellation's day; a note is dated on its own date; a customer's
certificate on its date, undone on the day its receipt is reversed or its cheque bounces.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from hisab.event_store.messages import DomainEvent
from hisab.invoicing.domain.events import InvoiceApproved, InvoiceCancelled
from hisab.invoicing.domain.invoice import Invoice, InvoiceStatus, Line
from hisab.invoicing.domain.note_events import CreditNoteIssued, DebitNoteIssued, NoteIssued
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.money import ZERO
from hisab.receivables.domain.events import (
    ChequeBounced,
    ReceiptRecorded,
    ReceiptReversed,
    Withholding,
    WithholdingCertificateRecorded,
)
from hisab.receivables.domain.receipts import WithholdingKind
from hisab.vat_return.domain import note_mapping
from hisab.vat_return.domain.entries import Counterparty, DocumentType, Register, ReturnEntry
from hisab.vat_return.domain.entry_rows import PositionedEntry, adjustment


def _dhaka_day(moment: datetime) -> date:
    return moment.astimezone(BANGLADESH_TIME).date()


def invoice_entries(invoice_id: str, events: Iterable[DomainEvent]) -> list[PositionedEntry]:
    history = list(events)
    invoice = Invoice.from_events(invoice_id, history)
    if invoice.mushak_number is None or invoice.issued_at is None:
        return []
    approved = next(e for e in history if isinstance(e, InvoiceApproved))
    issued_on = _dhaka_day(approved.issued_at)
    buyer = Counterparty(
        invoice.customer_party_id,
        invoice.buyer_name or invoice.customer_id,
        invoice.buyer_address,
        invoice.customer_bin,
        None,
    )
    lines = {line.line_id: line for line in invoice.lines}
    found = [
        _sales_entry(
            DocumentType.INVOICE, invoice.invoice_id, line, issued_on, invoice.mushak_number, issued_on,
            approved.issued_at, None, None, buyer, _invoiced(line), Decimal(1),
        )
        for line in invoice.lines
    ]  # fmt: skip
    for event in history:
        if isinstance(event, CreditNoteIssued | DebitNoteIssued):
            found += _note_entries(event, lines, invoice.mushak_number, issued_on, buyer)
    if invoice.status is InvoiceStatus.CANCELLED and invoice.cancelled_at is not None:
        cancelled = next(e for e in history if isinstance(e, InvoiceCancelled))
        cancelled_on = _dhaka_day(cancelled.cancelled_at)
        # Undone as it was issued: the ledger reverses the sales entry on the day of the cancellation.
        found += [
            _sales_entry(
                DocumentType.INVOICE_CANCELLATION, invoice.invoice_id, line, cancelled_on, invoice.mushak_number,
                issued_on, approved.issued_at, invoice.mushak_number, issued_on, buyer, _invoiced(line),
                Decimal(-1),
            )
            for line in invoice.lines
        ]  # fmt: skip
    return found


def _invoiced(line: Line) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    amounts = line.amounts
    return line.quantity, amounts.value, amounts.supplementary_duty, amounts.vat


def _note_entries(
    note: NoteIssued, lines: dict[str, Line], invoice_number: str, issued_on: date, buyer: Counterparty
) -> list[PositionedEntry]:
    credit = isinstance(note, CreditNoteIssued)
    document_type = DocumentType.CREDIT_NOTE if credit else DocumentType.DEBIT_NOTE
    adjustment = note_mapping.CREDIT_NOTE_ISSUED if credit else note_mapping.DEBIT_NOTE_ISSUED
    return [
        _sales_entry(
            document_type, note.note_id, lines[change.line_id], note.note_date, note.note_number, note.note_date,
            note.issued_at, invoice_number, issued_on, buyer,
            (change.quantity, change.value, change.supplementary_duty, change.vat), Decimal(1), note=adjustment,
        )
        for change in note.lines
    ]  # fmt: skip


def _sales_entry(
    document_type: DocumentType,
    document_id: str,
    line: Line,
    entry_date: date,
    number: str,
    document_date: date,
    issued_at: datetime,
    reference: str | None,
    reference_date: date | None,
    buyer: Counterparty,
    figures: tuple[Decimal, Decimal, Decimal, Decimal],
    sign: Decimal,
    *,
    note: int | None = None,
) -> PositionedEntry:
    quantity, value, duty, vat = figures
    entry = ReturnEntry(
        document_type=document_type,
        document_id=document_id,
        line_id=line.line_id,
        entry_date=entry_date,
        document_number=number,
        document_date=document_date,
        issued_at=issued_at,
        reference=reference,
        reference_date=reference_date,
        counterparty=buyer,
        description=line.description,
        code=line.hs_code or line.service_code,
        quantity=sign * quantity + 0,
        unit=line.unit_of_supply,
        # Adding zero keeps a reversed zero 0.00 rather than -0.00.
        value=sign * value + ZERO,
        supplementary_duty=sign * duty + ZERO,
        vat=sign * vat + ZERO,
        creditable_vat=ZERO,
        vat_category=line.vat_category.value,
        vat_rate=line.vat_rate,
        imported=False,
        note=note_mapping.sales_note(line.vat_category) if note is None else note,
        register=Register.SALES,
    )
    return PositionedEntry(entry, line.position)


# VDS our customers deducted: a decrease (note 29) only once their 6.6 is in hand (s.50(3)).


def receipt_entries(events: Iterable[DomainEvent]) -> list[PositionedEntry]:
    history = list(events)
    receipt = history[0]
    assert isinstance(receipt, ReceiptRecorded)
    customer = Counterparty(receipt.customer_party_id, receipt.customer_id, None, None, None)
    positions = {w.withholding_id: n for n, w in enumerate(receipt.withholdings, start=1)}
    certified: dict[str, Withholding] = {
        w.withholding_id: w
        for w in receipt.withholdings
        if w.kind == WithholdingKind.VDS and w.certificate_number is not None
    }
    vds = {w.withholding_id: w for w in receipt.withholdings if w.kind == WithholdingKind.VDS}
    found = []
    for event in history[1:]:
        if isinstance(event, WithholdingCertificateRecorded) and event.withholding_id in vds:
            held = vds[event.withholding_id]
            certified[held.withholding_id] = Withholding(
                held.withholding_id, held.invoice_id, held.kind, held.amount, event.certificate_number,
                event.certificate_date,
            )  # fmt: skip
        elif isinstance(event, ChequeBounced | ReceiptReversed):
            undone_on = event.bounced_on if isinstance(event, ChequeBounced) else event.reversed_on
            found += [
                _certified(receipt, w, customer, positions[w.withholding_id], undone_on=undone_on)
                for w in certified.values()
            ]
    return [_certified(receipt, w, customer, positions[w.withholding_id]) for w in certified.values()] + found


def _certified(
    receipt: ReceiptRecorded,
    withholding: Withholding,
    customer: Counterparty,
    position: int,
    *,
    undone_on: date | None = None,
) -> PositionedEntry:
    assert withholding.certificate_number is not None
    assert withholding.certificate_date is not None
    undone = undone_on is not None
    return adjustment(
        DocumentType.VDS_CERTIFICATE_UNDONE if undone else DocumentType.VDS_CERTIFIED,
        receipt.receipt_id,
        withholding.withholding_id,
        undone_on or withholding.certificate_date,
        withholding.certificate_number,
        receipt.receipt_number,
        receipt.receipt_date,
        customer,
        (
            f"VAT deducted at source by the customer: receipt {receipt.receipt_number} undone"
            if undone
            else f"VAT deducted at source by the customer, receipt {receipt.receipt_number}"
        ),
        ZERO,
        -withholding.amount if undone else withholding.amount,
        note_mapping.VDS_CERTIFIED_BY_CUSTOMERS,
        position,
        document_date=withholding.certificate_date,
    )
