"""The entries each document adds to the registers and the Mushak-9.1, from its events alone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from hisab.event_store.messages import DomainEvent
from hisab.invoicing.domain.draft import InvoiceDraft, LineInput
from hisab.invoicing.domain.invoice import Invoice
from hisab.kernel.vat import VATCategory
from hisab.purchases.domain.events import (
    CreditReversal,
    InputCredit,
    PaymentWithholding,
    SupplierNoteKind,
    WithholdingKind,
)
from hisab.receivables.domain.events import (
    ChequeBounced,
    ReceiptRecorded,
    ReceiptReversed,
    Withholding,
    WithholdingCertificateRecorded,
)
from hisab.vat_return.domain.entries import Counterparty, DocumentType, Register, ReturnEntry
from hisab.vat_return.domain.entry_rules import entries_of, register_sign
from tests.builders import buyer_draft, opening_events, steel_rods_draft, three_rate_draft
from tests.notes_builders import amount, credit, debit, noted, quantity
from tests.vat_builders import (
    BILL_OF_ENTRY,
    JAMAL,
    bill,
    bill_line,
    certificate_row,
    note_line,
    payment,
    supplier_note,
    vds,
)

D = Decimal
# 20:00 UTC on 20 January is already 21 January in Dhaka: the day the entries fall on.
ISSUED_LATE = datetime(2025, 1, 20, 20, 0, tzinfo=UTC)


def _issued(draft: InvoiceDraft | None = None) -> tuple[Invoice, list[DomainEvent]]:
    events: list[DomainEvent] = list(opening_events("inv-1", draft))
    invoice = Invoice.from_events("inv-1", events)
    approved = invoice.approve("HO/2024-25/000001", 1, ISSUED_LATE)
    invoice.apply(approved)
    return invoice, [*events, approved]


def _entries(events: list[DomainEvent]) -> list[ReturnEntry]:
    return [positioned.entry for positioned in entries_of(events)]


def test_an_issued_invoice_adds_each_line_to_its_category_note_on_the_dhaka_day_of_issue() -> None:
    _, events = _issued(three_rate_draft())

    entries = _entries(events)

    assert [(e.note, e.line_id, str(e.value), str(e.vat)) for e in entries] == [
        (4, "inv-1:1", "10000.00", "1500.00"),
        (7, "inv-1:2", "10000.00", str(entries[1].vat)),
        (1, "inv-1:3", "10000.00", "0.00"),
    ]
    first = entries[0]
    assert (first.document_type, first.document_id, first.register) == (DocumentType.INVOICE, "inv-1", Register.SALES)
    assert (first.entry_date, first.document_date, first.issued_at) == (
        date(2025, 1, 21),
        date(2025, 1, 21),
        ISSUED_LATE,
    )
    assert (first.document_number, first.reference, str(first.creditable_vat)) == ("HO/2024-25/000001", None, "0.00")


def test_the_buyer_is_the_invoice_s_named_buyer_with_its_bin_and_party() -> None:
    draft = buyer_draft()
    _, events = _issued(draft)

    entry = _entries(events)[0]

    assert entry.counterparty == Counterparty(
        None, "Rahim Builders Ltd", "House 12, Road 5, Dhanmondi R/A\nDhaka 1205", "0017457070402", None
    )
    assert (entry.description, entry.quantity, entry.vat_category, entry.vat_rate) == (
        "Construction Materials - Steel Rods", D(100), "STANDARD", D("0.15"),
    )  # fmt: skip


def test_without_a_buyer_name_the_counterparty_is_the_customer_id() -> None:
    _, events = _issued()

    assert _entries(events)[0].counterparty.name == "customer-001"


def test_a_draft_and_an_invoice_cancelled_before_issue_add_nothing() -> None:
    events: list[DomainEvent] = list(opening_events("inv-1"))
    cancelled = Invoice.from_events("inv-1", events).cancel("typed twice", ISSUED_LATE)

    assert entries_of(events) == []
    assert entries_of([*events, cancelled]) == []


def test_an_invoice_cancelled_after_issue_is_reversed_in_its_notes_on_the_day_it_was_cancelled() -> None:
    invoice, events = _issued(three_rate_draft())
    cancelled = invoice.cancel("goods never left", datetime(2025, 2, 28, 19, 0, tzinfo=UTC))

    entries = _entries([*events, cancelled])

    undone = [e for e in entries if e.document_type is DocumentType.INVOICE_CANCELLATION]
    issued = [e for e in entries if e.document_type is DocumentType.INVOICE]
    assert [(e.note, -e.value, -e.vat) for e in undone] == [(e.note, e.value, e.vat) for e in issued]
    assert {e.entry_date for e in undone} == {date(2025, 3, 1)}
    assert (undone[0].reference, undone[0].document_date) == ("HO/2024-25/000001", date(2025, 1, 21))
    assert {e.register for e in undone} == {Register.SALES}


def test_a_credit_note_adds_its_vat_and_sd_to_note_31_and_a_debit_note_to_note_26() -> None:
    draft = steel_rods_draft(
        lines=(LineInput("Cigarettes", D(10), D(1000), supplementary_duty_rate=D("0.65"), hs_code="2402.20.00"),)
    )
    invoice, events = _issued(draft)
    credited = noted(invoice, credit(quantity("inv-1:1", 2)))
    debited = noted(invoice, debit(amount("inv-1:1", 100)))

    entries = _entries([*events, credited, debited])

    note_31 = next(e for e in entries if e.document_type is DocumentType.CREDIT_NOTE)
    note_26 = next(e for e in entries if e.document_type is DocumentType.DEBIT_NOTE)
    assert (note_31.note, str(note_31.value), str(note_31.supplementary_duty)) == (31, "2000.00", "1300.00")
    assert note_31.vat == credited.lines[0].vat > 0
    assert (note_31.document_id, note_31.document_number, note_31.entry_date) == (
        credited.note_id, credited.note_number, credited.note_date,
    )  # fmt: skip
    assert (note_31.reference, note_31.reference_date, note_31.code) == (
        "HO/2024-25/000001", date(2025, 1, 21), "2402.20.00",
    )  # fmt: skip
    assert (note_26.note, note_26.vat, note_26.register) == (26, debited.lines[0].vat, Register.SALES)


def test_a_bill_adds_each_line_to_the_purchase_note_its_credit_and_supplier_decide() -> None:
    lines = (
        bill_line("b1:1", 1, "100000.00", "15000.00"),
        bill_line("b1:2", 2, "20000.00", "3000.00", credit=InputCredit.NOT_ELIGIBLE),
        bill_line("b1:3", 3, "40000.00", "3000.00", category=VATCategory.REDUCED, rate="0.075"),
        bill_line("b1:4", 4, "5000.00", "0.00", category=VATCategory.EXEMPT, rate="0"),
    )
    entries = _entries([bill("b1", 1, lines)])

    assert [(e.note, str(e.creditable_vat)) for e in entries] == [(14, "15000.00"), (21, "0.00"), (16, "3000.00"),
                                                                  (12, "0.00")]  # fmt: skip
    first = entries[0]
    assert (first.document_type, first.register, first.entry_date) == (DocumentType.BILL, Register.PURCHASES,
                                                                      date(2026, 7, 10))  # fmt: skip
    assert (first.document_number, first.reference, first.reference_date) == (
        "BILL/2026-27/000001", "MCM/2026/0457", date(2026, 7, 9),
    )  # fmt: skip
    assert first.counterparty == Counterparty("party-meghna", "Meghna Cement Mills Ltd", "Mongla, Bagerhat",
                                              "0012345670101", None)  # fmt: skip


def test_an_import_is_on_its_bill_of_entry_and_an_unregistered_supplier_s_purchase_in_note_20() -> None:
    imported = _entries([bill("b2", 2, (bill_line("b2:1", 1, "500000.00", "75000.00"),), bill_of_entry=BILL_OF_ENTRY)])
    unregistered = _entries([bill("b3", 3, (bill_line("b3:1", 1, "8000.00", "0.00"),), supplier=JAMAL)])

    assert (imported[0].note, imported[0].imported) == (15, True)
    assert (imported[0].reference, imported[0].reference_date) == ("C-40512", date(2026, 7, 8))
    assert (unregistered[0].note, unregistered[0].counterparty.nid) == (20, "19858812345678901")


def test_a_supplier_s_credit_note_takes_back_credit_in_note_27_and_a_debit_note_adds_it_in_note_32() -> None:
    recorded = bill("b1", 1, (bill_line("b1:1", 1, "100000.00", "15000.00"),))
    credit_note = supplier_note("b1", "sn-1", SupplierNoteKind.CREDIT, date(2026, 8, 2),
                                note_line("b1:1", "10000.00", "1500.00", "1500.00", "10"))  # fmt: skip
    debit_note = supplier_note("b1", "sn-2", SupplierNoteKind.DEBIT, date(2026, 8, 5),
                               note_line("b1:1", "2000.00", "300.00", "300.00"), number="MCM/DN/3")  # fmt: skip

    entries = _entries([recorded, credit_note, debit_note])

    taken_back, added = entries[1], entries[2]
    assert (taken_back.document_type, taken_back.note, str(taken_back.creditable_vat)) == (
        DocumentType.SUPPLIER_CREDIT_NOTE, 27, "1500.00",
    )  # fmt: skip
    assert (taken_back.entry_date, taken_back.document_number, taken_back.reference) == (
        date(2026, 8, 2), "MCM/CN/12", "MCM/2026/0457",
    )  # fmt: skip
    assert (taken_back.register, taken_back.quantity) == (Register.PURCHASES, D(10))
    assert (added.document_type, added.note, str(added.creditable_vat)) == (DocumentType.SUPPLIER_DEBIT_NOTE, 32,
                                                                            "300.00")  # fmt: skip


def test_a_payment_adds_the_vds_it_deducted_to_note_24_and_the_credit_a_cash_payment_undid_to_note_25() -> None:
    tds = PaymentWithholding("w-2", "b1", WithholdingKind.TDS, D("0.05"), D("100000.00"), D("5000.00"), None)
    made = payment(
        "pay-1", date(2026, 7, 20), withholdings=(vds("w-1", "b1", "100000.00", "10000.00"), tds),
        reversals=(CreditReversal("b2", D("3000.00")),),
        certified=(certificate_row("b1", "115000.00", "15000.00", "10000.00"),),
    )  # fmt: skip

    entries = _entries([made])

    assert [(e.document_type, e.note, e.line_id, str(e.vat)) for e in entries] == [
        (DocumentType.VDS_DEDUCTED, 24, "w-1", "10000.00"),
        (DocumentType.CASH_PAYMENT, 25, "b2", "3000.00"),
    ]
    deducted = entries[0]
    assert (deducted.entry_date, deducted.reference, deducted.register) == (date(2026, 7, 20), "MCM/2026/0457", None)
    assert (str(deducted.value), deducted.vat_rate, deducted.code) == ("100000.00", D("0.10"), "S004.00")
    assert "HO/6.6/2026-27/000001" in deducted.description


def _receipt(*withholdings: Withholding) -> ReceiptRecorded:
    return ReceiptRecorded(
        "rct-1", "RCT/2026-27/000001", 1, 2026, "RAHIM", "party-rahim", date(2026, 8, 1), "CHEQUE", D("300000.00"),
        None, None, None, None, (), withholdings,
    )  # fmt: skip


def test_vds_a_customer_certified_decreases_note_29_on_the_certificate_s_date() -> None:
    receipt = _receipt(
        Withholding("rct-1:1", "inv-1", "VDS", D("45000.00"), "6.6/88", date(2026, 8, 3)),
        Withholding("rct-1:2", "inv-1", "AIT", D("5000.00"), "AIT/1", date(2026, 8, 3)),
        Withholding("rct-1:3", "inv-2", "VDS", D("1500.00"), None, None),
    )

    entries = _entries([receipt])

    assert [(e.document_type, e.note, e.line_id, str(e.vat), e.entry_date) for e in entries] == [
        (DocumentType.VDS_CERTIFIED, 29, "rct-1:1", "45000.00", date(2026, 8, 3)),
    ]
    assert (entries[0].document_number, entries[0].reference) == ("6.6/88", "RCT/2026-27/000001")
    assert entries[0].counterparty == Counterparty("party-rahim", "RAHIM", None, None, None)


def test_a_certificate_recorded_later_adds_its_vds_on_its_own_date() -> None:
    receipt = _receipt(Withholding("rct-1:1", "inv-2", "VDS", D("1500.00"), None, None))
    later = WithholdingCertificateRecorded("rct-1", "rct-1:1", "6.6/91", date(2026, 10, 2))

    entries = _entries([receipt, later])

    assert [(e.note, str(e.vat), e.entry_date, e.document_number) for e in entries] == [
        (29, "1500.00", date(2026, 10, 2), "6.6/91"),
    ]


def test_a_bounced_cheque_or_a_reversed_receipt_undoes_its_certified_vds_on_that_day() -> None:
    receipt = _receipt(Withholding("rct-1:1", "inv-1", "VDS", D("45000.00"), "6.6/88", date(2026, 8, 3)))

    for undoing, day in (
        (ChequeBounced("rct-1", date(2026, 8, 9), "insufficient funds"), date(2026, 8, 9)),
        (ReceiptReversed("rct-1", date(2026, 8, 12), "recorded in error"), date(2026, 8, 12)),
    ):
        entries = _entries([receipt, undoing])

        assert [(e.document_type, e.note, str(e.vat), e.entry_date) for e in entries] == [
            (DocumentType.VDS_CERTIFIED, 29, "45000.00", date(2026, 8, 3)),
            (DocumentType.VDS_CERTIFICATE_UNDONE, 29, "-45000.00", day),
        ]


def test_credit_notes_count_negative_in_their_register_and_every_other_document_as_its_entries_are() -> None:
    assert register_sign(DocumentType.CREDIT_NOTE) == register_sign(DocumentType.SUPPLIER_CREDIT_NOTE) == -1
    others = set(DocumentType) - {DocumentType.CREDIT_NOTE, DocumentType.SUPPLIER_CREDIT_NOTE}
    assert {register_sign(kind) for kind in others} == {1}


def test_a_stream_of_no_document_with_entries_adds_nothing() -> None:
    assert entries_of([]) == []
    assert entries_of([supplier_note("b1", "sn", SupplierNoteKind.DEBIT, date(2026, 8, 1))]) == []
