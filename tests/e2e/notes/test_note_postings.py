"""What a credit or debit note posts to the books, in its issuing transaction, dated on the note's date,
and refused in a closed period (issue 13, scenario 7)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from tests.e2e.ledger.books import (
    CLOSE_PERIOD,
    REOPEN_PERIOD,
    TRIAL_BALANCE,
    amounts,
    as_user,
    balance_of,
    dhaka_today,
    fiscal_year_of,
    listed_ids,
    period_of,
)
from tests.e2e.ledger.test_invoice_postings import POSTING_RULES, SET_POSTING
from tests.e2e.notes.notes import (
    BACKENDS,
    ServerClock,
    adjustments,
    by_amount,
    by_quantity,
    credit,
    credit_body,
    debit,
    debit_body,
    issued,
    line_ids,
    note_entry,
    server_with_clock,
    taka,
)
from tests.e2e.operations import line, steel_rods, three_rates
from tests.e2e.server import Caller, only_error

CLOCK = ServerClock()


@pytest.fixture(scope="module", params=BACKENDS)
def base_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with server_with_clock(request, tmp_path_factory, CLOCK) as url:
        yield url


def _towers(caller: Caller, days_ago: int) -> dict[str, Any]:
    """Rods for two projects, issued `days_ago`: 60 with 10% SD for Tower A (CC-7), 40 for Tower B."""
    lines = [
        line(description="Rods for Tower A", quantity=60, project="Tower A", costCenter="CC-7",
             supplementaryDutyRate=0.1),
        line(description="Rods for Tower B", quantity=40, project="Tower B"),
    ]  # fmt: skip
    with CLOCK.days_ago(days_ago):
        return issued(caller, steel_rods(lineItems=lines))


def _trial_balance(caller: Caller) -> dict[str, Any]:
    found: dict[str, Any] = caller.data(TRIAL_BALANCE, {"asOf": dhaka_today().isoformat()})["trialBalance"]
    return found


def _sales_number(day: date, serial: int) -> str:
    return f"SJ/{fiscal_year_of(day)}/{serial:06d}"


def test_a_credit_note_debits_returns_sd_and_vat_and_credits_the_customer_on_its_date(caller: Caller) -> None:
    invoice = _towers(caller, days_ago=3)
    tower_a, tower_b = line_ids(invoice)
    note_day = dhaka_today() - timedelta(days=1)

    note = credit(caller, invoice["id"], by_quantity(tower_a, 2), by_amount(tower_b, 1000), date=str(note_day))
    entry = note_entry(caller, note)

    # Tower A: 2 x 5000 = 10000, SD 1000, VAT 15% of 11000 = 1650; Tower B: 1000, VAT 150.
    assert amounts(entry) == [
        ("1210", "0.00", "13800.00"),
        ("4200", "10000.00", "0.00"),
        ("4200", "1000.00", "0.00"),
        ("2220", "1000.00", "0.00"),
        ("2210", "1800.00", "0.00"),
    ]
    assert note["total"]["decimal"] == entry["totalDebit"]["decimal"] == entry["totalCredit"]["decimal"] == "13800.00"
    assert (entry["kind"], entry["status"], entry["date"]) == ("SALES", "POSTED", str(note_day))
    # The invoice's own entry came first, unless it was in the fiscal year before the note's.
    issue_day = dhaka_today() - timedelta(days=3)
    assert entry["number"] == _sales_number(note_day, 2 if fiscal_year_of(issue_day) == fiscal_year_of(note_day) else 1)
    assert entry["source"] == {
        "documentType": "CREDIT_NOTE",
        "documentId": note["id"],
        "documentNumber": note["number"],
    }
    assert entry["reference"] == note["number"]
    assert entry["narration"] == f"Credit note {note['number']} against tax invoice {invoice['mushakNumber']}"
    receivable, returns_a, returns_b = entry["lines"][:3]
    assert receivable["partyId"] == "customer-001"
    assert [(row["project"], row["costCenter"], row["memo"]) for row in (returns_a, returns_b)] == [
        ("Tower A", "CC-7", "Rods for Tower A"),
        ("Tower B", None, "Rods for Tower B"),
    ]
    # Sales Returns is an income account (credit normal): the returns are a debit balance, below zero.
    assert (balance_of(caller, "1210"), balance_of(caller, "4200")) == (
        adjustments(caller, invoice["id"])["adjustedTotal"]["decimal"],
        "-11000.00",
    )
    assert balance_of(caller, "4200", str(note_day - timedelta(days=1))) == "0.00"
    assert _trial_balance(caller)["balanced"] is True


def test_a_debit_note_posts_the_reverse_to_sales(caller: Caller) -> None:
    invoice = _towers(caller, days_ago=0)
    tower_a, tower_b = line_ids(invoice)

    note = debit(caller, invoice["id"], by_amount(tower_a, 1000), by_quantity(tower_b, 1), reason="ADDITIONAL_QUANTITY")
    entry = note_entry(caller, note)

    # Tower A: 1000, SD 100, VAT 15% of 1100 = 165; Tower B: 5000, VAT 750.
    assert amounts(entry) == [
        ("1210", "7015.00", "0.00"),
        ("4100", "0.00", "1000.00"),
        ("4100", "0.00", "5000.00"),
        ("2220", "0.00", "100.00"),
        ("2210", "0.00", "915.00"),
    ]
    assert entry["source"]["documentType"] == "DEBIT_NOTE"
    assert entry["lines"][0]["partyId"] == "customer-001"
    assert [(row["project"], row["costCenter"]) for row in entry["lines"][1:3]] == [
        ("Tower A", "CC-7"),
        ("Tower B", None),
    ]
    assert entry["date"] == dhaka_today().isoformat()


def test_a_note_without_sd_or_vat_posts_no_line_for_them(caller: Caller) -> None:
    invoice = issued(caller, three_rates())
    zero_rated = line_ids(invoice)[2]

    entry = note_entry(caller, credit(caller, invoice["id"], by_amount(zero_rated, 500)))

    assert amounts(entry) == [("1210", "0.00", "500.00"), ("4200", "500.00", "0.00")]


def test_the_books_follow_the_adjusted_totals_and_still_balance(caller: Caller) -> None:
    first, second = _towers(caller, days_ago=2), issued(caller, three_rates())
    credit(caller, first["id"], by_quantity(line_ids(first)[0], 7.5))
    debit(caller, first["id"], by_amount(line_ids(first)[1], 333.33))
    credit(caller, second["id"], reason="CANCELLATION")
    debit(caller, second["id"], by_quantity(line_ids(second)[1], 0.25), reason="ADDITIONAL_QUANTITY")

    read = [adjustments(caller, invoice["id"]) for invoice in (first, second)]
    trial = _trial_balance(caller)

    def total(figure: str, part: str) -> Decimal:
        return sum((taka(invoice[figure][part]) for invoice in read), Decimal(0))

    assert balance_of(caller, "1210") == str(sum((taka(invoice["adjustedTotal"]) for invoice in read), Decimal(0)))
    assert balance_of(caller, "4200") == str(-total("credited", "value"))
    assert balance_of(caller, "4100") == str(total("adjusted", "value") + total("credited", "value"))
    assert balance_of(caller, "2210") == str(total("adjusted", "vat"))
    assert balance_of(caller, "2220") == str(total("adjusted", "supplementaryDuty"))
    assert trial["balanced"] is True
    assert trial["totals"]["closingDebit"] == trial["totals"]["closingCredit"]
    # Two invoices and four notes, each its own sales entry.
    assert len(listed_ids(caller, filter={"kind": "SALES"})) == 6


def test_a_note_in_todays_closed_period_is_refused_and_takes_no_serial_or_entry(caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)
    today = period_of(dhaka_today())
    caller.data(CLOSE_PERIOD, {"period": today})

    refused_credit = credit_body(caller, invoice["id"], by_quantity(rods, 1))
    refused_debit = debit_body(caller, invoice["id"], by_amount(rods, 1))
    caller.data(REOPEN_PERIOD, {"period": today, "reason": "A return came in late"})
    after_reopening = credit(caller, invoice["id"], by_quantity(rods, 1))

    for body in (refused_credit, refused_debit):
        assert today in only_error(body, "CONFLICT")["message"]
    assert after_reopening["serial"] == 1
    assert len(listed_ids(caller, filter={"kind": "SALES"})) == 2
    assert adjustments(caller, invoice["id"])["creditedTotal"]["decimal"] == "5750.00"


def test_a_note_back_dated_into_a_closed_period_is_refused_and_one_dated_today_is_not(caller: Caller) -> None:
    today = dhaka_today()
    last_month = today.replace(day=1) - timedelta(days=1)
    invoice = _towers(caller, days_ago=(today - last_month).days)
    tower_a = line_ids(invoice)[0]
    closed = period_of(last_month)
    caller.data(CLOSE_PERIOD, {"period": closed})

    refused = credit_body(caller, invoice["id"], by_quantity(tower_a, 1), date=str(last_month))
    todays = credit(caller, invoice["id"], by_quantity(tower_a, 1))

    assert closed in only_error(refused, "CONFLICT")["message"]
    assert (todays["serial"], todays["date"]) == (1, today.isoformat())
    assert note_entry(caller, todays)["date"] == today.isoformat()
    assert _trial_balance(caller)["balanced"] is True


def test_the_posting_rules_name_the_notes_roles_and_a_new_returns_account_takes_the_next_note(caller: Caller) -> None:
    rules = caller.data(POSTING_RULES)["postingRules"]
    note_rules = {
        (r["documentType"], r["role"], r["accountType"], r["accountCode"])
        for r in rules
        if r["documentType"] in ("CREDIT_NOTE", "DEBIT_NOTE")
    }
    invoice = issued(caller)
    [rods] = line_ids(invoice)
    before = credit(caller, invoice["id"], by_quantity(rods, 1))

    caller.data(SET_POSTING, {"documentType": "CREDIT_NOTE", "role": "SALES_RETURNS", "accountCode": "4100"})
    after = credit(caller, invoice["id"], by_quantity(rods, 1))

    assert note_rules == {
        ("CREDIT_NOTE", "RECEIVABLE", "ASSET", "1210"),
        ("CREDIT_NOTE", "SALES_RETURNS", "INCOME", "4200"),
        ("CREDIT_NOTE", "SUPPLEMENTARY_DUTY", "LIABILITY", "2220"),
        ("CREDIT_NOTE", "VAT_OUTPUT", "LIABILITY", "2210"),
        ("DEBIT_NOTE", "RECEIVABLE", "ASSET", "1210"),
        ("DEBIT_NOTE", "SALES", "INCOME", "4100"),
        ("DEBIT_NOTE", "SUPPLEMENTARY_DUTY", "LIABILITY", "2220"),
        ("DEBIT_NOTE", "VAT_OUTPUT", "LIABILITY", "2210"),
    }
    assert [code for code, _, _ in amounts(note_entry(caller, before))] == ["1210", "4200", "2210"]
    assert [code for code, _, _ in amounts(note_entry(caller, after))] == ["1210", "4100", "2210"]


def test_a_notes_entry_is_hidden_from_a_caller_without_ledger_read(caller: Caller) -> None:
    invoice = issued(caller)
    note = credit(caller, invoice["id"], by_quantity(line_ids(invoice)[0], 1))
    viewer = as_user(caller, "viewer-1", "viewer")

    body = viewer.graphql(
        "query($id: ID!) { creditNote(id: $id) { number journalEntry { number } } }", {"id": note["id"]}
    )

    assert only_error(body, "FORBIDDEN")["extensions"]["permission"] == "ledger:read"
    read = viewer.data("query($id: ID!) { creditNote(id: $id) { number } }", {"id": note["id"]})["creditNote"]
    assert read == {"number": note["number"]}
