"""Journal entries by hand: draft, post (by a second person), reverse; and reading them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.kernel.cursors import SequenceCursors
from hisab.kernel.errors import InvalidInputError, NotFoundError
from hisab.kernel.fiscal_year import FiscalYear
from hisab.kernel.handler_telemetry import traced_handler
from hisab.kernel.text import is_clean_identifier, text_violations
from hisab.ledger.application.books import books_within
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.application.ports import EntryFilter, EntryPage
from hisab.ledger.application.views import JournalEntryView, project_entry
from hisab.ledger.domain.entries import (
    ENTRY_STREAM_PREFIX,
    JournalEntry,
    check_reversible,
    draft_event,
    ensure_postable,
    posted_event,
)
from hisab.ledger.domain.events import JournalEntryReversed
from hisab.ledger.domain.invoice_postings import posting_entry_id
from hisab.ledger.domain.journal import JournalKind, LineInput, number_series, validate_content

NOUN = "journal entry"
MAX_PAGE_SIZE = 100
_CURSORS = SequenceCursors("journal:")


@dataclass(frozen=True, slots=True)
class CreateJournalEntry:
    entry_date: date
    kind: JournalKind
    narration: str
    reference: str | None
    lines: tuple[LineInput, ...]


@dataclass(frozen=True, slots=True)
class PostJournalEntry:
    entry_id: str
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class ReverseJournalEntry:
    entry_id: str
    reversal_date: date
    reason: str


def _entry_id(view: JournalEntryView) -> str:
    return view.entry_id


def _named(command: PostJournalEntry | ReverseJournalEntry) -> str:
    return command.entry_id


@traced_handler("create_journal_entry", "journal_entry", found_in=_entry_id)
async def create_journal_entry(command: CreateJournalEntry, actor: Actor, ledger: Ledger) -> JournalEntryView:
    content = validate_content(command.kind, command.entry_date, command.narration, command.reference, command.lines)
    entry_id = f"{ENTRY_STREAM_PREFIX}{ledger.new_id()}"

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        books = await books_within(transaction, actor.tenant_id, ledger.template)
        return [draft_event(entry_id, content, books)]

    recorded = await ledger.streams.start(actor, lambda: entry_id, decide)
    return project_entry(recorded.stream)


@traced_handler("post_journal_entry", "journal_entry", named_by=_named, found_in=_entry_id)
async def post_journal_entry(command: PostJournalEntry, actor: Actor, ledger: Ledger) -> JournalEntryView:
    _ensure_plausible(command.entry_id)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        entry = JournalEntry.from_events(command.entry_id, (s.event for s in history))
        # Shared with every other posting, exclusive of closing: the period read next stays as read.
        await ledger.tables.share(transaction.tables, actor.tenant_id)
        books = await books_within(transaction, actor.tenant_id, ledger.template)
        ensure_postable(entry, books, actor.user_id, history[0].metadata.user_id)
        content = entry.content
        fiscal_year = FiscalYear.of(content.entry_date)
        serial = await transaction.counters.next_value(actor.tenant_id, number_series(content.kind, fiscal_year))
        return [posted_event(command.entry_id, content.kind, fiscal_year, serial)]

    recorded = await ledger.streams.change(
        actor, command.entry_id, decide, noun=NOUN, expected_version=command.expected_version
    )
    return project_entry(recorded.stream)


@traced_handler("reverse_journal_entry", "journal_entry", named_by=_named, found_in=_entry_id)
async def reverse_journal_entry(command: ReverseJournalEntry, actor: Actor, ledger: Ledger) -> JournalEntryView:
    """Mark the entry reversed; the ledger's postings record its mirror in the same transaction."""
    _ensure_plausible(command.entry_id)
    reversal_id = reversal_entry_id(actor.tenant_id, command.entry_id)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        entry = JournalEntry.from_events(command.entry_id, (s.event for s in history))
        check_reversible(entry, command.reversal_date, command.reason)
        return [JournalEntryReversed(command.entry_id, reversal_id, command.reason.strip(), command.reversal_date)]

    await ledger.streams.change(actor, command.entry_id, decide, noun=NOUN)
    reversal = await ledger.queries.entry(actor.tenant_id, reversal_id)
    assert reversal is not None, "the reversal is posted in the transaction that marks the entry reversed"
    return reversal


def reversal_entry_id(tenant_id: str, entry_id: str) -> str:
    return posting_entry_id(tenant_id, "JOURNAL", entry_id, "reversal")


async def get_journal_entry(entry_id: str, actor: Actor, ledger: Ledger) -> JournalEntryView | None:
    if not is_clean_identifier(entry_id):
        return None
    return await ledger.queries.entry(actor.tenant_id, entry_id)


async def list_journal_entries(
    where: EntryFilter, first: int, after: str | None, actor: Actor, ledger: Ledger
) -> EntryPage:
    ensure_clean_filter(where.texts())
    position = _CURSORS.decode(after) if after else None
    return await ledger.queries.entries(actor.tenant_id, where, max(0, min(first, MAX_PAGE_SIZE)), position)


def ensure_clean_filter(texts: dict[str, str | None]) -> None:
    """A filter's text holds what a stored value could: a NUL matches nothing and PostgreSQL refuses it."""
    if found := text_violations({f"filter.{name}": text for name, text in texts.items()}):
        raise InvalidInputError(found)


def entry_cursor(view: JournalEntryView) -> str:
    return _CURSORS.encode(view.sequence)


def _ensure_plausible(entry_id: str) -> None:
    if not is_clean_identifier(entry_id) or not entry_id.startswith(ENTRY_STREAM_PREFIX):
        raise NotFoundError(f"journal entry {entry_id} not found")
