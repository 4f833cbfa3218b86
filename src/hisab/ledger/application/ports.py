"""What the books need from storage: their read models' queries, and a few reads and locks inside a
command's transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol, TypeVar

from hisab.ledger.application.views import JournalEntryView
from hisab.ledger.domain.entries import EntryStatus
from hisab.ledger.domain.journal import JournalKind

S_contra = TypeVar("S_contra", contravariant=True)


@dataclass(frozen=True, slots=True)
class Movement:
    """An account's debits and credits summed over some days."""

    debit: Decimal
    credit: Decimal

    @property
    def net_debit(self) -> Decimal:
        return self.debit - self.credit


@dataclass(frozen=True, slots=True)
class EntryFilter:
    kind: JournalKind | None = None
    status: EntryStatus | None = None
    from_day: date | None = None
    to_day: date | None = None
    account_code: str | None = None
    project: str | None = None
    party_id: str | None = None

    def texts(self) -> dict[str, str | None]:
        """The free-text conditions, by field, for the checks every text a caller sends meets."""
        return {"account_code": self.account_code, "project": self.project, "party_id": self.party_id}


@dataclass(frozen=True, slots=True)
class EntryPage:
    entries: Sequence[JournalEntryView]
    has_next_page: bool


@dataclass(frozen=True, slots=True, order=True)
class LedgerKey:
    """Where a line stands in an account's ledger: by date, then the order entries were posted in."""

    entry_date: date
    posted_position: int
    line_number: int


@dataclass(frozen=True, slots=True)
class LedgerRow:
    key: LedgerKey
    entry_id: str
    entry_number: str
    narration: str
    debit: Decimal
    credit: Decimal
    project: str | None
    cost_center: str | None
    party_id: str | None
    memo: str | None


@dataclass(frozen=True, slots=True)
class BalanceQuery:
    """Movements summed over `since` (inclusive, None: from the beginning) through `through`."""

    through: date
    since: date | None = None
    project: str | None = None
    # Leave out closing entries: an income statement shows the year's income, not its closing.
    without_closing: bool = False
    codes: frozenset[str] | None = None


class LedgerQueries(Protocol):
    async def entry(self, tenant_id: str, entry_id: str) -> JournalEntryView | None: ...

    async def entries_by_id(self, tenant_id: str, entry_ids: Sequence[str]) -> Mapping[str, JournalEntryView]: ...

    async def entries(self, tenant_id: str, where: EntryFilter, first: int, after: int | None) -> EntryPage:
        """Newest first (by drafting), after the entry of sequence `after`."""

    async def entries_for_document(
        self, tenant_id: str, document_ids: Sequence[str]
    ) -> Mapping[str, list[JournalEntryView]]:
        """The posted entries of each document, oldest first."""

    async def movements(self, tenant_id: str, query: BalanceQuery) -> Mapping[str, Movement]:
        """Per leaf account with any movement in the days asked."""

    async def ledger(
        self, tenant_id: str, code: str, from_day: date, to_day: date, after: LedgerKey | None, limit: int
    ) -> Sequence[LedgerRow]:
        """The account's posted lines dated from_day..to_day in ledger order, after `after`."""

    async def posted_count(self, tenant_id: str, from_day: date, to_day: date, kind: JournalKind | None) -> int: ...


class BooksTables(Protocol[S_contra]):
    """Inside a command's transaction: the lock that keeps posting and closing apart, and balances.

    Posting holds it shared, so postings never wait for each other; closing a period (or a year)
    and deactivating an account hold it alone, so they wait for postings in flight and postings
    wait for them, and whichever commits second sees what the first did.
    """

    async def share(self, tables: S_contra, tenant_id: str) -> None: ...

    async def hold(self, tables: S_contra, tenant_id: str) -> None: ...

    async def movements(self, tables: S_contra, tenant_id: str, query: BalanceQuery) -> Mapping[str, Movement]: ...
