"""The VDS and TDS rates by service code, effective-dated: which row is in force for a code on a day.

The rates are data (vds_rates.toml, tds_rates.toml, or the files HISAB_VDS_RATES_FILE and
HISAB_TDS_RATES_FILE name), because the NBR changes them by SRO and the sources disagree on some;
a payment keeps the rate and the code it withheld at, so a later change never rewrites it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class WithholdingRate:
    service_code: str
    rate: Decimal
    effective_from: date
    # Inclusive; None: in force until a later row ends it.
    effective_to: date | None = None

    def covers(self, day: date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def overlaps(self, other: WithholdingRate) -> bool:
        if self.service_code != other.service_code:
            return False
        ends_before = self.effective_to is not None and self.effective_to < other.effective_from
        starts_after = other.effective_to is not None and other.effective_to < self.effective_from
        return not (ends_before or starts_after)


class WithholdingRateTable:
    """One kind's rates (VDS or TDS): at most one row per service code on any day."""

    def __init__(self, rows: Iterable[WithholdingRate]) -> None:
        self._rows = tuple(rows)
        for index, row in enumerate(self._rows):
            if not 0 < row.rate <= 1:
                raise ValueError(f"{row.service_code}: a rate is a fraction above 0 and at most 1, not {row.rate}")
            if any(row.overlaps(later) for later in self._rows[index + 1 :]):
                raise ValueError(f"two rows of {row.service_code} overlap; a day must have one rate")

    def rate_for(self, service_code: str | None, on: date) -> WithholdingRate | None:
        if service_code is None:
            return None
        return next((row for row in self._rows if row.service_code == service_code and row.covers(on)), None)

    @property
    def rows(self) -> tuple[WithholdingRate, ...]:
        return self._rows


@dataclass(frozen=True, slots=True)
class WithholdingRates:
    vds: WithholdingRateTable
    tds: WithholdingRateTable
