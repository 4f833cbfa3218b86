"""The invoice list: search as you type, a status filter and the next page, in a real browser."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.web.browser import accessibility_violations, sign_in, snap
from tests.web.server import WebServer, WebUser

CREATE = "mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { id invoiceNumber } }"


def _draft(server: WebServer, user: WebUser, customer: str, description: str) -> str:
    line = {"description": description, "quantity": 100, "unitPrice": 5000}
    given = {"vendorId": "vendor-001", "customerId": customer, "invoiceDate": "2026-08-10",
             "dueDate": "2026-09-10", "lineItems": [line]}  # fmt: skip
    data = server.graphql(user).data(CREATE, {"input": given})
    number: str = data["createInvoice"]["invoiceNumber"]
    return number


def test_the_list_searches_as_the_user_types_filters_by_status_and_pages_on(page: Page, server: WebServer) -> None:
    user = server.user("clerk", name="Rahima Akter")
    for n in range(20):
        _draft(server, user, f"customer-{n:03d}", "Cement")
    steel = _draft(server, user, "rahman-steel", "Construction Materials - Steel Rods")
    sign_in(page, server, user, "/invoices")
    rows = page.locator("#invoice-results tbody tr")
    expect(rows).to_have_count(20)
    expect(rows.first).to_contain_text(steel)
    assert accessibility_violations(page) == []
    snap(page, "invoices-list-en")
    page.get_by_role("link", name="Next page").click()
    expect(rows).to_have_count(1)
    page.goto(f"{server.url}/invoices")
    page.get_by_label("Search").press_sequentially("rahman")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("rahman-steel")
    expect(page).to_have_url(f"{server.url}/invoices?search=rahman&status=&customer=&from=&to=")
    page.get_by_label("Status").select_option("APPROVED")
    expect(page.get_by_role("status")).to_have_text("No invoice matches.")
    page.get_by_role("button", name="বাংলা").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("চালান")
    assert accessibility_violations(page) == []
    snap(page, "invoices-list-bn")
