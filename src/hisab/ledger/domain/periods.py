"""Fiscal periods: the twelve months of a Bangladeshi fiscal year, P01 (July) to P12 (June)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from hisab.kernel.errors import InvalidInputError
from hisab.kernel.fiscal_year import FiscalYear

_LABEL = re.compile(r"(\d{4}-\d{2,4})/P(\d{2})")
PERIODS_PER_YEAR = 12


@dataclass(frozen=True, slots=True, order=True)
class FiscalPeriod:
    fiscal_year: FiscalYear
    number: int

    @classmethod
    def of(cls, day: date) -> FiscalPeriod:
        fiscal_year = FiscalYear.of(day)
        return cls(fiscal_year, (day.month - 7) % 12 + 1)

    @classmethod
    def parse(cls, text: str, field: str = "period") -> FiscalPeriod:
        """`2026-27/P05`; a clear error naming `field` for anything else."""
        found = _LABEL.fullmatch(text.strip())
        number = int(found.group(2)) if found else 0
        if not found or not 1 <= number <= PERIODS_PER_YEAR:
            raise InvalidInputError.single(field, "period", "a period looks like 2026-27/P05 (P01 is July, P12 June)")
        try:
            fiscal_year = FiscalYear.parse(found.group(1))
        except ValueError as bad:
            raise InvalidInputError.single(field, "period", str(bad)) from bad
        return cls(fiscal_year, number)

    @classmethod
    def all_of(cls, fiscal_year: FiscalYear) -> tuple[FiscalPeriod, ...]:
        return tuple(cls(fiscal_year, number) for number in range(1, PERIODS_PER_YEAR + 1))

    @property
    def label(self) -> str:
        return f"{self.fiscal_year.short_label}/P{self.number:02d}"

    @property
    def first_day(self) -> date:
        month = (self.number + 5) % 12 + 1
        year = self.fiscal_year.start_year + (1 if month < 7 else 0)
        return date(year, month, 1)

    @property
    def last_day(self) -> date:
        first = self.first_day
        return date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])


def parse_fiscal_year(text: str, field: str = "fiscal_year") -> FiscalYear:
    try:
        return FiscalYear.parse(text.strip())
    except ValueError as bad:
        raise InvalidInputError.single(field, "fiscal_year", "a fiscal year looks like 2026-27") from bad
