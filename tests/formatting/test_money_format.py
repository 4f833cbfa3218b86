"""Taka for people: lakh/crore grouping, Bengali digits, and the amount in words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hisab.formatting.money import amount_in_words, format_amount, format_quantity, format_rate
from hisab.kernel.language import Language

D = Decimal
EN, BN = Language.EN, Language.BN

# amount, English figure, Bengali figure, English words, Bengali words
TABLE = [
    ("0", "৳0.00", "০.০০৳", "Taka Zero Only", "শূন্য টাকা মাত্র"),
    ("0.01", "৳0.01", "০.০১৳", "Paisa One Only", "এক পয়সা মাত্র"),
    ("1", "৳1.00", "১.০০৳", "Taka One Only", "এক টাকা মাত্র"),
    (
        "99999.99",
        "৳99,999.99",
        "৯৯,৯৯৯.৯৯৳",
        "Taka Ninety-Nine Thousand Nine Hundred Ninety-Nine and Paisa Ninety-Nine Only",
        "নিরানব্বই হাজার নয়শত নিরানব্বই টাকা নিরানব্বই পয়সা মাত্র",
    ),
    ("100000", "৳1,00,000.00", "১,০০,০০০.০০৳", "Taka One Lakh Only", "এক লাখ টাকা মাত্র"),
    (
        "575000.25",
        "৳5,75,000.25",
        "৫,৭৫,০০০.২৫৳",
        "Taka Five Lakh Seventy-Five Thousand and Paisa Twenty-Five Only",
        "পাঁচ লাখ পঁচাত্তর হাজার টাকা পঁচিশ পয়সা মাত্র",
    ),
    (
        "123456789.05",
        "৳12,34,56,789.05",
        "১২,৩৪,৫৬,৭৮৯.০৫৳",
        "Taka Twelve Crore Thirty-Four Lakh Fifty-Six Thousand Seven Hundred Eighty-Nine and Paisa Five Only",
        "বারো কোটি চৌত্রিশ লাখ ছাপ্পান্ন হাজার সাতশত উননব্বই টাকা পাঁচ পয়সা মাত্র",
    ),
    (
        "1000000000000",
        "৳10,00,00,00,00,000.00",
        "১০,০০,০০,০০,০০,০০০.০০৳",
        "Taka One Lakh Crore Only",
        "এক লাখ কোটি টাকা মাত্র",
    ),
]


@pytest.mark.parametrize(("amount", "english", "bengali", "_en", "_bn"), TABLE, ids=[row[0] for row in TABLE])
def test_taka_is_grouped_in_lakh_and_crore_in_both_languages(
    amount: str, english: str, bengali: str, _en: str, _bn: str
) -> None:
    assert format_amount(D(amount), "BDT", EN) == english
    assert format_amount(D(amount), "BDT", BN) == bengali


@pytest.mark.parametrize(("amount", "_english", "_bengali", "en", "bn"), TABLE, ids=[row[0] for row in TABLE])
def test_taka_is_written_in_words_in_both_languages(
    amount: str, _english: str, _bengali: str, en: str, bn: str
) -> None:
    assert amount_in_words(D(amount), "BDT", EN) == en
    assert amount_in_words(D(amount), "BDT", BN) == bn


def test_other_currencies_keep_their_code_and_write_cents_as_hundredths() -> None:
    assert format_amount(D("1234567.5"), "USD") == "$12,34,567.50"
    assert amount_in_words(D("12.5"), "USD", EN) == "USD Twelve and 50/100 Only"
    assert amount_in_words(D("12.5"), "USD", BN) == "বারো USD ৫০/১০০ মাত্র"


def test_a_negative_amount_has_no_words() -> None:
    with pytest.raises(ValueError, match="zero or more"):
        amount_in_words(D("-1"))


@pytest.mark.parametrize(
    ("rate", "english", "bengali"), [("0.15", "15%", "১৫%"), ("0.075", "7.5%", "৭.৫%"), ("0", "0%", "০%")]
)
def test_rates_are_percentages(rate: str, english: str, bengali: str) -> None:
    assert (format_rate(D(rate), EN), format_rate(D(rate), BN)) == (english, bengali)


def test_quantities_keep_only_the_decimals_they_have() -> None:
    assert [format_quantity(D(q)) for q in ("100.0000", "2.5", "100000")] == ["100", "2.5", "1,00,000"]
    assert format_quantity(D("1250.75"), BN) == "১,২৫০.৭৫"


_ONES = (
    "Zero One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Thirteen Fourteen Fifteen "
    "Sixteen Seventeen Eighteen Nineteen"
)
_SMALL = {word: value for value, word in enumerate(_ONES.split())}
_TENS = {
    word: 10 * n
    for n, word in enumerate(("Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"), 2)
}
_GROUPS = {"Thousand": 10**3, "Lakh": 10**5}


def _number(words: str) -> int:
    """Read back Indian-system English words; a crore multiplies everything said before it."""
    total = current = 0
    for word in words.split():
        if word == "Hundred":
            current *= 100
        elif word in _GROUPS:
            total, current = total + current * _GROUPS[word], 0
        elif word == "Crore":
            total, current = (total + current) * 10**7, 0
        else:
            current += sum({**_SMALL, **_TENS}[part] for part in word.split("-"))
    return total + current


def _parse(words: str) -> Decimal:
    assert words.endswith(" Only")
    body = words.removesuffix(" Only")
    taka, _, paisa = body.partition(" and Paisa ")
    if taka.startswith("Paisa "):
        return D(_number(taka.removeprefix("Paisa "))) / 100
    return D(_number(taka.removeprefix("Taka "))) + (D(_number(paisa)) / 100 if paisa else 0)


@given(st.decimals(min_value=0, max_value=D("9999999999999.99"), places=2))
@settings(max_examples=300, deadline=None)
def test_english_words_read_back_as_the_same_amount(amount: Decimal) -> None:
    assert _parse(amount_in_words(amount, "BDT", EN)) == amount
