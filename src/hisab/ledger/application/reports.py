"""The reports, built from each account's movements (kept per day by the journal's projection) and the chart."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from hisab.event_store.messages import Actor
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.fiscal_year import FiscalYear
from hisab.kernel.money import ZERO
from hisab.ledger.application.accounts import on_normal_side
from hisab.ledger.application.books import read_books
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.application.ports import BalanceQuery, Movement
from hisab.ledger.application.report_views import (
    BalanceSheetReport,
    IncomeStatementReport,
    StatementLine,
    StatementSection,
    TrialBalanceReport,
    TrialBalanceRow,
    TrialBalanceTotals,
)
from hisab.ledger.domain.accounts import Account, AccountType
from hisab.ledger.domain.books import Books
from hisab.ledger.domain.journal import JournalKind
from hisab.ledger.domain.periods import FiscalPeriod
from hisab.ledger.domain.posting_rules import INVOICE

MAX_PROJECT = 64


async def trial_balance(as_of: date, project: str | None, actor: Actor, ledger: Ledger) -> TrialBalanceReport:
    """Per leaf account: the balance at the start of the fiscal year of `as_of`, the year's debits and
    credits through it, and the closing balance, each on the side it stands."""
    project = _project(project)
    fiscal_year = FiscalYear.of(as_of)
    books = await read_books(actor.tenant_id, ledger)
    before = fiscal_year.first_day - timedelta(days=1)
    opening = await ledger.queries.movements(actor.tenant_id, BalanceQuery(through=before, project=project))
    during = await ledger.queries.movements(
        actor.tenant_id, BalanceQuery(through=as_of, since=fiscal_year.first_day, project=project)
    )
    rows = []
    for code in sorted(set(opening) | set(during)):
        start = opening.get(code, Movement(ZERO, ZERO)).net_debit
        moved = during.get(code, Movement(ZERO, ZERO))
        if not start and not moved.debit and not moved.credit:
            # An account brought to zero by an earlier year's closing has nothing to show this year.
            continue
        end = start + moved.net_debit
        rows.append(TrialBalanceRow(_account(books, code), *_sides(start), moved.debit, moved.credit, *_sides(end)))
    totals = TrialBalanceTotals(*(sum((getattr(r, f) for r in rows), ZERO) for f in _TOTAL_FIELDS))
    return TrialBalanceReport(as_of, fiscal_year, project, tuple(rows), totals)


_TOTAL_FIELDS = ("opening_debit", "opening_credit", "debit", "credit", "closing_debit", "closing_credit")


async def income_statement(
    from_day: date, to_day: date, project: str | None, actor: Actor, ledger: Ledger
) -> IncomeStatementReport:
    """Income and expenses posted from_day..to_day, closing entries left out."""
    _ensure_order(from_day, to_day)
    project = _project(project)
    books = await read_books(actor.tenant_id, ledger)
    query = BalanceQuery(through=to_day, since=from_day, project=project, without_closing=True)
    moved = await ledger.queries.movements(actor.tenant_id, query)
    income = _section(books, moved, AccountType.INCOME)
    expenses = _section(books, moved, AccountType.EXPENSE)
    return IncomeStatementReport(from_day, to_day, project, income, expenses, income.total - expenses.total)


async def balance_sheet(as_of: date, actor: Actor, ledger: Ledger) -> BalanceSheetReport:
    """Assets, liabilities and equity at the end of `as_of`; the income and expense of years not yet
    closed appear as current earnings within equity, so that the two sides always agree."""
    books = await read_books(actor.tenant_id, ledger)
    moved = await ledger.queries.movements(actor.tenant_id, BalanceQuery(through=as_of))
    assets = _section(books, moved, AccountType.ASSET)
    liabilities = _section(books, moved, AccountType.LIABILITY)
    equity = _section(books, moved, AccountType.EQUITY)
    earnings = _section(books, moved, AccountType.INCOME).total - _section(books, moved, AccountType.EXPENSE).total
    total = liabilities.total + equity.total + earnings
    return BalanceSheetReport(as_of, assets, liabilities, equity, earnings, total)


@dataclass(frozen=True, slots=True)
class FinancialSummary:
    period: FiscalPeriod
    revenue: Decimal
    vat_collected: Decimal
    supplementary_duty_collected: Decimal
    accounts_receivable: Decimal
    invoices_issued: int
    journal_entries_posted: int


async def financial_summary(period: FiscalPeriod, actor: Actor, ledger: Ledger) -> FinancialSummary:
    books = await read_books(actor.tenant_id, ledger)
    first, last = period.first_day, period.last_day
    during = await ledger.queries.movements(
        actor.tenant_id, BalanceQuery(through=last, since=first, without_closing=True)
    )
    receivable = books.posting_account(INVOICE, "RECEIVABLE")
    through = await ledger.queries.movements(
        actor.tenant_id, BalanceQuery(through=last, codes=frozenset({receivable.code}))
    )
    vat = books.posting_account(INVOICE, "VAT_OUTPUT")
    duty = books.posting_account(INVOICE, "SUPPLEMENTARY_DUTY")
    return FinancialSummary(
        period,
        _section(books, during, AccountType.INCOME).total,
        on_normal_side(vat, during.get(vat.code)),
        on_normal_side(duty, during.get(duty.code)),
        on_normal_side(receivable, through.get(receivable.code)),
        await ledger.queries.posted_count(actor.tenant_id, first, last, JournalKind.SALES),
        await ledger.queries.posted_count(actor.tenant_id, first, last, None),
    )


def _section(books: Books, moved: Mapping[str, Movement], type_: AccountType) -> StatementSection:
    lines = []
    for code in sorted(moved):
        account = _account(books, code)
        if account.type is not type_:
            continue
        amount = on_normal_side(account, moved[code])
        if amount:
            lines.append(StatementLine(account, amount))
    return StatementSection(tuple(lines), sum((line.amount for line in lines), ZERO))


def _sides(net_debit: Decimal) -> tuple[Decimal, Decimal]:
    return (net_debit, ZERO) if net_debit >= ZERO else (ZERO, -net_debit)


def _account(books: Books, code: str) -> Account:
    # Accounts are never deleted, so every posted code is in the chart.
    return books.accounts[code]


def _project(project: str | None) -> str | None:
    if project is None or not project.strip():
        return None
    if len(project) > MAX_PROJECT:
        raise InvalidInputError.single("project", "max_length", f"must be at most {MAX_PROJECT} characters")
    return project.strip()


def _ensure_order(from_day: date, to_day: date) -> None:
    if from_day > to_day:
        raise InvalidInputError.single("from", "date_order", f"from ({from_day}) is after to ({to_day})")
