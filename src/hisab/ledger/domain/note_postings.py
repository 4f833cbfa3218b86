"""What a credit or debit note posts, read from its invoice's published events.

A credit note (Mushak-6.7) debits Sales Returns per line, SD Payable and VAT Output, and credits
Accounts Receivable with its total; a debit note (Mushak-6.8) posts the reverse to Sales. Both are
dated on the note's date, in the sales journal, with the invoice line's project and cost centre.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hisab.invoicing.domain.events import InvoiceApproved, InvoiceCreated, InvoiceDetailsChanged, LineItemAdded
from hisab.invoicing.domain.note_events import CreditNoteIssued, NoteIssued
from hisab.kernel.money import ZERO
from hisab.ledger.domain.books import Books
from hisab.ledger.domain.events import SourceDocument
from hisab.ledger.domain.invoice_postings import SoldLine
from hisab.ledger.domain.journal import MAX_MEMO, EntryContent, JournalKind, JournalLine
from hisab.ledger.domain.posting_rules import CREDIT_NOTE, DEBIT_NOTE


@dataclass(frozen=True, slots=True)
class IssuedNote:
    note_id: str
    credit: bool
    note_number: str
    invoice_mushak_number: str
    note_date: date
    party_id: str
    lines: tuple[SoldLine, ...]
    supplementary_duty: Decimal
    vat: Decimal

    @property
    def document_type(self) -> str:
        return CREDIT_NOTE if self.credit else DEBIT_NOTE

    @property
    def total(self) -> Decimal:
        return sum((line.value for line in self.lines), ZERO) + self.supplementary_duty + self.vat

    @property
    def source(self) -> SourceDocument:
        return SourceDocument(self.document_type, self.note_id, self.note_number)


def issued_note(events: Iterable[object], note: NoteIssued) -> IssuedNote:
    """The facts of a note that its posting needs, from its invoice's stream."""
    party: str | None = None
    added: dict[str, LineItemAdded] = {}
    mushak_number = ""
    for event in events:
        match event:
            case InvoiceCreated() | InvoiceDetailsChanged():
                party = event.customer_party_id or event.customer_id
            case LineItemAdded():
                added[event.line_id] = event
            case InvoiceApproved():
                mushak_number = event.mushak_number
    assert party is not None
    lines = tuple(
        SoldLine(change.value, added[change.line_id].description, added[change.line_id].project,
                 added[change.line_id].cost_center)
        for change in note.lines
    )  # fmt: skip
    return IssuedNote(
        note.note_id,
        isinstance(note, CreditNoteIssued),
        note.note_number,
        mushak_number,
        note.note_date,
        party,
        lines,
        sum((change.supplementary_duty for change in note.lines), ZERO),
        sum((change.vat for change in note.lines), ZERO),
    )


def note_entry(note: IssuedNote, books: Books) -> EntryContent:
    """The note's sales-journal entry; nothing is posted for an amount of zero."""
    kind = note.document_type
    receivable = books.posting_account(kind, "RECEIVABLE").code
    income = books.posting_account(kind, "SALES_RETURNS" if note.credit else "SALES").code
    duty = books.posting_account(kind, "SUPPLEMENTARY_DUTY").code
    vat = books.posting_account(kind, "VAT_OUTPUT").code

    def sides(amount: Decimal, *, towards_sales: bool) -> tuple[Decimal, Decimal]:
        """(debit, credit): a credit note undoes a sale, debiting what the sale credited, and the other way."""
        return (amount, ZERO) if towards_sales == note.credit else (ZERO, amount)

    lines = [JournalLine(receivable, *sides(note.total, towards_sales=False), party_id=note.party_id)]
    lines += [
        JournalLine(income, *sides(sold.value, towards_sales=True), project=sold.project,
                    cost_center=sold.cost_center, memo=sold.description[:MAX_MEMO] or None)
        for sold in note.lines
        if sold.value
    ]  # fmt: skip
    if note.supplementary_duty:
        lines.append(JournalLine(duty, *sides(note.supplementary_duty, towards_sales=True)))
    if note.vat:
        lines.append(JournalLine(vat, *sides(note.vat, towards_sales=True)))
    name = "Credit note" if note.credit else "Debit note"
    narration = f"{name} {note.note_number} against tax invoice {note.invoice_mushak_number}"
    return EntryContent(JournalKind.SALES, note.note_date, narration, note.note_number, tuple(lines))
