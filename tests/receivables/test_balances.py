"""What an issued invoice still owes, and which settlements it may take: never more than it owes, VDS never
more than its VAT, only the invoice's own customer, and a write-off only of what is within the tolerance."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from hisab.kernel.errors import InvalidInputError
from hisab.receivables.domain.balances import InvoiceBalance, PaymentStatus, check_settlements, check_write_off
from hisab.receivables.domain.events import Allocation
from hisab.receivables.domain.receipts import WithholdingInput

D = Decimal
# The steel-rods invoice: 5,00,000 of rods and 75,000 of VAT.
RODS = InvoiceBalance(
    "inv-1", 7, "customer-001", "party-1", "HO/2026-27/000001", date(2026, 11, 2), date(2026, 12, 2),
    D("575000.00"), D("75000.00"),
)  # fmt: skip
CUSTOMER = ("customer-001", "party-1")


def test_an_invoice_owes_its_adjusted_total_less_what_settled_it() -> None:
    balance = replace(RODS, allocated=D("400000.00"), withheld_vds=D("75000.00"), withheld_ait=D("25000.00"))

    assert (str(balance.withheld), str(balance.settled), str(balance.outstanding)) == (
        "100000.00", "500000.00", "75000.00",
    )  # fmt: skip


def test_a_cancelled_invoice_owes_nothing() -> None:
    assert str(replace(RODS, cancelled=True).outstanding) == "0.00"


@pytest.mark.parametrize(
    ("settled", "status"),
    [
        ({}, PaymentStatus.UNPAID),
        ({"allocated": D("0.01")}, PaymentStatus.PARTIALLY_PAID),
        ({"withheld_ait": D("25000.00")}, PaymentStatus.PARTIALLY_PAID),
        ({"allocated": D("500000.00"), "withheld_vds": D("75000.00")}, PaymentStatus.PAID),
        ({"allocated": D("574999.99"), "written_off": D("0.01")}, PaymentStatus.WRITTEN_OFF),
    ],
)
def test_the_payment_status_follows_what_is_owed_and_how_it_was_settled(
    settled: dict[str, Decimal], status: PaymentStatus
) -> None:
    assert replace(RODS, **settled).payment_status is status  # type: ignore[arg-type]


def test_an_invoice_is_overdue_by_the_days_past_its_due_date() -> None:
    assert RODS.days_overdue(date(2026, 12, 2)) == 0
    assert RODS.days_overdue(date(2026, 12, 3)) == 1
    assert RODS.days_overdue(date(2027, 1, 1)) == 30


def test_an_invoice_that_owes_nothing_is_never_overdue() -> None:
    paid = replace(RODS, allocated=D("575000.00"))

    assert paid.days_overdue(date(2027, 1, 1)) == 0


def test_a_partly_paid_invoice_is_overdue() -> None:
    assert replace(RODS, allocated=D("100.00")).days_overdue(date(2026, 12, 12)) == 10


def _refusals(
    allocations: Sequence[Allocation] = (),
    withholdings: Sequence[WithholdingInput] = (),
    balances: dict[str, InvoiceBalance] | None = None,
    customer: tuple[str, str | None] = CUSTOMER,
) -> list[tuple[str, str, str]]:
    with pytest.raises(InvalidInputError) as refused:
        check_settlements(balances or {"inv-1": RODS}, customer, allocations, withholdings)
    return [(v.field, v.rule, v.message) for v in refused.value.violations]


def test_settlements_within_what_is_owed_pass() -> None:
    check_settlements(
        {"inv-1": RODS},
        CUSTOMER,
        [Allocation("inv-1", D("475000.00"))],
        [WithholdingInput("inv-1", "VDS", D("75000.00")), WithholdingInput("inv-1", "AIT", D("25000.00"))],
    )


def test_an_allocation_of_more_than_is_owed_is_refused_naming_what_is_owed() -> None:
    partly = replace(RODS, allocated=D("500000.00"))

    ((field, rule, message),) = _refusals([Allocation("inv-1", D("75000.01"))], balances={"inv-1": partly})

    assert (field, rule) == ("allocations[0].amount", "more_than_outstanding")
    assert "owes 75000.00" in message
    assert "HO/2026-27/000001" in message


def test_several_settlements_of_one_invoice_in_one_receipt_are_summed() -> None:
    # Each fits alone; together the AIT is one paisa beyond what the allocation and VDS left.
    refusals = _refusals(
        [Allocation("inv-1", D("475000.00"))],
        [WithholdingInput("inv-1", "VDS", D("75000.00")), WithholdingInput("inv-1", "AIT", D("25000.01"))],
    )

    assert [(f, r) for f, r, _ in refusals] == [("withheld[1].amount", "more_than_outstanding")]
    assert "owes 25000.00" in refusals[0][2]


def test_vds_of_more_than_the_invoices_vat_is_refused() -> None:
    refusals = _refusals(withholdings=[WithholdingInput("inv-1", "VDS", D("75000.01"))])

    assert [(f, r) for f, r, _ in refusals] == [("withheld[0].amount", "vds_above_vat")]
    assert "75000.00 of VAT left" in refusals[0][2]


def test_vds_already_withheld_counts_against_the_vat() -> None:
    half = replace(RODS, withheld_vds=D("37500.00"))

    refusals = _refusals(withholdings=[WithholdingInput("inv-1", "VDS", D("37500.01"))], balances={"inv-1": half})

    assert [(f, r) for f, r, _ in refusals] == [("withheld[0].amount", "vds_above_vat")]


def test_ait_is_not_bounded_by_the_vat() -> None:
    check_settlements({"inv-1": RODS}, CUSTOMER, [], [WithholdingInput("inv-1", "AIT", D("100000.00"))])


def test_another_partys_invoice_is_refused() -> None:
    refusals = _refusals([Allocation("inv-1", D("1.00"))], customer=("customer-001", "party-2"))

    assert [(f, r) for f, r, _ in refusals] == [("allocations[0].invoice_id", "other_customer")]


def test_another_customer_ids_invoice_is_refused_when_no_party_is_named() -> None:
    unregistered = replace(RODS, customer_party_id=None)

    refusals = _refusals(
        [Allocation("inv-1", D("1.00"))], balances={"inv-1": unregistered}, customer=("customer-002", None)
    )

    assert [(f, r) for f, r, _ in refusals] == [("allocations[0].invoice_id", "other_customer")]


def test_an_invoice_of_the_same_customer_id_is_settled_when_no_party_is_named() -> None:
    unregistered = replace(RODS, customer_party_id=None)

    check_settlements({"inv-1": unregistered}, ("customer-001", None), [Allocation("inv-1", D("1.00"))], [])


def test_a_cancelled_invoice_is_refused() -> None:
    refusals = _refusals([Allocation("inv-1", D("1.00"))], balances={"inv-1": replace(RODS, cancelled=True)})

    assert [(f, r) for f, r, _ in refusals] == [("allocations[0].invoice_id", "cancelled_invoice")]


def test_an_unknown_invoice_is_refused() -> None:
    refusals = _refusals([Allocation("inv-1", D("1.00")), Allocation("inv-9", D("1.00"))])

    assert [(f, r) for f, r, _ in refusals] == [("allocations[1].invoice_id", "invoice")]


def test_every_settlement_that_cannot_be_taken_is_named_at_once() -> None:
    refusals = _refusals(
        [Allocation("inv-1", D("575000.01")), Allocation("inv-9", D("1.00"))],
        [WithholdingInput("inv-1", "VDS", D("80000.00"))],
    )

    assert [(f, r) for f, r, _ in refusals] == [
        ("allocations[0].amount", "more_than_outstanding"),
        ("allocations[1].invoice_id", "invoice"),
        ("withheld[0].amount", "vds_above_vat"),
    ]


def test_a_write_off_takes_all_that_is_owed_within_the_tolerance() -> None:
    nearly = replace(RODS, allocated=D("574999.50"))

    assert str(check_write_off(nearly, D("0.50"))) == "0.50"


def test_a_write_off_of_an_invoice_that_owes_nothing_is_refused() -> None:
    with pytest.raises(InvalidInputError) as refused:
        check_write_off(replace(RODS, allocated=D("575000.00")), D("1.00"))

    assert [(v.field, v.rule) for v in refused.value.violations] == [("invoice_id", "nothing_owed")]


def test_a_write_off_above_the_tolerance_is_refused_naming_both() -> None:
    with pytest.raises(InvalidInputError) as refused:
        check_write_off(replace(RODS, allocated=D("574999.49")), D("0.50"))

    (violation,) = refused.value.violations
    assert (violation.field, violation.rule) == ("invoice_id", "above_tolerance")
    assert "owes 0.51" in violation.message
    assert "0.50" in violation.message


def test_with_the_default_tolerance_nothing_is_written_off() -> None:
    with pytest.raises(InvalidInputError):
        check_write_off(replace(RODS, allocated=D("574999.99")), D("0.00"))
