"""What receipts settle of which invoice, over real HTTP on SQLite and PostgreSQL (issue 14, scenarios
2, 4 and 5): allocations and advances, VDS and AIT withheld and their certificates, what may not
be settled, write-offs within the tenant's tolerance, and what invoices and their balances show."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.e2e.ledger.books import amounts, dhaka_today
from tests.e2e.notes.notes import by_amount, credit, credit_body, debit, line_ids
from tests.e2e.operations import CANCEL, line, steel_rods
from tests.e2e.receivables.receivables import (
    ALLOCATE,
    CERTIFICATE,
    PENDING,
    REVERSE,
    WRITE_OFF,
    allocation,
    balances,
    book_balances,
    change,
    customer_party,
    days_ago,
    draft_invoice,
    entries_of,
    owed,
    owed_invoice,
    receipt_of,
    record,
    record_body,
    settled,
    small_invoice,
    tolerate,
    withheld,
    write_off_entries,
)
from tests.e2e.server import Caller, only_error, violated

# Allocations and advances


def test_one_receipt_settles_several_invoices_in_part_and_in_full(caller: Caller) -> None:
    first, second, third = (owed_invoice(caller, small_invoice(price)) for price in (1000, 2000, 4000))

    receipt = record(
        caller,
        "BANK_TRANSFER",
        5000,
        allocation(first["id"], 1150),
        allocation(second["id"], 1000),
        allocation(third["id"], 2850),
    )

    assert (receipt["allocated"]["decimal"], receipt["unallocated"]["decimal"]) == ("5000.00", "0.00")
    assert settled(caller, first["id"]) == ("1150.00", "0.00", "0.00", "PAID")
    assert settled(caller, second["id"]) == ("1000.00", "0.00", "1300.00", "PARTIALLY_PAID")
    assert settled(caller, third["id"]) == ("2850.00", "0.00", "1750.00", "PARTIALLY_PAID")
    later = record(caller, "CASH", 1300, allocation(second["id"], 1300))
    assert settled(caller, second["id"]) == ("2300.00", "0.00", "0.00", "PAID")
    assert [r["id"] for r in owed(caller, second["id"])["receipts"]] == [receipt["id"], later["id"]]


def test_the_unallocated_rest_is_an_advance_applied_later_to_invoices(caller: Caller) -> None:
    invoice, other = owed_invoice(caller, small_invoice()), owed_invoice(caller, small_invoice(2000))
    receipt = record(caller, "BANK_TRANSFER", 3000, allocation(invoice["id"], 500))
    assert book_balances(caller, "1121", "1210", "2300") == {"1121": "3000.00", "1210": "2950.00", "2300": "2500.00"}

    applied = caller.data(
        ALLOCATE,
        {"receiptId": receipt["id"], "allocations": [allocation(invoice["id"], 650), allocation(other["id"], 1000)]},
    )["allocateAdvance"]

    assert (applied["allocated"]["decimal"], applied["unallocated"]["decimal"], applied["version"]) == (
        "2150.00",
        "850.00",
        2,
    )
    assert [(a["invoiceId"], a["amount"]["decimal"], a["date"]) for a in applied["allocations"]] == [
        (invoice["id"], "500.00", dhaka_today().isoformat()),
        (invoice["id"], "650.00", dhaka_today().isoformat()),
        (other["id"], "1000.00", dhaka_today().isoformat()),
    ]
    assert settled(caller, invoice["id"]) == ("1150.00", "0.00", "0.00", "PAID")
    assert settled(caller, other["id"]) == ("1000.00", "0.00", "1300.00", "PARTIALLY_PAID")
    assert [r["id"] for r in owed(caller, other["id"])["receipts"]] == [receipt["id"]]
    recorded, advanced = entries_of(caller, receipt["id"])
    assert (recorded["kind"], advanced["kind"]) == ("CASH_RECEIPT", "ADJUSTMENT")
    assert amounts(recorded) == [("1121", "3000.00", "0.00"), ("1210", "0.00", "500.00"), ("2300", "0.00", "2500.00")]
    assert amounts(advanced) == [("2300", "1650.00", "0.00"), ("1210", "0.00", "1650.00")]
    assert book_balances(caller, "1121", "1210", "2300") == {"1121": "3000.00", "1210": "1300.00", "2300": "850.00"}


def test_an_advance_applies_no_more_than_is_left_of_it_nor_to_what_is_not_the_customers(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice(10000))
    theirs = owed_invoice(caller, small_invoice(customerId="customer-002"))
    receipt = record(caller, "CASH", 1000)

    too_much = caller.graphql(
        ALLOCATE, {"receiptId": receipt["id"], "allocations": [allocation(invoice["id"], 1000.01)]}
    )
    not_theirs = caller.graphql(ALLOCATE, {"receiptId": receipt["id"], "allocations": [allocation(theirs["id"], 10)]})
    nothing = caller.graphql(ALLOCATE, {"receiptId": receipt["id"], "allocations": []})
    places = caller.graphql(ALLOCATE, {"receiptId": receipt["id"], "allocations": [allocation(invoice["id"], 0.001)]})

    assert violated(too_much) == {("allocations", "more_than_unallocated")}
    assert violated(not_theirs) == {("allocations[0].invoiceId", "other_customer")}
    assert violated(nothing) == {("allocations", "min_items")}
    assert violated(places) == {("allocations[0].amount", "decimal_places")}
    assert receipt_of(caller, receipt["id"])["version"] == 1
    change(caller, REVERSE, receipt["id"], reason="recorded twice")
    reversed_ = caller.graphql(ALLOCATE, {"receiptId": receipt["id"], "allocations": [allocation(invoice["id"], 10)]})
    assert only_error(reversed_, "CONFLICT")


def test_allocations_adding_up_to_more_than_was_received_are_refused(caller: Caller) -> None:
    first, second = owed_invoice(caller, small_invoice()), owed_invoice(caller, small_invoice())

    body = record_body(caller, "CASH", 1000, allocation(first["id"], 600), allocation(second["id"], 400.01))
    twice = record_body(caller, "CASH", 1000, allocation(first["id"], 100), allocation(first["id"], 100))

    assert violated(body) == {("input.allocations", "more_than_received")}
    assert violated(twice) == {("input.allocations[1].invoiceId", "duplicate_invoice")}


# What may not be settled


def test_an_allocation_above_what_an_invoice_owes_is_refused_naming_it(caller: Caller) -> None:
    first, second = owed_invoice(caller, small_invoice()), owed_invoice(caller, small_invoice())
    record(caller, "CASH", 1000, allocation(second["id"], 1000))

    body = record_body(caller, "CASH", 2000, allocation(first["id"], 1150), allocation(second["id"], 150.01))

    assert violated(body) == {("input.allocations[1].amount", "more_than_outstanding")}
    assert "owes 150.00" in only_error(body, "BAD_USER_INPUT")["message"]
    assert settled(caller, first["id"]) == ("0.00", "0.00", "1150.00", "UNPAID")
    assert record(caller, "CASH", 150, allocation(second["id"], 150))["allocated"]["decimal"] == "150.00"


def test_after_a_credit_note_an_invoice_owes_its_adjusted_total_and_no_more_may_be_allocated(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())
    credit(caller, invoice["id"], by_amount(line_ids(invoice)[0], 200))

    above = record_body(caller, "CASH", 1150, allocation(invoice["id"], 920.01))
    paid = record(caller, "CASH", 920, allocation(invoice["id"], 920))

    assert violated(above) == {("input.allocations[0].amount", "more_than_outstanding")}
    assert paid["allocated"]["decimal"] == "920.00"
    assert settled(caller, invoice["id"]) == ("920.00", "0.00", "0.00", "PAID")
    [balance] = balances(caller)["edges"]
    assert balance["node"]["adjustedTotal"]["decimal"] == "920.00"


def test_a_debit_note_on_a_paid_invoice_leaves_it_owing_the_increase(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())
    record(caller, "CASH", 1150, allocation(invoice["id"], 1150))

    debit(caller, invoice["id"], by_amount(line_ids(invoice)[0], 100))

    assert settled(caller, invoice["id"]) == ("1150.00", "0.00", "115.00", "PARTIALLY_PAID")
    assert violated(record_body(caller, "CASH", 115.01, allocation(invoice["id"], 115.01))) == {
        ("input.allocations[0].amount", "more_than_outstanding")
    }
    record(caller, "CASH", 115, allocation(invoice["id"], 115))
    assert settled(caller, invoice["id"]) == ("1265.00", "0.00", "0.00", "PAID")


def test_an_allocation_and_a_withholding_together_may_not_settle_more_than_is_owed(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())

    body = record_body(
        caller, "CASH", 1100, allocation(invoice["id"], 1100), withheld=[withheld(invoice["id"], "AIT", 50.01)]
    )

    assert violated(body) == {("input.withheld[0].amount", "more_than_outstanding")}


def test_vds_above_the_invoices_vat_is_refused_and_after_a_credit_note_above_what_is_left_of_it(
    caller: Caller,
) -> None:
    invoice = owed_invoice(caller, small_invoice())

    above = record_body(
        caller, "CASH", 500, allocation(invoice["id"], 500), withheld=[withheld(invoice["id"], "VDS", 150.01)]
    )
    # 100 Taka of value and 15 of VAT credited: 1,035.00 owed, of it 135.00 VAT.
    credit(caller, invoice["id"], by_amount(line_ids(invoice)[0], 100))
    after_note = record_body(
        caller, "CASH", 500, allocation(invoice["id"], 500), withheld=[withheld(invoice["id"], "VDS", 135.01)]
    )
    first = record(caller, "CASH", 800, allocation(invoice["id"], 800), withheld=[withheld(invoice["id"], "VDS", 100)])
    second = record_body(caller, "CASH", 0.01, withheld=[withheld(invoice["id"], "VDS", 35.01)])

    assert (
        violated(above) == violated(after_note) == violated(second) == {("input.withheld[0].amount", "vds_above_vat")}
    )
    assert first["withheld"][0]["amount"]["decimal"] == "100.00"
    assert settled(caller, invoice["id"]) == ("800.00", "100.00", "135.00", "PARTIALLY_PAID")


def test_vds_on_a_zero_rated_invoice_is_refused_and_ait_is_not(caller: Caller) -> None:
    export = owed_invoice(caller, steel_rods(lineItems=[line(quantity=1, unitPrice=1000, vatCategory="ZERO_RATED")]))

    vds = record_body(
        caller, "BANK_TRANSFER", 900, allocation(export["id"], 900), withheld=[withheld(export["id"], "VDS", 0.01)]
    )
    ait = record(
        caller, "BANK_TRANSFER", 950, allocation(export["id"], 950), withheld=[withheld(export["id"], "AIT", 50)]
    )

    assert violated(vds) == {("input.withheld[0].amount", "vds_above_vat")}
    assert ait["withheld"][0]["kind"] == "AIT"
    assert settled(caller, export["id"]) == ("950.00", "50.00", "0.00", "PAID")


def test_another_customers_a_draft_a_cancelled_and_another_tenants_invoice_cannot_be_settled(caller: Caller) -> None:
    theirs = owed_invoice(caller, small_invoice(customerId="customer-002"))
    draft = draft_invoice(caller, small_invoice())
    cancelled = owed_invoice(caller, small_invoice())
    caller.checker().data(CANCEL, {"id": cancelled["id"], "reason": "wrong buyer"})
    other_tenant = owed_invoice(Caller(caller.http, f"{caller.tenant_id}-b"), small_invoice())

    body = record_body(
        caller,
        "BANK_TRANSFER",
        40,
        *(allocation(invoice["id"], 10) for invoice in (theirs, draft, cancelled, other_tenant)),
    )
    withholding = record_body(caller, "BANK_TRANSFER", 1, withheld=[withheld(draft["id"], "VDS", 1)])

    assert violated(body) == {
        ("input.allocations[0].invoiceId", "other_customer"),
        ("input.allocations[1].invoiceId", "invoice"),
        ("input.allocations[2].invoiceId", "cancelled_invoice"),
        ("input.allocations[3].invoiceId", "invoice"),
    }
    assert violated(withholding) == {("input.withheld[0].invoiceId", "invoice")}


def test_a_receipt_from_a_party_settles_only_the_partys_invoices(caller: Caller) -> None:
    party_id = customer_party(caller)
    by_code = owed_invoice(caller, small_invoice(customerId="customer-001"))

    body = record_body(caller, "CASH", 100, allocation(by_code["id"], 100), customerId=None, customerPartyId=party_id)

    assert violated(body) == {("input.allocations[0].invoiceId", "other_customer")}


def test_a_receipt_names_its_customer_without_the_spaces_around_it(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())

    receipt = record(caller, "CASH", 100, allocation(invoice["id"], 100), customerId="  customer-001 ")

    assert receipt["customerId"] == "customer-001"
    assert settled(caller, invoice["id"])[0] == "100.00"


def test_a_deactivated_party_may_not_pay(caller: Caller) -> None:
    party_id = customer_party(caller)
    caller.data("mutation($id: ID!) { deactivateParty(id: $id) { id } }", {"id": party_id})

    body = record_body(caller, "CASH", 100, customerId=None, customerPartyId=party_id)

    assert violated(body) == {("input.customerPartyId", "customer_party")}


# What an invoice's own changes may not do


def test_a_credit_note_larger_than_what_is_left_after_payment_is_refused(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())
    [rods] = line_ids(invoice)
    record(caller, "CASH", 1000, allocation(invoice["id"], 1000))

    refused = credit_body(caller, invoice["id"], by_amount(rods, 130.44))
    within = credit(caller, invoice["id"], by_amount(rods, 130.43))

    assert "reverse a receipt first" in only_error(refused, "CONFLICT")["message"]
    assert within["total"]["decimal"] == "149.99"
    assert settled(caller, invoice["id"]) == ("1000.00", "0.00", "0.01", "PARTIALLY_PAID")


def test_a_credit_note_may_not_leave_an_invoice_with_less_vat_than_its_customer_withheld(caller: Caller) -> None:
    # VDS withheld on an invoice never exceeds its VAT (issue 14, scenario 2), after its notes too.
    invoice = owed_invoice(caller, small_invoice())
    record(caller, "CASH", 100, allocation(invoice["id"], 100), withheld=[withheld(invoice["id"], "VDS", 150)])

    refused = credit_body(caller, invoice["id"], by_amount(line_ids(invoice)[0], 500))

    assert only_error(refused, "CONFLICT")
    assert settled(caller, invoice["id"]) == ("100.00", "150.00", "900.00", "PARTIALLY_PAID")


def test_a_paid_invoice_may_not_be_cancelled_and_an_unpaid_one_then_owes_nothing(caller: Caller) -> None:
    paid, unpaid = owed_invoice(caller, small_invoice()), owed_invoice(caller, small_invoice())
    record(caller, "CASH", 1, allocation(paid["id"], 1))

    refused = caller.checker().graphql(CANCEL, {"id": paid["id"], "reason": "wrong buyer"})
    caller.checker().data(CANCEL, {"id": unpaid["id"], "reason": "wrong buyer"})

    assert "reverse those receipts" in only_error(refused, "CONFLICT")["message"]
    assert owed(caller, paid["id"])["status"] == "APPROVED"
    assert settled(caller, unpaid["id"]) == ("0.00", "0.00", "0.00", None)
    assert [edge["node"]["invoiceId"] for edge in balances(caller)["edges"]] == [paid["id"]]


# Withholdings and their certificates


def test_vds_and_ait_withheld_settle_the_invoice_and_certificates_arrive_later(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice(10000))
    receipt = record(
        caller,
        "BANK_TRANSFER",
        9750,
        allocation(invoice["id"], 9750),
        withheld=[
            withheld(invoice["id"], "VDS", 1500),
            withheld(
                invoice["id"], "AIT", 250, certificateNumber="TDS-2026-0042", certificateDate=days_ago(1).isoformat()
            ),
        ],
        date=days_ago(12).isoformat(),
    )
    vds, ait = receipt["withheld"]

    assert (vds["kind"], vds["certificatePending"], vds["certificateNumber"]) == ("VDS", True, None)
    assert (ait["kind"], ait["certificatePending"], ait["certificateNumber"], ait["certificateDate"]) == (
        "AIT",
        False,
        "TDS-2026-0042",
        days_ago(1).isoformat(),
    )
    assert settled(caller, invoice["id"]) == ("9750.00", "1750.00", "0.00", "PAID")
    pending = caller.data(PENDING, {})["pendingCertificates"]
    assert pending["totalCount"] == 1
    [edge] = pending["edges"]
    assert edge["node"] == {
        "withholding": vds,
        "receiptId": receipt["id"],
        "receiptNumber": receipt["number"],
        "receiptDate": days_ago(12).isoformat(),
        "customerId": "customer-001",
        "ageDays": 12,
    }

    completed = caller.data(
        CERTIFICATE, {"withholdingId": vds["id"], "certificateNumber": "M66-000917", "date": days_ago(2).isoformat()}
    )["recordWithholdingCertificate"]

    assert completed["withheld"][0] == {
        **vds,
        "certificateNumber": "M66-000917",
        "certificateDate": days_ago(2).isoformat(),
        "certificatePending": False,
    }
    assert completed["version"] == 2
    assert caller.data(PENDING, {})["pendingCertificates"] == {
        "totalCount": 0,
        "pageInfo": {"hasNextPage": False, "endCursor": None},
        "edges": [],
    }
    again = caller.graphql(
        CERTIFICATE, {"withholdingId": vds["id"], "certificateNumber": "M66-1", "date": days_ago(1).isoformat()}
    )
    assert "M66-000917" in only_error(again, "CONFLICT")["message"]
    [entry] = entries_of(caller, receipt["id"])
    assert amounts(entry) == [
        ("1121", "9750.00", "0.00"),
        ("1220", "1500.00", "0.00"),
        ("1230", "250.00", "0.00"),
        ("1210", "0.00", "11500.00"),
    ]


def test_pending_certificates_page_oldest_receipt_first_with_their_age(caller: Caller) -> None:
    # Recorded in another order than their dates: what to chase first is the oldest, whose window closes first.
    invoices = [owed_invoice(caller, small_invoice()) for _ in range(3)]
    for age, invoice in zip((5, 40, 20), invoices, strict=True):
        record(
            caller,
            "CASH",
            1000,
            allocation(invoice["id"], 1000),
            withheld=[withheld(invoice["id"], "VDS", 150)],
            date=days_ago(age).isoformat(),
        )

    first = caller.data(PENDING, {"first": 2})["pendingCertificates"]
    rest = caller.data(PENDING, {"first": 2, "after": first["pageInfo"]["endCursor"]})["pendingCertificates"]

    assert (first["totalCount"], first["pageInfo"]["hasNextPage"], rest["pageInfo"]["hasNextPage"]) == (3, True, False)
    assert [edge["node"]["ageDays"] for edge in first["edges"] + rest["edges"]] == [40, 20, 5]


@pytest.mark.parametrize(
    ("withholding_id", "code"),
    [
        pytest.param("{receipt}:9", "NOT_FOUND", id="no-such-withholding-of-the-receipt"),
        pytest.param("no-such-receipt:1", "NOT_FOUND", id="no-such-receipt"),
        pytest.param("plain", "NOT_FOUND", id="no-colon"),
        pytest.param(":1", "NOT_FOUND", id="empty-receipt"),
    ],
)
def test_a_certificate_for_a_withholding_that_is_not_there_is_not_found(
    caller: Caller, withholding_id: str, code: str
) -> None:
    invoice = owed_invoice(caller, small_invoice())
    receipt = record(
        caller, "CASH", 1000, allocation(invoice["id"], 1000), withheld=[withheld(invoice["id"], "VDS", 150)]
    )

    body = caller.graphql(
        CERTIFICATE,
        {
            "withholdingId": withholding_id.format(receipt=receipt["id"]),
            "certificateNumber": "M66-1",
            "date": days_ago(0).isoformat(),
        },
    )

    assert only_error(body, code)


def test_a_certificate_needs_its_number_and_a_date_not_after_today(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())
    receipt = record(
        caller, "CASH", 1000, allocation(invoice["id"], 1000), withheld=[withheld(invoice["id"], "VDS", 150)]
    )
    [vds] = receipt["withheld"]
    tomorrow = (dhaka_today() + timedelta(days=1)).isoformat()

    blank = caller.graphql(
        CERTIFICATE, {"withholdingId": vds["id"], "certificateNumber": "  ", "date": days_ago(0).isoformat()}
    )
    nul = caller.graphql(
        CERTIFICATE, {"withholdingId": vds["id"], "certificateNumber": "M66\x00", "date": days_ago(0).isoformat()}
    )
    future = caller.graphql(CERTIFICATE, {"withholdingId": vds["id"], "certificateNumber": "M66-1", "date": tomorrow})
    half = record_body(caller, "CASH", 1, withheld=[withheld(invoice["id"], "AIT", 1, certificateNumber="TDS-1")])

    assert violated(blank) == {("certificateNumber", "required")}
    assert {field for field, _ in violated(nul)} == {"certificateNumber"}
    assert violated(future) == {("certificateDate", "not_in_future")}
    assert violated(half) == {("input.withheld[0].certificateDate", "certificate")}


# Write-offs


def test_a_remainder_is_written_off_only_within_the_tenants_tolerance(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())
    record(caller, "BANK_TRANSFER", 1149.5, allocation(invoice["id"], 1149.5))

    refused = caller.graphql(WRITE_OFF, {"invoiceId": invoice["id"], "reason": "bank charges"})
    tolerate(caller, 0.49)
    still = caller.graphql(WRITE_OFF, {"invoiceId": invoice["id"], "reason": "bank charges"})
    tolerate(caller, 0.50)
    written = caller.data(WRITE_OFF, {"invoiceId": invoice["id"], "reason": "bank charges"})["writeOffBalance"]

    assert violated(refused) == violated(still) == {("invoiceId", "above_tolerance")}
    assert "tolerance of 0.00" in only_error(refused, "BAD_USER_INPUT")["message"]
    assert (written["writtenOff"]["decimal"], written["outstanding"]["decimal"], written["paymentStatus"]) == (
        "0.50",
        "0.00",
        "WRITTEN_OFF",
    )
    assert owed(caller, invoice["id"])["paymentStatus"] == "WRITTEN_OFF"
    [entry] = write_off_entries(caller)
    assert (entry["kind"], entry["status"]) == ("ADJUSTMENT", "POSTED")
    assert amounts(entry) == [("5800", "0.50", "0.00"), ("1210", "0.00", "0.50")]
    assert entry["lines"][1]["partyId"] == "customer-001"
    assert "bank charges" in entry["narration"]
    assert book_balances(caller, "1210", "5800") == {"1210": "0.00", "5800": "0.50"}
    again = caller.graphql(WRITE_OFF, {"invoiceId": invoice["id"], "reason": "bank charges"})
    assert violated(again) == {("invoiceId", "nothing_owed")}
    statuses = balances(caller, filter={"paymentStatus": ["WRITTEN_OFF"]})
    assert [edge["node"]["invoiceId"] for edge in statuses["edges"]] == [invoice["id"]]


@pytest.mark.parametrize(
    ("invoice_id", "reason", "code"),
    [
        pytest.param("no-such-invoice", "rounding", "NOT_FOUND", id="unknown"),
        pytest.param("x" * 10_000, "rounding", "NOT_FOUND", id="long-id"),
        pytest.param("i\x00", "rounding", "NOT_FOUND", id="nul-id"),
        pytest.param("{draft}", "rounding", "NOT_FOUND", id="draft"),
        pytest.param("{cancelled}", "rounding", "NOT_FOUND", id="cancelled"),
        pytest.param("{issued}", " ", "BAD_USER_INPUT", id="blank-reason"),
        pytest.param("{issued}", "r" * 10_000, "BAD_USER_INPUT", id="long-reason"),
        pytest.param("{issued}", "r\x00", "BAD_USER_INPUT", id="nul-reason"),
    ],
)
def test_a_write_off_of_no_issued_invoice_or_without_a_fit_reason_is_refused(
    caller: Caller, invoice_id: str, reason: str, code: str
) -> None:
    tolerate(caller, 1000)
    cancelled = owed_invoice(caller, small_invoice(100))
    caller.checker().data(CANCEL, {"id": cancelled["id"], "reason": "wrong buyer"})
    ids = {
        "draft": draft_invoice(caller, small_invoice())["id"],
        "issued": owed_invoice(caller, small_invoice(100))["id"],
        "cancelled": cancelled["id"],
    }

    body = caller.graphql(WRITE_OFF, {"invoiceId": invoice_id.format(**ids), "reason": reason})

    error = only_error(body, code)
    if code == "BAD_USER_INPUT":
        assert {v["field"] for v in error["extensions"]["violations"]} == {"reason"}
    assert write_off_entries(caller) == []


# What invoices show


INVOICES_OWING = """query($first: Int) { invoices(first: $first) { edges { node {
  id amountPaid { decimal } amountWithheld { decimal } outstanding { decimal } paymentStatus daysOverdue
  receipts { id } } } } }"""


def test_a_list_of_invoices_shows_what_each_owes_and_how_overdue_it_is(caller: Caller) -> None:
    overdue = owed_invoice(caller, small_invoice(dueDate=days_ago(10).isoformat()))
    paid = owed_invoice(caller, small_invoice(dueDate=days_ago(30).isoformat()))
    not_due = owed_invoice(caller, small_invoice(dueDate=(dhaka_today() + timedelta(days=5)).isoformat()))
    draft = draft_invoice(caller, small_invoice(dueDate=days_ago(10).isoformat()))
    receipt = record(
        caller,
        "CASH",
        1500,
        allocation(overdue["id"], 300),
        allocation(paid["id"], 1150),
        withheld=[withheld(overdue["id"], "AIT", 50)],
    )

    listed = {
        edge["node"]["id"]: edge["node"] for edge in caller.data(INVOICES_OWING, {"first": 10})["invoices"]["edges"]
    }

    def shown(invoice_id: str) -> tuple[str, str, str, str | None, int, list[str]]:
        node = listed[invoice_id]
        paid_, held, left = (node[key]["decimal"] for key in ("amountPaid", "amountWithheld", "outstanding"))
        return paid_, held, left, node["paymentStatus"], node["daysOverdue"], [r["id"] for r in node["receipts"]]

    assert shown(overdue["id"]) == ("300.00", "50.00", "800.00", "PARTIALLY_PAID", 10, [receipt["id"]])
    assert shown(paid["id"]) == ("1150.00", "0.00", "0.00", "PAID", 0, [receipt["id"]])
    assert shown(not_due["id"]) == ("0.00", "0.00", "1150.00", "UNPAID", 0, [])
    assert shown(draft["id"]) == ("0.00", "0.00", "0.00", None, 0, [])


def test_the_invoice_list_filters_by_payment_status_and_overdue(caller: Caller) -> None:
    # Issue 14, scenario 4: "the filter gains paymentStatus and overdue: Boolean".
    unpaid = owed_invoice(caller, small_invoice(dueDate=days_ago(3).isoformat()))
    paid = owed_invoice(caller, small_invoice(dueDate=days_ago(3).isoformat()))
    record(caller, "CASH", 1150, allocation(paid["id"], 1150))
    query = "query($filter: InvoiceFilter) { invoices(filter: $filter) { edges { node { id } } } }"

    def ids(**filter_: Any) -> list[str]:
        return [edge["node"]["id"] for edge in caller.data(query, {"filter": filter_})["invoices"]["edges"]]

    assert ids(paymentStatus=["PAID"]) == [paid["id"]]
    assert ids(overdue=True) == [unpaid["id"]]


def test_invoice_balances_filter_by_payment_status_and_overdue_and_page(caller: Caller) -> None:
    unpaid = owed_invoice(caller, small_invoice(dueDate=days_ago(3).isoformat()))
    partly = owed_invoice(caller, small_invoice(dueDate=(dhaka_today() + timedelta(days=3)).isoformat()))
    paid = owed_invoice(caller, small_invoice(dueDate=days_ago(3).isoformat()))
    other = owed_invoice(caller, small_invoice(customerId="customer-002", dueDate=dhaka_today().isoformat()))
    record(caller, "CASH", 1250, allocation(partly["id"], 100), allocation(paid["id"], 1150))

    def ids(**filter_: Any) -> list[str]:
        return [edge["node"]["invoiceId"] for edge in balances(caller, first=50, filter=filter_)["edges"]]

    assert ids() == [other["id"], paid["id"], partly["id"], unpaid["id"]]
    assert ids(paymentStatus=["UNPAID"]) == [other["id"], unpaid["id"]]
    assert ids(paymentStatus=["PARTIALLY_PAID", "PAID"]) == [paid["id"], partly["id"]]
    assert ids(overdue=True) == [unpaid["id"]]
    assert ids(customerId="customer-002") == [other["id"]]
    assert ids(customerId="customer-001", paymentStatus=["UNPAID"]) == [unpaid["id"]]
    page = balances(caller, first=3, filter={})
    rest = balances(caller, first=3, after=page["pageInfo"]["endCursor"])
    assert (page["totalCount"], page["pageInfo"]["hasNextPage"], rest["pageInfo"]["hasNextPage"]) == (4, True, False)
    assert [edge["node"]["invoiceId"] for edge in page["edges"] + rest["edges"]] == ids()
    counted = balances(caller, filter={"paymentStatus": ["UNPAID"], "customerId": "customer-001"})
    assert counted["totalCount"] == 1
    [node] = [edge["node"] for edge in balances(caller, filter={"overdue": True})["edges"]]
    assert (node["daysOverdue"], node["outstanding"]["decimal"], node["mushakNumber"]) == (
        3,
        "1150.00",
        unpaid["mushakNumber"],
    )
