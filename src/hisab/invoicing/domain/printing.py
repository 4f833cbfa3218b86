"""Which copy a print of a tax invoice is (rule 44 of the VAT and SD Rules 2016).

Only one original tax invoice may exist for a supply. The first print of an issued invoice is
the original, for the buyer, together with the supplier's own copy (rule 40(1)(c) asks for at
least two copies); every later print is a copy marked "Duplicate" (প্রতিলিপি).
"""

from __future__ import annotations

from enum import StrEnum


class CopyKind(StrEnum):
    ORIGINAL = "ORIGINAL"
    SUPPLIER = "SUPPLIER"
    DUPLICATE = "DUPLICATE"


def copies_of_print(earlier_prints: int) -> tuple[CopyKind, ...]:
    """The copies that one print produces, given how many prints came before it."""
    if earlier_prints == 0:
        return (CopyKind.ORIGINAL, CopyKind.SUPPLIER)
    return (CopyKind.DUPLICATE,)
