"""A bank statement: the lines a bank reported for one of the tenant's bank accounts, and the receipts they match.

A statement is a stream of its own. Its lines are fixed when it is imported; what changes is which
receipt each credit line is matched to. A line is matched to at most one receipt and a receipt to
at most one line (across every statement: the application holds the receipt while it checks).

The automatic rules (`propose_matches`) are pure: a credit line matches a receipt of exactly its
amount whose reference (its own reference, cheque number, wallet transaction id or receipt number)
appears in the line's reference or description, whatever the dates (AUTO_REFERENCE); failing that,
a receipt of exactly its amount dated within three days of the line (AUTO_AMOUNT_DATE). Where two
receipts fit a line equally well the line is left for a person to decide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from hisab.event_store.messages import DomainEvent
from hisab.event_store.registry import EVENT_TYPES
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError, NotFoundError

# A cleared transfer or cheque is booked by the bank a few days either side of the receipt's date.
DATE_WINDOW_DAYS = 3
# Shorter references ("12", "A1") are found by chance in any narration.
MIN_REFERENCE_LENGTH = 4


class MatchMethod(StrEnum):
    AUTO_AMOUNT_DATE = "AUTO_AMOUNT_DATE"
    AUTO_REFERENCE = "AUTO_REFERENCE"
    MANUAL = "MANUAL"


class StatementFormat(StrEnum):
    DBBL_CSV = "DBBL_CSV"
    BRAC_CSV = "BRAC_CSV"
    CAMT053 = "CAMT053"


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One booking on the account. Credits (money in) are positive, debits negative."""

    line_id: str
    booked_on: date
    amount: Decimal
    reference: str | None
    description: str
    # The running balance after it, when the bank reports one.
    balance: Decimal | None


@dataclass(frozen=True, slots=True)
class BankStatementImported:
    event_type: ClassVar[str] = "BankStatementImported.v1"

    statement_id: str
    # The ledger account the bank account is kept in (e.g. 1121).
    account_code: str
    # Receipts recorded without a deposit account count as deposited to this account.
    default_bank: bool
    source_format: str
    # Of the account and every line: the same statement imported again is refused.
    digest: str
    period_from: date
    period_to: date
    opening_balance: Decimal | None
    closing_balance: Decimal | None
    lines: tuple[StatementLine, ...]


@dataclass(frozen=True, slots=True)
class StatementLineMatched:
    event_type: ClassVar[str] = "StatementLineMatched.v1"

    statement_id: str
    line_id: str
    receipt_id: str
    how: str


@dataclass(frozen=True, slots=True)
class StatementLineUnmatched:
    event_type: ClassVar[str] = "StatementLineUnmatched.v1"

    statement_id: str
    line_id: str
    receipt_id: str


BANK_STATEMENT_EVENT_TYPES = (BankStatementImported, StatementLineMatched, StatementLineUnmatched)
EVENT_TYPES.register(BANK_STATEMENT_EVENT_TYPES)


def line_id_of(statement_id: str, position: int) -> str:
    return f"{statement_id}:{position}"


def statement_id_of(line_id: str) -> str:
    """The statement a line id names (empty when it names none)."""
    return line_id.rpartition(":")[0]


def receipt_hold_key(receipt_id: str) -> str:
    """What a command holds while it decides whether a receipt is still free to match."""
    return f"reconcile:{receipt_id}"


def digest_hold_key(digest: str) -> str:
    return f"bank-statement:{digest}"


@dataclass
class BankStatement:
    statement_id: str
    imported: BankStatementImported | None = None
    # Each matched line and the receipt it is matched to.
    matches: dict[str, str] = field(default_factory=dict)
    version: int = 0

    @classmethod
    def from_events(cls, statement_id: str, events: Iterable[DomainEvent]) -> BankStatement:
        statement = cls(statement_id)
        for event in events:
            statement.apply(event)
        return statement

    def apply(self, event: DomainEvent) -> None:
        if isinstance(event, BankStatementImported):
            self.imported = event
        elif isinstance(event, StatementLineMatched):
            self.matches[event.line_id] = event.receipt_id
        elif isinstance(event, StatementLineUnmatched):
            self.matches.pop(event.line_id, None)
        self.version += 1

    @property
    def lines(self) -> tuple[StatementLine, ...]:
        return self.imported.lines if self.imported is not None else ()

    def line(self, line_id: str) -> StatementLine:
        found = next((line for line in self.lines if line.line_id == line_id), None)
        if found is None:
            raise NotFoundError(f"statement line {line_id} not found")
        return found

    def match(self, line_id: str, receipt_id: str, how: MatchMethod) -> StatementLineMatched:
        line = self.line(line_id)
        if line.amount <= 0:
            raise InvalidInputError.single(
                "line_id", "credit_line", f"line {line_id} is money out of the account; only credits match receipts"
            )
        matched = self.matches.get(line_id)
        if matched is not None:
            raise IllegalTransitionError(f"line {line_id} is already matched to receipt {matched}; unmatch it first")
        return StatementLineMatched(self.statement_id, line_id, receipt_id, how.value)

    def unmatch(self, line_id: str) -> StatementLineUnmatched:
        self.line(line_id)
        matched = self.matches.get(line_id)
        if matched is None:
            raise IllegalTransitionError(f"line {line_id} is not matched")
        return StatementLineUnmatched(self.statement_id, line_id, matched)

    def unmatched_credits(self) -> list[StatementLine]:
        return [line for line in self.lines if line.amount > 0 and line.line_id not in self.matches]


@dataclass(frozen=True, slots=True)
class ReceiptCandidate:
    """A standing receipt that may match a line: what the rules compare."""

    receipt_id: str
    receipt_date: date
    amount: Decimal
    # The receipt's reference, cheque number, wallet transaction id and number, those it has.
    references: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProposedMatch:
    line_id: str
    receipt_id: str
    how: MatchMethod


def propose_matches(lines: Sequence[StatementLine], candidates: Sequence[ReceiptCandidate]) -> list[ProposedMatch]:
    """Each line to at most one receipt and each receipt to at most one line: by reference first, then by date."""
    taken: set[str] = set()
    proposed: list[ProposedMatch] = []
    for how, fits in ((MatchMethod.AUTO_REFERENCE, _reference_fits), (MatchMethod.AUTO_AMOUNT_DATE, _date_fits)):
        matched_lines = {p.line_id for p in proposed}
        for line in lines:
            if line.amount <= 0 or line.line_id in matched_lines:
                continue
            scored = [
                (score, c.receipt_id)
                for c in candidates
                if c.receipt_id not in taken and c.amount == line.amount
                for score in [fits(line, c)]
                if score is not None
            ]
            chosen = _best(scored)
            if chosen is not None:
                taken.add(chosen)
                proposed.append(ProposedMatch(line.line_id, chosen, how))
    return proposed


def _best(scored: list[tuple[int, str]]) -> str | None:
    """The candidate with the lowest score, unless another has the same: then a person decides."""
    if not scored:
        return None
    scored.sort()
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]


def _reference_fits(line: StatementLine, candidate: ReceiptCandidate) -> int | None:
    text = tokens(f"{line.reference or ''} {line.description}")
    for reference in candidate.references:
        wanted = tokens(reference)
        if len("".join(wanted)) >= MIN_REFERENCE_LENGTH and _contains(text, wanted):
            return 0
    return None


def _date_fits(line: StatementLine, candidate: ReceiptCandidate) -> int | None:
    days = abs((line.booked_on - candidate.receipt_date).days)
    return days if days <= DATE_WINDOW_DAYS else None


def tokens(text: str) -> list[str]:
    """Letters and digits in runs, upper case; a number loses its leading zeros (banks pad cheque numbers)."""
    return [t.lstrip("0") or "0" if t.isdigit() else t for t in re.findall(r"[A-Z0-9]+", text.upper())]


def _contains(text: list[str], wanted: list[str]) -> bool:
    size = len(wanted)
    return size > 0 and any(text[i : i + size] == wanted for i in range(len(text) - size + 1))
