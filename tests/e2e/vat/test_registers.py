"""The purchase register (Mushak-6.1) and the sales register (Mushak-6.2) over real HTTP, on SQLite and
PostgreSQL (issue 15, scenario 3): in GraphQL with keyset pages and totals, and downloaded as XLSX, CSV and PDF
in English and Bengali, with the same figures everywhere."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from hisab.event_store.messages import DomainEvent
from hisab.kernel.vat import VATCategory
from hisab.purchases.domain.events import InputCredit, SupplierNoteKind
from tests.e2e.downloads import download, get, pdf_text, sheet_rows
from tests.e2e.ledger.books import dhaka_today
from tests.e2e.server import Caller, only_error, violated
from tests.e2e.vat.registers import (
    NID,
    PURCHASES,
    SALES,
    XLSX,
    record_events,
    rows,
    sales_quarter,
)
from tests.pdf_text import drawn_glyphs, draws_word
from tests.vat_builders import BILL_OF_ENTRY, JAMAL, bill, bill_line, note_line, supplier_note

JULY, SEPTEMBER = "2026-07-01", "2026-09-30"
PDF = "application/pdf"
CSV = "text/csv; charset=utf-8"


def _purchases(database_url: str, tenant_id: str) -> None:
    """A bill with a credited and an uncredited line, an import on a bill of entry, a bill from a supplier with
    no BIN (its NID instead), and the first supplier's credit note taking back 1,500.00 of credit."""
    ids = [f"bill-{uuid.uuid4().hex[:8]}" for _ in range(3)]
    first, second, third = ids
    streams: dict[str, list[DomainEvent]] = {
        first: [
            bill(first, 1, (bill_line(f"{first}:1", 1, "100000.00", "15000.00"),
                            bill_line(f"{first}:2", 2, "20000.00", "3000.00", credit=InputCredit.NOT_ELIGIBLE))),
            supplier_note(first, f"{first}-cn", SupplierNoteKind.CREDIT, date(2026, 8, 2),
                          note_line(f"{first}:1", "10000.00", "1500.00", "1500.00", "10")),
        ],
        second: [bill(second, 2, (bill_line(f"{second}:1", 1, "500000.00", "75000.00"),),
                      bill_of_entry=BILL_OF_ENTRY, received=date(2026, 7, 12), invoice_number="MCM/2026/0458")],
        third: [bill(third, 3, (bill_line(f"{third}:1", 1, "8000.00", "0.00", category=VATCategory.EXEMPT,
                                          rate="0"),), supplier=JAMAL, received=date(2026, 7, 15))],
    }  # fmt: skip
    record_events(database_url, tenant_id, streams)


def _today() -> dict[str, str]:
    day = dhaka_today().isoformat()
    return {"from": day, "to": day}


def test_the_sales_register_lists_every_invoice_line_and_note_with_its_buyer_and_totals(caller: Caller) -> None:
    made = sales_quarter(caller)

    register = caller.data(SALES, {**_today(), "first": 50})["salesRegister"]

    found = rows(register)
    assert [row["serial"] for row in found] == [1, 2, 3, 4, 5]
    assert register["totalCount"] == 5
    assert register["pageInfo"]["hasNextPage"] is False
    by_number: dict[str, list[dict[str, Any]]] = {}
    for row in found:
        by_number.setdefault(row["documentNumber"], []).append(row)
    registered = by_number[made["registered"]["mushakNumber"]]
    assert [(r["description"], r["code"], r["value"]["decimal"], r["vat"]["decimal"]) for r in registered] == [
        ("Construction Materials - Steel Rods", "7214.20.00", "500000.00", "75000.00"),
        ("Site supervision", None, "200000.00", "15000.00"),
    ]
    assert (registered[0]["counterpartyName"], registered[0]["counterpartyBIN"], registered[0]["issuedAt"]) == (
        "Rahim Builders Ltd", "001745707-0402", made["registered"]["issuedAt"],
    )  # fmt: skip
    assert registered[0]["creditableVat"] is None
    (credited,) = by_number[made["credit"]["number"]]
    assert (credited["documentType"], credited["value"]["decimal"], credited["vat"]["decimal"]) == (
        "CREDIT_NOTE", "-50000.00", "-7500.00",
    )  # fmt: skip
    assert credited["remarks"] == f"Credit note on invoice {made['registered']['mushakNumber']}"
    assert credited["bn"] == f"চালানপত্র {made['registered']['mushakNumber']}-এর ক্রেডিট নোট"
    (walk_in,) = by_number[made["walk_in"]["mushakNumber"]]
    assert (walk_in["counterpartyNID"], walk_in["counterpartyBIN"], walk_in["missingBuyerId"]) == (NID, None, False)
    (nameless,) = by_number[made["nameless"]["mushakNumber"]]
    assert (nameless["missingBuyerId"], nameless["remarks"]) == (True, "The buyer has neither a BIN nor an NID")
    totals = register["totals"]
    assert (totals["value"]["decimal"], totals["vat"]["decimal"], totals["creditableVat"]) == (
        "1650000.00", "232500.00", None,
    )  # fmt: skip


def test_a_register_is_read_in_keyset_pages_numbered_on_across_pages(caller: Caller) -> None:
    sales_quarter(caller)
    whole = rows(caller.data(SALES, {**_today(), "first": 50})["salesRegister"])

    seen: list[dict[str, Any]] = []
    after = None
    while True:
        page = caller.data(SALES, {**_today(), "first": 2, "after": after})["salesRegister"]
        seen += rows(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert seen == whole
    stranger = caller.graphql(PURCHASES, {"from": JULY, "to": SEPTEMBER, "after": after})
    assert only_error(stranger, "BAD_USER_INPUT")["message"] == "the cursor is not one this service issued"


def test_the_purchase_register_prints_each_bill_s_invoice_or_bill_of_entry_and_the_credit_taken(
    caller: Caller, database_url: str
) -> None:
    _purchases(database_url, caller.tenant_id)

    register = caller.data(PURCHASES, {"from": JULY, "to": SEPTEMBER})["purchaseRegister"]

    assert [
        (r["serial"], r["date"], r["documentNumber"], r["documentDate"], r["counterpartyName"], r["value"]["decimal"],
         r["vat"]["decimal"], r["creditableVat"]["decimal"], r["remarks"])
        for r in rows(register)
    ] == [
        (1, "2026-07-10", "MCM/2026/0457", "2026-07-09", "Meghna Cement Mills Ltd", "100000.00", "15000.00",
         "15000.00", ""),
        (2, "2026-07-10", "MCM/2026/0457", "2026-07-09", "Meghna Cement Mills Ltd", "20000.00", "3000.00", "0.00",
         "No input tax credit taken"),
        (3, "2026-07-12", "C-40512", "2026-07-08", "Meghna Cement Mills Ltd", "500000.00", "75000.00", "75000.00",
         "Import, bill of entry C-40512"),
        (4, "2026-07-15", "MCM/2026/0457", "2026-07-09", "Jamal Sand Traders", "8000.00", "0.00", "0.00", ""),
        (5, "2026-08-02", "MCM/CN/12", "2026-08-02", "Meghna Cement Mills Ltd", "-10000.00", "-1500.00",
         "-1500.00", "Supplier's credit note on invoice MCM/2026/0457"),
    ]  # fmt: skip
    found = rows(register)
    assert (found[0]["counterpartyBIN"], found[3]["counterpartyNID"], found[3]["counterpartyBIN"]) == (
        "001234567-0101", "19858812345678901", None,
    )  # fmt: skip
    assert (found[0]["quantity"], found[0]["unit"], found[0]["code"], found[0]["issuedAt"]) == (
        100, "bag", "2523.29.00", None,
    )  # fmt: skip
    totals = register["totals"]
    assert [totals[k]["decimal"] for k in ("value", "supplementaryDuty", "vat", "creditableVat")] == [
        "618000.00", "0.00", "91500.00", "88500.00",
    ]  # fmt: skip
    assert caller.data(PURCHASES, {"from": "2026-10-01", "to": "2026-12-31"})["purchaseRegister"]["totalCount"] == 0


def test_the_sales_register_downloads_as_csv_xlsx_and_pdf_in_english_and_bengali(caller: Caller) -> None:
    made = sales_quarter(caller)
    period = _today()
    name = f"sales-register-{period['from']}-to-{period['to']}"

    english_csv = download(caller, "/reports/sales-register.csv", f"{name}.csv", CSV, **period)
    bengali_csv = download(caller, "/reports/sales-register.csv", f"{name}-bn.csv", CSV, lang="bn", **period)
    workbook = sheet_rows(download(caller, "/reports/sales-register.xlsx", f"{name}.xlsx", XLSX, **period))
    english = pdf_text(download(caller, "/reports/sales-register.pdf", f"{name}.pdf", PDF, **period))
    bengali = download(caller, "/reports/sales-register.pdf", f"{name}-bn.pdf", PDF, lang="bn", **period)

    assert english_csv.startswith("\ufeff".encode())
    lines = english_csv.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("(1) Serial,(2) Date,(9) Buyer,(10) Address,(11) BIN / NID,(12) Invoice no.")
    assert lines[-1] == "Total,,,,,,,,,,1650000.00,0.00,232500.00,"
    assert any(f"{made['credit']['number']}," in row and ",-50000.00,0.00,-7500.00," in row for row in lines), lines
    assert any(NID in row for row in lines)
    assert bengali_csv.decode("utf-8-sig").splitlines()[0].startswith("(১) ক্রমিক নং,(২) তারিখ,(৯) ক্রেতা")
    assert workbook[0] == ("Sales register (Mushak-6.2)",) + (None,) * 13
    assert workbook[-1][0] == "Total"
    assert workbook[-1][10:13] == (1650000, 0, 232500)
    assert "Sales register (Mushak-6.2)" in english
    assert "16,50,000.00" in english
    assert made["walk_in"]["mushakNumber"] in english
    text = pdf_text(bengali)
    assert "১৬,৫০,০০০.০০" in text
    glyphs = drawn_glyphs(bengali)
    assert draws_word(glyphs, "বিক্রয়", "NotoSansBengali-Bold.ttf")
    assert draws_word(glyphs, "ক্রেতা", "NotoSansBengali-Bold.ttf")


def test_the_purchase_register_downloads_as_csv_xlsx_and_pdf_in_english_and_bengali(
    caller: Caller, database_url: str
) -> None:
    _purchases(database_url, caller.tenant_id)
    period = {"from": JULY, "to": SEPTEMBER}
    name = f"purchase-register-{JULY}-to-{SEPTEMBER}"

    english_csv = download(caller, "/reports/purchase-register.csv", f"{name}.csv", CSV, **period)
    workbook = sheet_rows(download(caller, "/reports/purchase-register.xlsx", f"{name}-bn.xlsx", XLSX, lang="bn",
                                   **period))  # fmt: skip
    english = pdf_text(download(caller, "/reports/purchase-register.pdf", f"{name}.pdf", PDF, **period))
    bengali = download(caller, "/reports/purchase-register.pdf", f"{name}-bn.pdf", PDF, lang="bn", **period)

    lines = english_csv.decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:4] == ["(1) Serial", "(2) Date", "(5) Invoice / bill of entry no.", "(6) Date"]
    assert lines[3].startswith("3,2026-07-12,C-40512,2026-07-08,Meghna Cement Mills Ltd,")
    assert lines[-1] == "Total,,,,,,,,,,618000.00,0.00,91500.00,88500.00,"
    assert workbook[0][0] == "ক্রয় হিসাব পুস্তক (মূসক-৬.১)"
    header = next(row for row in workbook if row[0] == "(১) ক্রমিক নং")
    assert header[13] == "রেয়াতযোগ্য মূসক"
    assert workbook[-1][10:14] == (618000, 0, 91500, 88500)
    first = workbook[workbook.index(header) + 1]
    assert (first[0], first[1], first[2]) == (1, datetime(2026, 7, 10), "MCM/2026/0457")
    assert "Purchase register (Mushak-6.1)" in english
    assert "6,18,000.00" in english
    assert "19858812345678901" in english
    assert "৬,১৮,০০০.০০" in pdf_text(bengali)
    assert draws_word(drawn_glyphs(bengali), "রেয়াতযোগ্য", "NotoSansBengali-Bold.ttf")


def test_wrong_parameters_are_named_and_reading_needs_vat_read(caller: Caller) -> None:
    invoices_only = Caller(caller.http, caller.tenant_id, "reader-1", (), ("invoice:read",))
    wrong = {
        ("/reports/sales-register.pdf", (("from", "2026-11-31"), ("to", "2026-11-30"), ("lang", "fr"))): {
            ("from", "date"), ("lang", "language"),
        },
        ("/reports/purchase-register.csv", (("to", "2026-11-30"),)): {("from", "date")},
        ("/reports/purchase-register.xlsx", (("from", "2026-12-01"), ("to", "2026-11-30"))): {("from", "after_to")},
        ("/reports/sales-register.csv", (("from", "2025-01-01"), ("to", "2026-11-30"))): {("to", "period_length")},
    }  # fmt: skip

    for (path, params), named in wrong.items():
        response = get(caller, path, **dict(params))
        assert response.status_code == 400, (path, params)
        assert violated(response.json()) == named, (path, params)
    refused = get(invoices_only, "/reports/sales-register.pdf", **{"from": "2026-11-01", "to": "2026-11-30"})
    assert refused.status_code == 403
    assert only_error(refused.json(), "FORBIDDEN")["message"] == "Forbidden: missing permission vat:read"
    only_error(invoices_only.graphql(SALES, {"from": "2026-11-01", "to": "2026-11-30"}), "FORBIDDEN")
    viewer = Caller(caller.http, caller.tenant_id, "viewer-1", ("viewer",))
    assert viewer.data(PURCHASES, {"from": JULY, "to": SEPTEMBER})["purchaseRegister"]["totalCount"] == 0
    assert get(caller, "/reports/sales-register.docx", **{"from": JULY, "to": SEPTEMBER}).status_code == 404
    unsigned = caller.http.get("/reports/sales-register.csv", params={"from": JULY, "to": SEPTEMBER})
    assert unsigned.status_code == 401
    backwards = caller.graphql(SALES, {"from": SEPTEMBER, "to": JULY})
    assert violated(backwards) == {("from", "after_to")}
