"""The bill read model: a bill received as its events leave it, its lines after the supplier's notes, and the notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.purchases.domain.bill import Bill, BillLineNow, Totals
from hisab.purchases.domain.events import (
    BILL_EVENT_TYPES,
    BillOfEntry,
    CreditRefusal,
    SupplierNoteKind,
    SupplierNoteLine,
    SupplierNoteRecorded,
    SupplierSnapshot,
)

BILL_VIEW_EVENTS: frozenset[type[DomainEvent]] = frozenset(BILL_EVENT_TYPES)


@dataclass(frozen=True, slots=True)
class SupplierNoteView(Totals):
    bill_id: str
    note_id: str
    # The position of its event: notes are listed in the order they were recorded.
    sequence: int
    kind: SupplierNoteKind
    supplier_note_number: str
    note_date: date
    reason: str
    lines: tuple[SupplierNoteLine, ...]
    recorded_by: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class LineRefusal:
    """A claimed input credit Hisab refused, with the line it was refused on."""

    line_id: str
    position: int
    refusal: CreditRefusal


@dataclass(frozen=True, slots=True)
class BillView(Totals):
    tenant_id: str
    bill_id: str
    # The position of BillRecorded: the newest-first order of `bills` and its cursors.
    sequence: int
    bill_number: str
    serial: int
    fiscal_year: int
    supplier: SupplierSnapshot
    supplier_invoice_number: str
    supplier_invoice_date: date
    received_date: date
    due_date: date
    bill_of_entry: BillOfEntry | None
    reference: str | None
    lines: tuple[BillLineNow, ...]
    notes: tuple[SupplierNoteView, ...]
    recorded_by: str
    recorded_at: datetime
    version: int

    @property
    def refusals(self) -> tuple[LineRefusal, ...]:
        return tuple(
            LineRefusal(line.recorded.line_id, line.recorded.position, line.recorded.refusal)
            for line in self.lines
            if line.recorded.refusal is not None
        )


def project_bill(stored: Sequence[StoredEvent]) -> BillView:
    first, last = stored[0], stored[-1]
    bill = Bill.from_events(s.event for s in stored)
    recorded = bill.recorded
    notes = tuple(_note(s, s.event) for s in stored if isinstance(s.event, SupplierNoteRecorded))
    return BillView(
        tenant_id=first.metadata.tenant_id,
        bill_id=recorded.bill_id,
        sequence=first.position,
        bill_number=recorded.bill_number,
        serial=recorded.serial,
        fiscal_year=recorded.fiscal_year,
        supplier=recorded.supplier,
        supplier_invoice_number=recorded.supplier_invoice_number,
        supplier_invoice_date=recorded.supplier_invoice_date,
        received_date=recorded.received_date,
        due_date=recorded.due_date,
        bill_of_entry=recorded.bill_of_entry,
        reference=recorded.reference,
        lines=bill.lines,
        notes=notes,
        recorded_by=first.metadata.user_id,
        recorded_at=first.metadata.occurred_at,
        version=last.version,
    )


def _note(stored: StoredEvent, note: SupplierNoteRecorded) -> SupplierNoteView:
    return SupplierNoteView(
        note.bill_id, note.note_id, stored.position, note.kind, note.supplier_note_number, note.note_date,
        note.reason, note.lines, stored.metadata.user_id, stored.metadata.occurred_at,
    )  # fmt: skip


def search_text(view: BillView) -> str:
    """What a bill list's `search` matches: the bill's number, the supplier's invoice number and name, lower-cased."""
    return "\n".join(part.lower() for part in (view.bill_number, view.supplier_invoice_number, view.supplier.name))


def search_term(raw: str) -> str:
    return raw.strip().lower()
