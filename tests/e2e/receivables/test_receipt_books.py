"""A cheque's life, bounces and reversals, and the books, over real HTTP on SQLite and PostgreSQL
(issue 14, scenarios 3 and 8, and the Steel Rods walk of its "Done when")."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from tests.e2e.ledger.books import CLOSE_PERIOD, TRIAL_BALANCE, amounts, dhaka_today, period_of
from tests.e2e.notes.notes import by_amount, credit, line_ids
from tests.e2e.operations import CANCEL, steel_rods
from tests.e2e.receivables.receivables import (
    ALLOCATE,
    BOUNCE,
    CERTIFICATE,
    CLEAR,
    DEPOSIT,
    PENDING,
    REVERSE,
    WRITE_OFF,
    allocation,
    balances,
    book_balances,
    change,
    cheque,
    customer_party,
    days_ago,
    entries_of,
    owed,
    owed_invoice,
    receipt_of,
    record,
    settled,
    small_invoice,
    tolerate,
    wallet,
    withheld,
)
from tests.e2e.server import Caller, only_error, violated

TODAY = dhaka_today().isoformat()


def _cheque_receipt(caller: Caller, invoice_id: str, amount: float = 1150, **changes: Any) -> dict[str, Any]:
    return record(caller, "CHEQUE", amount, allocation(invoice_id, amount), date=days_ago(3).isoformat(), **changes)


def _mirrored(entry: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(account, credit_, debit_) for account, debit_, credit_ in amounts(entry)]


# A cheque's life


def test_a_cheque_is_deposited_then_cleared_and_each_step_is_a_new_version(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())
    receipt = _cheque_receipt(caller, invoice["id"])

    deposited = change(caller, DEPOSIT, receipt["id"], date=days_ago(2).isoformat(), expectedVersion=1)
    cleared = change(caller, CLEAR, receipt["id"], expectedVersion=2)

    assert [(r["status"], r["version"]) for r in (receipt, deposited, cleared)] == [
        ("RECEIVED", 1),
        ("DEPOSITED", 2),
        ("CLEARED", 3),
    ]
    assert receipt_of(caller, receipt["id"]) == cleared
    assert settled(caller, invoice["id"]) == ("1150.00", "0.00", "0.00", "PAID")
    # Depositing and clearing move no money in the books: the receipt posted it when it came.
    assert len(entries_of(caller, receipt["id"])) == 1


@pytest.mark.parametrize(
    ("steps", "refused"),
    [
        pytest.param([], CLEAR, id="clear-a-received-cheque"),
        pytest.param([DEPOSIT], DEPOSIT, id="deposit-twice"),
        pytest.param([DEPOSIT, CLEAR], DEPOSIT, id="deposit-a-cleared-cheque"),
        pytest.param([DEPOSIT, CLEAR], CLEAR, id="clear-twice"),
        pytest.param([DEPOSIT, CLEAR], BOUNCE, id="bounce-a-cleared-cheque"),
        pytest.param([BOUNCE], DEPOSIT, id="deposit-a-bounced-cheque"),
        pytest.param([DEPOSIT, BOUNCE], CLEAR, id="clear-a-bounced-cheque"),
        pytest.param([BOUNCE], BOUNCE, id="bounce-twice"),
        pytest.param([BOUNCE], REVERSE, id="reverse-a-bounced-cheque"),
        pytest.param([REVERSE], BOUNCE, id="bounce-a-reversed-cheque"),
        pytest.param([REVERSE], DEPOSIT, id="deposit-a-reversed-cheque"),
        pytest.param([REVERSE], REVERSE, id="reverse-twice"),
    ],
)
def test_a_step_a_cheque_cannot_take_from_where_it_is_conflicts(caller: Caller, steps: list[str], refused: str) -> None:
    invoice = owed_invoice(caller, small_invoice())
    receipt = _cheque_receipt(caller, invoice["id"])
    for step in steps:
        change(caller, step, receipt["id"], reason="returned unpaid")
    before = receipt_of(caller, receipt["id"])

    body = caller.graphql(refused, {"receiptId": receipt["id"], "reason": "returned unpaid"})

    assert only_error(body, "CONFLICT")
    assert receipt_of(caller, receipt["id"]) == before


@pytest.mark.parametrize("step", [DEPOSIT, CLEAR, BOUNCE])
def test_only_a_receipt_by_cheque_is_deposited_cleared_or_bounced(caller: Caller, step: str) -> None:
    receipt = record(caller, "BANK_TRANSFER", 100)

    body = caller.graphql(step, {"receiptId": receipt["id"], "reason": "returned unpaid"})

    assert only_error(body, "CONFLICT")


def test_a_cheque_step_dated_before_the_receipt_or_at_a_stale_version_is_refused(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())
    receipt = _cheque_receipt(caller, invoice["id"])

    early = caller.graphql(DEPOSIT, {"receiptId": receipt["id"], "date": days_ago(4).isoformat()})
    stale = caller.graphql(DEPOSIT, {"receiptId": receipt["id"], "expectedVersion": 7})
    no_reason = caller.graphql(BOUNCE, {"receiptId": receipt["id"], "reason": "  "})

    assert violated(early) == {("date", "after_receipt")}
    assert only_error(stale, "CONFLICT")
    assert violated(no_reason) == {("reason", "required")}
    assert receipt_of(caller, receipt["id"])["version"] == 1


@pytest.mark.parametrize("step", [BOUNCE, REVERSE])
@pytest.mark.parametrize(
    "reason",
    [pytest.param("r" * 501, id="long"), pytest.param("no\x00funds", id="nul"), pytest.param("\x1b[2J", id="escape")],
)
def test_a_bounce_or_reversal_needs_a_reason_of_clean_text(caller: Caller, step: str, reason: str) -> None:
    invoice = owed_invoice(caller, small_invoice())
    receipt = _cheque_receipt(caller, invoice["id"])

    body = caller.graphql(step, {"receiptId": receipt["id"], "reason": reason})

    assert {field for field, _ in violated(body)} == {"reason"}
    assert settled(caller, invoice["id"])[3] == "PAID"


@pytest.mark.parametrize("step", [BOUNCE, REVERSE])
def test_a_reason_at_its_limit_is_kept_on_the_reversal_of_the_postings(caller: Caller, step: str) -> None:
    invoice = owed_invoice(caller, small_invoice())
    receipt = _cheque_receipt(caller, invoice["id"])
    reason = "returned: " + "r" * 490

    change(caller, step, receipt["id"], reason=reason)

    _, reversal = entries_of(caller, receipt["id"])
    assert reason in reversal["reversalReason"]
    assert settled(caller, invoice["id"])[3] == "UNPAID"


@pytest.mark.parametrize("step", [DEPOSIT, BOUNCE, REVERSE])
def test_a_cheque_step_dated_after_today_is_refused_like_the_receipt_itself(caller: Caller, step: str) -> None:
    invoice = owed_invoice(caller, small_invoice())
    receipt = _cheque_receipt(caller, invoice["id"])
    tomorrow = (dhaka_today() + timedelta(days=1)).isoformat()

    body = caller.graphql(step, {"receiptId": receipt["id"], "reason": "returned unpaid", "date": tomorrow})

    assert violated(body) == {("date", "not_in_future")}
    assert receipt_of(caller, receipt["id"])["version"] == 1


# Bounces and reversals


def test_a_reversal_may_not_be_dated_before_an_advance_the_receipt_applied(caller: Caller) -> None:
    # The ledger reverses an entry on or after its date; the advance's entry is dated the day it was applied.
    invoice = owed_invoice(caller, small_invoice())
    receipt = record(caller, "BANK_TRANSFER", 1150, date=days_ago(10).isoformat())
    caller.data(ALLOCATE, {"receiptId": receipt["id"], "allocations": [allocation(invoice["id"], 1150)]})

    body = caller.graphql(REVERSE, {"receiptId": receipt["id"], "reason": "duplicate", "date": days_ago(5).isoformat()})

    assert {field for field, _ in violated(body)} == {"date"}
    assert receipt_of(caller, receipt["id"])["status"] == "COMPLETED"


def test_a_bounced_cheque_leaves_its_invoices_owing_again_and_reverses_every_posting(caller: Caller) -> None:
    invoice, other = owed_invoice(caller, small_invoice()), owed_invoice(caller, small_invoice(2000))
    receipt = record(
        caller,
        "CHEQUE",
        3000,
        allocation(invoice["id"], 1000),
        withheld=[withheld(invoice["id"], "VDS", 150)],
        cheque=cheque("778899", days_ago(3)),
        date=days_ago(3).isoformat(),
    )
    caller.data(ALLOCATE, {"receiptId": receipt["id"], "allocations": [allocation(other["id"], 1500)]})
    change(caller, DEPOSIT, receipt["id"], date=days_ago(2).isoformat())

    # Today: the advance applied today is undone too, and no reversal is dated before what it reverses.
    bounced = change(caller, BOUNCE, receipt["id"], reason="insufficient funds", date=dhaka_today().isoformat())

    assert (bounced["status"], bounced["version"]) == ("BOUNCED", 4)
    assert settled(caller, invoice["id"]) == ("0.00", "0.00", "1150.00", "UNPAID")
    assert settled(caller, other["id"]) == ("0.00", "0.00", "2300.00", "UNPAID")
    assert [r["status"] for r in owed(caller, invoice["id"])["receipts"]] == ["BOUNCED"]
    recorded, advanced, *reversals = entries_of(caller, receipt["id"])
    assert amounts(recorded) == [
        ("1121", "3000.00", "0.00"),
        ("1220", "150.00", "0.00"),
        ("1210", "0.00", "1150.00"),
        ("2300", "0.00", "2000.00"),
    ]
    assert amounts(advanced) == [("2300", "1500.00", "0.00"), ("1210", "0.00", "1500.00")]
    by_original = {entry["reverses"]["id"]: entry for entry in reversals}
    assert set(by_original) == {recorded["id"], advanced["id"]}
    for original in (recorded, advanced):
        reversal = by_original[original["id"]]
        assert (reversal["status"], reversal["date"]) == ("POSTED", TODAY)
        assert "insufficient funds" in reversal["reversalReason"]
        assert _mirrored(reversal) == amounts(original)
    assert book_balances(caller) == {
        "1121": "0.00",
        "1110": "0.00",
        "1131": "0.00",
        "1210": "3450.00",
        "1220": "0.00",
        "1230": "0.00",
        "2300": "0.00",
    }
    assert caller.data(PENDING, {})["pendingCertificates"]["totalCount"] == 0
    certificate = caller.graphql(
        CERTIFICATE, {"withholdingId": receipt["withheld"][0]["id"], "certificateNumber": "M66-1", "date": TODAY}
    )
    assert only_error(certificate, "CONFLICT")


def test_a_cheque_received_in_a_period_since_closed_bounces_today_and_not_into_that_period(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())
    received = days_ago(40)
    receipt = record(caller, "CHEQUE", 1150, allocation(invoice["id"], 1150), date=received.isoformat())
    caller.data(CLOSE_PERIOD, {"period": period_of(received)})

    into_closed = caller.graphql(
        BOUNCE, {"receiptId": receipt["id"], "reason": "stale cheque", "date": received.isoformat()}
    )
    bounced = change(caller, BOUNCE, receipt["id"], reason="stale cheque")

    assert "closed" in only_error(into_closed, "CONFLICT")["message"]
    assert bounced["status"] == "BOUNCED"
    recorded, reversal = entries_of(caller, receipt["id"])
    assert (recorded["date"], reversal["date"]) == (received.isoformat(), TODAY)
    assert book_balances(caller, "1121", "1210") == {"1121": "0.00", "1210": "1150.00"}


def test_a_bounced_invoice_may_be_paid_again_and_then_credited_or_cancelled(caller: Caller) -> None:
    invoice = owed_invoice(caller, small_invoice())
    receipt = _cheque_receipt(caller, invoice["id"])
    change(caller, BOUNCE, receipt["id"], reason="signature differs")

    again = record(caller, "BANK_TRANSFER", 1150, allocation(invoice["id"], 1150))

    assert settled(caller, invoice["id"]) == ("1150.00", "0.00", "0.00", "PAID")
    assert again["number"].endswith("/000002")
    change(caller, REVERSE, again["id"], reason="wrong customer")
    credit(caller, invoice["id"], by_amount(line_ids(invoice)[0], 1000))
    assert settled(caller, invoice["id"]) == ("0.00", "0.00", "0.00", "PAID")


@pytest.mark.parametrize(
    ("method", "details", "account"),
    [
        pytest.param("BANK_TRANSFER", {}, "1121", id="bank-transfer"),
        pytest.param("CASH", {}, "1110", id="cash"),
        pytest.param("MOBILE_WALLET", {"wallet": wallet("BKASH", "+8801812345678", "BK77")}, "1131", id="bkash"),
        pytest.param("CHEQUE", {}, "1121", id="cleared-cheque"),
    ],
)
def test_reversing_a_receipt_of_any_method_undoes_what_it_settled_and_posted(
    caller: Caller, method: str, details: dict[str, Any], account: str
) -> None:
    invoice = owed_invoice(caller, small_invoice(10000))
    receipt = record(
        caller,
        method,
        10000,
        allocation(invoice["id"], 9000),
        withheld=[withheld(invoice["id"], "AIT", 500, certificateNumber="TDS-9", certificateDate=TODAY)],
        **details,
    )
    if method == "CHEQUE":
        change(caller, DEPOSIT, receipt["id"])
        change(caller, CLEAR, receipt["id"])
    assert book_balances(caller, account, "1210", "1230", "2300") == {
        account: "10000.00",
        "1210": "2000.00",
        "1230": "500.00",
        "2300": "1000.00",
    }

    reversed_ = change(caller, REVERSE, receipt["id"], reason="posted to the wrong customer")

    assert reversed_["status"] == "REVERSED"
    assert settled(caller, invoice["id"]) == ("0.00", "0.00", "11500.00", "UNPAID")
    recorded, reversal = entries_of(caller, receipt["id"])
    assert (reversal["reverses"]["id"], reversal["date"]) == (recorded["id"], TODAY)
    assert _mirrored(reversal) == amounts(recorded)
    assert book_balances(caller, account, "1210", "1230", "2300") == {
        account: "0.00",
        "1210": "11500.00",
        "1230": "0.00",
        "2300": "0.00",
    }


def test_a_wallet_transaction_of_a_reversed_receipt_may_be_recorded_again(caller: Caller) -> None:
    # The usual reason to reverse a wallet receipt is that it was booked to the wrong customer.
    first = record(caller, "MOBILE_WALLET", 500, wallet=wallet("NAGAD", transaction_id="NG-55"))
    change(caller, REVERSE, first["id"], reason="booked to the wrong customer")

    again = record(
        caller, "MOBILE_WALLET", 500, wallet=wallet("NAGAD", transaction_id="NG-55"), customerId="customer-002"
    )

    assert (again["status"], again["customerId"]) == ("COMPLETED", "customer-002")


# The books


def test_the_steel_rods_invoice_is_paid_by_a_withholding_customer_with_every_posting(caller: Caller) -> None:
    party_id = customer_party(caller)
    invoice = owed_invoice(
        caller,
        steel_rods(customerId=None, customerPartyId=party_id, dueDate=(dhaka_today() + timedelta(days=30)).isoformat()),
    )
    assert (invoice["grandTotal"]["decimal"], invoice["vatAmount"]["decimal"]) == ("575000.00", "75000.00")
    assert book_balances(caller, "1210", "4100", "2210") == {
        "1210": "575000.00",
        "4100": "500000.00",
        "2210": "75000.00",
    }
    # Karim Steel deducts the whole 15% VAT at source (VDS) and 5% income tax on the 5,00,000 value (AIT),
    # and pays the rest, 4,75,000, by a cheque dated today.
    receipt = record(
        caller,
        "CHEQUE",
        475000,
        allocation(invoice["id"], 475000),
        customerId=None,
        customerPartyId=party_id,
        cheque=cheque("CHQ-0091345", dhaka_today()),
        withheld=[withheld(invoice["id"], "VDS", 75000), withheld(invoice["id"], "AIT", 25000)],
        reference="Karim Steel payment advice PA-2026-118",
    )
    vds, ait = receipt["withheld"]

    assert (receipt["status"], receipt["warnings"]) == ("RECEIVED", [])
    assert (vds["certificatePending"], ait["certificatePending"]) == (True, True)
    assert settled(caller, invoice["id"]) == ("475000.00", "100000.00", "0.00", "PAID")
    [entry] = entries_of(caller, receipt["id"])
    assert (entry["kind"], entry["date"], entry["reference"]) == ("CASH_RECEIPT", TODAY, receipt["number"])
    assert amounts(entry) == [
        ("1121", "475000.00", "0.00"),
        ("1220", "75000.00", "0.00"),
        ("1230", "25000.00", "0.00"),
        ("1210", "0.00", "575000.00"),
    ]
    assert [line["partyId"] for line in entry["lines"]] == [None, party_id, party_id, party_id]
    assert entry["totalDebit"] == entry["totalCredit"] == {"decimal": "575000.00"}

    change(caller, DEPOSIT, receipt["id"])
    change(caller, CLEAR, receipt["id"])
    [pending] = caller.data(PENDING, {})["pendingCertificates"]["edges"]
    assert pending["node"]["withholding"]["id"] == vds["id"]
    caller.data(CERTIFICATE, {"withholdingId": vds["id"], "certificateNumber": "M6.6/2026/0457", "date": TODAY})
    done = caller.data(CERTIFICATE, {"withholdingId": ait["id"], "certificateNumber": "TDS/KS/2026/88", "date": TODAY})[
        "recordWithholdingCertificate"
    ]

    assert (done["status"], [w["certificatePending"] for w in done["withheld"]]) == ("CLEARED", [False, False])
    assert caller.data(PENDING, {})["pendingCertificates"]["totalCount"] == 0
    # Certificates move no money: the receipt's entry stays the only one.
    assert len(entries_of(caller, receipt["id"])) == 1
    assert book_balances(caller, "1121", "1210", "1220", "1230", "2300") == {
        "1121": "475000.00",
        "1210": "0.00",
        "1220": "75000.00",
        "1230": "25000.00",
        "2300": "0.00",
    }
    trial = caller.data(TRIAL_BALANCE, {"asOf": TODAY})["trialBalance"]
    assert trial["balanced"] is True
    assert trial["totals"]["debit"] == trial["totals"]["credit"]


def test_accounts_receivable_in_the_ledger_equals_the_sum_of_what_invoices_owe(caller: Caller) -> None:
    tolerate(caller, 1)
    invoices = [owed_invoice(caller, small_invoice(price)) for price in (1000, 2000, 3000, 4000, 5000)]
    a, b, c, d, e = (invoice["id"] for invoice in invoices)
    record(caller, "BANK_TRANSFER", 1000, allocation(a, 1000), withheld=[withheld(a, "VDS", 149.5)])
    caller.data(WRITE_OFF, {"invoiceId": a, "reason": "short paid by half a taka"})
    advance = record(caller, "CASH", 3000, allocation(b, 500))
    caller.data(ALLOCATE, {"receiptId": advance["id"], "allocations": [allocation(c, 2000)]})
    bounced = _cheque_receipt(caller, d, 4600)
    change(caller, BOUNCE, bounced["id"], reason="account closed")
    reversed_ = record(caller, "MOBILE_WALLET", 100, allocation(e, 100))
    change(caller, REVERSE, reversed_["id"], reason="duplicate")
    credit(caller, e, by_amount(line_ids(invoices[4])[0], 1000))
    caller.checker().data(CANCEL, {"id": owed_invoice(caller, small_invoice(700))["id"], "reason": "wrong buyer"})

    listed = balances(caller, first=100)
    outstanding = sum((Decimal(edge["node"]["outstanding"]["decimal"]) for edge in listed["edges"]), Decimal(0))

    assert [settled(caller, invoice_id)[2] for invoice_id in (a, b, c, d, e)] == [
        "0.00",
        "1800.00",
        "1450.00",
        "4600.00",
        "4600.00",
    ]
    assert outstanding == Decimal("12450.00")
    assert book_balances(caller, "1210")["1210"] == "12450.00"
    trial = caller.data(TRIAL_BALANCE, {"asOf": TODAY})["trialBalance"]
    [receivable] = [row for row in trial["rows"] if row["account"]["code"] == "1210"]
    assert (receivable["closingDebit"]["decimal"], receivable["closingCredit"]["decimal"]) == ("12450.00", "0.00")
    assert trial["balanced"] is True
