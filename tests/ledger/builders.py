"""Builders of the ledger's domain objects for its tests: the default chart's books, lines and entries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from hisab.event_store.messages import DomainEvent
from hisab.kernel.fiscal_year import FiscalYear
from hisab.ledger.adapters.chart_file import load_default_chart
from hisab.ledger.domain.books import Books
from hisab.ledger.domain.entries import JournalEntry, posted_event
from hisab.ledger.domain.events import JournalEntryDrafted, JournalEntryReversed
from hisab.ledger.domain.journal import JournalKind, JournalLine

DEFAULT_CHART = load_default_chart()
NOTHING = Decimal("0.00")


def default_books(events: Iterable[DomainEvent] = ()) -> Books:
    """A tenant's books from the default chart, after `events` (none: the chart is not yet adopted)."""
    return Books.from_events(events, DEFAULT_CHART)


def decided(books: Books, events: Sequence[DomainEvent]) -> Sequence[DomainEvent]:
    """Apply a decision's events to `books`, as the application does after storing them."""
    for event in events:
        books.apply(event)
    return events


def debit(code: str, amount: str, **dimensions: str) -> JournalLine:
    return JournalLine(code, Decimal(amount), NOTHING, **dimensions)


def credit(code: str, amount: str, **dimensions: str) -> JournalLine:
    return JournalLine(code, NOTHING, Decimal(amount), **dimensions)


CASH_SALE = (debit("1110", "1150.00"), credit("4100", "1000.00"), credit("2210", "150.00"))


def draft_entry(
    lines: Sequence[JournalLine] = CASH_SALE,
    day: date = date(2026, 11, 5),
    kind: JournalKind = JournalKind.GENERAL,
    entry_id: str = "journal:entry-1",
) -> JournalEntry:
    drafted = JournalEntryDrafted(entry_id, kind, day, "Cash sale at the counter", None, tuple(lines))
    return JournalEntry.from_events(entry_id, [drafted])


def posted_entry(
    lines: Sequence[JournalLine] = CASH_SALE,
    day: date = date(2026, 11, 5),
    kind: JournalKind = JournalKind.GENERAL,
    entry_id: str = "journal:entry-1",
) -> JournalEntry:
    """A posted entry numbered as the first of its kind in its fiscal year."""
    drafted = draft_entry(lines, day, kind, entry_id).content
    posted = posted_event(entry_id, kind, FiscalYear.of(day), 1)
    return JournalEntry.from_events(entry_id, [drafted, posted])


def reversed_entry() -> JournalEntry:
    entry = posted_entry()
    reversal = JournalEntryReversed(entry.entry_id, "journal:entry-2", "typed the wrong amount", date(2026, 11, 20))
    return JournalEntry.from_events(entry.entry_id, [entry.content, entry.posted, reversal])
