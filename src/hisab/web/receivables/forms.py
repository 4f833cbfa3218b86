"""Reading numbers and dates a user typed: a bad one is a field error, never a 500."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from hisab.kernel.errors import Violation

_BENGALI_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")


def decimal_of(text: str, field: str, problems: list[Violation]) -> Decimal | None:
    """The number typed (Bengali digits and thousands commas allowed), None when left empty."""
    cleaned = text.strip().translate(_BENGALI_DIGITS).replace(",", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        problems.append(Violation(field, "number", "this is not a number"))
        return None
    if not value.is_finite():
        problems.append(Violation(field, "number", "this is not a number"))
        return None
    return value


def date_of(text: str, field: str, problems: list[Violation]) -> date | None:
    cleaned = text.strip().translate(_BENGALI_DIGITS)
    if not cleaned:
        return None
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        problems.append(Violation(field, "date", "this is not a date (YYYY-MM-DD)"))
        return None
