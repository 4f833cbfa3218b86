"""The printed words of the Mushak-9.1 around its notes, in English and in Bengali.

The notes' own labels and the parts' headings are the form's catalogue (vat_return.domain.form);
these are the rest: the head, the fields of parts 1, 2 and 12, the columns, the sub-forms. The
Bengali follows the NBR's 9.1 (see form.py for the sources); the English is the NBR's English form.
"""

from __future__ import annotations

from dataclasses import dataclass

from hisab.kernel.language import Language
from hisab.vat_return.application.return_views import ReturnType
from hisab.vat_return.domain.form import Column


@dataclass(frozen=True, slots=True)
class ReturnLabels:
    government: str
    nbr: str
    title: str
    rule: str
    form: str
    instruction: str
    bin: str
    taxpayer_name: str
    taxpayer_address: str
    tax_period: str
    return_type: str
    return_types: dict[ReturnType | None, str]
    activity: str
    activity_hint: str
    yes: str
    no: str
    submission_date: str
    due_date: str
    status: str
    statuses: dict[str, str]
    note: str
    columns: dict[Column, str]
    account_code: str
    sub_form: str
    sub_forms: str
    sub_form_of: str
    sub_form_columns: tuple[str, ...]
    deposit_columns: tuple[str, ...]
    total: str
    more_lines: str
    declaration: str
    signer_fields: tuple[str, ...]
    signature: str
    draft: str
    in_taka: str
    page: str
    of: str


ENGLISH = ReturnLabels(
    government="Government of the People's Republic of Bangladesh",
    nbr="National Board of Revenue",
    title="Value Added Tax Return Form",
    rule="[See rule 47(1)]",
    form="Mushak-9.1",
    instruction="[Please read the instructions before filling up this form]",
    bin="BIN",
    taxpayer_name="Name of taxpayer",
    taxpayer_address="Address of taxpayer",
    tax_period="Tax period",
    return_type="Type of return",
    return_types={
        ReturnType.ORIGINAL: "(a) Main/original return (section 64)",
        ReturnType.LATE: "(b) Late return (section 65)",
        ReturnType.AMENDED: "(c) Amended return (section 66)",
        # Section 67's full, additional or alternative return is one Hisab does not file.
        None: "(d) Full or additional or alternative return (section 67)",
    },
    activity="Any activities in this tax period?",
    activity_hint='[If "No", please fill only the relevant parts]',
    yes="Yes",
    no="No",
    submission_date="Date of submission",
    due_date="Due date",
    status="Status in Hisab",
    statuses={
        "OPEN": "Open: computed from the records as they are now",
        "PREPARED": "Prepared: a draft frozen on {day}",
        "SUBMITTED": "Submitted on {day}, reference {reference}",
        "AMENDED": "Amended ({count}) after its submission on {day}, reference {reference}",
    },
    note="Note",
    columns={Column.VALUE: "Value", Column.SD: "SD", Column.VAT: "VAT", Column.AMOUNT: "Amount"},
    account_code="Account code",
    sub_form="Sub-form",
    sub_forms="Sub-forms",
    sub_form_of="Sub-form of note {note}",
    sub_form_columns=(
        "SL",
        "Document no.",
        "Date",
        "Name of counterparty",
        "BIN / NID",
        "Goods/service code",
        "Goods/service commercial description",
        "Value",
        "SD",
        "VAT",
    ),
    deposit_columns=("SL", "Challan no.", "Date", "Account code", "Amount"),
    total="Total",
    more_lines="… and {count} more lines, counted in the total: the JSON and CSV exports list every line",
    declaration=(
        "I hereby declare that all information provided in this return form is complete, true and accurate. "
        "In case of any untrue or incomplete statement, I may be subjected to penal action under the Value "
        "Added Tax and Supplementary Duty Act, 2012 or any other applicable act prevailing at present."
    ),
    signer_fields=("Name", "Designation", "Mobile number", "National ID/Passport number", "Email"),
    signature="Signature [not required for electronic submission]",
    draft="DRAFT",
    in_taka="Amounts in Taka",
    page="Page",
    of="of",
)

BENGALI = ReturnLabels(
    government="গণপ্রজাতন্ত্রী বাংলাদেশ সরকার",
    nbr="জাতীয় রাজস্ব বোর্ড",
    title="মূল্য সংযোজন কর দাখিলপত্র",
    rule="[বিধি ৪৭ এর উপ-বিধি (১) দ্রষ্টব্য]",
    form="মূসক-৯.১",
    instruction="[ফরমটি পূরণের পূর্বে নির্দেশিকা পড়ুন]",
    bin="বিআইএন",
    taxpayer_name="করদাতার নাম",
    taxpayer_address="করদাতার ঠিকানা",
    tax_period="কর মেয়াদ",
    return_type="দাখিলপত্রের ধরন",
    return_types={
        ReturnType.ORIGINAL: "(ক) মূল দাখিলপত্র (ধারা ৬৪)",
        ReturnType.LATE: "(খ) বিলম্বিত দাখিলপত্র (ধারা ৬৫)",
        ReturnType.AMENDED: "(গ) সংশোধিত দাখিলপত্র (ধারা ৬৬)",
        None: "(ঘ) পূর্ণাঙ্গ, অতিরিক্ত বা বিকল্প দাখিলপত্র (ধারা ৬৭)",
    },
    activity="এই কর মেয়াদে কোনো কার্যক্রম ছিল কি?",
    activity_hint='[যদি "না" হয় তাহলে শুধু প্রযোজ্য অংশসমূহ পূরণ করুন]',
    yes="হ্যাঁ",
    no="না",
    submission_date="দাখিলপত্র পেশের তারিখ",
    due_date="দাখিলের শেষ তারিখ",
    status="Hisab-এ অবস্থা",
    statuses={
        "OPEN": "চলমান: বর্তমান রেকর্ড হতে হিসাবকৃত",
        "PREPARED": "প্রস্তুত: {day} তারিখে স্থির করা খসড়া",
        "SUBMITTED": "{day} তারিখে দাখিলকৃত, সূত্র {reference}",
        "AMENDED": "{day} তারিখে দাখিলের পর সংশোধিত ({count}), সূত্র {reference}",
    },
    note="নোট",
    columns={Column.VALUE: "মূল্য", Column.SD: "সম্পূরক শুল্ক", Column.VAT: "মূসক", Column.AMOUNT: "পরিমাণ"},
    account_code="হিসাব কোড",
    sub_form="সাবফর্ম",
    sub_forms="সাবফর্মসমূহ",
    sub_form_of="নোট {note} এর সাবফর্ম",
    sub_form_columns=(
        "ক্রমিক",
        "দলিল নম্বর",
        "তারিখ",
        "প্রতিপক্ষের নাম",
        "বিআইএন / এনআইডি",
        "পণ্য/সেবার কোড",
        "পণ্য/সেবার বাণিজ্যিক বর্ণনা",
        "মূল্য",
        "সম্পূরক শুল্ক",
        "মূসক",
    ),
    deposit_columns=("ক্রমিক", "চালান নম্বর", "তারিখ", "হিসাব কোড", "পরিমাণ"),
    total="মোট",
    more_lines="… এবং আরও {count}টি লাইন, মোটে অন্তর্ভুক্ত: জেসন ও সিএসভি এক্সপোর্টে প্রতিটি লাইন রয়েছে",
    declaration=(
        "আমি এই মর্মে ঘোষণা করিতেছি যে, এই দাখিলপত্রে প্রদত্ত সকল তথ্য সম্পূর্ণ, সত্য ও নির্ভুল। কোনো অসত্য বা "
        "অসম্পূর্ণ বিবরণের ক্ষেত্রে আমি মূল্য সংযোজন কর ও সম্পূরক শুল্ক আইন, ২০১২ অথবা বর্তমানে প্রচলিত অন্য "
        "কোনো আইনের অধীন দণ্ডনীয় হইব।"
    ),
    signer_fields=("নাম", "পদবি", "মোবাইল নম্বর", "জাতীয় পরিচয়পত্র/পাসপোর্ট নম্বর", "ইমেইল"),
    signature="স্বাক্ষর [ইলেকট্রনিক দাখিলের ক্ষেত্রে প্রয়োজন নেই]",
    draft="খসড়া",
    in_taka="টাকার অঙ্কে",
    page="পৃষ্ঠা",
    of="/",
)

RETURN_LABELS = {Language.EN: ENGLISH, Language.BN: BENGALI}
