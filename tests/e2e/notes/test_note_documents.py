"""The Mushak-6.7 and 6.8 documents of credit and debit notes over real HTTP (issue 13, scenario 6)."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest

from tests.e2e.invoicing.test_documents import PROFILE, SET_PROFILE
from tests.e2e.operations import APPROVE, CREATE, line, steel_rods
from tests.e2e.server import Caller, only_error, violated
from tests.pdf_text import drawn_glyphs, draws_word, pages_text

BUYER = {"customerBIN": "001745707-0402", "buyerName": "Rahim Builders Ltd", "buyerAddress": "Dhanmondi, Dhaka"}
NOTE = "id number date printCount invoiceMushakNumber total { decimal }"
ISSUE = {
    "credit": f"""mutation($input: IssueCreditNoteInput!) {{ issueCreditNote(input: $input) {{ {NOTE}
      pdf: mushak67Url bn: mushak67Url(lang: BN) html: mushak67Url(lang: BN, format: HTML) }} }}""",
    "debit": f"""mutation($input: IssueDebitNoteInput!) {{ issueDebitNote(input: $input) {{ {NOTE}
      pdf: mushak68Url bn: mushak68Url(lang: BN) html: mushak68Url(lang: BN, format: HTML) }} }}""",
}
READ = {
    "credit": "query($id: ID!) { note: creditNote(id: $id) { printCount } }",
    "debit": "query($id: ID!) { note: debitNote(id: $id) { printCount } }",
}
INVOICE_PRINTS = "query($id: ID!) { invoice(id: $id) { printCount } }"
REASONS = {"credit": "RETURN", "debit": "PRICE_INCREASE"}
TRAIL = "{ auditTrail(first: 5) { edges { node { user operation records { type id } } } } }"


def _issued_note(caller: Caller, kind: str = "credit", *, profile: bool = True) -> dict[str, Any]:
    """Two lines, steel rods and cement with 10% SD; the note takes 10 rods (or adds 2,000.00 to the cement)."""
    if profile:
        caller.data(SET_PROFILE, {"input": PROFILE})
    cement = line(description="Cement, 50 kg bag", quantity=200, unitPrice=500, supplementaryDutyRate=0.10)
    created = caller.data(CREATE, {"input": steel_rods(**BUYER, lineItems=[line(), cement])})["createInvoice"]
    invoice = caller.checker().data(APPROVE, {"id": created["id"]})["approveInvoice"]
    rods, cement_line = (item["id"] for item in invoice["lineItems"])
    changes = [{"invoiceLineId": rods, "quantity": 10}, {"invoiceLineId": cement_line, "amount": 2000}]
    given = {"invoiceId": invoice["id"], "reason": REASONS[kind], "reasonText": "ten rods bent", "lines": changes}
    note: dict[str, Any] = caller.data(ISSUE[kind], {"input": given})[f"issue{kind.title()}Note"]
    return {**note, "invoiceId": invoice["id"]}


def _get(caller: Caller, path: str, **headers: str) -> httpx.Response:
    return caller.http.get(path, headers={"Authorization": f"Bearer {caller.token}", **headers})


def _prints(caller: Caller, kind: str, note_id: str) -> int:
    count: int = caller.data(READ[kind], {"id": note_id})["note"]["printCount"]
    return count


def _text(pdf: bytes) -> str:
    return " ".join(pages_text(pdf)[0].split()).replace("\u2010 ", "")


def _day(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y")


@pytest.mark.parametrize(("kind", "form"), [("credit", "mushak-6.7"), ("debit", "mushak-6.8")])
def test_the_first_note_pdf_is_the_original_and_every_later_one_a_recorded_duplicate(
    caller: Caller, kind: str, form: str
) -> None:
    note = _issued_note(caller, kind)

    first, second = _get(caller, note["pdf"]), _get(caller, note["bn"])

    assert note["pdf"] == f"/{kind}-notes/{note['id']}/{form}.pdf?lang=en"
    assert first.status_code == 200, first.text
    assert (first.headers["content-type"], first.headers["cache-control"]) == ("application/pdf", "no-store")
    original, supplier = pages_text(first.content)
    assert "ORIGINAL / " in original
    assert "SUPPLIER'S COPY / " in supplier
    (duplicate,) = pages_text(second.content)
    assert "DUPLICATE / " in duplicate
    assert _prints(caller, kind, note["id"]) == 2
    assert caller.data(INVOICE_PRINTS, {"id": note["invoiceId"]})["invoice"]["printCount"] == 0


def test_every_field_of_the_english_credit_note_is_in_its_pdf(caller: Caller) -> None:
    note = _issued_note(caller)

    text = _text(_get(caller, note["pdf"]).content)

    values = [
        "Mushak-6.7", "Credit Note", "[See clause (g) of sub-rule (1) of rule 40]",
        "Name of registered person Karim Steel Ltd", "BIN of registered person 002871821-0101",
        "Challan issuing address Head office 12 Motijheel C/A Dhaka 1000",
        "Name of purchaser Rahim Builders Ltd", "BIN of purchaser 001745707-0402",
        "Address of purchaser Dhanmondi, Dhaka", f"Credit note No. {note['number']}",
        f"Tax invoice (Mushak-6.3) No. {note['invoiceMushakNumber']}", f"Date of issue {_day(note['date'])}",
        "Reason Return of the goods or services supplied – ten rods bent",
        "Supply before this note", "Decreasing adjustment by this note", "Supply after this note",
        "Construction Materials - Steel Rods", "100 5,00,000.00 0.00 75,000.00 10 50,000.00 0.00 7,500.00",
        "90 4,50,000.00 0.00 67,500.00", "200 1,00,000.00 10,000.00 16,500.00 0 2,000.00 200.00 330.00",
        "Total 6,00,000.00 10,000.00 91,500.00 52,000.00 200.00 7,830.00 5,48,000.00 9,800.00 83,670.00",
        "Total decrease including supplementary duty and VAT: ৳60,030.00",
        "In words: Taka Sixty Thousand Thirty Only", "Abdul Karim", "Managing Director", "Signature", "Seal",
    ]  # fmt: skip
    assert note["total"] == {"decimal": "60030.00"}
    assert [value for value in values if value not in text] == []


def test_the_bengali_debit_note_is_drawn_shaped_with_bengali_digits(caller: Caller) -> None:
    note = _issued_note(caller, "debit")

    pdf = _get(caller, note["bn"]).content

    glyphs, text = drawn_glyphs(pdf), pages_text(pdf)[0]
    serial = note["number"].translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))
    assert serial in text
    assert "৬০,০৩০.০০৳" in text
    words = ["ডেবিট", "নোট", "বৃদ্ধিকারী", "সমন্বয়", "মূল্য", "বৃদ্ধি", "ষাট", "হাজার", "ত্রিশ", "টাকা", "মাত্র"]
    fonts = ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf")
    assert [w for w in words if not any(draws_word(glyphs, w, font) for font in fonts)] == []
    assert draws_word(glyphs, "মূসক-৬.৮", fonts[1])


def test_a_vat_officer_gets_an_inspection_copy_that_records_no_print_but_is_in_the_audit_trail(
    caller: Caller,
) -> None:
    note = _issued_note(caller)
    officer = Caller(caller.http, caller.tenant_id, "officer-1", ("vat_officer",))

    inspected = _get(officer, note["pdf"])
    printed = _get(caller, note["pdf"])

    assert inspected.status_code == 200, inspected.text
    (copy,) = pages_text(inspected.content)
    assert "Inspection copy – not a credit note" in " ".join(copy.split())
    assert note["number"] in copy
    assert "ORIGINAL / " in pages_text(printed.content)[0]
    assert _prints(caller, "credit", note["id"]) == 1
    reads = [edge["node"] for edge in caller.data(TRAIL)["auditTrail"]["edges"]]
    assert {"user": "officer-1", "operation": f"GET {note['pdf']}",
            "records": [{"type": "CreditNote", "id": note["id"]}]} in reads  # fmt: skip


def test_the_html_view_of_a_note_records_no_print(caller: Caller) -> None:
    note = _issued_note(caller)

    response = _get(caller, note["html"])

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["cache-control"] == "no-store"
    assert "ক্রেডিট নোট" in response.text
    assert "পর্দায় দেখার কপি – ক্রেডিট নোট হলো মুদ্রিত পিডিএফ" in response.text
    assert _prints(caller, "credit", note["id"]) == 0


def test_an_unknown_a_debit_or_another_tenants_note_is_no_credit_note(caller: Caller) -> None:
    credit, debit = _issued_note(caller), _issued_note(caller, "debit")
    stranger = Caller(caller.http, caller.tenant_id + "-b")

    refused = [
        _get(caller, "/credit-notes/no-such-note/mushak-6.7.pdf"),
        _get(caller, "/credit-notes/not%20an%20id%21/mushak-6.7.html"),
        _get(caller, f"/credit-notes/{debit['id']}/mushak-6.7.pdf"),
        _get(stranger, credit["pdf"]),
        _get(stranger, credit["html"]),
    ]
    other_kind = _get(caller, f"/debit-notes/{credit['id']}/mushak-6.8.pdf")

    assert [response.status_code for response in (*refused, other_kind)] == [404] * 6
    assert {only_error(r.json(), "NOT_FOUND")["message"] for r in refused} == {"credit note not found"}
    assert only_error(other_kind.json(), "NOT_FOUND")["message"] == "debit note not found"
    assert (_prints(caller, "credit", credit["id"]), _prints(caller, "debit", debit["id"])) == (0, 0)


def test_a_note_document_in_an_unknown_language_is_refused_naming_lang(caller: Caller) -> None:
    note = _issued_note(caller)

    response = _get(caller, note["pdf"].replace("lang=en", "lang=fr"))

    assert response.status_code == 400
    assert violated(response.json()) == {("lang", "language")}


def test_a_note_document_needs_a_token_and_a_note_print_needs_the_supplier_profile(caller: Caller) -> None:
    note = _issued_note(caller, profile=False)

    anonymous = caller.http.get(note["pdf"])
    unprofiled = _get(caller, note["pdf"])

    assert anonymous.status_code == 401
    only_error(anonymous.json(), "UNAUTHENTICATED")
    assert unprofiled.status_code == 409
    assert "before printing a credit note" in only_error(unprofiled.json(), "CONFLICT")["message"]
    assert _prints(caller, "credit", note["id"]) == 0
