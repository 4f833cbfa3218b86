"""VAT categories and the effective-dated table of rates in force.

Rates change by budget and by mid-year ordinance, so they are data handed to the domain,
never constants in it: an invoice takes the rate in force on its invoice date and keeps
it in its events for good.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from hisab.kernel.errors import InvalidInputError


class VATCategory(StrEnum):
    STANDARD = "STANDARD"
    REDUCED = "REDUCED"
    TRUNCATED = "TRUNCATED"
    ZERO_RATED = "ZERO_RATED"
    EXEMPT = "EXEMPT"


@dataclass(frozen=True, slots=True)
class RatePeriod:
    """The rates of one category allowed from `effective_from` to `effective_to` (inclusive)."""

    category: VATCategory
    rates: frozenset[Decimal]
    default: Decimal | None
    effective_from: date
    effective_to: date | None = None

    def __post_init__(self) -> None:
        for rate in self.rates:
            if not rate.is_finite() or not Decimal(0) <= rate <= Decimal(1):
                raise ValueError(f"{self.category} rate {rate} is not a fraction between 0 and 1 (0.15 means 15%)")
        if self.default is not None and self.default not in self.rates:
            raise ValueError(f"default rate {self.default} of {self.category} is not one of its rates")
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError(f"a {self.category} period ends before it starts")

    def overlaps(self, other: RatePeriod) -> bool:
        return (
            self.category is other.category
            and (other.effective_to is None or self.effective_from <= other.effective_to)
            and (self.effective_to is None or other.effective_from <= self.effective_to)
        )

    def covers(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


class RateTable:
    """Answers which VAT rate applies to a category on a date."""

    def __init__(self, periods: Iterable[RatePeriod]) -> None:
        self._periods = tuple(periods)
        for index, period in enumerate(self._periods):
            if any(period.overlaps(later) for later in self._periods[index + 1 :]):
                raise ValueError(f"two {period.category} periods overlap; a date must have one set of rates")

    def resolve(self, category: VATCategory, requested: Decimal | None, on: date, field: str) -> Decimal:
        """The rate for a line: the requested one if it is in force, else the category default."""
        period = next((p for p in self._periods if p.category is category and p.covers(on)), None)
        if period is None:
            message = f"no {category} VAT rate is in force on {on.isoformat()}"
            raise InvalidInputError.single(field, "vat_rate_not_in_force", message)
        if requested is None:
            if period.default is None:
                message = f"{category} needs an explicit VAT rate on {on.isoformat()}"
                raise InvalidInputError.single(field, "vat_rate_required", message)
            return period.default
        for rate in period.rates:
            if rate == requested:
                return rate
        allowed = ", ".join(str(rate) for rate in sorted(period.rates))
        message = f"{requested} is not a {category} rate in force on {on.isoformat()} (allowed: {allowed})"
        raise InvalidInputError.single(field, "vat_rate_not_in_force", message)
