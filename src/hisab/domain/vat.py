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

from hisab.domain.errors import InvalidInputError


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

    def covers(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


class RateTable:
    """Answers which VAT rate applies to a category on a date."""

    def __init__(self, periods: Iterable[RatePeriod]) -> None:
        self._periods = tuple(periods)
        for period in self._periods:
            if period.default is not None and period.default not in period.rates:
                raise ValueError(f"default rate {period.default} of {period.category} is not one of its rates")

    def resolve(self, category: VATCategory, requested: Decimal | None, on: date, field: str) -> Decimal:
        """The rate for a line: the requested one if it is in force, else the category default."""
        period = next((p for p in self._periods if p.category is category and p.covers(on)), None)
        if period is None:
            message = f"no {category} VAT rate is in force on {on.isoformat()}"
            raise InvalidInputError.single(field, "vat_rate_not_in_force", message)
        if requested is None:
            if period.default is None:
                message = f"{category} needs an explicit vatRate on {on.isoformat()}"
                raise InvalidInputError.single(field, "vat_rate_required", message)
            return period.default
        for rate in period.rates:
            if rate == requested:
                return rate
        allowed = ", ".join(str(rate) for rate in sorted(period.rates))
        message = f"{requested} is not a {category} rate in force on {on.isoformat()} (allowed: {allowed})"
        raise InvalidInputError.single(field, "vat_rate_not_in_force", message)
