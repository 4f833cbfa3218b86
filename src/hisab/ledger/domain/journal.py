"""Journal entries: kinds and their series, lines, the balance rule, and an entry's life.

An entry is drafted, then posted (given its number) by someone other than its maker; a posted
entry never changes. A wrong one is undone by its reversal, a new entry with every line mirrored.
Amounts are exact paisa, never negative, and each line is a debit or a credit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from hisab.kernel.errors import InvalidInputError, Violation
from hisab.kernel.fiscal_year import FiscalYear
from hisab.kernel.money import AMOUNT_CEILING, ZERO, decimal_places
from hisab.kernel.text import text_violation

MAX_LINES = 500
MAX_NARRATION = 500
MAX_REFERENCE = 100
MAX_DIMENSION = 64
MAX_MEMO = 200


class JournalKind(StrEnum):
    GENERAL = "GENERAL"
    SALES = "SALES"
    PURCHASE = "PURCHASE"
    CASH_RECEIPT = "CASH_RECEIPT"
    CASH_PAYMENT = "CASH_PAYMENT"
    ADJUSTMENT = "ADJUSTMENT"
    REVERSING = "REVERSING"
    CLOSING = "CLOSING"
    OPENING = "OPENING"

    @property
    def prefix(self) -> str:
        return _PREFIXES[self]

    @property
    def entered_by_hand(self) -> bool:
        """Whether a user may draft an entry of this kind; Hisab posts the others itself."""
        return self not in (JournalKind.SALES, JournalKind.REVERSING, JournalKind.CLOSING)


_PREFIXES = {
    JournalKind.GENERAL: "GJ",
    JournalKind.SALES: "SJ",
    JournalKind.PURCHASE: "PJ",
    JournalKind.CASH_RECEIPT: "CR",
    JournalKind.CASH_PAYMENT: "CP",
    JournalKind.ADJUSTMENT: "AJ",
    JournalKind.REVERSING: "RJ",
    JournalKind.CLOSING: "CJ",
    JournalKind.OPENING: "OJ",
}


def number_series(kind: JournalKind, fiscal_year: FiscalYear) -> str:
    """The counter an entry's number is taken from: one per tenant, kind and fiscal year."""
    return f"journal:{kind.prefix}:{fiscal_year.start_year}"


def entry_number(kind: JournalKind, fiscal_year: FiscalYear, serial: int) -> str:
    return f"{kind.prefix}/{fiscal_year.short_label}/{serial:06d}"


@dataclass(frozen=True, slots=True)
class JournalLine:
    account_code: str
    debit: Decimal
    credit: Decimal
    project: str | None = None
    cost_center: str | None = None
    party_id: str | None = None
    memo: str | None = None

    def mirrored(self) -> JournalLine:
        return JournalLine(
            self.account_code, self.credit, self.debit, self.project, self.cost_center, self.party_id, self.memo
        )


@dataclass(frozen=True, slots=True)
class LineInput:
    """A line as a caller gave it: amounts not yet checked."""

    account_code: str
    debit: Decimal | None
    credit: Decimal | None
    project: str | None = None
    cost_center: str | None = None
    party_id: str | None = None
    memo: str | None = None


@dataclass(frozen=True, slots=True)
class EntryContent:
    """What an entry says, whoever made it: checked, but not yet against the chart."""

    kind: JournalKind
    date: date
    narration: str
    reference: str | None
    lines: tuple[JournalLine, ...]


def totals(lines: Iterable[JournalLine]) -> tuple[Decimal, Decimal]:
    debit = credit = ZERO
    for line in lines:
        debit += line.debit
        credit += line.credit
    return debit, credit


def unbalanced(lines: Sequence[JournalLine]) -> Violation | None:
    debit, credit = totals(lines)
    if debit == credit:
        return None
    return Violation(
        "lines",
        "balanced",
        f"debits ({debit:.2f}) must equal credits ({credit:.2f}); they differ by {abs(debit - credit):.2f}",
    )


def validate_content(
    kind: JournalKind, day: date, narration: str, reference: str | None, lines: Sequence[LineInput]
) -> EntryContent:
    """Every rule an entry meets on its own, each broken one named; the balance is checked at posting."""
    found: list[Violation] = []
    if not kind.entered_by_hand:
        found.append(Violation("kind", "kind", f"{kind} entries are posted by Hisab itself; use GENERAL or ADJUSTMENT"))
    found += _text(narration, "narration", MAX_NARRATION, required=True)
    found += _text(reference, "reference", MAX_REFERENCE, required=False)
    if len(lines) < 2:
        found.append(Violation("lines", "min_lines", "an entry has at least two lines"))
    if len(lines) > MAX_LINES:
        found.append(Violation("lines", "max_lines", f"an entry has at most {MAX_LINES} lines"))
    checked = [_line(line, f"lines[{n}]", found) for n, line in enumerate(lines)]
    if found:
        raise InvalidInputError(found)
    return EntryContent(kind, day, narration.strip(), _blank_to_none(reference), tuple(checked))


def _line(line: LineInput, path: str, found: list[Violation]) -> JournalLine:
    debit = _amount(line.debit, f"{path}.debit", found)
    credit = _amount(line.credit, f"{path}.credit", found)
    if debit > ZERO and credit > ZERO:
        found.append(Violation(path, "one_side", "a line is a debit or a credit, not both"))
    elif debit == ZERO and credit == ZERO and not any(v.field.startswith(path) for v in found):
        found.append(Violation(path, "one_side", "a line needs a debit or a credit above zero"))
    for value, name, limit in (
        (line.project, "project", MAX_DIMENSION),
        (line.cost_center, "cost_center", MAX_DIMENSION),
        (line.party_id, "party_id", MAX_DIMENSION),
        (line.memo, "memo", MAX_MEMO),
    ):
        found += _text(value, f"{path}.{name}", limit, required=False)
    return JournalLine(
        line.account_code.strip(),
        debit,
        credit,
        _blank_to_none(line.project),
        _blank_to_none(line.cost_center),
        _blank_to_none(line.party_id),
        _blank_to_none(line.memo),
    )


def _amount(value: Decimal | None, field: str, found: list[Violation]) -> Decimal:
    if value is None:
        return ZERO
    try:
        if not value.is_finite() or value < ZERO:
            found.append(Violation(field, "non_negative", "must be zero or more"))
            return ZERO
    except InvalidOperation:
        found.append(Violation(field, "number", "must be a number"))
        return ZERO
    if decimal_places(value) > 2:
        found.append(Violation(field, "paisa", "at most two decimal places (paisa)"))
        return ZERO
    if value >= AMOUNT_CEILING:
        found.append(Violation(field, "max_amount", f"must be below {AMOUNT_CEILING:,}"))
        return ZERO
    return value.quantize(Decimal("0.01"))


def _text(value: str | None, field: str, limit: int, *, required: bool) -> list[Violation]:
    if value is None or not value.strip():
        return [Violation(field, "required", "must not be blank")] if required else []
    if len(value) > limit:
        return [Violation(field, "max_length", f"must be at most {limit} characters")]
    found = text_violation(value, field, multiline=field == "narration")
    return [found] if found else []


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None
