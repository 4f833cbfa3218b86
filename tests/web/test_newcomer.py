"""The README's first minutes, as a newcomer clicks them: the development tenant `make run` sets up, the
Steel Rods invoice drafted by the maker, approved by the checker, its Bengali Mushak-6.3, and the receipt."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from hisab.cli.development import ensure_development_tenant
from tests.conftest import run_to_end
from tests.web.browser import sign_in
from tests.web.server import WebServer, WebUser

PAYMENT = "query($id: ID!) { invoice(id: $id) { paymentStatus } }"


def test_a_newcomer_invoices_the_steel_rods_gets_it_approved_and_records_the_payment(
    browser: Browser, server: WebServer
) -> None:
    tenant = "newcomer-tenant"
    passwords = run_to_end(ensure_development_tenant(server.settings, tenant))
    maker = WebUser(tenant, "maker", str(passwords["maker"]), ("clerk", "accountant"))
    checker = WebUser(tenant, "checker", str(passwords["checker"]), ("admin",))

    as_maker = browser.new_context().new_page()
    sign_in(as_maker, server, maker)
    as_maker.get_by_role("link", name="New invoice").click()
    as_maker.get_by_label("Customer").select_option(label="Meghna Real Estate Ltd.")
    as_maker.get_by_label("Item of line 1").select_option(label="Construction Materials - Steel Rods (STEEL-RODS)")
    as_maker.get_by_label("Quantity of line 1").fill("100")
    as_maker.get_by_role("button", name="Save the draft").click()
    expect(as_maker.get_by_role("status")).to_contain_text("saved")
    invoice_path = as_maker.url.removeprefix(server.url)
    as_maker.close()

    as_checker = browser.new_context().new_page()
    sign_in(as_checker, server, checker, invoice_path)
    as_checker.get_by_role("button", name="Approve and issue").click()
    expect(as_checker.get_by_role("status")).to_contain_text("HO/")
    with as_checker.expect_download() as download:
        as_checker.locator('a[href$="document.pdf?lang=bn"]').click()
    assert download.value.path().read_bytes()[:5] == b"%PDF-"
    as_checker.get_by_role("link", name="Record receipt").click()
    as_checker.get_by_label("Amount received").fill("575000")
    as_checker.get_by_label("Amount received").press("Tab")
    as_checker.get_by_role("button", name="Record receipt").click()
    expect(as_checker.get_by_role("heading", level=1)).to_contain_text("Receipt")
    as_checker.close()

    caller = server.graphql(checker)
    invoice_id = invoice_path.rsplit("/", 1)[1]
    assert caller.data(PAYMENT, {"id": invoice_id})["invoice"]["paymentStatus"] == "PAID"
