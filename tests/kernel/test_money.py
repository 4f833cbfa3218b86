from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hisab.kernel.money import Money, decimal_places, from_paisa, round_to_paisa, to_paisa

D = Decimal


@pytest.mark.parametrize(
    ("raw", "rounded"),
    [
        ("0.005", "0.01"),
        ("0.004", "0.00"),
        ("0.0049999", "0.00"),
        ("2.675", "2.68"),
        ("2.665", "2.67"),
        ("0.125", "0.13"),
        ("-0.005", "-0.01"),
        ("100", "100.00"),
        ("1.10", "1.10"),
    ],
)
def test_round_to_paisa_rounds_half_up_exactly(raw: str, rounded: str) -> None:
    result = round_to_paisa(D(raw))

    assert result == D(rounded)
    assert str(result) == rounded


def test_round_to_paisa_always_yields_exactly_two_decimal_places() -> None:
    assert round_to_paisa(D("7")).as_tuple().exponent == -2


@given(st.integers(min_value=-(10**15), max_value=10**15))
@settings(max_examples=200, deadline=None)
def test_paisa_round_trip_is_exact(paisa: int) -> None:
    assert to_paisa(from_paisa(paisa)) == paisa


@given(st.decimals(places=2, min_value=D("-1e13"), max_value=D("1e13"), allow_nan=False, allow_infinity=False))
@settings(max_examples=200, deadline=None)
def test_an_exact_two_place_amount_survives_the_trip_through_paisa(amount: Decimal) -> None:
    assert from_paisa(to_paisa(amount)) == amount


def test_from_paisa_gives_two_places() -> None:
    assert str(from_paisa(57500000)) == "575000.00"
    assert str(from_paisa(-1)) == "-0.01"


def test_to_paisa_refuses_an_amount_with_more_than_two_places() -> None:
    with pytest.raises(ValueError, match="more than two decimal places"):
        to_paisa(D("1.005"))


@pytest.mark.parametrize(
    ("raw", "places"),
    [("1", 0), ("100", 0), ("1.5", 1), ("1.50", 1), ("0.0001", 4), ("1.23456", 5), ("1E+3", 0)],
)
def test_decimal_places_ignores_trailing_zeros(raw: str, places: int) -> None:
    assert decimal_places(D(raw)) == places


def test_adding_money_of_one_currency_sums_the_amounts() -> None:
    total = Money(D("10.25")) + Money(D("0.75"))

    assert total == Money(D("11.00"), "BDT")


def test_subtracting_money_of_one_currency() -> None:
    assert Money(D("10.00")) - Money(D("0.01")) == Money(D("9.99"))


def test_adding_money_of_different_currencies_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot combine BDT with USD"):
        Money(D("1.00")) + Money(D("1.00"), "USD")


def test_subtracting_money_of_different_currencies_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot combine"):
        Money(D("1.00"), "USD") - Money(D("1.00"))


def test_money_zero_is_zero_paisa_in_bdt() -> None:
    assert Money.zero() == Money(D("0.00"), "BDT")
    assert str(Money.zero().amount) == "0.00"


def test_money_holds_its_amount_to_the_paisa() -> None:
    assert str(Money(D("5")).amount) == "5.00"


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity"])
def test_money_refuses_a_non_finite_amount(raw: str) -> None:
    with pytest.raises(ValueError, match="finite"):
        Money(D(raw))


@pytest.mark.parametrize(("raw", "held"), [("0.005", "0.01"), ("0.125", "0.13"), ("2.665", "2.67")])
def test_money_rounds_a_sub_paisa_amount_half_up_like_every_other_amount(raw: str, held: str) -> None:
    # money.py's one rounding rule is half-up; Money must not quietly use the context's half-even.
    assert Money(D(raw)).amount == D(held)


@given(st.decimals(places=4, min_value=D("-1e9"), max_value=D("1e9"), allow_nan=False, allow_infinity=False))
@settings(max_examples=200, deadline=None)
def test_round_to_paisa_matches_half_up_quantization(value: Decimal) -> None:
    rounded = round_to_paisa(value)

    assert isinstance(rounded, Decimal)
    assert rounded == value.quantize(D("0.01"), rounding=ROUND_HALF_UP)
    assert abs(rounded - value) <= D("0.005")
