"""The reports of the books over HTTP, on SQLite and PostgreSQL (issue 12, scenario 5), and who may read them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.ledger.books import (
    ACCOUNT_LEDGER,
    ACCOUNTS,
    BALANCE_SHEET,
    FINANCIAL_SUMMARY,
    INCOME_STATEMENT,
    LIST_ENTRIES,
    PERIODS,
    TRIAL_BALANCE,
    as_user,
    balance_of,
    cr,
    dhaka_today,
    dr,
    period_of,
    posted,
)
from tests.e2e.operations import APPROVE, CANCEL, CREATE, steel_rods, three_rates
from tests.e2e.server import Caller, only_error

END = "2026-12-01"


def _a_few_months(caller: Caller) -> None:
    """Capital, rent and a sale on the TOWER-A project, a receipt, bank charges on TOWER-B, a sales return."""
    a, b = {"project": "TOWER-A"}, {"project": "TOWER-B"}
    posted(caller, "2026-07-05", dr("1121", 1_000_000), cr("3100", 1_000_000), narration="Capital paid in")
    posted(caller, "2026-08-01", dr("5400", 25_000, **a), cr("1121", 25_000, **a), narration="Site office rent")
    posted(caller, "2026-09-10", dr("1210", 115_000, **a), cr("4100", 100_000, **a), cr("2210", 15_000, **a))
    posted(caller, "2026-10-01", dr("1121", 5_000), cr("1210", 5_000, partyId="p-1"), kind="CASH_RECEIPT")
    posted(caller, "2026-11-01", dr("5500", 2_000, **b), cr("1121", 2_000, **b), narration="Bank charges")
    posted(caller, "2026-11-15", dr("4200", 5_000), cr("1210", 5_000), narration="Goods returned")


def _rows(trial: dict[str, Any]) -> dict[str, tuple[str, str, str, str]]:
    return {
        row["account"]["code"]: (
            row["debit"]["decimal"],
            row["credit"]["decimal"],
            row["closingDebit"]["decimal"],
            row["closingCredit"]["decimal"],
        )
        for row in trial["rows"]
    }


def _section(section: dict[str, Any]) -> dict[str, str]:
    return {line["account"]["code"]: line["amount"]["decimal"] for line in section["lines"]}


def test_the_trial_balance_lists_every_account_that_moved_and_balances(caller: Caller) -> None:
    _a_few_months(caller)

    trial = caller.data(TRIAL_BALANCE, {"asOf": END})["trialBalance"]

    assert (trial["asOf"], trial["fiscalYear"], trial["project"], trial["balanced"]) == (END, "2026-27", None, True)
    assert [row["account"]["code"] for row in trial["rows"]] == [
        "1121",
        "1210",
        "2210",
        "3100",
        "4100",
        "4200",
        "5400",
        "5500",
    ]
    assert _rows(trial) == {
        "1121": ("1005000.00", "27000.00", "978000.00", "0.00"),
        "1210": ("115000.00", "10000.00", "105000.00", "0.00"),
        "2210": ("0.00", "15000.00", "0.00", "15000.00"),
        "3100": ("0.00", "1000000.00", "0.00", "1000000.00"),
        "4100": ("0.00", "100000.00", "0.00", "100000.00"),
        "4200": ("5000.00", "0.00", "5000.00", "0.00"),
        "5400": ("25000.00", "0.00", "25000.00", "0.00"),
        "5500": ("2000.00", "0.00", "2000.00", "0.00"),
    }
    totals = {key: value["decimal"] for key, value in trial["totals"].items()}
    assert totals == {
        "openingDebit": "0.00",
        "openingCredit": "0.00",
        "debit": "1152000.00",
        "credit": "1152000.00",
        "closingDebit": "1115000.00",
        "closingCredit": "1115000.00",
    }


def test_the_trial_balance_at_an_earlier_date_or_of_one_project(caller: Caller) -> None:
    _a_few_months(caller)

    july = caller.data(TRIAL_BALANCE, {"asOf": "2026-07-31"})["trialBalance"]
    tower = caller.data(TRIAL_BALANCE, {"asOf": END, "project": "TOWER-A"})["trialBalance"]
    last_year = caller.data(TRIAL_BALANCE, {"asOf": "2026-06-30"})["trialBalance"]

    assert _rows(july) == {
        "1121": ("1000000.00", "0.00", "1000000.00", "0.00"),
        "3100": ("0.00", "1000000.00", "0.00", "1000000.00"),
    }
    assert tower["project"] == "TOWER-A"
    assert _rows(tower) == {
        "1121": ("0.00", "25000.00", "0.00", "25000.00"),
        "1210": ("115000.00", "0.00", "115000.00", "0.00"),
        "2210": ("0.00", "15000.00", "0.00", "15000.00"),
        "4100": ("0.00", "100000.00", "0.00", "100000.00"),
        "5400": ("25000.00", "0.00", "25000.00", "0.00"),
    }
    assert tower["balanced"] is True
    assert tower["totals"]["debit"] == tower["totals"]["credit"] == {"decimal": "140000.00"}
    assert (last_year["fiscalYear"], last_year["rows"], last_year["balanced"]) == ("2025-26", [], True)
    for month_end in ("2026-08-31", "2026-09-09", "2026-09-10", "2026-10-31", "2026-11-14", "2026-11-30"):
        trial = caller.data(TRIAL_BALANCE, {"asOf": month_end})["trialBalance"]
        assert trial["balanced"] is True, month_end
        assert trial["totals"]["closingDebit"] == trial["totals"]["closingCredit"], month_end
        sheet = caller.data(BALANCE_SHEET, {"asOf": month_end})["balanceSheet"]
        assert sheet["assets"]["total"] == sheet["totalLiabilitiesAndEquity"], month_end


def test_an_accounts_ledger_carries_its_running_balance_across_pages(caller: Caller) -> None:
    _a_few_months(caller)
    window = {"code": "1121", "from": "2026-07-01", "to": END, "first": 2}

    first = caller.data(ACCOUNT_LEDGER, window)["accountLedger"]
    second = caller.data(ACCOUNT_LEDGER, {**window, "after": first["pageInfo"]["endCursor"]})["accountLedger"]

    def lines(page: dict[str, Any]) -> list[tuple[str, str, str, str]]:
        return [
            (
                e["node"]["date"],
                e["node"]["debit"]["decimal"],
                e["node"]["credit"]["decimal"],
                e["node"]["balance"]["decimal"],
            )
            for e in page["edges"]
        ]

    assert (first["account"]["code"], first["openingBalance"], first["closingBalance"]) == (
        "1121",
        {"decimal": "0.00"},
        {"decimal": "978000.00"},
    )
    assert lines(first) == [
        ("2026-07-05", "1000000.00", "0.00", "1000000.00"),
        ("2026-08-01", "0.00", "25000.00", "975000.00"),
    ]
    assert first["pageInfo"]["hasNextPage"] is True
    assert lines(second) == [
        ("2026-10-01", "5000.00", "0.00", "980000.00"),
        ("2026-11-01", "0.00", "2000.00", "978000.00"),
    ]
    assert second["pageInfo"]["hasNextPage"] is False
    rent = first["edges"][1]["node"]
    assert (rent["narration"], rent["lineNumber"], rent["project"]) == ("Site office rent", 2, "TOWER-A")
    assert rent["entryNumber"] == "GJ/2026-27/000002"
    assert rent["entry"]["id"] == rent["entryId"]
    assert second["edges"][0]["node"]["entryNumber"] == "CR/2026-27/000001"


def test_an_accounts_ledger_opens_with_the_balance_before_its_window(caller: Caller) -> None:
    _a_few_months(caller)

    autumn = caller.data(ACCOUNT_LEDGER, {"code": "1121", "from": "2026-09-01", "to": "2026-10-31"})["accountLedger"]
    vat = caller.data(ACCOUNT_LEDGER, {"code": "2210", "from": "2026-07-01", "to": END})["accountLedger"]

    assert (autumn["openingBalance"]["decimal"], autumn["closingBalance"]["decimal"]) == ("975000.00", "980000.00")
    assert [e["node"]["balance"]["decimal"] for e in autumn["edges"]] == ["980000.00"]
    assert [e["node"]["balance"]["decimal"] for e in vat["edges"]] == ["15000.00"]
    unknown = caller.graphql(ACCOUNT_LEDGER, {"code": "987654", "from": "2026-07-01", "to": END})
    only_error(unknown, "NOT_FOUND")


def test_the_income_statement_nets_income_against_expenses(caller: Caller) -> None:
    _a_few_months(caller)

    whole = caller.data(INCOME_STATEMENT, {"from": "2026-07-01", "to": END})["incomeStatement"]
    tower = caller.data(INCOME_STATEMENT, {"from": "2026-07-01", "to": END, "project": "TOWER-A"})["incomeStatement"]
    november = caller.data(INCOME_STATEMENT, {"from": "2026-11-01", "to": "2026-11-30"})["incomeStatement"]

    assert (whole["from"], whole["to"], whole["project"]) == ("2026-07-01", END, None)
    assert _section(whole["income"]) == {"4100": "100000.00", "4200": "-5000.00"}
    assert whole["income"]["total"]["decimal"] == "95000.00"
    assert _section(whole["expenses"]) == {"5400": "25000.00", "5500": "2000.00"}
    assert whole["expenses"]["total"]["decimal"] == "27000.00"
    assert whole["netProfit"]["decimal"] == "68000.00"
    assert (tower["project"], tower["netProfit"]["decimal"]) == ("TOWER-A", "75000.00")
    assert november["netProfit"]["decimal"] == "-7000.00"


def test_the_balance_sheet_balances_with_the_years_earnings_in_equity(caller: Caller) -> None:
    _a_few_months(caller)

    sheet = caller.data(BALANCE_SHEET, {"asOf": END})["balanceSheet"]

    assert sheet["asOf"] == END
    assert _section(sheet["assets"]) == {"1121": "978000.00", "1210": "105000.00"}
    assert sheet["assets"]["total"]["decimal"] == "1083000.00"
    assert _section(sheet["liabilities"]) == {"2210": "15000.00"}
    assert _section(sheet["equity"])["3100"] == "1000000.00"
    assert sheet["currentEarnings"]["decimal"] == "68000.00"
    assert sheet["totalLiabilitiesAndEquity"]["decimal"] == "1083000.00"
    assert sheet["balanced"] is True
    # A group's balance sums its leaves, on its own normal side: Sales Returns count against Income.
    assert (balance_of(caller, "1000", END), balance_of(caller, "4000", END)) == ("1083000.00", "95000.00")


def test_the_financial_summary_of_a_period(caller: Caller) -> None:
    today = dhaka_today()
    created = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]
    caller.checker().data(APPROVE, {"id": created["id"]})
    posted(caller, today.isoformat(), dr("1121", 75_000), cr("1210", 75_000), kind="CASH_RECEIPT")

    summary = caller.data(FINANCIAL_SUMMARY, {"period": period_of(today)})["financialSummary"]
    november = caller.data(FINANCIAL_SUMMARY, {"period": "2026-27/P05"})["financialSummary"]

    assert summary["period"] == period_of(today)
    assert {key: value["decimal"] for key, value in summary.items() if isinstance(value, dict)} == {
        "revenue": "500000.00",
        "vatCollected": "75000.00",
        "supplementaryDutyCollected": "0.00",
        "accountsReceivable": "500000.00",
    }
    assert (summary["invoicesIssued"], summary["journalEntriesPosted"]) == (1, 2)
    assert (november["from"], november["to"]) == ("2026-11-01", "2026-11-30")
    assert (november["revenue"]["decimal"], november["invoicesIssued"], november["journalEntriesPosted"]) == (
        "0.00",
        0,
        0,
    )


def test_vat_collected_is_the_vat_of_the_invoices_issued_less_those_cancelled(caller: Caller) -> None:
    today = period_of(dhaka_today())
    kept, cancelled = (
        caller.data(CREATE, {"input": invoice})["createInvoice"] for invoice in (steel_rods(), three_rates())
    )
    for invoice in (kept, cancelled):
        caller.checker().data(APPROVE, {"id": invoice["id"]})
    caller.data(CANCEL, {"id": cancelled["id"], "reason": "Wrong customer"})

    summary = caller.data(FINANCIAL_SUMMARY, {"period": today})["financialSummary"]

    assert (summary["vatCollected"]["decimal"], summary["revenue"]["decimal"]) == ("75000.00", "500000.00")
    assert summary["accountsReceivable"]["decimal"] == kept["grandTotal"]["decimal"] == "575000.00"
    trial = caller.data(TRIAL_BALANCE, {"asOf": dhaka_today().isoformat()})["trialBalance"]
    assert trial["balanced"] is True


READS = [
    pytest.param(ACCOUNTS, {}, id="accounts"),
    pytest.param(LIST_ENTRIES, {}, id="journalEntries"),
    pytest.param(PERIODS, {"year": "2026-27"}, id="fiscalPeriods"),
    pytest.param(TRIAL_BALANCE, {"asOf": END}, id="trialBalance"),
    pytest.param(ACCOUNT_LEDGER, {"code": "1121", "from": "2026-07-01", "to": END}, id="accountLedger"),
    pytest.param(INCOME_STATEMENT, {"from": "2026-07-01", "to": END}, id="incomeStatement"),
    pytest.param(BALANCE_SHEET, {"asOf": END}, id="balanceSheet"),
    pytest.param(FINANCIAL_SUMMARY, {"period": "2026-27/P05"}, id="financialSummary"),
]


def test_a_malformed_period_for_the_summary_is_refused(caller: Caller) -> None:
    for period in ("2026-27/P00", "2026-27", "P05", "2026-13/P01"):
        body = caller.graphql(FINANCIAL_SUMMARY, {"period": period})
        assert only_error(body, "BAD_USER_INPUT")["extensions"]["violations"][0]["field"] == "period", period


def test_the_books_of_a_new_tenant_balance_at_zero(caller: Caller) -> None:
    sheet = caller.data(BALANCE_SHEET, {"asOf": END})["balanceSheet"]
    trial = caller.data(TRIAL_BALANCE, {"asOf": END})["trialBalance"]

    assert (sheet["balanced"], sheet["assets"]["total"]["decimal"], sheet["currentEarnings"]["decimal"]) == (
        True,
        "0.00",
        "0.00",
    )
    assert (trial["rows"], trial["balanced"]) == ([], True)


@pytest.mark.parametrize(("query", "variables"), READS)
def test_a_viewer_may_not_read_the_books(caller: Caller, query: str, variables: dict[str, Any]) -> None:
    body = as_user(caller, "viewer-1", "viewer").graphql(query, variables)

    error = only_error(body, "FORBIDDEN")
    assert error["extensions"]["permission"] == "ledger:read"
    assert body["data"] is None


def test_an_accountant_reads_the_books(caller: Caller) -> None:
    _a_few_months(caller)
    accountant = as_user(caller, "accountant-1", "accountant")

    assert accountant.data(TRIAL_BALANCE, {"asOf": END})["trialBalance"]["balanced"] is True
    assert accountant.data(BALANCE_SHEET, {"asOf": END})["balanceSheet"]["balanced"] is True
