"""Items in a real browser: a form's errors by their fields, editing, deactivating, the list and its pages."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.server import Caller
from tests.web.browser import accessibility_violations, field_error, sign_in, snap
from tests.web.server import WebServer

CREATE_ITEM = "mutation($input: CreateItemInput!) { createItem(input: $input) { id } }"


def item(caller: Caller, code: str, name: str, price: int = 100) -> str:
    created: str = caller.data(CREATE_ITEM, {"input": {"code": code, "name": name, "unitPrice": price}})["createItem"][
        "id"
    ]
    return created


def test_an_item_with_a_bad_price_is_shown_again_then_saved_edited_and_deactivated(
    page: Page, server: WebServer
) -> None:
    user = server.user("clerk")
    sign_in(page, server, user, "/items/new")
    page.get_by_role("textbox", name="Code", exact=True).fill("CEM-50")
    page.get_by_role("textbox", name="Name", exact=True).fill("Portland cement, 50 kg")
    page.get_by_label("Unit price (Taka)").fill("5five0")
    page.get_by_label("HS code").fill("2523.29.00")
    page.get_by_role("button", name="Save").click()
    assert field_error(page, "unit_price") == "Write a number, such as 1500.50."
    expect(page.get_by_label("HS code")).to_have_value("2523.29.00")
    expect(page.get_by_label("Unit price (Taka)")).to_have_value("5five0")
    assert accessibility_violations(page) == []
    page.get_by_label("Unit price (Taka)").fill("550.50")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("The item is saved.")
    expect(page.locator("dl.facts")).to_contain_text("550.50")
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Unit", exact=True).fill("bag")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("dl.facts")).to_contain_text("bag")
    page.get_by_role("link", name="Deactivate").click()
    page.get_by_role("button", name="Deactivate").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inactive")
    page.goto(f"{server.url}/items")
    expect(page.get_by_role("link", name="CEM-50")).to_have_count(0)


def test_the_item_list_searches_as_one_types_and_pages_on(page: Page, server: WebServer) -> None:
    user = server.user("clerk")
    caller = server.graphql(user)
    for number in range(20):
        item(caller, f"I-{number:02}", f"Item {number:02}")
    item(caller, "ROD-12", "MS rod 12 mm", 92)
    sign_in(page, server, user, "/items")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(20)
    snap(page, "masters-item-list-en")
    assert accessibility_violations(page) == []
    page.get_by_role("link", name="Next page").click()
    expect(rows).to_have_count(1)
    page.goto(f"{server.url}/items")
    page.get_by_label("Search").press_sequentially("rod")
    expect(rows).to_have_count(1)
    expect(page).to_have_url(f"{server.url}/items?search=rod&status=active")
    page.get_by_role("button", name="বাংলা").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("পণ্য ও সেবা")
    snap(page, "masters-item-list-bn")
    assert accessibility_violations(page) == []


def test_a_viewer_may_not_create_items(page: Page, server: WebServer) -> None:
    user = server.user("viewer")
    sign_in(page, server, user, "/items")
    expect(page.get_by_role("link", name="New item")).to_have_count(0)
    response = page.goto(f"{server.url}/items/new")
    assert response is not None
    assert response.status == 403
