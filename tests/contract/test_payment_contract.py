"""Payments on every backend: a payment recorded through its handler reads back exactly, is listed with every
filter, issues its Mushak-6.6 with a gapless serial that a refused payment never takes, settles its bills'
payables, leaves VDS and TDS payable until deposited, and rebuilds to what was written; on PostgreSQL,
payments racing for one bill never settle more than it owes nor withhold its VDS twice."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.ports import Database
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.parties import PartyView
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError
from hisab.kernel.services import Services
from hisab.kernel.vat import VATCategory
from hisab.purchases.application.payment_dependencies import Payments
from hisab.purchases.application.payment_ports import CertificateFilter, PayableFilter, PaymentFilter
from hisab.purchases.application.payment_views import BillPaymentStatus, PaymentView
from hisab.purchases.application.payments import (
    RecordDeposit,
    RecordPayment,
    get_certificate,
    get_payment,
    record_payment,
    record_withholding_deposit,
    withholding_payables,
)
from hisab.purchases.domain.events import BillRecorded, InputCredit, WithholdingKind
from hisab.purchases.domain.payments import AllocationInput, DepositRequest, PaymentRequest, WithholdInput
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.tenant_settings import UpdateTenantSettings, update_tenant_settings
from hisab.taxpayer.domain.policy import TenantPolicy
from tests.builders import actor, rebuild, services
from tests.purchases_builders import bill_event, line, record_bill, record_credit_note, snapshot, supplier_party

D = Decimal
PAID_ON = date(2026, 9, 10)


async def _setup(database: Database[Any], *, entity: bool = True) -> tuple[Services, Payments, PartyView]:
    wired = services(database)
    if entity:
        policy = TenantPolicy(withholding_entity=True)
        await update_tenant_settings(UpdateTenantSettings(policy), actor(), wired.get(Taxpayer))
    party = await supplier_party(wired.get(Invoicing), actor())
    return wired, wired.get(Payments), party


async def _bill(payments: Payments, party: PartyView, *lines: Any, **changes: Any) -> BillRecorded:
    event = bill_event(snapshot(party), *(lines or (line("200000.00", "20000.00"),)), **changes)
    return await record_bill(payments.streams, actor(), event)


def _request(
    party: PartyView, *allocated: tuple[BillRecorded, str], withhold: tuple[WithholdInput, ...] = (), **changes: Any
) -> PaymentRequest:
    fields: dict[str, Any] = {
        "supplier_party_id": party.party_id,
        "payment_date": PAID_ON,
        "method": "BANK_TRANSFER",
        "amount": sum((D(amount) for _, amount in allocated), D("0.00")),
        "reference": "TT-4411",
        "paid_from_account_code": None,
        "allocations": tuple(AllocationInput(bill.bill_id, D(amount)) for bill, amount in allocated),
        "withhold": withhold,
    }
    fields.update(changes)
    return PaymentRequest(**fields)


async def _pay(payments: Payments, request: PaymentRequest) -> PaymentView:
    return await record_payment(RecordPayment(request), actor(), payments)


def _exactly(view: PaymentView) -> list[object]:
    """Everything a payment shows, amounts as exact strings, so a round trip that loses a digit is seen."""
    return [
        view,
        str(view.amount),
        [(str(a.amount), str(a.credit_reversed)) for a in view.allocations],
        [(str(w.rate), str(w.base), str(w.amount)) for w in view.withholdings],
    ]


async def test_a_payment_with_vds_and_tds_reads_back_exactly_and_issues_its_certificate(
    database: Database[Any],
) -> None:
    _, payments, party = await _setup(database)
    bill = await _bill(payments, party)

    # 2,20,000 owed: VDS 20,000 (10% of 2,00,000, S004.00) and TDS 10,000 (5%) withheld, 1,90,000 paid.
    recorded = await _pay(
        payments, _request(party, (bill, "190000.00"), withhold=(WithholdInput(bill.bill_id, "TDS"),))
    )

    assert recorded.payment_number == "PAY/2026-27/000001"
    assert [(w.kind, w.amount) for w in recorded.withholdings] == [
        (WithholdingKind.VDS, D("20000.00")), (WithholdingKind.TDS, D("10000.00")),
    ]  # fmt: skip
    assert recorded.certificate_number == "HO/6.6/2026-27/000001"
    read = await get_payment(recorded.payment_id, actor(), payments)
    assert _exactly(read) == _exactly(recorded)
    assert recorded.certificate_id is not None
    certificate = await get_certificate(recorded.certificate_id, actor(), payments)
    assert (certificate.certificate_number, certificate.payment_number) == (
        "HO/6.6/2026-27/000001", "PAY/2026-27/000001",
    )  # fmt: skip
    assert [(r.supplier_invoice_number, str(r.total_value), str(r.vat), str(r.deducted)) for r in certificate.rows] == [
        (bill.supplier_invoice_number, "220000.00", "20000.00", "20000.00"),
    ]
    assert (certificate.supplier.name, certificate.supplier.bin) == (party.details.legal_name, party.details.bin)
    (payable,) = await payments.queries.bill_payables("tenant-a", PayableFilter(), 20)
    assert (str(payable.paid), str(payable.vds_withheld), str(payable.tds_withheld), str(payable.outstanding)) == (
        "190000.00", "20000.00", "10000.00", "0.00",
    )  # fmt: skip
    assert payable.status is BillPaymentStatus.PAID
    assert await rebuild(database, verify_only=True) == []


async def test_payments_and_certificates_are_listed_with_every_filter_newest_first(database: Database[Any]) -> None:
    wired, payments, party = await _setup(database)
    other = await supplier_party(wired.get(Invoicing), actor(), "KARIM")
    first, second = await _bill(payments, party), await _bill(payments, party)
    elsewhere = await _bill(payments, other)
    one = await _pay(payments, _request(party, (first, "100000.00")))
    two = await _pay(payments, _request(party, (second, "50000.00"), payment_date=date(2026, 10, 1)))
    three = await _pay(payments, _request(other, (elsewhere, "200000.00"), payment_date=date(2026, 10, 2)))
    queries = payments.queries

    async def listed(where: PaymentFilter, first: int = 20, after: int | None = None) -> list[str]:
        page = await queries.payments("tenant-a", where, first, after)
        return [v.payment_number for v in page.payments]

    assert await listed(PaymentFilter()) == [three.payment_number, two.payment_number, one.payment_number]
    assert await listed(PaymentFilter(supplier_party_id=party.party_id)) == [two.payment_number, one.payment_number]
    assert await listed(PaymentFilter(bill_id=second.bill_id)) == [two.payment_number]
    assert await listed(PaymentFilter(date_from=date(2026, 10, 1), date_to=date(2026, 10, 1))) == [two.payment_number]
    page = await queries.payments("tenant-a", PaymentFilter(), 2, None)
    assert (page.has_next_page, page.total_count) == (True, 3)
    assert await listed(PaymentFilter(), 2, page.payments[-1].sequence) == [one.payment_number]
    assert await queries.payments("tenant-b", PaymentFilter(), 20, None) == type(page)([], False, 0)

    certificates = await queries.certificates("tenant-a", CertificateFilter(supplier_party_id=party.party_id), 20, None)
    assert [c.certificate_number for c in certificates.certificates] == [
        "HO/6.6/2026-27/000002", "HO/6.6/2026-27/000001",
    ]  # fmt: skip
    by_id = await queries.certificates_by_id("tenant-a", [three.certificate_id or "", "no-such-certificate"])
    assert list(by_id) == [three.certificate_id]
    assert await queries.certificates_by_id("tenant-b", [three.certificate_id or ""]) == {}
    dated = await queries.certificates("tenant-a", CertificateFilter(date_from=date(2026, 10, 2)), 20, None)
    assert [c.payment_id for c in dated.certificates] == [three.payment_id]

    unpaid = PayableFilter(statuses=(BillPaymentStatus.PARTLY_PAID,))
    assert {p.bill_id for p in await queries.bill_payables("tenant-a", unpaid, 20)} == {first.bill_id, second.bill_id}
    theirs = PayableFilter(supplier_party_id=other.party_id, statuses=(BillPaymentStatus.PAID,))
    assert [p.bill_id for p in await queries.bill_payables("tenant-a", theirs, 20)] == [elsewhere.bill_id]


async def test_the_certificate_serial_is_gapless_and_a_refused_payment_takes_none(database: Database[Any]) -> None:
    _, payments, party = await _setup(database)
    first, second = await _bill(payments, party), await _bill(payments, party)
    exempt = await _bill(payments, party, line("5000.00", "0.00", category=VATCategory.EXEMPT, rate="0"))

    one = await _pay(payments, _request(party, (first, "200000.00")))
    with pytest.raises(InvalidInputError) as refused:
        await _pay(payments, _request(party, (second, "200000.01")))
    assert [v.rule for v in refused.value.violations] == ["more_than_owed"]
    two = await _pay(payments, _request(party, (exempt, "5000.00")))
    three = await _pay(payments, _request(party, (second, "200000.00")))

    assert [p.payment_number for p in (one, two, three)] == [f"PAY/2026-27/{n:06d}" for n in (1, 2, 3)]
    assert [p.certificate_number for p in (one, two, three)] == ["HO/6.6/2026-27/000001", None, "HO/6.6/2026-27/000002"]


async def test_vds_is_withheld_once_per_bill_and_the_bill_never_over_settled(database: Database[Any]) -> None:
    _, payments, party = await _setup(database)
    bill = await _bill(payments, party)

    first = await _pay(payments, _request(party, (bill, "100000.00")))
    second = await _pay(payments, _request(party, (bill, "50000.00")))
    with pytest.raises(InvalidInputError) as again:
        await _pay(payments, _request(party, (bill, "10.00"), withhold=(WithholdInput(bill.bill_id, "VDS"),)))
    with pytest.raises(InvalidInputError) as over:
        await _pay(payments, _request(party, (bill, "50000.01")))

    assert [w.amount for w in first.withholdings] == [D("20000.00")]
    assert second.withholdings == ()
    assert [v.rule for v in again.value.violations] == ["already_withheld"]
    assert [v.rule for v in over.value.violations] == ["more_than_owed"]
    (payable,) = await payments.queries.bill_payables("tenant-a", PayableFilter(), 20)
    assert (str(payable.outstanding), payable.status) == ("50000.00", BillPaymentStatus.PARTLY_PAID)


async def test_a_suppliers_note_changes_what_the_bill_owes_and_keeps_what_was_paid(database: Database[Any]) -> None:
    _, payments, party = await _setup(database, entity=False)
    bill = await _bill(payments, party)
    await _pay(payments, _request(party, (bill, "100000.00")))

    await record_credit_note(payments.streams, actor(), bill, "10000.00", "1000.00")

    (payable,) = await payments.queries.bill_payables("tenant-a", PayableFilter(), 20)
    assert (str(payable.total), str(payable.paid), str(payable.outstanding)) == ("209000.00", "100000.00", "109000.00")
    with pytest.raises(InvalidInputError):
        await _pay(payments, _request(party, (bill, "109000.01")))
    await _pay(payments, _request(party, (bill, "109000.00")))
    assert await rebuild(database, verify_only=True) == []


async def test_a_suppliers_note_may_not_take_a_bill_below_what_was_paid_and_withheld(database: Database[Any]) -> None:
    _, payments, party = await _setup(database)
    bill = await _bill(payments, party)
    # 2,00,000 paid and 20,000 of VDS withheld: the bill's 2,20,000 is settled.
    await _pay(payments, _request(party, (bill, "200000.00")))

    with pytest.raises(IllegalTransitionError, match="paid and withheld"):
        await record_credit_note(payments.streams, actor(), bill, "1000.00", "0.00")
    with pytest.raises(IllegalTransitionError, match="VAT withheld at source"):
        await record_credit_note(payments.streams, actor(), bill, "0.00", "0.01")

    (payable,) = await payments.queries.bill_payables("tenant-a", PayableFilter(), 20)
    assert (str(payable.total), str(payable.outstanding)) == ("220000.00", "0.00")
    assert await rebuild(database, verify_only=True) == []


async def test_a_cash_payment_reverses_input_credit_and_says_so(database: Database[Any]) -> None:
    _, payments, party = await _setup(database, entity=False)
    creditable = line("200000.00", "30000.00", service_code=None, category=VATCategory.STANDARD, rate="0.15",
                      credit=InputCredit.CLAIM)  # fmt: skip
    bill = await _bill(payments, party, creditable)

    paid = await _pay(payments, _request(party, (bill, "115000.00"), method="CASH"))

    assert [(a.bill_id, str(a.credit_reversed)) for a in paid.allocations] == [(bill.bill_id, "15000.00")]
    (warning,) = paid.warnings
    assert "15000.00" in warning
    assert "rule 29" in warning
    read = await get_payment(paid.payment_id, actor(), payments)
    assert read.warnings == paid.warnings


async def test_deposits_settle_the_withholding_payables_and_never_more_than_withheld(database: Database[Any]) -> None:
    _, payments, party = await _setup(database)
    bill = await _bill(payments, party)
    await _pay(payments, _request(party, (bill, "190000.00"), withhold=(WithholdInput(bill.bill_id, "TDS"),)))

    async def deposit(kind: str, amount: str) -> object:
        request = DepositRequest(kind, "A-CHALLAN-0091", date(2026, 9, 20), D(amount))
        return await record_withholding_deposit(RecordDeposit(request), actor(), payments)

    await deposit("VDS", "15000.00")
    with pytest.raises(InvalidInputError) as refused:
        await deposit("VDS", "5000.01")
    await deposit("VDS", "5000.00")
    await deposit("TDS", "2500.00")

    assert [v.rule for v in refused.value.violations] == ["more_than_withheld"]
    owed = await withholding_payables(actor(), payments)
    assert [(p.kind, str(p.withheld), str(p.deposited), str(p.outstanding)) for p in owed] == [
        (WithholdingKind.VDS, "20000.00", "20000.00", "0.00"),
        (WithholdingKind.TDS, "10000.00", "2500.00", "7500.00"),
    ]
    assert await withholding_payables(actor("tenant-b"), payments) == [
        type(owed[0])(WithholdingKind.VDS, D("0.00"), D("0.00")),
        type(owed[0])(WithholdingKind.TDS, D("0.00"), D("0.00")),
    ]
    assert await rebuild(database, verify_only=True) == []
    assert await rebuild(database, verify_only=False) == []


async def test_an_idempotent_retry_gets_the_first_payment(database: Database[Any]) -> None:
    _, payments, party = await _setup(database)
    bill = await _bill(payments, party)
    request = _request(party, (bill, "100000.00"))

    first = await record_payment(RecordPayment(request, "key-1"), actor(), payments)
    again = await record_payment(RecordPayment(request, "key-1"), actor(), payments)

    assert again == first
    assert (await payments.queries.payments("tenant-a", PaymentFilter(), 20, None)).total_count == 1


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
        if not isinstance(r, PaymentView)
    )


@pytest.mark.postgres
async def test_concurrent_payments_of_one_bill_never_settle_more_than_it_owes(postgres: PostgresDatabase) -> None:
    _, payments, party = await _setup(postgres)
    bill = await _bill(payments, party)

    # Each asks 40,000; the first withholds the 20,000 of VDS, so 2,00,000 is what all of them may pay.
    results = await asyncio.gather(
        *(_pay(payments, _request(party, (bill, "40000.00"))) for _ in range(8)), return_exceptions=True
    )

    recorded = [r for r in results if isinstance(r, PaymentView)]
    assert len(recorded) == 5
    assert _rules(results) == ["more_than_owed"] * 3
    assert sum(len(r.withholdings) for r in recorded) == 1
    assert sorted(r.payment_number for r in recorded) == [f"PAY/2026-27/{n:06d}" for n in range(1, 6)]
    (payable,) = await payments.queries.bill_payables("tenant-a", PayableFilter(), 20)
    assert str(payable.outstanding) == "0.00"
    assert await rebuild(postgres, verify_only=True) == []


@pytest.mark.postgres
async def test_concurrent_deposits_never_deposit_more_than_was_withheld(postgres: PostgresDatabase) -> None:
    _, payments, party = await _setup(postgres)
    bill = await _bill(payments, party)
    await _pay(payments, _request(party, (bill, "200000.00")))

    # 20,000 of VDS withheld; six deposits of 5,000 race for it: four fit.
    request = DepositRequest("VDS", "A-CHALLAN-0091", date(2026, 9, 20), D("5000.00"))
    results = await asyncio.gather(
        *(record_withholding_deposit(RecordDeposit(request), actor(), payments) for _ in range(6)),
        return_exceptions=True,
    )

    refused = [r for r in results if isinstance(r, BaseException)]
    assert len(refused) == 2
    assert all(isinstance(r, InvalidInputError) and r.violations[0].rule == "more_than_withheld" for r in refused)
    (vds, _) = await withholding_payables(actor(), payments)
    assert (str(vds.deposited), str(vds.outstanding)) == ("20000.00", "0.00")
