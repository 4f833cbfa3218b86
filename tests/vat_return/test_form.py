"""The Mushak-9.1's catalogue: every note of the form once, in its part, with its columns, labels and formulas."""

from __future__ import annotations

import re

import pytest

from hisab.vat_return.domain.form import (
    NOTES,
    ONLINE_ORDER,
    PARTS,
    PURCHASE_COLUMNS,
    SUPPLY_COLUMNS,
    Column,
    form_note,
    notes_of,
    part,
)


def printed(formula: str) -> str:
    """A formula as written here with -, as printed with the minus sign."""
    return formula.replace(" - ", " \N{MINUS SIGN} ")


BENGALI = re.compile("[\u0980-\u09ff]")
# bangladesh-vat-returns.md §1.1: which notes each part holds.
PART_NOTES = {
    3: range(1, 10), 4: range(10, 24), 5: range(24, 29), 6: range(29, 34), 7: range(34, 54),
    8: range(54, 58), 9: range(58, 65), 10: range(65, 67), 11: range(67, 69),
}  # fmt: skip


def test_the_form_has_every_note_from_1_to_68_once_in_the_online_forms_order() -> None:
    assert [note.note for note in NOTES] == list(range(1, 69))
    assert tuple(range(1, 69)) == ONLINE_ORDER


@pytest.mark.parametrize(("part_number", "numbers"), PART_NOTES.items())
def test_each_note_is_in_the_part_the_form_prints_it_in(part_number: int, numbers: range) -> None:
    assert [note.note for note in notes_of(part_number)] == list(numbers)


def test_there_are_twelve_parts_and_the_first_second_and_last_hold_no_notes() -> None:
    assert [p.number for p in PARTS] == list(range(1, 13))
    assert notes_of(1) == notes_of(2) == notes_of(12) == ()
    assert part(12).heading.en == "Part-12: Declaration"
    assert part(3).heading.bn == "অংশ-৩: সরবরাহ – উৎপাদ কর"


def test_supplies_have_value_sd_and_vat_except_exports_and_exempt_supplies_which_have_a_value() -> None:
    assert [form_note(n).columns for n in (1, 2, 3)] == [(Column.VALUE,)] * 3
    assert all(form_note(n).columns == SUPPLY_COLUMNS for n in range(4, 10))
    assert part(3).columns == SUPPLY_COLUMNS


def test_purchases_have_value_and_vat_except_those_the_form_shades() -> None:
    value_only = {10, 11, 12, 13, 19, 20}
    assert {n for n in range(10, 24) if form_note(n).columns == (Column.VALUE,)} == value_only
    assert all(form_note(n).columns == PURCHASE_COLUMNS for n in set(range(10, 24)) - value_only)
    assert part(4).columns == PURCHASE_COLUMNS


def test_every_note_from_24_on_is_one_amount() -> None:
    assert all(form_note(n).columns == (Column.AMOUNT,) for n in range(24, 69))


def test_every_label_is_in_both_languages_and_the_bengali_is_bengali() -> None:
    for note in NOTES:
        for words in (note.label, note.group):
            if words is None:
                continue
            assert words.en
            assert not BENGALI.search(words.en), note.note
            assert BENGALI.search(words.bn), note.note


def test_the_nbrs_bengali_wording_of_a_grouped_note() -> None:
    direct_export = form_note(1)
    assert direct_export.group is not None
    assert f"{direct_export.group.bn}: {direct_export.label.bn}" == "শূন্যহার বিশিষ্ট পণ্য/সেবা: সরাসরি রপ্তানি"
    assert f"{direct_export.group.en}: {direct_export.label.en}" == "Zero-rated goods/services: Direct export"


@pytest.mark.parametrize(
    ("number", "english", "bengali"),
    [
        (34, printed("34 = 9(c) - 23(b) + 28 - 33"), printed("৩৪ = ৯(গ) - ২৩(খ) + ২৮ - ৩৩")),
        (35, printed("35 = 34 - (52 + 56)"), printed("৩৫ = ৩৪ - (৫২ + ৫৬)")),
        (36, printed("36 = 9(b) + 38 - (39 + 40)"), printed("৩৬ = ৯(খ) + ৩৮ - (৩৯ + ৪০)")),
        (37, printed("37 = 36 - (53 + 57)"), printed("৩৭ = ৩৬ - (৫৩ + ৫৭)")),
        (50, "50 = 35 + 41 + 43 + 44", "৫০ = ৩৫ + ৪১ + ৪৩ + ৪৪"),
        (51, "51 = 37 + 42", "৫১ = ৩৭ + ৪২"),
        (28, "28 = 24 + 25 + 26 + 27", "২৮ = ২৪ + ২৫ + ২৬ + ২৭"),
        (33, "33 = 29 + 30 + 31 + 32", "৩৩ = ২৯ + ৩০ + ৩১ + ৩২"),
        (65, printed("65 = 58 - (50 + 67) + refund not approved"), printed("৬৫ = ৫৮ - (৫০ + ৬৭) + অননুমোদিত ফেরত")),
    ],
)
def test_the_formulas_are_printed_as_section_1_2_defines_them(number: int, english: str, bengali: str) -> None:
    formula = form_note(number).formula
    assert formula is not None
    assert (formula.en, formula.bn) == (english, bengali)


def test_the_totals_are_computed_and_have_no_sub_form_while_document_notes_have_one() -> None:
    for number in (9, 23, 28, 33, 34, 50, 51, 65, 66):
        assert form_note(number).total
        assert not form_note(number).sub_form
    for number in (*range(1, 9), *range(10, 23), 24, 25, 26, 27, 29, 30, 31, 32, 38, 39, 40, 58, 59):
        assert form_note(number).sub_form, number


def test_the_treasury_deposits_carry_their_account_codes() -> None:
    assert form_note(58).account_code == "1/1133/0015/0311"
    assert form_note(59).account_code == "1/1133/0015/0711"
    assert all(form_note(n).account_code for n in range(58, 65))
    assert not any(form_note(n).account_code for n in range(1, 58))
