"""The arithmetic of one invoice line, in the order the Mushak-6.3 columns follow."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hisab.kernel.money import round_to_paisa


@dataclass(frozen=True, slots=True)
class LineAmounts:
    """Every amount of a line, each already rounded to the paisa."""

    value: Decimal
    supplementary_duty: Decimal
    vat: Decimal
    advance_income_tax: Decimal

    @property
    def total(self) -> Decimal:
        """Value including all duties and taxes; advance income tax is not part of it."""
        return self.value + self.supplementary_duty + self.vat


def compute_line(
    quantity: Decimal,
    unit_price: Decimal,
    supplementary_duty_rate: Decimal,
    vat_rate: Decimal,
    advance_income_tax_rate: Decimal,
) -> LineAmounts:
    """SD is charged on the value, VAT on value + SD, advance income tax on the value alone."""
    value = round_to_paisa(quantity * unit_price)
    supplementary_duty = round_to_paisa(value * supplementary_duty_rate)
    vat = round_to_paisa((value + supplementary_duty) * vat_rate)
    advance_income_tax = round_to_paisa(value * advance_income_tax_rate)
    return LineAmounts(value, supplementary_duty, vat, advance_income_tax)
