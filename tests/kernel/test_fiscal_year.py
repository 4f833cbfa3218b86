from __future__ import annotations

from datetime import date

import pytest

from hisab.kernel.fiscal_year import FiscalYear


@pytest.mark.parametrize(
    ("day", "start_year"),
    [
        (date(2025, 6, 30), 2024),
        (date(2025, 7, 1), 2025),
        (date(2025, 1, 15), 2024),
        (date(2024, 12, 31), 2024),
        (date(2025, 1, 1), 2024),
        (date(2026, 6, 30), 2025),
        (date(2026, 7, 1), 2026),
    ],
)
def test_the_fiscal_year_turns_between_30_june_and_1_july(day: date, start_year: int) -> None:
    assert FiscalYear.of(day) == FiscalYear(start_year)


def test_an_invoice_of_15_january_2025_is_in_2024_2025() -> None:
    fiscal_year = FiscalYear.of(date(2025, 1, 15))

    assert fiscal_year.label == "2024-2025"
    assert fiscal_year.short_label == "2024-25"


def test_the_first_and_last_days_bound_the_year() -> None:
    fiscal_year = FiscalYear(2024)

    assert fiscal_year.first_day == date(2024, 7, 1)
    assert fiscal_year.last_day == date(2025, 6, 30)
    assert FiscalYear.of(fiscal_year.first_day) == fiscal_year
    assert FiscalYear.of(fiscal_year.last_day) == fiscal_year


@pytest.mark.parametrize("text", ["2024-2025", "2024-25"])
def test_both_the_long_and_the_short_form_parse(text: str) -> None:
    assert FiscalYear.parse(text) == FiscalYear(2024)


@pytest.mark.parametrize(
    "text",
    ["2024-2026", "2024-27", "2024-2024", "2024-24", "2025-2024", "FY24", "2024", "", "24-25", "2024/25", "2024-025"],
)
def test_anything_but_a_consecutive_pair_of_years_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a fiscal year"):
        FiscalYear.parse(text)


def test_the_short_label_wraps_at_the_century() -> None:
    assert FiscalYear(2099).short_label == "2099-00"
    assert FiscalYear(2099).label == "2099-2100"


@pytest.mark.parametrize("text", ["2099-00", "2099-2100"])
def test_a_century_wrapping_year_parses(text: str) -> None:
    assert FiscalYear.parse(text) == FiscalYear(2099)


@pytest.mark.parametrize("start_year", [2000, 2009, 2019, 2024, 2099, 2100])
def test_labels_parse_back_to_the_same_year(start_year: int) -> None:
    fiscal_year = FiscalYear(start_year)

    assert FiscalYear.parse(fiscal_year.label) == fiscal_year
    assert FiscalYear.parse(fiscal_year.short_label) == fiscal_year


def test_fiscal_years_order_by_their_start_year() -> None:
    assert FiscalYear(2024) < FiscalYear(2025)


@pytest.mark.parametrize("text", ["garbage", "abcd-ef", " 2024-25", "2024-25 ", "2024 - 25", "2024-2025-2026"])
def test_garbage_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not a fiscal year"):
        FiscalYear.parse(text)
