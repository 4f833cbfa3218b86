"""A bill received is checked field by field, every problem named at once; its VAT is the supplier's within a taka."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from hisab.kernel.errors import InvalidInputError
from hisab.kernel.fiscal_year import FiscalYear
from hisab.kernel.vat import VATCategory
from hisab.purchases.domain.bills import BillOfEntryInput, validate_bill
from hisab.purchases.domain.events import BillOfEntry, InputCredit
from hisab.purchases.domain.numbering import bill_series, format_bill_number
from tests.builders import RATES
from tests.purchases.bill_builders import TODAY, bill_input, cement, recorded

D = Decimal


def _refused(request: object) -> dict[str, str]:
    with pytest.raises(InvalidInputError) as refused:
        validate_bill(request, RATES, TODAY, "bill-1")  # type: ignore[arg-type]
    return {v.field: v.rule for v in refused.value.violations}


def test_a_line_without_vat_is_charged_the_categorys_default_rate_on_value_and_sd() -> None:
    valid = validate_bill(bill_input(cement(supplementary_duty=D("1000.00"))), RATES, TODAY, "bill-1")
    line = valid.lines[0]
    assert (line.vat_rate, line.vat) == (D("0.15"), D("7650.00"))
    assert str(line.value) == "50000.00"


def test_the_vat_is_rounded_half_up_to_the_paisa() -> None:
    # 33.33 at 15% is 4.9995: half-up to 5.00.
    valid = validate_bill(bill_input(cement(value=D("33.33"))), RATES, TODAY, "bill-1")
    assert valid.lines[0].vat == D("5.00")


def test_a_given_vat_within_a_taka_is_taken_as_the_supplier_printed_it() -> None:
    valid = validate_bill(bill_input(cement(vat=D("7500.99"))), RATES, TODAY, "bill-1")
    assert valid.lines[0].vat == D("7500.99")


def test_a_given_vat_more_than_a_taka_off_is_a_rate_mismatch_on_that_lines_vat() -> None:
    assert _refused(bill_input(cement(), cement(vat=D("7501.01")))) == {"lines[1].vat": "vat_rate_mismatch"}


def test_a_reduced_rate_is_the_one_asked_for_when_it_is_in_force() -> None:
    valid = validate_bill(bill_input(cement(vat_category="REDUCED", vat_rate=D("0.10"))), RATES, TODAY, "bill-1")
    assert (valid.lines[0].vat_category, valid.lines[0].vat) == (VATCategory.REDUCED, D("5000.00"))


def test_a_rate_not_in_force_is_refused_on_the_lines_rate() -> None:
    assert _refused(bill_input(cement(vat_rate=D("0.12")))) == {"lines[0].vat_rate": "vat_rate_not_in_force"}


def test_every_broken_field_is_named_at_once() -> None:
    request = bill_input(
        cement(description=" ", quantity=D(0), value=D("-1"), supplementary_duty=D("0.001"), vat_category="LOW",
               input_credit="MAYBE", hs_code="72x", service_code="S1"),
        cement(value=D(10) ** 13),
        supplier_invoice_number="  ",
        supplier_invoice_date=date(2026, 11, 20),
        received_date=date(2026, 11, 12),
        due_date=date(2026, 11, 1),
    )  # fmt: skip
    assert _refused(request) == {
        "supplier_invoice_number": "required",
        "supplier_invoice_date": "not_after_received",
        "due_date": "after_received",
        "lines[0].description": "required",
        "lines[0].quantity": "positive",
        "lines[0].value": "non_negative",
        "lines[0].supplementary_duty": "decimal_places",
        "lines[0].vat_category": "vat_category",
        "lines[0].input_credit": "input_credit",
        "lines[0].hs_code": "hs_code_format",
        "lines[0].service_code": "service_code_format",
        "lines[1].value": "amount_ceiling",
    }


def test_the_supplier_invoice_number_is_trimmed_and_at_most_64_characters() -> None:
    assert (
        validate_bill(bill_input(supplier_invoice_number="  MCM-1 "), RATES, TODAY, "bill-1").supplier_invoice_number
        == "MCM-1"
    )
    assert _refused(bill_input(supplier_invoice_number="X" * 65)) == {"supplier_invoice_number": "max_length"}


def test_a_bill_is_not_received_after_today() -> None:
    assert _refused(bill_input(received_date=date(2026, 11, 27))) == {"received_date": "not_in_future"}


def test_the_received_date_defaults_to_today() -> None:
    assert validate_bill(bill_input(received_date=None), RATES, TODAY, "bill-1").received_date == TODAY


def test_a_bill_has_one_to_five_hundred_lines() -> None:
    assert _refused(bill_input(lines=())) == {"lines": "min_lines"}
    assert _refused(bill_input(*[cement()] * 501)) == {"lines": "max_lines"}
    assert len(validate_bill(bill_input(*[cement()] * 500), RATES, TODAY, "bill-1").lines) == 500


def test_a_bill_of_entry_stands_for_the_6_3_of_an_import_and_is_not_dated_after_receipt() -> None:
    entry = BillOfEntryInput("C-2026-118734", date(2026, 11, 5), "Chattogram Custom House")
    valid = validate_bill(bill_input(bill_of_entry=entry), RATES, TODAY, "bill-1")
    assert valid.bill_of_entry == BillOfEntry("C-2026-118734", date(2026, 11, 5), "Chattogram Custom House")
    assert (valid.is_import, valid.document_date) == (True, date(2026, 11, 5))
    late = BillOfEntryInput("C-1", date(2026, 11, 13), " ")
    assert _refused(bill_input(bill_of_entry=late)) == {
        "bill_of_entry.date": "not_after_received",
        "bill_of_entry.customs_house": "required",
    }


def test_a_recorded_bill_numbers_its_lines_and_keeps_the_claim_it_decided() -> None:
    event = recorded(bill_input(cement(), cement(input_credit="NOT_ELIGIBLE")))
    assert [line.line_id for line in event.lines] == ["bill-1:1", "bill-1:2"]
    assert [(line.claimed, line.input_credit) for line in event.lines] == [
        (InputCredit.CLAIM, InputCredit.CLAIM),
        (InputCredit.NOT_ELIGIBLE, InputCredit.NOT_ELIGIBLE),
    ]
    assert [line.creditable_vat for line in event.lines] == [D("7500.00"), D("0.00")]


def test_bills_are_numbered_by_the_received_dates_fiscal_year() -> None:
    year = FiscalYear.of(date(2026, 7, 1))
    assert (bill_series(year), format_bill_number(year, 1)) == ("bill:2026-2027", "BILL/2026-27/000001")
    assert FiscalYear.of(date(2026, 6, 30)).short_label == "2025-26"
