"""Tax periods and due dates: labels, the quarter boundaries as data, weekends and public holidays."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hisab.kernel.errors import InvalidInputError
from hisab.taxpayer.domain.policy import ReturnFrequency
from hisab.vat_return.adapters.calendar_file import TaxCalendarFileError, load_tax_calendar
from hisab.vat_return.domain.calendar import Holiday, TaxCalendar
from hisab.vat_return.domain.periods import (
    PeriodKind,
    parse_period,
    period_of,
    periods_between,
    previous_period,
)

CALENDAR = load_tax_calendar()


def _violation(text: str) -> tuple[str, str]:
    with pytest.raises(InvalidInputError) as refused:
        parse_period(text, CALENDAR)
    (violation,) = refused.value.violations
    return violation.field, violation.rule


def test_a_quarter_label_names_its_three_months_of_the_fiscal_year() -> None:
    q1, q3 = parse_period("2026-27/Q1", CALENDAR), parse_period("2026-27/Q3", CALENDAR)

    assert (q1.starts_on, q1.ends_on, q1.kind, q1.label) == (
        date(2026, 7, 1), date(2026, 9, 30), PeriodKind.QUARTER, "2026-27/Q1",
    )  # fmt: skip
    assert (q3.starts_on, q3.ends_on) == (date(2027, 1, 1), date(2027, 3, 31))
    assert parse_period("2026-27/Q4", CALENDAR).ends_on == date(2027, 6, 30)


def test_a_month_label_names_the_calendar_month() -> None:
    february = parse_period(" 2028-02 ", CALENDAR)

    assert (february.starts_on, february.ends_on, february.kind, february.label) == (
        date(2028, 2, 1), date(2028, 2, 29), PeriodKind.MONTH, "2028-02",
    )  # fmt: skip


@pytest.mark.parametrize("text", ["2026-27/Q5", "2026-28/Q1", "2026/Q1", "2026-13", "2026-7", "Q1", "", "1900-01"])
def test_a_label_that_is_no_period_is_refused_naming_the_period(text: str) -> None:
    assert _violation(text) == ("period", "period_format")


def test_a_quarter_before_july_2026_is_refused_as_returns_were_monthly_then() -> None:
    assert _violation("2025-26/Q4") == ("period", "quarterly_from")


def test_the_frequency_decides_the_period_of_a_day_and_before_july_2026_every_period_is_a_month() -> None:
    day = date(2026, 8, 20)

    assert period_of(day, ReturnFrequency.QUARTERLY, CALENDAR).label == "2026-27/Q1"
    assert period_of(day, ReturnFrequency.MONTHLY, CALENDAR).label == "2026-08"
    assert period_of(date(2026, 6, 30), ReturnFrequency.QUARTERLY, CALENDAR).label == "2026-06"


def test_the_period_before_the_first_quarter_is_june_2026_and_periods_are_listed_oldest_first() -> None:
    q1 = parse_period("2026-27/Q1", CALENDAR)

    assert previous_period(q1, ReturnFrequency.QUARTERLY, CALENDAR).label == "2026-06"
    listed = periods_between(date(2026, 5, 15), date(2027, 1, 2), ReturnFrequency.QUARTERLY, CALENDAR, limit=5)
    assert [p.label for p in listed] == ["2026-05", "2026-06", "2026-27/Q1", "2026-27/Q2", "2026-27/Q3"]


def test_a_range_of_too_many_periods_or_outside_the_years_of_returns_is_refused() -> None:
    for start, end, expected in (
        (date(2026, 5, 15), date(2027, 1, 2), ("to", "max_periods")),
        (date(2026, 5, 15), date(9999, 12, 31), ("to", "range")),
        (date(1, 1, 1), date(2026, 5, 1), ("from", "range")),
    ):
        with pytest.raises(InvalidInputError) as refused:
            periods_between(start, end, ReturnFrequency.QUARTERLY, CALENDAR, limit=4)
        assert [(v.field, v.rule) for v in refused.value.violations] == [expected]


def test_other_quarter_boundaries_are_data() -> None:
    shifted = TaxCalendar((8, 11, 2, 5), date(2026, 8, 1), frozenset({4, 5}))

    q1 = parse_period("2026-27/Q1", shifted)
    assert (q1.starts_on, q1.ends_on) == (date(2026, 8, 1), date(2026, 10, 31))
    assert period_of(date(2027, 7, 5), ReturnFrequency.QUARTERLY, shifted).label == "2026-27/Q4"
    assert period_of(date(2026, 7, 5), ReturnFrequency.QUARTERLY, shifted).label == "2026-07"


def test_a_due_date_is_15_days_after_the_period_and_20_for_the_listed_bodies() -> None:
    q1 = parse_period("2026-27/Q1", CALENDAR)

    # 15 October 2026 is a Thursday.
    assert CALENDAR.due_on(q1.ends_on, extended=False) == date(2026, 10, 15)
    # 20 October 2026 is Durga Puja (Bijoya Dashami, approximate): the next day.
    assert CALENDAR.due_on(q1.ends_on, extended=True) == date(2026, 10, 21)


def test_a_due_date_on_the_weekend_moves_to_sunday() -> None:
    q2 = parse_period("2026-27/Q2", CALENDAR)

    # 15 January 2027 is a Friday.
    assert CALENDAR.due_on(q2.ends_on, extended=False) == date(2027, 1, 17)


def test_a_due_date_in_the_eid_holidays_and_a_weekend_moves_past_all_of_them() -> None:
    february = parse_period("2026-02", CALENDAR)

    # A nil return: 20 March 2026 (Friday, Eid eve), 21 (Saturday, Eid), 22 (Eid holiday): Monday 23 March.
    assert CALENDAR.due_on(february.ends_on, extended=True) == date(2026, 3, 23)


def test_the_holidays_are_data() -> None:
    holiday = Holiday(date(2030, 1, 15), "A holiday", approximate=False)
    calendar = TaxCalendar((7, 10, 1, 4), date(2026, 7, 1), frozenset({4, 5}), {holiday.day: holiday})

    # 15 January 2030 is a Tuesday.
    assert calendar.due_on(date(2029, 12, 31), extended=False) == date(2030, 1, 16)


def test_the_shipped_calendar_marks_lunar_holidays_approximate_and_fixed_ones_not() -> None:
    assert CALENDAR.holidays[date(2026, 3, 21)].approximate
    assert not CALENDAR.holidays[date(2026, 12, 16)].approximate
    assert {day.year for day in CALENDAR.holidays} == {2026, 2027}


@pytest.mark.parametrize(
    "months",
    [(7, 10, 1), (7, 9, 1, 4), (7, 10, 1, 13)],
)
def test_quarter_months_that_do_not_cut_the_year_in_four_are_refused(months: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match="quarter_start_months"):
        TaxCalendar(months, date(2026, 7, 1), frozenset({4, 5}))


def test_a_malformed_calendar_file_says_which_file(tmp_path: Path) -> None:
    broken = tmp_path / "calendar.toml"
    broken.write_text('[quarters]\nquarter_start_months = [7, 10, 1, 4]\nquarterly_from = "soon"\n[due]\n')

    with pytest.raises(TaxCalendarFileError, match=r"calendar\.toml"):
        load_tax_calendar(broken)
