"""The Mushak-6.7 and 6.8 documents as rendered: every field of both forms, both languages, copies, the screen view."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from hisab.event_store.messages import StoredEvent
from hisab.invoicing.adapters.documents.note_labels import NOTE_LABELS, NoteLabels
from hisab.invoicing.adapters.documents.renderer import HtmlRenderer, PdfRenderer
from hisab.invoicing.application.note_documents import NoteDocument
from hisab.invoicing.application.note_views import project_notes
from hisab.invoicing.domain.draft import LineInput
from hisab.invoicing.domain.events import InvoiceEvent
from hisab.invoicing.domain.invoice import Invoice
from hisab.invoicing.domain.note_events import NoteIssued
from hisab.invoicing.domain.notes import NoteKind, NoteLineInput, NoteRequest, NoteTerms, validate_note
from hisab.invoicing.domain.printing import CopyKind
from hisab.kernel.language import Language
from hisab.taxpayer.domain.supplier import SupplierProfile, validate_profile
from tests.builders import ISSUED_AT, buyer_draft, karim_steel, metadata, opening_events
from tests.pdf_text import drawn_glyphs, draws_word, pages_text

PDF = PdfRenderer()
BENGALI_FONTS = ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf", "NotoSans-Regular.ttf")
NOTE_ISSUED_AT = datetime(2025, 2, 3, 5, 15, tzinfo=UTC)  # 11:15 in Dhaka
# Steel rods as on the 6.3, and cement that carries 10% SD, so that every SD column has an amount.
LINES = (
    LineInput("Construction Materials - Steel Rods", Decimal(100), Decimal(5000), unit_of_supply="Piece"),
    LineInput("Cement, 50 kg bag", Decimal(200), Decimal(500), supplementary_duty_rate=Decimal("0.10"),
              unit_of_supply="Bag"),
)  # fmt: skip
# Ten rods came back; the cement's price came down by 2,000.00 (or, as a debit note, went up by it).
CHANGES = (NoteLineInput("inv-1:1", quantity=Decimal(10)), NoteLineInput("inv-1:2", amount=Decimal(2000)))
REASONS = {NoteKind.CREDIT: "RETURN", NoteKind.DEBIT: "PRICE_INCREASE"}


def note_document(
    kind: NoteKind = NoteKind.CREDIT,
    *,
    copies: tuple[CopyKind, ...] = (CopyKind.ORIGINAL, CopyKind.SUPPLIER),
    language: Language = Language.EN,
    reason_text: str | None = "10 rods came back bent",
    changes: tuple[NoteLineInput, ...] = CHANGES,
    lines: tuple[LineInput, ...] = LINES,
) -> NoteDocument:
    """A note's document as the print use case hands it to a renderer, built without a database."""
    events: list[InvoiceEvent | NoteIssued] = list(opening_events("inv-1", buyer_draft(lines)))
    invoice = Invoice.from_events("inv-1", events)
    events.append(invoice.approve("HO/2024-25/000001", 1, ISSUED_AT))
    invoice.apply(events[-1])
    request = NoteRequest(kind, date(2025, 2, 3), REASONS[kind], reason_text, changes)
    valid = validate_note(request, invoice.adjustable_lines(), NoteTerms(date(2025, 1, 20), date(2025, 2, 3)))
    events.append(invoice.issue_note(kind, "note-1", valid, f"HO/{kind.marker}/2024-25/000001", 1, NOTE_ISSUED_AT))
    stored = [StoredEvent(f"e{n}", "inv-1", n, n, event, metadata()) for n, event in enumerate(events, start=1)]
    supplier = SupplierProfile.from_events([validate_profile(karim_steel())])
    assert supplier is not None
    (note,) = project_notes(stored)
    return NoteDocument(note, supplier, supplier.unit("HO"), copies, language)


def _shown(labels: NoteLabels, kind: NoteKind) -> list[str]:
    """Every label a note's form prints, the tax invoice's it shares and its own."""
    return [
        labels.government, labels.nbr, labels.title, labels.rule, labels.form,
        labels.supplier_name, labels.supplier_bin, labels.issuing_address,
        labels.buyer_name, labels.buyer_bin, labels.buyer_address,
        labels.note_no, labels.issue_date, labels.issue_time, labels.invoice_serial, labels.invoice_issued,
        labels.reason, labels.reasons[REASONS[kind]], labels.reference,
        *labels.columns, *labels.groups, *labels.figures, labels.total, labels.note_total, labels.in_words,
        labels.officer, labels.designation, labels.signature, labels.seal,
    ]  # fmt: skip


def _text(pdf: bytes) -> str:
    """The first page's text on one line, without the hyphens WeasyPrint breaks narrow headers with."""
    return " ".join(pages_text(pdf)[0].split()).replace("\u2010 ", "")


# What both notes print alike: the parties, the original tax invoice, the lines before the note and its change.
COMMON_VALUES = [
    "Karim Steel Ltd", "002871821-0101", "Head office", "12 Motijheel C/A, Dhaka 1000",
    "Rahim Builders Ltd", "001745707-0402", "House 12, Road 5, Dhanmondi R/A", "Dhaka 1205",
    "03/02/2025", "11:15", "HO/2024-25/000001", "20/01/2025 14:30", "INV-2025-01-15-000001",
    "1 Construction Materials - Steel Rods Piece 100 5,00,000.00 0.00 75,000.00 10 50,000.00 0.00 7,500.00",
    "2 Cement, 50 kg bag Bag 200 1,00,000.00 10,000.00 16,500.00 0 2,000.00 200.00 330.00",
    "৳60,030.00", "Taka Sixty Thousand Thirty Only", "Abdul Karim", "Managing Director",
]  # fmt: skip
VALUES = {
    NoteKind.CREDIT: [
        "HO/CN/2024-25/000001", "Return of the goods or services supplied – 10 rods came back bent",
        "7,500.00 90 4,50,000.00 0.00 67,500.00", "330.00 200 98,000.00 9,800.00 16,170.00",
        "Total 6,00,000.00 10,000.00 91,500.00 52,000.00 200.00 7,830.00 5,48,000.00 9,800.00 83,670.00",
        "(12) = (4)\N{MINUS SIGN}(8)", "(15) = (7)\N{MINUS SIGN}(11)",
    ],
    NoteKind.DEBIT: [
        "HO/DN/2024-25/000001", "Increase of the price – 10 rods came back bent",
        "7,500.00 110 5,50,000.00 0.00 82,500.00", "330.00 200 1,02,000.00 10,200.00 16,830.00",
        "Total 6,00,000.00 10,000.00 91,500.00 52,000.00 200.00 7,830.00 6,52,000.00 10,200.00 99,330.00",
        "(12) = (4)+(8)", "(15) = (7)+(11)",
    ],
}  # fmt: skip


@pytest.mark.parametrize("kind", list(NoteKind))
def test_every_field_of_the_english_note_is_in_the_pdf_text(kind: NoteKind) -> None:
    text = _text(PDF.render(note_document(kind)))

    wanted = [*_shown(NOTE_LABELS[kind, Language.EN], kind), *COMMON_VALUES, *VALUES[kind]]
    assert [t for t in wanted if " ".join(t.split()) not in text] == []


@pytest.mark.parametrize("kind", list(NoteKind))
def test_every_bengali_label_is_drawn_shaped_and_every_value_is_in_bengali_digits(kind: NoteKind) -> None:
    pdf = PDF.render(note_document(kind, language=Language.BN))
    glyphs, text = drawn_glyphs(pdf), pages_text(pdf)[0]

    words = {word for label in _shown(NOTE_LABELS[kind, Language.BN], kind) for word in label.split()}
    undrawn = [word for word in words if not any(draws_word(glyphs, word, font) for font in BENGALI_FONTS)]
    values = [
        "০০২৮৭১৮২১-০১০১", "০০১৭৪৫৭০৭-০৪০২", f"HO/{kind.marker}/২০২৪-২৫/০০০০০১", "HO/২০২৪-২৫/০০০০০১",
        "০৩/০২/২০২৫", "১১:১৫", "২০/০১/২০২৫ ১৪:৩০", "৫,০০,০০০.০০", "১০,০০০.০০", "৫২,০০০.০০", "৭,৮৩০.০০",
        "৬০,০৩০.০০৳", "Karim Steel Ltd", "Rahim Builders Ltd", "Abdul Karim",
    ]  # fmt: skip
    assert undrawn == []
    assert [value for value in values if value not in text] == []
    assert all(draws_word(glyphs, word, BENGALI_FONTS[0]) for word in ["ষাট", "হাজার", "ত্রিশ", "টাকা", "মাত্র"])


def test_the_first_print_of_a_note_is_the_original_followed_by_the_suppliers_copy() -> None:
    first, second = pages_text(PDF.render(note_document(copies=(CopyKind.ORIGINAL, CopyKind.SUPPLIER))))

    assert "ORIGINAL / " in first
    assert "SUPPLIER'S COPY / " in second
    assert all("Page 1 of 1" in page and "HO/CN/2024-25/000001" in page for page in (first, second))


def test_a_reprinted_note_is_marked_duplicate_in_both_languages() -> None:
    pdf = PDF.render(note_document(NoteKind.DEBIT, copies=(CopyKind.DUPLICATE,), language=Language.BN))
    (text,) = pages_text(pdf)

    assert "DUPLICATE / " in text
    assert draws_word(drawn_glyphs(pdf), "প্রতিলিপি", BENGALI_FONTS[1])


@pytest.mark.parametrize("kind", list(NoteKind))
def test_an_inspection_copy_of_a_note_keeps_its_serial_and_says_it_is_no_such_note(kind: NoteKind) -> None:
    english = PDF.render(replace(note_document(kind, copies=()), for_inspection=True))
    bengali = PDF.render(replace(note_document(kind, copies=(), language=Language.BN), for_inspection=True))
    (text,) = pages_text(english)

    assert NOTE_LABELS[kind, Language.EN].inspection_copy.lower() in " ".join(text.split()).lower()
    assert f"HO/{kind.marker}/2024-25/000001" in text
    assert "ORIGINAL / " not in text
    assert all(draws_word(drawn_glyphs(bengali), word, BENGALI_FONTS[1]) for word in ("পরিদর্শন", "কপি", "নয়"))


def test_a_long_note_repeats_its_column_header_on_every_page_and_ends_with_the_totals() -> None:
    lines = tuple(LineInput(f"Steel rod, grade {n}", Decimal(2), Decimal(100)) for n in range(1, 121))
    changes = tuple(NoteLineInput(f"inv-1:{n}", quantity=Decimal(1)) for n in range(1, 121))
    pages = pages_text(PDF.render(note_document(copies=(CopyKind.DUPLICATE,), changes=changes, lines=lines)))

    assert len(pages) > 2
    assert all("Supply before this note" in page and "(11)" in page for page in pages)
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    assert ["In words" in page for page in pages] == [False] * (len(pages) - 1) + [True]
    assert "Steel rod, grade 120" in pages[-1]
    assert "Total 24,000.00 0.00 3,600.00 12,000.00 0.00 1,800.00 12,000.00 0.00 1,800.00" in " ".join(
        pages[-1].split()
    )


def test_the_html_view_of_a_note_shows_the_same_form_and_escapes_what_users_typed() -> None:
    document = note_document(copies=(), reason_text="<script>alert(1)</script> bent rods")
    html = HtmlRenderer().render(document).decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt; bent rods" in html
    assert "<script>" not in html
    assert NOTE_LABELS[NoteKind.CREDIT, Language.EN].screen_view in html
    assert 'url("/assets/fonts/NotoSansBengali-Regular.ttf")' in html
    assert all(
        label in html
        for label in _shown(NOTE_LABELS[NoteKind.CREDIT, Language.EN], NoteKind.CREDIT)
        if "'" not in label
    )
