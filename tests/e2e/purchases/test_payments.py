"""Paying suppliers over real HTTP (issue 15, scenario 2): a bill paid with VDS and TDS withheld, its Mushak-6.6
as PDF and HTML in both languages, the payables and deposits, and the refusals."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx

from hisab.event_store.messages import Actor
from hisab.formatting.money import localized
from hisab.kernel.language import Language
from hisab.kernel.vat import VATCategory
from hisab.purchases.application.payment_dependencies import Payments
from hisab.purchases.domain.events import BillRecorded, InputCredit, SupplierSnapshot
from tests.e2e.invoicing.test_documents import PROFILE, SET_PROFILE
from tests.e2e.purchases.conftest import Served
from tests.e2e.server import Caller, only_error, violated
from tests.pdf_text import drawn_glyphs, draws_word, pages_text
from tests.purchases_builders import bill_event, line, record_bill

MONEY = "{ decimal }"
SETTINGS = "mutation($input: TenantSettingsInput!) { updateTenantSettings(input: $input) { withholdingEntity } }"
CREATE_PARTY = "mutation($input: CreatePartyInput!) { createParty(input: $input) { id code } }"
CERTIFICATE_FIELDS = f"""id number issuedOn paymentId paymentNumber supplierPartyId supplierName supplierBIN
  rows {{ billId supplierInvoiceNumber supplierInvoiceDate totalValue {MONEY} vat {MONEY} deducted {MONEY} }}
  totalValue {MONEY} totalVat {MONEY} totalDeducted {MONEY}
  pdf: mushak66Url bn: mushak66Url(lang: BN) html: mushak66Url(lang: BN, format: HTML)"""
PAYMENT_FIELDS = f"""id number supplierPartyId supplierName date method amount {MONEY} withheld {MONEY}
  paidFromAccountCode reference allocations {{ billId amount {MONEY} creditReversed {MONEY} }}
  withholdings {{ id billId kind rate base {MONEY} amount {MONEY} serviceCode }}
  vdsCertificate {{ {CERTIFICATE_FIELDS} }} warnings recordedBy recordedAt"""
RECORD = f"mutation($input: RecordPaymentInput!) {{ recordPayment(input: $input) {{ {PAYMENT_FIELDS} }} }}"
GET = f"query($id: ID!) {{ payment(id: $id) {{ {PAYMENT_FIELDS} }} }}"
PAYMENTS = """query($filter: PaymentFilter) { payments(filter: $filter) {
  totalCount edges { node { id number } } } }"""
CERTIFICATES = """query($filter: VdsCertificateFilter) { vdsCertificates(filter: $filter) {
  totalCount edges { node { id number } } } }"""
GET_CERTIFICATE = f"query($id: ID!) {{ vdsCertificate(id: $id) {{ {CERTIFICATE_FIELDS} }} }}"
PAYABLES = f"""query($filter: BillPayableFilter) {{ billPayables(filter: $filter) {{
  billId billNumber supplierPartyId supplierInvoiceNumber total {MONEY} paid {MONEY} vdsWithheld {MONEY}
  tdsWithheld {MONEY} outstanding {MONEY} status }} }}"""
WITHHOLDING = f"{{ withholdingPayables {{ kind withheld {MONEY} deposited {MONEY} outstanding {MONEY} }} }}"
DEPOSIT = f"""mutation($input: RecordWithholdingDepositInput!) {{ recordWithholdingDeposit(input: $input) {{
  id kind challanNumber date amount {MONEY} paidFromAccountCode }} }}"""
BENGALI, BENGALI_BOLD = "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf"


def _supplier(caller: Caller) -> dict[str, Any]:
    given = {
        "code": "RAHMAN", "kind": ["SUPPLIER"], "legalName": "Rahman Construction Ltd", "bin": "000123456-0101",
        "address": "House 4, Road 2, Gulshan, Dhaka",
    }  # fmt: skip
    party: dict[str, Any] = caller.data(CREATE_PARTY, {"input": given})["createParty"]
    return party


def _bill(served: Served, caller: Caller, party_id: str, *lines: Any, number: str = "RC/6.3/0457") -> BillRecorded:
    """A construction firm's bill of 2,00,000 at 10% VAT (2,20,000 in all), recorded on the served database.
    A supplier's invoice is recorded once, so a test's second bill of the supplier gives its own number."""
    supplier = SupplierSnapshot(party_id, "Rahman Construction Ltd", "House 4, Road 2, Gulshan, Dhaka",
                                "0001234560101", None, None)  # fmt: skip
    event = bill_event(supplier, *(lines or (line("200000.00", "20000.00"),)), invoice_number=number)
    assert served.services is not None
    streams = served.services.get(Payments).streams
    return served.run(record_bill(streams, Actor(caller.tenant_id, caller.user_id, "e2e-bill"), event))


def _withholding_tenant(caller: Caller) -> dict[str, Any]:
    caller.data(SET_PROFILE, {"input": PROFILE})
    caller.data(SETTINGS, {"input": {"withholdingEntity": True}})
    return _supplier(caller)


def _pay(caller: Caller, party: dict[str, Any], bill: BillRecorded, paid: float, **changes: Any) -> dict[str, Any]:
    given = {
        "supplierPartyId": party["id"], "date": "2026-09-10", "method": "BANK_TRANSFER", "amount": paid,
        "reference": "TT-4411", "allocations": [{"billId": bill.bill_id, "amount": paid}], **changes,
    }  # fmt: skip
    return caller.graphql(RECORD, {"input": given})


def _get(caller: Caller, path: str) -> httpx.Response:
    return caller.http.get(path, headers={"Authorization": f"Bearer {caller.token}"})


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(pages_text(pdf)).split())


def test_a_bill_paid_with_vds_and_tds_issues_its_mushak_6_6_in_both_languages(served: Served, caller: Caller) -> None:
    party = _withholding_tenant(caller)
    bill = _bill(served, caller, party["id"])

    body = _pay(caller, party, bill, 190000, withhold=[{"billId": bill.bill_id, "kind": "TDS"}])

    assert "errors" not in body, body
    payment = body["data"]["recordPayment"]
    assert (payment["number"], payment["amount"]["decimal"], payment["withheld"]["decimal"]) == (
        "PAY/2026-27/000001", "190000.00", "30000.00",
    )  # fmt: skip
    assert [(w["kind"], w["rate"], w["base"]["decimal"], w["amount"]["decimal"], w["serviceCode"])
            for w in payment["withholdings"]] == [
        ("VDS", "0.10", "200000.00", "20000.00", "S004.00"), ("TDS", "0.05", "200000.00", "10000.00", "S004.00"),
    ]  # fmt: skip
    certificate = payment["vdsCertificate"]
    assert certificate["number"] == "HO/6.6/2026-27/000001"
    assert (certificate["supplierName"], certificate["supplierBIN"]) == ("Rahman Construction Ltd", "000123456-0101")
    assert [(r["supplierInvoiceNumber"], r["totalValue"]["decimal"], r["vat"]["decimal"], r["deducted"]["decimal"])
            for r in certificate["rows"]] == [("RC/6.3/0457", "220000.00", "20000.00", "20000.00")]  # fmt: skip
    assert caller.data(GET, {"id": payment["id"]})["payment"] == payment

    english = _get(caller, certificate["pdf"])
    assert english.status_code == 200, english.text
    assert english.headers["content-type"] == "application/pdf"
    text = _text(english.content)
    for expected in ("Mushak-6.6", "Certificate of Tax Deducted at Source", "HO/6.6/2026-27/000001", "10/09/2026",
                     "Karim Steel Ltd", "002871821-0101", "Rahman Construction Ltd", "000123456-0101", "RC/6.3/0457",
                     "2,20,000.00", "20,000.00", "section 49", "Abdul Karim", "Managing Director"):  # fmt: skip
        assert expected in text, expected

    bengali = _get(caller, certificate["bn"])
    assert bengali.status_code == 200, bengali.text
    text = _text(bengali.content)
    for expected in ("HO/6.6/2026-27/000001", "2,20,000.00", "20,000.00", "RC/6.3/0457", "10/09/2026"):
        assert localized(expected, Language.BN) in text, expected
    glyphs = drawn_glyphs(bengali.content)
    for word in ("উৎসে", "সনদপত্র", "বিধি", "দায়িত্বপ্রাপ্ত"):
        assert draws_word(glyphs, word, BENGALI), word
    # The heading and the form's number are set in bold.
    for word in ("মূসক-৬.৬", "উৎসে কর কর্তন সনদপত্র"):
        assert draws_word(glyphs, word, BENGALI_BOLD), word

    html = _get(caller, certificate["html"])
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    page = html.text
    for expected in ("উৎসে কর কর্তন সনদপত্র", "[বিধি ৪০ এর উপ-বিধি (১) এর দফা (চ) দ্রষ্টব্য]", "মূসক-৬.৬",
                     localized("HO/6.6/2026-27/000001", Language.BN), "/assets/fonts/"):  # fmt: skip
        assert expected in page, expected


def test_payables_deposits_and_the_lists(served: Served, caller: Caller) -> None:
    party = _withholding_tenant(caller)
    bill, second = _bill(served, caller, party["id"]), _bill(served, caller, party["id"], number="RC/6.3/0458")
    paid = _pay(caller, party, bill, 190000, withhold=[{"billId": bill.bill_id, "kind": "TDS"}])["data"]
    partly = _pay(caller, party, second, 100000)["data"]

    payables = caller.data(PAYABLES, {"filter": {"supplierPartyId": party["id"]}})["billPayables"]
    assert [(p["billId"], p["outstanding"]["decimal"], p["status"]) for p in payables] == [
        (second.bill_id, "100000.00", "PARTLY_PAID"), (bill.bill_id, "0.00", "PAID"),
    ]  # fmt: skip
    only_paid = caller.data(PAYABLES, {"filter": {"status": ["PAID"]}})["billPayables"]
    assert [p["billNumber"] for p in only_paid] == [bill.bill_number]

    listed = caller.data(PAYMENTS, {"filter": {"billId": second.bill_id}})["payments"]
    assert [e["node"]["id"] for e in listed["edges"]] == [partly["recordPayment"]["id"]]
    certificates = caller.data(CERTIFICATES, {"filter": {"supplierPartyId": party["id"], "from": "2026-09-10"}})
    assert [e["node"]["number"] for e in certificates["vdsCertificates"]["edges"]] == [
        "HO/6.6/2026-27/000002", "HO/6.6/2026-27/000001",
    ]  # fmt: skip
    certificate_id = paid["recordPayment"]["vdsCertificate"]["id"]
    assert caller.data(GET_CERTIFICATE, {"id": certificate_id})["vdsCertificate"]["totalDeducted"] == {
        "decimal": "20000.00"
    }

    deposit = {"kind": "VDS", "challanNumber": "A-2026-0091", "date": "2026-09-20", "amount": 40000.01}
    assert violated(caller.graphql(DEPOSIT, {"input": deposit})) == {("input.amount", "more_than_withheld")}
    recorded = caller.data(DEPOSIT, {"input": {**deposit, "amount": 30000}})["recordWithholdingDeposit"]
    assert (recorded["challanNumber"], recorded["amount"]["decimal"]) == ("A-2026-0091", "30000.00")
    owed = caller.data(WITHHOLDING)["withholdingPayables"]
    figures = [(p["kind"], *(p[name]["decimal"] for name in ("withheld", "deposited", "outstanding"))) for p in owed]
    assert figures == [("VDS", "40000.00", "30000.00", "10000.00"), ("TDS", "10000.00", "0.00", "10000.00")]


def test_refusals_name_the_field_and_the_rule(served: Served, caller: Caller) -> None:
    party = _supplier(caller)
    bill = _bill(served, caller, party["id"])

    assert violated(_pay(caller, party, bill, 220000.01)) == {("input.allocations[0].amount", "more_than_owed")}
    vds = [{"billId": bill.bill_id, "kind": "VDS"}]
    assert violated(_pay(caller, party, bill, 1000, withhold=vds)) == {
        ("input.withhold[0].kind", "not_withholding_entity")
    }
    assert violated(_pay(caller, party, bill, 1000, date="2099-01-01")) == {("input.date", "not_in_future")}
    assert violated(_pay(caller, party, bill, 1000, amount=999)) == {("input.amount", "equals_allocations")}

    creditable = line("200000.00", "30000.00", service_code=None, category=VATCategory.STANDARD, rate="0.15",
                      credit=InputCredit.CLAIM)  # fmt: skip
    cash = _bill(served, caller, party["id"], creditable, number="RC/6.3/0459")
    warned = _pay(caller, party, cash, 115000, method="CASH")["data"]["recordPayment"]
    assert warned["allocations"][0]["creditReversed"] == {"decimal": "15000.00"}
    assert len(warned["warnings"]) == 1
    assert warned["vdsCertificate"] is None
    assert warned["number"] == "PAY/2026-27/000001"

    missing = _get(caller, "/vds-certificates/no-such-certificate/mushak-6.6.pdf")
    assert missing.status_code == 404
    reader = Caller(caller.http, caller.tenant_id, roles=("viewer",))
    given = {"supplierPartyId": party["id"], "date": "2026-09-10", "method": "CASH", "amount": 1,
             "allocations": [{"billId": bill.bill_id, "amount": 1}]}  # fmt: skip
    only_error(reader.graphql(RECORD, {"input": given}), "FORBIDDEN")


def test_a_caller_without_purchase_read_gets_no_certificate(served: Served, caller: Caller) -> None:
    party = _withholding_tenant(caller)
    bill = _bill(served, caller, party["id"])
    certificate = _pay(caller, party, bill, 200000)["data"]["recordPayment"]["vdsCertificate"]
    outsider = Caller(caller.http, caller.tenant_id, roles=(), permissions=("invoice:read",))

    assert _get(outsider, certificate["pdf"]).status_code == 403
    only_error(outsider.graphql(GET_CERTIFICATE, {"id": certificate["id"]}), "FORBIDDEN")
    assert date.fromisoformat(certificate["issuedOn"]) == date(2026, 9, 10)
