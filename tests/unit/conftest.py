"""Fixtures shared by the unit tests: pure Python, no I/O."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from hisab.kernel.vat import RatePeriod, RateTable, VATCategory

VAT_ACT_IN_FORCE = date(2019, 7, 1)


def _period(category: VATCategory, rates: list[str], default: str | None) -> RatePeriod:
    return RatePeriod(
        category=category,
        rates=frozenset(Decimal(rate) for rate in rates),
        default=Decimal(default) if default is not None else None,
        effective_from=VAT_ACT_IN_FORCE,
    )


@pytest.fixture(scope="session")
def rates() -> RateTable:
    """The same rates as the shipped vat_rates.toml, built in memory so domain tests read no file."""
    return RateTable(
        [
            _period(VATCategory.STANDARD, ["0.15"], "0.15"),
            _period(VATCategory.REDUCED, ["0.02", "0.024", "0.045", "0.05", "0.075", "0.10"], "0.075"),
            _period(VATCategory.TRUNCATED, ["0.05"], "0.05"),
            _period(VATCategory.ZERO_RATED, ["0"], "0"),
            _period(VATCategory.EXEMPT, ["0"], "0"),
        ]
    )
