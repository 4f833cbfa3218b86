"""What each document's stream adds to the registers and the Mushak-9.1: its return entries, from its events.

Pure functions of one stream's events, so the projection, its rebuild and the fake agree by construction.
An invoice's entries are dated on its issue's day in Dhaka, as the ledger dates its sales entry; its
cancellation after issue reverses them on the cancellation's day. A note is dated on its own date; a bill
on the day it was received; a payment on its date; a customer's VDS certificate on the certificate's date,
and it is undone on the day its receipt is reversed or its cheque bounces.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from hisab.event_store.messages import DomainEvent
from hisab.invoicing.domain.events import InvoiceApproved, InvoiceCancelled, InvoiceCreated
from hisab.invoicing.domain.invoice import Invoice, InvoiceStatus, Line
from hisab.invoicing.domain.note_events import CreditNoteIssued, DebitNoteIssued, NoteIssued
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.money import ZERO
from hisab.purchases.domain.events import (
    BillLine,
    BillRecorded,
    InputCredit,
    PaymentRecorded,
    SupplierNoteKind,
    SupplierNoteRecorded,
    SupplierSnapshot,
    WithholdingKind,
)
from hisab.receivables.domain.events import (
    ChequeBounced,
    ReceiptRecorded,
    ReceiptReversed,
    Withholding,
    WithholdingCertificateRecorded,
)
from hisab.receivables.domain.receipts import WithholdingKind as CustomerWithholdingKind
from hisab.vat_return.domain import note_mapping
from hisab.vat_return.domain.entries import Counterparty, DocumentType, Register, ReturnEntry

# The documents a register shows with the opposite sign of the note they add to: a credit note adds its
# VAT to note 31 (a decrease), and the sales register shows it as less sold; a supplier's credit note adds
# the credit it takes back to note 27, and the purchase register shows it as less bought.
_NEGATIVE_IN_REGISTER = frozenset({DocumentType.CREDIT_NOTE, DocumentType.SUPPLIER_CREDIT_NOTE})


@dataclass(frozen=True, slots=True)
class PositionedEntry:
    """An entry with its place in its document (the line's position), which orders a document's rows."""

    entry: ReturnEntry
    position: int


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


def _dhaka_day(moment: datetime) -> date:
    return moment.astimezone(BANGLADESH_TIME).date()


# Sales: our 6.3s, their cancellation, our 6.7s and 6.8s.


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


# Purchases: bills received, the supplier's notes against them, payments made.


def _supplier(snapshot: SupplierSnapshot) -> Counterparty:
    return Counterparty(snapshot.party_id, snapshot.name, snapshot.address, snapshot.bin, snapshot.nid)


def _bill_reference(bill: BillRecorded) -> tuple[str, date]:
    """What the purchase register's columns 5-6 print: the bill of entry of an import, else the supplier's 6.3."""
    if bill.bill_of_entry is not None:
        return bill.bill_of_entry.number, bill.bill_of_entry.entry_date
    return bill.supplier_invoice_number, bill.supplier_invoice_date


def bill_entries(events: Iterable[DomainEvent]) -> list[PositionedEntry]:
    history = list(events)
    bill = history[0]
    assert isinstance(bill, BillRecorded)
    supplier = _supplier(bill.supplier)
    reference, reference_date = _bill_reference(bill)
    imported = bill.bill_of_entry is not None
    found = []
    for line in bill.lines:
        note = note_mapping.purchase_note(
            line.vat_category,
            imported=imported,
            creditable=line.input_credit is InputCredit.CLAIM,
            supplier_registered=bill.supplier.bin is not None,
        )
        figures = (line.quantity, line.value, line.supplementary_duty, line.vat, line.creditable_vat)
        found.append(
            _purchase_entry(
                DocumentType.BILL, bill.bill_id, line, bill.received_date, bill.bill_number, bill.received_date,
                reference, reference_date, supplier, figures, imported, note,
            )
        )  # fmt: skip
    lines = {line.line_id: line for line in bill.lines}
    for event in history[1:]:
        if isinstance(event, SupplierNoteRecorded):
            found += _supplier_note_entries(event, lines, reference, reference_date, supplier, imported)
    return found


def _supplier_note_entries(
    note: SupplierNoteRecorded,
    lines: dict[str, BillLine],
    reference: str,
    reference_date: date,
    supplier: Counterparty,
    imported: bool,
) -> list[PositionedEntry]:
    credit = note.kind is SupplierNoteKind.CREDIT
    # A 6.7 received takes back input credit (note 27, "any other" increase); a 6.8 received adds to it (32).
    document_type = DocumentType.SUPPLIER_CREDIT_NOTE if credit else DocumentType.SUPPLIER_DEBIT_NOTE
    adjustment = note_mapping.OTHER_INCREASE if credit else note_mapping.OTHER_DECREASE
    return [
        _purchase_entry(
            document_type, note.note_id, lines[change.line_id], note.note_date, note.supplier_note_number,
            note.note_date, reference, reference_date, supplier,
            (
                change.quantity or Decimal(0), change.value, change.supplementary_duty, change.vat,
                change.creditable_vat,
            ),
            imported, adjustment,
        )
        for change in note.lines
    ]  # fmt: skip


def _purchase_entry(
    document_type: DocumentType,
    document_id: str,
    line: BillLine,
    entry_date: date,
    number: str,
    document_date: date,
    reference: str,
    reference_date: date,
    supplier: Counterparty,
    figures: tuple[Decimal, Decimal, Decimal, Decimal, Decimal],
    imported: bool,
    note: int,
) -> PositionedEntry:
    quantity, value, duty, vat, creditable = figures
    entry = ReturnEntry(
        document_type=document_type,
        document_id=document_id,
        line_id=line.line_id,
        entry_date=entry_date,
        document_number=number,
        document_date=document_date,
        issued_at=None,
        reference=reference,
        reference_date=reference_date,
        counterparty=supplier,
        description=line.description,
        code=line.hs_code or line.service_code,
        quantity=quantity,
        unit=line.unit,
        value=value,
        supplementary_duty=duty,
        vat=vat,
        creditable_vat=creditable,
        vat_category=line.vat_category.value,
        vat_rate=line.vat_rate,
        imported=imported,
        note=note,
        register=Register.PURCHASES,
    )
    return PositionedEntry(entry, line.position)


def payment_entries(payment: PaymentRecorded) -> list[PositionedEntry]:
    """Note 24 for each VDS the tenant deducted; note 25 for each input credit a cash payment undid."""
    supplier = _supplier(payment.supplier)
    rows = {row.bill_id: row for row in payment.certificate.rows} if payment.certificate else {}
    found = []
    position = 0
    for withholding in payment.withholdings:
        if withholding.kind is not WithholdingKind.VDS:
            continue
        position += 1
        row = rows.get(withholding.bill_id)
        certificate = payment.certificate.certificate_number if payment.certificate else None
        found.append(
            _adjustment(
                DocumentType.VDS_DEDUCTED, payment.payment_id, withholding.withholding_id, payment.payment_date,
                payment.payment_number, row.supplier_invoice_number if row else None,
                row.supplier_invoice_date if row else None, supplier,
                f"VAT deducted at source, Mushak-6.6 {certificate}" if certificate else "VAT deducted at source",
                withholding.base, withholding.amount, note_mapping.VDS_DEDUCTED_FROM_SUPPLIERS, position,
                code=withholding.service_code, rate=withholding.rate,
            )
        )  # fmt: skip
    for reversal in payment.credit_reversals:
        position += 1
        row = rows.get(reversal.bill_id)
        found.append(
            _adjustment(
                DocumentType.CASH_PAYMENT, payment.payment_id, reversal.bill_id, payment.payment_date,
                payment.payment_number, row.supplier_invoice_number if row else None,
                row.supplier_invoice_date if row else None, supplier,
                "Input credit reversed: paid outside a banking channel (rule 29)", ZERO, reversal.vat,
                note_mapping.CASH_PAYMENT_REVERSAL, position,
            )
        )  # fmt: skip
    return found


def _adjustment(
    document_type: DocumentType,
    document_id: str,
    line_id: str,
    entry_date: date,
    number: str,
    reference: str | None,
    reference_date: date | None,
    counterparty: Counterparty,
    description: str,
    value: Decimal,
    vat: Decimal,
    note: int,
    position: int,
    *,
    document_date: date | None = None,
    code: str | None = None,
    rate: Decimal | None = None,
) -> PositionedEntry:
    """An entry of a note of parts 5 and 6: its amount is the VAT column; it is in no register."""
    entry = ReturnEntry(
        document_type=document_type,
        document_id=document_id,
        line_id=line_id,
        entry_date=entry_date,
        document_number=number,
        document_date=document_date or entry_date,
        issued_at=None,
        reference=reference,
        reference_date=reference_date,
        counterparty=counterparty,
        description=description,
        code=code,
        quantity=None,
        unit=None,
        value=value,
        supplementary_duty=ZERO,
        vat=vat,
        creditable_vat=ZERO,
        vat_category=None,
        vat_rate=rate,
        imported=False,
        note=note,
        register=None,
    )
    return PositionedEntry(entry, position)


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
        if w.kind == CustomerWithholdingKind.VDS and w.certificate_number is not None
    }
    vds = {w.withholding_id: w for w in receipt.withholdings if w.kind == CustomerWithholdingKind.VDS}
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
    return _adjustment(
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
