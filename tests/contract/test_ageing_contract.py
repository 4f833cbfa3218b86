"""The ageing and the statements on every backend: one customer's invoices, receipts, withholding, notes,
advances and a bounced cheque, read as of several days, and the statement's closing equal to what the
balances say is owed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from hisab.event_store.ports import Database
from hisab.invoicing.application.commands import ApproveInvoice, CreateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import approve_invoice, create_invoice
from hisab.invoicing.application.notes import IssueNote, issue_note
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.draft import LineInput
from hisab.invoicing.domain.notes import NoteKind, NoteLineInput, NoteRequest
from hisab.kernel.errors import InvalidInputError
from hisab.receivables.application.ageing import receivables_ageing
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.ports import BalanceFilter, Customer
from hisab.receivables.application.receipts import (
    AllocateAdvance,
    ChangeReceipt,
    RecordReceipt,
    allocate_advance,
    bounce_cheque,
    deposit_cheque,
    record_receipt,
)
from hisab.receivables.application.statements import customer_statement
from hisab.receivables.application.views import ReceiptView
from hisab.receivables.domain.ageing import AgeingReport
from hisab.receivables.domain.receipts import AllocationInput, ChequeInput, ReceiptRequest, WithholdingInput
from hisab.receivables.domain.statement import Statement
from tests.builders import actor, checker, services, steel_rods_draft

D = Decimal
CUSTOMER = Customer(customer_id="customer-001")


class Calendar:
    """Starts on 2 November 2026 (Dhaka), a second per reading, and days on when told."""

    def __init__(self) -> None:
        self._moment = datetime(2026, 11, 2, 4, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self._moment += timedelta(seconds=1)
        return self._moment

    def turn(self, days: int) -> None:
        self._moment += timedelta(days=days)


async def _issued(invoicing: Invoicing, units: int, due: date, customer: str = "customer-001") -> InvoiceView:
    draft = steel_rods_draft(
        customer_id=customer,
        invoice_date=date(2026, 11, 2),
        due_date=due,
        lines=(LineInput("Construction Materials - Steel Rods", D(units), D(5000)),),
    )
    created = await create_invoice(CreateInvoice(draft), actor(), invoicing)
    return await approve_invoice(ApproveInvoice(created.invoice_id), checker(), invoicing)


def _receipt(
    amount: str, allocations: dict[str, str], withheld: dict[str, str] | None = None, cheque: bool = False
) -> ReceiptRequest:
    return ReceiptRequest(
        customer_id="customer-001",
        customer_party_id=None,
        receipt_date=None,
        method="CHEQUE" if cheque else "BANK_TRANSFER",
        amount=D(amount),
        deposit_account_code=None,
        reference=None,
        cheque=ChequeInput("004512", "Sonali Bank", "Motijheel", date(2026, 11, 5)) if cheque else None,
        wallet=None,
        allocations=tuple(AllocationInput(i, D(a)) for i, a in allocations.items()),
        withholdings=tuple(WithholdingInput(i, "VDS", D(a)) for i, a in (withheld or {}).items()),
    )


def _rows(report: AgeingReport) -> list[tuple[str, list[str], str]]:
    return [(c.customer_id, [str(a) for a in c.amounts], str(c.total)) for c in report.customers]


def _lines(statement: Statement) -> list[tuple[str, str, str, str, str, str]]:
    return [
        (
            line.entry.on.isoformat(), line.entry.kind.value, line.entry.document, str(line.entry.debit),
            str(line.entry.credit), str(line.balance),
        )
        for line in statement.lines
    ]  # fmt: skip


async def _outstanding(receivables: Receivables) -> Decimal:
    page = await receivables.queries.list_balances("tenant-a", BalanceFilter(customer_id="customer-001"), 100, None)
    return sum((b.outstanding for b in page.balances), D("0.00"))


@pytest.fixture
async def history(database: Database[Any]) -> tuple[Receivables, InvoiceView, InvoiceView, ReceiptView]:
    """Two invoices of 2 November, a receipt with VDS on the 12th, a credit note on the 17th, an advance applied
    on the 22nd."""
    calendar = Calendar()
    wired = services(database, calendar)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    rods = await _issued(invoicing, 100, date(2026, 12, 2))
    small = await _issued(invoicing, 10, date(2026, 11, 10))
    calendar.turn(10)
    paid = _receipt("60000.00", {rods.invoice_id: "50000.00"}, {small.invoice_id: "2000.00"})
    receipt = await record_receipt(RecordReceipt(paid), actor(), receivables)
    calendar.turn(5)
    credit = NoteRequest(NoteKind.CREDIT, None, "RETURN", None, (NoteLineInput(rods.lines[0].line_id, quantity=D(10)),))
    await issue_note(IssueNote(rods.invoice_id, credit), actor(), invoicing)
    calendar.turn(5)
    allocation = (AllocationInput(small.invoice_id, D("5000.00")),)
    await allocate_advance(AllocateAdvance(receipt.receipt_id, allocation), actor(), receivables)
    return receivables, rods, small, receipt


async def test_the_ageing_of_today_buckets_what_each_invoice_still_owes_by_its_due_date(
    history: tuple[Receivables, InvoiceView, InvoiceView, ReceiptView],
) -> None:
    receivables, *_ = history

    report = await receivables_ageing(date(2026, 11, 22), actor(), receivables)

    assert _rows(report) == [
        ("customer-001", ["467500.00", "50500.00", "0.00", "0.00", "0.00"], "518000.00"),
    ]
    assert [str(total) for total in report.totals] == ["467500.00", "50500.00", "0.00", "0.00", "0.00"]
    assert str(report.total) == str(await _outstanding(receivables)) == "518000.00"


async def test_the_ageing_of_a_past_day_counts_only_what_had_happened_by_then(
    history: tuple[Receivables, InvoiceView, InvoiceView, ReceiptView],
) -> None:
    receivables, *_ = history

    before_the_note = await receivables_ageing(date(2026, 11, 15), actor(), receivables)
    before_the_receipt = await receivables_ageing(date(2026, 11, 11), actor(), receivables)
    before_the_invoices = await receivables_ageing(date(2026, 11, 1), actor(), receivables)

    assert _rows(before_the_note) == [
        ("customer-001", ["525000.00", "55500.00", "0.00", "0.00", "0.00"], "580500.00"),
    ]
    assert _rows(before_the_receipt) == [
        ("customer-001", ["575000.00", "57500.00", "0.00", "0.00", "0.00"], "632500.00"),
    ]
    assert _rows(before_the_invoices) == []


async def test_buckets_of_a_later_day_and_bounds_of_ones_own_put_each_invoice_where_its_days_fall(
    history: tuple[Receivables, InvoiceView, InvoiceView, ReceiptView],
) -> None:
    receivables, *_ = history

    later = await receivables_ageing(date(2027, 1, 15), actor(), receivables)
    weekly = await receivables_ageing(date(2026, 11, 22), actor(), receivables, bounds=(7, 14))

    # 44 days past due (31–60) and 66 (61–90); then 12 days (8–14) with the first still current.
    assert _rows(later) == [("customer-001", ["0.00", "0.00", "467500.00", "50500.00", "0.00"], "518000.00")]
    assert _rows(weekly) == [("customer-001", ["467500.00", "0.00", "50500.00", "0.00"], "518000.00")]


async def test_an_ageing_of_one_customer_leaves_the_others_out(database: Database[Any]) -> None:
    wired = services(database, Calendar())
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    await _issued(invoicing, 1, date(2026, 12, 2))
    await _issued(invoicing, 2, date(2026, 12, 2), customer="customer-002")

    everyone = await receivables_ageing(date(2026, 11, 2), actor(), receivables)
    one = await receivables_ageing(date(2026, 11, 2), actor(), receivables, customer=Customer("customer-002"))
    other_tenant = await receivables_ageing(date(2026, 11, 2), actor("tenant-b"), receivables)

    assert [(c.customer_id, str(c.total)) for c in everyone.customers] == [
        ("customer-001", "5750.00"),
        ("customer-002", "11500.00"),
    ]
    assert [(c.customer_id, str(c.total)) for c in one.customers] == [("customer-002", "11500.00")]
    assert other_tenant.customers == ()


async def test_a_statement_runs_from_what_was_owed_before_it_to_what_the_balances_say_is_owed(
    history: tuple[Receivables, InvoiceView, InvoiceView, ReceiptView],
) -> None:
    receivables, rods, small, receipt = history

    whole = await customer_statement(CUSTOMER, date(2026, 11, 1), date(2026, 11, 22), actor(), receivables)
    part = await customer_statement(CUSTOMER, date(2026, 11, 15), date(2026, 11, 22), actor(), receivables)

    number = receipt.receipt_number
    assert _lines(whole) == [
        ("2026-11-02", "INVOICE", rods.mushak_number, "575000.00", "0.00", "575000.00"),
        ("2026-11-02", "INVOICE", small.mushak_number, "57500.00", "0.00", "632500.00"),
        ("2026-11-12", "RECEIPT", number, "0.00", "50000.00", "582500.00"),
        ("2026-11-12", "VDS", number, "0.00", "2000.00", "580500.00"),
        ("2026-11-17", "CREDIT_NOTE", "HO/CN/2026-27/000001", "0.00", "57500.00", "523000.00"),
        ("2026-11-22", "ADVANCE_APPLIED", number, "0.00", "5000.00", "518000.00"),
    ]
    assert (str(part.opening), str(part.debits), str(part.credits)) == ("580500.00", "0.00", "62500.00")
    assert str(part.closing) == str(whole.closing) == str(await _outstanding(receivables)) == "518000.00"
    assert str(part.unapplied_advance) == "5000.00"


async def test_a_bounced_cheque_is_owed_again_from_the_day_it_bounced(database: Database[Any]) -> None:
    calendar = Calendar()
    wired = services(database, calendar)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    rods = await _issued(invoicing, 100, date(2026, 12, 2))
    calendar.turn(3)
    cheque = await record_receipt(
        RecordReceipt(_receipt("100000.00", {rods.invoice_id: "100000.00"}, cheque=True)), actor(), receivables
    )
    await deposit_cheque(ChangeReceipt(cheque.receipt_id), actor(), receivables)
    calendar.turn(2)
    await bounce_cheque(ChangeReceipt(cheque.receipt_id, reason="insufficient funds"), actor(), receivables)

    statement = await customer_statement(CUSTOMER, date(2026, 11, 1), date(2026, 11, 7), actor(), receivables)

    number = cheque.receipt_number
    assert _lines(statement)[1:] == [
        ("2026-11-05", "RECEIPT", number, "0.00", "100000.00", "475000.00"),
        ("2026-11-07", "BOUNCE", number, "100000.00", "0.00", "575000.00"),
    ]
    assert str(statement.closing) == str(await _outstanding(receivables)) == "575000.00"
    assert str(statement.unapplied_advance) == "0.00"


async def test_bucket_bounds_that_do_not_go_up_or_a_statement_of_nobody_are_refused(database: Database[Any]) -> None:
    receivables = services(database).get(Receivables)

    with pytest.raises(InvalidInputError, match="go up"):
        await receivables_ageing(date(2026, 11, 2), actor(), receivables, bounds=(30, 30))
    with pytest.raises(InvalidInputError, match="customerId"):
        await customer_statement(Customer(), date(2026, 11, 1), date(2026, 11, 2), actor(), receivables)
    with pytest.raises(InvalidInputError, match="after its end"):
        await customer_statement(CUSTOMER, date(2026, 11, 3), date(2026, 11, 2), actor(), receivables)
