"""The tax calendar: how the year is cut into quarters, and which days a due date may not fall on.

Both are data (src/hisab/tax_calendar.toml, or the file HISAB_TAX_CALENDAR_FILE names): the quarter
boundaries are UNCERTAIN (bangladesh-vat-returns.md §0 C2: no NBR order states them; Jul-Sep, Oct-Dec,
Jan-Mar, Apr-Jun is the assumption), and the public holidays are the government's each year, the lunar
ones known only approximately in advance.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

# s.64(1) as substituted by the Finance Act 2026: within 15 days of the period's end; 20 days for
# government and autonomous bodies, banks, insurers and a nil return.
DUE_DAYS = 15
EXTENDED_DUE_DAYS = 20


@dataclass(frozen=True, slots=True)
class Holiday:
    day: date
    name: str
    # A lunar date fixed by the moon's sighting: the gazette may move it a day.
    approximate: bool


@dataclass(frozen=True, slots=True)
class TaxCalendar:
    # The month each quarter of the fiscal year starts in, Q1 first.
    quarter_start_months: tuple[int, ...]
    # The first day a return covers a quarter; before it every return is monthly.
    quarterly_from: date
    # Weekdays (Monday 0) that are no working day: Friday and Saturday in Bangladesh.
    weekend: frozenset[int]
    holidays: Mapping[date, Holiday] = field(default_factory=dict)
    due_days: int = DUE_DAYS
    extended_due_days: int = EXTENDED_DUE_DAYS

    def __post_init__(self) -> None:
        months = self.quarter_start_months
        if len(months) != 4 or any(not 1 <= m <= 12 for m in months):
            raise ValueError("quarter_start_months needs four months, 1 to 12")
        if any((later - earlier) % 12 != 3 for earlier, later in zip(months, (*months[1:], months[0]), strict=True)):
            raise ValueError("quarter_start_months must be three months apart, in order")
        if self.quarterly_from.day != 1 or self.quarterly_from.month not in months:
            raise ValueError("quarterly_from must be the first day of a quarter")
        if len(self.weekend) >= 7 or any(not 0 <= d <= 6 for d in self.weekend):
            raise ValueError("the weekend is some of the weekdays 0 (Monday) to 6 (Sunday), not all")
        if not 0 < self.due_days <= self.extended_due_days:
            raise ValueError("due_days must be positive and at most extended_due_days")

    def is_working_day(self, day: date) -> bool:
        return day.weekday() not in self.weekend and day not in self.holidays

    def next_working_day(self, day: date) -> date:
        """The day itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def due_on(self, ends_on: date, *, extended: bool) -> date:
        """The last day to file a return of a period ending `ends_on`: a weekend or a holiday moves it on."""
        days = self.extended_due_days if extended else self.due_days
        return self.next_working_day(ends_on + timedelta(days=days))
