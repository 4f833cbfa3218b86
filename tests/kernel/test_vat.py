from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from hisab.kernel.errors import InvalidInputError, Violation
from hisab.kernel.vat import RatePeriod, RateTable, VATCategory

D = Decimal
FIELD = "lines[0].vat_rate"
A_DAY = date(2025, 1, 15)


def _refusal(table: RateTable, category: VATCategory, requested: Decimal | None, on: date) -> Violation:
    with pytest.raises(InvalidInputError) as error:
        table.resolve(category, requested, on, FIELD)
    assert len(error.value.violations) == 1
    return error.value.violations[0]


@pytest.fixture(scope="module")
def budget_change() -> RateTable:
    """STANDARD goes from 15% to 16% on 1 July 2025 (a made-up budget, to test effective dating)."""
    return RateTable(
        [
            RatePeriod(VATCategory.STANDARD, frozenset({D("0.15")}), D("0.15"), date(2019, 7, 1), date(2025, 6, 30)),
            RatePeriod(VATCategory.STANDARD, frozenset({D("0.16")}), D("0.16"), date(2025, 7, 1)),
        ]
    )


@pytest.mark.parametrize(
    ("category", "rate"),
    [
        (VATCategory.STANDARD, "0.15"),
        (VATCategory.REDUCED, "0.075"),
        (VATCategory.TRUNCATED, "0.05"),
        (VATCategory.ZERO_RATED, "0"),
        (VATCategory.EXEMPT, "0"),
    ],
)
def test_each_category_defaults_to_its_rate(rates: RateTable, category: VATCategory, rate: str) -> None:
    assert rates.resolve(category, None, A_DAY, FIELD) == D(rate)


@pytest.mark.parametrize("rate", ["0.05", "0.075", "0.10", "0.1", "0.02", "0.024", "0.045"])
def test_an_explicit_reduced_rate_from_the_tables_is_allowed(rates: RateTable, rate: str) -> None:
    assert rates.resolve(VATCategory.REDUCED, D(rate), A_DAY, FIELD) == D(rate)


def test_an_explicit_rate_resolves_to_the_tables_own_value(rates: RateTable) -> None:
    assert str(rates.resolve(VATCategory.REDUCED, D("0.0750"), A_DAY, FIELD)) == "0.075"


def test_an_11_percent_reduced_rate_is_refused_naming_the_allowed_rates(rates: RateTable) -> None:
    violation = _refusal(rates, VATCategory.REDUCED, D("0.11"), A_DAY)

    assert (violation.field, violation.rule) == (FIELD, "vat_rate_not_in_force")
    assert "0.11" in violation.message
    for allowed in ("0.02", "0.024", "0.045", "0.05", "0.075", "0.10"):
        assert allowed in violation.message


def test_a_10_percent_rate_on_a_standard_line_is_refused(rates: RateTable) -> None:
    violation = _refusal(rates, VATCategory.STANDARD, D("0.10"), A_DAY)

    assert (violation.field, violation.rule) == (FIELD, "vat_rate_not_in_force")
    assert "0.15" in violation.message


def test_an_explicit_standard_rate_of_15_percent_is_allowed(rates: RateTable) -> None:
    assert rates.resolve(VATCategory.STANDARD, D("0.15"), A_DAY, FIELD) == D("0.15")


@pytest.mark.parametrize("category", list(VATCategory))
def test_no_rate_is_in_force_before_the_2012_act_took_effect(rates: RateTable, category: VATCategory) -> None:
    violation = _refusal(rates, category, None, date(2019, 6, 30))

    assert (violation.field, violation.rule) == (FIELD, "vat_rate_not_in_force")
    assert "2019-06-30" in violation.message


def test_the_first_day_of_the_act_has_rates(rates: RateTable) -> None:
    assert rates.resolve(VATCategory.STANDARD, None, date(2019, 7, 1), FIELD) == D("0.15")


def test_an_invoice_dated_before_a_budget_change_keeps_the_old_rate(budget_change: RateTable) -> None:
    assert budget_change.resolve(VATCategory.STANDARD, None, date(2025, 6, 30), FIELD) == D("0.15")


def test_an_invoice_dated_after_a_budget_change_gets_the_new_rate(budget_change: RateTable) -> None:
    assert budget_change.resolve(VATCategory.STANDARD, None, date(2025, 7, 1), FIELD) == D("0.16")


def test_the_old_rate_asked_for_after_the_change_is_refused(budget_change: RateTable) -> None:
    violation = _refusal(budget_change, VATCategory.STANDARD, D("0.15"), date(2025, 7, 1))

    assert violation.rule == "vat_rate_not_in_force"
    assert "0.16" in violation.message


def test_the_new_rate_asked_for_before_the_change_is_refused(budget_change: RateTable) -> None:
    violation = _refusal(budget_change, VATCategory.STANDARD, D("0.16"), date(2025, 6, 30))

    assert violation.rule == "vat_rate_not_in_force"


def test_a_category_missing_from_the_table_is_not_in_force(budget_change: RateTable) -> None:
    violation = _refusal(budget_change, VATCategory.REDUCED, None, A_DAY)

    assert violation.rule == "vat_rate_not_in_force"


def test_a_period_without_a_default_needs_an_explicit_rate() -> None:
    table = RateTable([RatePeriod(VATCategory.REDUCED, frozenset({D("0.05"), D("0.10")}), None, date(2019, 7, 1))])

    violation = _refusal(table, VATCategory.REDUCED, None, A_DAY)

    assert (violation.field, violation.rule) == (FIELD, "vat_rate_required")
    assert table.resolve(VATCategory.REDUCED, D("0.05"), A_DAY, FIELD) == D("0.05")


def test_a_table_whose_default_is_not_one_of_its_rates_is_refused() -> None:
    with pytest.raises(ValueError, match=r"default rate 0\.2"):
        RateTable([RatePeriod(VATCategory.STANDARD, frozenset({D("0.15")}), D("0.2"), date(2019, 7, 1))])


def test_a_period_covers_both_of_its_end_days() -> None:
    period = RatePeriod(VATCategory.STANDARD, frozenset({D("0.15")}), D("0.15"), date(2024, 7, 1), date(2025, 6, 30))

    assert period.covers(date(2024, 7, 1))
    assert period.covers(date(2025, 6, 30))
    assert not period.covers(date(2024, 6, 30))
    assert not period.covers(date(2025, 7, 1))


def test_an_open_ended_period_covers_every_later_day() -> None:
    period = RatePeriod(VATCategory.STANDARD, frozenset({D("0.15")}), D("0.15"), date(2019, 7, 1))

    assert period.covers(date(2999, 12, 31))
