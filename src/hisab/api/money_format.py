"""How amounts are written for people: the one place Taka formatting lives.

Bangladesh groups digits in lakh and crore (৳12,34,56,789.05), which Babel's en_IN pattern
`#,##,##0.00` does; the Taka sign is part of the pattern so that it is the same everywhere,
whatever symbol a locale database prefers.
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, format_decimal

_TAKA_PATTERN = "৳#,##,##0.00"
_LOCALE = "en_IN"


def format_amount(amount: Decimal, currency: str) -> str:
    """`৳5,75,000.00` for Taka; other currencies in Babel's en_IN form (`$12,34,567.50`)."""
    if currency == "BDT":
        return format_decimal(amount, format=_TAKA_PATTERN, locale=_LOCALE)
    return format_currency(amount, currency, locale=_LOCALE)
