"""A customer's statement: what it owed before the period, every document of the period, what it owes after.

Invoices, debit notes and undone receipts (a bounced cheque, a reversal) are debits; credit notes,
money allocated, tax withheld, write-offs and cancellations are credits. The balance runs from the
opening, and the closing is the opening plus the debits less the credits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from hisab.kernel.errors import InvalidInputError
from hisab.kernel.money import ZERO


class EntryKind(StrEnum):
    INVOICE = "INVOICE"
    DEBIT_NOTE = "DEBIT_NOTE"
    CREDIT_NOTE = "CREDIT_NOTE"
    CANCELLATION = "CANCELLATION"
    RECEIPT = "RECEIPT"
    ADVANCE_APPLIED = "ADVANCE_APPLIED"
    VDS = "VDS"
    AIT = "AIT"
    WRITE_OFF = "WRITE_OFF"
    BOUNCE = "BOUNCE"
    REVERSAL = "REVERSAL"


DEBITS = frozenset({EntryKind.INVOICE, EntryKind.DEBIT_NOTE, EntryKind.BOUNCE, EntryKind.REVERSAL})
# Within a day an invoice comes before what adjusts or settles it, and a bounce after what it undoes.
_ORDER = {kind: n for n, kind in enumerate(EntryKind)}


@dataclass(frozen=True, slots=True)
class StatementEntry:
    on: date
    kind: EntryKind
    # The document's own number: the Mushak-6.3, -6.7 or -6.8 serial, or the receipt's.
    document: str
    # The invoice it is about (for an invoice, its own number); None for an undone receipt, which may settle several.
    invoice_number: str | None
    # Positive: the kind says which side it stands on.
    amount: Decimal

    @property
    def debit(self) -> Decimal:
        return self.amount if self.kind in DEBITS else ZERO

    @property
    def credit(self) -> Decimal:
        return ZERO if self.kind in DEBITS else self.amount


@dataclass(frozen=True, slots=True)
class StatementLine:
    """A document of the period, with what the customer owed after it."""

    entry: StatementEntry
    balance: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement:
    """What the customer owed before `from_day`, each document up to `to_day`, and what it owed then."""

    lines: tuple[StatementLine, ...]
    opening: Decimal
    from_day: date
    to_day: date
    # Money received and not yet allocated on `to_day`: the customer's advance, outside the balance.
    unapplied_advance: Decimal

    @property
    def debits(self) -> Decimal:
        return sum((line.entry.debit for line in self.lines), ZERO)

    @property
    def credits(self) -> Decimal:
        return sum((line.entry.credit for line in self.lines), ZERO)

    @property
    def closing(self) -> Decimal:
        return self.opening + self.debits - self.credits


def check_period(from_day: date, to_day: date) -> None:
    if from_day > to_day:
        raise InvalidInputError.single("from", "after_to", f"the period starts {from_day}, after its end {to_day}")


def build_statement(
    entries: Iterable[StatementEntry], from_day: date, to_day: date, unapplied_advance: Decimal
) -> Statement:
    """Entries before `from_day` make the opening balance; those up to `to_day` are the lines, in order."""
    check_period(from_day, to_day)
    ordered = sorted(entries, key=lambda e: (e.on, _ORDER[e.kind], e.invoice_number or "", e.document))
    opening = sum((e.debit - e.credit for e in ordered if e.on < from_day), ZERO)
    balance, lines = opening, []
    for entry in ordered:
        if from_day <= entry.on <= to_day:
            balance += entry.debit - entry.credit
            lines.append(StatementLine(entry, balance))
    return Statement(
        lines=tuple(lines), opening=opening, from_day=from_day, to_day=to_day, unapplied_advance=unapplied_advance
    )
