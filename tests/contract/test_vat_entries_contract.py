"""The return entries on every backend: what each document's stream adds reads back exactly as entry_rules makes
it, summed by note in one query, counted by document, paged as the registers (serials, signs, totals, the NID of an
unregistered buyer from the party master), kept apart by tenant, and rebuilt to what was written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from hisab.event_store.ports import Database
from hisab.invoicing.application.commands import ApproveInvoice, CancelInvoice, CreateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import approve_invoice, cancel_invoice, create_invoice
from hisab.invoicing.application.notes import IssueNote, issue_note
from hisab.invoicing.application.parties import create_party
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.draft import LineInput
from hisab.invoicing.domain.notes import NoteKind, NoteLineInput, NoteRequest
from hisab.invoicing.domain.party import PartyInput, PartyKind
from hisab.kernel.errors import InvalidCursorError, InvalidInputError
from hisab.kernel.services import Services
from hisab.kernel.vat import VATCategory
from hisab.purchases.domain.events import CreditReversal, InputCredit, SupplierNoteKind
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.receipts import ChangeReceipt, RecordReceipt, bounce_cheque, record_receipt
from hisab.receivables.domain.receipts import AllocationInput, ChequeInput, ReceiptRequest, WithholdingInput
from hisab.vat_return.application.register_views import RemarkKind
from hisab.vat_return.application.registers import Registers, register_page, whole_register
from hisab.vat_return.domain.entries import DocumentType, Register, ReturnEntry
from hisab.vat_return.domain.entry_rules import entries_of
from tests.builders import actor, checker, rebuild, services, steel_rods_draft
from tests.vat_builders import (
    BILL_OF_ENTRY,
    JAMAL,
    bill,
    bill_line,
    certificate_row,
    note_line,
    payment,
    record,
    supplier_note,
    vds,
)

D = Decimal
START, END = date(2026, 7, 1), date(2026, 12, 31)
# The services' clock stands at 10:00 on 26 November 2026 in Dhaka: every invoice is issued that day.
ISSUED_ON = date(2026, 11, 26)
NID = "19901234567890123"


@dataclass(frozen=True, slots=True)
class Quarter:
    wired: Services
    stream_ids: list[str]
    walk_in: InvoiceView
    registered: InvoiceView
    cancelled: InvoiceView


async def _issued(invoicing: Invoicing, tenant: str = "tenant-a", **changes: object) -> InvoiceView:
    created = await create_invoice(CreateInvoice(steel_rods_draft(**changes)), actor(tenant), invoicing)
    return await approve_invoice(ApproveInvoice(created.invoice_id), checker(tenant), invoicing)


async def _documents(database: Database[Any]) -> Quarter:
    """One of every document with entries: invoices (one to an unregistered buyer with an NID in the party master,
    one cancelled), a credit and a debit note, a receipt with certified VDS whose cheque bounced, bills (one an
    import, one from an unregistered supplier) with a supplier's credit and debit note, and a payment with VDS."""
    wired = services(database)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    walk_in_party = await create_party(
        PartyInput("KARIM", (PartyKind.CUSTOMER,), "Karim Uddin", nid=NID, address="Mirpur 10, Dhaka"), actor(),
        invoicing,
    )  # fmt: skip
    walk_in = await _issued(
        invoicing, customer_id="KARIM", customer_party_id=walk_in_party.party_id, buyer_name="Karim Uddin"
    )
    two_rates = (
        LineInput("Site supervision", D(1), D(200000), service_code="S004.00"),
        LineInput("Consultancy", D(1), D(50000), vat_category=VATCategory.REDUCED, service_code="S032.00"),
    )
    registered = await _issued(invoicing, lines=two_rates, customer_bin="001745707-0402", buyer_name="Rahim Builders")
    nameless = await _issued(invoicing)  # no BIN, no party: the register flags it
    cancelled = await _issued(invoicing)
    await cancel_invoice(CancelInvoice(cancelled.invoice_id, "issued twice"), checker(), invoicing)
    first_line = registered.lines[0].line_id
    for kind, amount in ((NoteKind.CREDIT, "10000"), (NoteKind.DEBIT, "4000")):
        request = NoteRequest(kind, None, "PRICE_REDUCTION" if kind is NoteKind.CREDIT else "PRICE_INCREASE", None,
                              (NoteLineInput(first_line, amount=D(amount)),))  # fmt: skip
        await issue_note(IssueNote(registered.invoice_id, request), actor(), invoicing)
    receipt = await record_receipt(
        RecordReceipt(
            ReceiptRequest(
                "customer-001", None, date(2026, 11, 26), "CHEQUE", D("400000.00"), None, None,
                ChequeInput("004512", "Sonali Bank", None, date(2026, 11, 26)), None,
                (AllocationInput(nameless.invoice_id, D("400000.00")),),
                (WithholdingInput(nameless.invoice_id, "VDS", D("75000.00"), "6.6/2026/88", date(2026, 11, 26)),),
            )
        ),
        actor(),
        receivables,
    )  # fmt: skip
    await bounce_cheque(
        ChangeReceipt(receipt.receipt_id, date(2026, 11, 26), "insufficient funds"), actor(), receivables
    )
    streams = invoicing.streams
    bills = [
        bill("bill-1", 1, (bill_line("bill-1:1", 1, "100000.00", "15000.00"),
                           bill_line("bill-1:2", 2, "20000.00", "3000.00", credit=InputCredit.NOT_ELIGIBLE))),
        bill("bill-2", 2, (bill_line("bill-2:1", 1, "500000.00", "75000.00"),), bill_of_entry=BILL_OF_ENTRY,
             received=date(2026, 7, 12), invoice_number="MCM/2026/0458"),
        bill("bill-3", 3, (bill_line("bill-3:1", 1, "8000.00", "0.00", category=VATCategory.EXEMPT, rate="0"),),
             supplier=JAMAL, received=date(2026, 7, 15)),
    ]  # fmt: skip
    for each in bills:
        await record(streams, actor(), each.bill_id, each)
    await record(
        streams, actor(), "bill-1",
        supplier_note("bill-1", "sn-1", SupplierNoteKind.CREDIT, date(2026, 8, 2),
                      note_line("bill-1:1", "10000.00", "1500.00", "1500.00", "10")),
        supplier_note("bill-1", "sn-2", SupplierNoteKind.DEBIT, date(2026, 8, 5),
                      note_line("bill-1:1", "2000.00", "300.00", "300.00"), number="MCM/DN/3"),
    )  # fmt: skip
    paid = payment(
        "pay-1", date(2026, 7, 20), withholdings=(vds("pay-1:1", "bill-1", "100000.00", "10000.00"),),
        reversals=(CreditReversal("bill-1", D("1000.00")),),
        certified=(certificate_row("bill-1", "115000.00", "15000.00", "10000.00"),),
    )  # fmt: skip
    await record(streams, actor(), "pay-1", paid)
    ids = [walk_in.invoice_id, registered.invoice_id, nameless.invoice_id, cancelled.invoice_id, receipt.receipt_id,
           "bill-1", "bill-2", "bill-3", "pay-1"]  # fmt: skip
    return Quarter(wired, ids, walk_in, registered, cancelled)


def _order(entry: ReturnEntry) -> tuple[object, ...]:
    return (entry.entry_date, entry.document_number, entry.document_type.value, entry.document_id, entry.line_id)


async def test_every_document_s_entries_read_back_exactly_as_its_events_make_them(database: Database[Any]) -> None:
    quarter = await _documents(database)
    streams = quarter.wired.get(Invoicing).streams
    expected: list[ReturnEntry] = []
    for stream_id in quarter.stream_ids:
        history = await streams.read("tenant-a", stream_id)
        expected += [p.entry for p in entries_of([s.event for s in history])]

    read = await quarter.wired.get(Registers).entries.entries("tenant-a", START, END)

    assert sorted(read, key=_order) == sorted(expected, key=_order)
    assert {e.document_type for e in read} == set(DocumentType)
    assert [str(e.value) for e in read if e.document_type is DocumentType.INVOICE_CANCELLATION] == ["-500000.00"]


async def test_the_entries_of_a_note_or_a_register_are_in_date_document_and_line_order(
    database: Database[Any],
) -> None:
    quarter = await _documents(database)
    entries = quarter.wired.get(Registers).entries

    purchases = await entries.entries("tenant-a", START, END, register=Register.PURCHASES)
    note_29 = await entries.entries("tenant-a", START, END, notes=frozenset({29}))
    july = await entries.entries("tenant-a", START, date(2026, 7, 31), notes=frozenset({14, 15, 20, 21, 12}))

    assert [(e.document_id, e.line_id) for e in purchases] == [
        ("bill-1", "bill-1:1"), ("bill-1", "bill-1:2"), ("bill-2", "bill-2:1"), ("bill-3", "bill-3:1"),
        ("sn-1", "bill-1:1"), ("sn-2", "bill-1:1"),
    ]  # fmt: skip
    # One day, one certificate: the undoing sorts before the certified by its type's name.
    assert [(e.document_type, str(e.vat)) for e in note_29] == [
        (DocumentType.VDS_CERTIFICATE_UNDONE, "-75000.00"), (DocumentType.VDS_CERTIFIED, "75000.00"),
    ]  # fmt: skip
    assert [e.note for e in july] == [14, 21, 15, 20]


async def test_a_page_of_each_sub_form_is_the_first_entries_of_each_note_in_its_order(
    database: Database[Any],
) -> None:
    quarter = await _documents(database)
    entries = quarter.wired.get(Registers).entries
    every = await entries.entries("tenant-a", START, END)

    for notes in (None, frozenset({29, 14, 31})):
        firsts = await entries.entries("tenant-a", START, END, notes=notes, per_note=1)
        wanted = [e for e in every if notes is None or e.note in notes]
        expected = [e for n, e in enumerate(wanted) if all(f.note != e.note for f in wanted[:n])]
        assert firsts == expected
    assert len(await entries.entries("tenant-a", START, END, notes=frozenset({29}), per_note=5)) == 2
    assert await entries.entries("tenant-a", START, END, notes=frozenset(), per_note=5) == []


async def test_the_notes_are_summed_by_note_over_the_period_and_documents_counted_by_type(
    database: Database[Any],
) -> None:
    quarter = await _documents(database)
    entries = quarter.wired.get(Registers).entries

    sums = await entries.note_sums("tenant-a", START, END)
    counted = await entries.documents("tenant-a", START, END)

    def figures(note: int) -> tuple[str, str, str, str, int]:
        s = sums[note]
        return str(s.value), str(s.supplementary_duty), str(s.vat), str(s.creditable_vat), s.entries

    # Three steel-rods invoices at 5,00,000 + 75,000 VAT, one of them cancelled; supervision at 2,00,000 + 15%.
    assert figures(4) == ("1200000.00", "0.00", "180000.00", "0.00", 5)
    assert figures(7)[0] == "50000.00"
    assert figures(14) == ("100000.00", "0.00", "15000.00", "15000.00", 1)
    assert figures(15) == ("500000.00", "0.00", "75000.00", "75000.00", 1)
    assert figures(21) == ("20000.00", "0.00", "3000.00", "0.00", 1)
    assert figures(20) == ("8000.00", "0.00", "0.00", "0.00", 1)
    assert (figures(24)[2], figures(25)[2]) == ("10000.00", "1000.00")
    assert (figures(27)[3], figures(32)[3]) == ("1500.00", "300.00")
    assert figures(29) == ("0.00", "0.00", "0.00", "0.00", 2)
    assert (figures(31)[0], figures(26)[0]) == ("10000.00", "4000.00")
    assert counted == {
        DocumentType.INVOICE: 4, DocumentType.INVOICE_CANCELLATION: 1, DocumentType.CREDIT_NOTE: 1,
        DocumentType.DEBIT_NOTE: 1, DocumentType.BILL: 3, DocumentType.SUPPLIER_CREDIT_NOTE: 1,
        DocumentType.SUPPLIER_DEBIT_NOTE: 1, DocumentType.VDS_DEDUCTED: 1, DocumentType.CASH_PAYMENT: 1,
        DocumentType.VDS_CERTIFIED: 1, DocumentType.VDS_CERTIFICATE_UNDONE: 1,
    }  # fmt: skip
    assert await entries.note_sums("tenant-a", date(2026, 9, 1), date(2026, 9, 30)) == {}


async def test_the_sales_register_numbers_its_rows_signs_credit_notes_and_flags_a_buyer_without_bin_or_nid(
    database: Database[Any],
) -> None:
    quarter = await _documents(database)
    registers = quarter.wired.get(Registers)

    page = await whole_register(Register.SALES, START, END, actor(), registers)

    assert [row.serial for row in page.rows] == list(range(1, 9))
    by_type = {row.document_type: row for row in page.rows}
    credited = by_type[DocumentType.CREDIT_NOTE]
    assert (str(credited.value), credited.remarks[0].kind, credited.remarks[0].reference) == (
        "-10000.00", RemarkKind.CREDIT_NOTE, quarter.registered.mushak_number,
    )  # fmt: skip
    walk_in = next(row for row in page.rows if row.entry.document_id == quarter.walk_in.invoice_id)
    assert (walk_in.nid, walk_in.bin, walk_in.missing_buyer_id) == (NID, None, False)
    flagged = [row for row in page.rows if row.missing_buyer_id]
    assert {row.counterparty_name for row in flagged} == {"customer-001"}
    assert all(RemarkKind.MISSING_BUYER_ID in [r.kind for r in row.remarks] for row in flagged)
    registered = next(row for row in page.rows if row.entry.document_id == quarter.registered.invoice_id)
    assert (registered.bin, registered.issued_at is not None, registered.entry_date) == (
        "0017457070402", True, ISSUED_ON,
    )  # fmt: skip
    # Four invoices less the cancelled one, less the credit, plus the debit.
    assert (str(page.totals.value), str(page.totals.creditable_vat)) == ("1244000.00", "0.00")


async def test_the_purchase_register_prints_the_supplier_s_invoice_or_bill_of_entry_with_the_credit_taken(
    database: Database[Any],
) -> None:
    quarter = await _documents(database)

    page = await whole_register(Register.PURCHASES, START, END, actor(), quarter.wired.get(Registers))

    assert [(row.serial, row.document_number, str(row.value), str(row.creditable_vat)) for row in page.rows] == [
        (1, "MCM/2026/0457", "100000.00", "15000.00"),
        (2, "MCM/2026/0457", "20000.00", "0.00"),
        (3, "C-40512", "500000.00", "75000.00"),
        (4, "MCM/2026/0457", "8000.00", "0.00"),
        (5, "MCM/CN/12", "-10000.00", "-1500.00"),
        (6, "MCM/DN/3", "2000.00", "300.00"),
    ]
    assert [[r.kind for r in row.remarks] for row in page.rows] == [
        [], [RemarkKind.INPUT_CREDIT_NOT_TAKEN], [RemarkKind.IMPORT], [], [RemarkKind.SUPPLIER_CREDIT_NOTE],
        [RemarkKind.SUPPLIER_DEBIT_NOTE],
    ]  # fmt: skip
    assert (page.rows[3].nid, page.rows[3].bin, page.rows[3].missing_buyer_id) == ("19858812345678901", None, False)
    assert (str(page.totals.value), str(page.totals.vat), str(page.totals.creditable_vat)) == (
        "620000.00", "91800.00", "88800.00",
    )  # fmt: skip


async def test_a_register_is_read_in_keyset_pages_that_number_on_across_pages(database: Database[Any]) -> None:
    quarter = await _documents(database)
    registers = quarter.wired.get(Registers)
    whole = await whole_register(Register.SALES, START, END, actor(), registers)

    seen, after = [], None
    while True:
        page = await register_page(Register.SALES, START, END, 2, after, actor(), registers)
        assert page.total_count == 8
        assert page.totals == whole.totals
        seen += page.rows
        if not page.has_next_page:
            break
        after = page.rows[-1].cursor

    assert [(row.serial, row.entry) for row in seen] == [(row.serial, row.entry) for row in whole.rows]
    with pytest.raises(InvalidCursorError):
        await register_page(Register.PURCHASES, START, END, 2, whole.rows[0].cursor, actor(), registers)
    with pytest.raises(InvalidInputError):
        await register_page(Register.SALES, END, START, 2, None, actor(), registers)


async def test_another_tenant_s_entries_are_never_read(database: Database[Any]) -> None:
    quarter = await _documents(database)
    await _issued(quarter.wired.get(Invoicing), "tenant-b")
    entries = quarter.wired.get(Registers).entries

    theirs = await entries.entries("tenant-b", START, END)
    ours = await whole_register(Register.SALES, START, END, actor(), quarter.wired.get(Registers))

    assert [(e.document_type, e.note) for e in theirs] == [(DocumentType.INVOICE, 4)]
    assert ours.total_count == 8
    assert (await entries.note_sums("tenant-b", START, END))[4].entries == 1


async def test_the_rebuild_finds_the_entries_as_written_and_restores_them(database: Database[Any]) -> None:
    quarter = await _documents(database)
    entries = quarter.wired.get(Registers).entries
    before = await entries.entries("tenant-a", START, END)

    assert await rebuild(database, verify_only=True) == []
    assert await rebuild(database, verify_only=False) == []
    assert await entries.entries("tenant-a", START, END) == before
