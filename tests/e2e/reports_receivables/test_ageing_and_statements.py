"""The ageing and a customer's statement over real HTTP, on SQLite and PostgreSQL (issue 14, scenario 6):
in GraphQL, and as PDF (English and Bengali) and XLSX downloads, with the same figures everywhere."""

from __future__ import annotations

from typing import Any

from tests.e2e.downloads import download, get, pdf_text, sheet_rows
from tests.e2e.ledger.books import dhaka_today
from tests.e2e.operations import APPROVE, CREATE, steel_rods
from tests.e2e.server import Caller, only_error, violated
from tests.pdf_text import drawn_glyphs, draws_word

RECORD_RECEIPT = """mutation Record($input: RecordReceiptInput!) { recordReceipt(input: $input) { id number } }"""
AGEING = """query Ageing($asOf: Date!, $buckets: [Int!]) {
  receivablesAgeing(asOf: $asOf, buckets: $buckets) {
    asOf buckets
    customers { customerId customerName current { decimal } pastDue { label fromDays toDays amount { decimal } }
                total { decimal } }
    totals { current { decimal } pastDue { label amount { decimal } } total { decimal } }
  }
}"""
STATEMENT = """query Statement($customerId: String, $from: Date!, $to: Date!) {
  customerStatement(customerId: $customerId, from: $from, to: $to) {
    customerId from to openingBalance { decimal } totalDebits { decimal } totalCredits { decimal }
    closingBalance { decimal } unappliedAdvance { decimal }
    lines { date kind documentNumber invoiceNumber description bn: description(lang: BN)
            debit { decimal } credit { decimal } balance { decimal } }
  }
}"""
OUTSTANDING = """query Outstanding($id: ID!) { invoice(id: $id) { outstanding { decimal } } }"""
CUSTOMER = "customer-rahim-builders"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _paid_in_part(caller: Caller) -> tuple[dict[str, Any], str]:
    """The Steel Rods invoice (575,000.00, due long ago), then 1,20,000.00 by bank with 5,000.00 of VDS
    withheld, 20,000.00 of it left as an advance."""
    draft = caller.data(CREATE, {"input": steel_rods(customerId=CUSTOMER, buyerName="Rahim Builders Ltd")})
    invoice: dict[str, Any] = caller.checker().data(APPROVE, {"id": draft["createInvoice"]["id"]})["approveInvoice"]
    receipt = {
        "customerId": CUSTOMER,
        "method": "BANK_TRANSFER",
        "amount": 120000,
        "reference": "EBL-TT-7781",
        "allocations": [{"invoiceId": invoice["id"], "amount": 100000}],
        "withheld": [{"invoiceId": invoice["id"], "kind": "VDS", "amount": 5000}],
    }
    number: str = caller.data(RECORD_RECEIPT, {"input": receipt})["recordReceipt"]["number"]
    return invoice, number


def test_the_ageing_puts_what_the_customer_still_owes_in_its_bucket_with_totals(caller: Caller) -> None:
    invoice, _ = _paid_in_part(caller)
    today = dhaka_today().isoformat()

    ageing = caller.data(AGEING, {"asOf": today})["receivablesAgeing"]
    weekly = caller.data(AGEING, {"asOf": today, "buckets": [7, 14]})["receivablesAgeing"]
    outstanding = caller.data(OUTSTANDING, {"id": invoice["id"]})["invoice"]["outstanding"]["decimal"]

    assert ageing["buckets"] == [30, 60, 90]
    (customer,) = ageing["customers"]
    assert (customer["customerId"], customer["customerName"]) == (CUSTOMER, "Rahim Builders Ltd")
    assert customer["current"]["decimal"] == "0.00"
    assert [(b["label"], b["fromDays"], b["toDays"], b["amount"]["decimal"]) for b in customer["pastDue"]] == [
        ("1–30", 1, 30, "0.00"),
        ("31–60", 31, 60, "0.00"),
        ("61–90", 61, 90, "0.00"),
        ("90+", 91, None, "470000.00"),
    ]
    assert customer["total"]["decimal"] == ageing["totals"]["total"]["decimal"] == outstanding == "470000.00"
    assert [b["label"] for b in weekly["totals"]["pastDue"]] == ["1–7", "8–14", "14+"]


def test_the_statement_lists_the_invoice_receipt_and_withholding_and_closes_on_what_is_owed(caller: Caller) -> None:
    invoice, receipt_number = _paid_in_part(caller)
    today = dhaka_today().isoformat()

    statement = caller.data(STATEMENT, {"customerId": CUSTOMER, "from": today, "to": today})["customerStatement"]
    outstanding = caller.data(OUTSTANDING, {"id": invoice["id"]})["invoice"]["outstanding"]["decimal"]

    mushak = invoice["mushakNumber"]
    assert [
        (line["date"], line["kind"], line["documentNumber"], line["debit"]["decimal"], line["credit"]["decimal"],
         line["balance"]["decimal"])
        for line in statement["lines"]
    ] == [
        (today, "INVOICE", mushak, "575000.00", "0.00", "575000.00"),
        (today, "RECEIPT", receipt_number, "0.00", "100000.00", "475000.00"),
        (today, "VDS", receipt_number, "0.00", "5000.00", "470000.00"),
    ]  # fmt: skip
    assert statement["lines"][1]["description"] == f"Receipt {receipt_number} allocated to invoice {mushak}"
    assert statement["lines"][0]["bn"] == f"কর চালানপত্র {mushak}"
    assert statement["openingBalance"]["decimal"] == "0.00"
    assert (statement["totalDebits"]["decimal"], statement["totalCredits"]["decimal"]) == ("575000.00", "105000.00")
    assert statement["closingBalance"]["decimal"] == outstanding == "470000.00"
    assert statement["unappliedAdvance"]["decimal"] == "20000.00"


def test_the_ageing_downloads_as_a_workbook_and_a_pdf_in_english_and_bengali(caller: Caller) -> None:
    _paid_in_part(caller)
    day = dhaka_today()
    name = f"receivables-ageing-{day.isoformat()}"

    workbook = sheet_rows(
        download(caller, "/reports/receivables-ageing.xlsx", f"{name}.xlsx", XLSX, asOf=day.isoformat())
    )
    english = pdf_text(download(caller, "/reports/receivables-ageing.pdf", f"{name}.pdf", "application/pdf",
                              asOf=day.isoformat()))  # fmt: skip
    bengali = download(
        caller, "/reports/receivables-ageing.pdf", f"{name}-bn.pdf", "application/pdf", asOf=day.isoformat(), lang="bn"
    )

    assert ("Customer", "Name", "Current", "1–30 days", "31–60 days", "61–90 days", "90+ days", "Total") in workbook
    assert (CUSTOMER, "Rahim Builders Ltd", 0, 0, 0, 0, 470000, 470000) in workbook
    assert workbook[-1] == (None, "Total", 0, 0, 0, 0, 470000, 470000)
    assert "Receivables ageing" in english
    assert "Rahim Builders Ltd 0.00 0.00 0.00 0.00 4,70,000.00 4,70,000.00" in english
    assert "Total outstanding 4,70,000.00" in english
    assert "৪,৭০,০০০.০০" in pdf_text(bengali)
    glyphs = drawn_glyphs(bengali)
    assert draws_word(glyphs, "বকেয়ার", "NotoSansBengali-Bold.ttf")
    assert draws_word(glyphs, "মেয়াদোত্তীর্ণ", "NotoSansBengali-Bold.ttf")


def test_the_statement_downloads_as_a_workbook_and_a_pdf_in_english_and_bengali(caller: Caller) -> None:
    invoice, receipt_number = _paid_in_part(caller)
    day = dhaka_today().isoformat()
    name = f"customer-statement-{day}-to-{day}"
    period = {"customerId": CUSTOMER, "from": day, "to": day}

    workbook = sheet_rows(download(caller, "/reports/customer-statement.xlsx", f"{name}.xlsx", XLSX, **period))
    english = pdf_text(download(caller, "/reports/customer-statement.pdf", f"{name}.pdf", "application/pdf", **period))
    bengali = download(caller, "/reports/customer-statement.pdf", f"{name}-bn.pdf", "application/pdf", lang="bn",
                        **period)  # fmt: skip

    mushak = invoice["mushakNumber"]
    assert workbook[-4:] == [
        (_day(day), f"Tax invoice {mushak}", 575000, 0, 575000),
        (_day(day), f"Receipt {receipt_number} allocated to invoice {mushak}", 0, 100000, 475000),
        (_day(day), f"VAT deducted at source by the customer from invoice {mushak}", 0, 5000, 470000),
        (_day(day), "Closing balance", 575000, 105000, 470000),
    ]
    assert f"Customer {CUSTOMER}" in english
    assert "Opening balance 0.00 0.00 0.00" in english
    assert "Closing balance 5,75,000.00 1,05,000.00 4,70,000.00" in english
    assert "unapplied advance 20,000.00" in english
    text = pdf_text(bengali)
    assert "৪,৭০,০০০.০০" in text
    assert "২০,০০০.০০" in text
    glyphs = drawn_glyphs(bengali)
    assert draws_word(glyphs, "বিবরণী", "NotoSansBengali-Bold.ttf")
    assert draws_word(glyphs, "প্রারম্ভিক", "NotoSansBengali-Regular.ttf")


def _day(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def test_wrong_parameters_are_named_and_reading_needs_receivable_read(caller: Caller) -> None:
    # Every role reads receivables; a token granting only invoice:read does not.
    invoices_only = Caller(caller.http, caller.tenant_id, "reader-1", (), ("invoice:read",))
    wrong = {
        ("/reports/receivables-ageing.pdf", (("asOf", "2026-11-31"), ("lang", "fr"))): {
            ("asOf", "date"),
            ("lang", "language"),
        },
        ("/reports/receivables-ageing.xlsx", (("asOf", "2026-11-30"), ("buckets", "30,x"))): {("buckets", "bounds")},
        ("/reports/receivables-ageing.xlsx", (("asOf", "2026-11-30"), ("buckets", "60,30"))): {
            ("buckets", "ascending")
        },
        ("/reports/customer-statement.pdf", (("from", "2026-11-01"), ("to", "2026-11-30"))): {
            ("customerId", "required")
        },
        ("/reports/customer-statement.xlsx", (("customerId", CUSTOMER), ("to", "2026-11-30"))): {("from", "date")},
    }

    for (path, params), named in wrong.items():
        response = get(caller, path, **dict(params))
        assert response.status_code == 400, (path, params)
        assert violated(response.json()) == named, (path, params)
    refused = get(invoices_only, "/reports/customer-statement.pdf", customerId=CUSTOMER, **{"from": "2026-11-01"})
    assert refused.status_code == 403
    assert only_error(refused.json(), "FORBIDDEN")["message"] == "Forbidden: missing permission receivable:read"
    only_error(invoices_only.graphql(AGEING, {"asOf": "2026-11-30"}), "FORBIDDEN")
    assert get(caller, "/reports/receivables-ageing.csv", asOf="2026-11-30").status_code == 404
    assert caller.http.get("/reports/receivables-ageing.pdf", params={"asOf": "2026-11-30"}).status_code == 401
    unbucketed = caller.graphql(AGEING, {"asOf": "2026-11-30", "buckets": [30, 30]})
    assert violated(unbucketed) == {("buckets", "ascending")}
