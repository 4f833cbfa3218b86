"""One invoice's page: a checker approves the maker's draft, the Mushak-6.3 shown in the page and downloaded."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from tests.e2e.invoicing.test_documents import PROFILE, SET_PROFILE
from tests.web.browser import accessibility_violations, sign_in, snap
from tests.web.server import WebServer

CREATE = "mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }"
STEEL_RODS = {
    "vendorId": "vendor-001", "customerId": "customer-001", "invoiceDate": "2026-11-10", "dueDate": "2026-12-10",
    "lineItems": [{"description": "Construction Materials - Steel Rods", "quantity": 100, "unitPrice": 5000}],
}  # fmt: skip


def test_a_checker_approves_the_makers_invoice_and_downloads_its_bengali_mushak(
    browser: Browser, server: WebServer
) -> None:
    maker = server.user("clerk", name="Maker")
    checker = server.colleague(maker, "approver", name="Checker")
    setup = server.graphql(maker)
    setup.data(SET_PROFILE, {"input": PROFILE})
    # The invoice is the maker's own: made over GraphQL as the maker, so the checker may approve it.
    setup.user_id = maker.username
    invoice_id = setup.data(CREATE, {"input": STEEL_RODS})["createInvoice"]["id"]

    as_maker = browser.new_context().new_page()
    sign_in(as_maker, server, maker, f"/invoices/{invoice_id}")
    expect(as_maker.get_by_role("heading", level=1)).to_contain_text("Draft")
    # A clerk may not approve, and without an approval policy there is nothing to submit.
    expect(as_maker.get_by_role("button", name="Approve and issue")).to_have_count(0)
    expect(as_maker.get_by_role("button", name="Submit for approval")).to_have_count(0)
    as_maker.close()

    as_checker = browser.new_context().new_page()
    sign_in(as_checker, server, checker)
    as_checker.get_by_role("navigation", name="Main").get_by_role("link", name="Approvals").click()
    expect(as_checker.get_by_text("Nothing waits for your approval.")).to_be_visible()
    assert accessibility_violations(as_checker) == []
    as_checker.get_by_role("navigation", name="Main").get_by_role("link", name="Invoices").click()
    as_checker.get_by_role("link", name="INV-").first.click()
    as_checker.get_by_role("button", name="Approve and issue").click()
    expect(as_checker.get_by_role("status")).to_contain_text("Approved: tax invoice")
    expect(as_checker.get_by_role("heading", level=1)).to_contain_text("Issued")
    expect(as_checker.frame_locator("iframe.document-frame").locator("body")).to_contain_text("6.3")
    assert accessibility_violations(as_checker) == []
    snap(as_checker, "invoice-page-en")
    as_checker.get_by_role("button", name="বাংলা").click()
    expect(as_checker.get_by_role("heading", level=1)).to_contain_text("জারি")
    snap(as_checker, "invoice-page-bn")
    with as_checker.expect_download() as download:
        as_checker.locator('a[href$="document.pdf?lang=bn"]').click()
    path = download.value.path()
    assert path.read_bytes()[:5] == b"%PDF-"
    as_checker.close()


def test_the_creator_of_an_invoice_is_refused_its_approval(browser: Browser, server: WebServer) -> None:
    admin = server.user("admin")
    setup = server.graphql(admin)
    setup.user_id = admin.username
    invoice_id = setup.data(CREATE, {"input": STEEL_RODS})["createInvoice"]["id"]
    page = browser.new_context().new_page()
    sign_in(page, server, admin, f"/invoices/{invoice_id}")
    page.get_by_role("button", name="Approve and issue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You may not do this")
    page.close()
