"""Fiscal periods and the closing of a fiscal year over HTTP (issue 12, scenario 4)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any

import httpx

from tests.e2e.ledger.books import (
    ACCOUNT,
    BALANCE_SHEET,
    CLOSE_PERIOD,
    CLOSE_YEAR,
    GET_ENTRY,
    PERIODS,
    POST_ENTRY,
    REOPEN_PERIOD,
    REVERSE_ENTRY,
    TRIAL_BALANCE,
    amounts,
    as_user,
    balance_of,
    cr,
    dhaka_today,
    dr,
    draft,
    listed_ids,
    period_of,
    posted,
)
from tests.e2e.operations import APPROVE, CREATE, GET, steel_rods
from tests.e2e.server import Caller, only_error, violated

RENT = (dr("5400", 25000), cr("1121", 25000))
NOVEMBER = "2026-27/P05"


def _status(caller: Caller, year: str) -> dict[str, str]:
    return {period["period"]: period["status"] for period in caller.data(PERIODS, {"year": year})["fiscalPeriods"]}


def test_a_fiscal_year_has_twelve_open_periods_from_july_to_june(caller: Caller) -> None:
    periods = caller.data(PERIODS, {"year": "2026-27"})["fiscalPeriods"]

    assert [(p["period"], p["number"], p["fiscalYear"]) for p in periods] == [
        (f"2026-27/P{n:02d}", n, "2026-27") for n in range(1, 13)
    ]
    assert (periods[0]["from"], periods[0]["to"]) == ("2026-07-01", "2026-07-31")
    assert (periods[7]["from"], periods[7]["to"]) == ("2027-02-01", "2027-02-28")
    assert (periods[11]["from"], periods[11]["to"]) == ("2027-06-01", "2027-06-30")
    assert {p["status"] for p in periods} == {"OPEN"}
    assert {(p["closedBy"], p["closedAt"], p["reopenReason"]) for p in periods} == {(None, None, None)}


def test_a_malformed_fiscal_year_or_period_is_refused(caller: Caller) -> None:
    assert violated(caller.graphql(PERIODS, {"year": "2026"})) == {("fiscalYear", "fiscal_year")}
    assert violated(caller.graphql(CLOSE_PERIOD, {"period": "2026-27/P13"})) == {("period", "period")}
    assert violated(caller.graphql(CLOSE_PERIOD, {"period": "November"})) == {("period", "period")}


def test_closing_a_period_refuses_a_back_dated_entry_naming_the_period(caller: Caller) -> None:
    back_dated = draft(caller, "2026-11-20", *RENT)

    closed = caller.data(CLOSE_PERIOD, {"period": NOVEMBER})["closePeriod"]

    assert (closed["status"], closed["closedBy"], closed["from"], closed["to"]) == (
        "CLOSED",
        caller.user_id,
        "2026-11-01",
        "2026-11-30",
    )
    assert closed["closedAt"] is not None
    refused = only_error(caller.checker().graphql(POST_ENTRY, {"id": back_dated["id"]}), "CONFLICT")
    assert NOVEMBER in refused["message"]
    assert caller.data(GET_ENTRY, {"id": back_dated["id"]})["journalEntry"]["status"] == "DRAFT"
    assert _status(caller, "2026-27")[NOVEMBER] == "CLOSED"
    assert posted(caller, "2026-10-31", *RENT)["number"] == "GJ/2026-27/000001"


def test_a_reversal_dated_in_a_closed_period_is_refused(caller: Caller) -> None:
    entry = posted(caller, "2026-11-05", *RENT)
    caller.data(CLOSE_PERIOD, {"period": NOVEMBER})

    inside = caller.checker().graphql(REVERSE_ENTRY, {"id": entry["id"], "date": "2026-11-25", "reason": "Wrong"})

    assert NOVEMBER in only_error(inside, "CONFLICT")["message"]
    assert caller.data(GET_ENTRY, {"id": entry["id"]})["journalEntry"]["status"] == "POSTED"
    later = caller.checker().data(REVERSE_ENTRY, {"id": entry["id"], "date": "2026-12-01", "reason": "Wrong"})
    assert later["reverseJournalEntry"]["number"] == "RJ/2026-27/000001"


def test_an_invoice_is_not_issued_while_todays_period_is_closed(caller: Caller) -> None:
    today = period_of(dhaka_today())
    created = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]
    caller.data(CLOSE_PERIOD, {"period": today})

    refused = only_error(caller.checker().graphql(APPROVE, {"id": created["id"]}), "CONFLICT")

    assert today in refused["message"]
    invoice = caller.data(GET, {"id": created["id"]})["invoice"]
    assert (invoice["status"], invoice["mushakNumber"]) == ("DRAFT", None)
    assert listed_ids(caller) == []
    assert balance_of(caller, "1210") == "0.00"


def test_posting_and_closing_at_once_leave_no_entry_posted_after_the_close(caller: Caller) -> None:
    drafts = [draft(caller, "2026-11-20", *RENT)["id"] for _ in range(6)]

    def send(step: tuple[str, dict[str, str]]) -> dict[str, Any]:
        query, variables = step
        with httpx.Client(base_url=caller.http.base_url, timeout=30) as http:
            return Caller(http, caller.tenant_id, "checker-1", caller.roles).graphql(query, variables)

    steps = [(POST_ENTRY, {"id": entry_id}) for entry_id in drafts]
    steps.insert(3, (CLOSE_PERIOD, {"period": NOVEMBER}))
    with ThreadPoolExecutor(max_workers=len(steps)) as pool:
        answers = list(pool.map(send, steps))

    closed_at = datetime.fromisoformat(answers[3]["data"]["closePeriod"]["closedAt"])
    entries = [caller.data(GET_ENTRY, {"id": entry_id})["journalEntry"] for entry_id in drafts]
    posted_entries = [entry for entry in entries if entry["status"] == "POSTED"]
    assert all(datetime.fromisoformat(entry["postedAt"]) <= closed_at for entry in posted_entries)
    assert sorted(entry["number"] for entry in posted_entries) == [
        f"GJ/2026-27/{n:06d}" for n in range(1, len(posted_entries) + 1)
    ]
    refused = [answer for answer in answers if answer.get("errors")]
    assert len(refused) == len(entries) - len(posted_entries)
    assert all(NOVEMBER in only_error(answer, "CONFLICT")["message"] for answer in refused)


def test_a_reopened_period_takes_postings_again_and_keeps_the_reason(caller: Caller) -> None:
    back_dated = draft(caller, "2026-11-20", *RENT)
    caller.data(CLOSE_PERIOD, {"period": NOVEMBER})

    reopened = caller.data(REOPEN_PERIOD, {"period": NOVEMBER, "reason": "Late supplier bill"})["reopenPeriod"]

    assert (reopened["status"], reopened["reopenReason"], reopened["reopenedBy"]) == (
        "OPEN",
        "Late supplier bill",
        caller.user_id,
    )
    assert reopened["reopenedAt"] is not None
    entry = caller.checker().data(POST_ENTRY, {"id": back_dated["id"]})["postJournalEntry"]
    assert (entry["status"], entry["number"]) == ("POSTED", "GJ/2026-27/000001")
    periods = {p["period"]: p for p in caller.data(PERIODS, {"year": "2026-27"})["fiscalPeriods"]}
    assert periods[NOVEMBER]["reopenReason"] == "Late supplier bill"


def test_reopening_needs_a_reason_and_a_closed_period(caller: Caller) -> None:
    open_period = only_error(caller.graphql(REOPEN_PERIOD, {"period": NOVEMBER, "reason": "Why not"}), "CONFLICT")
    caller.data(CLOSE_PERIOD, {"period": NOVEMBER})
    no_reason = caller.graphql(REOPEN_PERIOD, {"period": NOVEMBER, "reason": "  "})

    assert NOVEMBER in open_period["message"]
    assert violated(no_reason) == {("reason", "required")}
    assert _status(caller, "2026-27")[NOVEMBER] == "CLOSED"


def test_a_nul_byte_in_a_reopening_reason_is_refused(caller: Caller) -> None:
    caller.data(CLOSE_PERIOD, {"period": NOVEMBER})

    body = caller.graphql(REOPEN_PERIOD, {"period": NOVEMBER, "reason": "late\x00bill"})

    assert violated(body) == {("reason", "control_characters")}
    assert _status(caller, "2026-27")[NOVEMBER] == "CLOSED"


def test_an_accountant_may_not_close_or_reopen_a_period(caller: Caller) -> None:
    accountant = as_user(caller, "accountant-1", "accountant")

    close = only_error(accountant.graphql(CLOSE_PERIOD, {"period": NOVEMBER}), "FORBIDDEN")
    caller.data(CLOSE_PERIOD, {"period": NOVEMBER})
    reopen = only_error(accountant.graphql(REOPEN_PERIOD, {"period": NOVEMBER, "reason": "x"}), "FORBIDDEN")
    year = only_error(accountant.graphql(CLOSE_YEAR, {"year": "2025-26"}), "FORBIDDEN")

    assert {e["extensions"]["permission"] for e in (close, reopen, year)} == {"ledger:close"}
    assert _status(caller, "2026-27")[NOVEMBER] == "CLOSED"
    cfo = as_user(caller, "cfo-1", "cfo")
    assert (
        cfo.data(REOPEN_PERIOD, {"period": NOVEMBER, "reason": "Audit adjustment"})["reopenPeriod"]["status"] == "OPEN"
    )


def test_closing_a_fiscal_year_moves_income_and_expense_to_retained_earnings(caller: Caller) -> None:
    posted(caller, "2025-07-10", dr("1121", 1_000_000), cr("3100", 1_000_000))
    posted(caller, "2026-03-15", dr("1210", 115_000), cr("4100", 100_000), cr("2210", 15_000))
    posted(caller, "2026-04-01", dr("5400", 30_000), cr("1121", 30_000))

    closed = caller.data(CLOSE_YEAR, {"year": "2025-26"})["closeFiscalYear"]

    entry = closed["closingEntry"]
    assert closed["fiscalYear"] == "2025-26"
    assert (entry["kind"], entry["status"], entry["number"], entry["date"]) == (
        "CLOSING",
        "POSTED",
        "CJ/2025-26/000001",
        "2026-06-30",
    )
    assert sorted(amounts(entry)) == [
        ("3200", "0.00", "70000.00"),
        ("4100", "100000.00", "0.00"),
        ("5400", "0.00", "30000.00"),
    ]
    assert [(p["period"], p["status"]) for p in closed["periods"]] == [
        (f"2025-26/P{n:02d}", "CLOSED") for n in range(1, 13)
    ]
    assert (balance_of(caller, "4100", "2026-06-30"), balance_of(caller, "3200", "2026-06-30")) == (
        "0.00",
        "70000.00",
    )
    sheet = caller.data(BALANCE_SHEET, {"asOf": "2026-06-30"})["balanceSheet"]
    assert (sheet["balanced"], sheet["currentEarnings"]["decimal"]) == (True, "0.00")
    assert sheet["assets"]["total"] == sheet["totalLiabilitiesAndEquity"] == {"decimal": "1085000.00"}
    assert caller.data(BALANCE_SHEET, {"asOf": dhaka_today().isoformat()})["balanceSheet"]["balanced"] is True


def test_the_next_year_opens_with_the_closed_years_balances(caller: Caller) -> None:
    posted(caller, "2025-07-10", dr("1121", 1_000_000), cr("3100", 1_000_000))
    posted(caller, "2026-03-15", dr("1121", 40_000), cr("4100", 40_000))
    caller.data(CLOSE_YEAR, {"year": "2025-26"})

    trial = caller.data(TRIAL_BALANCE, {"asOf": "2026-07-31"})["trialBalance"]

    opening = {
        row["account"]["code"]: (row["openingDebit"]["decimal"], row["openingCredit"]["decimal"])
        for row in trial["rows"]
    }
    assert opening == {
        "1121": ("1040000.00", "0.00"),
        "3100": ("0.00", "1000000.00"),
        "3200": ("0.00", "40000.00"),
    }
    assert trial["balanced"] is True
    assert trial["totals"]["openingDebit"] == trial["totals"]["openingCredit"] == {"decimal": "1040000.00"}


def test_a_closed_year_takes_no_postings_and_is_closed_once(caller: Caller) -> None:
    posted(caller, "2026-03-15", dr("1121", 40_000), cr("4100", 40_000))
    late = draft(caller, "2026-06-15", *RENT)
    caller.data(CLOSE_YEAR, {"year": "2025-26"})

    refused = only_error(caller.checker().graphql(POST_ENTRY, {"id": late["id"]}), "CONFLICT")
    again = only_error(caller.graphql(CLOSE_YEAR, {"year": "2025-26"}), "CONFLICT")
    reopen = only_error(caller.graphql(REOPEN_PERIOD, {"period": "2025-26/P12", "reason": "Late bill"}), "CONFLICT")

    assert "2025-26/P12" in refused["message"]
    assert "2025-26" in again["message"]
    assert "2025-26" in reopen["message"]
    assert caller.data(ACCOUNT, {"code": "3200"})["account"]["balance"]["decimal"] == "40000.00"


def test_a_year_with_nothing_to_move_closes_without_an_entry(caller: Caller) -> None:
    closed = caller.data(CLOSE_YEAR, {"year": "2025-26"})["closeFiscalYear"]

    assert closed["closingEntry"] is None
    assert set(_status(caller, "2025-26").values()) == {"CLOSED"}
    assert set(_status(caller, "2026-27").values()) == {"OPEN"}
