"""The printed words of the registers, in English and in Bengali, and each row's remarks in words.

The Bengali titles are the forms' own: ক্রয় হিসাব পুস্তক (Mushak-6.1) and বিক্রয় হিসাব পুস্তক (Mushak-6.2).
A header's number in brackets is the form's column it fills; the stock columns (6.1: 3-4 and 15-20, 6.2:
3-8 and 19-20) are not kept for a service business, as the note under the title says (UNCERTAIN, open
question 11). `{reference}` is a document's number, which stays as it was issued.
"""

from __future__ import annotations

from hisab.kernel.language import Language
from hisab.vat_return.application.register_views import Remark, RemarkKind
from hisab.vat_return.domain.entries import Register

TITLES: dict[Language, dict[Register, str]] = {
    Language.EN: {Register.PURCHASES: "Purchase register (Mushak-6.1)", Register.SALES: "Sales register (Mushak-6.2)"},
    Language.BN: {Register.PURCHASES: "ক্রয় হিসাব পুস্তক (মূসক-৬.১)", Register.SALES: "বিক্রয় হিসাব পুস্তক (মূসক-৬.২)"},
}

WORDS: dict[Language, dict[str, str]] = {
    Language.EN: {
        "period": "From {start} to {end}",
        "in_taka": "Amounts in Taka",
        "stock": "Stock columns are left empty: the tenant supplies services (open question 11)",
        "page": "Page",
        "of": "of",
        "total": "Total",
        "serial": "(1) Serial",
        "date": "(2) Date",
        "bill_number": "(5) Invoice / bill of entry no.",
        "bill_date": "(6) Date",
        "supplier": "(7) Supplier",
        "supplier_address": "(8) Address",
        "supplier_id": "(9) BIN / NID",
        "buyer": "(9) Buyer",
        "buyer_address": "(10) Address",
        "buyer_id": "(11) BIN / NID",
        "invoice_number": "(12) Invoice no.",
        "invoice_date": "(13) Date and time",
        "purchase_description": "(10) Description",
        "sale_description": "(14) Description",
        "code": "HS / service code",
        "purchase_quantity": "(11) Quantity",
        "sale_quantity": "(15) Quantity",
        "purchase_value": "(12) Value excluding taxes",
        "sale_value": "(16) Taxable value",
        "purchase_duty": "(13) SD",
        "sale_duty": "(17) SD",
        "purchase_vat": "(14) VAT",
        "sale_vat": "(18) VAT",
        "creditable": "Creditable VAT",
        "remarks": "(21) Remarks",
    },
    Language.BN: {
        "period": "{start} থেকে {end}",
        "in_taka": "অঙ্ক টাকায়",
        "stock": "মজুদের কলামগুলো খালি: করদাতা সেবা সরবরাহকারী (উন্মুক্ত প্রশ্ন ১১)",
        "page": "পৃষ্ঠা",
        "of": "/",
        "total": "মোট",
        "serial": "(১) ক্রমিক নং",
        "date": "(২) তারিখ",
        "bill_number": "(৫) চালানপত্র / বিল অব এন্ট্রি নং",
        "bill_date": "(৬) তারিখ",
        "supplier": "(৭) বিক্রেতা",
        "supplier_address": "(৮) ঠিকানা",
        "supplier_id": "(৯) নিবন্ধন / জাতীয় পরিচয়পত্র নং",
        "buyer": "(৯) ক্রেতা",
        "buyer_address": "(১০) ঠিকানা",
        "buyer_id": "(১১) নিবন্ধন / জাতীয় পরিচয়পত্র নং",
        "invoice_number": "(১২) চালানপত্র নং",
        "invoice_date": "(১৩) তারিখ ও সময়",
        "purchase_description": "(১০) বিবরণ",
        "sale_description": "(১৪) বিবরণ",
        "code": "এইচএস / সেবা কোড",
        "purchase_quantity": "(১১) পরিমাণ",
        "sale_quantity": "(১৫) পরিমাণ",
        "purchase_value": "(১২) মূল্য (সকল প্রকার কর ব্যতীত)",
        "sale_value": "(১৬) করযোগ্য মূল্য",
        "purchase_duty": "(১৩) সম্পূরক শুল্ক",
        "sale_duty": "(১৭) সম্পূরক শুল্ক",
        "purchase_vat": "(১৪) মূসক",
        "sale_vat": "(১৮) মূসক",
        "creditable": "রেয়াতযোগ্য মূসক",
        "remarks": "(২১) মন্তব্য",
    },
}

REMARKS: dict[Language, dict[RemarkKind, str]] = {
    Language.EN: {
        RemarkKind.CREDIT_NOTE: "Credit note on invoice {reference}",
        RemarkKind.DEBIT_NOTE: "Debit note on invoice {reference}",
        RemarkKind.CANCELLED: "Invoice {reference} cancelled",
        RemarkKind.MISSING_BUYER_ID: "The buyer has neither a BIN nor an NID",
        RemarkKind.SUPPLIER_CREDIT_NOTE: "Supplier's credit note on invoice {reference}",
        RemarkKind.SUPPLIER_DEBIT_NOTE: "Supplier's debit note on invoice {reference}",
        RemarkKind.IMPORT: "Import, bill of entry {reference}",
        RemarkKind.INPUT_CREDIT_NOT_TAKEN: "No input tax credit taken",
    },
    Language.BN: {
        RemarkKind.CREDIT_NOTE: "চালানপত্র {reference}-এর ক্রেডিট নোট",
        RemarkKind.DEBIT_NOTE: "চালানপত্র {reference}-এর ডেবিট নোট",
        RemarkKind.CANCELLED: "চালানপত্র {reference} বাতিল",
        RemarkKind.MISSING_BUYER_ID: "ক্রেতার নিবন্ধন বা জাতীয় পরিচয়পত্র নম্বর নেই",
        RemarkKind.SUPPLIER_CREDIT_NOTE: "চালানপত্র {reference}-এর বিপরীতে সরবরাহকারীর ক্রেডিট নোট",
        RemarkKind.SUPPLIER_DEBIT_NOTE: "চালানপত্র {reference}-এর বিপরীতে সরবরাহকারীর ডেবিট নোট",
        RemarkKind.IMPORT: "আমদানি, বিল অব এন্ট্রি {reference}",
        RemarkKind.INPUT_CREDIT_NOT_TAKEN: "উপকরণ কর রেয়াত গৃহীত হয়নি",
    },
}


def remark_text(remark: Remark, language: Language) -> str:
    return REMARKS[language][remark.kind].format(reference=remark.reference or "")


def remarks_text(remarks: tuple[Remark, ...], language: Language) -> str:
    return "; ".join(remark_text(remark, language) for remark in remarks)
