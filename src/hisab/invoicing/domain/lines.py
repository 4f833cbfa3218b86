"""The arithmetic of one invoice line, in the order the Mushak-6.3 columns follow."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from hisab.kernel.money import ZERO, round_to_paisa


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


@dataclass(frozen=True, slots=True)
class Figures:
    """How much of a line: its quantity and its amounts before advance income tax.

    What a line carries, and what a credit or debit note changes of it, are both figures: a line
    carries its invoiced figures, less what credit notes took off, plus what debit notes added.
    """

    quantity: Decimal = Decimal(0)
    value: Decimal = ZERO
    supplementary_duty: Decimal = ZERO
    vat: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.value + self.supplementary_duty + self.vat

    @property
    def is_nil(self) -> bool:
        """Nothing of value, SD or VAT left (a quantity may remain after a price was credited away)."""
        return not (self.value or self.supplementary_duty or self.vat)

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.quantity + other.quantity,
            self.value + other.value,
            self.supplementary_duty + other.supplementary_duty,
            self.vat + other.vat,
        )

    def __sub__(self, other: Figures) -> Figures:
        return Figures(
            self.quantity - other.quantity,
            self.value - other.value,
            self.supplementary_duty - other.supplementary_duty,
            self.vat - other.vat,
        )


NO_FIGURES = Figures()


def sum_figures(figures: Iterable[Figures]) -> Figures:
    return sum(figures, NO_FIGURES)
