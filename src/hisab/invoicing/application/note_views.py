"""The credit and debit note read model: each note as its document shows it, projected from its invoice's stream."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.invoicing.domain.invoice import Invoice, Line
from hisab.invoicing.domain.lines import Figures, sum_figures
from hisab.invoicing.domain.note_events import NOTE_EVENT_TYPES, CreditNoteIssued, DebitNoteIssued, NoteIssued
from hisab.invoicing.domain.notes import NoteKind, note_warnings
from hisab.kernel.vat import VATCategory

NOTE_VIEW_EVENTS: frozenset[type[DomainEvent]] = frozenset(NOTE_EVENT_TYPES)


@dataclass(frozen=True, slots=True)
class NoteLineView:
    """One invoice line as the note changes it: what it carried before, the change, what it carries after."""

    line_id: str
    position: int
    description: str
    unit_of_supply: str | None
    hs_code: str | None
    service_code: str | None
    vat_category: VATCategory
    unit_price: Decimal
    supplementary_duty_rate: Decimal
    vat_rate: Decimal
    before: Figures
    change: Figures
    kind: NoteKind

    @property
    def after(self) -> Figures:
        return self.before - self.change if self.kind is NoteKind.CREDIT else self.before + self.change


@dataclass(frozen=True, slots=True)
class NoteView:
    tenant_id: str
    note_id: str
    kind: NoteKind
    note_number: str
    serial: int
    fiscal_year: int
    # The issuing event's position: newest-first pages are keyed on it.
    sequence: int
    invoice_id: str
    invoice_number: str
    invoice_mushak_number: str
    invoice_issued_at: datetime
    customer_id: str
    customer_party_id: str | None
    buyer_name: str | None
    buyer_bin: str | None
    buyer_address: str | None
    vendor_bin: str | None
    currency: str
    note_date: date
    issued_at: datetime
    issued_by: str
    reason: str
    reason_text: str | None
    lines: tuple[NoteLineView, ...]
    print_count: int

    @property
    def figures(self) -> Figures:
        return sum_figures(line.change for line in self.lines)

    @property
    def warnings(self) -> tuple[str, ...]:
        return note_warnings(self.kind, self.figures.vat, self.buyer_bin)


def project_notes(stored: Sequence[StoredEvent]) -> list[NoteView]:
    """Every note of one invoice, from its whole stream, in the order they were issued."""
    invoice = Invoice(stored[0].stream_id)
    notes: list[NoteView] = []
    for each in stored:
        event = each.event
        if isinstance(event, CreditNoteIssued | DebitNoteIssued):
            notes.append(_note(invoice, each, event))
        invoice.apply(event)
    return [replace(note, print_count=invoice.notes[note.note_id].print_count) for note in notes]


def _note(invoice: Invoice, stored: StoredEvent, event: NoteIssued) -> NoteView:
    """The note as the invoice stood just before it."""
    kind = NoteKind.CREDIT if isinstance(event, CreditNoteIssued) else NoteKind.DEBIT
    by_id = {line.line_id: line for line in invoice.lines}
    assert invoice.mushak_number is not None
    assert invoice.issued_at is not None
    return NoteView(
        tenant_id=stored.metadata.tenant_id,
        note_id=event.note_id,
        kind=kind,
        note_number=event.note_number,
        serial=event.serial,
        fiscal_year=event.fiscal_year,
        sequence=stored.position,
        invoice_id=invoice.invoice_id,
        invoice_number=invoice.invoice_number,
        invoice_mushak_number=invoice.mushak_number,
        invoice_issued_at=invoice.issued_at,
        customer_id=invoice.customer_id,
        customer_party_id=invoice.customer_party_id,
        buyer_name=invoice.buyer_name,
        buyer_bin=invoice.customer_bin,
        buyer_address=invoice.buyer_address,
        vendor_bin=invoice.vendor_bin,
        currency=invoice.currency,
        note_date=event.note_date,
        issued_at=event.issued_at,
        issued_by=stored.metadata.user_id,
        reason=event.reason,
        reason_text=event.reason_text,
        lines=tuple(_line(by_id[change.line_id], change.figures, kind) for change in event.lines),
        print_count=0,
    )


def _line(line: Line, change: Figures, kind: NoteKind) -> NoteLineView:
    return NoteLineView(
        line_id=line.line_id,
        position=line.position,
        description=line.description,
        unit_of_supply=line.unit_of_supply,
        hs_code=line.hs_code,
        service_code=line.service_code,
        vat_category=line.vat_category,
        unit_price=line.unit_price,
        supplementary_duty_rate=line.supplementary_duty_rate,
        vat_rate=line.vat_rate,
        before=line.carried,
        change=change,
        kind=kind,
    )
