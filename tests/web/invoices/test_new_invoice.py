"""A new invoice's draft in the browser: the customer and the item from the masters, a line added, an error kept."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.web.browser import accessibility_violations, field_error, sign_in, snap
from tests.web.server import WebServer

CREATE_PARTY = "mutation($input: CreatePartyInput!) { createParty(input: $input) { id } }"
CREATE_ITEM = "mutation($input: CreateItemInput!) { createItem(input: $input) { id } }"


def test_a_clerk_drafts_the_steel_rods_invoice_from_the_masters(page: Page, server: WebServer) -> None:
    clerk = server.user("clerk")
    setup = server.graphql(clerk)
    setup.data(CREATE_PARTY, {"input": {"code": "C-1", "kind": ["CUSTOMER"], "legalName": "Meghna Real Estate Ltd."}})
    item = {"code": "ROD", "name": "Construction Materials - Steel Rods", "unitPrice": 5000}
    setup.data(CREATE_ITEM, {"input": item})
    sign_in(page, server, clerk, "/invoices")
    page.get_by_role("link", name="New invoice").click()
    page.get_by_label("Customer").select_option(label="Meghna Real Estate Ltd.")
    page.get_by_label("Item of line 1").select_option(label="Construction Materials - Steel Rods (ROD)")
    page.get_by_label("Quantity of line 1").fill("100")
    page.get_by_label("Description of line 2").fill("Transport")
    page.get_by_label("Quantity of line 2").fill("one")
    page.get_by_role("button", name="Add a line").click()
    # One more row, and everything typed is still there.
    expect(page.get_by_label("Quantity of line 4")).to_be_visible()
    expect(page.get_by_label("Quantity of line 1")).to_have_value("100")
    page.get_by_role("button", name="Save the draft").click()
    assert field_error(page, "lines[1].quantity") == "Write a number, such as 100 or 5000.50."
    expect(page.get_by_label("Description of line 2")).to_have_value("Transport")
    assert accessibility_violations(page) == []
    snap(page, "invoice-form-en")
    page.get_by_label("Quantity of line 2").fill("1")
    page.get_by_label("Unit price of line 2").fill("2500")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("status")).to_contain_text("saved")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Draft")
    expect(page.get_by_role("cell", name="Construction Materials - Steel Rods")).to_be_visible()
    # 100 at 5,000 and 1 at 2,500, with 15% VAT.
    expect(page.locator("tr.total")).to_contain_text("৳5,77,875.00")
