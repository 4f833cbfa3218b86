"""Bank reconciliation: importing a statement, matching its credit lines to receipts, and undoing a match.

Matching holds the statement's stream, then each receipt it may match (EventStore.hold on
`reconcile:<receipt id>`, in the order of their ids, so two commands never wait for each other),
and only then reads which receipts are already matched: a receipt matched on one statement is
refused on every other. Importing holds the statement's digest the same way, so the same
statement imported twice at once is stored once.

Which receipts a statement's lines may match: standing receipts (not bounced or reversed) whose
deposit account is the statement's account, and, on a statement imported as the tenant's default
bank account, the bank transfers, cheques and card payments recorded with no deposit account (the
books post those to the default bank account, RECEIPT/BANK).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.kernel.errors import InvalidInputError, NotFoundError
from hisab.kernel.money import ZERO
from hisab.receivables.domain.bank_statements import (
    DATE_WINDOW_DAYS,
    BankStatement,
    BankStatementImported,
    MatchMethod,
    ProposedMatch,
    ReceiptCandidate,
    StatementFormat,
    StatementLine,
    StatementLineMatched,
    digest_hold_key,
    line_id_of,
    propose_matches,
    receipt_hold_key,
    statement_id_of,
)
from hisab.receivables.domain.statement_files import ParsedStatement, read_statement

if TYPE_CHECKING:
    # Receivables names this module's ports: imported for the annotations only.
    from hisab.receivables.application.dependencies import Receivables

S_contra = TypeVar("S_contra", contravariant=True)
NOUN = "bank statement"
_ACCOUNT_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,19}")
REFERENCE_REACH_DAYS = 31
# A line's keyset key: its statement's sequence, then its place (a statement has fewer lines than this).
LINE_SEQUENCE_SPAN = 1_000_000


@dataclass(frozen=True, slots=True)
class StatementView:
    tenant_id: str
    statement_id: str
    sequence: int
    account_code: str
    default_bank: bool
    source_format: StatementFormat
    digest: str
    period_from: date
    period_to: date
    opening_balance: Decimal | None
    closing_balance: Decimal | None
    line_count: int
    matched_count: int
    credit_total: Decimal
    debit_total: Decimal
    imported_by: str
    imported_at: datetime
    version: int


@dataclass(frozen=True, slots=True)
class LineView:
    tenant_id: str
    line_id: str
    statement_id: str
    sequence: int
    booked_on: date
    amount: Decimal
    reference: str | None
    description: str
    balance: Decimal | None
    receipt_id: str | None
    how: MatchMethod | None

    @property
    def matched(self) -> bool:
        return self.receipt_id is not None


@dataclass(frozen=True, slots=True)
class LineFilter:
    statement_id: str | None = None
    matched: bool | None = None


@dataclass(frozen=True, slots=True)
class StatementPage:
    statements: list[StatementView]
    has_next_page: bool
    total_count: int


@dataclass(frozen=True, slots=True)
class LinePage:
    lines: list[LineView]
    has_next_page: bool
    total_count: int


@dataclass(frozen=True, slots=True)
class StandingReceipt:
    """A receipt as matching sees it: whether it may match, and the line it is matched to if any."""

    candidate: ReceiptCandidate
    deposit_account_code: str | None
    matched_line_id: str | None


class BankStatementTables(Protocol[S_contra]):
    """The statements and receipts as a command's own transaction sees them."""

    async def statement_with_digest(self, tables: S_contra, tenant_id: str, digest: str) -> str | None: ...

    async def standing_receipts(
        self, tables: S_contra, tenant_id: str, account_code: str, default_bank: bool, date_from: date, date_to: date
    ) -> list[StandingReceipt]:
        """Receipts not bounced or reversed, dated in the range, that went to the account (see the module)."""

    async def standing_receipt(self, tables: S_contra, tenant_id: str, receipt_id: str) -> StandingReceipt | None:
        """The receipt, if it exists and is neither bounced nor reversed."""


class BankStatementQueries(Protocol):
    async def statement(self, tenant_id: str, statement_id: str) -> StatementView | None: ...

    async def statements(self, tenant_id: str, first: int, after: int | None) -> StatementPage:
        """Newest first (by `sequence`), strictly before the given sequence when one is given."""

    async def lines(self, tenant_id: str, filter: LineFilter, first: int, after: int | None) -> LinePage:
        """Oldest statement first, each in its own order (by `sequence`), strictly after the given one."""

    async def lines_of_receipts(self, tenant_id: str, receipt_ids: Sequence[str]) -> dict[str, LineView]:
        """The line each of these receipts is matched to, for those matched."""


@dataclass(frozen=True, slots=True)
class ImportStatement:
    account_code: str
    content: bytes
    source_format: StatementFormat | None = None
    default_bank: bool = False


@dataclass(frozen=True, slots=True)
class AutoMatched:
    statement: StatementView
    matched: list[LineView]


def project_statement(stored: Sequence[StoredEvent]) -> tuple[StatementView, list[LineView]]:
    """The statement and its lines as its events tell them."""
    first = stored[0]
    statement = BankStatement.from_events(first.stream_id, (s.event for s in stored))
    imported = statement.imported
    assert imported is not None
    tenant_id = first.metadata.tenant_id
    matched_how = {
        s.event.line_id: MatchMethod(s.event.how) for s in stored if isinstance(s.event, StatementLineMatched)
    }
    lines = [
        LineView(
            tenant_id=tenant_id,
            line_id=line.line_id,
            statement_id=statement.statement_id,
            sequence=first.position * LINE_SEQUENCE_SPAN + position,
            booked_on=line.booked_on,
            amount=line.amount,
            reference=line.reference,
            description=line.description,
            balance=line.balance,
            receipt_id=statement.matches.get(line.line_id),
            how=matched_how[line.line_id] if line.line_id in statement.matches else None,
        )
        for position, line in enumerate(imported.lines, start=1)
    ]
    view = StatementView(
        tenant_id=tenant_id,
        statement_id=statement.statement_id,
        sequence=first.position,
        account_code=imported.account_code,
        default_bank=imported.default_bank,
        source_format=StatementFormat(imported.source_format),
        digest=imported.digest,
        period_from=imported.period_from,
        period_to=imported.period_to,
        opening_balance=imported.opening_balance,
        closing_balance=imported.closing_balance,
        line_count=len(lines),
        matched_count=len(statement.matches),
        credit_total=sum((line.amount for line in imported.lines if line.amount > 0), ZERO),
        debit_total=-sum((line.amount for line in imported.lines if line.amount < 0), ZERO),
        imported_by=first.metadata.user_id,
        imported_at=first.metadata.occurred_at,
        version=statement.version,
    )
    return view, lines


def statement_digest(account_code: str, parsed: ParsedStatement) -> str:
    """Of what the statement says, not of the file: the same statement exported again is still the same."""
    digest = hashlib.sha256(account_code.encode())
    for line in parsed.lines:
        digest.update(f"\n{line.booked_on}|{line.amount}|{line.reference or ''}|{line.description}".encode())
    return digest.hexdigest()


async def import_statement(command: ImportStatement, actor: Actor, receivables: Receivables) -> StatementView:
    if not _ACCOUNT_CODE.fullmatch(command.account_code):
        raise InvalidInputError.single("account", "account_code", "name the ledger account of the bank, e.g. 1121")
    parsed = read_statement(command.content, command.source_format)
    digest = statement_digest(command.account_code, parsed)
    statement_id = receivables.new_id()
    lines = tuple(
        StatementLine(line_id_of(statement_id, n), p.booked_on, p.amount, p.reference, p.description, p.balance)
        for n, p in enumerate(parsed.lines, start=1)
    )
    dates = [line.booked_on for line in lines]

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        await transaction.events.hold(actor.tenant_id, digest_hold_key(digest))
        existing = await receivables.bank_tables.statement_with_digest(transaction.tables, actor.tenant_id, digest)
        if existing is not None:
            message = f"this statement of account {command.account_code} is already imported, as {existing}"
            raise InvalidInputError.single("file", "duplicate_statement", message)
        return [
            BankStatementImported(
                statement_id,
                command.account_code,
                command.default_bank,
                parsed.source_format.value,
                digest,
                min(dates),
                max(dates),
                parsed.opening_balance,
                parsed.closing_balance,
                lines,
            )
        ]

    recorded = await receivables.streams.start(actor, lambda: statement_id, decide)
    return project_statement(recorded.stream)[0]


async def auto_match(statement_id: str, actor: Actor, receivables: Receivables) -> AutoMatched:
    """Match what the rules can of the statement's unmatched credit lines; the rest is left as it was."""

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        statement = BankStatement.from_events(statement_id, (s.event for s in history))
        imported = statement.imported
        assert imported is not None
        # The reference rule takes any date: it looks a month further either side than the date rule.
        reach = timedelta(days=DATE_WINDOW_DAYS + REFERENCE_REACH_DAYS)

        async def standing() -> list[StandingReceipt]:
            return await receivables.bank_tables.standing_receipts(
                transaction.tables, actor.tenant_id, imported.account_code, imported.default_bank,
                imported.period_from - reach, imported.period_to + reach,
            )  # fmt: skip

        found = await standing()
        for receipt_id in sorted(r.candidate.receipt_id for r in found):
            await transaction.events.hold(actor.tenant_id, receipt_hold_key(receipt_id))
        # Read again now that they are held: a match committed meanwhile is seen.
        held = await standing()
        names = {r.candidate.receipt_id for r in found}
        free = [r.candidate for r in held if r.matched_line_id is None and r.candidate.receipt_id in names]
        proposed: list[ProposedMatch] = propose_matches(statement.unmatched_credits(), free)
        return [statement.match(p.line_id, p.receipt_id, p.how) for p in proposed]

    recorded = await receivables.streams.change(actor, statement_id, decide, noun=NOUN, exclusive=True)
    view, lines = project_statement(recorded.stream)
    new = {e.event.line_id for e in recorded.new if isinstance(e.event, StatementLineMatched)}
    return AutoMatched(view, [line for line in lines if line.line_id in new])


async def match_statement_line(line_id: str, receipt_id: str, actor: Actor, receivables: Receivables) -> LineView:
    statement_id = _statement_of(line_id)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        statement = BankStatement.from_events(statement_id, (s.event for s in history))
        assert statement.imported is not None
        # The line's own rules first: a debit, or a line matched already, is refused whatever the receipt.
        matched = statement.match(line_id, receipt_id, MatchMethod.MANUAL)
        await transaction.events.hold(actor.tenant_id, receipt_hold_key(receipt_id))
        receipt = await receivables.bank_tables.standing_receipt(transaction.tables, actor.tenant_id, receipt_id)
        if receipt is None:
            raise NotFoundError(f"no standing receipt {receipt_id} (a bounced or reversed one matches nothing)")
        account = receipt.deposit_account_code
        if account is not None and account != statement.imported.account_code:
            message = (
                f"receipt {receipt_id} went to account {account}, not to {statement.imported.account_code}, "
                "the statement's"
            )
            raise InvalidInputError.single("receipt_id", "deposit_account", message)
        if receipt.matched_line_id is not None:
            message = f"receipt {receipt_id} is already matched to statement line {receipt.matched_line_id}"
            raise InvalidInputError.single("receipt_id", "already_matched", message)
        return [matched]

    return await _changed_line(line_id, decide, actor, receivables)


async def unmatch_statement_line(line_id: str, actor: Actor, receivables: Receivables) -> LineView:
    statement_id = _statement_of(line_id)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        statement = BankStatement.from_events(statement_id, (s.event for s in history))
        return [statement.unmatch(line_id)]

    return await _changed_line(line_id, decide, actor, receivables)


async def get_statement(statement_id: str, actor: Actor, receivables: Receivables) -> StatementView:
    view = await receivables.bank.statement(actor.tenant_id, statement_id)
    if view is None:
        raise NotFoundError(f"bank statement {statement_id} not found")
    return view


async def _changed_line(line_id: str, decide: Any, actor: Actor, receivables: Receivables) -> LineView:
    recorded = await receivables.streams.change(actor, _statement_of(line_id), decide, noun=NOUN, exclusive=True)
    return next(line for line in project_statement(recorded.stream)[1] if line.line_id == line_id)


def _statement_of(line_id: str) -> str:
    statement_id = statement_id_of(line_id)
    if not statement_id:
        raise NotFoundError(f"statement line {line_id} not found")
    return statement_id
