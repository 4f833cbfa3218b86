"""The printed words of the Mushak-6.3 form, in English and in Bengali.

The Bengali follows the NBR form and the wording of the VAT and SD Rules 2016; the English is
the translation used on English-language versions of the form.
"""

from __future__ import annotations

from dataclasses import dataclass

from hisab.invoicing.domain.printing import CopyKind
from hisab.kernel.language import Language


@dataclass(frozen=True, slots=True)
class Labels:
    government: str
    nbr: str
    title: str
    rule: str
    form: str
    supplier_name: str
    supplier_bin: str
    issuing_address: str
    buyer_name: str
    buyer_bin: str
    buyer_address: str
    destination: str
    challan_no: str
    issue_date: str
    issue_time: str
    reference: str
    columns: tuple[str, ...]
    total: str
    in_words: str
    officer: str
    designation: str
    signature: str
    seal: str
    footnote: str
    draft: str
    cancelled: str
    not_issued: str
    screen_view: str
    inspection_copy: str
    exempt: str
    page: str
    of: str


ENGLISH = Labels(
    government="Government of the People's Republic of Bangladesh",
    nbr="National Board of Revenue",
    title="Tax Challan (Tax Invoice)",
    rule="[See clauses (c) and (f) of sub-rule (1) of rule 40]",
    form="Mushak-6.3",
    supplier_name="Name of registered person",
    supplier_bin="BIN of registered person",
    issuing_address="Challan issuing address",
    buyer_name="Name of purchaser",
    buyer_bin="BIN of purchaser",
    buyer_address="Address of purchaser",
    destination="Destination of supply",
    challan_no="Challan No.",
    issue_date="Date of issue",
    issue_time="Time of issue",
    reference="Invoice reference",
    columns=(
        "SL No.",
        "Description of goods or services (with brand name, where applicable)",
        "Unit of supply",
        "Quantity",
        "Unit price (Taka)",
        "Total value (Taka)",
        "Supplementary duty rate",
        "Supplementary duty (Taka)",
        "VAT rate / specific tax",
        "VAT / specific tax (Taka)",
        "Value including all duties and taxes (Taka)",
    ),
    total="Total",
    in_words="In words",
    officer="Name of the officer-in-charge of the organisation",
    designation="Designation",
    signature="Signature",
    seal="Seal",
    footnote=(
        "* Where a withholding entity deducts the VAT withholdable at source on this supply, this challan "
        "shall be treated as a combined tax invoice cum withholding certificate."
    ),
    draft="DRAFT – not a tax invoice",
    cancelled="CANCELLED",
    not_issued="not a tax invoice",
    screen_view="Screen view – the tax invoice is the printed PDF",
    inspection_copy="Inspection copy – not a tax invoice",
    exempt="Exempt",
    page="Page",
    of="of",
)

BENGALI = Labels(
    government="গণপ্রজাতন্ত্রী বাংলাদেশ সরকার",
    nbr="জাতীয় রাজস্ব বোর্ড",
    title="কর চালানপত্র",
    rule="[বিধি ৪০ এর উপ-বিধি (১) এর দফা (গ) ও দফা (চ) দ্রষ্টব্য]",
    form="মূসক-৬.৩",
    supplier_name="নিবন্ধিত ব্যক্তির নাম",
    supplier_bin="নিবন্ধিত ব্যক্তির বিআইএন",
    issuing_address="চালানপত্র ইস্যুর ঠিকানা",
    buyer_name="ক্রেতার নাম",
    buyer_bin="ক্রেতার বিআইএন",
    buyer_address="ক্রেতার ঠিকানা",
    destination="সরবরাহের গন্তব্যস্থল",
    challan_no="চালানপত্র নম্বর",
    issue_date="ইস্যুর তারিখ",
    issue_time="ইস্যুর সময়",
    reference="চালান সূত্র",
    columns=(
        "ক্রমিক সংখ্যা",
        "পণ্য বা সেবার বর্ণনা (প্রযোজ্য ক্ষেত্রে ব্র্যান্ড নামসহ)",
        "সরবরাহের একক",
        "পরিমাণ",
        "একক মূল্য (টাকায়)",
        "মোট মূল্য (টাকায়)",
        "সম্পূরক শুল্কের হার",
        "সম্পূরক শুল্কের পরিমাণ (টাকায়)",
        "মূল্য সংযোজন করের হার / সুনির্দিষ্ট কর",
        "মূল্য সংযোজন কর / সুনির্দিষ্ট কর এর পরিমাণ (টাকায়)",
        "সকল প্রকার শুল্ক ও করসহ মূল্য (টাকায়)",
    ),
    total="সর্বমোট",
    in_words="কথায়",
    officer="প্রতিষ্ঠান কর্তৃপক্ষের দায়িত্বপ্রাপ্ত ব্যক্তির নাম",
    designation="পদবি",
    signature="স্বাক্ষর",
    seal="সিল",
    footnote=(
        "* উৎসে কর কর্তনকারী সত্তার নিকট সরবরাহের ক্ষেত্রে ওই সত্তা কর্তৃক উৎসে কর্তনযোগ্য কর কর্তন করা হইলে, "
        "এই চালানপত্রটি সমন্বিত কর চালানপত্র ও উৎসে কর কর্তন সনদপত্র হিসাবে বিবেচিত হইবে।"
    ),
    draft="খসড়া – কর চালানপত্র নয়",
    cancelled="বাতিল",
    not_issued="কর চালানপত্র নয়",
    screen_view="পর্দায় দেখার কপি – কর চালানপত্র হলো মুদ্রিত পিডিএফ",
    inspection_copy="পরিদর্শন কপি – কর চালানপত্র নয়",
    exempt="অব্যাহতিপ্রাপ্ত",
    page="পৃষ্ঠা",
    of="/",
)

LABELS = {Language.EN: ENGLISH, Language.BN: BENGALI}

# Both languages on every copy mark: the buyer and an auditor must see it whatever they read.
COPY_MARKS = {
    CopyKind.ORIGINAL: "Original / মূল কপি",
    CopyKind.SUPPLIER: "Supplier's copy / সরবরাহকারীর কপি",
    CopyKind.DUPLICATE: "Duplicate / প্রতিলিপি",
}
