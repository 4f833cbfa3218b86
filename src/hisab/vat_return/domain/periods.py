"""Tax periods: a quarter ("2026-27/Q1") or a month ("2026-07"), and which one a tenant files a day in.

From the calendar's `quarterly_from` (1 July 2026, s.64 as substituted by the Finance Act 2026) a tenant
files quarterly unless it chose monthly (s.64(2)); before that day every period is a month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from hisab.kernel.errors import InvalidInputError
from hisab.kernel.fiscal_year import FiscalYear
from hisab.taxpayer.domain.policy import ReturnFrequency
from hisab.vat_return.domain.calendar import TaxCalendar

_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4}-\d{2})/Q([1-4])")
_FORMAT = 'a tax period is a quarter such as "2026-27/Q1" or a month such as "2026-07"'
# Far enough either way for any return Hisab will see, and keeps the arithmetic inside date's range.
_FIRST_YEAR, _LAST_YEAR = 2019, 2100


class PeriodKind(StrEnum):
    MONTH = "MONTH"
    QUARTER = "QUARTER"


@dataclass(frozen=True, slots=True, order=True)
class TaxPeriod:
    starts_on: date
    ends_on: date
    kind: PeriodKind
    label: str

    def contains(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_period(year: int, month: int) -> TaxPeriod:
    start = date(year, month, 1)
    return TaxPeriod(start, _add_months(start, 1) - timedelta(days=1), PeriodKind.MONTH, f"{year}-{month:02d}")


def quarter_containing(day: date, calendar: TaxCalendar) -> TaxPeriod:
    months = calendar.quarter_start_months
    number = next(n for n, m in enumerate(months, start=1) if (day.month - m) % 12 < 3)
    start_month = months[number - 1]
    start = date(day.year if day.month >= start_month else day.year - 1, start_month, 1)
    end = _add_months(start, 3) - timedelta(days=1)
    return TaxPeriod(start, end, PeriodKind.QUARTER, f"{FiscalYear.of(start).short_label}/Q{number}")


def period_of(day: date, frequency: ReturnFrequency, calendar: TaxCalendar) -> TaxPeriod:
    """The period a tenant filing at `frequency` reports a day in."""
    if frequency is ReturnFrequency.MONTHLY or day < calendar.quarterly_from:
        return month_period(day.year, day.month)
    return quarter_containing(day, calendar)


def previous_period(period: TaxPeriod, frequency: ReturnFrequency, calendar: TaxCalendar) -> TaxPeriod:
    return period_of(period.starts_on - timedelta(days=1), frequency, calendar)


def periods_between(
    start: date, end: date, frequency: ReturnFrequency, calendar: TaxCalendar, *, limit: int
) -> list[TaxPeriod]:
    """Every period the tenant files that has a day from `start` to `end`, oldest first; refused (naming
    `to`) beyond `limit` periods, and (naming the date) outside the years a period may be of."""
    for field, day in (("from", start), ("to", end)):
        if not _FIRST_YEAR <= day.year <= _LAST_YEAR:
            raise InvalidInputError.single(field, "range", f"tax periods are of {_FIRST_YEAR} to {_LAST_YEAR}")
    found: list[TaxPeriod] = []
    day = start
    while day <= end:
        if len(found) == limit:
            raise InvalidInputError.single("to", "max_periods", f"at most {limit} periods at a time")
        period = period_of(day, frequency, calendar)
        found.append(period)
        day = period.ends_on + timedelta(days=1)
    return found


def parse_period(text: str, calendar: TaxCalendar, field: str = "period") -> TaxPeriod:
    """A period from its label; refused (naming `field`) when it is no such label or no quarter yet."""
    text = text.strip()
    if (month := _MONTH.fullmatch(text)) is not None:
        year, number = int(month.group(1)), int(month.group(2))
        if not (1 <= number <= 12 and _FIRST_YEAR <= year <= _LAST_YEAR):
            raise InvalidInputError.single(field, "period_format", f"{text!r}: {_FORMAT}")
        return month_period(year, number)
    if (quarter := _QUARTER.fullmatch(text)) is None:
        raise InvalidInputError.single(field, "period_format", f"{text!r}: {_FORMAT}")
    try:
        fiscal_year = FiscalYear.parse(quarter.group(1))
    except ValueError:
        raise InvalidInputError.single(field, "period_format", f"{text!r}: {_FORMAT}") from None
    if not _FIRST_YEAR <= fiscal_year.start_year <= _LAST_YEAR:
        raise InvalidInputError.single(field, "period_format", f"{text!r}: {_FORMAT}")
    start_month = calendar.quarter_start_months[int(quarter.group(2)) - 1]
    start_year = fiscal_year.start_year if start_month >= 7 else fiscal_year.start_year + 1
    period = quarter_containing(date(start_year, start_month, 1), calendar)
    if period.starts_on < calendar.quarterly_from:
        raise InvalidInputError.single(
            field,
            "quarterly_from",
            f"returns are quarterly only from {calendar.quarterly_from.isoformat()}; before it, file a month "
            f"such as {period.starts_on.year}-{period.starts_on.month:02d}",
        )
    return period
