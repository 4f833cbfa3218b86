"""The Mushak-9.1 as the NBR prints it: its twelve parts and its 68 notes, in English and in Bengali.

Pure data, read by the documents and the exports: which part a note is in, its label, the columns
it fills, the formula the form prints beside a computed note, the treasury account code of a
deposit, and the order the NBR's online form asks for the notes (1 to 68, as on paper).

Sources (bangladesh-vat-returns.md §1.1, §1.2):
- The layout and the English labels: the NBR-generated samples of 2020 and 2024 and the template in
  `takeitkhan/legaltech tax-backend/resources/views/reports/report_nine_point_one.blade.php` (CERTAIN
  for the labels, from several agreeing samples).
- The Bengali labels: the current-numbering Bengali form in code index id 45579728670, with the NBR's
  own terms where the 2019 Bengali form (code index id 31711041829) and the 2019 printed sample agree
  on them (মূসক for VAT, উপকরণ কর রেয়াত for input tax credit, বৃদ্ধিকারী/হ্রাসকারী সমন্বয়, সমাপনী জের
  for closing balance). LIKELY: no Bengali form straight from the NBR was read.
- Notes 56/57's cap of 10% is §1.2's; one Bengali rendering says 30% (UNCERTAIN, see docs/vat-return.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Column(StrEnum):
    """The figures a note's row has: value (a), SD (b), VAT (c) in part 3; value (a), VAT (b) in part 4;
    one amount from part 5 on."""

    VALUE = "VALUE"
    SD = "SD"
    VAT = "VAT"
    AMOUNT = "AMOUNT"


SUPPLY_COLUMNS = (Column.VALUE, Column.SD, Column.VAT)
PURCHASE_COLUMNS = (Column.VALUE, Column.VAT)
VALUE_ONLY = (Column.VALUE,)
AMOUNT_ONLY = (Column.AMOUNT,)


@dataclass(frozen=True, slots=True)
class Words:
    en: str
    bn: str


@dataclass(frozen=True, slots=True)
class Part:
    number: int
    heading: Words
    # The heading of the table's first column: the nature of the supply, of the purchase, the adjustment...
    item_heading: Words | None
    # The columns the part's table prints (a note's own columns are among them; the rest are shaded).
    columns: tuple[Column, ...]


@dataclass(frozen=True, slots=True)
class FormNote:
    note: int
    part: int
    label: Words
    # The row heading a group of notes shares ("Zero-rated goods/services" over direct and deemed export).
    group: Words | None
    columns: tuple[Column, ...]
    # As the form prints it beside the label, "34 = 9(c) minus 23(b) plus 28 minus 33"; None for a note of documents.
    formula: Words | None = None
    # Part 9's economic code of the treasury deposit (the commissionerate's group is per BIN: UNCERTAIN).
    account_code: str | None = None
    # Whether the form gives the note a sub-form of the documents that make up its figure.
    sub_form: bool = True
    total: bool = False


_BENGALI = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
_COLUMN_LETTERS = {"(a)": "(ক)", "(b)": "(খ)", "(c)": "(গ)"}


def _w(en: str, bn: str) -> Words:
    return Words(en, bn)


def _signs(text: str) -> str:
    """Formulas are written here with - and *; the form prints the minus and the multiplication signs."""
    return text.replace(" - ", " \N{MINUS SIGN} ").replace(" * ", " \N{MULTIPLICATION SIGN} ")


def _fw(en: str, bn: str) -> Words:
    """A formula with words in it, in each language."""
    return Words(_signs(en), _signs(bn))


def _f(formula: str) -> Words:
    """A formula of note numbers, as printed: Bengali digits, and (ক) (খ) (গ) for the columns (a) (b) (c)."""
    formula = _signs(formula)
    bengali = formula
    for letter, bengali_letter in _COLUMN_LETTERS.items():
        bengali = bengali.replace(letter, bengali_letter)
    return Words(formula, bengali.translate(_BENGALI))


PARTS: tuple[Part, ...] = (
    Part(1, _w("Part-1: Taxpayer's information", "অংশ-১: করদাতার তথ্য"), None, ()),
    Part(2, _w("Part-2: Return submission data", "অংশ-২: দাখিলপত্র জমার তথ্য"), None, ()),
    Part(
        3,
        _w("Part-3: Supply – output tax", "অংশ-৩: সরবরাহ – উৎপাদ কর"),
        _w("Nature of supply", "সরবরাহের প্রকৃতি"),
        SUPPLY_COLUMNS,
    ),
    Part(
        4,
        _w("Part-4: Purchase – input tax", "অংশ-৪: ক্রয় – উপকরণ কর"),
        _w("Nature of purchases", "ক্রয়ের প্রকৃতি"),
        PURCHASE_COLUMNS,
    ),
    Part(
        5,
        _w("Part-5: Increasing adjustments (VAT)", "অংশ-৫: বৃদ্ধিকারী সমন্বয় (মূসক)"),
        _w("Adjustment details", "সমন্বয়ের বিবরণ"),
        AMOUNT_ONLY,
    ),
    Part(
        6,
        _w("Part-6: Decreasing adjustments (VAT)", "অংশ-৬: হ্রাসকারী সমন্বয় (মূসক)"),
        _w("Adjustment details", "সমন্বয়ের বিবরণ"),
        AMOUNT_ONLY,
    ),
    Part(7, _w("Part-7: Net tax calculation", "অংশ-৭: নিট কর হিসাব"), _w("Items", "বিষয়সমূহ"), AMOUNT_ONLY),
    Part(
        8,
        _w(
            "Part-8: Adjustment for old account current balance",
            "অংশ-৮: পুরাতন চলতি হিসাবের স্থিতির সমন্বয়",
        ),
        _w("Items", "বিষয়সমূহ"),
        AMOUNT_ONLY,
    ),
    Part(
        9,
        _w(
            "Part-9: Accounts code wise payment schedule (treasury deposit)",
            "অংশ-৯: হিসাব কোড অনুযায়ী পরিশোধের তফসিল (ট্রেজারি জমা)",
        ),
        _w("Items", "বিষয়সমূহ"),
        AMOUNT_ONLY,
    ),
    Part(10, _w("Part-10: Closing balance", "অংশ-১০: সমাপনী জের"), _w("Items", "বিষয়সমূহ"), AMOUNT_ONLY),
    Part(11, _w("Part-11: Refund", "অংশ-১১: ফেরত"), _w("Items", "বিষয়সমূহ"), AMOUNT_ONLY),
    Part(12, _w("Part-12: Declaration", "অংশ-১২: ঘোষণা"), None, ()),
)

_ZERO_RATED = _w("Zero-rated goods/services", "শূন্যহার বিশিষ্ট পণ্য/সেবা")
_EXEMPT = _w("Exempted goods/services", "অব্যাহতিপ্রাপ্ত পণ্য/সেবা")
_STANDARD = _w("Standard-rated goods/services", "আদর্শ হার বিশিষ্ট পণ্য/সেবা")
_OTHER_RATE = _w("Goods/services other than standard rate", "আদর্শ হার ব্যতীত অন্যান্য হারের পণ্য/সেবা")
_SPECIFIC = _w("Goods/services based on specific VAT", "সুনির্দিষ্ট করভিত্তিক পণ্য/সেবা")
_NOT_ADMISSIBLE = _w(
    "Goods/services not admissible for credit (local purchase)",
    "রেয়াতযোগ্য নয় এরূপ পণ্য/সেবা (স্থানীয় ক্রয়)",
)
_NOT_ADMISSIBLE_SELLERS = _w(
    "Goods/services not admissible for credit (taxpayers who sell only exempted, specific-VAT or "
    "other-than-standard-rate goods/services, or credits not taken within the stipulated time)",
    "রেয়াতযোগ্য নয় এরূপ পণ্য/সেবা (যেসকল করদাতা শুধুমাত্র অব্যাহতিপ্রাপ্ত/সুনির্দিষ্ট কর/আদর্শ হার ব্যতীত "
    "অন্যান্য হারের পণ্য/সেবা বিক্রয় করেন অথবা নির্ধারিত সময়ের মধ্যে রেয়াত গ্রহণ করা হয়নি)",
)
_LOCAL = _w("Local purchase", "স্থানীয় ক্রয়")
_IMPORT = _w("Import", "আমদানি")
_VAT_ACCOUNT, _SD_ACCOUNT = "1/1133/0015/0311", "1/1133/0015/0711"


def _supply(
    note: int, label: Words, group: Words | None = None, columns: tuple[Column, ...] = SUPPLY_COLUMNS
) -> FormNote:
    return FormNote(note, 3, label, group, columns)


def _purchase(note: int, label: Words, group: Words | None, columns: tuple[Column, ...] = PURCHASE_COLUMNS) -> FormNote:
    return FormNote(note, 4, label, group, columns)


def _amount(
    part: int,
    note: int,
    label: Words,
    formula: Words | None = None,
    *,
    sub_form: bool | None = None,
    total: bool = False,
    account_code: str | None = None,
) -> FormNote:
    """A note of one amount; a note the form computes from others has no sub-form unless it says so."""
    return FormNote(
        note,
        part,
        label,
        None,
        AMOUNT_ONLY,
        formula,
        account_code,
        formula is None if sub_form is None else sub_form,
        total,
    )


NOTES: tuple[FormNote, ...] = (
    # Part 3: supply, output tax. Exports and exempt supplies have a value only.
    _supply(1, _w("Direct export", "সরাসরি রপ্তানি"), _ZERO_RATED, VALUE_ONLY),
    _supply(2, _w("Deemed export", "প্রচ্ছন্ন রপ্তানি"), _ZERO_RATED, VALUE_ONLY),
    _supply(3, _EXEMPT, None, VALUE_ONLY),
    _supply(4, _STANDARD),
    _supply(5, _w("Goods based on MRP", "সর্বোচ্চ খুচরা মূল্যভিত্তিক পণ্য")),
    _supply(6, _SPECIFIC),
    _supply(7, _OTHER_RATE),
    _supply(8, _w("Retail/wholesale/trade based supply", "খুচরা/পাইকারি/ব্যবসায়ী ভিত্তিক সরবরাহ")),
    FormNote(
        9,
        3,
        _w("Total sales value and total payable taxes", "মোট বিক্রয়মূল্য ও মোট প্রদেয় কর"),
        None,
        SUPPLY_COLUMNS,
        _f("9 = 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8"),
        sub_form=False,
        total=True,
    ),
    # Part 4: purchase, input tax. Zero-rated, exempt and not-admissible purchases have a value only.
    _purchase(10, _LOCAL, _ZERO_RATED, VALUE_ONLY),
    _purchase(11, _IMPORT, _ZERO_RATED, VALUE_ONLY),
    _purchase(12, _LOCAL, _EXEMPT, VALUE_ONLY),
    _purchase(13, _IMPORT, _EXEMPT, VALUE_ONLY),
    _purchase(14, _LOCAL, _STANDARD),
    _purchase(15, _IMPORT, _STANDARD),
    _purchase(16, _LOCAL, _OTHER_RATE),
    _purchase(17, _IMPORT, _OTHER_RATE),
    _purchase(18, _LOCAL, _SPECIFIC),
    _purchase(19, _w("From turnover tax units", "টার্নওভার করভুক্ত প্রতিষ্ঠান হতে"), _NOT_ADMISSIBLE, VALUE_ONLY),
    _purchase(20, _w("From unregistered entities", "অনিবন্ধিত প্রতিষ্ঠান হতে"), _NOT_ADMISSIBLE, VALUE_ONLY),
    # The 2023 sample shows the VAT of 21/22 (bangladesh-vat-returns.md §1.2), though it is not credited.
    _purchase(21, _LOCAL, _NOT_ADMISSIBLE_SELLERS),
    _purchase(22, _IMPORT, _NOT_ADMISSIBLE_SELLERS),
    FormNote(
        23,
        4,
        _w("Total input tax credit", "মোট উপকরণ কর রেয়াত"),
        None,
        PURCHASE_COLUMNS,
        _fw("23(b) = creditable VAT of 10 to 22", "২৩(খ) = ১০ হতে ২২ এর রেয়াতযোগ্য মূসক"),
        sub_form=False,
        total=True,
    ),
    # Part 5: increasing adjustments.
    _amount(
        5,
        24,
        _w(
            "Due to VAT deducted at source by the supply receiver",
            "সরবরাহ গ্রহীতা কর্তৃক উৎসে কর্তনের কারণে",
        ),
        sub_form=True,
    ),
    _amount(
        5,
        25,
        _w(
            "Payment not made through banking channel",
            "ব্যাংকিং চ্যানেলে মূল্য পরিশোধ না করার কারণে",
        ),
        sub_form=True,
    ),
    _amount(5, 26, _w("Issuance of debit note", "ডেবিট নোট ইস্যুর কারণে"), sub_form=True),
    _amount(5, 27, _w("Any other adjustments (please specify)", "অন্য কোনো সমন্বয় (অনুগ্রহ করে উল্লেখ করুন)"), sub_form=True),
    _amount(5, 28, _w("Total increasing adjustment", "মোট বৃদ্ধিকারী সমন্বয়"), _f("28 = 24 + 25 + 26 + 27"), total=True),
    # Part 6: decreasing adjustments.
    _amount(
        6,
        29,
        _w(
            "Due to VAT deducted at source from the supplies delivered",
            "প্রদত্ত সরবরাহ হতে উৎসে কর্তনের কারণে",
        ),
        sub_form=True,
    ),
    _amount(6, 30, _w("Advance tax paid at import stage", "আমদানি পর্যায়ে পরিশোধিত অগ্রিম কর"), sub_form=True),
    _amount(6, 31, _w("Issuance of credit note", "ক্রেডিট নোট ইস্যুর কারণে"), sub_form=True),
    _amount(6, 32, _w("Any other adjustments (please specify)", "অন্য কোনো সমন্বয় (অনুগ্রহ করে উল্লেখ করুন)"), sub_form=True),
    _amount(6, 33, _w("Total decreasing adjustment", "মোট হ্রাসকারী সমন্বয়"), _f("33 = 29 + 30 + 31 + 32"), total=True),
    # Part 7: net tax calculation.
    _amount(
        7,
        34,
        _w(
            "Net payable VAT for the tax period (section 45)",
            "কর মেয়াদের নিট প্রদেয় মূসক (ধারা ৪৫)",
        ),
        _f("34 = 9(c) - 23(b) + 28 - 33"),
        total=True,
    ),
    _amount(
        7,
        35,
        _w(
            "Net payable VAT for the tax period after adjustment with closing balance and balance of form 18.6",
            "সমাপনী জের ও মূসক-১৮.৬ এর জেরের সহিত সমন্বয়ের পর কর মেয়াদের নিট প্রদেয় মূসক",
        ),
        _f("35 = 34 - (52 + 56)"),
    ),
    _amount(
        7,
        36,
        _w(
            "Net payable supplementary duty for the tax period (before adjustment with closing balance)",
            "কর মেয়াদের নিট প্রদেয় সম্পূরক শুল্ক (সমাপনী জেরের সহিত সমন্বয়ের পূর্বে)",
        ),
        _f("36 = 9(b) + 38 - (39 + 40)"),
    ),
    _amount(
        7,
        37,
        _w(
            "Net payable supplementary duty for the tax period after adjustment with closing balance and balance "
            "of form 18.6",
            "সমাপনী জের ও মূসক-১৮.৬ এর জেরের সহিত সমন্বয়ের পর কর মেয়াদের নিট প্রদেয় সম্পূরক শুল্ক",
        ),
        _f("37 = 36 - (53 + 57)"),
    ),
    _amount(
        7,
        38,
        _w("Supplementary duty against issuance of debit note", "ডেবিট নোট ইস্যুর বিপরীতে সম্পূরক শুল্ক"),
        sub_form=True,
    ),
    _amount(
        7,
        39,
        _w("Supplementary duty against issuance of credit note", "ক্রেডিট নোট ইস্যুর বিপরীতে সম্পূরক শুল্ক"),
        sub_form=True,
    ),
    _amount(
        7,
        40,
        _w("Supplementary duty paid on inputs against exports", "রপ্তানির বিপরীতে উপকরণে পরিশোধিত সম্পূরক শুল্ক"),
        sub_form=True,
    ),
    _amount(
        7, 41, _w("Interest on overdue VAT (based on note 35)", "বকেয়া মূসকের উপর সুদ (নোট ৩৫ এর ভিত্তিতে)"), sub_form=False
    ),
    _amount(
        7,
        42,
        _w("Interest on overdue SD (based on note 37)", "বকেয়া সম্পূরক শুল্কের উপর সুদ (নোট ৩৭ এর ভিত্তিতে)"),
        sub_form=False,
    ),
    _amount(
        7, 43, _w("Fine/penalty for non-submission of return", "দাখিলপত্র পেশ না করার জন্য জরিমানা/অর্থদণ্ড"), sub_form=False
    ),
    _amount(7, 44, _w("Other fine/penalty/interest", "অন্যান্য জরিমানা/অর্থদণ্ড/সুদ"), sub_form=False),
    _amount(7, 45, _w("Payable excise duty", "প্রদেয় আবগারি শুল্ক"), sub_form=False),
    _amount(7, 46, _w("Payable development surcharge", "প্রদেয় উন্নয়ন সারচার্জ"), sub_form=False),
    _amount(7, 47, _w("Payable ICT development surcharge", "প্রদেয় তথ্য প্রযুক্তি উন্নয়ন সারচার্জ"), sub_form=False),
    _amount(7, 48, _w("Payable health care surcharge", "প্রদেয় স্বাস্থ্য সুরক্ষা সারচার্জ"), sub_form=False),
    _amount(7, 49, _w("Payable environmental protection surcharge", "প্রদেয় পরিবেশ সুরক্ষা সারচার্জ"), sub_form=False),
    _amount(
        7,
        50,
        _w("Net payable VAT for treasury deposit", "ট্রেজারিতে জমার জন্য নিট প্রদেয় মূসক"),
        _f("50 = 35 + 41 + 43 + 44"),
        total=True,
    ),
    _amount(
        7,
        51,
        _w("Net payable SD for treasury deposit", "ট্রেজারিতে জমার জন্য নিট প্রদেয় সম্পূরক শুল্ক"),
        _f("51 = 37 + 42"),
        total=True,
    ),
    _amount(
        7,
        52,
        _w("Closing balance of last tax period (VAT)", "বিগত কর মেয়াদের সমাপনী জের (মূসক)"),
        _fw("52 = 65 of the last return", "৫২ = বিগত দাখিলপত্রের ৬৫"),
    ),
    _amount(
        7,
        53,
        _w("Closing balance of last tax period (SD)", "বিগত কর মেয়াদের সমাপনী জের (সম্পূরক শুল্ক)"),
        _fw("53 = 66 of the last return", "৫৩ = বিগত দাখিলপত্রের ৬৬"),
    ),
    # Part 8: the 1991 regime's account current (Mushak-18.6), rule 118(5).
    _amount(
        8,
        54,
        _w("Remaining balance (VAT) from Mushak-18.6 [rule 118(5)]", "মূসক-১৮.৬ হতে অবশিষ্ট জের (মূসক) [বিধি ১১৮(৫)]"),
        sub_form=False,
    ),
    _amount(
        8,
        55,
        _w(
            "Remaining balance (SD) from Mushak-18.6 [rule 118(5)]",
            "মূসক-১৮.৬ হতে অবশিষ্ট জের (সম্পূরক শুল্ক) [বিধি ১১৮(৫)]",
        ),
        sub_form=False,
    ),
    _amount(
        8,
        56,
        _w(
            "Decreasing adjustment for note 54 (up to 10% of note 34)",
            "নোট ৫৪ এর জন্য হ্রাসকারী সমন্বয় (নোট ৩৪ এর সর্বোচ্চ ১০%)",
        ),
        _f("56 ≤ 10% * 34"),
    ),
    _amount(
        8,
        57,
        _w(
            "Decreasing adjustment for note 55 (up to 10% of note 36)",
            "নোট ৫৫ এর জন্য হ্রাসকারী সমন্বয় (নোট ৩৬ এর সর্বোচ্চ ১০%)",
        ),
        _f("57 ≤ 10% * 36"),
    ),
    # Part 9: treasury deposits by account code (§1.4: a code per BIN in truth; these are the sample's).
    _amount(
        9,
        58,
        _w("VAT deposit for the current tax period", "চলতি কর মেয়াদের জন্য মূসক জমা"),
        sub_form=True,
        account_code=_VAT_ACCOUNT,
    ),
    _amount(
        9,
        59,
        _w("SD deposit for the current tax period", "চলতি কর মেয়াদের জন্য সম্পূরক শুল্ক জমা"),
        sub_form=True,
        account_code=_SD_ACCOUNT,
    ),
    _amount(9, 60, _w("Excise duty", "আবগারি শুল্ক"), sub_form=True, account_code="1/1133/0015/0601"),
    _amount(9, 61, _w("Development surcharge", "উন্নয়ন সারচার্জ"), sub_form=True, account_code="1/1103/0000/2225"),
    _amount(
        9, 62, _w("ICT development surcharge", "তথ্য প্রযুক্তি উন্নয়ন সারচার্জ"), sub_form=True, account_code="1/1103/0000/2214"
    ),
    _amount(9, 63, _w("Health care surcharge", "স্বাস্থ্য সুরক্ষা সারচার্জ"), sub_form=True, account_code="1/1103/0000/2212"),
    _amount(
        9,
        64,
        _w("Environmental protection surcharge", "পরিবেশ সুরক্ষা সারচার্জ"),
        sub_form=True,
        account_code="1/1103/0000/2213",
    ),
    # Part 10: what the next return carries forward (its notes 52 and 53).
    _amount(
        10,
        65,
        _w("Closing balance (VAT)", "সমাপনী জের (মূসক)"),
        _fw("65 = 58 - (50 + 67) + refund not approved", "৬৫ = ৫৮ - (৫০ + ৬৭) + অননুমোদিত ফেরত"),
        total=True,
    ),
    _amount(
        10,
        66,
        _w("Closing balance (SD)", "সমাপনী জের (সম্পূরক শুল্ক)"),
        _fw("66 = 59 - (51 + 68) + refund not approved", "৬৬ = ৫৯ - (৫১ + ৬৮) + অননুমোদিত ফেরত"),
        total=True,
    ),
    # Part 11: refund requested out of the closing balance.
    _amount(11, 67, _w("Requested amount for refund (VAT)", "ফেরতের জন্য আবেদনকৃত অর্থ (মূসক)"), sub_form=False),
    _amount(11, 68, _w("Requested amount for refund (SD)", "ফেরতের জন্য আবেদনকৃত অর্থ (সম্পূরক শুল্ক)"), sub_form=False),
)

# The amount notes that are supplementary duty (the rest of parts 5 to 11 are VAT or its balances):
# a document's entry adds its SD to these and its VAT to the others.
SD_NOTES = frozenset({36, 37, 38, 39, 40, 42, 51, 53, 55, 57, 59, 66, 68})

# The order the NBR's online form asks for the notes: the paper form's, 1 to 68.
ONLINE_ORDER: tuple[int, ...] = tuple(note.note for note in NOTES)
_BY_NUMBER = {note.note: note for note in NOTES}
_PART_BY_NUMBER = {part.number: part for part in PARTS}


def form_note(number: int) -> FormNote:
    return _BY_NUMBER[number]


def part(number: int) -> Part:
    return _PART_BY_NUMBER[number]


def notes_of(part_number: int) -> tuple[FormNote, ...]:
    return tuple(note for note in NOTES if note.part == part_number)
