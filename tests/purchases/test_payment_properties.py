"""Any sequence of payments of two bills, with any amounts, methods and withholdings asked for, never settles a
bill beyond its total, never withholds more VDS than its VAT nor VDS twice, never reverses more input credit
than it took; a refused payment changes nothing and takes no serial."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from hisab.invoicing.application.dependencies import Invoicing
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.money import ZERO, from_paisa
from hisab.kernel.vat import VATCategory
from hisab.purchases.application.payment_dependencies import Payments
from hisab.purchases.application.payment_ports import PayableFilter, PaymentFilter
from hisab.purchases.application.payments import RecordPayment, record_payment
from hisab.purchases.domain.bill import Bill
from hisab.purchases.domain.events import InputCredit
from hisab.purchases.domain.payments import AllocationInput, PaymentRequest, WithholdInput
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.tenant_settings import UpdateTenantSettings, update_tenant_settings
from hisab.taxpayer.domain.policy import TenantPolicy
from tests.builders import actor, services
from tests.fakes import FakeDatabase
from tests.purchases_builders import bill_event, line, record_bill, snapshot, supplier_party

D = Decimal
CONSTRUCTION = line("200000.00", "20000.00")
CONSULTANCY = line("150000.00", "22500.00", service_code="S032.00", category=VATCategory.STANDARD, rate="0.15",
                   credit=InputCredit.CLAIM)  # fmt: skip


@dataclass(frozen=True)
class Step:
    bill: int
    paisa: int
    method: str
    withhold: tuple[tuple[str, str, int], ...]  # (kind, how: table | rate | amount, the rate's basis points or paisa)


WITHHOLD = st.tuples(
    st.sampled_from(["VDS", "TDS"]), st.sampled_from(["table", "rate", "amount"]), st.integers(1, 3_000_000)
)
STEPS = st.lists(
    st.builds(
        Step,
        st.integers(0, 1),
        st.one_of(st.integers(1, 25_000_000), st.sampled_from([5_000_000, 10_000_000, 20_000_000, 22_000_000])),
        st.sampled_from(["BANK_TRANSFER", "CASH", "CHEQUE", "MOBILE_WALLET"]),
        st.lists(WITHHOLD, max_size=2, unique_by=lambda w: w[0]).map(tuple),
    ),
    min_size=1,
    max_size=8,
)


def _entry(bill_id: str, kind: str, how: str, number: int) -> WithholdInput:
    if how == "rate":
        return WithholdInput(bill_id, kind, rate=D(number % 10_000 + 1) / 10_000)
    if how == "amount":
        return WithholdInput(bill_id, kind, amount=from_paisa(number))
    return WithholdInput(bill_id, kind)


async def _run(steps: list[Step]) -> None:
    wired = services(FakeDatabase())
    await update_tenant_settings(
        UpdateTenantSettings(TenantPolicy(withholding_entity=True)), actor(), wired.get(Taxpayer)
    )
    payments = wired.get(Payments)
    party = await supplier_party(wired.get(Invoicing), actor())
    events = [bill_event(snapshot(party), CONSTRUCTION), bill_event(snapshot(party), CONSULTANCY)]
    for recorded_bill in events:
        await record_bill(payments.streams, actor(), recorded_bill)
    bills = {e.bill_id: Bill.from_events([e]) for e in events}
    recorded = 0
    for step in steps:
        bill_id = events[step.bill].bill_id
        amount = from_paisa(step.paisa)
        request = PaymentRequest(
            party.party_id, date(2026, 9, 10), step.method, amount, None, None, (AllocationInput(bill_id, amount),),
            tuple(_entry(bill_id, *w) for w in step.withhold),
        )  # fmt: skip
        before = await payments.queries.bill_payables("tenant-a", PayableFilter(), 20)
        try:
            view = await record_payment(RecordPayment(request), actor(), payments)
        except InvalidInputError as refused:
            event(f"refused: {sorted({v.rule for v in refused.violations})}")
            assert await payments.queries.bill_payables("tenant-a", PayableFilter(), 20) == before
            continue
        recorded += 1
        event(f"recorded, withholding {sorted(w.kind.value for w in view.withholdings)}")
        assert view.payment_number == f"PAY/2026-27/{recorded:06d}"
        for payable in await payments.queries.bill_payables("tenant-a", PayableFilter(), 20):
            bill = bills[payable.bill_id]
            assert payable.paid + payable.vds_withheld + payable.tds_withheld <= bill.total
            assert payable.outstanding >= ZERO
            assert payable.vds_withheld <= bill.vat
            assert payable.credit_reversed <= bill.creditable_vat
    listed = await payments.queries.payments("tenant-a", PaymentFilter(), 100, None)
    for bill_id in bills:
        vds = [w for p in listed.payments for w in p.withholdings if w.bill_id == bill_id and w.kind.value == "VDS"]
        assert len(vds) <= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STEPS)
def test_no_sequence_of_payments_settles_a_bill_beyond_what_it_owes(steps: list[Step]) -> None:
    asyncio.run(_run(steps))
