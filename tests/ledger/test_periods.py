"""Fiscal periods: P01 is July, P12 June; labels such as 2026-27/P05 and nothing else."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from hisab.kernel.errors import InvalidInputError
from hisab.kernel.fiscal_year import FiscalYear
from hisab.ledger.domain.periods import FiscalPeriod, parse_fiscal_year

FY_2027_28 = FiscalYear(2027)  # ends in June 2028, a leap year
MONTHS_OF_2027_28 = [
    (1, date(2027, 7, 1), date(2027, 7, 31)),
    (2, date(2027, 8, 1), date(2027, 8, 31)),
    (3, date(2027, 9, 1), date(2027, 9, 30)),
    (4, date(2027, 10, 1), date(2027, 10, 31)),
    (5, date(2027, 11, 1), date(2027, 11, 30)),
    (6, date(2027, 12, 1), date(2027, 12, 31)),
    (7, date(2028, 1, 1), date(2028, 1, 31)),
    (8, date(2028, 2, 1), date(2028, 2, 29)),
    (9, date(2028, 3, 1), date(2028, 3, 31)),
    (10, date(2028, 4, 1), date(2028, 4, 30)),
    (11, date(2028, 5, 1), date(2028, 5, 31)),
    (12, date(2028, 6, 1), date(2028, 6, 30)),
]


@pytest.mark.parametrize(
    ("number", "first", "last"), MONTHS_OF_2027_28, ids=[f"P{m[0]:02d}" for m in MONTHS_OF_2027_28]
)
def test_each_period_spans_its_calendar_month_from_july(number: int, first: date, last: date) -> None:
    period = FiscalPeriod(FY_2027_28, number)
    assert (period.first_day, period.last_day) == (first, last)
    assert FiscalPeriod.of(first) == FiscalPeriod.of(last) == period


def test_february_has_28_days_outside_a_leap_year() -> None:
    assert FiscalPeriod(FiscalYear(2026), 8).last_day == date(2027, 2, 28)


def test_every_day_of_a_year_falls_in_exactly_the_period_that_spans_it() -> None:
    periods = FiscalPeriod.all_of(FY_2027_28)
    day = FY_2027_28.first_day
    while day <= FY_2027_28.last_day:
        assert [p for p in periods if p.first_day <= day <= p.last_day] == [FiscalPeriod.of(day)]
        day += timedelta(days=1)


def test_the_periods_of_a_year_are_p01_to_p12_in_order_and_follow_each_other() -> None:
    periods = FiscalPeriod.all_of(FY_2027_28)
    assert [p.label for p in periods] == [f"2027-28/P{n:02d}" for n in range(1, 13)]
    assert all(
        later.first_day == earlier.last_day + timedelta(days=1) for earlier, later in itertools.pairwise(periods)
    )
    assert sorted(reversed(periods)) == list(periods)


def test_june_closes_one_fiscal_year_and_july_opens_the_next() -> None:
    assert FiscalPeriod.of(date(2026, 6, 30)).label == "2025-26/P12"
    assert FiscalPeriod.of(date(2026, 7, 1)).label == "2026-27/P01"


@pytest.mark.parametrize("label", ["2026-27/P05", "2026-2027/P05", "  2026-27/P05 "])
def test_a_period_label_parses_in_short_or_long_form(label: str) -> None:
    assert FiscalPeriod.parse(label) == FiscalPeriod(FiscalYear(2026), 5)


def test_a_label_round_trips_through_parse() -> None:
    for period in FiscalPeriod.all_of(FiscalYear(2099)):
        assert FiscalPeriod.parse(period.label) == period


@pytest.mark.parametrize(
    "label",
    ["2026-27/P00", "2026-27/P13", "2026-27/P5", "2026-27/p05", "2026-27-P05", "2026/P05", "P05", "", "2026-27/P05x"],
)
def test_a_malformed_period_label_is_refused_naming_the_field(label: str) -> None:
    with pytest.raises(InvalidInputError, match="2026-27/P05") as refused:
        FiscalPeriod.parse(label, "period")
    assert [(v.field, v.rule) for v in refused.value.violations] == [("period", "period")]


@pytest.mark.parametrize("label", ["2026-28/P05", "2026-2028/P05", "2026-027/P05"])
def test_a_period_of_a_fiscal_year_that_does_not_exist_is_refused(label: str) -> None:
    with pytest.raises(InvalidInputError, match="not a fiscal year") as refused:
        FiscalPeriod.parse(label, "from")
    assert refused.value.violations[0].field == "from"


def test_a_fiscal_year_parses_and_a_bad_one_is_refused_naming_the_field() -> None:
    assert parse_fiscal_year(" 2025-26 ") == FiscalYear(2025)
    with pytest.raises(InvalidInputError) as refused:
        parse_fiscal_year("2025-27")
    assert [(v.field, v.rule) for v in refused.value.violations] == [("fiscal_year", "fiscal_year")]
