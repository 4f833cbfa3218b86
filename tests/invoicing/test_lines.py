from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from hisab.invoicing.domain.lines import compute_line

D = Decimal
ZERO = D(0)


def _half_up(value: Decimal) -> Decimal:
    return value.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def _rates(places: int, maximum: str) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=ZERO, max_value=D(maximum), places=places, allow_nan=False, allow_infinity=False)


quantities = st.decimals(min_value=D("0.0001"), max_value=D("100000"), places=4, allow_nan=False, allow_infinity=False)
prices = st.decimals(min_value=ZERO, max_value=D("10000000"), places=2, allow_nan=False, allow_infinity=False)
vat_rates = st.sampled_from([D("0.15"), D("0.075"), D("0.10"), D("0.05"), D("0.024"), D("0.02"), D("0.045"), D("0")])


def test_the_domain_reference_worked_example() -> None:
    # Value 1,00,000.00, SD 10% -> 10,000.00; VAT 15% of 1,10,000.00 -> 16,500.00; total 1,26,500.00.
    amounts = compute_line(D("1"), D("100000.00"), D("0.10"), D("0.15"), ZERO)

    assert amounts.value == D("100000.00")
    assert amounts.supplementary_duty == D("10000.00")
    assert amounts.vat == D("16500.00")
    assert amounts.total == D("126500.00")


def test_the_steel_rods_line_of_the_issue() -> None:
    amounts = compute_line(D("100"), D("5000"), ZERO, D("0.15"), ZERO)

    assert (amounts.value, amounts.vat, amounts.total) == (D("500000.00"), D("75000.00"), D("575000.00"))


def test_vat_of_a_half_paisa_rounds_up() -> None:
    # 0.03 * 15% = 0.0045 -> 0.00; 0.10 * 15% = 0.015 -> 0.02 (half-up, not half-even).
    assert compute_line(D("1"), D("0.03"), ZERO, D("0.15"), ZERO).vat == D("0.00")
    assert compute_line(D("1"), D("0.10"), ZERO, D("0.15"), ZERO).vat == D("0.02")


def test_the_value_is_rounded_before_sd_and_vat_are_taken() -> None:
    # 0.3333 x 0.03 = 0.009999 -> value 0.01, so VAT at 50% (hypothetically) is on 0.01.
    amounts = compute_line(D("0.3333"), D("0.03"), ZERO, D("0.5"), ZERO)

    assert amounts.value == D("0.01")
    assert amounts.vat == D("0.01")


def test_advance_income_tax_is_on_the_value_alone_and_not_in_the_total() -> None:
    amounts = compute_line(D("1"), D("100000.00"), D("0.10"), D("0.15"), D("0.07"))

    assert amounts.advance_income_tax == D("7000.00")
    assert amounts.total == D("126500.00")


@given(quantities, prices, _rates(6, "5"), vat_rates, _rates(6, "1"))
@settings(max_examples=200, deadline=None)
def test_sd_is_on_the_value_and_vat_on_value_plus_sd_each_rounded_half_up_to_two_places(
    quantity: Decimal, price: Decimal, sd_rate: Decimal, vat_rate: Decimal, ait_rate: Decimal
) -> None:
    amounts = compute_line(quantity, price, sd_rate, vat_rate, ait_rate)

    assert amounts.value == _half_up(quantity * price)
    assert amounts.supplementary_duty == _half_up(amounts.value * sd_rate)
    assert amounts.vat == _half_up((amounts.value + amounts.supplementary_duty) * vat_rate)
    assert amounts.advance_income_tax == _half_up(amounts.value * ait_rate)
    assert amounts.total == amounts.value + amounts.supplementary_duty + amounts.vat
    for amount in (amounts.value, amounts.supplementary_duty, amounts.vat, amounts.advance_income_tax, amounts.total):
        assert type(amount) is Decimal
        assert amount.as_tuple().exponent == -2
