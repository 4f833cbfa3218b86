"""The GraphQL documents of the books and the small steps the ledger's end-to-end tests repeat."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from tests.e2e.server import Caller

ACCOUNT_FACTS = "code name nameBn type parentCode isGroup active normalBalance"
ACCOUNT_FIELDS = f"{ACCOUNT_FACTS} balance {{ decimal }}"
ACCOUNTS = f"query($filter: AccountFilter) {{ accounts(filter: $filter) {{ {ACCOUNT_FIELDS} }} }}"
ACCOUNT = f"""query($code: String!, $asOf: Date) {{
  account(code: $code) {{ {ACCOUNT_FACTS} balance(asOf: $asOf) {{ decimal }} }} }}"""
CREATE_ACCOUNT = f"mutation($input: CreateAccountInput!) {{ createAccount(input: $input) {{ {ACCOUNT_FIELDS} }} }}"
UPDATE_ACCOUNT = f"""mutation($code: String!, $input: UpdateAccountInput!) {{
  updateAccount(code: $code, input: $input) {{ {ACCOUNT_FIELDS} }} }}"""
DEACTIVATE = f"mutation($code: String!) {{ deactivateAccount(code: $code) {{ {ACCOUNT_FIELDS} }} }}"

LINE_FIELDS = (
    "lineNumber accountCode account { code } debit { decimal } credit { decimal } project costCenter partyId memo"
)
ENTRY_FIELDS = f"""id number kind status date fiscalYear period narration reference
  lines {{ {LINE_FIELDS} }} totalDebit {{ decimal }} totalCredit {{ decimal }}
  source {{ documentType documentId documentNumber }}
  reverses {{ id number }} reversedBy {{ id number }} reversalReason
  createdBy createdAt postedBy postedAt version"""
CREATE_ENTRY = (
    f"mutation($input: CreateJournalEntryInput!) {{ createJournalEntry(input: $input) {{ {ENTRY_FIELDS} }} }}"
)
POST_ENTRY = f"""mutation($id: ID!, $expectedVersion: Int) {{
  postJournalEntry(id: $id, expectedVersion: $expectedVersion) {{ {ENTRY_FIELDS} }} }}"""
REVERSE_ENTRY = f"""mutation($id: ID!, $date: Date!, $reason: String!) {{
  reverseJournalEntry(id: $id, date: $date, reason: $reason) {{ {ENTRY_FIELDS} }} }}"""
GET_ENTRY = f"query($id: ID!) {{ journalEntry(id: $id) {{ {ENTRY_FIELDS} }} }}"
LIST_ENTRIES = """query($first: Int, $after: String, $filter: JournalEntryFilter) {
  journalEntries(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id number kind status date } } } }"""

PERIOD_FIELDS = "period number fiscalYear from to status closedBy closedAt reopenReason reopenedBy reopenedAt"
PERIODS = f"query($year: String!) {{ fiscalPeriods(fiscalYear: $year) {{ {PERIOD_FIELDS} }} }}"
CLOSE_PERIOD = f"mutation($period: String!) {{ closePeriod(period: $period) {{ {PERIOD_FIELDS} }} }}"
REOPEN_PERIOD = f"""mutation($period: String!, $reason: String!) {{
  reopenPeriod(period: $period, reason: $reason) {{ {PERIOD_FIELDS} }} }}"""
CLOSE_YEAR = f"""mutation($year: String!) {{ closeFiscalYear(fiscalYear: $year) {{
  fiscalYear closingEntry {{ {ENTRY_FIELDS} }} periods {{ period status }} }} }}"""


def dhaka_today() -> date:
    """The day the server books today's postings on (an invoice's issue, for one)."""
    return datetime.now(ZoneInfo("Asia/Dhaka")).date()


def fiscal_year_of(day: date) -> str:
    """2026-27 for any day from July 2026 to June 2027."""
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def period_of(day: date) -> str:
    """2026-27/P06 for a day of December 2026: P01 is July."""
    return f"{fiscal_year_of(day)}/P{(day.month - 7) % 12 + 1:02d}"


def as_user(caller: Caller, user: str, *roles: str) -> Caller:
    """Another user of the caller's tenant, holding only `roles`."""
    return Caller(caller.http, caller.tenant_id, user, roles)


def dr(code: str, amount: float, **dimensions: Any) -> dict[str, Any]:
    return {"accountCode": code, "debit": amount, **dimensions}


def cr(code: str, amount: float, **dimensions: Any) -> dict[str, Any]:
    return {"accountCode": code, "credit": amount, **dimensions}


def entry_input(day: str, *lines: dict[str, Any], **changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"date": day, "narration": "Test entry", "lines": list(lines)}
    entry.update(changes)
    return entry


def draft(caller: Caller, day: str, *lines: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A draft made by the caller."""
    created: dict[str, Any] = caller.data(CREATE_ENTRY, {"input": entry_input(day, *lines, **changes)})[
        "createJournalEntry"
    ]
    return created


def posted(caller: Caller, day: str, *lines: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A draft made by the caller and posted by its checker (maker-checker)."""
    made = draft(caller, day, *lines, **changes)
    entry: dict[str, Any] = caller.checker().data(POST_ENTRY, {"id": made["id"]})["postJournalEntry"]
    return entry


def amounts(entry: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(account, debit, credit) of each line, in the entry's order."""
    return [(line["accountCode"], line["debit"]["decimal"], line["credit"]["decimal"]) for line in entry["lines"]]


def listed_ids(caller: Caller, **variables: Any) -> list[str]:
    found = caller.data(LIST_ENTRIES, variables)["journalEntries"]
    return [edge["node"]["id"] for edge in found["edges"]]


def balance_of(caller: Caller, code: str, as_of: str | None = None) -> str:
    account = caller.data(ACCOUNT, {"code": code, "asOf": as_of})["account"]
    found: str = account["balance"]["decimal"]
    return found


_TOTALS = " ".join(
    f"{column} {{ decimal }}"
    for column in ("openingDebit", "openingCredit", "debit", "credit", "closingDebit", "closingCredit")
)
TRIAL_BALANCE = f"""query($asOf: Date!, $project: String) {{ trialBalance(asOf: $asOf, project: $project) {{
  asOf fiscalYear project balanced rows {{ account {{ code }} {_TOTALS} }} totals {{ {_TOTALS} }} }} }}"""
ACCOUNT_LEDGER = """query($code: String!, $from: Date!, $to: Date!, $first: Int, $after: String) {
  accountLedger(code: $code, from: $from, to: $to, first: $first, after: $after) {
    account { code } from to openingBalance { decimal } closingBalance { decimal }
    pageInfo { hasNextPage endCursor }
    edges { cursor node { entryId entryNumber entry { id } date narration lineNumber
      debit { decimal } credit { decimal } balance { decimal } project costCenter partyId memo } } } }"""
_SECTION = "{ lines { account { code } amount { decimal } } total { decimal } }"
INCOME_STATEMENT = f"""query($from: Date!, $to: Date!, $project: String) {{
  incomeStatement(from: $from, to: $to, project: $project) {{
    from to project income {_SECTION} expenses {_SECTION} netProfit {{ decimal }} }} }}"""
BALANCE_SHEET = f"""query($asOf: Date!) {{ balanceSheet(asOf: $asOf) {{
  asOf assets {_SECTION} liabilities {_SECTION} equity {_SECTION}
  currentEarnings {{ decimal }} totalLiabilitiesAndEquity {{ decimal }} balanced }} }}"""
FINANCIAL_SUMMARY = """query($period: String!) { financialSummary(period: $period) {
  period from to revenue { decimal } vatCollected { decimal } supplementaryDutyCollected { decimal }
  accountsReceivable { decimal } invoicesIssued journalEntriesPosted } }"""
