"""Bangladesh's fiscal year: 1 July to 30 June."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

# Tax-invoice dates, and so fiscal years of issue, are Bangladesh's, whatever the server's zone.
BANGLADESH_TIME = ZoneInfo("Asia/Dhaka")
_LONG = re.compile(r"(\d{4})-(\d{4})")
_SHORT = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True, slots=True, order=True)
class FiscalYear:
    """Identified by the calendar year it starts in: FY 2024-25 has `start_year` 2024."""

    start_year: int

    @classmethod
    def of(cls, day: date) -> FiscalYear:
        return cls(day.year if day.month >= 7 else day.year - 1)

    @classmethod
    def of_moment(cls, moment: datetime) -> FiscalYear:
        """The fiscal year of an instant, by the calendar in Dhaka."""
        return cls.of(moment.astimezone(BANGLADESH_TIME).date())

    @classmethod
    def parse(cls, text: str) -> FiscalYear:
        """Accept `2024-2025` or `2024-25`; raise ValueError for anything else."""
        long_form = _LONG.fullmatch(text)
        if long_form and int(long_form.group(2)) == int(long_form.group(1)) + 1:
            return cls(int(long_form.group(1)))
        short_form = _SHORT.fullmatch(text)
        if short_form and int(short_form.group(2)) == (int(short_form.group(1)) + 1) % 100:
            return cls(int(short_form.group(1)))
        raise ValueError(f"{text!r} is not a fiscal year such as 2024-2025 or 2024-25")

    @property
    def label(self) -> str:
        return f"{self.start_year}-{self.start_year + 1}"

    @property
    def short_label(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def first_day(self) -> date:
        return date(self.start_year, 7, 1)

    @property
    def last_day(self) -> date:
        return date(self.start_year + 1, 6, 30)
