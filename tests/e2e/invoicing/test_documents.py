"""The Mushak-6.3 URLs, the supplier profile and the document fields of GraphQL, over real HTTP."""

from __future__ import annotations

from typing import Any

import httpx

from tests.e2e.operations import APPROVE, CREATE, steel_rods
from tests.e2e.server import Caller, only_error, violated
from tests.pdf_text import pages_text

PROFILE = {
    "name": "Karim Steel Ltd",
    "bin": "0028718210101",
    "units": [{"code": "HO", "name": "Head office", "address": "12 Motijheel C/A\nDhaka 1000"}],
    "officerName": "Abdul Karim",
    "officerDesignation": "Managing Director",
}
SET_PROFILE = """mutation Set($input: SupplierProfileInput!) {
  setSupplierProfile(input: $input) { name bin units { code name address } officerName officerDesignation version }
}"""
GET_PROFILE = "{ supplierProfile { name bin version updatedBy } }"
DOCUMENT_FIELDS = """query Get($id: ID!) { invoice(id: $id) {
  buyerName buyerAddress deliveryDestination printCount version
  pdf: mushak63Url html: mushak63Url(lang: BN, format: HTML)
  grandTotal { formattedAmount bn: formattedAmount(lang: BN) amountInWords bnWords: amountInWords(lang: BN) }
} }"""
BUYER = {"buyerName": "Rahim Builders Ltd", "buyerAddress": "Dhanmondi, Dhaka", "deliveryDestination": "Site 4"}


def _issued(caller: Caller, **changes: Any) -> str:
    invoice_id: str = caller.data(CREATE, {"input": steel_rods(**BUYER, **changes)})["createInvoice"]["id"]
    caller.checker().data(APPROVE, {"id": invoice_id})
    return invoice_id


def _get(caller: Caller, path: str, **headers: str) -> httpx.Response:
    return caller.http.get(path, headers={"Authorization": f"Bearer {caller.token}", **headers})


def _document_fields(caller: Caller, invoice_id: str) -> dict[str, Any]:
    fields: dict[str, Any] = caller.data(DOCUMENT_FIELDS, {"id": invoice_id})["invoice"]
    return fields


def test_the_supplier_profile_is_set_and_read_per_tenant(caller: Caller) -> None:
    first = caller.data(SET_PROFILE, {"input": PROFILE})["setSupplierProfile"]
    caller.data(SET_PROFILE, {"input": {**PROFILE, "officerName": "Rahima Karim"}})

    assert first["bin"] == "002871821-0101"
    assert first["units"] == PROFILE["units"]
    assert caller.data(GET_PROFILE)["supplierProfile"] == {
        "name": "Karim Steel Ltd", "bin": "002871821-0101", "version": 2, "updatedBy": "user-1"
    }  # fmt: skip
    assert Caller(caller.http, caller.tenant_id + "-b").data(GET_PROFILE)["supplierProfile"] is None


def test_a_profile_with_broken_rules_names_each_field(caller: Caller) -> None:
    body = caller.graphql(SET_PROFILE, {"input": {**PROFILE, "bin": "123456789", "units": []}})

    assert violated(body) == {("input.bin", "bin_outdated"), ("input.units", "min_units")}


def test_the_invoice_carries_its_buyer_its_document_urls_and_its_total_in_words(caller: Caller) -> None:
    invoice_id = _issued(caller)

    fields = _document_fields(caller, invoice_id)

    assert {key: fields[key] for key in BUYER} == BUYER
    assert fields["pdf"] == f"/invoices/{invoice_id}/mushak-6.3.pdf?lang=en"
    assert fields["html"] == f"/invoices/{invoice_id}/mushak-6.3.html?lang=bn"
    assert fields["grandTotal"] == {
        "formattedAmount": "৳5,75,000.00",
        "bn": "৫,৭৫,০০০.০০৳",
        "amountInWords": "Taka Five Lakh Seventy-Five Thousand Only",
        "bnWords": "পাঁচ লাখ পঁচাত্তর হাজার টাকা মাত্র",
    }


def test_the_first_pdf_is_the_original_and_every_later_one_a_recorded_duplicate(caller: Caller) -> None:
    caller.data(SET_PROFILE, {"input": PROFILE})
    invoice_id = _issued(caller)
    url = _document_fields(caller, invoice_id)["pdf"]

    first, second = _get(caller, url), _get(caller, url.replace("lang=en", "lang=bn"))

    assert first.status_code == 200, first.text
    assert first.headers["content-type"] == "application/pdf"
    assert first.headers["cache-control"] == "no-store"
    original, supplier = pages_text(first.content)
    assert "ORIGINAL / " in original
    assert "SUPPLIER'S COPY / " in supplier
    assert "Karim Steel Ltd" in original
    assert "Challan No. HO/" in original
    (duplicate,) = pages_text(second.content)
    assert "DUPLICATE / " in duplicate
    assert "৫,৭৫,০০০.০০" in duplicate
    assert _document_fields(caller, invoice_id)["printCount"] == 2


def test_the_html_view_records_no_print(caller: Caller) -> None:
    invoice_id = _issued(caller)

    response = _get(caller, f"/invoices/{invoice_id}/mushak-6.3.html?lang=bn")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "কর চালানপত্র" in response.text
    assert "Rahim Builders Ltd" in response.text
    assert _document_fields(caller, invoice_id)["printCount"] == 0
    assert caller.http.get("/assets/fonts/NotoSansBengali-Regular.ttf").status_code == 200


def test_a_draft_prints_watermarked_without_a_serial_and_nothing_is_recorded(caller: Caller) -> None:
    invoice_id = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]["id"]

    response = _get(caller, f"/invoices/{invoice_id}/mushak-6.3.pdf")

    (text,) = pages_text(response.content)
    assert "DRAFT – not a tax invoice" in text
    assert "HO/" not in text
    assert _document_fields(caller, invoice_id)["printCount"] == 0


def test_an_issued_invoice_is_not_printed_before_the_supplier_profile_is_set(caller: Caller) -> None:
    response = _get(caller, f"/invoices/{_issued(caller)}/mushak-6.3.pdf")

    assert response.status_code == 409
    assert "setSupplierProfile" in only_error(response.json(), "CONFLICT")["message"]


def test_another_tenants_document_is_not_found(caller: Caller) -> None:
    invoice_id = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]["id"]
    stranger = Caller(caller.http, caller.tenant_id + "-b")

    for extension in ("pdf", "html"):
        response = _get(stranger, f"/invoices/{invoice_id}/mushak-6.3.{extension}")
        assert response.status_code == 404
        only_error(response.json(), "NOT_FOUND")
    assert _get(caller, "/invoices/no-such-invoice/mushak-6.3.pdf").status_code == 404


def test_documents_need_a_valid_token_and_a_matching_tenant_header(caller: Caller) -> None:
    invoice_id = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]["id"]
    path = f"/invoices/{invoice_id}/mushak-6.3.pdf"

    anonymous = caller.http.get(path)
    forged = caller.http.get(path, headers={"Authorization": "Bearer not.a.jwt"})
    wrong_tenant = _get(caller, path, **{"X-Tenant-ID": "someone-else"})

    assert (anonymous.status_code, forged.status_code, wrong_tenant.status_code) == (401, 401, 403)
    assert only_error(anonymous.json(), "UNAUTHENTICATED")["message"] == "Unauthorized: missing bearer token"
    only_error(wrong_tenant.json(), "FORBIDDEN")


def test_an_unknown_language_is_refused(caller: Caller) -> None:
    invoice_id = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]["id"]

    response = _get(caller, f"/invoices/{invoice_id}/mushak-6.3.pdf?lang=fr")

    assert response.status_code == 400
    assert violated(response.json()) == {("lang", "language")}
