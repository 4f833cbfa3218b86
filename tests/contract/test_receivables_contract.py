"""Receivables on every backend: receipts recorded through the handlers read back exactly, are listed with every
filter and keyset pages, settle invoices' balances, leave certificates to chase, post to the books and rebuild to
what was written; on PostgreSQL, receipts and a credit note racing for one invoice never settle more than it owes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.ports import Database
from hisab.invoicing.application.commands import ApproveInvoice, CancelInvoice, CreateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import approve_invoice, cancel_invoice, create_invoice
from hisab.invoicing.application.notes import IssueNote, issue_note
from hisab.invoicing.application.parties import create_party
from hisab.invoicing.application.ports import InvoiceFilter
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.draft import InvoiceDraft
from hisab.invoicing.domain.notes import NoteKind, NoteLineInput, NoteRequest
from hisab.invoicing.domain.party import PartyInput, PartyKind
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError
from hisab.kernel.money import ZERO
from hisab.kernel.services import Services
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.application.ports import BalanceQuery
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.ports import BalanceFilter, ReceiptFilter
from hisab.receivables.application.receipts import (
    AllocateAdvance,
    ChangeReceipt,
    RecordCertificate,
    RecordReceipt,
    WriteOffBalance,
    allocate_advance,
    bounce_cheque,
    clear_cheque,
    deposit_cheque,
    get_receipt,
    record_receipt,
    record_withholding_certificate,
    reverse_receipt,
    write_off_balance,
)
from hisab.receivables.application.views import AllocationView, ReceiptView
from hisab.receivables.domain.balances import InvoiceBalance, PaymentStatus
from hisab.receivables.domain.events import Cheque, Wallet, Withholding
from hisab.receivables.domain.receipts import (
    AllocationInput,
    ChequeInput,
    ReceiptMethod,
    ReceiptRequest,
    ReceiptStatus,
    WalletInput,
    WithholdingInput,
)
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.tenant_settings import UpdateTenantSettings, update_tenant_settings
from hisab.taxpayer.domain.policy import TenantPolicy
from tests.builders import actor, checker, rebuild, services, steel_rods_draft

D = Decimal
TODAY = date(2026, 11, 26)
CHEQUE = ChequeInput("004512", "Sonali Bank", "Motijheel", date(2026, 11, 19))


def _clock() -> Any:
    """A clock a second per reading, on 26 November 2026 in Dhaka, so receipts up to that day may be dated."""
    moments = iter(datetime(2026, 11, 26, 4, 0, tzinfo=UTC) + timedelta(seconds=n) for n in range(10**6))
    return lambda: next(moments)


def _wired(database: Database[Any]) -> Services:
    return services(database, _clock())


async def _issued(invoicing: Invoicing, tenant: str = "tenant-a", **changes: object) -> InvoiceView:
    draft: InvoiceDraft = steel_rods_draft(**changes)
    created = await create_invoice(CreateInvoice(draft), actor(tenant), invoicing)
    return await approve_invoice(ApproveInvoice(created.invoice_id), checker(tenant), invoicing)


def _request(*allocated: tuple[InvoiceView, str], **changes: object) -> ReceiptRequest:
    fields: dict[str, object] = {
        "customer_id": "customer-001",
        "customer_party_id": None,
        "receipt_date": date(2026, 11, 20),
        "method": "BANK_TRANSFER",
        "amount": sum((D(amount) for _, amount in allocated), ZERO) or D("1000.00"),
        "deposit_account_code": None,
        "reference": None,
        "cheque": None,
        "wallet": None,
        "allocations": tuple(AllocationInput(invoice.invoice_id, D(amount)) for invoice, amount in allocated),
    }
    fields.update(changes)
    return ReceiptRequest(**fields)  # type: ignore[arg-type]


def _wallet(transaction_id: str, provider: str = "BKASH") -> dict[str, object]:
    return {"method": "MOBILE_WALLET", "wallet": WalletInput(provider, "01712345678", transaction_id)}


async def _record(receivables: Receivables, request: ReceiptRequest, tenant: str = "tenant-a") -> ReceiptView:
    return await record_receipt(RecordReceipt(request), actor(tenant), receivables)


def _exactly(view: ReceiptView) -> list[object]:
    """Everything a receipt shows, amounts as exact strings, so a round trip that loses a digit is seen."""
    return [
        view,
        str(view.amount),
        str(view.allocated),
        [str(a.amount) for a in view.allocations],
        [str(w.amount) for w in view.withholdings],
    ]


async def _balance(receivables: Receivables, invoice: InvoiceView) -> InvoiceBalance:
    found = await receivables.queries.balances("tenant-a", [invoice.invoice_id])
    return found[invoice.invoice_id]


async def test_a_receipt_reads_back_exactly_as_it_was_recorded(database: Database[Any]) -> None:
    wired = _wired(database)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    invoice = await _issued(invoicing)
    withheld = (
        WithholdingInput(invoice.invoice_id, "VDS", D(75000)),
        WithholdingInput(invoice.invoice_id, "AIT", D("25000.5"), "AIT/77", date(2026, 11, 21)),
    )
    request = _request(
        (invoice, "400000"), method="CHEQUE", amount=D(400000.5), cheque=CHEQUE, reference="Rahim Builders Ltd",
        deposit_account_code="1121", withholdings=withheld,
    )  # fmt: skip

    recorded = await _record(receivables, request)

    assert recorded.receipt_number == "RCT/2026-27/000001"
    assert (recorded.method, recorded.status, str(recorded.unallocated)) == (
        ReceiptMethod.CHEQUE, ReceiptStatus.RECEIVED, "0.50",
    )  # fmt: skip
    assert recorded.cheque == Cheque("004512", "Sonali Bank", "Motijheel", date(2026, 11, 19))
    assert recorded.allocations == (AllocationView(invoice.invoice_id, D("400000.00"), date(2026, 11, 20)),)
    assert recorded.withholdings == (
        Withholding(f"{recorded.receipt_id}:1", invoice.invoice_id, "VDS", D("75000.00"), None, None),
        Withholding(f"{recorded.receipt_id}:2", invoice.invoice_id, "AIT", D("25000.50"), "AIT/77", date(2026, 11, 21)),
    )
    read = await get_receipt(recorded.receipt_id, actor(), receivables)
    assert _exactly(read) == _exactly(recorded)

    deposited = await deposit_cheque(ChangeReceipt(recorded.receipt_id, date(2026, 11, 21)), actor(), receivables)
    assert _exactly(await get_receipt(recorded.receipt_id, actor(), receivables)) == _exactly(deposited)
    assert (deposited.status, deposited.version) == (ReceiptStatus.DEPOSITED, 2)


async def test_a_wallet_receipt_and_an_advance_applied_later_read_back_exactly(database: Database[Any]) -> None:
    wired = _wired(database)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    first, second = await _issued(invoicing), await _issued(invoicing)
    recorded = await _record(
        receivables, _request((first, "100000.00"), amount=D("150000.00"), **_wallet("9ab3xk2q", "NAGAD"))
    )

    applied = await allocate_advance(
        AllocateAdvance(recorded.receipt_id, (AllocationInput(second.invoice_id, D("50000.00")),)), actor(), receivables
    )

    assert recorded.wallet == Wallet("NAGAD", "+8801712345678", "9AB3XK2Q")
    assert applied.allocations == (
        AllocationView(first.invoice_id, D("100000.00"), date(2026, 11, 20)),
        AllocationView(second.invoice_id, D("50000.00"), TODAY),
    )
    assert str(applied.unallocated) == "0.00"
    assert _exactly(await get_receipt(recorded.receipt_id, actor(), receivables)) == _exactly(applied)
    assert str((await _balance(receivables, second)).outstanding) == "525000.00"


async def test_receipts_are_listed_newest_first_with_every_filter_and_keyset_pages(database: Database[Any]) -> None:
    wired = _wired(database)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    party = await create_party(PartyInput("RAHIM", (PartyKind.CUSTOMER,), "Rahim Builders Ltd"), actor(), invoicing)
    rahims = await _issued(invoicing, customer_id="RAHIM", customer_party_id=party.party_id)
    ours = await _issued(invoicing)
    made = [
        await _record(receivables, _request((ours, "1000.00"), receipt_date=date(2026, 11, 1))),
        await _record(receivables, _request(receipt_date=date(2026, 11, 10))),
        await _record(receivables, _request((rahims, "2000.00"), customer_id="", customer_party_id=party.party_id)),
        await _record(receivables, _request((ours, "3000.00"), receipt_date=date(2026, 11, 25))),
    ]
    await _record(receivables, _request(), "tenant-b")  # another tenant's, never listed

    async def listed(where: ReceiptFilter, first: int = 10, after: int | None = None) -> list[str]:
        page = await receivables.queries.receipts("tenant-a", where, first, after)
        return [view.receipt_number for view in page.receipts]

    numbers = [view.receipt_number for view in made]
    assert await listed(ReceiptFilter()) == numbers[::-1]
    assert await listed(ReceiptFilter(customer_id="customer-001")) == [numbers[3], numbers[1], numbers[0]]
    assert await listed(ReceiptFilter(customer_party_id=party.party_id)) == [numbers[2]]
    assert made[2].customer_id == "RAHIM"
    assert await listed(ReceiptFilter(invoice_id=ours.invoice_id)) == [numbers[3], numbers[0]]
    assert await listed(ReceiptFilter(date_from=date(2026, 11, 10))) == [numbers[3], numbers[2], numbers[1]]
    assert await listed(ReceiptFilter(date_to=date(2026, 11, 10))) == [numbers[1], numbers[0]]
    both = ReceiptFilter(date_from=date(2026, 11, 10), date_to=date(2026, 11, 20))
    assert await listed(both) == [numbers[2], numbers[1]]

    first_page = await receivables.queries.receipts("tenant-a", ReceiptFilter(), 3, None)
    assert (first_page.has_next_page, first_page.total_count) == (True, 4)
    last = first_page.receipts[-1].sequence
    second_page = await receivables.queries.receipts("tenant-a", ReceiptFilter(), 3, last)
    assert ([v.receipt_number for v in second_page.receipts], second_page.has_next_page) == ([numbers[0]], False)
    assert second_page.total_count == 4


async def test_a_filtered_list_of_receipts_counts_those_the_filter_matches(database: Database[Any]) -> None:
    wired = _wired(database)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    invoice = await _issued(invoicing)
    for day in (1, 10, 20):
        await _record(receivables, _request((invoice, "1000.00"), receipt_date=date(2026, 11, day)))
    await _record(receivables, _request(customer_id="customer-002"))

    by_customer = await receivables.queries.receipts("tenant-a", ReceiptFilter(customer_id="customer-001"), 1, None)
    by_invoice = await receivables.queries.receipts("tenant-a", ReceiptFilter(invoice_id=invoice.invoice_id), 1, None)
    by_date = await receivables.queries.receipts("tenant-a", ReceiptFilter(date_from=date(2026, 11, 10)), 1, None)

    assert (by_customer.has_next_page, by_customer.total_count) == (True, 3)
    assert (by_invoice.has_next_page, by_invoice.total_count) == (True, 3)
    assert (by_date.has_next_page, by_date.total_count) == (True, 3)


async def test_the_receipts_of_several_invoices_come_in_one_query_oldest_first(database: Database[Any]) -> None:
    wired = _wired(database)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    first, second, unpaid = await _issued(invoicing), await _issued(invoicing), await _issued(invoicing)
    one = await _record(receivables, _request((first, "100.00")))
    both = await _record(receivables, _request((second, "200.00"), withholdings=(
        WithholdingInput(first.invoice_id, "AIT", D("10.00")),
    )))  # fmt: skip
    three = await _record(receivables, _request((second, "300.00")))

    found = await receivables.queries.receipts_of_invoices(
        "tenant-a", [first.invoice_id, second.invoice_id, unpaid.invoice_id]
    )

    assert {k: [v.receipt_id for v in views] for k, views in found.items()} == {
        first.invoice_id: [one.receipt_id, both.receipt_id],
        second.invoice_id: [both.receipt_id, three.receipt_id],
    }
    assert _exactly(found[second.invoice_id][0]) == _exactly(both)
    assert await receivables.queries.receipts_of_invoices("tenant-a", []) == {}


async def test_balances_show_what_each_invoice_owes_and_list_by_payment_status_and_overdue(
    database: Database[Any],
) -> None:
    wired = _wired(database)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    await update_tenant_settings(
        UpdateTenantSettings(TenantPolicy(write_off_tolerance=D("0.50"))), actor(), wired.get(Taxpayer)
    )
    unpaid = await _issued(invoicing)
    partly = await _issued(invoicing)
    paid = await _issued(invoicing, due_date=date(2027, 1, 31))
    written = await _issued(invoicing)
    not_due = await _issued(invoicing, due_date=date(2027, 1, 31))
    cancelled = await _issued(invoicing)
    await cancel_invoice(CancelInvoice(cancelled.invoice_id, "returned"), checker(), invoicing)
    await _record(receivables, _request((partly, "100000.00"), withholdings=(
        WithholdingInput(partly.invoice_id, "VDS", D("75000.00")),
    )))  # fmt: skip
    await _record(receivables, _request((paid, "575000.00")))
    await _record(receivables, _request((written, "574999.60")))
    off = await write_off_balance(WriteOffBalance(written.invoice_id, "rounding by the customer"), actor(), receivables)

    assert (str(off.written_off), str(off.outstanding), off.payment_status) == (
        "0.40", "0.00", PaymentStatus.WRITTEN_OFF,
    )  # fmt: skip
    read = await _balance(receivables, partly)
    assert (str(read.allocated), str(read.withheld_vds), str(read.outstanding)) == (
        "100000.00",
        "75000.00",
        "400000.00",
    )
    assert (read.payment_status, read.days_overdue(TODAY)) == (PaymentStatus.PARTIALLY_PAID, 649)
    assert (read.mushak_number, read.due_date, str(read.adjusted_total)) == (
        partly.mushak_number, date(2025, 2, 15), "575000.00",
    )  # fmt: skip

    async def listed(where: BalanceFilter, first: int = 10, after: int | None = None) -> list[str]:
        page = await receivables.queries.list_balances("tenant-a", where, first, after)
        return [balance.invoice_id for balance in page.balances]

    def ids(*invoices: InvoiceView) -> list[str]:
        return [invoice.invoice_id for invoice in invoices]

    assert await listed(BalanceFilter()) == ids(not_due, written, paid, partly, unpaid)
    assert await listed(BalanceFilter(statuses=(PaymentStatus.UNPAID,))) == ids(not_due, unpaid)
    assert await listed(BalanceFilter(statuses=(PaymentStatus.PARTIALLY_PAID,))) == ids(partly)
    assert await listed(BalanceFilter(statuses=(PaymentStatus.PAID,))) == ids(paid)
    assert await listed(BalanceFilter(statuses=(PaymentStatus.WRITTEN_OFF,))) == ids(written)
    assert await listed(BalanceFilter(statuses=(PaymentStatus.PAID, PaymentStatus.WRITTEN_OFF))) == ids(written, paid)
    assert await listed(BalanceFilter(overdue_on=TODAY)) == ids(partly, unpaid)
    assert await listed(BalanceFilter(overdue_on=TODAY, statuses=(PaymentStatus.UNPAID,))) == ids(unpaid)
    assert await listed(BalanceFilter(customer_id="customer-002")) == []
    page = await receivables.queries.list_balances("tenant-a", BalanceFilter(), 2, None)
    assert (page.has_next_page, page.total_count) == (True, 5)
    assert await listed(BalanceFilter(), 10, page.balances[-1].sequence) == ids(paid, partly, unpaid)

    # The invoice list takes the same payment filter, drafts and cancelled invoices never matching it.
    async def invoices_listed(where: InvoiceFilter) -> list[str]:
        found = await invoicing.invoices.list("tenant-a", where, 10, None)
        assert found.total_count == len(found.invoices)
        return [view.invoice_id for view in found.invoices]

    assert await invoices_listed(InvoiceFilter(payment_statuses=("UNPAID",))) == ids(not_due, unpaid)
    assert await invoices_listed(InvoiceFilter(payment_statuses=("PAID", "WRITTEN_OFF"))) == ids(written, paid)
    assert await invoices_listed(InvoiceFilter(overdue_on=TODAY)) == ids(partly, unpaid)
    assert await invoices_listed(InvoiceFilter(overdue_on=TODAY, payment_statuses=("UNPAID",))) == ids(unpaid)


async def test_pending_certificates_are_paged_and_leave_once_certified_or_bounced(database: Database[Any]) -> None:
    wired = _wired(database)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    invoices = [await _issued(invoicing) for _ in range(3)]
    receipts = []
    for invoice in invoices:
        withheld = (
            WithholdingInput(invoice.invoice_id, "VDS", D("100.00")),
            WithholdingInput(invoice.invoice_id, "AIT", D("50.00")),
        )
        request = _request((invoice, "1000.00"), method="CHEQUE", cheque=CHEQUE, withholdings=withheld)
        receipts.append(await _record(receivables, request))
    # A withholding recorded with its certificate is not pending.
    await _record(receivables, _request((invoices[0], "1.00"), withholdings=(
        WithholdingInput(invoices[0].invoice_id, "VDS", D("1.00"), "6.6/0001", date(2026, 11, 20)),
    )))  # fmt: skip

    first = await receivables.queries.pending_certificates("tenant-a", 2, None)
    assert [e.withholding.withholding_id for e in first.entries] == [f"{r.receipt_id}:1" for r in receipts[:2]]
    assert (first.has_next_page, first.total_count) == (True, 3)
    entry = first.entries[0]
    assert (entry.receipt_number, entry.receipt_date, entry.customer_id, str(entry.withholding.amount)) == (
        "RCT/2026-27/000001", date(2026, 11, 20), "customer-001", "100.00",
    )  # fmt: skip
    rest = await receivables.queries.pending_certificates("tenant-a", 2, first.entries[-1].sequence)
    assert ([e.receipt_id for e in rest.entries], rest.has_next_page) == ([receipts[2].receipt_id], False)

    certified = await record_withholding_certificate(
        RecordCertificate(f"{receipts[0].receipt_id}:1", "6.6/2026/0042", date(2026, 11, 25)), actor(), receivables
    )
    await bounce_cheque(ChangeReceipt(receipts[1].receipt_id, reason="insufficient funds"), actor(), receivables)

    left = await receivables.queries.pending_certificates("tenant-a", 10, None)
    assert ([e.receipt_id for e in left.entries], left.total_count) == ([receipts[2].receipt_id], 1)
    assert certified.withholdings[0] == replace(
        certified.withholdings[0], certificate_number="6.6/2026/0042", certificate_date=date(2026, 11, 25)
    )
    read = await get_receipt(receipts[0].receipt_id, actor(), receivables)
    assert _exactly(read) == _exactly(certified)


async def test_pending_certificates_of_one_receipt_are_all_listed_across_a_page_boundary(
    database: Database[Any],
) -> None:
    wired = _wired(database)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    first, second = await _issued(invoicing), await _issued(invoicing)
    withheld = (
        WithholdingInput(first.invoice_id, "VDS", D("100.00")),
        WithholdingInput(second.invoice_id, "VDS", D("200.00")),
    )
    receipt = await _record(receivables, _request((first, "1000.00"), withholdings=withheld))

    seen: list[str] = []
    after: int | None = None
    for _ in range(3):
        page = await receivables.queries.pending_certificates("tenant-a", 1, after)
        seen += [entry.withholding.withholding_id for entry in page.entries]
        if not page.has_next_page:
            break
        after = page.entries[-1].sequence

    # Paged one at a time, the two VDS withholdings of one receipt are both listed, each once.
    assert seen == [f"{receipt.receipt_id}:1", f"{receipt.receipt_id}:2"]


async def test_receipts_are_numbered_from_one_in_each_fiscal_year_of_their_date(database: Database[Any]) -> None:
    receivables = _wired(database).get(Receivables)

    june = await _record(receivables, _request(receipt_date=date(2026, 6, 30)))
    july = await _record(receivables, _request(receipt_date=date(2026, 7, 1)))
    june_again = await _record(receivables, _request(receipt_date=date(2026, 6, 1)))

    assert [june.receipt_number, july.receipt_number, june_again.receipt_number] == [
        "RCT/2025-26/000001", "RCT/2026-27/000001", "RCT/2025-26/000002",
    ]  # fmt: skip


async def test_an_advance_given_without_paisa_reads_back_to_the_paisa(database: Database[Any]) -> None:
    wired = _wired(database)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    invoice = await _issued(invoicing)
    recorded = await _record(receivables, _request(amount=D(100000)))

    applied = await allocate_advance(
        AllocateAdvance(recorded.receipt_id, (AllocationInput(invoice.invoice_id, D(50000)),)), actor(), receivables
    )

    read = await get_receipt(recorded.receipt_id, actor(), receivables)
    assert [str(a.amount) for a in applied.allocations] == [str(a.amount) for a in read.allocations] == ["50000.00"]


async def test_a_second_receipt_of_one_wallet_transaction_is_refused(database: Database[Any]) -> None:
    wired = _wired(database)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    invoice = await _issued(invoicing)
    await _record(receivables, _request((invoice, "100.00"), **_wallet("9AB3XK2Q")))

    with pytest.raises(InvalidInputError) as refused:
        await _record(receivables, _request((invoice, "100.00"), **_wallet("9ab3xk2q")))

    assert [(v.field, v.rule) for v in refused.value.violations] == [("wallet.transaction_id", "duplicate_transaction")]
    # The same id of another provider, or of another tenant, is another transaction.
    other = await _record(receivables, _request((invoice, "100.00"), **_wallet("9AB3XK2Q", "NAGAD")))
    await _record(receivables, _request(**_wallet("9AB3XK2Q")), "tenant-b")
    assert other.receipt_number == "RCT/2026-27/000002"
    assert str((await _balance(receivables, invoice)).allocated) == "200.00"
    page = await receivables.queries.receipts("tenant-a", ReceiptFilter(), 10, None)
    assert page.total_count == 2


async def test_a_refused_receipt_consumes_no_serial(database: Database[Any]) -> None:
    wired = _wired(database)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    invoice = await _issued(invoicing)

    with pytest.raises(InvalidInputError) as refused:
        await _record(receivables, _request((invoice, "575000.01")))
    assert [(v.field, v.rule) for v in refused.value.violations] == [("allocations[0].amount", "more_than_outstanding")]
    recorded = await _record(receivables, _request((invoice, "575000.00")))

    assert (recorded.receipt_number, str((await _balance(receivables, invoice)).outstanding)) == (
        "RCT/2026-27/000001", "0.00",
    )  # fmt: skip


async def test_a_bounce_or_a_reversal_makes_the_invoices_owe_again_and_reverses_the_postings(
    database: Database[Any],
) -> None:
    wired = _wired(database)
    invoicing, receivables, ledger = wired.get(Invoicing), wired.get(Receivables), wired.get(Ledger)
    invoice = await _issued(invoicing)
    cheque = await _record(receivables, _request((invoice, "300000.00"), method="CHEQUE", cheque=CHEQUE))
    transfer = await _record(receivables, _request((invoice, "200000.00"), amount=D("250000.00")))
    await allocate_advance(
        AllocateAdvance(transfer.receipt_id, (AllocationInput(invoice.invoice_id, D("50000.00")),)),
        actor(),
        receivables,
    )
    assert str((await _balance(receivables, invoice)).outstanding) == "25000.00"

    bounced = await bounce_cheque(ChangeReceipt(cheque.receipt_id, reason="insufficient funds"), actor(), receivables)
    assert (bounced.status, str((await _balance(receivables, invoice)).outstanding)) == (
        ReceiptStatus.BOUNCED, "325000.00",
    )  # fmt: skip
    reversed_ = await reverse_receipt(ChangeReceipt(transfer.receipt_id, reason="wrong customer"), actor(), receivables)
    assert (reversed_.status, str((await _balance(receivables, invoice)).outstanding)) == (
        ReceiptStatus.REVERSED, "575000.00",
    )  # fmt: skip

    moved = await ledger.queries.movements("tenant-a", BalanceQuery(through=date(2027, 6, 30)))
    assert str(moved["1210"].net_debit) == "575000.00"
    assert moved["2300"].net_debit == ZERO
    assert moved["1121"].net_debit == ZERO


async def test_after_a_mix_of_everything_the_ledgers_receivable_is_what_the_invoices_owe_and_rebuilds_equal(
    database: Database[Any],
) -> None:
    wired = _wired(database)
    invoicing, receivables, ledger = wired.get(Invoicing), wired.get(Receivables), wired.get(Ledger)
    await update_tenant_settings(
        UpdateTenantSettings(TenantPolicy(write_off_tolerance=D("1.00"))), actor(), wired.get(Taxpayer)
    )
    a, b, c = await _issued(invoicing), await _issued(invoicing), await _issued(invoicing)
    await issue_note(
        IssueNote(b.invoice_id, NoteRequest(NoteKind.CREDIT, None, "RETURN", None,
                                            (NoteLineInput(b.lines[0].line_id, quantity=D(10)),))),
        actor(), invoicing,
    )  # fmt: skip
    cheque = await _record(receivables, _request((a, "400000.00"), method="CHEQUE", cheque=CHEQUE, withholdings=(
        WithholdingInput(a.invoice_id, "VDS", D("75000.00")), WithholdingInput(a.invoice_id, "AIT", D("25000.00")),
    )))  # fmt: skip
    await deposit_cheque(ChangeReceipt(cheque.receipt_id), actor(), receivables)
    await clear_cheque(ChangeReceipt(cheque.receipt_id), actor(), receivables)
    await record_withholding_certificate(
        RecordCertificate(f"{cheque.receipt_id}:1", "6.6/0042", date(2026, 11, 25)), actor(), receivables
    )
    advance = await _record(receivables, _request((b, "100000.00"), amount=D("517499.50"), **_wallet("TX-1")))
    await allocate_advance(
        AllocateAdvance(advance.receipt_id, (AllocationInput(b.invoice_id, D("417499.50")),)), actor(), receivables
    )
    await write_off_balance(WriteOffBalance(b.invoice_id, "the customer rounded down"), actor(), receivables)
    bounced = await _record(receivables, _request((c, "5000.00"), method="CHEQUE", cheque=CHEQUE))
    await bounce_cheque(ChangeReceipt(bounced.receipt_id, reason="insufficient funds"), actor(), receivables)
    kept = await _record(receivables, _request((c, "1000.00"), method="CASH", amount=D("150000.00")))
    reversed_ = await _record(receivables, _request((c, "2000.00")))
    await reverse_receipt(ChangeReceipt(reversed_.receipt_id, reason="recorded twice"), actor(), receivables)

    balances = await receivables.queries.balances("tenant-a", [a.invoice_id, b.invoice_id, c.invoice_id])
    owed = {i.invoice_id: str(balances[i.invoice_id].outstanding) for i in (a, b, c)}
    assert owed == {a.invoice_id: "75000.00", b.invoice_id: "0.00", c.invoice_id: "574000.00"}
    assert balances[b.invoice_id].payment_status is PaymentStatus.WRITTEN_OFF
    assert kept.warnings
    assert not cheque.warnings
    moved = await ledger.queries.movements("tenant-a", BalanceQuery(through=date(2027, 6, 30)))
    assert str(moved["1210"].net_debit) == "649000.00"
    assert str(moved["2300"].net_debit) == "-149000.00"
    assert (str(moved["1220"].net_debit), str(moved["1230"].net_debit)) == ("75000.00", "25000.00")
    assert str(moved["5800"].net_debit) == "0.50"
    assert await rebuild(database, verify_only=True) == []


async def test_an_invoice_no_receipt_has_touched_rebuilds_to_the_same_balance(database: Database[Any]) -> None:
    wired = _wired(database)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    untouched, paid = await _issued(invoicing), await _issued(invoicing)
    await _record(receivables, _request((paid, "1000.00")))
    before = await receivables.queries.balances("tenant-a", [untouched.invoice_id, paid.invoice_id])

    assert await rebuild(database, verify_only=True) == []
    assert await rebuild(database, verify_only=False) == []
    assert await receivables.queries.balances("tenant-a", [untouched.invoice_id, paid.invoice_id]) == before


async def test_a_registered_customers_receivable_is_settled_under_its_party_however_the_receipt_names_it(
    database: Database[Any],
) -> None:
    wired = _wired(database)
    invoicing, receivables, ledger = wired.get(Invoicing), wired.get(Receivables), wired.get(Ledger)
    party = await create_party(PartyInput("RAHIM", (PartyKind.CUSTOMER,), "Rahim Builders Ltd"), actor(), invoicing)
    invoice = await _issued(invoicing, customer_id="RAHIM", customer_party_id=party.party_id)
    await _record(receivables, _request((invoice, "100000.00"), customer_id="", customer_party_id=party.party_id))
    # The same customer named by its code alone: the invoice's own customer id.
    await _record(receivables, _request((invoice, "200000.00"), customer_id="RAHIM"))

    rows = await ledger.queries.ledger("tenant-a", "1210", date(2026, 7, 1), date(2027, 6, 30), None, 100)
    by_party: dict[str | None, Decimal] = {}
    for row in rows:
        by_party[row.party_id] = by_party.get(row.party_id, ZERO) + row.debit - row.credit

    # The customer's account in the books owes what its invoice owes, and no other account holds a part of it.
    assert {k: str(v) for k, v in by_party.items()} == {party.party_id: "275000.00"}


# The fake and SQLite take one writer at a time; only PostgreSQL has writers that race.


@pytest.fixture
async def postgres(postgres_url: str) -> AsyncIterator[PostgresDatabase]:
    opened = await PostgresDatabase.open(postgres_url, min_size=1, max_size=12)
    yield opened
    await opened.close()


def _rules(results: Sequence[object]) -> list[str]:
    return sorted(
        ",".join(v.rule for v in r.violations) if isinstance(r, InvalidInputError) else type(r).__name__
        for r in results
        if not isinstance(r, ReceiptView)
    )


@pytest.mark.postgres
async def test_twenty_concurrent_receipts_for_one_invoice_never_allocate_more_than_it_owes(
    postgres: PostgresDatabase,
) -> None:
    wired = _wired(postgres)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    invoice = await _issued(invoicing)

    results = await asyncio.gather(
        *(_record(receivables, _request((invoice, "57500.00"))) for _ in range(20)), return_exceptions=True
    )

    recorded = [r for r in results if isinstance(r, ReceiptView)]
    assert len(recorded) == 10
    assert _rules(results) == ["more_than_outstanding"] * 10
    assert sorted(r.receipt_number for r in recorded) == [f"RCT/2026-27/{n:06d}" for n in range(1, 11)]
    balance = await _balance(receivables, invoice)
    assert (str(balance.allocated), str(balance.outstanding)) == ("575000.00", "0.00")
    assert await rebuild(postgres, verify_only=True) == []


@pytest.mark.postgres
async def test_a_credit_note_racing_a_receipt_never_leaves_the_invoice_owing_less_than_nothing(
    postgres: PostgresDatabase,
) -> None:
    wired = _wired(postgres)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    for _ in range(5):
        invoice = await _issued(invoicing)
        credit = NoteRequest(NoteKind.CREDIT, None, "RETURN", None, (NoteLineInput(invoice.lines[0].line_id, D(10)),))

        results = await asyncio.gather(
            issue_note(IssueNote(invoice.invoice_id, credit), actor(), invoicing),
            _record(receivables, _request((invoice, "575000.00"))),
            return_exceptions=True,
        )

        failed = [r for r in results if isinstance(r, BaseException)]
        assert len(failed) == 1
        assert isinstance(failed[0], IllegalTransitionError | InvalidInputError)
        balance = await _balance(receivables, invoice)
        assert balance.outstanding >= 0
        assert str(balance.outstanding) == ("0.00" if isinstance(results[0], BaseException) else "517500.00")
    assert await rebuild(postgres, verify_only=True) == []


@pytest.mark.postgres
async def test_concurrent_receipts_of_one_wallet_transaction_record_it_once(postgres: PostgresDatabase) -> None:
    receivables = _wired(postgres).get(Receivables)

    results = await asyncio.gather(
        *(_record(receivables, _request(**_wallet("9AB3XK2Q"))) for _ in range(5)), return_exceptions=True
    )

    recorded = [r for r in results if isinstance(r, ReceiptView)]
    assert [r.receipt_number for r in recorded] == ["RCT/2026-27/000001"]
    assert _rules(results) == ["duplicate_transaction"] * 4


@pytest.mark.postgres
async def test_concurrent_write_offs_of_one_invoice_write_off_what_it_owed_once(postgres: PostgresDatabase) -> None:
    wired = _wired(postgres)
    invoicing, receivables = wired.get(Invoicing), wired.get(Receivables)
    await update_tenant_settings(
        UpdateTenantSettings(TenantPolicy(write_off_tolerance=D("1.00"))), actor(), wired.get(Taxpayer)
    )
    invoice = await _issued(invoicing)
    await _record(receivables, _request((invoice, "574999.25")))

    results = await asyncio.gather(
        *(write_off_balance(WriteOffBalance(invoice.invoice_id, "rounding"), actor(), receivables) for _ in range(5)),
        return_exceptions=True,
    )

    written = [r for r in results if isinstance(r, InvoiceBalance)]
    refused = [",".join(v.rule for v in r.violations) if isinstance(r, InvalidInputError) else repr(r)
               for r in results if not isinstance(r, InvoiceBalance)]  # fmt: skip
    assert (len(written), refused) == (1, ["nothing_owed"] * 4)
    balance = await _balance(receivables, invoice)
    assert (str(balance.written_off), str(balance.outstanding)) == ("0.75", "0.00")
