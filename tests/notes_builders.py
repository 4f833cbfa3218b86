"""Builders of credit and debit notes for the domain tests: an issued invoice, requests, and notes applied to it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from hisab.invoicing.domain.draft import InvoiceDraft, LineInput
from hisab.invoicing.domain.invoice import Invoice
from hisab.invoicing.domain.note_events import NoteIssued
from hisab.invoicing.domain.notes import NoteKind, NoteLineInput, NoteRequest, NoteTerms, validate_note
from hisab.invoicing.domain.numbering import format_note_number
from hisab.kernel.fiscal_year import FiscalYear
from tests.builders import opening_events, steel_rods_draft

# Issued at 14:30 in Dhaka on 20 January 2025; notes are written a few weeks later.
ISSUED_AT = datetime(2025, 1, 20, 8, 30, tzinfo=UTC)
NOTED_AT = datetime(2025, 3, 1, 6, 0, tzinfo=UTC)
TERMS = NoteTerms(issued_on=date(2025, 1, 20), today=date(2025, 3, 1))
MUSHAK = "HO/2024-25/000001"
# The steel-rods invoice's one line: 100 at 5,000.00, VAT 15%.
RODS = "inv-1:1"


def issued_invoice(draft: InvoiceDraft | None = None, invoice_id: str = "inv-1") -> Invoice:
    """An APPROVED (issued) tax invoice: the steel rods unless another draft is given."""
    invoice = Invoice.from_events(invoice_id, opening_events(invoice_id, draft))
    invoice.apply(invoice.approve(MUSHAK, 1, ISSUED_AT))
    return invoice


def lines_draft(*lines: LineInput) -> InvoiceDraft:
    return steel_rods_draft(lines=lines)


def quantity(line_id: str, amount: str | int | Decimal) -> NoteLineInput:
    return NoteLineInput(line_id, quantity=Decimal(amount))


def amount(line_id: str, value: str | int | Decimal) -> NoteLineInput:
    return NoteLineInput(line_id, amount=Decimal(value))


def credit(
    *lines: NoteLineInput, reason: str = "RETURN", reason_text: str | None = None, on: date | None = None
) -> NoteRequest:
    return NoteRequest(NoteKind.CREDIT, on, reason, reason_text, lines)


def debit(
    *lines: NoteLineInput, reason: str = "PRICE_INCREASE", reason_text: str | None = None, on: date | None = None
) -> NoteRequest:
    return NoteRequest(NoteKind.DEBIT, on, reason, reason_text, lines)


def noted(invoice: Invoice, request: NoteRequest, terms: NoteTerms = TERMS) -> NoteIssued:
    """Validate the request against the invoice as it stands, issue it under the kind's next serial, and apply it."""
    valid = validate_note(request, invoice.adjustable_lines(), terms)
    kind = request.kind
    serial = 1 + sum(1 for note in invoice.notes.values() if note.kind is kind)
    fiscal_year = FiscalYear.of(valid.note_date)
    number = format_note_number("HO", kind, fiscal_year, serial)
    event = invoice.issue_note(kind, f"note-{kind.marker}-{serial}", valid, number, serial, NOTED_AT)
    invoice.apply(event)
    return event
