"""How a page writes amounts, numbers and dates in the user's language: the template filters."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

from hisab.formatting.money import format_amount, format_number, format_quantity, format_rate, localized
from hisab.kernel.language import Language

# Dates and times are shown as a user in Bangladesh reads them, on Dhaka's clock.
DHAKA = ZoneInfo("Asia/Dhaka")
_LOCALES = {Language.EN: "en_GB", Language.BN: "bn"}
_DATE = {Language.EN: "d MMM y", Language.BN: "d MMMM y"}


def money(amount: Decimal | None, language: Language, currency: str = "BDT") -> str:
    return "" if amount is None else format_amount(amount, currency, language)


def number(amount: Decimal | None, language: Language) -> str:
    return "" if amount is None else format_number(amount, language)


def quantity(value: Decimal | None, language: Language) -> str:
    return "" if value is None else format_quantity(value, language)


def rate(value: Decimal | None, language: Language) -> str:
    return "" if value is None else format_rate(value, language)


def day(value: date | None, language: Language) -> str:
    if value is None:
        return ""
    return localized(format_date(value, _DATE[language], locale=_LOCALES[language]), language)


def moment(value: datetime | None, language: Language) -> str:
    if value is None:
        return ""
    shown = format_datetime(value.astimezone(DHAKA), f"{_DATE[language]}, HH:mm", locale=_LOCALES[language])
    return localized(shown, language)


def digits(value: object, language: Language) -> str:
    return localized(str(value), language)
