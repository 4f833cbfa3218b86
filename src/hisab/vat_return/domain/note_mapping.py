"""Which note of the Mushak-9.1 each document line or adjustment adds to (bangladesh-vat-returns.md §1.2).

The labels of the notes are CERTAIN; the mapping of Hisab's documents onto them is LIKELY, and where it
rests on a reading of the law (a purchase charged below 15%, a zero-rated sale taken for a direct
export) docs/vat-return.md says so.
"""

from __future__ import annotations

from hisab.kernel.vat import VATCategory

# Part 3, supplies: output tax.
DIRECT_EXPORT, DEEMED_EXPORT, EXEMPT_SUPPLY, STANDARD_SUPPLY, MRP_SUPPLY, SPECIFIC_SUPPLY = 1, 2, 3, 4, 5, 6
REDUCED_SUPPLY, TRADE_SUPPLY, SUPPLY_TOTAL = 7, 8, 9
# Part 4, purchases: input tax (local, import).
ZERO_RATED_PURCHASE = (10, 11)
EXEMPT_PURCHASE = (12, 13)
STANDARD_PURCHASE = (14, 15)
REDUCED_PURCHASE = (16, 17)
SPECIFIC_PURCHASE = 18
TURNOVER_TAX_PURCHASE = 19
UNREGISTERED_PURCHASE = 20
INADMISSIBLE_PURCHASE = (21, 22)
PURCHASE_TOTAL = 23
# Part 5, increasing adjustments; part 6, decreasing ones.
VDS_DEDUCTED_FROM_SUPPLIERS = 24
CASH_PAYMENT_REVERSAL = 25
DEBIT_NOTE_ISSUED = 26
OTHER_INCREASE = 27
INCREASE_TOTAL = 28
VDS_CERTIFIED_BY_CUSTOMERS = 29
IMPORT_ADVANCE_TAX = 30
CREDIT_NOTE_ISSUED = 31
OTHER_DECREASE = 32
DECREASE_TOTAL = 33

SUPPLY_NOTES = frozenset(range(1, 9))
PURCHASE_NOTES = frozenset(range(10, 23))


def sales_note(category: VATCategory) -> int:
    """A line of our tax invoice: zero-rated lines are direct exports (Hisab has no deemed-export flag yet)."""
    if category is VATCategory.ZERO_RATED:
        return DIRECT_EXPORT
    if category is VATCategory.EXEMPT:
        return EXEMPT_SUPPLY
    if category is VATCategory.STANDARD:
        return STANDARD_SUPPLY
    return REDUCED_SUPPLY


def purchase_note(category: VATCategory, *, imported: bool, creditable: bool, supplier_registered: bool) -> int:
    """A line of a bill received: by the supply's category, local or import, and whether its VAT is credited.

    A purchase from a supplier with no BIN goes to note 20 whatever its category; a standard-rated
    purchase whose credit is not taken (refused, or not claimed) to 21/22; a purchase charged below
    15% to 16/17 with its VAT shown, credited or not.
    """
    side = 1 if imported else 0
    if not supplier_registered and not imported:
        return UNREGISTERED_PURCHASE
    if category is VATCategory.ZERO_RATED:
        return ZERO_RATED_PURCHASE[side]
    if category is VATCategory.EXEMPT:
        return EXEMPT_PURCHASE[side]
    if category is VATCategory.STANDARD:
        return STANDARD_PURCHASE[side] if creditable else INADMISSIBLE_PURCHASE[side]
    return REDUCED_PURCHASE[side]
