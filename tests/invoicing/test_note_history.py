"""What an invoice's history says of its credit and debit notes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.invoicing.application.history import history_of
from hisab.invoicing.domain.invoice import Invoice
from hisab.invoicing.domain.notes import NoteKind, NoteLineInput, NoteRequest, NoteTerms, validate_note
from hisab.invoicing.domain.printing import CopyKind
from hisab.kernel.language import Language
from tests.builders import metadata, opening_events

ISSUED_AT = datetime(2026, 12, 1, 4, 0, tzinfo=UTC)


def _stored(events: list[DomainEvent]) -> list[StoredEvent]:
    return [StoredEvent(f"event-{n}", "inv-1", n, n, event, metadata()) for n, event in enumerate(events, start=1)]


def test_a_credit_note_and_its_print_are_told_in_the_history() -> None:
    events: list[DomainEvent] = list(opening_events("inv-1"))
    invoice = Invoice.from_events("inv-1", events)
    events.append(invoice.approve("HO/2026-27/000001", 1, ISSUED_AT))
    invoice.apply(events[-1])
    request = NoteRequest(
        NoteKind.CREDIT, date(2026, 12, 2), "RETURN", "10 rods came back", (NoteLineInput("inv-1:1", Decimal(10)),)
    )
    note = validate_note(request, invoice.adjustable_lines(), NoteTerms(date(2026, 12, 1), date(2026, 12, 3)))
    events.append(invoice.issue_note(NoteKind.CREDIT, "note-1", note, "HO/CN/2026-27/000001", 1, ISSUED_AT))
    invoice.apply(events[-1])
    printed = invoice.print_note("note-1", Language.EN, "user-1", ISSUED_AT)
    events.append(printed)

    said = [(change.event_type, change.summary) for change in history_of(_stored(events))[-2:]]

    assert said == [
        (
            "CreditNoteIssued",
            "Credit note HO/CN/2026-27/000001 dated 2026-12-02 (RETURN: 10 rods came back) took off BDT 57500.00 "
            "on 1 line: value BDT 50000.00, SD BDT 0.00, VAT BDT 7500.00",
        ),
        ("NotePrinted", "Printed (original, supplier) in English: note HO/CN/2026-27/000001"),
    ]
    assert printed.copies == (CopyKind.ORIGINAL, CopyKind.SUPPLIER)
