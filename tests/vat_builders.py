"""Builders of the purchases events (bills, suppliers' notes, payments), and a way to record them through Streams.

The purchases commands are built elsewhere; the return entries need only their events, which the tests
append to their streams as a command would, through the one write path (so the projections run).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent
from hisab.event_store.streams import Recorded, Streams, appending
from hisab.kernel.vat import VATCategory
from hisab.purchases.domain.events import (
    BillLine,
    BillOfEntry,
    BillRecorded,
    CertificateRow,
    CreditReversal,
    InputCredit,
    PaymentAllocation,
    PaymentRecorded,
    PaymentWithholding,
    SupplierNoteKind,
    SupplierNoteLine,
    SupplierNoteRecorded,
    SupplierSnapshot,
    VdsCertificate,
    WithholdingKind,
)

D = Decimal
MEGHNA = SupplierSnapshot("party-meghna", "Meghna Cement Mills Ltd", "Mongla, Bagerhat", "0012345670101", None, None)
# A supplier with no BIN: the register prints its NID, and its purchases go to note 20.
JAMAL = SupplierSnapshot("party-jamal", "Jamal Sand Traders", "Savar, Dhaka", None, None, "19858812345678901")
BILL_OF_ENTRY = BillOfEntry("C-40512", date(2026, 7, 8), "Chattogram Custom House")


def bill_line(
    line_id: str,
    position: int,
    value: str,
    vat: str,
    *,
    category: VATCategory = VATCategory.STANDARD,
    rate: str = "0.15",
    credit: InputCredit = InputCredit.CLAIM,
    duty: str = "0.00",
    description: str = "Portland cement, 50 kg bags",
    hs_code: str | None = "2523.29.00",
    service_code: str | None = None,
    quantity: str = "100",
) -> BillLine:
    return BillLine(
        line_id, position, description, None, hs_code, service_code, D(quantity), "bag", D(value), D(duty), D(vat),
        category, D(rate), credit, credit, None, None, None,
    )  # fmt: skip


def bill(
    bill_id: str,
    serial: int,
    lines: Sequence[BillLine],
    *,
    supplier: SupplierSnapshot = MEGHNA,
    received: date = date(2026, 7, 10),
    invoice_number: str = "MCM/2026/0457",
    bill_of_entry: BillOfEntry | None = None,
) -> BillRecorded:
    return BillRecorded(
        bill_id, f"BILL/2026-27/{serial:06d}", serial, 2026, supplier, invoice_number, date(2026, 7, 9), received,
        date(2026, 8, 9), bill_of_entry, tuple(lines), None,
    )  # fmt: skip


def supplier_note(
    bill_id: str, note_id: str, kind: SupplierNoteKind, on: date, *lines: SupplierNoteLine, number: str = "MCM/CN/12"
) -> SupplierNoteRecorded:
    return SupplierNoteRecorded(bill_id, note_id, kind, number, on, "price revised", tuple(lines))


def note_line(line_id: str, value: str, vat: str, creditable: str, quantity: str | None = None) -> SupplierNoteLine:
    return SupplierNoteLine(line_id, D(quantity) if quantity else None, D(value), D("0.00"), D(vat), D(creditable))


def vds(withholding_id: str, bill_id: str, base: str, amount: str, rate: str = "0.10") -> PaymentWithholding:
    return PaymentWithholding(withholding_id, bill_id, WithholdingKind.VDS, D(rate), D(base), D(amount), "S004.00")


def payment(
    payment_id: str,
    on: date,
    *,
    withholdings: Sequence[PaymentWithholding] = (),
    reversals: Sequence[CreditReversal] = (),
    certified: Sequence[CertificateRow] = (),
    supplier: SupplierSnapshot = MEGHNA,
    method: str = "BANK_TRANSFER",
) -> PaymentRecorded:
    certificate = (
        VdsCertificate(f"{payment_id}:6.6", "HO/6.6/2026-27/000001", 1, 2026, on, tuple(certified))
        if certified
        else None
    )
    bills = {w.bill_id for w in withholdings} | {r.bill_id for r in reversals}
    return PaymentRecorded(
        payment_id, "PAY/2026-27/000001", 1, 2026, supplier, on, method, D("1000.00"), None, None,
        tuple(PaymentAllocation(bill_id, D("1000.00")) for bill_id in sorted(bills)), tuple(withholdings),
        tuple(reversals), certificate,
    )  # fmt: skip


def certificate_row(bill_id: str, total: str, vat: str, deducted: str) -> CertificateRow:
    return CertificateRow(bill_id, "MCM/2026/0457", date(2026, 7, 9), D(total), D(vat), D(deducted))


def renumbered(event: PaymentRecorded, number: str) -> PaymentRecorded:
    return replace(event, payment_number=number)


async def record(streams: Streams[Any], actor: Actor, stream_id: str, *events: DomainEvent) -> Recorded:
    """Begin the stream with these events, or append them to it, as the purchases commands would."""
    if await streams.read(actor.tenant_id, stream_id):
        return await streams.change(actor, stream_id, appending(events), noun="stream")
    return await streams.start(actor, lambda: stream_id, appending(events))
