"""How amounts are written for people: the one place Taka formatting lives.

Bangladesh groups digits in lakh and crore (৳12,34,56,789.05), which Babel's en_IN pattern
`#,##,##0.00` does; the Taka sign is part of the pattern so that it is the same everywhere,
whatever symbol a locale database prefers. Bengali text uses Bengali digits (০–৯), which
Babel does not produce (its numbering system only picks symbols), so they are translated here,
and puts the sign after the number, as CLDR's bn pattern does: ৫,৭৫,০০০.০০৳.

Amounts in words follow business practice: "Taka Five Lakh Seventy-Five Thousand and Paisa
Twenty-Five Only" and "পাঁচ লাখ পঁচাত্তর হাজার টাকা পঁচিশ পয়সা মাত্র". num2words spells
numbers below a crore (en_IN and bn); crores are counted here, so that 10^12 reads "One Lakh
Crore" as Bangladeshi budgets write it, and num2words' bn limit of 10^10 does not apply.
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, format_decimal
from num2words import num2words

from hisab.kernel.language import Language
from hisab.kernel.money import round_to_paisa

_LOCALE = "en_IN"
_AMOUNT = "#,##,##0.00"
_QUANTITY = "#,##,##0.####"
_RATE = "0.####"
_BENGALI_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
_CRORE = 10**7
_CRORE_WORD = {Language.EN: "Crore", Language.BN: "কোটি"}


def bengali_digits(text: str) -> str:
    return text.translate(_BENGALI_DIGITS)


def localized(text: str, language: Language) -> str:
    """Digits as the language writes them."""
    return bengali_digits(text) if language is Language.BN else text


def format_amount(amount: Decimal, currency: str, language: Language = Language.EN) -> str:
    """`৳5,75,000.00` (English) or `৫,৭৫,০০০.০০৳` (Bengali); other currencies in Babel's en_IN form."""
    if currency != "BDT":
        return localized(format_currency(amount, currency, locale=_LOCALE), language)
    number = format_number(amount, language)
    return f"{number}৳" if language is Language.BN else f"৳{number}"


def format_number(amount: Decimal, language: Language = Language.EN) -> str:
    """An amount without its currency, for the columns of a table headed "(Taka)": `5,75,000.00`."""
    return localized(format_decimal(amount, format=_AMOUNT, locale=_LOCALE), language)


def format_quantity(quantity: Decimal, language: Language = Language.EN) -> str:
    """A quantity with lakh grouping and only the decimals it has: `1,00,000`, `2.5`."""
    return localized(format_decimal(quantity, format=_QUANTITY, locale=_LOCALE), language)


def format_rate(rate: Decimal, language: Language = Language.EN) -> str:
    """A rate given as a fraction, as a percentage: 0.075 is `7.5%`."""
    return localized(format_decimal(rate * 100, format=_RATE, locale=_LOCALE), language) + "%"


def amount_in_words(amount: Decimal, currency: str = "BDT", language: Language = Language.EN) -> str:
    """The amount as written on a cheque or an invoice, in English or Bengali."""
    if amount < 0:
        raise ValueError("only amounts of zero or more are written in words")
    whole, fraction = divmod(int(round_to_paisa(amount) * 100), 100)
    if currency != "BDT":
        return _other_currency(whole, fraction, currency, language)
    if language is Language.BN:
        parts = [f"{spell(whole, language)} টাকা"] if whole or not fraction else []
        parts += [f"{spell(fraction, language)} পয়সা"] if fraction else []
        return " ".join([*parts, "মাত্র"])
    if not fraction:
        return f"Taka {spell(whole, language)} Only"
    if not whole:
        return f"Paisa {spell(fraction, language)} Only"
    return f"Taka {spell(whole, language)} and Paisa {spell(fraction, language)} Only"


def spell(number: int, language: Language) -> str:
    """A whole number in words, counted in crores above a crore."""
    if number >= _CRORE:
        crores, rest = divmod(number, _CRORE)
        words = f"{spell(crores, language)} {_CRORE_WORD[language]}"
        return f"{words} {spell(rest, language)}" if rest else words
    if language is Language.BN:
        text: str = num2words(number, lang="bn")
        return text
    # en_IN writes "five lakh, seventy-five thousand" and "nine hundred and ninety-nine"; on an
    # invoice the only "and" joins the taka to the paisa.
    plain = num2words(number, lang="en_IN").replace(",", "").replace(" and ", " ")
    return " ".join("-".join(part.capitalize() for part in word.split("-")) for word in plain.split())


def _other_currency(whole: int, fraction: int, currency: str, language: Language) -> str:
    """Currencies without Taka's words: the cents as a fraction of a hundred, as on a cheque."""
    cents = localized(f"{fraction:02d}/100", language)
    if language is Language.BN:
        return f"{spell(whole, language)} {currency}" + (f" {cents}" if fraction else "") + " মাত্র"
    return f"{currency} {spell(whole, language)}" + (f" and {cents}" if fraction else "") + " Only"
