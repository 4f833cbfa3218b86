"""Exact numbers through a GraphQL schema that says `Float`.

The issue's schema types quantities, prices and rates as `Float`, yet money must stay exact
(0.1 stays 0.1) and no binary float may reach the domain. graphql-core 3.3 coerces every `Float`
input to a plain Python `float`, so a Decimal smuggled in through a subclass does not survive.
What does survive is this: a decimal number of at most 15 significant digits always comes back
unchanged from `repr(float(text))`, because `repr` gives the shortest text that round-trips.

So the API guards both ways a number can arrive, and converts at one point:

1. Request bodies are parsed by `hisab.edge.json_body` with `json.loads` hooks that refuse NaN and
   Infinity, refuse any JSON number whose text does not come back exactly from its float
   (`round_trips`), and refuse integers beyond 2**53 (where floats stop being exact integers).
2. Literal numbers written in the query text are held to the same rules by
   `hisab.api.graphql.validation_rules.ExactNumberLiteralsRule`.
3. Resolvers turn every accepted `Float` into a `Decimal` with `exact_decimal`, which is exact
   for every number that passed 1 or 2.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

# Beyond 2**53 consecutive integers are no longer all representable as floats.
MAX_EXACT_INTEGER = 2**53
EXACT_NUMBER_RULE = "exact_number"


def round_trips(text: str) -> bool:
    """Whether the number written as `text` survives a trip through a float unchanged."""
    try:
        written = Decimal(text)
    except InvalidOperation:
        return False
    if not written.is_finite():
        return False
    as_float = float(text)
    return math.isfinite(as_float) and Decimal(repr(as_float)) == written


def integer_is_exact(text: str) -> bool:
    """Whether the integer written as `text` is one a float holds exactly (|n| <= 2**53)."""
    digits = text.removeprefix("-")
    # The length check comes first: int() refuses texts of thousands of digits with an error.
    return digits.isdigit() and len(digits) <= len(str(MAX_EXACT_INTEGER)) and int(digits) <= MAX_EXACT_INTEGER


def exact_decimal(value: float | int) -> Decimal:
    """The decimal number the client wrote, from the float graphql-core made of it."""
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(value))


def inexact_number_message(text: str) -> str:
    return (
        f"the number {text} cannot be carried exactly: write it with at most 15 significant digits "
        f"and keep integers within ±2^53"
    )
