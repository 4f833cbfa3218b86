"""Exact money arithmetic.

The one rounding rule of Hisab lives here: amounts are Taka with two decimal places
(paisa), and every computed amount is rounded half-up to the paisa once, where it is
computed. Sums are taken over already-rounded amounts, so a total always equals the
sum of the lines printed on the invoice.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PAISA = Decimal("0.01")
ZERO = Decimal("0.00")
# Amounts must stay below 10^13 Taka: far above any real invoice, and small enough that
# paisa fit in a signed 64-bit integer with room for sums.
AMOUNT_CEILING = Decimal(10) ** 13


def round_to_paisa(value: Decimal) -> Decimal:
    """Round half-up to two decimal places (the rounding rule of every computed amount)."""
    return value.quantize(PAISA, rounding=ROUND_HALF_UP)


def to_paisa(value: Decimal) -> int:
    """An exact two-place amount as integer paisa; refuses amounts that are not exact."""
    paisa = value * 100
    if paisa != paisa.to_integral_value():
        raise ValueError(f"{value} has more than two decimal places")
    return int(paisa)


def from_paisa(paisa: int) -> Decimal:
    return (Decimal(paisa) / 100).quantize(PAISA)


def decimal_places(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in one currency, always held to the paisa."""

    amount: Decimal
    currency: str = "BDT"

    def __post_init__(self) -> None:
        if not self.amount.is_finite():
            raise ValueError("money must be a finite amount")
        object.__setattr__(self, "amount", round_to_paisa(self.amount))

    @classmethod
    def zero(cls, currency: str = "BDT") -> Money:
        return cls(ZERO, currency)

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.amount - other.amount, self.currency)

    def _same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot combine {self.currency} with {other.currency}")
