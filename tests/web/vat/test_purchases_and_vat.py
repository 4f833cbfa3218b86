"""Purchases and VAT in a real browser: recording a bill, paying it with VDS withheld and its Mushak-6.6,
the registers, and the current period's return: its notes, a note's documents, the checks, preparing and
submitting it (which locks the period), and a deposit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.ledger.books import dhaka_today
from tests.e2e.notes.notes import issued
from tests.e2e.operations import line, steel_rods
from tests.e2e.server import Caller
from tests.web.browser import accessibility_violations, field_error, sign_in, snap
from tests.web.server import WebServer, WebUser

SETTINGS = """mutation($input: TenantSettingsInput!) {
  updateTenantSettings(input: $input) { withholdingEntity vatReturnFrequency } }"""
CREATE_PARTY = "mutation($input: CreatePartyInput!) { createParty(input: $input) { id } }"
RECORD_BILL = "mutation($input: RecordBillInput!) { recordBill(input: $input) { id number } }"
MONEY = "{ decimal }"


def _today_iso(days_ago: int = 0) -> str:
    return (dhaka_today() - timedelta(days=days_ago)).isoformat()


def _tenant(server: WebServer, *, withholding: bool = False) -> tuple[WebUser, Caller]:
    user = server.user("admin", name="Nasrin Sultana")
    caller = server.graphql(user)
    caller.data(SETTINGS, {"input": {"withholdingEntity": withholding, "vatReturnFrequency": "QUARTERLY"}})
    return user, caller


def _supplier(caller: Caller, name: str = "Desh Consultants Ltd") -> str:
    party = {"code": "S-1", "kind": ["SUPPLIER"], "legalName": name, "bin": "000456789-0101", "creditDays": 30}
    found: str = caller.data(CREATE_PARTY, {"input": party})["createParty"]["id"]
    return found


def _bill(caller: Caller, supplier: str, number: str = "DC/2026/118", received: str | None = None) -> dict[str, Any]:
    line_: dict[str, Any] = {"description": "Structural design consultancy", "quantity": 1, "value": 50000,
                             "serviceCode": "S032.00"}  # fmt: skip
    given = {"supplierPartyId": supplier, "supplierInvoiceNumber": number, "supplierInvoiceDate": _today_iso(2),
             "receivedDate": received or _today_iso(1), "lines": [line_]}  # fmt: skip
    if received:
        given["supplierInvoiceDate"] = received
    found: dict[str, Any] = caller.data(RECORD_BILL, {"input": given})["recordBill"]
    return found


def _in_bengali(page: Page) -> None:
    page.get_by_role("button", name="বাংলা").click()
    expect(page.locator("html")).to_have_attribute("lang", "bn")


def _in_english(page: Page) -> None:
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_a_bill_is_recorded_with_a_line_added_in_place_and_a_wrong_rate_shown_next_to_its_field(
    page: Page, server: WebServer
) -> None:
    user, caller = _tenant(server)
    _supplier(caller, "Meghna Cement Mills Ltd")
    sign_in(page, server, user, "/bills/new")
    page.locator("#f-supplier_party_id").select_option(label="Meghna Cement Mills Ltd")
    page.get_by_label("Supplier's invoice number").fill("MCM/2026-27/004512")
    page.get_by_label("Supplier's invoice date").fill(_today_iso(3))
    page.get_by_label("Received on").fill(_today_iso(2))
    page.locator('[id="f-lines[0].description"]').fill("Portland cement, 50 kg bags")
    page.locator('[id="f-lines[0].quantity"]').fill("100")
    page.locator('[id="f-lines[0].value"]').fill("50000")
    page.get_by_role("button", name="Add a line").click()
    expect(page.get_by_role("group", name="Line 2")).to_be_visible()
    page.locator('[id="f-lines[1].description"]').fill("Delivery")
    page.locator('[id="f-lines[1].value"]').fill("2000")
    page.locator('[id="f-lines[1].vat_rate"]').fill("7")
    snap(page, "vat-bill-form-en")
    assert accessibility_violations(page) == []
    page.get_by_role("button", name="Record the bill").click()
    expect(page.locator('[id="e-lines[1].vat_rate"]')).to_be_visible()
    assert field_error(page, "lines[1].vat_rate")
    # Everything typed is kept.
    expect(page.locator('[id="f-lines[0].description"]')).to_have_value("Portland cement, 50 kg bags")
    expect(page.locator('[id="f-lines[1].value"]')).to_have_value("2000")
    expect(page.get_by_label("Supplier's invoice number")).to_have_value("MCM/2026-27/004512")
    page.locator('[id="f-lines[1].vat_rate"]').fill("15")
    page.get_by_role("button", name="Record the bill").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bill BILL/")
    # 7,500.00 on the cement and 300.00 on the delivery, both credited.
    expect(page.locator("tr.total")).to_contain_text("7,800.00")
    expect(page.get_by_role("cell", name="Portland cement, 50 kg bags")).to_be_visible()
    snap(page, "vat-bill-en")
    assert accessibility_violations(page) == []
    _in_bengali(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("বিল")
    snap(page, "vat-bill-bn")
    assert accessibility_violations(page) == []
    page.goto(f"{server.url}/bills/new")
    snap(page, "vat-bill-form-bn")
    assert accessibility_violations(page) == []


def test_the_same_suppliers_invoice_twice_is_refused_next_to_its_number(page: Page, server: WebServer) -> None:
    user, caller = _tenant(server)
    supplier = _supplier(caller)
    _bill(caller, supplier, "DC/2026/200")
    sign_in(page, server, user, "/bills/new")
    page.locator("#f-supplier_party_id").select_option(value=supplier)
    page.get_by_label("Supplier's invoice number").fill("DC/2026/200")
    page.get_by_label("Supplier's invoice date").fill(_today_iso(2))
    page.locator('[id="f-lines[0].description"]').fill("Design")
    page.locator('[id="f-lines[0].value"]').fill("1000")
    page.get_by_role("button", name="Record the bill").click()
    expect(page.locator('[id="e-supplier_invoice_number"]')).to_contain_text("already recorded")
    expect(page.get_by_label("Supplier's invoice number")).to_have_value("DC/2026/200")


def test_paying_a_bill_withholds_vds_and_its_mushak_6_6_downloads_in_bengali(page: Page, server: WebServer) -> None:
    user, caller = _tenant(server, withholding=True)
    supplier = _supplier(caller)
    bill = _bill(caller, supplier)
    sign_in(page, server, user, f"/payments/new?supplier={supplier}")
    page.locator("#f-date").fill(_today_iso())
    # 57,500.00 owed, of which the VAT (7,500.00) is withheld at source: 50,000.00 leaves the bank.
    page.get_by_label(f"Pay bill {bill['number']}").fill("50000")
    page.get_by_label("Amount paid (Tk)").fill("50000")
    page.get_by_role("button", name="Record the payment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Payment PAY/")
    expect(page.get_by_role("heading", name="VDS certificate (Mushak-6.6)")).to_be_visible()
    expect(page.get_by_role("region", name="VDS certificate (Mushak-6.6)")).to_contain_text("VAT deducted ৳7,500.00")
    snap(page, "vat-payment-en")
    assert accessibility_violations(page) == []
    _in_bengali(page)
    snap(page, "vat-payment-bn")
    assert accessibility_violations(page) == []
    with server.signed_in(user) as client:
        pdf = client.get(page.url.removeprefix(server.url) + "/mushak-6.6-bn.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_current_quarters_return_shows_its_notes_documents_and_checks_and_submitting_locks_it(
    page: Page, server: WebServer
) -> None:
    user, caller = _tenant(server)
    issued(caller, steel_rods(invoiceDate=_today_iso(), dueDate=_today_iso(-30),
                                        lineItems=[line(quantity=10, unitPrice=1000)]))  # fmt: skip
    supplier = _supplier(caller)
    bill = _bill(caller, supplier)
    sign_in(page, server, user, f"/vat/registers/sales?from={_today_iso(30)}&to={_today_iso()}")
    sale = page.get_by_role("row").filter(has_text="Construction Materials - Steel Rods")
    expect(sale).to_contain_text("10,000.00")
    expect(sale).to_contain_text("1,500.00")
    snap(page, "vat-registers-en")
    assert accessibility_violations(page) == []
    _in_bengali(page)
    snap(page, "vat-registers-bn")
    assert accessibility_violations(page) == []
    _in_english(page)
    with server.signed_in(user) as client:
        workbook = client.get(f"/vat/registers/purchases/download.xlsx?from={_today_iso(30)}&to={_today_iso()}")
    assert workbook.status_code == 200
    assert workbook.content.startswith(b"PK")

    page.goto(f"{server.url}/vat")
    page.get_by_role("link", name="2026-27/Q2").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2026-27/Q2")
    # Note 4: the standard-rated supply of 10,000.00 with its 1,500.00 VAT; note 14: the bill's 50,000.00.
    note_4 = page.get_by_role("row").filter(has=page.get_by_role("link", name="Documents of note 4"))
    expect(note_4).to_contain_text("10,000.00")
    expect(note_4).to_contain_text("1,500.00")
    snap(page, "vat-return-en")
    assert accessibility_violations(page) == []
    page.get_by_role("link", name="Documents of note 14").click()
    expect(page.get_by_role("link", name=bill["number"])).to_be_visible()
    snap(page, "vat-note-en")
    assert accessibility_violations(page) == []
    page.get_by_role("link", name=bill["number"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bill {bill['number']}")
    page.go_back()
    _in_bengali(page)
    snap(page, "vat-note-bn")
    _in_english(page)
    page.goto(f"{server.url}/vat/returns/2026-27-Q2/checks")
    expect(page.get_by_role("row", name="output_vat")).to_be_visible()
    snap(page, "vat-checks-en")
    assert accessibility_violations(page) == []
    _in_bengali(page)
    snap(page, "vat-checks-bn")
    _in_english(page)


def test_submitting_a_past_quarters_return_locks_it_against_a_bill_dated_in_it(page: Page, server: WebServer) -> None:
    user, caller = _tenant(server)
    supplier = _supplier(caller)
    # A bill received in the last quarter (July to September 2026), whose return is due and open.
    _bill(caller, supplier, "DC/2026/090", received="2026-09-15")
    sign_in(page, server, user, "/vat/returns/2026-27-Q1")
    expect(page.get_by_role("row").filter(has=page.get_by_role("link", name="Documents of note 14"))).to_contain_text(
        "50,000.00"
    )
    page.get_by_role("button", name="Prepare the return").click()
    expect(page.get_by_role("status")).to_contain_text("The return is prepared.")
    page.get_by_label("Submission reference").fill("NBR-2026-Q2-0001")
    for reason in page.get_by_label("Reason to file past the failed check").all():
        reason.fill("Reconciled by hand")
    page.get_by_role("button", name="Submit the return").click()
    expect(page.get_by_role("status")).to_contain_text("The period is locked", ignore_case=True)
    page.get_by_label("Challan number").fill("CH-2026-77")
    page.get_by_label("Amount (Tk)").fill("1500")
    page.get_by_role("button", name="Record the deposit").click()
    expect(page.get_by_role("cell", name="CH-2026-77")).to_be_visible()
    _in_bengali(page)
    snap(page, "vat-return-bn")
    assert accessibility_violations(page) == []
    _in_english(page)
    with server.signed_in(user) as client:
        pdf = client.get("/vat/returns/2026-27-Q1/mushak-9.1-bn.pdf")
    assert pdf.content.startswith(b"%PDF")

    # The period is locked: a bill received in it is refused, next to its date.
    page.goto(f"{server.url}/bills/new")
    page.locator("#f-supplier_party_id").select_option(value=supplier)
    page.get_by_label("Supplier's invoice number").fill("DC/2026/999")
    page.get_by_label("Supplier's invoice date").fill("2026-09-20")
    page.get_by_label("Received on").fill("2026-09-21")
    page.locator('[id="f-lines[0].description"]').fill("Late design work")
    page.locator('[id="f-lines[0].value"]').fill("1000")
    page.get_by_role("button", name="Record the bill").click()
    expect(page.locator('[id="e-received_date"]')).to_contain_text("2026-27/Q1")
    expect(page.get_by_label("Supplier's invoice number")).to_have_value("DC/2026/999")


def test_a_clerk_without_the_vat_permission_may_not_submit(page: Page, server: WebServer) -> None:
    user, _caller = _tenant(server)
    clerk = server.colleague(user, "clerk")
    with server.signed_in(clerk) as client:
        refused = client.post("/vat/returns/2026-27-Q2/prepare")
    assert refused.status_code == 403


def test_the_bills_list_filters_by_search_and_pages_by_cursor(page: Page, server: WebServer) -> None:
    user, caller = _tenant(server)
    supplier = _supplier(caller)
    for number in ("DC/2026/301", "DC/2026/302"):
        _bill(caller, supplier, number)
    sign_in(page, server, user, "/bills")
    expect(page.get_by_role("cell", name="DC/2026/301")).to_be_visible()
    expect(page.get_by_role("cell", name="DC/2026/302")).to_be_visible()
    page.get_by_label("Search").fill("302")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(f"{server.url}/bills?supplier=&from=&to=&search=302")
    expect(page.get_by_role("cell", name="DC/2026/301")).to_have_count(0)
    expect(page.get_by_role("cell", name="DC/2026/302")).to_be_visible()
    assert accessibility_violations(page) == []
