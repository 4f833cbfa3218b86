"""The books' events: the tenant's chart, posting accounts and periods (one stream per tenant), and
journal entries (one stream each). Who and when are the events' metadata."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from hisab.event_store.registry import EVENT_TYPES
from hisab.ledger.domain.accounts import AccountType
from hisab.ledger.domain.journal import JournalKind, JournalLine


@dataclass(frozen=True, slots=True)
class AccountRecord:
    code: str
    name: str
    name_bn: str | None
    type: AccountType
    parent_code: str | None
    is_group: bool


@dataclass(frozen=True, slots=True)
class PostingAccount:
    document_type: str
    role: str
    account_code: str


@dataclass(frozen=True, slots=True)
class ChartAdopted:
    """The tenant's books began from a template: its whole chart and posting accounts, copied, so that
    a later edition of the template changes no tenant's books."""

    event_type: ClassVar[str] = "ChartAdopted.v1"

    template: str
    accounts: tuple[AccountRecord, ...]
    posting_accounts: tuple[PostingAccount, ...]


@dataclass(frozen=True, slots=True)
class AccountAdded:
    event_type: ClassVar[str] = "AccountAdded.v1"

    account: AccountRecord


@dataclass(frozen=True, slots=True)
class AccountChanged:
    """An account's names or parent, as they are now (its code and type never change)."""

    event_type: ClassVar[str] = "AccountChanged.v1"

    code: str
    name: str
    name_bn: str | None
    parent_code: str | None


@dataclass(frozen=True, slots=True)
class AccountDeactivated:
    event_type: ClassVar[str] = "AccountDeactivated.v1"

    code: str


@dataclass(frozen=True, slots=True)
class PostingAccountSet:
    event_type: ClassVar[str] = "PostingAccountSet.v1"

    posting: PostingAccount


@dataclass(frozen=True, slots=True)
class PeriodClosed:
    event_type: ClassVar[str] = "PeriodClosed.v1"

    fiscal_year: int
    number: int


@dataclass(frozen=True, slots=True)
class PeriodReopened:
    event_type: ClassVar[str] = "PeriodReopened.v1"

    fiscal_year: int
    number: int
    reason: str


@dataclass(frozen=True, slots=True)
class FiscalYearClosed:
    """Income and expense were moved into Retained Earnings (by `closing_entry_id`, if there was any) and
    every period of the year closed."""

    event_type: ClassVar[str] = "FiscalYearClosed.v1"

    fiscal_year: int
    closing_entry_id: str | None


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """The document an automatic entry was posted from, as the ledger names it."""

    document_type: str
    document_id: str
    document_number: str | None


@dataclass(frozen=True, slots=True)
class JournalEntryDrafted:
    """What the entry says. Automatic entries are drafted and posted in one transaction."""

    event_type: ClassVar[str] = "JournalEntryDrafted.v1"

    entry_id: str
    kind: JournalKind
    entry_date: date
    narration: str
    reference: str | None
    lines: tuple[JournalLine, ...]
    source: SourceDocument | None = None
    reverses: str | None = None
    reversal_reason: str | None = None


@dataclass(frozen=True, slots=True)
class JournalEntryPosted:
    event_type: ClassVar[str] = "JournalEntryPosted.v1"

    entry_id: str
    number: str
    serial: int
    fiscal_year: int


@dataclass(frozen=True, slots=True)
class JournalEntryReversed:
    """The entry is undone by `reversed_by`, its mirror dated `reversal_date`, posted in the same transaction."""

    event_type: ClassVar[str] = "JournalEntryReversed.v1"

    entry_id: str
    reversed_by: str
    reason: str
    reversal_date: date


BOOKS_EVENTS = (
    ChartAdopted,
    AccountAdded,
    AccountChanged,
    AccountDeactivated,
    PostingAccountSet,
    PeriodClosed,
    PeriodReopened,
    FiscalYearClosed,
)
JOURNAL_EVENTS = (JournalEntryDrafted, JournalEntryPosted, JournalEntryReversed)

EVENT_TYPES.register((*BOOKS_EVENTS, *JOURNAL_EVENTS))
