from __future__ import annotations

from hisab.benchmark.workload import (
    ACCOUNT_LEDGER,
    CREATE_JOURNAL_ENTRY,
    LEDGER_ACCOUNT,
    TRIAL_BALANCE,
    WorkloadState,
    journal_entry_input,
)


def test_the_deep_account_ledger_waits_for_its_cursor_and_then_always_asks_for_the_page_after_it() -> None:
    state = WorkloadState()
    assert state.request("account_ledger_deep") is None
    state.deep_cursor = "cursor-999"
    for _ in range(3):
        assert state.request("account_ledger_deep") == (
            ACCOUNT_LEDGER,
            {"code": LEDGER_ACCOUNT, "from": "2024-07-01", "to": "2026-06-30", "after": "cursor-999"},
        )
    query, variables = WorkloadState().request("account_ledger_first") or ("", {})
    assert query == ACCOUNT_LEDGER
    assert variables["after"] is None


def test_a_bench_journal_entry_balances_and_each_has_a_reference_of_its_own() -> None:
    first, second = journal_entry_input(1), journal_entry_input(2)
    for entry in (first, second):
        debits = sum(line.get("debit", 0) for line in entry["lines"])
        credits = sum(line.get("credit", 0) for line in entry["lines"])
        assert debits == credits > 0
    assert first["reference"] != second["reference"]
    assert WorkloadState().request("journal_post") == (CREATE_JOURNAL_ENTRY, {"input": journal_entry_input(0)})


def test_the_trial_balance_is_asked_as_of_the_seeded_books_last_day() -> None:
    assert WorkloadState().request("trial_balance") == (TRIAL_BALANCE, {"asOf": "2026-06-30"})
