"""Recording receipts over real HTTP, on SQLite and PostgreSQL (issue 14, scenarios 1 and 9): every
method, the customer by id or by party, gapless numbers, wallets, the cash rule, who may record,
and input nobody announced."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.e2e.ledger.books import CLOSE_PERIOD, amounts, as_user, dhaka_today, fiscal_year_of, period_of
from tests.e2e.receivables.receivables import (
    ALLOCATE,
    BOUNCE,
    CERTIFICATE,
    CUSTOMER,
    DEPOSIT,
    GET_RECEIPT,
    PENDING,
    RECEIPTS,
    REVERSE,
    WRITE_OFF,
    allocation,
    balances,
    book_balances,
    cheque,
    customer_party,
    days_ago,
    entries_of,
    owed_invoice,
    receipt_input,
    receipt_of,
    record,
    record_body,
    settled,
    small_invoice,
    wallet,
    withheld,
)
from tests.e2e.server import Caller, only_error, violated

FY = fiscal_year_of(dhaka_today())
TODAY = dhaka_today().isoformat()


# Every method


@pytest.mark.parametrize(
    ("method", "details", "account"),
    [
        pytest.param("BANK_TRANSFER", {"reference": "EFT-2026-1201"}, "1121", id="bank-transfer"),
        pytest.param("CARD", {"reference": "POS 4411"}, "1121", id="card"),
        pytest.param("CASH", {}, "1110", id="cash"),
    ],
)
def test_a_receipt_by_each_plain_method_settles_its_invoice_and_posts_to_the_methods_account(
    caller: Caller, method: str, details: dict[str, Any], account: str
) -> None:
    invoice = owed_invoice(caller, small_invoice())

    receipt = record(caller, method, 1150, allocation(invoice["id"], 1150), **details)

    assert (receipt["number"], receipt["status"], receipt["method"]) == (f"RCT/{FY}/000001", "COMPLETED", method)
    assert (receipt["amount"]["decimal"], receipt["allocated"]["decimal"], receipt["unallocated"]["decimal"]) == (
        "1150.00",
        "1150.00",
        "0.00",
    )
    assert (receipt["customerId"], receipt["date"], receipt["cheque"], receipt["wallet"]) == (
        CUSTOMER,
        dhaka_today().isoformat(),
        None,
        None,
    )
    assert receipt["reference"] == details.get("reference")
    assert receipt["allocations"] == [
        {
            "invoiceId": invoice["id"],
            "invoice": {"id": invoice["id"]},
            "amount": receipt["amount"],
            "date": dhaka_today().isoformat(),
        }
    ]
    assert (receipt["warnings"], receipt["recordedBy"], receipt["version"]) == ([], caller.user_id, 1)
    assert receipt_of(caller, receipt["id"]) == receipt
    assert settled(caller, invoice["id"]) == ("1150.00", "0.00", "0.00", "PAID")
    [entry] = entries_of(caller, receipt["id"])
    assert (entry["kind"], entry["status"], entry["number"]) == ("CASH_RECEIPT", "POSTED", f"CR/{FY}/000001")
    assert amounts(entry) == [(account, "1150.00", "0.00"), ("1210", "0.00", "1150.00")]
    assert entry["source"] == {
        "documentType": "RECEIPT",
        "documentId": receipt["id"],
        "documentNumber": receipt["number"],
    }


def test_a_receipt_by_cheque_keeps_the_cheque_and_is_received(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())
    given = cheque("004711", dhaka_today())

    receipt = record(caller, "CHEQUE", 1150, allocation(invoice["id"], 1150), cheque=given)

    assert (receipt["status"], receipt["cheque"], receipt["wallet"]) == ("RECEIVED", given, None)
    assert settled(caller, invoice["id"]) == ("1150.00", "0.00", "0.00", "PAID")
    assert book_balances(caller, "1121", "1210") == {"1121": "1150.00", "1210": "0.00"}


@pytest.mark.parametrize(
    ("provider", "account"),
    [("BKASH", "1131"), ("NAGAD", "1132"), ("ROCKET", "1133"), ("UPAY", "1134")],
)
@pytest.mark.parametrize("msisdn", ["01712345678", "8801712345678", "+8801712345678"])
def test_a_receipt_by_each_wallet_takes_every_spelling_of_a_mobile_number(
    caller: Caller, provider: str, account: str, msisdn: str
) -> None:
    invoice = owed_invoice(caller, small_invoice())

    receipt = record(
        caller, "MOBILE_WALLET", 1150, allocation(invoice["id"], 1150), wallet=wallet(provider, msisdn, "TXN1")
    )

    assert receipt["status"] == "COMPLETED"
    assert receipt["wallet"] == {"provider": provider, "msisdn": "+8801712345678", "transactionId": "TXN1"}
    [entry] = entries_of(caller, receipt["id"])
    assert amounts(entry) == [(account, "1150.00", "0.00"), ("1210", "0.00", "1150.00")]


@pytest.mark.parametrize("msisdn", ["", "0171234567", "01212345678", "+8811712345678", "017123456789", "০১৭১২৩৪৫৬৭৮"])
def test_a_wallet_number_that_is_no_bangladeshi_mobile_is_refused(caller: Caller, msisdn: str) -> None:
    body = record_body(caller, "MOBILE_WALLET", 100, wallet=wallet(msisdn=msisdn))

    assert violated(body) == {("input.wallet.msisdn", "msisdn_format")}


def test_a_wallet_transaction_is_received_once_per_provider_in_any_case(caller: Caller) -> None:
    first = record(caller, "MOBILE_WALLET", 500, wallet=wallet("BKASH", transaction_id="9B2XK7QW"))

    again = record_body(caller, "MOBILE_WALLET", 500, wallet=wallet("BKASH", transaction_id="9B2XK7QW"))
    lower = record_body(caller, "MOBILE_WALLET", 500, wallet=wallet("BKASH", transaction_id="9b2xk7qw"))
    spaced = record_body(caller, "MOBILE_WALLET", 500, wallet=wallet("BKASH", transaction_id=" 9B2XK7QW "))
    at_nagad = record(caller, "MOBILE_WALLET", 500, wallet=wallet("NAGAD", transaction_id="9B2XK7QW"))

    for refused in (again, lower, spaced):
        assert violated(refused) == {("input.wallet.transactionId", "duplicate_transaction")}
    # The refused three took no number: the receipt at Nagad has the next one.
    assert (first["number"], at_nagad["number"]) == (f"RCT/{FY}/000001", f"RCT/{FY}/000002")
    assert book_balances(caller, "1131", "1132", "2300") == {"1131": "500.00", "1132": "500.00", "2300": "1000.00"}
    other = Caller(caller.http, f"{caller.tenant_id}-other")
    assert record(other, "MOBILE_WALLET", 500, wallet=wallet("BKASH", transaction_id="9B2XK7QW"))["number"] == (
        f"RCT/{FY}/000001"
    )


@pytest.mark.parametrize(
    ("method", "details", "field", "rule"),
    [
        pytest.param("CHEQUE", {"cheque": None}, "input.cheque", "required", id="cheque-without-details"),
        pytest.param("MOBILE_WALLET", {"wallet": None}, "input.wallet", "required", id="wallet-without-details"),
        pytest.param("CASH", {"cheque": cheque()}, "input.cheque", "cheque_only", id="cash-with-a-cheque"),
        pytest.param("CARD", {"wallet": wallet()}, "input.wallet", "wallet_only", id="card-with-a-wallet"),
        pytest.param("CHEQUE", {"cheque": {**cheque(), "number": " "}}, "input.cheque.number", "required", id="blank"),
    ],
)
def test_the_details_of_a_method_are_required_for_it_and_refused_for_another(
    caller: Caller, method: str, details: dict[str, Any], field: str, rule: str
) -> None:
    body = record_body(caller, method, 100, **details)

    assert violated(body) == {(field, rule)}


# The customer


def test_a_receipt_from_a_registered_party_settles_the_partys_invoices(caller: Caller) -> None:
    party_id = customer_party(caller)
    invoice = owed_invoice(caller, small_invoice(customerId=None, customerPartyId=party_id))

    receipt = record(
        caller, "BANK_TRANSFER", 2000, allocation(invoice["id"], 1150), customerId=None, customerPartyId=party_id
    )

    assert (receipt["customerId"], receipt["customerPartyId"]) == ("C-KARIM", party_id)
    assert (receipt["allocated"]["decimal"], receipt["unallocated"]["decimal"]) == ("1150.00", "850.00")
    assert settled(caller, invoice["id"]) == ("1150.00", "0.00", "0.00", "PAID")
    [entry] = entries_of(caller, receipt["id"])
    assert [line["partyId"] for line in entry["lines"]] == [None, party_id, party_id]
    assert amounts(entry) == [("1121", "2000.00", "0.00"), ("1210", "0.00", "1150.00"), ("2300", "0.00", "850.00")]


def test_a_receipt_needs_a_customer_that_is_a_registered_active_customer_when_named_by_party(caller: Caller) -> None:
    supplier = caller.data(
        "mutation($input: CreatePartyInput!) { createParty(input: $input) { id } }",
        {"input": {"code": "S-1", "kind": ["SUPPLIER"], "legalName": "Supplier Ltd"}},
    )["createParty"]["id"]

    nobody = record_body(caller, "CASH", 100, customerId=None)
    unknown = record_body(caller, "CASH", 100, customerId=None, customerPartyId="no-such-party")
    not_a_customer = record_body(caller, "CASH", 100, customerId=None, customerPartyId=supplier)

    assert violated(nobody) == {("input.customerId", "required")}
    assert violated(unknown) == violated(not_a_customer) == {("input.customerPartyId", "customer_party")}


def test_the_money_goes_to_the_deposit_account_given_when_it_is_an_asset_one_can_post_to(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())

    refused = {
        code: record_body(caller, "BANK_TRANSFER", 1150, allocation(invoice["id"], 1150), depositAccountCode=code)
        for code in ("4100", "9999", "1120")
    }
    receipt = record(caller, "BANK_TRANSFER", 1150, allocation(invoice["id"], 1150), depositAccountCode="1132")

    assert {code: violated(body) for code, body in refused.items()} == {
        "4100": {("input.depositAccountCode", "asset_account")},
        "9999": {("input.depositAccountCode", "account")},
        "1120": {("input.depositAccountCode", "leaf_account")},
    }
    assert (receipt["number"], receipt["depositAccountCode"]) == (f"RCT/{FY}/000001", "1132")
    [entry] = entries_of(caller, receipt["id"])
    assert amounts(entry) == [("1132", "1150.00", "0.00"), ("1210", "0.00", "1150.00")]


# Numbers


def test_receipts_are_numbered_gaplessly_and_a_refused_receipt_takes_no_number(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())
    first = record(caller, "CASH", 100, allocation(invoice["id"], 100))

    refused = record_body(caller, "CASH", 2000, allocation(invoice["id"], 2000))
    second = record(caller, "BANK_TRANSFER", 100, allocation(invoice["id"], 100))
    third = record(caller, "CASH", 50)

    assert violated(refused) == {("input.allocations[0].amount", "more_than_outstanding")}
    assert [r["number"] for r in (first, second, third)] == [f"RCT/{FY}/00000{n}" for n in (1, 2, 3)]
    listed = caller.data(RECEIPTS, {"first": 2})["receipts"]
    assert listed["totalCount"] == 3
    assert [edge["node"]["id"] for edge in listed["edges"]] == [third["id"], second["id"]]
    rest = caller.data(RECEIPTS, {"first": 2, "after": listed["pageInfo"]["endCursor"]})["receipts"]
    assert ([edge["node"]["id"] for edge in rest["edges"]], rest["pageInfo"]["hasNextPage"]) == ([first["id"]], False)
    by_invoice = caller.data(RECEIPTS, {"filter": {"invoiceId": invoice["id"]}})["receipts"]
    assert {edge["node"]["id"] for edge in by_invoice["edges"]} == {first["id"], second["id"]}


def test_a_receipt_dated_in_the_last_fiscal_year_is_numbered_in_that_year(caller: Caller) -> None:
    last_day = date(int(FY[:4]), 6, 30)

    earlier = record(caller, "CASH", 100, date=last_day.isoformat())
    now = record(caller, "CASH", 100)

    assert (earlier["number"], earlier["date"]) == (f"RCT/{fiscal_year_of(last_day)}/000001", last_day.isoformat())
    assert now["number"] == f"RCT/{FY}/000001"


def test_a_receipt_dated_in_a_closed_period_is_refused_and_takes_no_number(caller: Caller) -> None:
    last_month = days_ago(40)
    caller.data(CLOSE_PERIOD, {"period": period_of(last_month)})

    refused = record_body(caller, "CASH", 100, date=last_month.isoformat())
    today = record(caller, "CASH", 100)

    assert "closed" in only_error(refused, "CONFLICT")["message"]
    assert today["number"] == f"RCT/{FY}/000001"
    assert caller.data(RECEIPTS, {})["receipts"]["totalCount"] == 1


def test_receipts_filter_by_customer_party_invoice_and_dates_and_count_what_they_find(caller: Caller) -> None:
    party_id = customer_party(caller)
    invoice = owed_invoice(caller, small_invoice())
    old = record(caller, "CASH", 100, allocation(invoice["id"], 100), date=days_ago(10).isoformat())
    new = record(caller, "CASH", 100)
    theirs = record(caller, "CASH", 100, customerId=None, customerPartyId=party_id)

    def found(**filter_: Any) -> tuple[int, list[str]]:
        listed = caller.data(RECEIPTS, {"filter": filter_})["receipts"]
        return listed["totalCount"], [edge["node"]["id"] for edge in listed["edges"]]

    assert found() == (3, [theirs["id"], new["id"], old["id"]])
    assert found(customerId=CUSTOMER) == (2, [new["id"], old["id"]])
    assert found(customerPartyId=party_id) == (1, [theirs["id"]])
    assert found(invoiceId=invoice["id"]) == (1, [old["id"]])
    assert found(to=days_ago(1).isoformat()) == (1, [old["id"]])
    assert found(**{"from": dhaka_today().isoformat(), "customerId": CUSTOMER}) == (1, [new["id"]])


def test_a_receipt_dated_after_today_is_refused(caller: Caller) -> None:
    tomorrow = (dhaka_today() + timedelta(days=1)).isoformat()

    assert violated(record_body(caller, "CASH", 100, date=tomorrow)) == {("input.date", "not_in_future")}


# The cash rule


def test_cash_above_one_lakh_is_accepted_with_a_warning_and_exactly_one_lakh_without(caller: Caller) -> None:
    invoice = owed_invoice(caller)

    at_the_limit = record(caller, "CASH", 100000, allocation(invoice["id"], 100000))
    above = record(caller, "CASH", 100000.01, allocation(invoice["id"], 100000.01))
    by_bank = record(caller, "BANK_TRANSFER", 200000, allocation(invoice["id"], 200000))

    assert at_the_limit["warnings"] == by_bank["warnings"] == []
    [warning] = above["warnings"]
    assert "100,000" in warning
    assert "s.46(1)(ka)" in warning
    assert receipt_of(caller, above["id"])["warnings"] == above["warnings"]
    assert settled(caller, invoice["id"]) == ("400000.01", "0.00", "174999.99", "PARTIALLY_PAID")


# Who may record


def test_a_viewer_reads_receipts_but_may_not_record_one_and_a_clerk_may(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())
    viewer, clerk = as_user(caller, "viewer-1", "viewer"), as_user(caller, "clerk-1", "clerk")

    refused = viewer.graphql(
        "mutation($input: RecordReceiptInput!) { recordReceipt(input: $input) { id } }",
        {"input": receipt_input("CASH", 100, allocation(invoice["id"], 100))},
    )
    receipt = record(clerk, "CASH", 100, allocation(invoice["id"], 100))

    assert only_error(refused, "FORBIDDEN")
    assert receipt["recordedBy"] == "clerk-1"
    assert viewer.data(GET_RECEIPT, {"id": receipt["id"]})["receipt"]["number"] == f"RCT/{FY}/000001"
    assert settled(viewer, invoice["id"]) == ("100.00", "0.00", "1050.00", "PARTIALLY_PAID")
    assert balances(viewer)["totalCount"] == 1


def test_a_user_without_receivable_permissions_sees_neither_receipts_nor_what_an_invoice_owes(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())
    receipt = record(caller, "CASH", 100, allocation(invoice["id"], 100))
    outsider = Caller(caller.http, caller.tenant_id, "reader-1", (), ("invoice:read",))

    assert only_error(outsider.graphql(GET_RECEIPT, {"id": receipt["id"]}), "FORBIDDEN")
    read = outsider.graphql(
        "query($id: ID!) { invoice(id: $id) { id outstanding { decimal } } }", {"id": invoice["id"]}
    )
    assert read["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_who_holds_receivable_write_may_change_receipts_and_a_reader_may_not(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())
    receipt = record(caller, "CHEQUE", 100)
    viewer, officer = as_user(caller, "viewer-1", "viewer"), as_user(caller, "officer-1", "vat_officer")
    accountant = as_user(caller, "accountant-1", "accountant")
    changes = [
        ("mutation($id: ID!) { depositCheque(receiptId: $id) { id } }", {"id": receipt["id"]}),
        ('mutation($id: ID!) { reverseReceipt(receiptId: $id, reason: "x") { id } }', {"id": receipt["id"]}),
        (
            "mutation($id: ID!, $i: ID!) { allocateAdvance(receiptId: $id, allocations: [{invoiceId: $i, amount: 1}]) "
            "{ id } }",
            {"id": receipt["id"], "i": invoice["id"]},
        ),
        ('mutation($i: ID!) { writeOffBalance(invoiceId: $i, reason: "x") { invoiceId } }', {"i": invoice["id"]}),
    ]

    for reader in (viewer, officer):
        for document, variables in changes:
            assert only_error(reader.graphql(document, variables), "FORBIDDEN"), (reader.roles, document)
        assert reader.data(GET_RECEIPT, {"id": receipt["id"]})["receipt"]["status"] == "RECEIVED"
    assert record(accountant, "CASH", 50, allocation(invoice["id"], 50))["recordedBy"] == "accountant-1"
    assert accountant.data(changes[0][0], changes[0][1])["depositCheque"]["id"] == receipt["id"]


def test_another_tenants_receipts_are_not_found_and_not_listed(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())
    receipt = record(
        caller, "CHEQUE", 1000, allocation(invoice["id"], 1000), withheld=[withheld(invoice["id"], "VDS", 150)]
    )
    other = Caller(caller.http, f"{caller.tenant_id}-b")

    assert only_error(other.graphql(GET_RECEIPT, {"id": receipt["id"]}), "NOT_FOUND")
    for document in (DEPOSIT, BOUNCE, REVERSE):
        assert only_error(other.graphql(document, {"receiptId": receipt["id"], "reason": "x"}), "NOT_FOUND")
    certificate = {"withholdingId": receipt["withheld"][0]["id"], "certificateNumber": "M66-1", "date": TODAY}
    assert only_error(other.graphql(CERTIFICATE, certificate), "NOT_FOUND")
    assert only_error(other.graphql(WRITE_OFF, {"invoiceId": invoice["id"], "reason": "x"}), "NOT_FOUND")
    assert other.data(RECEIPTS, {})["receipts"]["totalCount"] == 0
    assert balances(other)["totalCount"] == 0
    assert other.data(PENDING, {})["pendingCertificates"]["totalCount"] == 0
    assert receipt_of(caller, receipt["id"])["version"] == 1


# Input nobody announced

TEN_THOUSAND = "x" * 10_000


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"customerId": "customer\x00001"}, "input.customerId", id="nul-customer"),
        pytest.param({"customerId": "customer\x1b[31m"}, "input.customerId", id="escape-customer"),
        pytest.param({"customerId": TEN_THOUSAND}, "input.customerId", id="long-customer"),
        pytest.param({"reference": "EFT\x00"}, "input.reference", id="nul-reference"),
        pytest.param({"reference": TEN_THOUSAND}, "input.reference", id="long-reference"),
        pytest.param({"depositAccountCode": "1121\x00"}, "input.depositAccountCode", id="nul-account"),
        pytest.param({"depositAccountCode": TEN_THOUSAND}, "input.depositAccountCode", id="long-account"),
        pytest.param({"amount": 1e20}, "input.amount", id="huge-amount"),
        pytest.param({"amount": 1e-7}, "input.amount", id="tiny-amount"),
        pytest.param({"amount": -100}, "input.amount", id="negative-amount"),
        pytest.param({"amount": 0}, "input.amount", id="zero-amount"),
        pytest.param({"amount": 100.001}, "input.amount", id="three-decimals"),
        pytest.param({"method": "CHEQUE", "cheque": {**cheque(), "number": "12\x00"}}, "input.cheque.number", id="nul"),
        pytest.param(
            {"method": "CHEQUE", "cheque": {**cheque(), "bank": TEN_THOUSAND}}, "input.cheque.bank", id="bank"
        ),
        pytest.param(
            {"method": "MOBILE_WALLET", "wallet": wallet(transaction_id="TX\x00")},
            "input.wallet.transactionId",
            id="tx",
        ),
        pytest.param(
            {"method": "MOBILE_WALLET", "wallet": wallet(transaction_id=TEN_THOUSAND)},
            "input.wallet.transactionId",
            id="long-tx",
        ),
        pytest.param(
            {"method": "MOBILE_WALLET", "wallet": wallet(msisdn="017\x0012345678")}, "input.wallet.msisdn", id="m"
        ),
        pytest.param(
            {
                "withheld": [
                    {
                        "invoiceId": "any",
                        "kind": "AIT",
                        "amount": 1,
                        "certificateNumber": TEN_THOUSAND,
                        "certificateDate": "2026-01-01",
                    }
                ]
            },
            "input.withheld[0].certificateNumber",
            id="long-certificate",
        ),
        pytest.param(
            {
                "withheld": [
                    {
                        "invoiceId": "any",
                        "kind": "VDS",
                        "amount": 1,
                        "certificateNumber": "M\x00",
                        "certificateDate": "2026-01-01",
                    }
                ]
            },
            "input.withheld[0].certificateNumber",
            id="nul-certificate",
        ),
        pytest.param(
            {"method": "CHEQUE", "cheque": {**cheque(), "branch": "Gulshan\x00"}}, "input.cheque.branch", id="br"
        ),
        pytest.param({"allocations": [allocation(f"i{n}", 0.01) for n in range(501)]}, "input.allocations", id="501"),
        pytest.param({"allocations": [allocation("any", 1e20)]}, "input.allocations[0].amount", id="huge-allocation"),
        pytest.param({"allocations": [allocation("any", -5)]}, "input.allocations[0].amount", id="negative-allocation"),
        pytest.param(
            {"allocations": [allocation("any", 0.005)]}, "input.allocations[0].amount", id="allocation-places"
        ),
        pytest.param(
            {"withheld": [{"invoiceId": "any", "kind": "VDS", "amount": -1}]}, "input.withheld[0].amount", id="w"
        ),
    ],
)
def test_hostile_receipt_input_is_refused_naming_its_field(caller: Caller, changes: dict[str, Any], field: str) -> None:
    given = {"method": "BANK_TRANSFER", "amount": 100, **changes}

    body = record_body(caller, **given)

    assert field in {name for name, _ in violated(body)}, body
    assert caller.data(RECEIPTS, {})["receipts"]["totalCount"] == 0


@pytest.mark.parametrize(
    "invoice_id",
    [
        pytest.param("no-such-invoice", id="unknown"),
        pytest.param("invoice\x00id", id="nul"),
        pytest.param("\x07\x1b", id="control"),
        pytest.param(TEN_THOUSAND, id="ten-thousand"),
        pytest.param("' OR 1=1 --", id="quote"),
    ],
)
def test_an_allocation_or_withholding_to_an_invoice_that_is_not_there_names_the_invoice_id(
    caller: Caller, invoice_id: str
) -> None:
    body = record_body(
        caller,
        "CASH",
        100,
        allocation(invoice_id, 50),
        withheld=[{"invoiceId": invoice_id, "kind": "AIT", "amount": 5}],
    )

    assert violated(body) == {("input.allocations[0].invoiceId", "invoice"), ("input.withheld[0].invoiceId", "invoice")}


@pytest.mark.parametrize(
    "invoice_id",
    [
        pytest.param("no-such-invoice", id="unknown"),
        pytest.param("invoice\x00id", id="nul"),
        pytest.param(TEN_THOUSAND, id="long"),
    ],
)
def test_an_advance_applied_to_an_invoice_that_is_not_there_names_the_invoice_id(
    caller: Caller, invoice_id: str
) -> None:
    receipt = record(caller, "CASH", 100)

    body = caller.graphql(ALLOCATE, {"receiptId": receipt["id"], "allocations": [allocation(invoice_id, 10)]})

    assert violated(body) == {("allocations[0].invoiceId", "invoice")}
    assert receipt_of(caller, receipt["id"])["version"] == 1


@pytest.mark.parametrize(
    "amount",
    [
        pytest.param(-1, id="negative"),
        pytest.param(0, id="zero"),
        pytest.param(0.001, id="three-decimals"),
        pytest.param(1e-7, id="tiny"),
        pytest.param(1e20, id="huge"),
    ],
)
def test_an_advance_applied_in_an_amount_nobody_can_pay_is_refused(caller: Caller, amount: float) -> None:
    invoice = owed_invoice(caller, small_invoice())
    receipt = record(caller, "CASH", 100)

    body = caller.graphql(ALLOCATE, {"receiptId": receipt["id"], "allocations": [allocation(invoice["id"], amount)]})

    assert {field for field, _ in violated(body)} <= {"allocations[0].amount", "allocations"}
    assert receipt_of(caller, receipt["id"])["version"] == 1


@pytest.mark.parametrize(
    "withholding_id",
    [
        pytest.param("r\x00:1", id="nul"),
        pytest.param(f"{TEN_THOUSAND}:1", id="long"),
        pytest.param("\x1b:\x1b", id="escape"),
    ],
)
def test_a_certificate_for_a_withholding_id_no_receipt_can_have_is_not_found(
    caller: Caller, withholding_id: str
) -> None:
    body = caller.graphql(CERTIFICATE, {"withholdingId": withholding_id, "certificateNumber": "M66-1", "date": TODAY})

    assert only_error(body, "NOT_FOUND")


@pytest.mark.parametrize(
    "receipt_id",
    [
        pytest.param("no-such-receipt", id="unknown"),
        pytest.param("r\x00", id="nul"),
        pytest.param(TEN_THOUSAND, id="long"),
    ],
)
def test_an_id_no_receipt_has_is_not_found_by_every_receipt_operation(caller: Caller, receipt_id: str) -> None:
    documents = {
        "receipt": "query($id: ID!) { receipt(id: $id) { id } }",
        "depositCheque": "mutation($id: ID!) { depositCheque(receiptId: $id) { id } }",
        "clearCheque": "mutation($id: ID!) { clearCheque(receiptId: $id) { id } }",
        "bounceCheque": 'mutation($id: ID!) { bounceCheque(receiptId: $id, reason: "returned") { id } }',
        "reverseReceipt": 'mutation($id: ID!) { reverseReceipt(receiptId: $id, reason: "error") { id } }',
        "allocateAdvance": (
            'mutation($id: ID!) { allocateAdvance(receiptId: $id, allocations: [{invoiceId: "i", amount: 1}]) { id } }'
        ),
        "recordWithholdingCertificate": (
            'mutation($id: ID!) { recordWithholdingCertificate(withholdingId: $id, certificateNumber: "6.6-1", '
            'date: "2026-01-01") { id } }'
        ),
    }
    for name, document in documents.items():
        body = caller.graphql(document, {"id": receipt_id})
        assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND", (name, body)


HOSTILE_FILTERS = [
    pytest.param({"customerId": "c\x00"}, id="nul-customer"),
    pytest.param({"customerId": TEN_THOUSAND}, id="long-customer"),
    pytest.param({"customerPartyId": "p\x00"}, id="nul-party"),
    pytest.param({"customerPartyId": TEN_THOUSAND}, id="long-party"),
]


@pytest.mark.parametrize(
    "filter_",
    [
        *HOSTILE_FILTERS,
        pytest.param({"invoiceId": "i\x00"}, id="nul-invoice"),
        pytest.param({"invoiceId": TEN_THOUSAND}, id="long-invoice"),
    ],
)
def test_listing_receipts_with_a_hostile_filter_finds_nothing_or_names_the_field(
    caller: Caller, filter_: dict[str, Any]
) -> None:
    record(caller, "CASH", 100)

    _nothing_or_refused(caller.graphql(RECEIPTS, {"filter": filter_}))


@pytest.mark.parametrize("filter_", HOSTILE_FILTERS)
def test_listing_balances_with_a_hostile_filter_finds_nothing_or_names_the_field(
    caller: Caller, filter_: dict[str, Any]
) -> None:
    owed_invoice(caller, small_invoice())

    _nothing_or_refused(caller.graphql(BALANCE_COUNT, {"filter": filter_}))


BALANCE_COUNT = "query($filter: BalanceFilter) { invoiceBalances(filter: $filter) { totalCount edges { cursor } } }"


def _nothing_or_refused(body: dict[str, Any]) -> None:
    if "errors" in body:
        assert only_error(body, "BAD_USER_INPUT")
        return
    [found] = body["data"].values()
    assert (found["totalCount"], found["edges"]) == (0, [])
