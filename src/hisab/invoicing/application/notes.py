"""Credit and debit notes: issuing one against an issued tax invoice, and reading them back.

A note's serial is taken from its kind's own counter in the transaction that records the note on
its invoice's stream, after every rule has passed: a refused note consumes no serial. Notes
against one invoice are decided one after the other (the stream is held while a note is decided,
and the version check catches any other writer), so together they never credit more than the
invoice carried.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.invoice_changes import NOUN
from hisab.invoicing.application.note_views import NoteView, project_notes
from hisab.invoicing.application.ports import NoteFilter, NotePage
from hisab.invoicing.application.queries import ensure_plausible_id
from hisab.invoicing.domain.invoice import Invoice
from hisab.invoicing.domain.notes import NoteKind, NoteRequest, NoteTerms, validate_note
from hisab.invoicing.domain.numbering import format_note_number, note_series
from hisab.kernel.cursors import SequenceCursors
from hisab.kernel.errors import InvalidInputError, NotFoundError, Violation
from hisab.kernel.fiscal_year import BANGLADESH_TIME, FiscalYear
from hisab.kernel.handler_telemetry import traced_handler
from hisab.kernel.text import text_violations

MAX_PAGE_SIZE = 100
_CURSORS = SequenceCursors("note:")


@dataclass(frozen=True, slots=True)
class IssueNote:
    invoice_id: str
    request: NoteRequest
    # "Only if the invoice is still at this version": a retried request then issues no second note.
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class ListNotes:
    filter: NoteFilter
    first: int = 20
    after: str | None = None


def _named(command: IssueNote) -> str:
    return command.invoice_id


def _invoice_of(view: NoteView) -> str:
    return view.invoice_id


@traced_handler("issue_note", "invoice", named_by=_named, found_in=_invoice_of)
async def issue_note(command: IssueNote, actor: Actor, invoicing: Invoicing) -> NoteView:
    ensure_plausible_id(command.invoice_id)
    note_id = invoicing.new_id()
    kind = command.request.kind

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        invoice = Invoice.from_events(command.invoice_id, (s.event for s in history))
        invoice.ensure_adjustable(kind)
        assert invoice.issued_at is not None
        policy = await invoicing.taxpayer.settings.get_within(transaction.tables, actor.tenant_id)
        now = invoicing.clock().astimezone(BANGLADESH_TIME)
        issued_on = invoice.issued_at.astimezone(BANGLADESH_TIME).date()
        terms = NoteTerms(issued_on, now.date(), policy.note_max_invoice_age_days)
        note = validate_note(command.request, invoice.adjustable_lines(), terms)
        fiscal_year = FiscalYear.of(note.note_date)
        serial = await transaction.counters.next_value(actor.tenant_id, note_series(kind, fiscal_year))
        number = format_note_number(invoicing.issuing_unit, kind, fiscal_year, serial)
        return [invoice.issue_note(kind, note_id, note, number, serial, now)]

    # Held while deciding: many notes against one invoice at once are decided in turn, not retried.
    recorded = await invoicing.streams.change(
        actor, command.invoice_id, decide, noun=NOUN, expected_version=command.expected_version, exclusive=True
    )
    return next(note for note in project_notes(recorded.stream) if note.note_id == note_id)


async def get_note(kind: NoteKind, note_id: str, actor: Actor, invoicing: Invoicing) -> NoteView:
    """A note of this kind: a debit note's id asked for as a credit note's is not found."""
    ensure_plausible_id(note_id, kind.noun)
    view = await invoicing.notes.get(actor.tenant_id, note_id)
    if view is None or view.kind is not kind:
        raise NotFoundError(f"{kind.noun} {note_id} not found")
    return view


async def list_notes(query: ListNotes, actor: Actor, invoicing: Invoicing) -> NotePage:
    where = _checked(query.filter)
    after = _CURSORS.decode(query.after) if query.after else None
    first = max(0, min(query.first, MAX_PAGE_SIZE))
    return await invoicing.notes.list(actor.tenant_id, where, first, after)


async def notes_of_invoices(
    invoice_ids: Sequence[str], actor: Actor, invoicing: Invoicing
) -> dict[str, list[NoteView]]:
    return await invoicing.notes.of_invoices(actor.tenant_id, invoice_ids)


def encode_note_cursor(view: NoteView) -> str:
    return _CURSORS.encode(view.sequence)


def _checked(where: NoteFilter) -> NoteFilter:
    texts = {
        "filter.invoice_id": where.invoice_id,
        "filter.customer_id": where.customer_id,
        "filter.customer_party_id": where.customer_party_id,
    }
    problems = text_violations(texts)
    if where.date_from is not None and where.date_to is not None and where.date_from > where.date_to:
        problems.append(Violation("filter.to", "from_after_to", "the filter's `to` date is before its `from` date"))
    if problems:
        raise InvalidInputError(problems)
    return replace(
        where,
        invoice_id=_stripped(where.invoice_id),
        customer_id=_stripped(where.customer_id),
        customer_party_id=_stripped(where.customer_party_id),
    )


def _stripped(text: str | None) -> str | None:
    return text.strip() or None if text is not None else None
