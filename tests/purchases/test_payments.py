"""The payment's rules, pure: VDS arithmetic and overrides, TDS, the cash rule, and every refusal."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from hisab.kernel.errors import InvalidInputError
from hisab.kernel.vat import VATCategory
from hisab.purchases.adapters.withholding_rate_file import load_withholding_rates
from hisab.purchases.domain.bill import Bill
from hisab.purchases.domain.events import BillRecorded, InputCredit, SupplierSnapshot, WithholdingKind
from hisab.purchases.domain.payments import (
    AllocationInput,
    BillSettled,
    DepositRequest,
    PaymentDecision,
    PaymentRequest,
    WithholdingPolicy,
    WithholdInput,
    check_deposit,
    decide_payment,
    validate_deposit,
    validate_payment,
)
from tests.purchases_builders import bill_event, line

D = Decimal
TODAY = date(2026, 11, 26)
PAID_ON = date(2026, 9, 10)
RATES = load_withholding_rates()
ENTITY = WithholdingPolicy(True, RATES)
NOT_ENTITY = WithholdingPolicy(False, RATES)
SUPPLIER = SupplierSnapshot("party-1", "Rahman Construction Ltd", "Gulshan, Dhaka", "000123456-0101", None, None)


def _bill(*lines: object, **changes: object) -> BillRecorded:
    return bill_event(SUPPLIER, *lines, **changes)  # type: ignore[arg-type]


# A construction firm's bill: 2,00,000 at 10% VAT (S004.00), so 2,20,000 in all.
CIVIL = _bill(line("200000.00", "20000.00"))


def _request(
    *allocations: tuple[BillRecorded, str], withhold: tuple[WithholdInput, ...] = (), **changes: object
) -> PaymentRequest:
    fields: dict[str, object] = {
        "supplier_party_id": "party-1",
        "payment_date": PAID_ON,
        "method": "BANK_TRANSFER",
        "amount": sum((D(amount) for _, amount in allocations), D("0.00")),
        "reference": None,
        "paid_from_account_code": None,
        "allocations": tuple(AllocationInput(bill.bill_id, D(amount)) for bill, amount in allocations),
        "withhold": withhold,
    }
    fields.update(changes)
    return PaymentRequest(**fields)  # type: ignore[arg-type]


def _decide(
    request: PaymentRequest,
    *bills: BillRecorded,
    settled: dict[str, BillSettled] | None = None,
    policy: WithholdingPolicy = ENTITY,
) -> PaymentDecision:
    payment = validate_payment(request, TODAY)
    found = {bill.bill_id: Bill.from_events([bill]) for bill in bills}
    return decide_payment(payment, found, settled or {}, policy, "pay-1")


def _rules(error: pytest.ExceptionInfo[InvalidInputError]) -> set[tuple[str, str]]:
    return {(v.field, v.rule) for v in error.value.violations}


def test_the_first_payment_of_a_construction_bill_withholds_vds_at_ten_percent_and_issues_a_certificate_row() -> None:
    decision = _decide(_request((CIVIL, "200000.00")), CIVIL)

    (vds,) = decision.withholdings
    assert (vds.kind, vds.rate, vds.base, vds.amount, vds.service_code) == (
        WithholdingKind.VDS, D("0.10"), D("200000.00"), D("20000.00"), "S004.00",
    )  # fmt: skip
    assert vds.withholding_id == "pay-1:1"
    (row,) = decision.certificate_rows
    assert (row.total_value, row.vat, row.deducted) == (D("220000.00"), D("20000.00"), D("20000.00"))
    assert row.supplier_invoice_number == CIVIL.supplier_invoice_number


def test_vds_per_line_is_at_most_the_lines_vat_and_rounds_half_up() -> None:
    # Consultancy at 15% VDS on a line charged 5% VAT: 15% of the value exceeds the VAT, so the VAT is withheld.
    low_vat = line("1000.00", "50.00", service_code="S032.00", position=1)
    # 2% of 1,234.25 is 24.685: half-up to 24.69.
    land = line("1234.25", "24.69", service_code="S010.10", rate="0.02", position=2)
    bill = _bill(low_vat, land)

    (vds,) = _decide(_request((bill, "1000.00")), bill).withholdings

    assert vds.amount == D("50.00") + D("24.69")
    assert (vds.rate, vds.service_code) == (None, None)  # two rates, two codes: the row names neither


def test_exempt_zero_rated_and_uncoded_lines_withhold_no_vds() -> None:
    exempt = line("5000.00", "0.00", category=VATCategory.EXEMPT, rate="0", position=1)
    zero = line("5000.00", "0.00", category=VATCategory.ZERO_RATED, rate="0", position=2)
    uncoded = line("5000.00", "750.00", service_code=None, category=VATCategory.STANDARD, rate="0.15", position=3)
    bill = _bill(exempt, zero, uncoded)

    decision = _decide(_request((bill, "15750.00")), bill)

    assert decision.withholdings == ()
    assert decision.certificate_rows == ()


def test_a_withholding_entity_only_withholds_vds() -> None:
    decision = _decide(_request((CIVIL, "220000.00")), CIVIL, policy=NOT_ENTITY)
    assert decision.withholdings == ()

    with pytest.raises(InvalidInputError) as refused:
        _decide(_request((CIVIL, "200000.00"), withhold=(WithholdInput(CIVIL.bill_id, "VDS"),)), CIVIL,
                policy=NOT_ENTITY)  # fmt: skip
    assert _rules(refused) == {("withhold[0].kind", "not_withholding_entity")}


def test_a_rate_given_replaces_the_tables_and_an_amount_given_replaces_both() -> None:
    # A flat above 1,600 sq ft: S010.20 at 4.5%, not the table's 2% band.
    flat = _bill(line("100000.00", "4500.00", service_code="S010.20", rate="0.045"))
    at_rate = _decide(
        _request((flat, "95500.00"), withhold=(WithholdInput(flat.bill_id, "VDS", rate=D("0.045")),)), flat
    )
    assert [(w.rate, w.amount) for w in at_rate.withholdings] == [(D("0.045"), D("4500.00"))]

    given = _decide(
        _request((CIVIL, "210000.00"), withhold=(WithholdInput(CIVIL.bill_id, "VDS", amount=D("10000")),)), CIVIL
    )
    assert [(w.rate, w.amount, w.service_code) for w in given.withholdings] == [(None, D("10000"), None)]

    with pytest.raises(InvalidInputError) as refused:
        _decide(
            _request((CIVIL, "190000.00"), withhold=(WithholdInput(CIVIL.bill_id, "VDS", amount=D("20000.01")),)), CIVIL
        )
    assert _rules(refused) == {("withhold[0].amount", "more_than_vat")}


def test_vds_is_withheld_once_per_bill_and_automatically_only_on_its_first_payment() -> None:
    half = {CIVIL.bill_id: BillSettled(paid=D("100000.00"))}
    later = _decide(_request((CIVIL, "100000.00")), CIVIL, settled=half)
    assert later.withholdings == ()

    asked = _decide(_request((CIVIL, "50000.00"), withhold=(WithholdInput(CIVIL.bill_id, "VDS"),)), CIVIL, settled=half)
    assert [w.amount for w in asked.withholdings] == [D("20000.00")]

    withheld = {CIVIL.bill_id: BillSettled(paid=D("100000.00"), vds=D("20000.00"))}
    assert _decide(_request((CIVIL, "100000.00")), CIVIL, settled=withheld).withholdings == ()
    with pytest.raises(InvalidInputError) as refused:
        _decide(_request((CIVIL, "50000.00"), withhold=(WithholdInput(CIVIL.bill_id, "VDS"),)), CIVIL, settled=withheld)
    assert _rules(refused) == {("withhold[0].kind", "already_withheld")}


def test_tds_only_when_listed_from_the_table_on_the_value_excluding_vat_and_sd() -> None:
    bill = _bill(line("200000.00", "20000.00", supplementary_duty="1000.00"))
    withhold = (WithholdInput(bill.bill_id, "TDS"),)

    decision = _decide(_request((bill, "191000.00"), withhold=withhold), bill)

    tds = next(w for w in decision.withholdings if w.kind is WithholdingKind.TDS)
    # 5% of the value 2,00,000 (not of the VAT or the SD), from the table's S004.00 row.
    assert (tds.rate, tds.base, tds.amount, tds.service_code) == (D("0.05"), D("200000.00"), D("10000.00"), "S004.00")


def test_tds_at_a_rate_given_or_an_amount_given_and_none_without_a_row() -> None:
    rated = _decide(
        _request((CIVIL, "193000.00"), withhold=(WithholdInput(CIVIL.bill_id, "TDS", rate=D("0.035")),)), CIVIL
    )
    assert [w.amount for w in rated.withholdings if w.kind is WithholdingKind.TDS] == [D("7000.00")]
    given = _decide(
        _request((CIVIL, "190000.00"), withhold=(WithholdInput(CIVIL.bill_id, "TDS", amount=D("10000.00")),)), CIVIL
    )
    assert [(w.rate, w.amount) for w in given.withholdings if w.kind is WithholdingKind.TDS] == [(None, D("10000.00"))]

    security = _bill(line("10000.00", "1500.00", service_code="S040.00", category=VATCategory.STANDARD, rate="0.15"))
    with pytest.raises(InvalidInputError) as refused:
        _decide(_request((security, "10000.00"), withhold=(WithholdInput(security.bill_id, "TDS"),)), security)
    assert _rules(refused) == {("withhold[0].rate", "no_tds_rate")}


def test_before_the_tds_table_starts_there_is_no_row() -> None:
    early = _bill(line("200000.00", "20000.00"), received=date(2026, 6, 1))
    request = _request(
        (early, "200000.00"), withhold=(WithholdInput(early.bill_id, "TDS"),), payment_date=date(2026, 6, 20)
    )
    with pytest.raises(InvalidInputError) as refused:
        _decide(request, early)
    assert ("withhold[0].rate", "no_tds_rate") in _rules(refused)


def test_a_bill_is_never_settled_beyond_what_it_owes() -> None:
    # 2,20,000 owed; VDS 20,000 withheld automatically; 2,00,000 paid settles it exactly, 2,00,000.01 does not.
    assert _decide(_request((CIVIL, "200000.00")), CIVIL).withholdings
    with pytest.raises(InvalidInputError) as refused:
        _decide(_request((CIVIL, "200000.01")), CIVIL)
    assert _rules(refused) == {("allocations[0].amount", "more_than_owed")}

    earlier = {CIVIL.bill_id: BillSettled(paid=D("150000.00"), vds=D("20000.00"), tds=D("10000.00"))}
    with pytest.raises(InvalidInputError) as again:
        _decide(_request((CIVIL, "40000.01")), CIVIL, settled=earlier)
    assert _rules(again) == {("allocations[0].amount", "more_than_owed")}


def test_a_cash_payment_of_a_bill_above_one_lakh_reverses_its_credit_in_proportion() -> None:
    creditable = _bill(
        line("200000.00", "30000.00", service_code=None, category=VATCategory.STANDARD, rate="0.15",
             credit=InputCredit.CLAIM),
    )  # fmt: skip
    # A third of 2,30,000 paid in cash: a third of the 30,000 credit (10,000.00) is reversed.
    decision = _decide(_request((creditable, "76666.67"), method="CASH"), creditable)
    assert [(r.bill_id, r.vat) for r in decision.credit_reversals] == [(creditable.bill_id, D("10000.00"))]

    # Never more than is left: 25,000 already reversed, 5,000 remain.
    earlier = {creditable.bill_id: BillSettled(paid=D("191666.67"), credit_reversed=D("25000.00"))}
    rest = _decide(_request((creditable, "38333.33"), method="CASH"), creditable, settled=earlier)
    assert [r.vat for r in rest.credit_reversals] == [D("5000.00")]

    assert _decide(_request((creditable, "76666.67")), creditable).credit_reversals == ()
    small = _bill(line("100000.00", "15000.00", service_code=None, category=VATCategory.STANDARD, rate="0.15",
                       credit=InputCredit.CLAIM))  # fmt: skip
    assert _decide(_request((small, "115000.00"), method="CASH"), small).credit_reversals == ()
    assert _decide(_request((CIVIL, "200000.00"), method="CASH"), CIVIL).credit_reversals == ()


def test_the_bills_must_be_the_suppliers_known_and_received_by_the_payment_date() -> None:
    other = _bill(line("1000.00", "100.00"))
    other = replace(other, supplier=replace(SUPPLIER, party_id="party-2"))
    late = _bill(line("1000.00", "100.00"), received=date(2026, 9, 11))
    missing = _bill(line("1000.00", "100.00"))

    with pytest.raises(InvalidInputError) as refused:
        _decide(_request((other, "900.00"), (late, "900.00"), (missing, "900.00")), other, late)

    assert _rules(refused) == {
        ("allocations[0].bill_id", "other_supplier"),
        ("allocations[1].bill_id", "bill_after_payment"),
        ("allocations[2].bill_id", "unknown_bill"),
    }


def test_the_requests_own_rules() -> None:
    bill = CIVIL
    with pytest.raises(InvalidInputError) as refused:
        validate_payment(
            _request(
                (bill, "100.00"), (bill, "-1"),
                withhold=(
                    WithholdInput(bill.bill_id, "AIT"), WithholdInput("elsewhere", "VDS"),
                    WithholdInput(bill.bill_id, "TDS", rate=D("0.05"), amount=D("1")),
                    WithholdInput(bill.bill_id, "TDS", rate=D("1.5")),
                ),
                method="BARTER", amount=D("50.00"), payment_date=date(2026, 11, 27),
            ),
            TODAY,
        )  # fmt: skip
    assert _rules(refused) == {
        ("date", "not_in_future"),
        ("method", "payment_method"),
        ("amount", "equals_allocations"),
        ("allocations[1].bill_id", "duplicate_bill"),
        ("allocations[1].amount", "positive"),
        ("withhold[0].kind", "withholding_kind"),
        ("withhold[1].bill_id", "not_allocated"),
        ("withhold[2].rate", "rate_or_amount"),
        ("withhold[3].kind", "duplicate_withholding"),
        ("withhold[3].rate", "max_rate"),
    }
    with pytest.raises(InvalidInputError) as empty:
        validate_payment(_request(amount=D("10.00")), TODAY)
    assert _rules(empty) == {("allocations", "required")}


def test_a_deposit_is_at_most_what_is_withheld_and_not_yet_deposited() -> None:
    deposit = validate_deposit(DepositRequest("VDS", " A-2026-0001 ", date(2026, 9, 15), D("20000.00")), TODAY)
    assert deposit.challan_number == "A-2026-0001"
    check_deposit(D("20000.00"), WithholdingKind.VDS, D("20000.00"))
    with pytest.raises(InvalidInputError) as refused:
        check_deposit(D("20000.01"), WithholdingKind.VDS, D("20000.00"))
    assert _rules(refused) == {("amount", "more_than_withheld")}
    with pytest.raises(InvalidInputError) as wrong:
        validate_deposit(DepositRequest("AIT", "", date(2026, 12, 1), D("0")), TODAY)
    assert _rules(wrong) == {
        ("kind", "withholding_kind"), ("challan_number", "required"), ("date", "not_in_future"), ("amount", "positive"),
    }  # fmt: skip


def test_tds_is_withheld_from_an_exempt_supply_too() -> None:
    # Income tax knows no VAT category: an exempt construction line still has its TDS row.
    exempt = _bill(line("100000.00", "0.00", category=VATCategory.EXEMPT, rate="0"))

    decision = _decide(_request((exempt, "95000.00"), withhold=(WithholdInput(exempt.bill_id, "TDS"),)), exempt)

    assert [(w.kind, w.amount) for w in decision.withholdings] == [(WithholdingKind.TDS, D("5000.00"))]


def test_vds_of_nothing_given_says_the_supply_is_excluded_and_tds_of_nothing_is_refused() -> None:
    excluded = (WithholdInput(CIVIL.bill_id, "VDS", amount=D("0.00")),)
    decision = _decide(_request((CIVIL, "220000.00"), withhold=excluded), CIVIL)
    assert (decision.withholdings, decision.certificate_rows) == ((), ())

    with pytest.raises(InvalidInputError) as refused:
        validate_payment(
            _request((CIVIL, "1.00"), withhold=(WithholdInput(CIVIL.bill_id, "TDS", amount=D("0")),)), TODAY
        )
    assert _rules(refused) == {("withhold[0].amount", "positive")}
