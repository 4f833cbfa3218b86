"""Bucketing by due date: current, each bound's days past due, beyond the last; bounds validated; totals exact."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hisab.kernel.errors import InvalidInputError
from hisab.receivables.domain.ageing import (
    DEFAULT_BOUNDS,
    AgeingReport,
    CustomerAgeing,
    bucket_names,
    bucket_of,
    earliest_due_dates,
    validate_bounds,
)

AS_OF = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("days_past_due", "bucket"),
    [(-5, 0), (0, 0), (1, 1), (30, 1), (31, 2), (60, 2), (61, 3), (90, 3), (91, 4), (400, 4)],
)
def test_an_invoice_falls_in_the_bucket_that_holds_its_days_past_due(days_past_due: int, bucket: int) -> None:
    assert bucket_of(AS_OF - timedelta(days=days_past_due), AS_OF, DEFAULT_BOUNDS) == bucket


def test_buckets_are_named_by_their_days() -> None:
    assert bucket_names((30, 60, 90)) == ("1–30", "31–60", "61–90", "90+")
    assert bucket_names((7,)) == ("1–7", "7+")


@given(
    bounds=st.lists(st.integers(1, 400), min_size=1, max_size=10, unique=True).map(sorted),
    days=st.integers(-100, 1000),
)
def test_the_due_dates_given_to_sql_put_every_invoice_in_the_same_bucket_as_the_domain(
    bounds: list[int], days: int
) -> None:
    due = AS_OF - timedelta(days=days)
    starts = earliest_due_dates(AS_OF, bounds)
    ends = [AS_OF, *starts]
    by_dates = (
        0
        if due >= AS_OF
        else next(
            (n for n, (end, start) in enumerate(zip(ends, starts, strict=False), start=1) if start <= due < end),
            len(bounds) + 1,
        )
    )
    assert by_dates == bucket_of(due, AS_OF, bounds)


@pytest.mark.parametrize(
    ("bounds", "rule"),
    [((), "required"), ((30, 30), "ascending"), ((60, 30), "ascending"), ((0, 30), "positive"),
     ((-1,), "positive"), (tuple(range(1, 12)), "too_many")],
)  # fmt: skip
def test_bucket_bounds_that_are_not_ascending_positive_days_or_too_many_are_refused(
    bounds: tuple[int, ...], rule: str
) -> None:
    with pytest.raises(InvalidInputError) as refused:
        validate_bounds(bounds)
    assert [v.rule for v in refused.value.violations] == [rule]


def test_ten_bounds_are_accepted() -> None:
    assert validate_bounds(range(10, 110, 10)) == tuple(range(10, 110, 10))


def test_the_totals_are_the_exact_sums_of_the_customers_buckets() -> None:
    customers = (
        CustomerAgeing("c-1", None, "Karim Steel", tuple(map(Decimal, ("0.10", "0.20", "0.00", "0.00", "1.00")))),
        CustomerAgeing("c-2", "p-2", None, tuple(map(Decimal, ("575000.00", "0.00", "0.05", "0.00", "0.00")))),
    )

    report = AgeingReport(AS_OF, DEFAULT_BOUNDS, customers)

    assert [str(total) for total in report.totals] == ["575000.10", "0.20", "0.05", "0.00", "1.00"]
    assert (str(customers[0].total), str(report.total)) == ("1.30", "575001.35")
