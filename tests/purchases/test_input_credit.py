"""A claimed input credit is refused, with the rule and its section, by every rule Hisab can check; the bill is kept."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from hisab.kernel.vat import VATCategory
from hisab.purchases.domain.events import InputCredit
from hisab.purchases.domain.input_credit import CreditFacts, Rule, decide_input_credit, last_month_of_window
from hisab.taxpayer.domain.policy import TenantPolicy
from tests.purchases.bill_builders import bill_input, cement, recorded, unregistered

D = Decimal


def facts(**changes: object) -> CreditFacts:
    fields: dict[str, object] = {
        "claimed": InputCredit.CLAIM,
        "vat_category": VATCategory.STANDARD,
        "vat_rate": D("0.15"),
        "vat": D("7500.00"),
        "document_date": date(2026, 11, 10),
        "received_date": date(2026, 11, 12),
        "supplier_bin": "0004567890101",
        "is_import": False,
    }
    fields.update(changes)
    return CreditFacts(**fields)  # type: ignore[arg-type]


def _rule(given: CreditFacts, policy: TenantPolicy | None = None) -> str | None:
    decision = decide_input_credit(given, policy or TenantPolicy())
    if decision.refusal is None:
        assert decision.input_credit is given.claimed
        return None
    assert decision.input_credit is InputCredit.NOT_ELIGIBLE
    return decision.refusal.rule


def test_a_standard_rated_purchase_from_a_registered_supplier_in_time_is_credited() -> None:
    assert _rule(facts()) is None


def test_a_line_not_claimed_stays_not_eligible_without_a_refusal() -> None:
    assert _rule(facts(claimed=InputCredit.NOT_ELIGIBLE, supplier_bin=None)) is None


@pytest.mark.parametrize("category", [VATCategory.EXEMPT, VATCategory.ZERO_RATED])
def test_an_exempt_or_zero_rated_purchase_has_nothing_to_credit(category: VATCategory) -> None:
    assert _rule(facts(vat_category=category, vat_rate=D(0), vat=D(0))) == Rule.NOTHING_TO_CREDIT


@pytest.mark.parametrize(("category", "rate"), [(VATCategory.REDUCED, D("0.075")), (VATCategory.TRUNCATED, D("0.05"))])
def test_vat_below_the_standard_rate_is_not_credited_unless_the_tenant_allows_it(
    category: VATCategory, rate: Decimal
) -> None:
    given = facts(vat_category=category, vat_rate=rate, vat=D("100.00"))
    decision = decide_input_credit(given, TenantPolicy())
    assert decision.refusal is not None
    assert decision.refusal.rule == Rule.REDUCED_RATE_SUPPLY
    assert "s.46(1)(tha)" in decision.refusal.message
    assert _rule(given, TenantPolicy(credit_reduced_rate_inputs=True)) is None


def test_a_supplier_without_a_bin_gives_no_credit_unless_the_purchase_is_an_import() -> None:
    decision = decide_input_credit(facts(supplier_bin=None), TenantPolicy())
    assert decision.refusal is not None
    assert (decision.refusal.rule, "s.46(1)" in decision.refusal.message) == (Rule.SUPPLIER_NOT_REGISTERED, True)
    assert _rule(facts(supplier_bin=None, is_import=True)) is None


def test_a_tenant_supplying_only_below_the_standard_rate_takes_no_credit() -> None:
    policy = TenantPolicy(supplies_below_standard_rate_only=True)
    assert _rule(facts(), policy) == Rule.SUPPLIES_BELOW_STANDARD_RATE


def test_the_credit_is_taken_within_six_tax_periods_after_the_documents_month() -> None:
    # A November 2026 invoice may be credited until May 2027 and not in June.
    assert last_month_of_window(date(2026, 11, 10)) == (2027, 5)
    assert _rule(facts(received_date=date(2027, 5, 31))) is None
    decision = decide_input_credit(facts(received_date=date(2027, 6, 1)), TenantPolicy())
    assert decision.refusal is not None
    assert decision.refusal.rule == Rule.CREDIT_WINDOW
    assert "May 2027" in decision.refusal.message
    assert "s.46(1)(ga)" in decision.refusal.message


def test_the_window_of_an_import_runs_from_its_bill_of_entry() -> None:
    assert last_month_of_window(date(2026, 7, 31)) == (2027, 1)
    assert _rule(facts(document_date=date(2026, 7, 31), received_date=date(2027, 2, 1), is_import=True)) == (
        Rule.CREDIT_WINDOW
    )


def test_a_line_of_no_vat_has_nothing_to_credit() -> None:
    assert _rule(facts(vat=D("0.00"))) == Rule.NOTHING_TO_CREDIT


def test_a_refusal_keeps_the_bill_and_its_line_with_the_reason() -> None:
    event = recorded(bill_input(cement(), cement(vat_category="REDUCED")), supplier=unregistered())
    assert [line.input_credit for line in event.lines] == [InputCredit.NOT_ELIGIBLE, InputCredit.NOT_ELIGIBLE]
    assert [line.refusal.rule for line in event.lines if line.refusal] == [
        Rule.SUPPLIER_NOT_REGISTERED,
        Rule.REDUCED_RATE_SUPPLY,
    ]
    assert [line.creditable_vat for line in event.lines] == [D("0.00"), D("0.00")]
    assert [line.claimed for line in event.lines] == [InputCredit.CLAIM, InputCredit.CLAIM]
