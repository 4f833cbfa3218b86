"""The printed words of the ageing and the statements, in English and in Bengali.

Bengali bookkeeping calls a statement of account হিসাব বিবরণী and the ageing বকেয়ার বয়সভিত্তিক
বিশ্লেষণ. `{day}`, `{start}`, `{end}` and `{amount}` are filled with text already written in the
language's digits; `{number}` is a document's number, which stays as it was issued.
"""

from __future__ import annotations

from hisab.kernel.language import Language
from hisab.receivables.domain.statement import EntryKind

WORDS: dict[Language, dict[str, str]] = {
    Language.EN: {
        "ageing": "Receivables ageing",
        "statement": "Statement of account",
        "as_of": "As of {day}",
        "period": "From {start} to {end}",
        "in_taka": "Amounts in Taka",
        "page": "Page",
        "of": "of",
        "customer_id": "Customer",
        "customer": "Name",
        "current": "Current",
        "past_due": "{days} days",
        "total": "Total",
        "date": "Date",
        "document": "Document and description",
        "debit": "Debit",
        "credit": "Credit",
        "balance": "Balance",
        "opening": "Opening balance",
        "closing": "Closing balance",
        "statement_of": "Customer {customer}",
        "statement_status": "Closing balance {amount}; unapplied advance {advance} (not in the balance)",
        "ageing_status": "Total outstanding {amount}",
    },
    Language.BN: {
        "ageing": "বকেয়ার বয়সভিত্তিক বিশ্লেষণ",
        "statement": "হিসাব বিবরণী",
        "as_of": "{day} তারিখ পর্যন্ত",
        "period": "{start} থেকে {end}",
        "in_taka": "অঙ্ক টাকায়",
        "page": "পৃষ্ঠা",
        "of": "/",
        "customer_id": "ক্রেতা",
        "customer": "নাম",
        "current": "মেয়াদোত্তীর্ণ নয়",
        "past_due": "{days} দিন",
        "total": "মোট",
        "date": "তারিখ",
        "document": "দলিল ও বিবরণ",
        "debit": "ডেবিট",
        "credit": "ক্রেডিট",
        "balance": "স্থিতি",
        "opening": "প্রারম্ভিক স্থিতি",
        "closing": "সমাপনী স্থিতি",
        "statement_of": "ক্রেতা {customer}",
        "statement_status": "সমাপনী স্থিতি {amount}; অসমন্বিত অগ্রিম {advance} (স্থিতির বাইরে)",
        "ageing_status": "মোট বকেয়া {amount}",
    },
}

DESCRIPTIONS: dict[Language, dict[EntryKind, str]] = {
    Language.EN: {
        EntryKind.INVOICE: "Tax invoice {number}",
        EntryKind.DEBIT_NOTE: "Debit note on invoice {invoice}",
        EntryKind.CREDIT_NOTE: "Credit note on invoice {invoice}",
        EntryKind.CANCELLATION: "Invoice {number} cancelled",
        EntryKind.RECEIPT: "Receipt {number} allocated to invoice {invoice}",
        EntryKind.ADVANCE_APPLIED: "Advance of receipt {number} applied to invoice {invoice}",
        EntryKind.VDS: "VAT deducted at source by the customer from invoice {invoice}",
        EntryKind.AIT: "Income tax deducted at source by the customer from invoice {invoice}",
        EntryKind.WRITE_OFF: "Remainder of invoice {invoice} written off",
        EntryKind.BOUNCE: "Cheque of receipt {number} bounced: its settlements are owed again",
        EntryKind.REVERSAL: "Receipt {number} reversed: its settlements are owed again",
    },
    Language.BN: {
        EntryKind.INVOICE: "কর চালানপত্র {number}",
        EntryKind.DEBIT_NOTE: "চালানপত্র {invoice}-এর ডেবিট নোট",
        EntryKind.CREDIT_NOTE: "চালানপত্র {invoice}-এর ক্রেডিট নোট",
        EntryKind.CANCELLATION: "চালানপত্র {number} বাতিল",
        EntryKind.RECEIPT: "রসিদ {number}, চালানপত্র {invoice}-এর বিপরীতে",
        EntryKind.ADVANCE_APPLIED: "রসিদ {number}-এর অগ্রিম, চালানপত্র {invoice}-এর বিপরীতে সমন্বিত",
        EntryKind.VDS: "চালানপত্র {invoice} থেকে ক্রেতার উৎসে কর্তিত ভ্যাট",
        EntryKind.AIT: "চালানপত্র {invoice} থেকে ক্রেতার উৎসে কর্তিত আয়কর",
        EntryKind.WRITE_OFF: "চালানপত্র {invoice}-এর অবশিষ্ট অবলোপন",
        EntryKind.BOUNCE: "রসিদ {number}-এর চেক ফেরত: পরিশোধিত অঙ্ক আবার প্রাপ্য",
        EntryKind.REVERSAL: "রসিদ {number} প্রত্যাহার: পরিশোধিত অঙ্ক আবার প্রাপ্য",
    },
}
