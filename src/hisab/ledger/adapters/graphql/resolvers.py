"""The books' queries and mutations, and the journal entries an invoice posted."""

from __future__ import annotations

from datetime import date
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from hisab.edge.connections import page_size
from hisab.edge.context import Info
from hisab.edge.errors import fields_under
from hisab.edge.exact_numbers import exact_decimal
from hisab.edge.loaders import load_by_id
from hisab.ledger.adapters.graphql.types import ledger_of
from hisab.ledger.application import accounts, journals, periods, reports
from hisab.ledger.application.account_ledger import MAX_PAGE_SIZE as MAX_LEDGER_PAGE
from hisab.ledger.application.account_ledger import AccountLedgerView, account_ledger
from hisab.ledger.application.ports import EntryFilter
from hisab.ledger.application.posting_rules import PostingRuleView, posting_rules, set_posting_account
from hisab.ledger.application.report_views import BalanceSheetReport, IncomeStatementReport, TrialBalanceReport
from hisab.ledger.application.views import JournalEntryView
from hisab.ledger.domain.accounts import Account, AccountType
from hisab.ledger.domain.books import AccountUpdate
from hisab.ledger.domain.entries import EntryStatus
from hisab.ledger.domain.events import AccountRecord
from hisab.ledger.domain.journal import JournalKind, LineInput
from hisab.ledger.domain.periods import FiscalPeriod, parse_fiscal_year

query_type = QueryType()
mutation_type = MutationType()
invoice_type = ObjectType("Invoice")
credit_note_type = ObjectType("CreditNote")
bill_type = ObjectType("Bill")
payment_type = ObjectType("Payment")
debit_note_type = ObjectType("DebitNote")

# The ledger's names are plain camelCase in the schema (its `lines` are `lines`): no renames.
_AS_NAMED: dict[str, str] = {}


def _spelled() -> Any:
    """A stored entry's violations (`lines[0].account_code`) in GraphQL spelling. Without it, the
    fallback spelling of every error would give the invoice's rename (`lineItems`) to a journal's
    lines; the other resolvers' violations name no lines, and the fallback spells them right."""
    return fields_under("", _AS_NAMED)


# Chart of accounts


@query_type.field("accounts")
async def resolve_accounts(_: None, info: Info, filter: dict[str, Any] | None = None) -> list[Account]:
    where = filter or {}
    account_type = AccountType(where["type"]) if where.get("type") else None
    found = accounts.AccountFilter(account_type, where.get("active"), where.get("search"))
    return await accounts.list_accounts(found, info.context.actor, ledger_of(info))


@query_type.field("account")
async def resolve_account(_: None, info: Info, code: str) -> Account | None:
    return await accounts.get_account(code, info.context.actor, ledger_of(info))


@mutation_type.field("createAccount")
async def resolve_create_account(_: None, info: Info, input: dict[str, Any]) -> Account:
    new = AccountRecord(
        input["code"],
        input["name"],
        input.get("name_bn"),
        AccountType(input["type"]),
        input.get("parent_code"),
        bool(input.get("is_group") or False),
    )
    with fields_under("input", _AS_NAMED):
        return await accounts.create_account(new, info.context.actor, ledger_of(info))


@mutation_type.field("updateAccount")
async def resolve_update_account(_: None, info: Info, code: str, input: dict[str, Any]) -> Account:
    update = AccountUpdate(input.get("name"), input.get("name_bn"), input.get("parent_code"))
    with fields_under("input", _AS_NAMED):
        return await accounts.update_account(code, update, info.context.actor, ledger_of(info))


@mutation_type.field("deactivateAccount")
async def resolve_deactivate_account(_: None, info: Info, code: str) -> Account:
    return await accounts.deactivate_account(code, info.context.actor, ledger_of(info))


@query_type.field("postingRules")
async def resolve_posting_rules(_: None, info: Info) -> list[PostingRuleView]:
    return await posting_rules(info.context.actor, ledger_of(info))


@mutation_type.field("setPostingAccount")
async def resolve_set_posting_account(
    _: None, info: Info, document_type: str, role: str, account_code: str
) -> PostingRuleView:
    return await set_posting_account(document_type, role, account_code, info.context.actor, ledger_of(info))


# Journal entries


@query_type.field("journalEntries")
async def resolve_journal_entries(
    _: None, info: Info, first: int | None = None, after: str | None = None, filter: dict[str, Any] | None = None
) -> dict[str, Any]:
    where = filter or {}
    entry_filter = EntryFilter(
        JournalKind(where["kind"]) if where.get("kind") else None,
        EntryStatus(where["status"]) if where.get("status") else None,
        where.get("from"),
        where.get("to"),
        where.get("account_code"),
        where.get("project"),
        where.get("party_id"),
    )
    size = page_size(first, journals.MAX_PAGE_SIZE)
    page = await journals.list_journal_entries(entry_filter, size, after, info.context.actor, ledger_of(info))
    edges = [{"cursor": journals.entry_cursor(view), "node": view} for view in page.entries]
    end = edges[-1]["cursor"] if edges else None
    return {"edges": edges, "page_info": {"has_next_page": page.has_next_page, "end_cursor": end}}


@query_type.field("journalEntry")
async def resolve_journal_entry(_: None, info: Info, id: str) -> JournalEntryView | None:
    return await journals.get_journal_entry(id, info.context.actor, ledger_of(info))


@mutation_type.field("createJournalEntry")
async def resolve_create_journal_entry(_: None, info: Info, input: dict[str, Any]) -> JournalEntryView:
    lines = tuple(
        LineInput(
            line["account_code"],
            _amount(line.get("debit")),
            _amount(line.get("credit")),
            line.get("project"),
            line.get("cost_center"),
            line.get("party_id"),
            line.get("memo"),
        )
        for line in input["lines"]
    )
    command = journals.CreateJournalEntry(
        input["date"],
        JournalKind(input.get("kind") or JournalKind.GENERAL),
        input["narration"],
        input.get("reference"),
        lines,
    )
    with fields_under("input", _AS_NAMED):
        return await journals.create_journal_entry(command, info.context.actor, ledger_of(info))


def _amount(value: float | int | None) -> Any:
    return None if value is None else exact_decimal(value)


@mutation_type.field("postJournalEntry")
async def resolve_post_journal_entry(
    _: None, info: Info, id: str, expected_version: int | None = None
) -> JournalEntryView:
    command = journals.PostJournalEntry(id, expected_version)
    with _spelled():
        return await journals.post_journal_entry(command, info.context.actor, ledger_of(info))


@mutation_type.field("reverseJournalEntry")
async def resolve_reverse_journal_entry(_: None, info: Info, id: str, date: date, reason: str) -> JournalEntryView:
    command = journals.ReverseJournalEntry(id, date, reason)
    with _spelled():
        return await journals.reverse_journal_entry(command, info.context.actor, ledger_of(info))


async def _document_entries(document_id: str, info: Info) -> list[JournalEntryView]:
    """Batched: a page of documents asks for all their entries in one query."""
    actor, ledger = info.context.actor, ledger_of(info)

    async def fetch(ids: Any) -> Any:
        return await ledger.queries.entries_for_document(actor.tenant_id, list(ids))

    return await load_by_id(info.context, "ledger.document_entries", fetch, document_id) or []


@invoice_type.field("journalEntries")
async def resolve_invoice_entries(invoice: Any, info: Info) -> list[JournalEntryView]:
    return await _document_entries(invoice.invoice_id, info)


@invoice_type.field("journalEntry")
async def resolve_invoice_entry(invoice: Any, info: Info) -> JournalEntryView | None:
    entries = await resolve_invoice_entries(invoice, info)
    return next((entry for entry in entries if entry.kind is JournalKind.SALES), None)


async def resolve_note_entry(note: Any, info: Info) -> JournalEntryView | None:
    return await _only_entry(note.note_id, info)


credit_note_type.set_field("journalEntry", resolve_note_entry)
debit_note_type.set_field("journalEntry", resolve_note_entry)


async def _only_entry(document_id: str, info: Info) -> JournalEntryView | None:
    entries = await _document_entries(document_id, info)
    return entries[0] if entries else None


bill_type.set_field("journalEntry", lambda bill, info: _only_entry(bill.bill_id, info))
payment_type.set_field("journalEntry", lambda payment, info: _only_entry(payment.payment_id, info))


# Periods


@query_type.field("fiscalPeriods")
async def resolve_fiscal_periods(_: None, info: Info, fiscal_year: str) -> tuple[periods.PeriodView, ...]:
    year = parse_fiscal_year(fiscal_year)
    return await periods.fiscal_periods(year, info.context.actor, ledger_of(info))


@mutation_type.field("closePeriod")
async def resolve_close_period(_: None, info: Info, period: str) -> periods.PeriodView:
    return await periods.close_period(FiscalPeriod.parse(period), info.context.actor, ledger_of(info))


@mutation_type.field("reopenPeriod")
async def resolve_reopen_period(_: None, info: Info, period: str, reason: str) -> periods.PeriodView:
    return await periods.reopen_period(FiscalPeriod.parse(period), reason, info.context.actor, ledger_of(info))


@mutation_type.field("closeFiscalYear")
async def resolve_close_fiscal_year(_: None, info: Info, fiscal_year: str) -> dict[str, Any]:
    closed = await periods.close_fiscal_year(parse_fiscal_year(fiscal_year), info.context.actor, ledger_of(info))
    return {
        "fiscal_year": closed.fiscal_year.short_label,
        "closing_entry": closed.closing_entry,
        "periods": closed.periods,
    }


# Reports


@query_type.field("trialBalance")
async def resolve_trial_balance(_: None, info: Info, as_of: date, project: str | None = None) -> TrialBalanceReport:
    return await reports.trial_balance(as_of, project, info.context.actor, ledger_of(info))


@query_type.field("accountLedger")
async def resolve_account_ledger(
    _: None, info: Info, code: str, first: int | None = None, after: str | None = None, **dates: date
) -> AccountLedgerView:
    size = page_size(first, MAX_LEDGER_PAGE)
    return await account_ledger(code, dates["from"], dates["to"], size, after, info.context.actor, ledger_of(info))


@query_type.field("incomeStatement")
async def resolve_income_statement(
    _: None, info: Info, project: str | None = None, **dates: date
) -> IncomeStatementReport:
    return await reports.income_statement(dates["from"], dates["to"], project, info.context.actor, ledger_of(info))


@query_type.field("balanceSheet")
async def resolve_balance_sheet(_: None, info: Info, as_of: date) -> BalanceSheetReport:
    return await reports.balance_sheet(as_of, info.context.actor, ledger_of(info))


@query_type.field("financialSummary")
async def resolve_financial_summary(_: None, info: Info, period: str) -> reports.FinancialSummary:
    return await reports.financial_summary(FiscalPeriod.parse(period), info.context.actor, ledger_of(info))


RESOLVER_BINDABLES = (
    query_type, mutation_type, invoice_type, credit_note_type, debit_note_type, bill_type, payment_type,
)  # fmt: skip
