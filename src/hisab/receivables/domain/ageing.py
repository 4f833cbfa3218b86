"""Ageing: what each customer owed on a day, by how long past its due date each invoice was.

An invoice not yet due (its due date on or after the day) is current; one past due falls in the
first bucket whose upper bound (in days) holds its days past due, and beyond the last bound in the
last bucket: with bounds 30, 60, 90 the buckets are current, 1–30, 31–60, 61–90 and 90+.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from hisab.kernel.errors import InvalidInputError
from hisab.kernel.money import ZERO

DEFAULT_BOUNDS = (30, 60, 90)
MAX_BOUNDS = 10


def validate_bounds(bounds: Sequence[int]) -> tuple[int, ...]:
    """The bucket bounds, refused unless they are 1 to 10 positive whole days in ascending order."""
    if not bounds:
        raise InvalidInputError.single("buckets", "required", "give at least one bucket bound, such as [30, 60, 90]")
    if len(bounds) > MAX_BOUNDS:
        raise InvalidInputError.single("buckets", "too_many", f"at most {MAX_BOUNDS} bucket bounds, not {len(bounds)}")
    if any(bound <= 0 for bound in bounds):
        raise InvalidInputError.single("buckets", "positive", "every bucket bound is a positive number of days")
    if any(later <= earlier for earlier, later in itertools.pairwise(bounds)):
        raise InvalidInputError.single("buckets", "ascending", "bucket bounds go up strictly, such as [30, 60, 90]")
    return tuple(bounds)


def bucket_of(due_date: date, as_of: date, bounds: Sequence[int]) -> int:
    """0 for current, 1 for the first bucket past due, ..., len(bounds) + 1 beyond the last bound."""
    days = (as_of - due_date).days
    if days <= 0:
        return 0
    return next((n for n, bound in enumerate(bounds, start=1) if days <= bound), len(bounds) + 1)


def earliest_due_dates(as_of: date, bounds: Sequence[int]) -> tuple[date, ...]:
    """The earliest due date each past-due bucket holds but the last (which holds every earlier one):
    a bucket's invoices are due on or after its date and before the previous bucket's (or `as_of`)."""
    return tuple(as_of - timedelta(days=bound) for bound in bounds)


@dataclass(frozen=True, slots=True)
class CustomerAgeing:
    customer_id: str
    customer_party_id: str | None
    # The buyer's name on one of the customer's invoices (the same one each time); None if it names none.
    customer_name: str | None
    # current, then one per bound, then beyond the last bound.
    amounts: tuple[Decimal, ...]

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, ZERO)


@dataclass(frozen=True, slots=True)
class AgeingReport:
    as_of: date
    bounds: tuple[int, ...]
    customers: tuple[CustomerAgeing, ...]

    @property
    def totals(self) -> tuple[Decimal, ...]:
        columns = len(self.bounds) + 2
        return tuple(sum((c.amounts[n] for c in self.customers), ZERO) for n in range(columns))

    @property
    def total(self) -> Decimal:
        return sum(self.totals, ZERO)


def bucket_names(bounds: Sequence[int]) -> tuple[str, ...]:
    """Past-due buckets as ranges of days: 1–30, 31–60, 61–90, 90+ (current is named by the caller)."""
    starts = [1, *(bound + 1 for bound in bounds[:-1])]
    return (*(f"{start}–{bound}" for start, bound in zip(starts, bounds, strict=True)), f"{bounds[-1]}+")
