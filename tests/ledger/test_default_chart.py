"""The default chart's data file: every account the issue lists, named in English and Bengali, and checked whole."""

from __future__ import annotations

import copy
import re
import signal
import tomllib
from collections.abc import Iterator
from importlib.resources import files
from types import FrameType
from typing import Any

import pytest

from hisab.ledger.adapters.chart_file import ChartFileError, load_default_chart, parse_chart
from hisab.ledger.domain.accounts import AccountType
from hisab.ledger.domain.books import template_violations
from hisab.ledger.domain.posting_rules import POSTING_ROLES, PostingRole
from tests.ledger.builders import DEFAULT_CHART, default_books

BENGALI = re.compile(r"[\u0980-\u09FF]")
# Issue 12's list of accounts a new tenant starts with, by the code the default chart gives each.
LISTED_ACCOUNTS = {
    "1110": ("Cash in hand", AccountType.ASSET),
    "1120": ("Bank accounts", AccountType.ASSET),
    "1131": ("bKash wallet", AccountType.ASSET),
    "1132": ("Nagad wallet", AccountType.ASSET),
    "1210": ("Accounts Receivable", AccountType.ASSET),
    "1220": ("VDS Receivable - certificate pending", AccountType.ASSET),
    "1230": ("AIT/TDS Receivable", AccountType.ASSET),
    "1300": ("VAT Input", AccountType.ASSET),
    "1400": ("Inventory", AccountType.ASSET),
    "2100": ("Accounts Payable", AccountType.LIABILITY),
    "2210": ("VAT Output", AccountType.LIABILITY),
    "2220": ("SD Payable", AccountType.LIABILITY),
    "2230": ("VAT Current Account", AccountType.LIABILITY),
    "2240": ("VDS Payable", AccountType.LIABILITY),
    "2250": ("TDS Payable", AccountType.LIABILITY),
    "2300": ("Customer Advances", AccountType.LIABILITY),
    "3200": ("Retained Earnings", AccountType.EQUITY),
    "4100": ("Sales", AccountType.INCOME),
    "4200": ("Sales Returns and Allowances", AccountType.INCOME),
    "4300": ("Foreign exchange gain", AccountType.INCOME),
    "5100": ("Purchases", AccountType.EXPENSE),
    "5700": ("Foreign exchange loss", AccountType.EXPENSE),
}


def _data() -> dict[str, Any]:
    text = files("hisab.ledger.adapters").joinpath("default_chart.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _account_row(data: dict[str, Any], code: str) -> dict[str, Any]:
    return next(row for row in data["accounts"] if row["code"] == code)


def test_the_default_chart_loads_and_is_consistent() -> None:
    chart = load_default_chart()
    assert chart == DEFAULT_CHART
    assert chart.name == "bd-default-2026"
    assert template_violations(chart) == []


@pytest.mark.parametrize(("code", "expected"), LISTED_ACCOUNTS.items(), ids=list(LISTED_ACCOUNTS))
def test_every_account_the_issue_lists_is_in_the_default_chart(code: str, expected: tuple[str, AccountType]) -> None:
    account = default_books().account(code)
    assert (account.name, account.type) == expected
    assert account.active


def test_every_account_has_a_bengali_name() -> None:
    unnamed = [a.code for a in DEFAULT_CHART.accounts if a.name_bn is None or not BENGALI.search(a.name_bn)]
    assert unnamed == []


def test_the_top_level_groups_are_the_five_account_types_by_first_digit() -> None:
    top = [(a.code, a.type, a.is_group) for a in DEFAULT_CHART.accounts if a.parent_code is None]
    assert top == [
        ("1000", AccountType.ASSET, True),
        ("2000", AccountType.LIABILITY, True),
        ("3000", AccountType.EQUITY, True),
        ("4000", AccountType.INCOME, True),
        ("5000", AccountType.EXPENSE, True),
    ]
    books = default_books()
    for group_code, _type, _group in top:
        assert all(leaf.code[0] == group_code[0] for leaf in books.leaves_under(group_code))


@pytest.mark.parametrize("role", POSTING_ROLES, ids=[f"{r.document_type}/{r.role}" for r in POSTING_ROLES])
def test_every_posting_role_takes_a_leaf_of_its_type(role: PostingRole) -> None:
    books = default_books()
    account = books.posting_account(*role.key)
    assert not account.is_group
    assert account.type is role.account_type
    assert books.postable_violation(account.code, "account") is None


def test_the_posting_accounts_are_those_the_design_names() -> None:
    # A credit note undoes to Sales Returns what the invoice posted to Sales; a debit note adds to Sales.
    assert {(p.document_type, p.role): p.account_code for p in DEFAULT_CHART.posting_accounts} == {
        ("INVOICE", "RECEIVABLE"): "1210",
        ("INVOICE", "SALES"): "4100",
        ("INVOICE", "SUPPLEMENTARY_DUTY"): "2220",
        ("INVOICE", "VAT_OUTPUT"): "2210",
        ("CREDIT_NOTE", "RECEIVABLE"): "1210",
        ("CREDIT_NOTE", "SALES_RETURNS"): "4200",
        ("CREDIT_NOTE", "SUPPLEMENTARY_DUTY"): "2220",
        ("CREDIT_NOTE", "VAT_OUTPUT"): "2210",
        ("DEBIT_NOTE", "RECEIVABLE"): "1210",
        ("DEBIT_NOTE", "SALES"): "4100",
        ("DEBIT_NOTE", "SUPPLEMENTARY_DUTY"): "2220",
        ("DEBIT_NOTE", "VAT_OUTPUT"): "2210",
        ("RECEIPT", "BANK"): "1121",
        ("RECEIPT", "CASH"): "1110",
        ("RECEIPT", "BKASH"): "1131",
        ("RECEIPT", "NAGAD"): "1132",
        ("RECEIPT", "ROCKET"): "1133",
        ("RECEIPT", "UPAY"): "1134",
        ("RECEIPT", "RECEIVABLE"): "1210",
        ("RECEIPT", "ADVANCES"): "2300",
        ("RECEIPT", "VDS_RECEIVABLE"): "1220",
        ("RECEIPT", "AIT_RECEIVABLE"): "1230",
        ("WRITE_OFF", "EXPENSE"): "5800",
        ("WRITE_OFF", "RECEIVABLE"): "1210",
        ("BILL", "PAYABLE"): "2100",
        ("BILL", "PURCHASES"): "5100",
        ("BILL", "VAT_INPUT"): "1300",
        ("PAYMENT", "PAYABLE"): "2100",
        ("PAYMENT", "BANK"): "1121",
        ("PAYMENT", "CASH"): "1110",
        ("PAYMENT", "MOBILE_WALLET"): "1131",
        ("PAYMENT", "VDS_PAYABLE"): "2240",
        ("PAYMENT", "TDS_PAYABLE"): "2250",
        # The input VAT a cash payment takes back becomes part of the purchase's cost.
        ("PAYMENT", "CREDIT_REVERSED"): "5100",
        ("WITHHOLDING_DEPOSIT", "VDS_PAYABLE"): "2240",
        ("WITHHOLDING_DEPOSIT", "TDS_PAYABLE"): "2250",
        ("WITHHOLDING_DEPOSIT", "BANK"): "1121",
        ("VAT_DEPOSIT", "VAT_CURRENT"): "2230",
        ("VAT_DEPOSIT", "SUPPLEMENTARY_DUTY"): "2220",
        ("VAT_DEPOSIT", "BANK"): "1121",
        ("FISCAL_YEAR", "RETAINED_EARNINGS"): "3200",
    }


def _refused(data: dict[str, Any]) -> str:
    with pytest.raises(ChartFileError) as refused:
        parse_chart(data)
    return str(refused.value)


def test_an_account_under_a_missing_parent_is_refused() -> None:
    data = _data()
    _account_row(data, "1110")["parent"] = "1199"
    assert "account 1110: no account '1199'" in _refused(data)


def test_an_account_under_a_leaf_or_under_another_type_is_refused() -> None:
    under_leaf = _data()
    _account_row(under_leaf, "1121")["parent"] = "1110"
    assert "account 1121: 1110 Cash in hand is not a group account" in _refused(under_leaf)
    under_liability = _data()
    _account_row(under_liability, "1121")["parent"] = "2200"
    assert "account 1121: 2200 is an LIABILITY group; this is ASSET" in _refused(under_liability)


def test_a_posting_role_given_to_a_group_is_refused() -> None:
    data = _data()
    data["posting"]["INVOICE"]["RECEIVABLE"] = "1200"
    assert "posting role INVOICE/RECEIVABLE: 1200 Receivables is a group" in _refused(data)


def test_a_posting_role_given_to_the_wrong_type_or_left_out_is_refused() -> None:
    wrong_type = _data()
    wrong_type["posting"]["INVOICE"]["SALES"] = "1110"
    assert "posting role INVOICE/SALES takes an INCOME account" in _refused(wrong_type)
    left_out = _data()
    del left_out["posting"]["FISCAL_YEAR"]
    assert "no account for posting role FISCAL_YEAR/RETAINED_EARNINGS" in _refused(left_out)


def test_two_accounts_with_one_code_are_refused() -> None:
    data = _data()
    data["accounts"].append(copy.deepcopy(_account_row(data, "5900")))
    assert "two accounts share a code" in _refused(data)


def test_a_code_that_is_not_digits_is_refused() -> None:
    data = _data()
    _account_row(data, "5900")["code"] = "59A0"
    assert "account code '59A0' is not 1 to 12 digits" in _refused(data)


@pytest.mark.parametrize(
    "breakage",
    ["no name", "no accounts", "an account without a type", "an unknown type", "accounts not a list of tables"],
)
def test_a_malformed_chart_file_is_refused(breakage: str) -> None:
    data = _data()
    if breakage == "no name":
        del data["name"]
    elif breakage == "no accounts":
        del data["accounts"]
    elif breakage == "an account without a type":
        del _account_row(data, "1110")["type"]
    elif breakage == "an unknown type":
        _account_row(data, "1110")["type"] = "REVENUE"
    else:
        data["accounts"] = ["1110"]
    assert _refused(data).startswith("the chart file is malformed")


def test_every_problem_of_a_broken_chart_is_named_at_once() -> None:
    data = _data()
    _account_row(data, "1110")["parent"] = "1199"
    data["posting"]["INVOICE"]["RECEIVABLE"] = "1200"
    message = _refused(data)
    assert "account 1110" in message
    assert "INVOICE/RECEIVABLE" in message


@pytest.fixture
def one_second_limit() -> Iterator[None]:
    """Turn a check that never ends into a failure, without leaving anything running."""

    def give_up(_signal: int, _frame: FrameType | None) -> None:
        raise TimeoutError("the chart check did not finish within a second")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.usefixtures("one_second_limit")
def test_a_cycle_of_parents_is_refused() -> None:
    data = _data()
    _account_row(data, "3000")["parent"] = "3200"
    _account_row(data, "3200")["group"] = True
    assert "an account cannot be placed under itself" in _refused(data)
