"""The printed words of the Mushak-6.7 credit note and the Mushak-6.8 debit note, in English and in Bengali.

A note is worded as the tax invoice it adjusts (the NBR header, the parties, the officer, the
page: labels.py), with its own words in place of the invoice's title and marks and beside them
for what only a note has. Both notes cite clause (ছ) of rule 40(1) (bangladesh-vat-returns.md
§4); the Bengali titles are the NBR forms'. Each word stands in English and Bengali side by side.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, NamedTuple

from hisab.invoicing.adapters.documents.labels import LABELS, Labels
from hisab.invoicing.domain.notes import CreditReason, DebitReason, NoteKind
from hisab.kernel.language import Language


@dataclass(frozen=True, slots=True)
class NoteLabels(Labels):
    """The tax invoice's labels, with `columns` the three before the figures: SL, description, unit."""

    note_no: str
    invoice_serial: str
    invoice_issued: str
    reason: str
    # The table's groups of four figures: before the note, the note's change, after the note.
    before: str
    change: str
    after: str
    figures: tuple[str, str, str, str]
    note_total: str
    # Each reason of either kind (CreditReason, DebitReason) in words.
    reasons: Mapping[str, str]

    @property
    def groups(self) -> tuple[str, str, str]:
        return self.before, self.change, self.after


class Bilingual(NamedTuple):
    """One word of the form (or a tuple of them, for a row of headers) in both languages."""

    english: Any
    bengali: Any

    def said_in(self, language: Language) -> Any:
        return self.bengali if language is Language.BN else self.english


# Each word both notes share.
_NOTE: Mapping[str, Bilingual] = {
    "rule": Bilingual("[See clause (g) of sub-rule (1) of rule 40]", "[বিধি ৪০ এর উপ-বিধি (১) এর দফা (ছ)]"),
    "invoice_serial": Bilingual("Tax invoice (Mushak-6.3) No.", "কর চালানপত্র (মূসক-৬.৩) নম্বর"),
    "invoice_issued": Bilingual("Date and time of issue of the tax invoice", "কর চালানপত্র ইস্যুর তারিখ ও সময়"),
    "reason": Bilingual("Reason", "কারণ"),
    "before": Bilingual("Supply before this note", "এই নোটের পূর্বে সরবরাহ"),
    "after": Bilingual("Supply after this note", "এই নোটের পরে সরবরাহ"),
    "columns": Bilingual(
        ("SL No.", "Description of goods or services", "Unit of supply"),
        ("ক্রমিক সংখ্যা", "পণ্য বা সেবার বর্ণনা", "সরবরাহের একক"),
    ),
    "figures": Bilingual(
        ("Quantity", "Value (Taka)", "Supplementary duty (Taka)", "VAT (Taka)"),
        ("পরিমাণ", "মূল্য (টাকায়)", "সম্পূরক শুল্ক (টাকায়)", "মূল্য সংযোজন কর (টাকায়)"),
    ),
}

# The words that differ by kind: the credit note's, then the debit note's.
_BY_KIND: Mapping[str, tuple[Bilingual, Bilingual]] = {
    "title": (Bilingual("Credit Note", "ক্রেডিট নোট"), Bilingual("Debit Note", "ডেবিট নোট")),
    "form": (Bilingual("Mushak-6.7", "মূসক-৬.৭"), Bilingual("Mushak-6.8", "মূসক-৬.৮")),
    "note_no": (Bilingual("Credit note No.", "ক্রেডিট নোট নম্বর"), Bilingual("Debit note No.", "ডেবিট নোট নম্বর")),
    "change": (
        Bilingual("Decreasing adjustment by this note", "এই নোটে হ্রাসকারী সমন্বয়"),
        Bilingual("Increasing adjustment by this note", "এই নোটে বৃদ্ধিকারী সমন্বয়"),
    ),
    "note_total": (
        Bilingual("Total decrease including supplementary duty and VAT", "সম্পূরক শুল্ক ও মূল্য সংযোজন করসহ মোট হ্রাস"),
        Bilingual("Total increase including supplementary duty and VAT", "সম্পূরক শুল্ক ও মূল্য সংযোজন করসহ মোট বৃদ্ধি"),
    ),
    "screen_view": (
        Bilingual("Screen view – the credit note is the printed PDF", "পর্দায় দেখার কপি – ক্রেডিট নোট হলো মুদ্রিত পিডিএফ"),
        Bilingual("Screen view – the debit note is the printed PDF", "পর্দায় দেখার কপি – ডেবিট নোট হলো মুদ্রিত পিডিএফ"),
    ),
    "inspection_copy": (
        Bilingual("Inspection copy – not a credit note", "পরিদর্শন কপি – ক্রেডিট নোট নয়"),
        Bilingual("Inspection copy – not a debit note", "পরিদর্শন কপি – ডেবিট নোট নয়"),
    ),
}

# Each reason a note may give, in (English, Bengali) words.
REASONS: tuple[tuple[CreditReason | DebitReason, str, str], ...] = (
    (CreditReason.RETURN, "Return of the goods or services supplied", "সরবরাহকৃত পণ্য বা সেবা ফেরত"),
    (CreditReason.PRICE_REDUCTION, "Reduction of the price", "মূল্য হ্রাস"),
    (CreditReason.QUANTITY_SHORTFALL, "Shortfall in the quantity supplied", "সরবরাহের পরিমাণে ঘাটতি"),
    (CreditReason.CANCELLATION, "Cancellation of the supply", "সরবরাহ বাতিল"),
    (CreditReason.OTHER, "Other", "অন্যান্য"),
    (DebitReason.PRICE_INCREASE, "Increase of the price", "মূল্য বৃদ্ধি"),
    (DebitReason.ADDITIONAL_QUANTITY, "Additional quantity supplied", "অতিরিক্ত পরিমাণ সরবরাহ"),
)

_KIND = {NoteKind.CREDIT: 0, NoteKind.DEBIT: 1}


def _labels(kind: NoteKind, language: Language) -> NoteLabels:
    invoice = LABELS[language]
    words: dict[str, Any] = {field.name: getattr(invoice, field.name) for field in fields(Labels)}
    words.update({name: said.said_in(language) for name, said in _NOTE.items()})
    words.update({name: kinds[_KIND[kind]].said_in(language) for name, kinds in _BY_KIND.items()})
    reasons = {reason.value: Bilingual(english, bengali).said_in(language) for reason, english, bengali in REASONS}
    return NoteLabels(**words, reasons=reasons)


NOTE_LABELS = {(kind, language): _labels(kind, language) for kind in NoteKind for language in Language}
