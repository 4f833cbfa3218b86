"""One journal entry's life, folded from its events, and the decisions on it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from hisab.kernel.errors import IllegalTransitionError, InvalidInputError, SegregationOfDutiesError
from hisab.kernel.fiscal_year import FiscalYear
from hisab.kernel.text import text_violation
from hisab.ledger.domain.books import Books
from hisab.ledger.domain.events import (
    JournalEntryDrafted,
    JournalEntryPosted,
    JournalEntryReversed,
    SourceDocument,
)
from hisab.ledger.domain.journal import EntryContent, JournalKind, JournalLine, entry_number, unbalanced

ENTRY_STREAM_PREFIX = "journal:"
MAX_REASON = 500


class EntryStatus(StrEnum):
    DRAFT = "DRAFT"
    POSTED = "POSTED"
    REVERSED = "REVERSED"


@dataclass
class JournalEntry:
    entry_id: str
    drafted: JournalEntryDrafted | None = None
    posted: JournalEntryPosted | None = None
    reversed: JournalEntryReversed | None = None
    version: int = 0

    @classmethod
    def from_events(cls, entry_id: str, events: Iterable[object]) -> JournalEntry:
        entry = cls(entry_id)
        for event in events:
            match event:
                case JournalEntryDrafted():
                    entry.drafted = event
                case JournalEntryPosted():
                    entry.posted = event
                case JournalEntryReversed():
                    entry.reversed = event
            entry.version += 1
        return entry

    @property
    def status(self) -> EntryStatus:
        if self.reversed is not None:
            return EntryStatus.REVERSED
        return EntryStatus.POSTED if self.posted is not None else EntryStatus.DRAFT

    @property
    def content(self) -> JournalEntryDrafted:
        assert self.drafted is not None, "an entry's stream begins with its draft"
        return self.drafted


def draft_event(
    entry_id: str,
    content: EntryContent,
    books: Books,
    *,
    source: SourceDocument | None = None,
    reverses: str | None = None,
    reversal_reason: str | None = None,
) -> JournalEntryDrafted:
    """The draft, if every line names an account that can take postings."""
    found = [
        v
        for n, line in enumerate(content.lines)
        if (v := books.postable_violation(line.account_code, f"lines[{n}].account_code"))
    ]
    if found:
        raise InvalidInputError(found)
    return JournalEntryDrafted(
        entry_id,
        content.kind,
        content.date,
        content.narration,
        content.reference,
        content.lines,
        source,
        reverses,
        reversal_reason,
    )


def ensure_postable(entry: JournalEntry, books: Books, poster: str, maker: str) -> None:
    """Everything a post needs: a balanced draft, postable accounts, an open period, and a second person."""
    if entry.status is not EntryStatus.DRAFT:
        raise IllegalTransitionError(f"journal entry {entry.entry_id} is {entry.status}; only a DRAFT is posted")
    content = entry.content
    if poster == maker:
        raise SegregationOfDutiesError(
            "the maker of a journal entry may not post it; another user must (maker-checker)"
        )
    found = [
        v
        for n, line in enumerate(content.lines)
        if (v := books.postable_violation(line.account_code, f"lines[{n}].account_code"))
    ]
    problem = unbalanced(content.lines)
    if problem:
        found.append(problem)
    if found:
        raise InvalidInputError(found)
    if content.kind is not JournalKind.CLOSING:
        books.ensure_open(content.entry_date)


def posted_event(entry_id: str, kind: JournalKind, fiscal_year: FiscalYear, serial: int) -> JournalEntryPosted:
    return JournalEntryPosted(entry_id, entry_number(kind, fiscal_year, serial), serial, fiscal_year.start_year)


def check_reversible(entry: JournalEntry, day: date, reason: str) -> None:
    """A posted entry, not reversed yet and not a closing entry, may be reversed on or after its date."""
    if entry.status is EntryStatus.DRAFT:
        raise IllegalTransitionError(f"journal entry {entry.entry_id} is a DRAFT: only a posted entry is reversed")
    if entry.reversed is not None:
        raise IllegalTransitionError(
            f"journal entry {entry.entry_id} is reversed already (by {entry.reversed.reversed_by})"
        )
    if entry.content.kind is JournalKind.CLOSING:
        raise IllegalTransitionError("a closing entry is not reversed; the fiscal year stays closed")
    if not reason.strip():
        raise InvalidInputError.single("reason", "required", "say why the entry is reversed")
    if len(reason) > MAX_REASON:
        raise InvalidInputError.single("reason", "max_length", f"must be at most {MAX_REASON} characters")
    unclean = text_violation(reason, "reason", multiline=True)
    if unclean:
        raise InvalidInputError([unclean])
    if day < entry.content.entry_date:
        raise InvalidInputError.single(
            "date",
            "after_original",
            f"a reversal is dated on or after the entry it reverses ({entry.content.entry_date})",
        )


def mirror_content(entry: JournalEntry, day: date, reason: str) -> EntryContent:
    """The content of an entry's reversal: every line on the other side, dated `day`."""
    original = entry.content
    number = entry.posted.number if entry.posted else entry.entry_id
    lines: tuple[JournalLine, ...] = tuple(line.mirrored() for line in original.lines)
    return EntryContent(JournalKind.REVERSING, day, f"Reversal of {number}: {reason.strip()}", number, lines)
