"""The books' GraphQL types: the fields a view does not hold as such (money, labels, linked entries)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from ariadne import EnumType, ObjectType

from hisab.edge.context import Info
from hisab.edge.loaders import load_by_id
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.money import Money
from hisab.ledger.application.account_ledger import LedgerLineView
from hisab.ledger.application.accounts import account_balances
from hisab.ledger.application.books import read_books
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.application.views import JournalEntryView
from hisab.ledger.domain.accounts import Account, AccountType, BalanceSide
from hisab.ledger.domain.books import Books
from hisab.ledger.domain.entries import EntryStatus
from hisab.ledger.domain.journal import JournalKind

account_type_enum = EnumType("AccountType", AccountType)
balance_side_enum = EnumType("BalanceSide", BalanceSide)
journal_kind_enum = EnumType("JournalKind", JournalKind)
journal_status_enum = EnumType("JournalStatus", EntryStatus)

account_type = ObjectType("Account")
entry_type = ObjectType("JournalEntry")
line_type = ObjectType("JournalLine")
posting_rule_type = ObjectType("PostingRule")
period_type = ObjectType("FiscalPeriod")
trial_balance_type = ObjectType("TrialBalance")
trial_row_type = ObjectType("TrialBalanceRow")
trial_totals_type = ObjectType("TrialBalanceTotals")
ledger_line_type = ObjectType("LedgerLine")
account_ledger_type = ObjectType("AccountLedger")
statement_line_type = ObjectType("StatementLine")
statement_section_type = ObjectType("StatementSection")
income_statement_type = ObjectType("IncomeStatement")
balance_sheet_type = ObjectType("BalanceSheet")
summary_type = ObjectType("FinancialSummary")


def ledger_of(info: Info) -> Ledger:
    return info.context.services.get(Ledger)


async def books_of(info: Info) -> Books:
    """The tenant's books, read once per request whatever number of fields asks."""
    cached: Books | None = info.context.loaders.get("ledger.books")
    if cached is None:
        cached = await read_books(info.context.actor.tenant_id, ledger_of(info))
        info.context.loaders["ledger.books"] = cached
    return cached


def _money(attribute: str) -> Any:
    def resolve(parent: Any, info: Info) -> Money:
        value = parent[attribute] if isinstance(parent, dict) else getattr(parent, attribute)
        return Money(value)

    return resolve


def money_fields(object_type: ObjectType, fields: Iterable[tuple[str, str]]) -> None:
    """Bind each GraphQL field to a Decimal attribute of the view, as Money."""
    for field, attribute in fields:
        object_type.set_field(field, _money(attribute))


# Account


@account_type.field("normalBalance")
def resolve_normal_balance(account: Account, info: Info) -> BalanceSide:
    return account.normal_side


@account_type.field("balance")
async def resolve_balance(account: Account, info: Info, as_of: date | None = None) -> Money:
    day = as_of or info.context.services.get(Ledger).clock().astimezone(BANGLADESH_TIME).date()
    actor, ledger = info.context.actor, ledger_of(info)

    async def fetch(codes: Any) -> dict[str, Decimal]:
        return await account_balances(list(codes), day, actor, ledger)

    found = await load_by_id(info.context, f"ledger.balance.{day.isoformat()}", fetch, account.code)
    return Money(found if found is not None else Decimal(0))


async def account_by_code(code: str, info: Info) -> Account | None:
    return (await books_of(info)).accounts.get(code)


# Journal entries


async def entry_by_id(entry_id: str | None, info: Info) -> JournalEntryView | None:
    if entry_id is None:
        return None
    actor, ledger = info.context.actor, ledger_of(info)

    async def fetch(ids: Any) -> Any:
        return await ledger.queries.entries_by_id(actor.tenant_id, list(ids))

    return await load_by_id(info.context, "ledger.entries", fetch, entry_id)


entry_type.set_field("id", lambda view, info: view.entry_id)
entry_type.set_field("date", lambda view, info: view.entry_date)
entry_type.set_field("fiscalYear", lambda view, info: view.fiscal_year.short_label)
entry_type.set_field("period", lambda view, info: view.period.label)
entry_type.set_field("totalDebit", lambda view, info: Money(view.total))
entry_type.set_field("totalCredit", lambda view, info: Money(view.total))
entry_type.set_field("createdAt", lambda view, info: view.created_at.astimezone(UTC))
entry_type.set_field("postedAt", lambda view, info: view.posted_at.astimezone(UTC) if view.posted_at else None)


@entry_type.field("lines")
def resolve_lines(view: JournalEntryView, info: Info) -> list[dict[str, Any]]:
    return [
        {
            "line_number": number,
            "account_code": line.account_code,
            "debit": Money(line.debit),
            "credit": Money(line.credit),
            "project": line.project,
            "cost_center": line.cost_center,
            "party_id": line.party_id,
            "memo": line.memo,
        }
        for number, line in enumerate(view.lines, start=1)
    ]


@entry_type.field("reverses")
async def resolve_reverses(view: JournalEntryView, info: Info) -> JournalEntryView | None:
    return await entry_by_id(view.reverses, info)


@entry_type.field("reversedBy")
async def resolve_reversed_by(view: JournalEntryView, info: Info) -> JournalEntryView | None:
    return await entry_by_id(view.reversed_by, info)


@line_type.field("account")
async def resolve_line_account(line: dict[str, Any], info: Info) -> Account | None:
    return await account_by_code(line["account_code"], info)


@ledger_line_type.field("entry")
async def resolve_ledger_line_entry(line: dict[str, Any], info: Info) -> JournalEntryView | None:
    return await entry_by_id(line["entry_id"], info)


def ledger_line(view: LedgerLineView) -> dict[str, Any]:
    row = view.row
    return {
        "entry_id": row.entry_id,
        "entry_number": row.entry_number,
        "date": row.key.entry_date,
        "narration": row.narration,
        "line_number": row.key.line_number,
        "debit": Money(row.debit),
        "credit": Money(row.credit),
        "balance": Money(view.balance),
        "project": row.project,
        "cost_center": row.cost_center,
        "party_id": row.party_id,
        "memo": row.memo,
    }


# Periods


period_type.set_field("period", lambda view, info: view.period.label)
period_type.set_field("number", lambda view, info: view.period.number)
period_type.set_field("fiscalYear", lambda view, info: view.period.fiscal_year.short_label)
period_type.set_field("from", lambda view, info: view.first_day)
period_type.set_field("to", lambda view, info: view.last_day)
period_type.set_field("status", lambda view, info: "CLOSED" if view.closed else "OPEN")
period_type.set_field("closedAt", lambda view, info: _utc(view.closed_at))
period_type.set_field("reopenedAt", lambda view, info: _utc(view.reopened_at))


def _utc(moment: datetime | None) -> datetime | None:
    return moment.astimezone(UTC) if moment else None


# Reports

_SIX = (
    ("openingDebit", "opening_debit"),
    ("openingCredit", "opening_credit"),
    ("debit", "debit"),
    ("credit", "credit"),
    ("closingDebit", "closing_debit"),
    ("closingCredit", "closing_credit"),
)
money_fields(trial_row_type, _SIX)
money_fields(trial_totals_type, _SIX)
trial_balance_type.set_field("fiscalYear", lambda report, info: report.fiscal_year.short_label)
money_fields(statement_line_type, [("amount", "amount")])
money_fields(statement_section_type, [("total", "total")])
money_fields(income_statement_type, [("netProfit", "net_profit")])
income_statement_type.set_field("from", lambda report, info: report.from_day)
income_statement_type.set_field("to", lambda report, info: report.to_day)
money_fields(
    balance_sheet_type,
    [("currentEarnings", "current_earnings"), ("totalLiabilitiesAndEquity", "total_liabilities_and_equity")],
)
money_fields(account_ledger_type, [("openingBalance", "opening_balance"), ("closingBalance", "closing_balance")])
account_ledger_type.set_field("from", lambda view, info: view.from_day)
account_ledger_type.set_field("to", lambda view, info: view.to_day)


@account_ledger_type.field("edges")
def resolve_ledger_edges(view: Any, info: Info) -> list[dict[str, Any]]:
    return [{"cursor": line.cursor, "node": ledger_line(line)} for line in view.lines]


@account_ledger_type.field("pageInfo")
def resolve_ledger_page_info(view: Any, info: Info) -> dict[str, Any]:
    return {"has_next_page": view.has_next_page, "end_cursor": view.lines[-1].cursor if view.lines else None}


money_fields(
    summary_type,
    [
        ("revenue", "revenue"),
        ("vatCollected", "vat_collected"),
        ("supplementaryDutyCollected", "supplementary_duty_collected"),
        ("accountsReceivable", "accounts_receivable"),
    ],
)
summary_type.set_field("period", lambda summary, info: summary.period.label)
summary_type.set_field("from", lambda summary, info: summary.period.first_day)
summary_type.set_field("to", lambda summary, info: summary.period.last_day)


TYPE_BINDABLES = (
    account_type_enum,
    balance_side_enum,
    journal_kind_enum,
    journal_status_enum,
    account_type,
    entry_type,
    line_type,
    posting_rule_type,
    period_type,
    trial_balance_type,
    trial_row_type,
    trial_totals_type,
    ledger_line_type,
    account_ledger_type,
    statement_line_type,
    statement_section_type,
    income_statement_type,
    balance_sheet_type,
    summary_type,
)
