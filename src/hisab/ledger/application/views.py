"""What the books' queries answer: journal entries as read models hold them, and the chart's accounts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from hisab.event_store.messages import StoredEvent
from hisab.kernel.fiscal_year import FiscalYear
from hisab.ledger.domain.entries import EntryStatus, JournalEntry
from hisab.ledger.domain.events import JOURNAL_EVENTS, JournalEntryDrafted, JournalEntryPosted, SourceDocument
from hisab.ledger.domain.journal import JournalKind, JournalLine, totals
from hisab.ledger.domain.periods import FiscalPeriod

ENTRY_EVENTS = frozenset(JOURNAL_EVENTS)


@dataclass(frozen=True, slots=True)
class JournalEntryView:
    entry_id: str
    # The drafting event's position: newest-first pages order by it.
    sequence: int
    number: str | None
    kind: JournalKind
    status: EntryStatus
    entry_date: date
    narration: str
    reference: str | None
    lines: tuple[JournalLine, ...]
    total: Decimal
    source: SourceDocument | None
    reverses: str | None
    reversed_by: str | None
    reversal_reason: str | None
    created_by: str
    created_at: datetime
    posted_by: str | None
    posted_at: datetime | None
    # The posting event's position: an account's ledger orders a day's lines by it.
    posted_position: int | None
    version: int

    @property
    def fiscal_year(self) -> FiscalYear:
        return FiscalYear.of(self.entry_date)

    @property
    def period(self) -> FiscalPeriod:
        return FiscalPeriod.of(self.entry_date)


def project_entry(stream: Sequence[StoredEvent]) -> JournalEntryView:
    """An entry's view from its whole stream."""
    entry = JournalEntry.from_events(stream[0].stream_id, (s.event for s in stream))
    drafted = next(s for s in stream if isinstance(s.event, JournalEntryDrafted))
    posted = next((s for s in stream if isinstance(s.event, JournalEntryPosted)), None)
    content = entry.content
    reversal = entry.reversed
    return JournalEntryView(
        entry.entry_id,
        drafted.position,
        entry.posted.number if entry.posted else None,
        content.kind,
        entry.status,
        content.entry_date,
        content.narration,
        content.reference,
        content.lines,
        totals(content.lines)[0],
        content.source,
        content.reverses,
        reversal.reversed_by if reversal else None,
        reversal.reason if reversal else content.reversal_reason,
        drafted.metadata.user_id,
        drafted.metadata.occurred_at,
        posted.metadata.user_id if posted else None,
        posted.metadata.occurred_at if posted else None,
        posted.position if posted else None,
        entry.version,
    )
