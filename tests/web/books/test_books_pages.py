"""The books in a real browser: the chart of accounts and the trial balance, in English and Bengali."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.web.browser import accessibility_violations, field_error, sign_in, snap
from tests.web.server import WebServer


def test_the_chart_shows_the_default_accounts_grouped_by_type(page: Page, server: WebServer) -> None:
    sign_in(page, server, server.user("admin"), "/books")
    expect(page.get_by_role("heading", level=1)).to_have_text("Chart of accounts")
    for heading in ("Assets", "Liabilities", "Equity", "Income", "Expenses"):
        expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    assert page.locator("tbody tr").count() > 10
    assert accessibility_violations(page) == []
    snap(page, "books-chart-en")
    page.get_by_role("button", name="বাংলা").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("হিসাবের তালিকা")
    assert accessibility_violations(page) == []
    snap(page, "books-chart-bn")


def test_the_trial_balance_of_new_books_balances_and_a_bad_date_is_a_field_error(page: Page, server: WebServer) -> None:
    sign_in(page, server, server.user("admin"), "/books/trial-balance?as_of=2026-06-30")
    expect(page.get_by_role("status")).to_have_text("Debits equal credits.")
    expect(page.get_by_role("table")).to_contain_text("Total")
    assert accessibility_violations(page) == []
    snap(page, "books-trial-balance-en")
    page.goto(f"{server.url}/books/trial-balance?as_of=30-06-2026")
    assert field_error(page, "as_of") == "Enter a date such as 2026-06-30."
    expect(page.get_by_label("As of")).to_have_value("")
    page.goto(f"{server.url}/books/trial-balance?as_of=2026-06-30")
    page.get_by_role("button", name="বাংলা").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("রেওয়ামিল")
    assert accessibility_violations(page) == []
    snap(page, "books-trial-balance-bn")


CREATE_ENTRY = "mutation($input: CreateJournalEntryInput!) { createJournalEntry(input: $input) { id } }"
POST_ENTRY = "mutation($id: ID!) { postJournalEntry(id: $id) { number } }"


def test_a_posted_entry_shows_in_the_trial_balance_with_equal_totals(page: Page, server: WebServer) -> None:
    user = server.user("admin")
    caller = server.graphql(user)
    sale = {
        "date": "2026-11-15",
        "narration": "Steel rods sold, paid by bank transfer",
        "lines": [{"accountCode": "1121", "debit": 575000}, {"accountCode": "4100", "credit": 575000}],
    }
    entry_id = caller.data(CREATE_ENTRY, {"input": sale})["createJournalEntry"]["id"]
    caller.checker().data(POST_ENTRY, {"id": entry_id})
    sign_in(page, server, user, "/books/trial-balance?as_of=2026-11-30")
    expect(page.get_by_role("status")).to_have_text("Debits equal credits.")
    expect(page.locator("tfoot tr")).to_contain_text("৳5,75,000.00")
    expect(page.get_by_role("row").filter(has_text="4100")).to_contain_text("৳5,75,000.00")
    page.goto(f"{server.url}/books/profit-and-loss?from=2026-11-01&to=2026-11-30")
    expect(page.locator("tfoot tr")).to_contain_text("Net profit")
    expect(page.locator("tfoot tr")).to_contain_text("৳5,75,000.00")
    assert accessibility_violations(page) == []
    snap(page, "books-profit-and-loss-en")
    page.goto(f"{server.url}/books/balance-sheet?as_of=2026-11-30")
    expect(page.get_by_role("status")).to_have_text("Assets equal liabilities and equity.")
    assert accessibility_violations(page) == []
    snap(page, "books-balance-sheet-en")
    page.get_by_role("button", name="বাংলা").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("স্থিতিপত্র")
    assert accessibility_violations(page) == []
    snap(page, "books-balance-sheet-bn")
    page.goto(f"{server.url}/books/profit-and-loss?from=2026-11-01&to=2026-11-30")
    expect(page.get_by_role("heading", level=1)).to_have_text("লাভ-ক্ষতি")
    assert accessibility_violations(page) == []
    snap(page, "books-profit-and-loss-bn")
