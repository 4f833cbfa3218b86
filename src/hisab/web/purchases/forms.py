"""Reading form text into exact values: a bad number or date is a field error, never a 500."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from hisab.kernel.errors import Violation


class FormReader:
    """Collects the violations of the fields it reads, to raise them all at once."""

    def __init__(self) -> None:
        self.violations: list[Violation] = []

    def decimal(self, name: str, raw: str, *, required: bool = False) -> Decimal | None:
        text = raw.strip().replace(",", "")
        if not text:
            if required:
                self.violations.append(Violation(name, "required", "a number is needed"))
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            self.violations.append(Violation(name, "number", "not a number"))
            return None
        if not value.is_finite():
            self.violations.append(Violation(name, "number", "not a number"))
            return None
        return value

    def day(self, name: str, raw: str, *, required: bool = False) -> date | None:
        text = raw.strip()
        if not text:
            if required:
                self.violations.append(Violation(name, "required", "a date is needed"))
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.violations.append(Violation(name, "date", "not a date (YYYY-MM-DD)"))
            return None

    def text(self, name: str, raw: str, *, required: bool = False) -> str | None:
        text = raw.strip()
        if not text and required:
            self.violations.append(Violation(name, "required", "this is needed"))
        return text or None
