"""The field rules invoices and the item master share, and the collector that gathers their violations.

An item is checked by the invoice line's own rules where they overlap, so an item's price,
rates and codes are always ones a line would accept.
"""

from __future__ import annotations

import re
from decimal import Decimal

from hisab.kernel.errors import InvalidInputError, Violation
from hisab.kernel.money import decimal_places
from hisab.kernel.text import text_violation

MAX_PRICE_PLACES = 2
MAX_RATE_PLACES = 6
# SD reaches 500% on some Second-Schedule goods; advance income tax is a share of the value.
MAX_SD_RATE = Decimal(5)
MAX_AIT_RATE = Decimal(1)
MAX_UNIT_OF_SUPPLY = 50
# A project or cost centre: as long as the ledger keeps one.
MAX_DIMENSION = 64
HS_CODE = re.compile(r"[0-9][0-9.]{0,19}")
HS_CODE_RULE = "an HS code is digits and dots, at most 20 characters"
# A Bangladesh VAT service code: `S` and three digits, with or without the two-digit
# sub-heading (`S001.00`, `S099`). Both shapes appear in NBR's lists, so both are accepted.
SERVICE_CODE = re.compile(r"S[0-9]{3}(?:\.[0-9]{2})?")
SERVICE_CODE_RULE = "a service code is S and 3 digits, then optionally .00"


class Collector:
    """Gathers violations so that one response names every problem at once."""

    def __init__(self, prior: tuple[Violation, ...] = ()) -> None:
        self.violations: list[Violation] = list(prior)

    def add(self, field: str, rule: str, message: str) -> None:
        self.violations.append(Violation(field, rule, message))

    def text(self, value: str, field: str, *, multiline: bool = False) -> bool:
        """Record a problem with free text; True when there was none."""
        problem = text_violation(value, field, multiline=multiline)
        if problem is not None:
            self.violations.append(problem)
        return problem is None

    def absorb(self, error: InvalidInputError) -> None:
        self.violations.extend(error.violations)

    def raise_any(self) -> None:
        if self.violations:
            raise InvalidInputError(self.violations)

    def required_text(
        self, raw: str | None, field: str, max_length: int, *, multiline: bool = False, label: str | None = None
    ) -> str:
        """Stripped text that must be there; `label` names it in the messages (the field by default)."""
        value = (raw or "").strip()
        named = label or field
        if not value:
            self.add(field, "required", f"{named} must not be empty")
        elif len(value) > max_length:
            self.add(field, "max_length", f"{named} has at most {max_length} characters")
        else:
            self.text(value, field, multiline=multiline)
        return value

    def optional_text(self, raw: str | None, field: str, max_length: int, *, multiline: bool = False) -> str | None:
        """Stripped free text, None when blank; a problem is recorded and gives None too."""
        value = optional_text(raw)
        if value is None or not self.text(value, field, multiline=multiline):
            return None
        if len(value) > max_length:
            self.add(field, "max_length", f"{field} has at most {max_length} characters")
            return None
        return value

    def coded(self, raw: str | None, field: str, shape: re.Pattern[str], rule: str) -> str | None:
        """Optional text of a fixed shape (an HS or service code); None when blank."""
        value = optional_text(raw)
        if value is None or not self.text(value, field):
            return None
        if not shape.fullmatch(value):
            self.add(field, f"{field.rsplit('.', 1)[-1]}_format", rule)
        return value

    def decimal(
        self,
        value: Decimal,
        field: str,
        *,
        places: int,
        positive: bool = False,
        ceiling: Decimal | None = None,
    ) -> bool:
        """Record what is wrong with a number; True when nothing was."""
        before = len(self.violations)
        if not value.is_finite():
            self.add(field, "finite", "the number must be finite")
            return False
        if positive and value <= 0:
            self.add(field, "positive", "the number must be greater than 0")
        elif value < 0:
            self.add(field, "non_negative", "the number must not be negative")
        if decimal_places(value) > places:
            self.add(field, "decimal_places", f"the number has at most {places} decimal places")
        if ceiling is not None and value >= ceiling:
            self.add(field, "amount_ceiling", "the number must be below 10^13")
        return len(self.violations) == before

    def rate(self, raw: Decimal | None, field: str, ceiling: Decimal) -> Decimal:
        """An optional rate as a fraction (0.10 is 10%), zero when not given."""
        if raw is None:
            return Decimal(0)
        if self.decimal(raw, field, places=MAX_RATE_PLACES) and raw > ceiling:
            self.add(field, "max_rate", f"the rate is at most {ceiling} (a fraction: 0.10 means 10%)")
        return raw


def optional_text(raw: str | None) -> str | None:
    if raw is None:
        return None
    stripped = raw.strip()
    return stripped or None
