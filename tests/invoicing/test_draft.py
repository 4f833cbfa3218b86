from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from hisab.invoicing.domain.draft import InvoiceDraft, LineInput, ValidDraft, validate_draft
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.vat import RateTable, VATCategory

D = Decimal
INVOICE_DATE = date(2025, 1, 15)
LINE = LineInput(description="Construction Materials - Steel Rods", quantity=D("100"), unit_price=D("5000"))
DRAFT = InvoiceDraft(
    vendor_id="vendor-001",
    customer_id="customer-001",
    invoice_date=INVOICE_DATE,
    due_date=date(2025, 2, 15),
    lines=(LINE,),
)


def _with_line(**changes: Any) -> InvoiceDraft:
    return replace(DRAFT, lines=(replace(LINE, **changes),))


def _changes(field: str, value: str) -> dict[str, Any]:
    return {field: value}


def _violations(draft: InvoiceDraft, rates: RateTable) -> set[tuple[str, str]]:
    with pytest.raises(InvalidInputError) as error:
        validate_draft(draft, rates)
    return {(v.field, v.rule) for v in error.value.violations}


def test_the_issue_example_is_valid_and_resolves_the_standard_rate(rates: RateTable) -> None:
    valid = validate_draft(DRAFT, rates)

    assert isinstance(valid, ValidDraft)
    assert valid.currency == "BDT"
    assert valid.lines[0].vat_rate == D("0.15")
    assert valid.lines[0].amounts.value == D("500000.00")
    assert valid.lines[0].amounts.vat == D("75000.00")


def test_absent_sd_and_ait_rates_are_zero(rates: RateTable) -> None:
    line = validate_draft(DRAFT, rates).lines[0]

    assert line.supplementary_duty_rate == 0
    assert line.advance_income_tax_rate == 0


def test_an_invoice_without_lines_is_refused(rates: RateTable) -> None:
    assert _violations(replace(DRAFT, lines=()), rates) == {("lines", "min_lines")}


def test_an_invoice_of_1000_lines_is_allowed(rates: RateTable) -> None:
    assert len(validate_draft(replace(DRAFT, lines=(LINE,) * 1000), rates).lines) == 1000


def test_an_invoice_of_1001_lines_is_refused(rates: RateTable) -> None:
    assert _violations(replace(DRAFT, lines=(LINE,) * 1001), rates) == {("lines", "max_lines")}


@pytest.mark.parametrize("quantity", ["0", "-1", "-0.0001", "-0"])
def test_a_quantity_that_is_not_positive_is_refused(rates: RateTable, quantity: str) -> None:
    assert _violations(_with_line(quantity=D(quantity)), rates) == {("lines[0].quantity", "positive")}


def test_a_quantity_with_five_decimal_places_is_refused(rates: RateTable) -> None:
    assert _violations(_with_line(quantity=D("1.00001")), rates) == {("lines[0].quantity", "decimal_places")}


@pytest.mark.parametrize("quantity", ["0.0001", "1.2345", "1.00000"])
def test_a_quantity_with_up_to_four_significant_decimal_places_is_allowed(rates: RateTable, quantity: str) -> None:
    assert validate_draft(_with_line(quantity=D(quantity)), rates).lines[0].quantity == D(quantity)


def test_a_negative_unit_price_is_refused(rates: RateTable) -> None:
    assert _violations(_with_line(unit_price=D("-0.01")), rates) == {("lines[0].unit_price", "non_negative")}


def test_a_zero_unit_price_is_allowed(rates: RateTable) -> None:
    assert validate_draft(_with_line(unit_price=D("0")), rates).lines[0].amounts.value == 0


def test_a_unit_price_with_three_decimal_places_is_refused(rates: RateTable) -> None:
    assert _violations(_with_line(unit_price=D("1.005")), rates) == {("lines[0].unit_price", "decimal_places")}


@pytest.mark.parametrize("field", ["quantity", "unit_price"])
@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity"])
def test_a_non_finite_number_is_refused(rates: RateTable, field: str, raw: str) -> None:
    assert _violations(_with_line(**{field: D(raw)}), rates) == {(f"lines[0].{field}", "finite")}


@pytest.mark.parametrize("description", ["", "   ", "\t\n"])
def test_an_empty_or_blank_description_is_refused(rates: RateTable, description: str) -> None:
    assert _violations(_with_line(description=description), rates) == {("lines[0].description", "required")}


def test_a_description_of_501_characters_is_refused(rates: RateTable) -> None:
    assert _violations(_with_line(description="x" * 501), rates) == {("lines[0].description", "max_length")}


def test_a_description_of_500_characters_is_allowed_and_trimmed(rates: RateTable) -> None:
    valid = validate_draft(_with_line(description=f"  {'x' * 500}  "), rates)

    assert valid.lines[0].description == "x" * 500


def test_a_due_date_before_the_invoice_date_is_refused(rates: RateTable) -> None:
    draft = replace(DRAFT, due_date=date(2025, 1, 14))

    assert _violations(draft, rates) == {("due_date", "due_before_invoice_date")}


def test_a_due_date_on_the_invoice_date_is_allowed(rates: RateTable) -> None:
    assert validate_draft(replace(DRAFT, due_date=INVOICE_DATE), rates).due_date == INVOICE_DATE


@pytest.mark.parametrize("field", ["vendor_id", "customer_id"])
def test_a_blank_party_id_is_refused(rates: RateTable, field: str) -> None:
    assert _violations(replace(DRAFT, **_changes(field, "  ")), rates) == {(field, "required")}


def test_a_party_id_over_100_characters_is_refused(rates: RateTable) -> None:
    assert _violations(replace(DRAFT, vendor_id="v" * 101), rates) == {("vendor_id", "max_length")}


def test_a_unit_price_of_10_to_the_13_is_refused(rates: RateTable) -> None:
    violations = _violations(_with_line(quantity=D("1"), unit_price=D(10) ** 13), rates)

    assert violations == {("lines[0].unit_price", "amount_ceiling")}


def test_a_line_whose_value_reaches_10_to_the_13_is_refused(rates: RateTable) -> None:
    draft = _with_line(quantity=D("2"), unit_price=D("5000000000000"), vat_category=VATCategory.EXEMPT)

    assert _violations(draft, rates) == {("lines[0].quantity", "amount_ceiling")}


def test_a_line_whose_vat_lifts_its_total_to_10_to_the_13_is_refused(rates: RateTable) -> None:
    violations = _violations(_with_line(quantity=D("1"), unit_price=D("9000000000000")), rates)

    assert violations == {("lines[0].quantity", "amount_ceiling")}


def test_a_line_just_below_the_ceiling_is_allowed(rates: RateTable) -> None:
    draft = _with_line(quantity=D("1"), unit_price=D("9999999999999.99"), vat_category=VATCategory.EXEMPT)

    assert validate_draft(draft, rates).lines[0].amounts.total == D("9999999999999.99")


def test_lines_whose_sum_reaches_10_to_the_13_are_refused(rates: RateTable) -> None:
    half = replace(LINE, quantity=D("1"), unit_price=D("5000000000000"), vat_category=VATCategory.EXEMPT)

    assert _violations(replace(DRAFT, lines=(half, half)), rates) == {("lines", "amount_ceiling")}


@pytest.mark.parametrize("quantity", ["1E+20", "1E+27", "1E+40"])
def test_an_enormous_quantity_is_reported_as_over_the_ceiling_not_crashed_on(rates: RateTable, quantity: str) -> None:
    violations = _violations(_with_line(quantity=D(quantity), unit_price=D("1")), rates)

    assert ("lines[0].quantity", "amount_ceiling") in violations


def test_lines_in_different_currencies_are_refused(rates: RateTable) -> None:
    draft = replace(DRAFT, lines=(LINE, replace(LINE, currency="USD")))

    assert _violations(draft, rates) == {("lines", "single_currency")}


@pytest.mark.parametrize("currency", ["bdt", "TAKA", "BD", "", "B1T", "৳"])
def test_a_currency_that_is_not_a_three_letter_code_is_refused(rates: RateTable, currency: str) -> None:
    assert ("lines[0].currency", "currency_format") in _violations(_with_line(currency=currency), rates)


def test_the_invoice_currency_is_the_lines_currency(rates: RateTable) -> None:
    assert validate_draft(_with_line(currency="USD"), rates).currency == "USD"


@pytest.mark.parametrize("hs_code", ["ABC", "7214 20 00", "1" * 21, "-7214", ".7214"])
def test_a_malformed_hs_code_is_refused(rates: RateTable, hs_code: str) -> None:
    assert _violations(_with_line(hs_code=hs_code), rates) == {("lines[0].hs_code", "hs_code_format")}


@pytest.mark.parametrize("hs_code", ["7214.20.00", "7214", "1" * 20])
def test_a_well_formed_hs_code_is_kept(rates: RateTable, hs_code: str) -> None:
    assert validate_draft(_with_line(hs_code=f" {hs_code} "), rates).lines[0].hs_code == hs_code


def test_a_blank_hs_code_and_unit_of_supply_are_absent(rates: RateTable) -> None:
    line = validate_draft(_with_line(hs_code="  ", unit_of_supply=""), rates).lines[0]

    assert line.hs_code is None
    assert line.unit_of_supply is None


def test_a_unit_of_supply_over_50_characters_is_refused(rates: RateTable) -> None:
    assert _violations(_with_line(unit_of_supply="u" * 51), rates) == {("lines[0].unit_of_supply", "max_length")}


def test_an_sd_rate_above_500_percent_is_refused(rates: RateTable) -> None:
    violations = _violations(_with_line(supplementary_duty_rate=D("5.01")), rates)

    assert violations == {("lines[0].supplementary_duty_rate", "max_rate")}


def test_an_sd_rate_of_exactly_500_percent_is_allowed(rates: RateTable) -> None:
    assert validate_draft(_with_line(supplementary_duty_rate=D("5")), rates).lines[0].supplementary_duty_rate == 5


def test_a_negative_sd_rate_is_refused(rates: RateTable) -> None:
    violations = _violations(_with_line(supplementary_duty_rate=D("-0.1")), rates)

    assert violations == {("lines[0].supplementary_duty_rate", "non_negative")}


def test_an_ait_rate_above_100_percent_is_refused(rates: RateTable) -> None:
    violations = _violations(_with_line(advance_income_tax_rate=D("1.01")), rates)

    assert violations == {("lines[0].advance_income_tax_rate", "max_rate")}


def test_a_rate_with_seven_decimal_places_is_refused(rates: RateTable) -> None:
    violations = _violations(_with_line(advance_income_tax_rate=D("0.0700001")), rates)

    assert violations == {("lines[0].advance_income_tax_rate", "decimal_places")}


def test_a_vat_rate_not_of_the_category_is_refused_at_its_field(rates: RateTable) -> None:
    violations = _violations(_with_line(vat_rate=D("0.10")), rates)

    assert violations == {("lines[0].vat_rate", "vat_rate_not_in_force")}


def test_an_invoice_dated_before_the_act_is_refused_at_the_vat_category(rates: RateTable) -> None:
    draft = replace(DRAFT, invoice_date=date(2019, 6, 30), due_date=date(2019, 7, 30))

    assert _violations(draft, rates) == {("lines[0].vat_category", "vat_rate_not_in_force")}


def test_the_explicit_reduced_rate_is_used(rates: RateTable) -> None:
    valid = validate_draft(_with_line(vat_category=VATCategory.REDUCED, vat_rate=D("0.05")), rates)

    assert valid.lines[0].vat_rate == D("0.05")
    assert valid.lines[0].amounts.vat == D("25000.00")


def test_every_violation_is_reported_at_once_not_only_the_first(rates: RateTable) -> None:
    bad_line = LineInput(description="", quantity=D("0"), unit_price=D("-1.001"), currency="bdt", hs_code="x")
    draft = replace(
        DRAFT,
        vendor_id="",
        due_date=date(2025, 1, 1),
        vendor_tin="1234567890",
        customer_bin="123456789",
        lines=(LINE, bad_line),
    )

    assert _violations(draft, rates) == {
        ("vendor_id", "required"),
        ("due_date", "due_before_invoice_date"),
        ("vendor_tin", "tin_outdated"),
        ("customer_bin", "bin_outdated"),
        ("lines[1].description", "required"),
        ("lines[1].quantity", "positive"),
        ("lines[1].unit_price", "non_negative"),
        ("lines[1].unit_price", "decimal_places"),
        ("lines[1].currency", "currency_format"),
        ("lines[1].hs_code", "hs_code_format"),
        ("lines", "single_currency"),
    }


def test_violations_name_the_position_of_the_line(rates: RateTable) -> None:
    draft = replace(DRAFT, lines=(LINE, LINE, replace(LINE, quantity=D("0"))))

    assert _violations(draft, rates) == {("lines[2].quantity", "positive")}


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_a_blank_optional_tin_or_bin_is_treated_as_absent(rates: RateTable, blank: str | None) -> None:
    draft = replace(DRAFT, vendor_tin=blank, vendor_bin=blank, customer_tin=blank, customer_bin=blank)

    valid = validate_draft(draft, rates)

    assert (valid.vendor_tin, valid.vendor_bin, valid.customer_tin, valid.customer_bin) == (None, None, None, None)


def test_given_tins_and_bins_are_kept_in_stored_form(rates: RateTable) -> None:
    draft = replace(DRAFT, vendor_tin="446337634099", vendor_bin="002871821-0101", customer_bin="0017457070402")

    valid = validate_draft(draft, rates)

    assert valid.vendor_tin == "446337634099"
    assert valid.vendor_bin == "0028718210101"
    assert valid.customer_bin == "0017457070402"


@pytest.mark.parametrize(
    ("field", "raw", "rule"),
    [
        ("vendor_tin", "12345", "tin_format"),
        ("customer_tin", "1234567890", "tin_outdated"),
        ("vendor_bin", "12345678901", "bin_outdated"),
        ("customer_bin", "12345", "bin_format"),
    ],
)
def test_a_given_invalid_identifier_is_refused_at_its_field(rates: RateTable, field: str, raw: str, rule: str) -> None:
    assert _violations(replace(DRAFT, **_changes(field, raw)), rates) == {(field, rule)}


def test_the_buyer_and_destination_are_kept_stripped_and_blank_ones_are_none(rates: RateTable) -> None:
    address = "House 12, Road 5\nDhanmondi, Dhaka"
    draft = replace(DRAFT, buyer_name="  Rahim Traders ", buyer_address=address, delivery_destination=" ")

    valid = validate_draft(draft, rates)

    assert (valid.buyer_name, valid.buyer_address, valid.delivery_destination) == (
        "Rahim Traders",
        "House 12, Road 5\nDhanmondi, Dhaka",
        None,
    )


def test_buyer_text_that_is_too_long_or_has_control_characters_is_refused(rates: RateTable) -> None:
    draft = replace(DRAFT, buyer_name="x" * 201, buyer_address="a\x00b", delivery_destination="y" * 501)

    assert _violations(draft, rates) == {
        ("buyer_name", "max_length"),
        ("buyer_address", "control_characters"),
        ("delivery_destination", "max_length"),
    }


def test_a_buyer_name_is_one_line_while_addresses_may_have_several(rates: RateTable) -> None:
    assert _violations(replace(DRAFT, buyer_name="Rahim\nTraders"), rates) == {("buyer_name", "control_characters")}
