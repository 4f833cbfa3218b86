"""The item master's rules: the invoice line's where they overlap, every violation named at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hisab.invoicing.domain.item import (
    Item,
    ItemChanged,
    ItemDeactivated,
    ItemInput,
    ItemRegistered,
    validate_item,
)
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError
from hisab.kernel.vat import VATCategory
from tests.builders import RATES

TODAY = date(2026, 11, 26)


def rods(**changes: object) -> ItemInput:
    item = ItemInput(code="ROD-12", name="Steel rod 12 mm", unit_price=Decimal("950.00"), hs_code="7214.20")
    return replace(item, **changes)  # type: ignore[arg-type]


def broken(raw: ItemInput) -> set[tuple[str, str]]:
    with pytest.raises(InvalidInputError) as caught:
        validate_item(raw, RATES, TODAY)
    return {(v.field, v.rule) for v in caught.value.violations}


def test_a_valid_item_keeps_its_facts_trimmed_and_an_absent_rate_unset() -> None:
    details = validate_item(rods(code="  ROD-12 ", name_bn="স্টিল রড"), RATES, TODAY)

    assert (details.code, details.name_bn, details.vat_rate) == ("ROD-12", "স্টিল রড", None)
    assert details.supplementary_duty_rate == 0


def test_every_broken_rule_is_named_with_its_field_at_once() -> None:
    raw = rods(
        code=" ",
        name="x" * 201,
        hs_code="ABC",
        service_code="X12",
        unit_price=Decimal("-1.005"),
        supplementary_duty_rate=Decimal(6),
        vat_rate=Decimal("0.2"),
        unit_of_supply="u" * 51,
    )
    assert broken(raw) == {
        ("code", "required"),
        ("name", "max_length"),
        ("hs_code", "hs_code_format"),
        ("service_code", "service_code_format"),
        ("unit_price", "non_negative"),
        ("unit_price", "decimal_places"),
        ("supplementary_duty_rate", "max_rate"),
        ("vat_rate", "vat_rate_not_in_force"),
        ("unit_of_supply", "max_length"),
    }


@pytest.mark.parametrize("code", ["S001.00", "S099", "S010.20"])
def test_service_codes_are_accepted_with_or_without_the_sub_heading(code: str) -> None:
    assert validate_item(rods(hs_code=None, service_code=code), RATES, TODAY).service_code == code


@pytest.mark.parametrize("code", ["S1", "S0001", "S001.0", "S001.000", "s001", "001.00", "S001-00"])
def test_other_shapes_of_service_code_are_refused(code: str) -> None:
    assert broken(rods(service_code=code)) == {("service_code", "service_code_format")}


def test_an_explicit_rate_must_be_one_its_category_allows_today() -> None:
    assert validate_item(rods(vat_category=VATCategory.REDUCED, vat_rate=Decimal("0.10")), RATES, TODAY).vat_rate
    assert broken(rods(vat_category=VATCategory.STANDARD, vat_rate=Decimal("0.10"))) == {
        ("vat_rate", "vat_rate_not_in_force")
    }


def test_a_rate_with_too_many_places_is_refused_before_the_table_is_asked() -> None:
    assert broken(rods(vat_rate=Decimal("0.1500001"))) == {("vat_rate", "decimal_places")}


def test_control_characters_are_refused_in_names() -> None:
    assert broken(rods(name="rod\x00", name_bn="রড\x07")) == {
        ("name", "control_characters"),
        ("name_bn", "control_characters"),
    }


def test_a_price_must_be_below_the_amount_ceiling() -> None:
    assert broken(rods(unit_price=Decimal(10) ** 13)) == {("unit_price", "amount_ceiling")}


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_any_non_negative_two_place_price_is_accepted(price: Decimal) -> None:
    assert validate_item(rods(unit_price=price), RATES, TODAY).unit_price == price


@given(st.decimals(min_value=0, max_value=5, places=4, allow_nan=False, allow_infinity=False))
def test_any_supplementary_duty_rate_from_0_to_5_is_accepted(rate: Decimal) -> None:
    assert validate_item(rods(supplementary_duty_rate=rate), RATES, TODAY).supplementary_duty_rate == rate


def test_an_item_folds_its_registration_changes_and_deactivation() -> None:
    first = validate_item(rods(), RATES, TODAY)
    second = validate_item(rods(name="Steel rod 12mm (Grade 60)"), RATES, TODAY)
    item = Item.from_events([ItemRegistered("item-1", first), ItemChanged("item-1", second)])
    assert (item.details, item.active) == (second, True)

    gone = Item.from_events([ItemRegistered("item-1", first), item.deactivate()])
    assert gone.active is False
    assert gone.details == first


def test_a_deactivated_item_cannot_be_deactivated_again() -> None:
    item = Item.from_events([ItemRegistered("item-1", validate_item(rods(), RATES, TODAY)), ItemDeactivated("item-1")])
    with pytest.raises(IllegalTransitionError):
        item.deactivate()
