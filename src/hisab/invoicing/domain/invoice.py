"""The Invoice aggregate: its state is whatever its events say, and nothing else."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from hisab.event_store.messages import DomainEvent
from hisab.invoicing.domain.approval_events import InvoiceRejected, InvoiceSubmitted
from hisab.invoicing.domain.draft import InvoiceDraft, LineInput, ValidDraft, ValidLine
from hisab.invoicing.domain.events import (
    InvoiceApproved,
    InvoiceCalculated,
    InvoiceCancelled,
    InvoiceCreated,
    InvoiceDetailsChanged,
    InvoiceEvent,
    InvoiceLinesCleared,
    InvoicePrinted,
    LineCalculation,
    LineItemAdded,
)
from hisab.invoicing.domain.lines import NO_FIGURES, Figures, LineAmounts, sum_figures
from hisab.invoicing.domain.note_events import CreditNoteIssued, DebitNoteIssued, NoteIssued, NotePrinted
from hisab.invoicing.domain.notes import AdjustableLine, NoteKind, ValidNote
from hisab.invoicing.domain.printing import copies_of_print
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError
from hisab.kernel.fiscal_year import FiscalYear
from hisab.kernel.language import Language
from hisab.kernel.money import ZERO
from hisab.kernel.text import text_violation
from hisab.kernel.vat import VATCategory

MAX_REASON = 1000
NO_AMOUNTS = LineAmounts(ZERO, ZERO, ZERO, ZERO)
NO_FISCAL_YEAR = FiscalYear(0)


class InvoiceStatus(StrEnum):
    DRAFT = "DRAFT"
    # Submitted under the tenant's approval policy, waiting for its levels (invoicing/domain/approval.py).
    PENDING_APPROVAL = "PENDING_APPROVAL"
    APPROVED = "APPROVED"
    CANCELLED = "CANCELLED"


@dataclass(frozen=True, slots=True)
class Line:
    line_id: str
    position: int
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_category: VATCategory
    vat_rate: Decimal
    supplementary_duty_rate: Decimal
    advance_income_tax_rate: Decimal
    hs_code: str | None
    unit_of_supply: str | None
    amounts: LineAmounts = NO_AMOUNTS
    item_id: str | None = None
    service_code: str | None = None
    project: str | None = None
    cost_center: str | None = None
    # What credit notes took off the line and debit notes added to it, each summed over its notes.
    credited: Figures = NO_FIGURES
    debited: Figures = NO_FIGURES

    @property
    def invoiced(self) -> Figures:
        amounts = self.amounts
        return Figures(self.quantity, amounts.value, amounts.supplementary_duty, amounts.vat)

    @property
    def carried(self) -> Figures:
        """The line as its notes left it."""
        return self.invoiced - self.credited + self.debited


@dataclass(frozen=True, slots=True)
class IssuedNote:
    """A credit or debit note of the invoice, as far as later decisions need it."""

    note_id: str
    kind: NoteKind
    note_number: str
    print_count: int = 0


@dataclass(frozen=True, slots=True)
class Totals:
    subtotal: Decimal = ZERO
    supplementary_duty: Decimal = ZERO
    vat: Decimal = ZERO
    grand_total: Decimal = ZERO
    advance_income_tax: Decimal = ZERO
    net_receivable: Decimal = ZERO


@dataclass(slots=True)
class Invoice:
    invoice_id: str
    version: int = 0
    invoice_number: str = ""
    status: InvoiceStatus = InvoiceStatus.DRAFT
    vendor_id: str = ""
    customer_id: str = ""
    vendor_tin: str | None = None
    vendor_bin: str | None = None
    customer_tin: str | None = None
    customer_bin: str | None = None
    buyer_name: str | None = None
    buyer_address: str | None = None
    delivery_destination: str | None = None
    invoice_date: date = date.min
    due_date: date = date.min
    fiscal_year: FiscalYear = NO_FISCAL_YEAR
    currency: str = "BDT"
    lines: list[Line] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)
    mushak_number: str | None = None
    mushak_serial: int | None = None
    issued_at: datetime | None = None
    cancelled_at: datetime | None = None
    cancellation_reason: str | None = None
    print_count: int = 0
    customer_party_id: str | None = None
    # Line ids are never reused, even when a draft's lines are replaced.
    lines_ever_added: int = 0
    # Its credit and debit notes, in the order they were issued.
    notes: dict[str, IssuedNote] = field(default_factory=dict)

    @classmethod
    def from_events(cls, invoice_id: str, events: Iterable[DomainEvent]) -> Invoice:
        invoice = cls(invoice_id)
        for event in events:
            invoice.apply(event)
        return invoice

    def apply(self, event: DomainEvent) -> None:
        """Fold one event into the state; the only place state changes."""
        match event:
            case InvoiceCreated():
                self._created(event)
            case LineItemAdded():
                self.lines.append(_line_from(event))
                self.lines_ever_added += 1
            case InvoiceLinesCleared():
                self.lines = []
            case InvoiceDetailsChanged():
                self._details_changed(event)
            case InvoiceCalculated():
                self._calculated(event)
            case InvoiceApproved():
                self.status = InvoiceStatus.APPROVED
                self.mushak_number = event.mushak_number
                self.mushak_serial = event.mushak_serial
                self.issued_at = event.issued_at
            case InvoiceCancelled():
                self.status = InvoiceStatus.CANCELLED
                self.cancelled_at = event.cancelled_at
                self.cancellation_reason = event.reason
            case InvoicePrinted():
                self.print_count += 1
            case InvoiceSubmitted():
                self.status = InvoiceStatus.PENDING_APPROVAL
            case InvoiceRejected():
                self.status = InvoiceStatus.DRAFT
            case CreditNoteIssued() | DebitNoteIssued():
                self._noted(event)
            case NotePrinted():
                note = self.notes[event.note_id]
                self.notes[event.note_id] = replace(note, print_count=note.print_count + 1)
        self.version += 1

    def as_draft(self) -> InvoiceDraft:
        """The invoice as a draft again (rates explicit), so an edit can replace parts and revalidate all."""
        return InvoiceDraft(
            vendor_id=self.vendor_id,
            customer_id=self.customer_id,
            invoice_date=self.invoice_date,
            due_date=self.due_date,
            lines=tuple(_line_input(line, self.currency) for line in self.lines),
            vendor_tin=self.vendor_tin,
            vendor_bin=self.vendor_bin,
            customer_tin=self.customer_tin,
            customer_bin=self.customer_bin,
            buyer_name=self.buyer_name,
            buyer_address=self.buyer_address,
            delivery_destination=self.delivery_destination,
            customer_party_id=self.customer_party_id,
        )

    def ensure_editable(self) -> None:
        if self.status is not InvoiceStatus.DRAFT:
            raise IllegalTransitionError(f"only a DRAFT invoice can be edited; this one is {self.status}")

    def revise(self, draft: ValidDraft, *, lines_replaced: bool) -> list[InvoiceEvent]:
        """The events that correct a draft to `draft`: none when nothing changes."""
        self.ensure_editable()
        events: list[InvoiceEvent] = []
        details = InvoiceDetailsChanged(
            invoice_id=self.invoice_id,
            customer_id=draft.customer_id,
            customer_party_id=draft.customer_party_id,
            customer_tin=draft.customer_tin,
            customer_bin=draft.customer_bin,
            buyer_name=draft.buyer_name,
            buyer_address=draft.buyer_address,
            delivery_destination=draft.delivery_destination,
            due_date=draft.due_date,
        )
        if details != self._details():
            events.append(details)
        unchanged = [(_facts(line), line.amounts) for line in draft.lines] == [
            (_facts(line), line.amounts) for line in self.lines
        ]
        if lines_replaced and not unchanged:
            events.append(InvoiceLinesCleared(self.invoice_id))
            events.extend(_lines_added(self.invoice_id, draft.lines, first_number=self.lines_ever_added + 1))
            events.append(_calculate(self.invoice_id, _calculations(events, draft.lines)))
        return events

    def ensure_can_approve(self) -> None:
        if self.status not in (InvoiceStatus.DRAFT, InvoiceStatus.PENDING_APPROVAL):
            raise IllegalTransitionError(f"only a DRAFT invoice can be approved; this one is {self.status}")

    def approve(self, mushak_number: str, serial: int, issued_at: datetime) -> InvoiceApproved:
        """Issue the tax invoice under an already-allocated Mushak-6.3 serial."""
        self.ensure_can_approve()
        fiscal_year = FiscalYear.of_moment(issued_at)
        return InvoiceApproved(self.invoice_id, mushak_number, serial, fiscal_year.start_year, issued_at)

    def cancel(self, reason: str, cancelled_at: datetime) -> InvoiceCancelled:
        if self.status is InvoiceStatus.CANCELLED:
            raise IllegalTransitionError("the invoice is already CANCELLED")
        if self.notes:
            # The notes cite it and the returns counted them: the rest is undone by a credit note instead.
            raise IllegalTransitionError(
                "the invoice has credit or debit notes and can no longer be cancelled; "
                "issue a credit note (reason CANCELLATION) for what it still carries"
            )
        text = reason.strip()
        problem = text_violation(text, "reason", multiline=True)
        if problem is not None:
            raise InvalidInputError([problem])
        if not text:
            raise InvalidInputError.single("reason", "required", "a cancellation needs a reason")
        if len(text) > MAX_REASON:
            raise InvalidInputError.single("reason", "max_length", f"the reason has at most {MAX_REASON} characters")
        return InvoiceCancelled(self.invoice_id, text, cancelled_at)

    def print_copies(self, language: Language, printed_by: str, printed_at: datetime) -> InvoicePrinted:
        """Put the issued tax invoice on paper: the first print is the original, later ones duplicates."""
        if self.mushak_number is None:
            raise IllegalTransitionError("only an issued tax invoice is printed; a draft has no serial")
        copies = copies_of_print(self.print_count)
        return InvoicePrinted(self.invoice_id, copies, language, printed_by, printed_at)

    # Credit and debit notes

    def ensure_adjustable(self, kind: NoteKind) -> None:
        if self.status is not InvoiceStatus.APPROVED:
            raise IllegalTransitionError(
                f"a {kind.noun} adjusts an issued (APPROVED) tax invoice; this one is {self.status}"
            )

    def adjustable_lines(self) -> dict[str, AdjustableLine]:
        return {
            line.line_id: AdjustableLine(
                line.line_id,
                line.position,
                line.unit_price,
                line.supplementary_duty_rate,
                line.vat_rate,
                line.carried,
            )
            for line in self.lines
        }

    @property
    def credited_in_full(self) -> bool:
        """Whether credit notes took everything off every line (and any debit notes' additions with it)."""
        return any(n.kind is NoteKind.CREDIT for n in self.notes.values()) and all(
            line.carried.is_nil for line in self.lines
        )

    def issue_note(
        self, kind: NoteKind, note_id: str, note: ValidNote, note_number: str, serial: int, issued_at: datetime
    ) -> NoteIssued:
        """Issue a validated note under an already-allocated serial of its kind."""
        self.ensure_adjustable(kind)
        issued = CreditNoteIssued if kind is NoteKind.CREDIT else DebitNoteIssued
        return issued(
            invoice_id=self.invoice_id,
            note_id=note_id,
            note_number=note_number,
            serial=serial,
            fiscal_year=FiscalYear.of(note.note_date).start_year,
            note_date=note.note_date,
            issued_at=issued_at,
            reason=note.reason,
            reason_text=note.reason_text,
            lines=note.lines,
        )

    def print_note(self, note_id: str, language: Language, printed_by: str, printed_at: datetime) -> NotePrinted:
        """Put a note on paper: the first print is the original (with the supplier's copy), later ones duplicates."""
        copies = copies_of_print(self.notes[note_id].print_count)
        return NotePrinted(self.invoice_id, note_id, copies, language, printed_by, printed_at)

    def _noted(self, event: NoteIssued) -> None:
        kind = NoteKind.CREDIT if isinstance(event, CreditNoteIssued) else NoteKind.DEBIT
        self.notes[event.note_id] = IssuedNote(event.note_id, kind, event.note_number)
        changes = {change.line_id: change.figures for change in event.lines}
        self.lines = [
            line if line.line_id not in changes else _adjusted(line, kind, changes[line.line_id]) for line in self.lines
        ]

    def _created(self, event: InvoiceCreated) -> None:
        self.invoice_number = event.invoice_number
        self.vendor_id = event.vendor_id
        self.customer_id = event.customer_id
        self.vendor_tin = event.vendor_tin
        self.vendor_bin = event.vendor_bin
        self.customer_tin = event.customer_tin
        self.customer_bin = event.customer_bin
        self.buyer_name = event.buyer_name
        self.buyer_address = event.buyer_address
        self.delivery_destination = event.delivery_destination
        self.invoice_date = event.invoice_date
        self.due_date = event.due_date
        self.fiscal_year = FiscalYear(event.fiscal_year)
        self.currency = event.currency
        self.customer_party_id = event.customer_party_id

    def _details(self) -> InvoiceDetailsChanged:
        return InvoiceDetailsChanged(
            invoice_id=self.invoice_id,
            customer_id=self.customer_id,
            customer_party_id=self.customer_party_id,
            customer_tin=self.customer_tin,
            customer_bin=self.customer_bin,
            buyer_name=self.buyer_name,
            buyer_address=self.buyer_address,
            delivery_destination=self.delivery_destination,
            due_date=self.due_date,
        )

    def _details_changed(self, event: InvoiceDetailsChanged) -> None:
        self.customer_id = event.customer_id
        self.customer_party_id = event.customer_party_id
        self.customer_tin = event.customer_tin
        self.customer_bin = event.customer_bin
        self.buyer_name = event.buyer_name
        self.buyer_address = event.buyer_address
        self.delivery_destination = event.delivery_destination
        self.due_date = event.due_date

    def _calculated(self, event: InvoiceCalculated) -> None:
        amounts = {c.line_id: c for c in event.lines}
        self.lines = [
            replace(
                line,
                amounts=LineAmounts(
                    amounts[line.line_id].value,
                    amounts[line.line_id].supplementary_duty,
                    amounts[line.line_id].vat,
                    amounts[line.line_id].advance_income_tax,
                ),
            )
            for line in self.lines
        ]
        self.totals = Totals(
            subtotal=event.subtotal,
            supplementary_duty=event.supplementary_duty,
            vat=event.vat,
            grand_total=event.grand_total,
            advance_income_tax=event.advance_income_tax,
            net_receivable=event.net_receivable,
        )


def _adjusted(line: Line, kind: NoteKind, change: Figures) -> Line:
    if kind is NoteKind.CREDIT:
        return replace(line, credited=line.credited + change)
    return replace(line, debited=line.debited + change)


def adjustment_totals(lines: Iterable[Line]) -> tuple[Figures, Figures]:
    """What an invoice's credit notes took off and its debit notes added, over all its lines."""
    lines = tuple(lines)
    return sum_figures(line.credited for line in lines), sum_figures(line.debited for line in lines)


def open_invoice(draft: ValidDraft, invoice_id: str, invoice_number: str) -> list[InvoiceEvent]:
    """The events that bring a validated draft into existence."""
    created = InvoiceCreated(
        invoice_id=invoice_id,
        invoice_number=invoice_number,
        vendor_id=draft.vendor_id,
        customer_id=draft.customer_id,
        vendor_tin=draft.vendor_tin,
        vendor_bin=draft.vendor_bin,
        customer_tin=draft.customer_tin,
        customer_bin=draft.customer_bin,
        invoice_date=draft.invoice_date,
        due_date=draft.due_date,
        fiscal_year=FiscalYear.of(draft.invoice_date).start_year,
        currency=draft.currency,
        buyer_name=draft.buyer_name,
        buyer_address=draft.buyer_address,
        delivery_destination=draft.delivery_destination,
        customer_party_id=draft.customer_party_id,
    )
    added = _lines_added(invoice_id, draft.lines, first_number=1)
    return [created, *added, _calculate(invoice_id, _calculations(added, draft.lines))]


def _lines_added(invoice_id: str, lines: tuple[ValidLine, ...], first_number: int) -> list[LineItemAdded]:
    return [
        LineItemAdded(invoice_id=invoice_id, line_id=f"{invoice_id}:{number}", position=position, **_facts(line))
        for position, (number, line) in enumerate(enumerate(lines, start=first_number), start=1)
    ]


def _calculations(
    events: list[InvoiceEvent] | list[LineItemAdded], lines: tuple[ValidLine, ...]
) -> tuple[LineCalculation, ...]:
    added = [event for event in events if isinstance(event, LineItemAdded)]
    return tuple(
        LineCalculation(
            line_id=event.line_id,
            value=line.amounts.value,
            supplementary_duty=line.amounts.supplementary_duty,
            vat=line.amounts.vat,
            advance_income_tax=line.amounts.advance_income_tax,
        )
        for event, line in zip(added, lines, strict=True)
    )


def _calculate(invoice_id: str, lines: tuple[LineCalculation, ...]) -> InvoiceCalculated:
    subtotal = sum((c.value for c in lines), ZERO)
    supplementary_duty = sum((c.supplementary_duty for c in lines), ZERO)
    vat = sum((c.vat for c in lines), ZERO)
    advance_income_tax = sum((c.advance_income_tax for c in lines), ZERO)
    grand_total = subtotal + supplementary_duty + vat
    return InvoiceCalculated(
        invoice_id=invoice_id,
        lines=lines,
        subtotal=subtotal,
        supplementary_duty=supplementary_duty,
        vat=vat,
        grand_total=grand_total,
        advance_income_tax=advance_income_tax,
        net_receivable=grand_total - advance_income_tax,
    )


# What a line is, whichever form it takes (the draft's, the event's, the state's): one list of names.
_LINE_FACTS = (
    "description", "quantity", "unit_price", "vat_category", "vat_rate", "supplementary_duty_rate",
    "advance_income_tax_rate", "hs_code", "unit_of_supply", "item_id", "service_code", "project", "cost_center",
)  # fmt: skip


def _facts(line: ValidLine | LineItemAdded | Line) -> dict[str, Any]:
    return {name: getattr(line, name) for name in _LINE_FACTS}


def _line_from(event: LineItemAdded) -> Line:
    return Line(line_id=event.line_id, position=event.position, **_facts(event))


def _line_input(line: Line, currency: str) -> LineInput:
    return LineInput(currency=currency, **_facts(line))
