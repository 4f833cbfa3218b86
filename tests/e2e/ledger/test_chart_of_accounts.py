"""The chart of accounts over HTTP, on SQLite and PostgreSQL (issue 12, scenario 1)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.ledger.books import (
    ACCOUNT,
    ACCOUNTS,
    CREATE_ACCOUNT,
    CREATE_ENTRY,
    DEACTIVATE,
    UPDATE_ACCOUNT,
    as_user,
    balance_of,
    cr,
    dr,
    entry_input,
    posted,
)
from tests.e2e.server import Caller, only_error, violated

BENGALI = re.compile(r"[\u0980-\u09ff]")
# Every account the issue names, by the words of its English name, and the codes the design fixes.
NAMED_IN_THE_ISSUE = [
    "cash in hand", "bank", "bkash", "nagad", "accounts receivable", "vds receivable", "ait/tds receivable",
    "vat input", "inventory", "accounts payable", "vat output", "sd payable", "vat current account",
    "vds payable", "tds payable", "customer advances", "sales", "sales returns", "purchases",
    "foreign exchange gain", "foreign exchange loss", "retained earnings",
]  # fmt: skip
FIXED_CODES = {
    "1110": "Cash in hand",
    "1121": "Bank - current account",
    "1210": "Accounts Receivable",
    "2210": "VAT Output",
    "2220": "SD Payable",
    "3200": "Retained Earnings",
    "4100": "Sales",
}
PETTY_CASH = {"code": "1140", "name": "Petty cash", "nameBn": "খুচরা নগদ", "type": "ASSET", "parentCode": "1100"}


def _accounts(caller: Caller, **filter: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = caller.data(ACCOUNTS, {"filter": filter or None})["accounts"]
    return found


def _codes(caller: Caller, **filter: Any) -> list[str]:
    return [account["code"] for account in _accounts(caller, **filter)]


def test_a_new_tenant_sees_the_default_chart_in_english_and_bengali(caller: Caller) -> None:
    chart = _accounts(caller)

    codes = [account["code"] for account in chart]
    assert codes == sorted(codes)
    names = [account["name"].lower() for account in chart]
    missing = [wanted for wanted in NAMED_IN_THE_ISSUE if not any(wanted in name for name in names)]
    assert missing == []
    by_code = {account["code"]: account for account in chart}
    assert {code: by_code[code]["name"] for code in FIXED_CODES} == FIXED_CODES
    assert all(account["nameBn"] and BENGALI.search(account["nameBn"]) for account in chart)
    assert all(account["active"] and account["balance"]["decimal"] == "0.00" for account in chart)
    tops = {(a["code"], a["type"], a["normalBalance"]) for a in chart if a["parentCode"] is None and a["isGroup"]}
    assert {("1000", "ASSET", "DEBIT"), ("2000", "LIABILITY", "CREDIT"), ("3000", "EQUITY", "CREDIT"),
            ("4000", "INCOME", "CREDIT"), ("5000", "EXPENSE", "DEBIT")} <= tops  # fmt: skip


def test_one_account_is_read_by_its_code(caller: Caller) -> None:
    receivable = caller.data(ACCOUNT, {"code": "1210"})["account"]

    assert receivable == {
        "code": "1210",
        "name": "Accounts Receivable",
        "nameBn": receivable["nameBn"],
        "type": "ASSET",
        "parentCode": "1200",
        "isGroup": False,
        "active": True,
        "normalBalance": "DEBIT",
        "balance": {"decimal": "0.00"},
    }
    assert BENGALI.search(receivable["nameBn"])


def test_an_unknown_account_code_reads_as_nothing(caller: Caller) -> None:
    body = caller.graphql(ACCOUNT, {"code": "987654"})

    assert body["data"] == {"account": None}
    if body.get("errors"):
        only_error(body, "NOT_FOUND")


def test_accounts_are_filtered_by_type_activity_and_search(caller: Caller) -> None:
    income = _accounts(caller, type="INCOME")
    assert {account["type"] for account in income} == {"INCOME"}
    assert {"4000", "4100", "4200"} <= {account["code"] for account in income}
    assert _codes(caller, active=False) == []

    assert {"1300", "2210", "2230"} <= set(_codes(caller, search="vAt"))
    assert "1210" not in _codes(caller, search="vAt")
    assert _codes(caller, search="বিকাশ") == ["1131"]
    assert "1210" in _codes(caller, search="121")
    assert _codes(caller, type="LIABILITY", search="PAYABLE", active=True) == ["2100", "2200", "2220", "2240", "2250"]


def test_a_nul_byte_in_the_search_is_refused(caller: Caller) -> None:
    assert violated(caller.graphql(ACCOUNTS, {"filter": {"search": "vat\x00"}})) == {
        ("filter.search", "control_characters")
    }


def test_an_inactive_account_is_listed_by_the_active_filter(caller: Caller) -> None:
    caller.data(DEACTIVATE, {"code": "4300"})

    assert _codes(caller, active=False) == ["4300"]
    assert "4300" not in _codes(caller, active=True)


def test_a_new_account_joins_the_chart_under_its_group(caller: Caller) -> None:
    created = caller.data(CREATE_ACCOUNT, {"input": PETTY_CASH})["createAccount"]

    assert created == {
        **PETTY_CASH,
        "isGroup": False,
        "active": True,
        "normalBalance": "DEBIT",
        "balance": {"decimal": "0.00"},
    }
    assert caller.data(ACCOUNT, {"code": "1140"})["account"]["name"] == "Petty cash"
    assert "1140" in _codes(caller, search="petty")
    posted(caller, "2026-11-10", dr("1140", 500), cr("1110", 500))
    assert balance_of(caller, "1140") == "500.00"
    assert balance_of(caller, "1100") == "0.00"  # a group sums its leaves: 500 in, 500 out


@pytest.mark.parametrize("code", ["11A0", "", "1234567890123", "١١٤٠"])
def test_an_account_code_is_one_to_twelve_digits(caller: Caller, code: str) -> None:
    body = caller.graphql(CREATE_ACCOUNT, {"input": {**PETTY_CASH, "code": code}})

    assert violated(body) == {("input.code", "account_code")}


def test_an_account_code_is_unique_in_the_chart(caller: Caller) -> None:
    body = caller.graphql(CREATE_ACCOUNT, {"input": {**PETTY_CASH, "code": "1210"}})

    assert violated(body) == {("input.code", "unique")}
    assert caller.data(ACCOUNT, {"code": "1210"})["account"]["name"] == "Accounts Receivable"


def test_a_parent_must_be_a_group_of_the_same_type(caller: Caller) -> None:
    leaf_parent = caller.graphql(CREATE_ACCOUNT, {"input": {**PETTY_CASH, "parentCode": "1110"}})
    other_type = caller.graphql(CREATE_ACCOUNT, {"input": {**PETTY_CASH, "parentCode": "2000"}})
    unknown = caller.graphql(CREATE_ACCOUNT, {"input": {**PETTY_CASH, "parentCode": "8888"}})

    assert violated(leaf_parent) == {("input.parentCode", "group_account")}
    assert violated(other_type) == {("input.parentCode", "account_type")}
    assert violated(unknown) == {("input.parentCode", "account")}
    assert "1140" not in _codes(caller)


def test_every_broken_rule_of_a_new_account_is_reported_at_once(caller: Caller) -> None:
    body = caller.graphql(CREATE_ACCOUNT, {"input": {**PETTY_CASH, "code": "x", "name": " ", "parentCode": "1110"}})

    assert violated(body) == {
        ("input.code", "account_code"),
        ("input.name", "required"),
        ("input.parentCode", "group_account"),
    }


def test_entries_post_to_leaf_accounts_only(caller: Caller) -> None:
    group = {"code": "1600", "name": "Deposits", "type": "ASSET", "parentCode": "1000", "isGroup": True}
    assert caller.data(CREATE_ACCOUNT, {"input": group})["createAccount"]["isGroup"] is True

    body = caller.graphql(CREATE_ENTRY, {"input": entry_input("2026-11-10", dr("1600", 100), cr("1100", 100))})

    assert violated(body) == {
        ("input.lines[0].accountCode", "leaf_account"),
        ("input.lines[1].accountCode", "leaf_account"),
    }


def test_an_account_is_renamed_and_moved(caller: Caller) -> None:
    caller.data(CREATE_ACCOUNT, {"input": PETTY_CASH})
    change = {"name": "Petty cash - site office", "nameBn": "খুচরা নগদ - সাইট অফিস", "parentCode": "1120"}

    updated = caller.data(UPDATE_ACCOUNT, {"code": "1140", "input": change})["updateAccount"]

    assert (updated["name"], updated["nameBn"], updated["parentCode"]) == tuple(change.values())
    assert updated["type"] == "ASSET"
    read = caller.data(ACCOUNT, {"code": "1140"})["account"]
    assert (read["name"], read["nameBn"], read["parentCode"]) == tuple(change.values())
    only_name = caller.data(UPDATE_ACCOUNT, {"code": "1131", "input": {"name": "bKash merchant wallet"}})
    assert only_name["updateAccount"]["parentCode"] == "1130"
    assert only_name["updateAccount"]["nameBn"] == "বিকাশ ওয়ালেট"


def test_an_update_keeps_the_parent_rules_and_an_unknown_account_is_not_found(caller: Caller) -> None:
    under_leaf = caller.graphql(UPDATE_ACCOUNT, {"code": "1131", "input": {"parentCode": "1110"}})
    blank = caller.graphql(UPDATE_ACCOUNT, {"code": "1131", "input": {"name": "  "}})
    unknown = caller.graphql(UPDATE_ACCOUNT, {"code": "987654", "input": {"name": "Nothing"}})

    assert violated(under_leaf) == {("input.parentCode", "group_account")}
    assert violated(blank) == {("input.name", "required")}
    only_error(unknown, "NOT_FOUND")


def test_an_account_with_a_balance_is_not_deactivated_until_it_is_zero(caller: Caller) -> None:
    posted(caller, "2026-11-10", dr("5500", 500), cr("3100", 500))

    refused = only_error(caller.graphql(DEACTIVATE, {"code": "5500"}), "CONFLICT")
    assert "balance" in refused["message"]
    assert caller.data(ACCOUNT, {"code": "5500"})["account"]["active"] is True

    posted(caller, "2026-11-11", dr("1121", 500), cr("5500", 500))
    deactivated = caller.data(DEACTIVATE, {"code": "5500"})["deactivateAccount"]

    assert (deactivated["active"], deactivated["balance"]["decimal"]) == (False, "0.00")
    body = caller.graphql(CREATE_ENTRY, {"input": entry_input("2026-11-12", dr("5500", 1), cr("1110", 1))})
    assert violated(body) == {("input.lines[0].accountCode", "active_account")}


def test_a_posting_account_or_a_group_with_active_accounts_is_not_deactivated(caller: Caller) -> None:
    posting_account = only_error(caller.graphql(DEACTIVATE, {"code": "1210"}), "CONFLICT")
    group = only_error(caller.graphql(DEACTIVATE, {"code": "1130"}), "CONFLICT")

    assert "INVOICE/RECEIVABLE" in posting_account["message"]
    assert "1130" in group["message"]
    assert _codes(caller, active=False) == []


def test_changing_the_chart_needs_the_manage_permission(caller: Caller) -> None:
    accountant = as_user(caller, "accountant-1", "accountant")

    refused = only_error(accountant.graphql(CREATE_ACCOUNT, {"input": PETTY_CASH}), "FORBIDDEN")

    assert refused["extensions"]["permission"] == "ledger:manage"
    assert [a["code"] for a in accountant.data(ACCOUNTS)["accounts"] if a["code"] == "1140"] == []
