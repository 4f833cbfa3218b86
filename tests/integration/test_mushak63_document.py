"""The Mushak-6.3 document as rendered: every field of the form, both languages, copies, pages."""

from __future__ import annotations

from dataclasses import fields, replace
from decimal import Decimal

import pytest

from hisab.invoicing.adapters.documents.labels import BENGALI, ENGLISH
from hisab.invoicing.adapters.documents.renderer import HtmlRenderer, PdfRenderer
from hisab.invoicing.domain.draft import LineInput
from hisab.invoicing.domain.printing import CopyKind
from hisab.kernel.language import Language
from tests.builders import buyer_draft, invoice_document
from tests.pdf_text import drawn_glyphs, draws_word, one_glyph_per_character, pages_text, shaped_glyphs

PDF = PdfRenderer()
BENGALI_FONTS = ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf")
# Labels that only some documents show: watermarks, the screen-view and inspection marks, exempt lines.
OCCASIONAL = {"draft", "cancelled", "not_issued", "screen_view", "inspection_copy", "exempt"}
CONJUNCTS = "ক্ষ্মা স্ত্রী জ্ঞান শ্রীমঙ্গল কৃষ্ণচূড়া"


def _labels(language: Language) -> list[str]:
    labels = ENGLISH if language is Language.EN else BENGALI
    texts: list[str] = []
    for field in fields(labels):
        if field.name not in OCCASIONAL:
            value = getattr(labels, field.name)
            texts.extend(value if isinstance(value, tuple) else [value])
    return texts


def test_every_field_of_the_english_form_is_in_the_pdf_text() -> None:
    text = " ".join(pages_text(PDF.render(invoice_document(language=Language.EN)))[0].split())

    values = [
        "Karim Steel Ltd", "002871821-0101", "Head office", "12 Motijheel C/A, Dhaka 1000",
        "Rahim Builders Ltd", "001745707-0402", "House 12, Road 5, Dhanmondi R/A", "Plot 7, Block C, Bashundhara R/A",
        "HO/2024-25/000001", "20/01/2025", "14:30", "Construction Materials - Steel Rods", "100", "5,000.00",
        "5,00,000.00", "0%", "0.00", "15%", "75,000.00", "5,75,000.00", "Taka Five Lakh Seventy-Five Thousand Only",
        "Abdul Karim", "Managing Director",
    ]  # fmt: skip
    unhyphenated = text.replace("\u2010 ", "")  # WeasyPrint hyphenates narrow headers
    missing = [t for t in [*_labels(Language.EN), *values] if " ".join(t.split()) not in unhyphenated]
    assert missing == []


def test_every_bengali_label_is_drawn_shaped_and_every_value_is_in_bengali_digits() -> None:
    pdf = PDF.render(invoice_document(language=Language.BN))
    glyphs, text = drawn_glyphs(pdf), pages_text(pdf)[0]

    words = {word for label in _labels(Language.BN) for word in label.split()}
    fonts = (*BENGALI_FONTS, "NotoSans-Regular.ttf")
    undrawn = [word for word in words if not any(draws_word(glyphs, word, font) for font in fonts)]
    values = [
        "০০২৮৭১৮২১-০১০১", "০০১৭৪৫৭০৭-০৪০২", "HO/২০২৪-২৫/০০০০০১", "২০/০১/২০২৫", "১৪:৩০", "১০০", "৫,০০০.০০",
        "৫,০০,০০০.০০", "১৫%", "৭৫,০০০.০০", "৫,৭৫,০০০.০০", "Karim Steel Ltd", "Rahim Builders Ltd", "Abdul Karim",
    ]  # fmt: skip
    assert undrawn == []
    assert [value for value in values if value not in text] == []
    assert all(draws_word(glyphs, word, BENGALI_FONTS[0]) for word in ["পাঁচ", "লাখ", "পঁচাত্তর", "হাজার", "টাকা", "মাত্র"])


def test_bengali_conjuncts_and_vowel_signs_are_shaped_not_drawn_one_glyph_per_character() -> None:
    draft = buyer_draft((LineInput(CONJUNCTS, Decimal(1), Decimal(100)),))
    glyphs = drawn_glyphs(PDF.render(invoice_document(draft, language=Language.BN)))

    for word in CONJUNCTS.split():
        shaped = shaped_glyphs(word, BENGALI_FONTS[0])
        assert shaped != one_glyph_per_character(word, BENGALI_FONTS[0])
        assert len(shaped) < len(word)
        assert draws_word(glyphs, word, BENGALI_FONTS[0]), word


def test_the_first_print_is_the_original_followed_by_the_suppliers_copy() -> None:
    first, second = pages_text(PDF.render(invoice_document(copies=(CopyKind.ORIGINAL, CopyKind.SUPPLIER))))

    assert "ORIGINAL / " in first
    assert "SUPPLIER'S COPY / " in second
    assert "Page 1 of 1" in first
    assert "Page 1 of 1" in second


def test_a_reprint_is_marked_duplicate_in_both_languages() -> None:
    pdf = PDF.render(invoice_document(copies=(CopyKind.DUPLICATE,)))
    (text,) = pages_text(pdf)

    assert "DUPLICATE / " in text
    assert draws_word(drawn_glyphs(pdf), "প্রতিলিপি", BENGALI_FONTS[1])


def test_an_inspection_copy_keeps_the_serial_and_says_it_is_no_tax_invoice_in_either_language() -> None:
    english = PDF.render(replace(invoice_document(copies=()), for_inspection=True))
    bengali = PDF.render(replace(invoice_document(copies=(), language=Language.BN), for_inspection=True))
    (text,) = pages_text(english)

    assert ENGLISH.inspection_copy.lower() in text.lower()
    assert "HO/2024-25/000001" in text
    assert "ORIGINAL / " not in text
    assert all(draws_word(drawn_glyphs(bengali), word, BENGALI_FONTS[1]) for word in ("পরিদর্শন", "কপি"))


@pytest.mark.parametrize(("language", "watermark"), [(Language.EN, ENGLISH.draft), (Language.BN, BENGALI.draft)])
def test_a_draft_is_watermarked_and_has_no_serial(language: Language, watermark: str) -> None:
    pdf = PDF.render(invoice_document(issued=False, language=language))
    (text,) = pages_text(pdf)

    assert "HO/" not in text
    assert "2024-25" not in text
    if language is Language.EN:
        assert watermark in text
    else:
        assert all(draws_word(drawn_glyphs(pdf), word, BENGALI_FONTS[1]) for word in watermark.split(" – "))


def test_a_cancelled_tax_invoice_keeps_its_serial_under_a_cancelled_watermark() -> None:
    issued = pages_text(PDF.render(invoice_document(cancelled=True, copies=(CopyKind.DUPLICATE,))))[0]
    draft = pages_text(PDF.render(invoice_document(issued=False, cancelled=True)))[0]

    assert "CANCELLED" in issued
    assert "HO/2024-25/000001" in issued
    assert "CANCELLED – not a tax invoice" in draft


def test_a_thousand_lines_paginate_with_the_column_header_on_every_page_and_totals_on_the_last() -> None:
    lines = tuple(LineInput(f"Steel rod, grade {n}", Decimal(1), Decimal(100)) for n in range(1, 1001))
    pages = pages_text(PDF.render(invoice_document(buyer_draft(lines), copies=(CopyKind.DUPLICATE,))))

    assert len(pages) > 10
    assert all("Unit price (Taka)" in page and "(11)" in page for page in pages)
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    assert all("HO/2024-25/000001" in page for page in pages)
    assert ["In words" in page for page in pages] == [False] * (len(pages) - 1) + [True]
    assert "Steel rod, grade 1000" in pages[-1]
    assert "1,00,000.00" in pages[-1]


def test_the_html_shows_the_same_form_and_escapes_what_users_typed() -> None:
    draft = buyer_draft((LineInput("<script>alert(1)</script> rods", Decimal(1), Decimal(100)),))
    html = HtmlRenderer().render(invoice_document(draft, copies=())).decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt; rods" in html
    assert "<script>" not in html
    assert ENGLISH.screen_view in html
    assert 'url("/assets/fonts/NotoSansBengali-Regular.ttf")' in html
    assert all(label in html for label in _labels(Language.EN) if "'" not in label)
