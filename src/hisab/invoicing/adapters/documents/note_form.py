"""What each field of the Mushak-6.7 (credit note) and Mushak-6.8 (debit note) shows, in one language.

Both forms are one layout, worded by kind: the supplier's and the buyer's blocks, the note's
serial, date and time, the tax invoice it adjusts (its Mushak-6.3 serial and issue), and per line
what the line carried before the note, what the note changes, and what the line carries after
it, each as quantity, value, SD and VAT. The template only places these strings.
"""

from __future__ import annotations

from decimal import Decimal

from hisab.formatting.money import amount_in_words, format_amount, format_number, format_quantity, localized
from hisab.invoicing.adapters.documents import forms
from hisab.invoicing.adapters.documents.forms import ADDRESS, BLANK, SERIAL, Field, Form, Page, Row
from hisab.invoicing.adapters.documents.note_labels import NOTE_LABELS, NoteLabels
from hisab.invoicing.application.note_documents import NoteDocument
from hisab.invoicing.application.note_views import NoteLineView, NoteView
from hisab.invoicing.domain.lines import Figures, sum_figures
from hisab.invoicing.domain.notes import NoteKind
from hisab.invoicing.domain.printing import CopyKind
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.language import Language

# Percent of the table per column: SL, description, unit, then quantity, value, SD, VAT three times over.
COLUMN_WIDTHS = (3, 14, 5, *((5, 7, 7, 7) * 3))
FIXED_COLUMNS = 3
FIGURES = 4


def pages(document: NoteDocument) -> list[Page[NoteLabels]]:
    """One page set per copy; a screen view or an inspection copy is a single one, marked as no print."""
    return [_page(document, copy) for copy in forms.copies_to_print(document)]


def _page(document: NoteDocument, copy: CopyKind | None) -> Page[NoteLabels]:
    note, language = document.subject, document.language
    labels = NOTE_LABELS[note.kind, language]
    mark = forms.copy_mark(copy, document, labels, issued=True)
    fields = _fields(document, labels)
    before, after = sum_figures(line.before for line in note.lines), sum_figures(line.after for line in note.lines)
    return Page(
        language=language,
        labels=labels,
        mark=mark,
        # A note is issued when it is recorded and is never cancelled: no draft or cancelled watermark.
        watermark=None,
        running_head=forms.running_head(labels, fields["note_no"], mark),
        serial=fields["note_no"],
        parties=(
            *forms.supplier_and_buyer(labels, fields),
            (
                Field(labels.note_no, fields["note_no"], SERIAL),
                Field(labels.invoice_serial, fields["invoice_serial"], SERIAL),
            ),
            (Field(labels.issue_date, fields["issue_date"]), Field(labels.invoice_issued, fields["invoice_issued"])),
            (Field(labels.issue_time, fields["issue_time"]), Field(labels.reason, fields["reason"], ADDRESS)),
        ),
        fields=fields,
        rows=tuple(_row(line, language) for line in note.lines),
        totals=tuple(
            format_number(amount, language)
            for figures in (before, note.figures, after)
            for amount in (figures.value, figures.supplementary_duty, figures.vat)
        ),
        words=amount_in_words(note.figures.total, note.currency, language),
    )


def _fields(document: NoteDocument, labels: NoteLabels) -> dict[str, str]:
    """The value of each field, under the name of its label in `NoteLabels`."""
    note, language = document.subject, document.language
    issued = note.issued_at.astimezone(BANGLADESH_TIME)
    invoice_issued = note.invoice_issued_at.astimezone(BANGLADESH_TIME)
    return {
        **forms.issuer_fields(document, note.vendor_bin),
        "buyer_name": note.buyer_name or BLANK,
        "buyer_bin": forms.bin_text(note.buyer_bin, language),
        "buyer_address": note.buyer_address or BLANK,
        "note_no": localized(note.note_number, language),
        "issue_date": localized(note.note_date.strftime("%d/%m/%Y"), language),
        "issue_time": forms.moment_text(issued, "%H:%M", language),
        "invoice_serial": localized(note.invoice_mushak_number, language),
        "invoice_issued": forms.moment_text(invoice_issued, "%d/%m/%Y %H:%M", language),
        "reference": localized(note.invoice_number, language),
        "reason": _reason(note, labels),
        "note_total": format_amount(note.figures.total, note.currency, language),
    }


def _reason(note: NoteView, labels: NoteLabels) -> str:
    words = labels.reasons[note.reason]
    return f"{words} – {note.reason_text}" if note.reason_text else words


def _groups(line: NoteLineView) -> tuple[Figures, Figures, Figures]:
    return line.before, line.change, line.after


def _row(line: NoteLineView, language: Language) -> Row:
    return Row(
        (
            localized(str(line.position), language),
            line.description,
            line.unit_of_supply or BLANK,
            *(text for figures in _groups(line) for text in _figures(figures, language)),
        )
    )


def _figures(figures: Figures, language: Language) -> tuple[str, ...]:
    amounts: tuple[Decimal, ...] = (figures.value, figures.supplementary_duty, figures.vat)
    return (format_quantity(figures.quantity, language), *(format_number(amount, language) for amount in amounts))


def _columns(document: NoteDocument) -> dict[str, object]:
    """(1) to (15); the columns after the note say how they follow from those before: (12) = (4) minus (8)."""
    language, sign = document.language, "\N{MINUS SIGN}" if document.subject.kind is NoteKind.CREDIT else "+"
    numbers = forms.column_numbers(len(COLUMN_WIDTHS), language)
    before, change = FIXED_COLUMNS, FIXED_COLUMNS + FIGURES
    after = tuple(
        f"{numbers[change + FIGURES + n]} = {numbers[before + n]}{sign}{numbers[change + n]}" for n in range(FIGURES)
    )
    return {"column_numbers": (*numbers[: change + FIGURES], *after), "column_widths": COLUMN_WIDTHS}


NOTE_FORM: Form[NoteView] = Form("note.html", pages, _columns)
