"""Accounts of the chart: their types, which side their balance stands on, and the rules a new one meets."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from hisab.kernel.errors import Violation
from hisab.kernel.text import text_violation


class AccountType(StrEnum):
    ASSET = "ASSET"
    LIABILITY = "LIABILITY"
    EQUITY = "EQUITY"
    INCOME = "INCOME"
    EXPENSE = "EXPENSE"

    @property
    def normal_side(self) -> BalanceSide:
        return BalanceSide.DEBIT if self in (AccountType.ASSET, AccountType.EXPENSE) else BalanceSide.CREDIT

    @property
    def in_profit_and_loss(self) -> bool:
        """Income and expense accounts are closed into Retained Earnings at the end of each fiscal year."""
        return self in (AccountType.INCOME, AccountType.EXPENSE)


class BalanceSide(StrEnum):
    DEBIT = "DEBIT"
    CREDIT = "CREDIT"


_CODE = re.compile(r"[0-9]{1,12}")
MAX_NAME = 120


@dataclass(frozen=True, slots=True)
class Account:
    code: str
    name: str
    name_bn: str | None
    type: AccountType
    parent_code: str | None
    is_group: bool
    active: bool = True

    @property
    def normal_side(self) -> BalanceSide:
        return self.type.normal_side

    def renamed(self, name: str, name_bn: str | None, parent_code: str | None) -> Account:
        return replace(self, name=name, name_bn=name_bn, parent_code=parent_code)


def code_violations(code: str, field: str) -> list[Violation]:
    if not _CODE.fullmatch(code):
        return [Violation(field, "account_code", "an account code is 1 to 12 digits, such as 1140")]
    return []


def name_violations(name: str | None, field: str, *, required: bool) -> list[Violation]:
    """A name is required text of at most 120 characters; the Bengali one may be left out."""
    if name is None or not name.strip():
        return [Violation(field, "required", "must not be blank")] if required else []
    if len(name) > MAX_NAME:
        return [Violation(field, "max_length", f"must be at most {MAX_NAME} characters")]
    found = text_violation(name, field)
    return [found] if found else []
