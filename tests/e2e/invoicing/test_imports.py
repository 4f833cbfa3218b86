"""Bulk import over real HTTP, on SQLite and PostgreSQL: issue 11, scenario 7."""

from __future__ import annotations

import io
import threading
import time
from typing import Any

import httpx
import pytest
from openpyxl import Workbook

from tests.e2e.operations import CREATE, LIST, steel_rods
from tests.e2e.server import Caller

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PARTIES_LIST = "query($search: String) { parties(first: 100, filter: {search: $search}) { totalCount edges { node { code legalName legalNameBn bin phone kind creditLimit { decimal } } } } }"  # noqa: E501
ITEMS_LIST = "{ items(first: 100) { totalCount edges { node { code name nameBn vatRate unitPrice { decimal } } } } }"
INVOICE_LINES = (
    "query($id: ID!) { invoice(id: $id) { invoiceNumber customerId grandTotal { decimal } lineItems { description } } }"
)

PARTIES_CSV = (
    "code,kind,legal_name,legal_name_bn,bin,tin,phone,credit_limit\n"
    "C-001,CUSTOMER,Karim Steel Ltd,করিম স্টিল লিমিটেড,0028718210101,123456789012,01712 345678,500000.50\n"
    'S-001,"CUSTOMER,SUPPLIER",Rahim Traders,রহিম ট্রেডার্স,,,,\n'
)
INVOICES_CSV = (
    "invoice_ref,vendor_id,customer_id,invoice_date,due_date,description,quantity,unit_price,vat_category\n"
    "A-1,vendor-001,customer-001,2025-01-15,2025-02-15,Steel rods,100,5000,STANDARD\n"
    "A-1,,,,,Cement,10,550,REDUCED\n"
    "A-2,vendor-001,customer-002,2025-01-15,2025-02-15,Delivery,1,10000,ZERO_RATED\n"
)


def upload(
    caller: Caller, kind: str, content: bytes | str, content_type: str = "text/csv", key: str | None = None
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {caller.token}", "Content-Type": content_type}
    if key is not None:
        headers["Idempotency-Key"] = key
    body = content.encode() if isinstance(content, str) else content
    return caller.http.post(f"/imports/{kind}", content=body, headers=headers, timeout=300)


def progress(caller: Caller, import_id: str) -> httpx.Response:
    return caller.http.get(f"/imports/{import_id}", headers={"Authorization": f"Bearer {caller.token}"})


def violations(response: httpx.Response) -> set[tuple[int, str, str]]:
    assert response.status_code == 400, response.text
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    return {(v["row"], v["column"], v["rule"]) for v in error["extensions"]["violations"]}


def file_refusal(response: httpx.Response) -> str:
    """The rule of a refused file (not its rows): the violation names the `file`."""
    assert response.status_code in (400, 413), response.text
    (violation,) = response.json()["errors"][0]["extensions"]["violations"]
    assert violation["field"] in ("file", "body")
    rule: str = violation["rule"]
    return rule


def xlsx(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def party_count(caller: Caller) -> int:
    count: int = caller.data(PARTIES_LIST)["parties"]["totalCount"]
    return count


def test_a_parties_csv_in_bengali_imports_every_row(caller: Caller) -> None:
    response = upload(caller, "parties", PARTIES_CSV)

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["kind"], body["status"], body["total"], body["processed"], body["rows"]) == (
        "parties", "COMPLETED", 2, 2, 2,
    )  # fmt: skip
    found = {e["node"]["code"]: e["node"] for e in caller.data(PARTIES_LIST)["parties"]["edges"]}
    assert found["C-001"]["legalNameBn"] == "করিম স্টিল লিমিটেড"
    assert found["C-001"]["phone"] == "+8801712345678"
    assert found["C-001"]["creditLimit"]["decimal"] == "500000.50"
    assert found["S-001"]["kind"] == ["CUSTOMER", "SUPPLIER"]
    assert progress(caller, body["id"]).json() == body


def test_an_items_workbook_imports_like_a_csv(caller: Caller) -> None:
    workbook = xlsx([
        ["code", "name", "name_bn", "unit_price", "vat_rate", "hs_code"],
        ["ROD-12", "Steel Rod 12 mm", "স্টিল রড ১২ মিমি", 950.5, 0.15, "7214.20"],
        ["CEM-50", "Cement 50 kg", None, 550, None, None],
    ])  # fmt: skip

    response = upload(caller, "items", workbook, XLSX)

    assert response.status_code == 201, response.text
    items = {e["node"]["code"]: e["node"] for e in caller.data(ITEMS_LIST)["items"]["edges"]}
    assert items["ROD-12"]["nameBn"] == "স্টিল রড ১২ মিমি"
    assert (items["ROD-12"]["vatRate"], items["ROD-12"]["unitPrice"]["decimal"]) == (0.15, "950.50")
    assert items["CEM-50"]["vatRate"] is None


def test_invoice_rows_group_by_ref_and_continue_the_gapless_numbering(caller: Caller) -> None:
    before = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]["invoiceNumber"]

    response = upload(caller, "invoices", INVOICES_CSV)

    assert response.status_code == 201, response.text
    assert (response.json()["total"], response.json()["rows"]) == (2, 3)
    listed = caller.data(LIST, {"first": 10})["invoices"]
    numbers = sorted(edge["node"]["invoiceNumber"] for edge in listed["edges"])
    assert before == "INV-2025-01-15-000001"
    assert numbers == [f"INV-2025-01-15-{n:06d}" for n in (1, 2, 3)]
    first = next(e["node"] for e in listed["edges"] if e["node"]["invoiceNumber"].endswith("000002"))
    invoice = caller.data(INVOICE_LINES, {"id": first["id"]})["invoice"]
    assert [line["description"] for line in invoice["lineItems"]] == ["Steel rods", "Cement"]
    assert invoice["customerId"] == "customer-001"


CODED_INVOICE = "query($id: ID!) { invoice(id: $id) { customerId customerPartyId buyerName customerBIN lineItems { itemId description hsCode unitPrice { decimal } vatRate } } }"  # noqa: E501
ITEMS_CSV = "code,name,hs_code,unit_of_supply,vat_rate,unit_price\nROD-12,Steel Rod 12 mm,7214.20,kg,0.15,950.50\n"


def test_invoices_name_registered_customers_and_items_by_code(caller: Caller) -> None:
    assert upload(caller, "parties", PARTIES_CSV).status_code == 201
    assert upload(caller, "items", ITEMS_CSV).status_code == 201
    coded = (
        "invoice_ref,vendor_id,customer_code,invoice_date,due_date,item_code,description,quantity,unit_price\n"
        "A-1,vendor-001,C-001,2025-01-15,2025-02-15,ROD-12,,100,\n"
        "A-1,,,,,ROD-12,Offcuts,2,900\n"
    )

    response = upload(caller, "invoices", coded)

    assert response.status_code == 201, response.text
    (edge,) = caller.data(LIST, {"first": 10})["invoices"]["edges"]
    invoice = caller.data(CODED_INVOICE, {"id": edge["node"]["id"]})["invoice"]
    assert (invoice["customerId"], invoice["buyerName"], invoice["customerBIN"]) == (
        "C-001", "Karim Steel Ltd", "002871821-0101",
    )  # fmt: skip
    assert invoice["customerPartyId"] is not None
    lines = invoice["lineItems"]
    assert [(line["description"], line["unitPrice"]["decimal"]) for line in lines] == [
        ("Steel Rod 12 mm", "950.50"),
        ("Offcuts", "900.00"),
    ]
    assert {(line["hsCode"], line["vatRate"]) for line in lines} == {("7214.20", 0.15)}
    assert len({line["itemId"] for line in lines}) == 1


def test_unknown_codes_and_a_supplier_as_customer_are_errors_at_their_cells(caller: Caller) -> None:
    supplier = "code,kind,legal_name\nS-9,SUPPLIER,Only Supplies Ltd\n"
    assert upload(caller, "parties", supplier).status_code == 201
    coded = (
        "invoice_ref,vendor_id,customer_code,invoice_date,due_date,item_code,quantity\n"
        "A-1,vendor-001,NOBODY,2025-01-15,2025-02-15,NOTHING,1\n"
        "A-2,vendor-001,S-9,2025-01-15,2025-02-15,,1\n"
    )

    response = upload(caller, "invoices", coded)

    assert violations(response) == {
        (2, "customer_code", "unknown_party"),
        (2, "item_code", "unknown_item"),
        (3, "customer_code", "not_a_customer"),
        (3, "description", "required"),
        (3, "unit_price", "required"),
    }
    found = response.json()["errors"][0]["extensions"]["violations"]
    messages = {(v["row"], v["column"]): v["message"] for v in found}
    assert messages[(2, "customer_code")] == "no party has the code NOBODY"
    assert messages[(2, "item_code")] == "no item code NOTHING is registered"


def test_a_file_with_errors_names_each_row_and_column_and_imports_nothing(caller: Caller) -> None:
    broken = (
        "code,kind,legal_name,bin,phone,credit_days\n"
        "C-001,CUSTOMER,Karim Steel Ltd,12345,01712345678,30\n"
        "C-002,VENDOR,,,,soon\n"
        "C-001,CUSTOMER,Another Karim,,0123,\n"
    )

    found = violations(upload(caller, "parties", broken))

    assert found == {
        (2, "bin", "bin_format"),
        (3, "kind", "enum"),
        (3, "legal_name", "required"),
        (3, "credit_days", "integer"),
        (4, "code", "unique_in_file"),
        (4, "phone", "phone_format"),
    }
    assert party_count(caller) == 0


def test_invoice_errors_point_at_the_line_rows(caller: Caller) -> None:
    broken = (
        "invoice_ref,vendor_id,customer_id,invoice_date,due_date,description,quantity,unit_price\n"
        "A-1,vendor-001,customer-001,2025-01-15,2025-01-10,Steel rods,100,5000\n"
        "A-1,,customer-009,,,Cement,-1,abc\n"
        "A-2,vendor-001,customer-002,15/01/2025,2025-02-15,Delivery,1,10000\n"
    )

    assert violations(upload(caller, "invoices", broken)) == {
        (2, "due_date", "due_before_invoice_date"),
        (3, "customer_id", "same_for_invoice"),
        (3, "quantity", "positive"),
        (3, "unit_price", "number"),
        (4, "invoice_date", "date"),
    }
    assert caller.data(LIST)["invoices"]["totalCount"] == 0


def test_codes_already_taken_are_errors_and_unknown_or_missing_columns_too(caller: Caller) -> None:
    assert upload(caller, "parties", PARTIES_CSV).status_code == 201

    assert violations(upload(caller, "parties", PARTIES_CSV)) == {(2, "code", "unique"), (3, "code", "unique")}
    assert violations(upload(caller, "items", "code,name,colour\nX,Y,red\n")) == {
        (1, "unit_price", "required_column"),
        (1, "colour", "unknown_column"),
    }


def test_many_errors_are_counted_and_the_first_hundred_listed(caller: Caller) -> None:
    rows = "".join(f"C-{n},NOBODY,Name {n}\n" for n in range(150))

    response = upload(caller, "parties", "code,kind,legal_name\n" + rows)

    extensions = response.json()["errors"][0]["extensions"]
    assert (extensions["violationCount"], len(extensions["violations"]), extensions["unlisted"]) == (150, 100, 50)


@pytest.mark.parametrize(
    ("content", "content_type", "rule"),
    [
        (b"%PDF-1.7 not a spreadsheet", "application/pdf", "file_format"),
        (b"PK\x03\x04 a damaged zip", XLSX, "xlsx"),
        (b"code,kind\nC-1,\xff\xfe\n", "text/csv", "encoding"),
        (b'code,kind,legal_name\nC-1,CUSTOMER,"unclosed\n', "text/csv", "csv"),
        (b"", "text/csv", "header"),
        (b"code,kind\x00", "application/octet-stream", "file_format"),
    ],
    ids=["pdf", "damaged-xlsx", "not-utf8", "malformed-csv", "empty", "binary"],
)
def test_files_that_are_not_csv_or_xlsx_are_refused_with_a_clear_400(
    caller: Caller, content: bytes, content_type: str, rule: str
) -> None:
    assert file_refusal(upload(caller, "parties", content, content_type)) == rule
    assert party_count(caller) == 0


def test_a_file_above_the_limit_is_refused_naming_the_limit(caller: Caller) -> None:
    response = upload(caller, "parties", b"x" * (20 * 1024 * 1024 + 1))

    assert response.status_code == 413
    assert "20 MiB" in response.json()["errors"][0]["message"]


def test_a_retried_upload_with_its_key_returns_the_same_import_and_another_file_conflicts(caller: Caller) -> None:
    first = upload(caller, "parties", PARTIES_CSV, key="parties-2026-12")
    again = upload(caller, "parties", PARTIES_CSV, key="parties-2026-12")
    other = upload(caller, "parties", PARTIES_CSV.replace("C-001", "C-009"), key="parties-2026-12")

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert party_count(caller) == 2
    assert other.status_code == 409
    assert other.json()["errors"][0]["extensions"]["code"] == "CONFLICT"


def test_imports_are_guarded_like_graphql(caller: Caller) -> None:
    reader = Caller(caller.http, caller.tenant_id, "reader-1", roles=(), permissions=("invoice:read",))
    created = upload(caller, "parties", PARTIES_CSV).json()
    stranger = Caller(caller.http, "tenant-elsewhere", roles=("admin",))

    assert upload(reader, "parties", PARTIES_CSV).status_code == 403
    assert caller.http.post("/imports/parties", content=PARTIES_CSV).status_code == 401
    assert upload(caller, "suppliers", PARTIES_CSV).status_code == 404
    assert progress(reader, created["id"]).status_code == 200
    assert progress(stranger, created["id"]).status_code == 404


@pytest.mark.postgres
@pytest.mark.parametrize("base_url", ["postgres"], indirect=True)
def test_ten_thousand_invoices_import_in_one_request_with_progress_shown(caller: Caller) -> None:
    total = 10_000
    header = "invoice_ref,vendor_id,customer_id,invoice_date,due_date,description,quantity,unit_price\n"
    rows = "".join(
        f"R-{n},vendor-001,customer-{n % 97},2025-01-15,2025-02-15,Rods,{n % 9 + 1},5000\n" for n in range(total)
    )
    seen: list[int] = []
    done = threading.Event()
    result: dict[str, httpx.Response] = {}

    def run() -> None:
        result["response"] = upload(caller, "invoices", header + rows, key="big-import")
        done.set()

    threading.Thread(target=run).start()
    import_id = _running_import_id(caller, done)
    while import_id and not done.is_set():
        seen.append(progress(caller, import_id).json()["processed"])
        time.sleep(0.05)
    done.wait(300)

    response = result["response"]
    assert response.status_code == 201, response.text
    assert (response.json()["status"], response.json()["processed"]) == ("COMPLETED", total)
    assert seen == sorted(seen)
    assert all(n % 500 == 0 for n in seen)
    assert any(0 < n < total for n in seen), seen
    listed = caller.data(LIST, {"first": 1})["invoices"]
    assert listed["totalCount"] == total
    assert listed["edges"][0]["node"]["invoiceNumber"] == f"INV-2025-01-15-{total:06d}"


def _running_import_id(caller: Caller, done: threading.Event) -> str | None:
    """The id of the import the other thread runs, from the tenant's recent imports, once it is recorded."""
    while not done.is_set():
        listed = caller.http.get("/imports", headers={"Authorization": f"Bearer {caller.token}"}).json()["imports"]
        if listed:
            found: str = listed[0]["id"]
            return found
        time.sleep(0.02)
    return None
