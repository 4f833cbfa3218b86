"""Credit notes from an issued invoice, and a receipt allocated oldest invoice first, in a real browser."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.invoicing.test_documents import PROFILE, SET_PROFILE
from tests.e2e.notes.notes import issued
from tests.e2e.operations import line, steel_rods
from tests.e2e.receivables.receivables import OWED, customer_party
from tests.web.browser import accessibility_violations, field_error, sign_in, snap
from tests.web.server import WebServer


def test_an_over_credit_is_refused_next_to_its_line_and_a_valid_credit_note_is_issued(
    page: Page, server: WebServer
) -> None:
    user = server.user()
    caller = server.graphql(user)
    caller.data(SET_PROFILE, {"input": PROFILE})
    invoice = issued(caller)
    sign_in(page, server, user, f"/invoices/{invoice['id']}/credit-notes/new")
    snap(page, "receivables-note-form-en")
    assert accessibility_violations(page) == []
    page.get_by_label("Reason").select_option("RETURN")
    page.get_by_label("Line 1: quantity").fill("101")
    page.get_by_role("button", name="Issue credit note").click()
    assert "more than that" in field_error(page, "lines[0].quantity")
    expect(page.get_by_label("Line 1: quantity")).to_have_value("101")
    page.get_by_label("Line 1: quantity").fill("10")
    page.get_by_role("button", name="Issue credit note").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Credit note")
    expect(page.locator("tr.total")).to_contain_text("57,500.00")
    snap(page, "receivables-note-en")
    assert accessibility_violations(page) == []
    note_path = page.url.removeprefix(server.url)
    with server.signed_in(user) as client:
        pdf = client.get(f"{note_path}/document.pdf?lang=bn")
        screen = client.get(f"{note_path}/document.html?lang=bn")
    assert screen.status_code == 200, screen.text[:300]
    assert "Mushak" in screen.text or "মূসক" in screen.text
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    page.get_by_role("button", name="বাংলা").click()
    snap(page, "receivables-note-bn")
    assert accessibility_violations(page) == []


def test_a_receipt_settles_the_oldest_invoice_first_and_it_shows_as_paid(page: Page, server: WebServer) -> None:
    user = server.user()
    caller = server.graphql(user)
    party = customer_party(caller)
    small = [line(description="Bolts", quantity=1, unitPrice=1000)]
    older = issued(caller, steel_rods(customerPartyId=party, customerId=None, invoiceDate="2025-01-10",
                                      dueDate="2025-02-10", lineItems=small))  # fmt: skip
    newer = issued(caller, steel_rods(customerPartyId=party, customerId=None, invoiceDate="2025-01-20",
                                      dueDate="2025-02-20", lineItems=small))  # fmt: skip
    sign_in(page, server, user, "/ageing")
    # Both were due in February 2025: today far more than 90 days past due, so both in the last bucket.
    karim = page.get_by_role("row").filter(has_text="Karim Steel Ltd")
    expect(karim.get_by_role("cell").nth(4)).to_have_text("৳2,300.00")
    expect(karim.get_by_role("cell").nth(0)).to_have_text("৳0.00")
    snap(page, "receivables-ageing-en")
    assert accessibility_violations(page) == []
    page.goto(f"{server.url}/receipts/new?customer={party}&amount=1150")
    expect(page.get_by_label(f"Allocate to {older['mushakNumber']}")).to_have_value("1150.00")
    expect(page.get_by_label(f"Allocate to {newer['mushakNumber']}")).to_have_value("")
    page.get_by_label("Amount received").fill("2300")
    page.get_by_label("Amount received").press("Tab")
    expect(page.get_by_label(f"Allocate to {newer['mushakNumber']}")).to_have_value("1150.00")
    snap(page, "receivables-receipt-form-en")
    assert accessibility_violations(page) == []
    page.get_by_label(f"Allocate to {older['mushakNumber']}").fill("")
    page.get_by_label(f"Allocate to {newer['mushakNumber']}").fill("2000")
    page.get_by_role("button", name="Record receipt").click()
    assert "owes" in field_error(page, "allocations[1].amount")
    expect(page.get_by_label(f"Allocate to {newer['mushakNumber']}")).to_have_value("2000")
    page.get_by_label(f"Allocate to {older['mushakNumber']}").fill("1150")
    page.get_by_label(f"Allocate to {newer['mushakNumber']}").fill("1150")
    page.get_by_role("button", name="Record receipt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Receipt")
    snap(page, "receivables-receipt-en")
    receipt_url = page.url
    assert accessibility_violations(page) == []
    for invoice in (older, newer):
        assert caller.data(OWED, {"id": invoice["id"]})["invoice"]["paymentStatus"] == "PAID"
    page.goto(f"{server.url}/statements?customer={party}&from=2025-01-01")
    expect(page.locator("tr.total")).to_contain_text("0.00")
    snap(page, "receivables-statement-en")
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="বাংলা").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ক্রেতার হিসাব বিবরণী")
    snap(page, "receivables-statement-bn")
    assert accessibility_violations(page) == []
    receipt_path = receipt_url.removeprefix(server.url)
    for path, name in (
        (receipt_path, "receipt"),
        ("/ageing", "ageing"),
        (f"/receipts/new?customer={party}", "receipt-form"),
    ):
        page.goto(f"{server.url}{path}")
        snap(page, f"receivables-{name}-bn")
        assert accessibility_violations(page) == []
