"""The words of the Mushak-6.6 in English and in Bengali (bangladesh-vat-returns.md §3.2).

The heading, the rule it is issued under and the form's number are the form's own words; the
certification is s.49's, naming the three ways the VAT deducted reaches the treasury.
"""

from __future__ import annotations

from dataclasses import dataclass

from hisab.kernel.language import Language


@dataclass(frozen=True, slots=True)
class CertificateLabels:
    government: str
    nbr: str
    title: str
    rule: str
    form: str
    entity_name: str
    entity_address: str
    entity_bin: str
    certificate_no: str
    issue_date: str
    payment_no: str
    certification: str
    columns: tuple[str, ...]
    total: str
    officer: str
    designation: str
    signature: str
    seal: str
    page: str
    of: str


LABELS = {
    Language.EN: CertificateLabels(
        government="Government of the People's Republic of Bangladesh",
        nbr="National Board of Revenue",
        title="Certificate of Tax Deducted at Source",
        rule="[See clause (cha) of sub-rule (1) of rule 40]",
        form="Mushak-6.6",
        entity_name="Name of the withholding entity",
        entity_address="Address of the withholding entity",
        entity_bin="BIN of the withholding entity (if applicable)",
        certificate_no="Certificate No.",
        issue_date="Date of issue",
        payment_no="Payment",
        certification=(
            "This is to certify that VAT has been deducted at source under section 49 of the Value Added Tax and "
            "Supplementary Duty Act, 2012 from the supplies below, and that the VAT so deducted is deposited to "
            "the Government treasury by book transfer / treasury challan / increasing adjustment in the return."
        ),
        columns=(
            "SL",
            "Supplier's name",
            "Supplier's BIN",
            "Tax invoice (Mushak-6.3) No.",
            "Date of issue",
            "Total value of supply (incl. VAT)",
            "VAT amount",
            "VAT deducted at source",
        ),
        total="Total",
        officer="Name of the responsible officer",
        designation="Designation",
        signature="Signature",
        seal="Seal",
        page="Page",
        of="of",
    ),
    Language.BN: CertificateLabels(
        government="গণপ্রজাতন্ত্রী বাংলাদেশ সরকার",
        nbr="জাতীয় রাজস্ব বোর্ড",
        title="উৎসে কর কর্তন সনদপত্র",
        rule="[বিধি ৪০ এর উপ-বিধি (১) এর দফা (চ) দ্রষ্টব্য]",
        form="মূসক-৬.৬",
        entity_name="উৎসে কর কর্তনকারী সত্তার নাম",
        entity_address="উৎসে কর কর্তনকারী সত্তার ঠিকানা",
        entity_bin="উৎসে কর কর্তনকারী সত্তার বিআইএন (প্রযোজ্য ক্ষেত্রে)",
        certificate_no="সনদপত্র নং",
        issue_date="জারির তারিখ",
        payment_no="পরিশোধ",
        certification=(
            "এই মর্মে প্রত্যয়ন করা যাইতেছে যে, মূল্য সংযোজন কর ও সম্পূরক শুল্ক আইন, ২০১২ এর ধারা ৪৯ অনুযায়ী "
            "নিম্নবর্ণিত সরবরাহ হইতে উৎসে মূল্য সংযোজন কর কর্তন করা হইল এবং কর্তনকৃত অর্থ বুক ট্রান্সফার / "
            "ট্রেজারি চালান / দাখিলপত্রে বৃদ্ধিকারী সমন্বয়ের মাধ্যমে সরকারি কোষাগারে জমা করা হইয়াছে।"
        ),
        columns=(
            "ক্রমিক নং",
            "সরবরাহকারীর নাম",
            "সরবরাহকারীর বিআইএন",
            "সংশ্লিষ্ট কর চালানপত্র (মূসক-৬.৩) নং",
            "জারির তারিখ",
            "মোট সরবরাহ মূল্য (মূসকসহ)",
            "মূসকের পরিমাণ",
            "উৎসে কর্তনকৃত মূসকের পরিমাণ",
        ),
        total="সর্বমোট",
        officer="দায়িত্বপ্রাপ্ত কর্মকর্তার নাম",
        designation="পদবি",
        signature="স্বাক্ষর",
        seal="সিল",
        page="পৃষ্ঠা",
        of="এর",
    ),
}
