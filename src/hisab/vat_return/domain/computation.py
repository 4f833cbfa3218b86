"""The Mushak-9.1 computed: every note 1 to 68 from the period's entries, the last return's closing
balances and the deposits (bangladesh-vat-returns.md §1.2). Pure: no I/O, no clock.

Signs. Every figure is what the form prints. Notes 34 to 37 and 50 to 51 are what is payable (negative:
more tax was credited than charged). Notes 65 and 66, the closing balances, are deposits less what was
payable: positive is what was OVERPAID, the credit the next return takes as its notes 52 and 53 (which
reduce what it makes payable, 35 = 34 - (52 + 56)); negative is tax still unpaid, which is arrears to
be paid with interest (s.127), not something the next return carries, so it is carried as zero.

Not computed, and zero on every return: interest (41, 42; 1% a month simple, C11) and fines (43, 44),
which only a late return has and the commissioner assesses; excise duty and the surcharges (45 to 49);
SD on inputs against exports (40); refunds (67, 68), which are the taxpayer's request, not arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from hisab.kernel.money import ZERO, round_to_paisa
from hisab.vat_return.domain.note_mapping import PURCHASE_NOTES, SUPPLY_NOTES

LAST_NOTE = 68
# Part 3: value, SD and VAT columns; the exports and exempt supplies (1 to 3) have only a value.
VALUE_ONLY_SUPPLIES = frozenset({1, 2, 3})
# Part 4: value and VAT columns; zero-rated, exempt, turnover-tax and unregistered purchases only a value.
VALUE_ONLY_PURCHASES = frozenset({10, 11, 12, 13, 19, 20})
CREDITABLE_PURCHASES = frozenset(range(14, 19))
INCREASES = (24, 25, 26, 27)
DECREASES = (29, 30, 31, 32)
TEN_PERCENT = Decimal("0.10")


class NoteTotals(Protocol):
    """A note's entries summed: what the computation reads of the return entries (the entries port's NoteSum)."""

    @property
    def value(self) -> Decimal: ...
    @property
    def supplementary_duty(self) -> Decimal: ...
    @property
    def vat(self) -> Decimal: ...
    @property
    def creditable_vat(self) -> Decimal: ...


@dataclass(frozen=True, slots=True)
class Totals:
    value: Decimal = ZERO
    supplementary_duty: Decimal = ZERO
    vat: Decimal = ZERO
    creditable_vat: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class Balances:
    """What the return starts from: the last return's closing balances (its notes 65 and 66) and any
    balance left from the 1991 Act's Mushak-18.6 (notes 54 and 55: zero for a taxpayer registered since)."""

    closing_vat: Decimal = ZERO
    closing_sd: Decimal = ZERO
    transitional_vat: Decimal = ZERO
    transitional_sd: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class Deposits:
    """What was deposited to the treasury for the period: VAT (note 58) and SD (note 59)."""

    vat: Decimal = ZERO
    sd: Decimal = ZERO


@dataclass(frozen=True, slots=True)
class Figure:
    """One note's columns: Parts 3 and 4 have value, SD and VAT (None where the form has no such column);
    every later note is one amount."""

    note: int
    value: Decimal | None = None
    supplementary_duty: Decimal | None = None
    vat: Decimal | None = None
    amount: Decimal | None = None


def carried(closing: Decimal) -> Decimal:
    """What a closing balance carries into the next return: only what was overpaid (see the module's note)."""
    return max(closing, ZERO)


def compute(sums: Mapping[int, NoteTotals], balances: Balances, deposits: Deposits) -> tuple[Figure, ...]:
    """Every note 1 to 68, in the form's order."""
    zero = Totals()

    def of(note: int) -> NoteTotals:
        return sums.get(note, zero)

    figures = _supplies_and_purchases(of)
    for note, value in _adjustments_and_balances(of, figures, balances, deposits).items():
        figures[note] = Figure(note, amount=value)
    return tuple(figures[note] for note in range(1, LAST_NOTE + 1))


def _supplies_and_purchases(of: Callable[[int], NoteTotals]) -> dict[int, Figure]:
    """Parts 3 and 4: notes 1 to 23."""
    figures: dict[int, Figure] = {}
    for note in sorted(SUPPLY_NOTES):
        totals = of(note)
        if note in VALUE_ONLY_SUPPLIES:
            figures[note] = Figure(note, value=totals.value)
        else:
            figures[note] = Figure(note, totals.value, totals.supplementary_duty, totals.vat)
    supplies = [of(note) for note in SUPPLY_NOTES]
    figures[9] = Figure(
        9,
        sum_of(t.value for t in supplies),
        sum_of(t.supplementary_duty for t in supplies),
        sum_of(t.vat for t in supplies),
    )
    for note in sorted(PURCHASE_NOTES):
        totals = of(note)
        figures[note] = Figure(note, value=totals.value, vat=None if note in VALUE_ONLY_PURCHASES else totals.vat)
    credit = sum_of(of(note).creditable_vat for note in CREDITABLE_PURCHASES)
    figures[23] = Figure(23, value=sum_of(of(note).value for note in PURCHASE_NOTES), vat=credit)
    return figures


def _adjustments_and_balances(
    of: Callable[[int], NoteTotals], figures: Mapping[int, Figure], balances: Balances, deposits: Deposits
) -> dict[int, Decimal]:
    """Parts 5 to 11: notes 24 to 68, each one amount."""
    credit = figures[23].vat or ZERO
    amount: dict[int, Decimal] = {note: of(note).vat for note in (*INCREASES, *DECREASES)}
    amount[28] = sum_of(amount[note] for note in INCREASES)
    amount[33] = sum_of(amount[note] for note in DECREASES)
    output_vat, output_sd = figures[9].vat or ZERO, figures[9].supplementary_duty or ZERO
    amount[34] = output_vat - credit + amount[28] - amount[33]
    amount[38] = of(26).supplementary_duty
    amount[39] = of(31).supplementary_duty
    amount[40] = ZERO
    amount[36] = output_sd + amount[38] - (amount[39] + amount[40])
    amount[52], amount[53] = carried(balances.closing_vat), carried(balances.closing_sd)
    amount[54], amount[55] = balances.transitional_vat, balances.transitional_sd
    # Rule 118(5): at most a tenth of the period's net payable may come off the old balance.
    amount[56] = _capped(amount[54], amount[34])
    amount[57] = _capped(amount[55], amount[36])
    amount[35] = amount[34] - (amount[52] + amount[56])
    amount[37] = amount[36] - (amount[53] + amount[57])
    for note in range(41, 50):
        amount[note] = ZERO
    amount[50] = amount[35] + amount[41] + amount[43] + amount[44]
    amount[51] = amount[37] + amount[42]
    amount[58], amount[59] = deposits.vat, deposits.sd
    for note in range(60, 65):
        amount[note] = ZERO
    amount[67] = amount[68] = ZERO
    amount[65] = amount[58] - (amount[50] + amount[67])
    amount[66] = amount[59] - (amount[51] + amount[68])
    return amount


def _capped(balance: Decimal, payable: Decimal) -> Decimal:
    if balance <= ZERO or payable <= ZERO:
        return ZERO
    return min(balance, round_to_paisa(payable * TEN_PERCENT))


def sum_of(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, ZERO)
