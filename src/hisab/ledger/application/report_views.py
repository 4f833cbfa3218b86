"""The reports as their queries answer them: trial balance, income statement, balance sheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hisab.kernel.fiscal_year import FiscalYear
from hisab.ledger.domain.accounts import Account


@dataclass(frozen=True, slots=True)
class TrialBalanceRow:
    account: Account
    opening_debit: Decimal
    opening_credit: Decimal
    debit: Decimal
    credit: Decimal
    closing_debit: Decimal
    closing_credit: Decimal


@dataclass(frozen=True, slots=True)
class TrialBalanceTotals:
    opening_debit: Decimal
    opening_credit: Decimal
    debit: Decimal
    credit: Decimal
    closing_debit: Decimal
    closing_credit: Decimal


@dataclass(frozen=True, slots=True)
class TrialBalanceReport:
    as_of: date
    fiscal_year: FiscalYear
    project: str | None
    rows: tuple[TrialBalanceRow, ...]
    totals: TrialBalanceTotals

    @property
    def balanced(self) -> bool:
        t = self.totals
        return t.opening_debit == t.opening_credit and t.debit == t.credit and t.closing_debit == t.closing_credit


@dataclass(frozen=True, slots=True)
class StatementLine:
    account: Account
    # Positive when it adds to its section; a contra account (Sales Returns) is negative.
    amount: Decimal


@dataclass(frozen=True, slots=True)
class StatementSection:
    lines: tuple[StatementLine, ...]
    total: Decimal


@dataclass(frozen=True, slots=True)
class IncomeStatementReport:
    from_day: date
    to_day: date
    project: str | None
    income: StatementSection
    expenses: StatementSection
    net_profit: Decimal


@dataclass(frozen=True, slots=True)
class BalanceSheetReport:
    as_of: date
    assets: StatementSection
    liabilities: StatementSection
    # Equity's lines; `current_earnings` is added to its total.
    equity: StatementSection
    current_earnings: Decimal
    total_liabilities_and_equity: Decimal

    @property
    def balanced(self) -> bool:
        return self.assets.total == self.total_liabilities_and_equity
