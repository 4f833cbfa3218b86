"""Credit and debit note events (Mushak-6.7 and 6.8), recorded on the stream of the invoice they adjust.

A note is part of its invoice's history rather than a stream of its own: what a note may credit
depends on every earlier note of the same invoice, so the notes of one invoice are decided one
at a time, against the invoice's version, like any other change of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from hisab.event_store.registry import EVENT_TYPES
from hisab.invoicing.domain.lines import Figures, sum_figures
from hisab.invoicing.domain.printing import CopyKind
from hisab.kernel.language import Language


@dataclass(frozen=True, slots=True)
class NoteLine:
    """What a note changes of one invoice line: always positive amounts; the note's kind says which way."""

    line_id: str
    quantity: Decimal
    value: Decimal
    supplementary_duty: Decimal
    vat: Decimal

    @property
    def figures(self) -> Figures:
        return Figures(self.quantity, self.value, self.supplementary_duty, self.vat)


@dataclass(frozen=True, slots=True)
class _NoteIssued:
    """What both kinds of note record: which invoice, the note's serial and date, why, and each line's change."""

    invoice_id: str
    note_id: str
    note_number: str
    serial: int
    fiscal_year: int
    note_date: date
    issued_at: datetime
    reason: str
    reason_text: str | None
    lines: tuple[NoteLine, ...]

    @property
    def figures(self) -> Figures:
        return sum_figures(line.figures for line in self.lines)


@dataclass(frozen=True, slots=True)
class CreditNoteIssued(_NoteIssued):
    """A Mushak-6.7 was issued: the invoice's lines carry less from now on (s.52 of the VAT and SD Act)."""

    event_type: ClassVar[str] = "CreditNoteIssued.v1"


@dataclass(frozen=True, slots=True)
class DebitNoteIssued(_NoteIssued):
    """A Mushak-6.8 was issued: the invoice's lines carry more from now on."""

    event_type: ClassVar[str] = "DebitNoteIssued.v1"


NoteIssued = CreditNoteIssued | DebitNoteIssued


@dataclass(frozen=True, slots=True)
class NotePrinted:
    """A credit or debit note was put on paper: as with the tax invoice, the first print is the original."""

    event_type: ClassVar[str] = "NotePrinted.v1"

    invoice_id: str
    note_id: str
    copies: tuple[CopyKind, ...]
    language: Language
    printed_by: str
    printed_at: datetime


NOTE_EVENT_TYPES = (CreditNoteIssued, DebitNoteIssued, NotePrinted)

EVENT_TYPES.register(NOTE_EVENT_TYPES)
