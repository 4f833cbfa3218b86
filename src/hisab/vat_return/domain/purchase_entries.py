"""What the purchase side adds to the return: bills received (a supplier's 6.3 or a bill of entry), the
supplier's credit and debit notes against them, and the payments made (VDS deducted, input credit undone).

A bill is dated on the day it was received, a supplier's note on its date, a payment on its date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from hisab.event_store.messages import DomainEvent
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
from hisab.vat_return.domain import note_mapping
from hisab.vat_return.domain.entries import Counterparty, DocumentType, Register, ReturnEntry
from hisab.vat_return.domain.entry_rows import PositionedEntry, adjustment


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
            adjustment(
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
            adjustment(
                DocumentType.CASH_PAYMENT, payment.payment_id, reversal.bill_id, payment.payment_date,
                payment.payment_number, row.supplier_invoice_number if row else None,
                row.supplier_invoice_date if row else None, supplier,
                "Input credit reversed: paid outside a banking channel (rule 29)", ZERO, reversal.vat,
                note_mapping.CASH_PAYMENT_REVERSAL, position,
            )
        )  # fmt: skip
    return found
