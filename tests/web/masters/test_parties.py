"""Customers and suppliers in a real browser: a form's errors by their fields, editing, deactivating, the list."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.server import Caller
from tests.web.browser import accessibility_violations, field_error, sign_in, snap
from tests.web.server import WebServer

CREATE_PARTY = "mutation($input: CreatePartyInput!) { createParty(input: $input) { id code } }"


def party(caller: Caller, code: str, name: str, kind: str = "CUSTOMER", **more: Any) -> str:
    given = {"code": code, "kind": [kind], "legalName": name, **more}
    created: str = caller.data(CREATE_PARTY, {"input": given})["createParty"]["id"]
    return created


def test_a_customer_with_a_wrong_bin_is_shown_again_with_the_error_by_the_bin(page: Page, server: WebServer) -> None:
    user = server.user("clerk")
    sign_in(page, server, user, "/parties/new")
    page.get_by_label("Code").fill("C-100")
    page.get_by_label("Legal name").fill("Padma Textiles Ltd")
    page.get_by_label("BIN").fill("12345")
    page.get_by_label("Phone").fill("01711000000")
    page.get_by_role("button", name="Save").click()
    assert "13 digits" in field_error(page, "bin")
    expect(page.get_by_label("Legal name")).to_have_value("Padma Textiles Ltd")
    expect(page.get_by_label("Phone")).to_have_value("01711000000")
    expect(page.get_by_label("Customer")).to_be_checked()
    snap(page, "masters-party-form-error-en")
    assert accessibility_violations(page) == []
    page.get_by_label("BIN").fill("000123456-0101")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("The party is saved.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Padma Textiles Ltd")
    expect(page.locator("dl.facts")).to_contain_text("000123456-0101")
    assert accessibility_violations(page) == []


def test_a_party_is_edited_and_deactivated_and_leaves_the_active_list(page: Page, server: WebServer) -> None:
    user = server.user("clerk")
    party_id = party(server.graphql(user), "S-7", "Meghna Cement Mills Ltd", "SUPPLIER")
    sign_in(page, server, user, f"/parties/{party_id}/edit")
    page.get_by_label("Address", exact=True).fill("Mograpara, Sonargaon")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("dl.facts")).to_contain_text("Mograpara, Sonargaon")
    page.get_by_role("link", name="Deactivate").click()
    page.get_by_role("button", name="Deactivate").click()
    expect(page.get_by_role("status")).to_have_text("The party is deactivated.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inactive")
    page.goto(f"{server.url}/parties")
    expect(page.get_by_role("link", name="S-7")).to_have_count(0)
    page.get_by_label("Status").select_option("inactive")
    expect(page.get_by_role("link", name="S-7")).to_be_visible()


def test_a_stale_edit_says_so_and_keeps_what_was_typed(page: Page, server: WebServer) -> None:
    user = server.user("clerk")
    caller = server.graphql(user)
    party_id = party(caller, "C-9", "Jamuna Traders")
    sign_in(page, server, user, f"/parties/{party_id}/edit")
    change = 'mutation($id: ID!) { updateParty(id: $id, input: {phone: "01811000000"}) { id } }'
    caller.data(change, {"id": party_id})
    page.get_by_label("Legal name").fill("Jamuna Traders Ltd")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert").first).to_contain_text("Someone else changed this party")
    expect(page.get_by_role("alert").first).to_contain_text("+8801811000000")
    expect(page.get_by_label("Legal name")).to_have_value("Jamuna Traders Ltd")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jamuna Traders Ltd")


def test_the_list_searches_as_one_types_filters_by_role_and_pages_on(page: Page, server: WebServer) -> None:
    user = server.user("clerk")
    caller = server.graphql(user)
    for number in range(21):
        party(caller, f"C-{number:02}", f"Customer {number:02}")
    party(caller, "S-01", "Karnaphuli Paper Mills", "SUPPLIER")
    sign_in(page, server, user, "/parties")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(20)
    snap(page, "masters-party-list-en")
    assert accessibility_violations(page) == []
    page.get_by_role("link", name="Next page").click()
    expect(rows).to_have_count(2)
    page.goto(f"{server.url}/parties")
    page.get_by_label("Search").press_sequentially("karna")
    expect(rows).to_have_count(1)
    expect(page).to_have_url(f"{server.url}/parties?search=karna&kind=&status=active")
    page.get_by_label("Search").fill("")
    page.get_by_label("Role").select_option("SUPPLIER")
    expect(rows).to_have_count(1)
    expect(page.get_by_role("link", name="S-01")).to_be_visible()
    page.get_by_role("button", name="বাংলা").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ক্রেতা ও সরবরাহকারী")
    snap(page, "masters-party-list-bn")
    page.goto(f"{server.url}/parties/new")
    page.get_by_label("বিআইএন").fill("123")
    page.get_by_role("button", name="সংরক্ষণ").click()
    assert field_error(page, "bin") != ""
    snap(page, "masters-party-form-error-bn")


def test_a_viewer_may_read_parties_but_not_write_them(page: Page, server: WebServer) -> None:
    user = server.user("viewer")
    party_id = party(server.graphql(user), "C-1", "Rupsha Foods")
    sign_in(page, server, user, "/parties")
    expect(page.get_by_role("link", name="C-1")).to_be_visible()
    expect(page.get_by_role("link", name="New party")).to_have_count(0)
    response = page.goto(f"{server.url}/parties/{party_id}/edit")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You may not do this")
    with server.signed_in(user) as client:
        assert client.post(f"/parties/{party_id}/deactivate").status_code == 403
