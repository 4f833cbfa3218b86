"""Bills received over HTTP: recorded and read back, a refused claim with its reason, an import, a supplier's
credit note, validation naming the fields, a supplier's invoice twice, and another tenant's bill not found."""

from __future__ import annotations

from datetime import timedelta

from tests.e2e.ledger.books import dhaka_today
from tests.e2e.purchases.bills import (
    BILLS,
    GET_BILL,
    RECORD_BILL,
    RECORD_NOTE,
    bill,
    cement_line,
    recorded,
    supplier,
)
from tests.e2e.server import Caller, new_tenant, only_error, violated


def test_a_bill_is_recorded_numbered_and_read_back(caller: Caller) -> None:
    party = supplier(caller)
    made = recorded(caller, bill(party, cement_line(supplementaryDuty=1000, hsCode="2523.29"), reference="PO-118"))
    assert made["number"] == f"BILL/{_fiscal_year()}/000001"
    assert made["supplier"] == {
        "partyId": party, "name": "Meghna Cement Mills Ltd", "address": "Mograpara, Sonargaon, Narayanganj",
        "bin": "000456789-0101", "tin": None, "nid": None,
    }  # fmt: skip
    received = dhaka_today() - timedelta(days=2)
    assert made["dueDate"] == (received + timedelta(days=30)).isoformat()
    line = made["lines"][0]
    assert (line["vatRate"], line["vat"]["decimal"], line["creditableVat"]["decimal"]) == (0.15, "7650.00", "7650.00")
    assert (line["claimed"], line["inputCredit"], line["refusal"]) == ("CLAIM", "CLAIM", None)
    assert (made["total"]["decimal"], made["refusals"], made["version"]) == ("58650.00", [], 1)
    assert caller.data(GET_BILL, {"id": made["id"]})["bill"] == made
    listed = caller.data(BILLS, {"filter": {"search": "mcm/2026"}})["bills"]
    assert (listed["totalCount"], listed["edges"][0]["node"]["id"]) == (1, made["id"])


def test_a_refused_claim_says_why_and_the_bill_is_still_recorded(caller: Caller) -> None:
    party = supplier(caller)
    made = recorded(caller, bill(party, cement_line(), cement_line(description="Sand", vatCategory="REDUCED",
                                                                    vatRate=0.10)))  # fmt: skip
    refusal = made["lines"][1]["refusal"]
    assert (refusal["rule"], refusal["position"]) == ("reduced_rate_supply", 2)
    assert "s.46(1)(tha)" in refusal["message"]
    assert made["refusals"] == [refusal]
    assert (made["lines"][1]["inputCredit"], made["lines"][1]["claimed"]) == ("NOT_ELIGIBLE", "CLAIM")
    assert made["creditableVat"]["decimal"] == "7500.00"
    unregistered = supplier(caller, code="S-002", bin=None, legalName="Karim Hardware")
    local = recorded(caller, bill(unregistered))
    assert [r["rule"] for r in local["refusals"]] == ["supplier_not_registered"]


def test_an_import_is_credited_on_its_bill_of_entry_without_a_supplier_bin(caller: Caller) -> None:
    party = supplier(caller, code="S-CN", bin=None, legalName="Shandong Steel Co")
    entry_date = (dhaka_today() - timedelta(days=2)).isoformat()
    entry = {"number": "C-2026-118734", "date": entry_date, "customsHouse": "Chattogram Custom House"}
    made = recorded(caller, bill(party, billOfEntry=entry))
    assert made["billOfEntry"] == entry
    assert (made["refusals"], made["creditableVat"]["decimal"]) == ([], "7500.00")


def test_a_supplier_credit_note_reduces_the_bill_and_its_credit(caller: Caller) -> None:
    made = recorded(caller, bill(supplier(caller)))
    line_id = made["lines"][0]["id"]
    note = {
        "billId": made["id"], "kind": "CREDIT", "supplierNoteNumber": "MCM/CN/0091", "reason": "10 bags damaged",
        "lines": [{"lineId": line_id, "quantity": 10, "value": 5000}],
    }  # fmt: skip
    noted = caller.data(RECORD_NOTE, {"input": note, "expectedVersion": 1})["recordSupplierNote"]
    line = noted["lines"][0]
    assert (line["quantity"], line["value"]["decimal"], line["vat"]["decimal"]) == (90, "45000.00", "6750.00")
    assert line["creditableVat"]["decimal"] == "6750.00"
    assert [(n["kind"], n["vat"]["decimal"], n["noteDate"]) for n in noted["notes"]] == [
        ("CREDIT", "750.00", dhaka_today().isoformat())
    ]
    assert noted["version"] == 2
    assert caller.data(GET_BILL, {"id": made["id"]})["bill"] == noted
    again = caller.graphql(RECORD_NOTE, {"input": {**note, "lines": [{"lineId": line_id, "value": 45001}]}})
    assert violated(again) == {
        ("input.supplierNoteNumber", "duplicate_note"),
        ("input.lines[0].value", "more_than_remains"),
    }
    stale = caller.graphql(RECORD_NOTE, {"input": {**note, "supplierNoteNumber": "N2"}, "expectedVersion": 1})
    only_error(stale, "CONFLICT")


def test_validation_errors_name_the_fields(caller: Caller) -> None:
    party = supplier(caller)
    today = dhaka_today()
    request = bill(
        party,
        cement_line(quantity=0, value=-5),
        cement_line(vat=7502),
        supplierInvoiceNumber=" ",
        receivedDate=(today + timedelta(days=1)).isoformat(),
        billOfEntry={"number": "C-1", "date": (today + timedelta(days=2)).isoformat(), "customsHouse": "Benapole"},
    )
    assert violated(caller.graphql(RECORD_BILL, {"input": request})) == {
        ("input.supplierInvoiceNumber", "required"),
        ("input.receivedDate", "not_in_future"),
        ("input.billOfEntry.date", "not_after_received"),
        ("input.lines[0].quantity", "positive"),
        ("input.lines[0].value", "non_negative"),
        ("input.lines[1].vat", "vat_rate_mismatch"),
    }
    customer = caller.data(
        "mutation($input: CreatePartyInput!) { createParty(input: $input) { id } }",
        {"input": {"code": "C-1", "kind": ["CUSTOMER"], "legalName": "Rahim Builders"}},
    )["createParty"]["id"]
    assert violated(caller.graphql(RECORD_BILL, {"input": bill(customer)})) == {
        ("input.supplierPartyId", "supplier_party")
    }


def test_the_same_suppliers_invoice_twice_is_a_conflict_naming_the_field(caller: Caller) -> None:
    party = supplier(caller)
    first = recorded(caller, bill(party))
    error = only_error(caller.graphql(RECORD_BILL, {"input": bill(party)}), "CONFLICT")
    assert error["message"].startswith("input.supplierInvoiceNumber: ")
    assert first["number"] in error["message"]


def test_a_retry_with_the_same_idempotency_key_gets_the_same_bill(caller: Caller) -> None:
    request = {"input": bill(supplier(caller))}
    key = {"Idempotency-Key": "bill-retry-1"}
    first = caller.data(RECORD_BILL, request, key)["recordBill"]
    assert caller.data(RECORD_BILL, request, key)["recordBill"] == first


def test_another_tenants_bill_is_not_found(caller: Caller) -> None:
    made = recorded(caller, bill(supplier(caller)))
    stranger = Caller(caller.http, new_tenant())
    error = only_error(stranger.graphql(GET_BILL, {"id": made["id"]}), "NOT_FOUND")
    assert made["id"] in error["message"]
    note = {"billId": made["id"], "kind": "CREDIT", "supplierNoteNumber": "N1", "reason": "price",
            "lines": [{"lineId": made["lines"][0]["id"], "value": 1}]}  # fmt: skip
    only_error(stranger.graphql(RECORD_NOTE, {"input": note}), "NOT_FOUND")
    assert stranger.data(BILLS)["bills"]["totalCount"] == 0


def test_reading_bills_needs_purchase_read(caller: Caller) -> None:
    made = recorded(caller, bill(supplier(caller)))
    reader = Caller(caller.http, caller.tenant_id, "someone", roles=(), permissions=("invoice:read",))
    only_error(reader.graphql(GET_BILL, {"id": made["id"]}), "FORBIDDEN")


def _fiscal_year() -> str:
    received = dhaka_today() - timedelta(days=2)
    start = received.year if received.month >= 7 else received.year - 1
    return f"{start}-{(start + 1) % 100:02d}"
