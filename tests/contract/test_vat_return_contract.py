"""The VAT return on every backend: the lifecycle reads back exactly, a filed period carries its closing
balance to the next, the read model rebuilds to what was written, and a submitted period refuses every
kind of document dated in it (invoices, their changes, approval and cancellation, notes, receipts and
what becomes of them, bills, supplier notes, payments and deposits of withheld tax)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.messages import DomainEvent
from hisab.event_store.ports import Database
from hisab.event_store.streams import appending
from hisab.invoicing.application.commands import ApproveInvoice, CancelInvoice, CreateInvoice, UpdateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import approve_invoice, cancel_invoice, create_invoice, update_invoice
from hisab.invoicing.application.notes import IssueNote, issue_note
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.notes import NoteKind, NoteLineInput, NoteRequest
from hisab.kernel.errors import ConflictError, InvalidInputError
from hisab.kernel.vat import VATCategory
from hisab.purchases.domain.events import (
    BillLine,
    BillRecorded,
    InputCredit,
    PaymentAllocation,
    PaymentRecorded,
    SupplierNoteKind,
    SupplierNoteLine,
    SupplierNoteRecorded,
    SupplierSnapshot,
    WithholdingDepositRecorded,
    WithholdingKind,
)
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.receipts import ChangeReceipt, RecordReceipt, record_receipt, reverse_receipt
from hisab.receivables.domain.receipts import AllocationInput, ReceiptRequest
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.tenant_settings import UpdateTenantSettings, update_tenant_settings
from hisab.taxpayer.domain.policy import ReturnFrequency, TenantPolicy
from hisab.vat_return.adapters.sql.returns import SqlReturnTables
from hisab.vat_return.application.dependencies import VatReturns
from hisab.vat_return.application.return_views import ReturnStatus, ReturnType
from hisab.vat_return.application.returns import (
    AmendReturn,
    PrepareReturn,
    RecordDeposit,
    SubmitReturn,
    amend_vat_return,
    prepare_vat_return,
    record_vat_deposit,
    submit_vat_return,
    tax_periods,
    vat_return,
    vat_return_checks,
)
from hisab.vat_return.domain.checks import INPUT_VAT, OUTPUT_VAT, REGISTER_DOCUMENTS, VDS_CERTIFICATES
from hisab.vat_return.domain.entries import DocumentType
from hisab.vat_return.domain.events import Override
from hisab.vat_return.domain.lifecycle import DepositInput
from tests.builders import actor, checker, rebuild, steel_rods_draft
from tests.vat_return.memory_entries import MemoryReturnEntries, entry
from tests.vat_return.wiring import SettableClock, vat_services

D = Decimal
AUGUST = datetime(2026, 8, 20, 5, 0, tzinfo=UTC)
OCTOBER = datetime(2026, 10, 10, 5, 0, tzinfo=UTC)
NOVEMBER = datetime(2026, 11, 26, 5, 0, tzinfo=UTC)
Q1, Q2 = "2026-27/Q1", "2026-27/Q2"


class World:
    def __init__(self, database: Database[Any]) -> None:
        self.clock = SettableClock(AUGUST)
        self.entries = MemoryReturnEntries()
        services = vat_services(database, self.entries, self.clock)
        self.invoicing = services.get(Invoicing)
        self.receivables = services.get(Receivables)
        self.returns = services.get(VatReturns)
        self.taxpayer = services.get(Taxpayer)

    async def invoice(self, day: date, *, issue: bool = True) -> InvoiceView:
        draft = steel_rods_draft(invoice_date=day, due_date=date(2026, 12, 31))
        created = await create_invoice(CreateInvoice(draft), actor(), self.invoicing)
        if not issue:
            return created
        return await approve_invoice(ApproveInvoice(created.invoice_id), checker(), self.invoicing)

    async def file(self, period: str, at: datetime, *overrides: str) -> None:
        await prepare_vat_return(PrepareReturn(period), actor(), self.returns)
        given = tuple(Override(name, "checked by hand against the registers") for name in overrides)
        await submit_vat_return(SubmitReturn(period, f"NBR-{period}", at, given), actor(), self.returns)


def _locked(error: pytest.ExceptionInfo[InvalidInputError]) -> set[tuple[str, str]]:
    return {(v.field, v.rule) for v in error.value.violations if v.rule == "tax_period_locked"}


async def _refused(attempt: Awaitable[object]) -> set[tuple[str, str]]:
    with pytest.raises(InvalidInputError) as refused:
        await attempt
    assert all("the tax period 2026-27/Q1 was filed on 2026-10-10" in v.message for v in refused.value.violations)
    return _locked(refused)


async def test_a_return_is_prepared_submitted_amended_and_reads_back_exactly(database: Database[Any]) -> None:
    world = World(database)
    world.entries.add("tenant-a", [entry(4, "100000", "15000"), entry(14, "40000", "6000", creditable="6000")])
    world.clock.set(OCTOBER)

    prepared = await prepare_vat_return(PrepareReturn(Q1), actor(), world.returns)
    deposit = DepositInput("VAT", "CH-0001", date(2026, 10, 9), D("9000.5"), "1/1133/0015/0311")
    with_deposit = await record_vat_deposit(RecordDeposit(Q1, deposit), actor(), world.returns)

    assert (prepared.status, prepared.note(34).amount, prepared.due_on) == (
        ReturnStatus.PREPARED, D(9000), date(2026, 10, 15),
    )  # fmt: skip
    assert [(d.challan_number, str(d.amount), d.account_code) for d in with_deposit.deposits] == [
        ("CH-0001", "9000.50", "1/1133/0015/0311")
    ]
    # The deposit changed note 58 of the computation, so the frozen draft no longer matches it.
    with pytest.raises(ConflictError, match="prepare it again"):
        await submit_vat_return(SubmitReturn(Q1, "NBR-1", OCTOBER, ()), actor(), world.returns)

    await prepare_vat_return(PrepareReturn(Q1), actor(), world.returns)
    overrides = (Override(OUTPUT_VAT, "posted later"), Override(INPUT_VAT, "bills are not in the books yet"),
                 Override(REGISTER_DOCUMENTS, "the entries are the test's"))  # fmt: skip
    submitted = await submit_vat_return(SubmitReturn(Q1, "NBR-1", OCTOBER, overrides), actor(), world.returns)

    assert (submitted.status, submitted.return_type, submitted.submission_reference) == (
        ReturnStatus.SUBMITTED, ReturnType.ORIGINAL, "NBR-1",
    )  # fmt: skip
    assert [(n.note, n.amount) for n in submitted.notes if n.note in (34, 58, 65)] == [
        (34, D(9000)), (58, D("9000.50")), (65, D("0.50")),
    ]  # fmt: skip
    assert [len(n.sources) for n in submitted.notes if n.note in (4, 14)] == [1, 1]
    assert [o.check for o in submitted.overrides] == [OUTPUT_VAT, INPUT_VAT, REGISTER_DOCUMENTS]
    assert await vat_return(Q1, actor(), world.returns) == submitted

    world.clock.set(NOVEMBER)
    amended = await amend_vat_return(
        AmendReturn(Q1, "A deposit was keyed twice", "NBR-1-A", NOVEMBER), actor(), world.returns
    )
    assert (amended.status, amended.return_type, amended.amendments) == (ReturnStatus.AMENDED, ReturnType.AMENDED, 1)
    assert await rebuild(database, verify_only=True) == []


async def test_the_closing_balance_of_a_filed_return_is_the_next_returns_note_52(database: Database[Any]) -> None:
    world = World(database)
    # More credited than charged: 6,000 overpaid, carried forward.
    world.entries.add("tenant-a", [entry(14, "40000", "6000", creditable="6000", entry_date=date(2026, 8, 1))])
    world.clock.set(OCTOBER)
    await world.file(Q1, OCTOBER, INPUT_VAT, REGISTER_DOCUMENTS)
    world.entries.add("tenant-a", [entry(4, "100000", "15000", entry_date=date(2026, 11, 2))])

    world.clock.set(datetime(2027, 1, 5, 5, 0, tzinfo=UTC))
    q2 = await vat_return(Q2, actor(), world.returns)

    assert [(n.note, n.amount) for n in q2.notes if n.note in (34, 52, 35, 65)] == [
        (34, D(15000)), (35, D(9000)), (52, D(6000)), (65, D(-9000)),
    ]  # fmt: skip
    # 15 January 2027 is a Friday.
    periods = await tax_periods(date(2026, 6, 1), date(2026, 12, 31), actor(), world.returns)
    assert [(p.period.label, p.status, p.due_on) for p in periods] == [
        ("2026-06", ReturnStatus.OPEN, date(2026, 7, 20)),
        (Q1, ReturnStatus.SUBMITTED, date(2026, 10, 15)),
        (Q2, ReturnStatus.OPEN, date(2027, 1, 17)),
    ]


async def test_the_checks_compare_the_return_with_the_books_and_the_documents(database: Database[Any]) -> None:
    world = World(database)
    invoice = await world.invoice(date(2026, 8, 10))
    line = invoice.lines[0].amounts
    world.entries.add(
        "tenant-a",
        [entry(4, str(line.value), str(line.vat), document_id=invoice.invoice_id, entry_date=date(2026, 8, 20)),
         entry(29, vat="500", document_type=DocumentType.VDS_CERTIFIED, document_id="rct-1", reference=None)],
    )  # fmt: skip
    world.clock.set(OCTOBER)

    checks = {c.name: c for c in await vat_return_checks(Q1, actor(), world.returns)}

    assert checks[OUTPUT_VAT].passed
    assert checks[OUTPUT_VAT].expected == line.vat
    assert checks[REGISTER_DOCUMENTS].passed
    assert checks[REGISTER_DOCUMENTS].expected == 1
    assert not checks[VDS_CERTIFICATES].passed
    await prepare_vat_return(PrepareReturn(Q1), actor(), world.returns)
    with pytest.raises(InvalidInputError) as refused:
        await submit_vat_return(SubmitReturn(Q1, "NBR-1", OCTOBER, ()), actor(), world.returns)
    assert [(v.field, v.rule) for v in refused.value.violations] == [("overrides", "check_failed")]


async def test_a_period_of_the_other_frequency_is_refused(database: Database[Any]) -> None:
    world = World(database)
    monthly = TenantPolicy(vat_return_frequency=ReturnFrequency.MONTHLY)
    await update_tenant_settings(UpdateTenantSettings(monthly), actor(), world.taxpayer)

    with pytest.raises(InvalidInputError) as refused:
        await vat_return(Q1, actor(), world.returns)

    assert [(v.field, v.rule) for v in refused.value.violations] == [("period", "return_frequency")]
    assert (await vat_return("2026-08", actor(), world.returns)).period == "2026-08"


async def test_a_submitted_period_refuses_every_sales_document_dated_in_it(database: Database[Any]) -> None:
    world = World(database)
    issued = await world.invoice(date(2026, 8, 10))
    to_cancel = await world.invoice(date(2026, 8, 5))
    draft = await world.invoice(date(2026, 8, 12), issue=False)
    receipt_request = ReceiptRequest(
        "customer-001", None, date(2026, 8, 20), "BANK_TRANSFER", D(1000), None, None, None, None,
        (AllocationInput(issued.invoice_id, D(1000)),),
    )  # fmt: skip
    receipt = await record_receipt(RecordReceipt(receipt_request), actor(), world.receivables)
    world.clock.set(OCTOBER)
    await world.file(Q1, OCTOBER, OUTPUT_VAT, REGISTER_DOCUMENTS)
    world.clock.set(NOVEMBER)
    line = NoteLineInput(issued.lines[0].line_id, D(1))

    def note(kind: NoteKind, on: date) -> Awaitable[object]:
        reason = "PRICE_REDUCTION" if kind is NoteKind.CREDIT else "PRICE_INCREASE"
        request = NoteRequest(kind, on, reason, None, (line,))
        return issue_note(IssueNote(issued.invoice_id, request), actor(), world.invoicing)

    attempts: list[tuple[Callable[[], Awaitable[object]], set[tuple[str, str]]]] = [
        (lambda: world.invoice(date(2026, 9, 30), issue=False), {("invoice_date", "tax_period_locked")}),
        (
            lambda: update_invoice(
                UpdateInvoice(draft.invoice_id, None, {"buyer_name": "X"}), actor(), world.invoicing
            ),
            {("invoice_date", "tax_period_locked")},
        ),
        (
            lambda: approve_invoice(ApproveInvoice(draft.invoice_id), checker(), world.invoicing),
            {("invoice_date", "tax_period_locked")},
        ),
        (
            lambda: cancel_invoice(CancelInvoice(to_cancel.invoice_id, "keyed twice"), actor(), world.invoicing),
            {("invoice_date", "tax_period_locked"), ("issued_at", "tax_period_locked")},
        ),
        (lambda: note(NoteKind.CREDIT, date(2026, 9, 1)), {("date", "tax_period_locked")}),
        (lambda: note(NoteKind.DEBIT, date(2026, 9, 2)), {("date", "tax_period_locked")}),
        (
            lambda: record_receipt(
                RecordReceipt(replace(receipt_request, receipt_date=date(2026, 9, 10))),
                actor(),
                world.receivables,
            ),
            {("date", "tax_period_locked")},
        ),
        (
            lambda: reverse_receipt(
                ChangeReceipt(receipt.receipt_id, date(2026, 9, 30), "recorded in error"), actor(), world.receivables
            ),
            {("date", "tax_period_locked")},
        ),
    ]
    for attempt, expected in attempts:
        assert await _refused(attempt()) == expected

    # Corrections dated in an open period go through.
    credited = await note(NoteKind.CREDIT, date(2026, 11, 20))
    assert credited is not None
    later = await world.invoice(date(2026, 10, 1))
    assert later.mushak_number is not None


def _supplier() -> SupplierSnapshot:
    return SupplierSnapshot("party-9", "Bashundhara Cement Ltd", "Dhaka", "000123456-0101", None, None)


def _bill(received: date) -> BillRecorded:
    line = BillLine(
        "bill-1:1", 1, "Cement", None, "2523.29.00", None, D(100), "bag", D(50000), D(0), D(7500),
        VATCategory.STANDARD, D(15), InputCredit.CLAIM, InputCredit.CLAIM, None, None, None,
    )  # fmt: skip
    return BillRecorded(
        "bill-1", "BILL/2026-27/000001", 1, 2026, _supplier(), "BCL/6.3/1001", received, received,
        date(2026, 12, 31), None, (line,), None,
    )  # fmt: skip


# (stream, the event refused, the date field it names); a supplier's note is on a bill of an earlier month.
PURCHASE_EVENTS: list[tuple[str, DomainEvent, str]] = [
    ("bill-new", _bill(date(2026, 9, 15)), "received_date"),
    (
        "bill-1",
        SupplierNoteRecorded(
            "bill-1",
            "sn-1",
            SupplierNoteKind.CREDIT,
            "BCL/6.7/1",
            date(2026, 9, 20),
            "returned",
            (SupplierNoteLine("bill-1:1", D(1), D(500), D(0), D(75), D(75)),),
        ),
        "date",
    ),
    (
        "payment-1",
        PaymentRecorded(
            "payment-1",
            "PAY/2026-27/000001",
            1,
            2026,
            _supplier(),
            date(2026, 9, 25),
            "BANK_TRANSFER",
            D(57500),
            None,
            None,
            (PaymentAllocation("bill-1", D(57500)),),
            (),
            (),
            None,
        ),
        "date",
    ),
    (
        "deposit-1",
        WithholdingDepositRecorded("deposit-1", WithholdingKind.VDS, "CH-9", date(2026, 9, 28), D(1000), None),
        "date",
    ),
]


@pytest.mark.parametrize(("stream_id", "event", "field"), PURCHASE_EVENTS, ids=[e[0] for e in PURCHASE_EVENTS])
async def test_a_submitted_period_refuses_every_purchase_document_dated_in_it(
    database: Database[Any], stream_id: str, event: DomainEvent, field: str
) -> None:
    world = World(database)
    before = []
    if isinstance(event, SupplierNoteRecorded):
        world.clock.set(datetime(2026, 6, 1, 4, 0, tzinfo=UTC))
        await world.returns.streams.change(actor(), stream_id, appending([_bill(date(2026, 6, 1))]), noun="bill",
                                           may_be_new=True)  # fmt: skip
        before = await world.returns.streams.read("tenant-a", stream_id)
    world.clock.set(OCTOBER)
    await world.file(Q1, OCTOBER)
    world.clock.set(NOVEMBER)

    with pytest.raises(InvalidInputError) as refused:
        await world.returns.streams.change(actor(), stream_id, appending([event]), noun="document", may_be_new=True)

    assert _locked(refused) == {(field, "tax_period_locked")}
    assert await world.returns.streams.read("tenant-a", stream_id) == before


async def test_another_tenants_filed_period_locks_nothing_of_this_one(database: Database[Any]) -> None:
    world = World(database)
    world.clock.set(OCTOBER)
    await prepare_vat_return(PrepareReturn(Q1), actor("tenant-b"), world.returns)
    await submit_vat_return(SubmitReturn(Q1, "NBR-B", OCTOBER, ()), actor("tenant-b"), world.returns)
    world.clock.set(NOVEMBER)

    created = await world.invoice(date(2026, 9, 30), issue=False)

    assert created.invoice_date == date(2026, 9, 30)


async def test_days_filed_in_a_month_are_not_filed_again_in_a_quarter(database: Database[Any]) -> None:
    world = World(database)
    monthly = TenantPolicy(vat_return_frequency=ReturnFrequency.MONTHLY)
    await update_tenant_settings(UpdateTenantSettings(monthly), actor(), world.taxpayer)
    world.clock.set(OCTOBER)
    await world.file("2026-08", OCTOBER)
    await update_tenant_settings(UpdateTenantSettings(TenantPolicy()), actor(), world.taxpayer)

    with pytest.raises(InvalidInputError) as refused:
        await prepare_vat_return(PrepareReturn(Q1), actor(), world.returns)

    assert [(v.field, v.rule) for v in refused.value.violations] == [("period", "filed_as_other_period")]
    assert (await prepare_vat_return(PrepareReturn(Q2), actor(), world.returns)).status is ReturnStatus.PREPARED


async def test_after_a_change_to_quarterly_the_last_months_balance_is_carried(database: Database[Any]) -> None:
    world = World(database)
    monthly = TenantPolicy(vat_return_frequency=ReturnFrequency.MONTHLY)
    await update_tenant_settings(UpdateTenantSettings(monthly), actor(), world.taxpayer)
    world.entries.add("tenant-a", [entry(14, "10000", "1500", creditable="1500", entry_date=date(2026, 9, 3))])
    world.clock.set(OCTOBER)
    await world.file("2026-09", OCTOBER, INPUT_VAT, REGISTER_DOCUMENTS)
    await update_tenant_settings(UpdateTenantSettings(TenantPolicy()), actor(), world.taxpayer)

    q2 = await vat_return(Q2, actor(), world.returns)

    assert q2.note(52).amount == D(1500)


# The fake and SQLite take one writer at a time; only PostgreSQL has a document and a filing that race.


@pytest.fixture
async def postgres(postgres_url: str) -> AsyncIterator[PostgresDatabase]:
    opened = await PostgresDatabase.open(postgres_url, min_size=1, max_size=12)
    yield opened
    await opened.close()


@pytest.mark.postgres
async def test_a_submission_waits_for_a_document_in_flight_and_then_files_what_it_changed(
    postgres: PostgresDatabase,
) -> None:
    world = World(postgres)
    world.clock.set(OCTOBER)
    await prepare_vat_return(PrepareReturn(Q1), actor(), world.returns)

    async with postgres.transaction("tenant-a") as document:
        # A document dated in the period, checked by the lock and not yet committed.
        await SqlReturnTables().share(document.tables, "tenant-a")
        filing = asyncio.create_task(submit_vat_return(SubmitReturn(Q1, "NBR-1", OCTOBER, ()), actor(), world.returns))
        await asyncio.sleep(0.5)
        assert not filing.done()
        # Its entry is written in its transaction; it commits.
        world.entries.add("tenant-a", [entry(4, "1000", "150", entry_date=date(2026, 9, 30))])
        await document.commit()

    with pytest.raises(ConflictError, match="prepare it again"):
        await filing
