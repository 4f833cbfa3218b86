"""The Money type every context's amounts are shown as, and the Language its texts are written in."""

from __future__ import annotations

from ariadne import EnumType, ObjectType

from hisab.edge.context import Info
from hisab.formatting.money import amount_in_words, format_amount
from hisab.kernel.language import Language
from hisab.kernel.money import Money

language_enum = EnumType("Language", Language)
money_type = ObjectType("Money")


@money_type.field("amount")
def resolve_amount(money: Money, info: Info) -> float:
    return float(money.amount)


@money_type.field("decimal")
def resolve_decimal(money: Money, info: Info) -> str:
    return str(money.amount)


@money_type.field("formattedAmount")
def resolve_formatted_amount(money: Money, info: Info, lang: Language = Language.EN) -> str:
    return format_amount(money.amount, money.currency, lang)


@money_type.field("amountInWords")
def resolve_amount_in_words(money: Money, info: Info, lang: Language = Language.EN) -> str:
    return amount_in_words(money.amount, money.currency, lang)
