"""The serials of credit and debit notes: a gapless series per kind, tenant and fiscal year, taken in the
issuing transaction, also when many notes race for one invoice (issue 13, scenario 4)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from tests.e2e.ledger.books import dhaka_today, fiscal_year_of
from tests.e2e.notes.notes import (
    BACKENDS,
    CREDIT_NOTES,
    ISSUE_CREDIT,
    ISSUE_DEBIT,
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
    note_input,
    server_with_clock,
    taka,
)
from tests.e2e.operations import CANCEL, line, steel_rods
from tests.e2e.server import Caller, new_tenant, only_error, violated

CLOCK = ServerClock()
YEAR = fiscal_year_of(dhaka_today())


@pytest.fixture(scope="module", params=BACKENDS)
def base_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with server_with_clock(request, tmp_path_factory, CLOCK) as url:
        yield url


def test_credit_and_debit_notes_each_have_a_series_of_their_own_apart_from_the_invoices(caller: Caller) -> None:
    first, second = issued(caller), issued(caller)
    rods, other_rods = line_ids(first)[0], line_ids(second)[0]

    numbers = [
        credit(caller, first["id"], by_quantity(rods, 1))["number"],
        debit(caller, second["id"], by_amount(other_rods, 1))["number"],
        credit(caller, second["id"], by_quantity(other_rods, 1))["number"],
        debit(caller, first["id"], by_quantity(rods, 1), reason="ADDITIONAL_QUANTITY")["number"],
        credit(caller, first["id"], by_amount(rods, 1))["number"],
    ]
    third = issued(caller)

    assert numbers == [
        f"HO/CN/{YEAR}/000001",
        f"HO/DN/{YEAR}/000001",
        f"HO/CN/{YEAR}/000002",
        f"HO/DN/{YEAR}/000002",
        f"HO/CN/{YEAR}/000003",
    ]
    assert [invoice["mushakNumber"] for invoice in (first, second, third)] == [
        f"HO/{YEAR}/000001",
        f"HO/{YEAR}/000002",
        f"HO/{YEAR}/000003",
    ]


def test_a_refused_note_consumes_no_serial(caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)
    first = credit(caller, invoice["id"], by_quantity(rods, 1))

    refusals = [
        credit_body(caller, invoice["id"], by_quantity(rods, 100)),
        credit_body(caller, invoice["id"], by_quantity(rods, 1), date=str(dhaka_today() + timedelta(days=1))),
        credit_body(caller, invoice["id"], by_quantity(rods, 1), expectedVersion=1),
        credit_body(caller, invoice["id"], by_quantity(rods, 1), reason="OTHER"),
        debit_body(caller, invoice["id"], by_amount(rods, 9e12)),
    ]
    second = credit(caller, invoice["id"], by_quantity(rods, 1))
    first_debit = debit(caller, invoice["id"], by_amount(rods, 1))

    assert [body["errors"][0]["extensions"]["code"] for body in refusals] == [
        "BAD_USER_INPUT",
        "BAD_USER_INPUT",
        "CONFLICT",
        "BAD_USER_INPUT",
        "BAD_USER_INPUT",
    ]
    assert [first["serial"], second["serial"], first_debit["serial"]] == [1, 2, 1]
    assert second["number"] == f"HO/CN/{YEAR}/000002"


def test_each_tenant_numbers_its_notes_from_one(caller: Caller) -> None:
    other = Caller(caller.http, new_tenant())
    mine, theirs = issued(caller), issued(other)
    credit(caller, mine["id"], by_quantity(line_ids(mine)[0], 1))

    their_credit = credit(other, theirs["id"], by_quantity(line_ids(theirs)[0], 1))
    their_debit = debit(other, theirs["id"], by_amount(line_ids(theirs)[0], 1))
    my_second = credit(caller, mine["id"], by_quantity(line_ids(mine)[0], 1))

    assert (their_credit["number"], their_debit["number"], my_second["number"]) == (
        f"HO/CN/{YEAR}/000001",
        f"HO/DN/{YEAR}/000001",
        f"HO/CN/{YEAR}/000002",
    )


def _last_day_of_the_previous_fiscal_year(today: date) -> date:
    start = today.year if today.month >= 7 else today.year - 1
    return date(start, 6, 30)


def test_a_note_is_numbered_in_the_series_of_the_fiscal_year_of_its_date(caller: Caller) -> None:
    today = dhaka_today()
    june_30 = _last_day_of_the_previous_fiscal_year(today)
    with CLOCK.days_ago((today - june_30).days) as issue_day:
        invoice = issued(caller)
    [rods] = line_ids(invoice)
    last_year = fiscal_year_of(issue_day)

    back_dated = credit(caller, invoice["id"], by_quantity(rods, 1), date=str(issue_day))
    todays = credit(caller, invoice["id"], by_quantity(rods, 1))
    back_dated_again = credit(caller, invoice["id"], by_quantity(rods, 1), date=str(issue_day))
    back_dated_debit = debit(caller, invoice["id"], by_amount(rods, 1), date=str(issue_day))

    assert issue_day == june_30
    assert invoice["mushakNumber"] == f"HO/{last_year}/000001"
    assert [(n["number"], n["fiscalYear"]) for n in (back_dated, todays, back_dated_again, back_dated_debit)] == [
        (f"HO/CN/{last_year}/000001", f"{last_year[:4]}-{int(last_year[:4]) + 1}"),
        (f"HO/CN/{YEAR}/000001", f"{YEAR[:4]}-{int(YEAR[:4]) + 1}"),
        (f"HO/CN/{last_year}/000002", f"{last_year[:4]}-{int(last_year[:4]) + 1}"),
        (f"HO/DN/{last_year}/000001", f"{last_year[:4]}-{int(last_year[:4]) + 1}"),
    ]


def _race(base_url: str, caller: Caller, requests: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Send each (document, variables) at once, from a client of its own in a thread of its own."""
    start = threading.Barrier(len(requests))

    def send(request: tuple[str, dict[str, Any]]) -> dict[str, Any]:
        with httpx.Client(base_url=base_url, timeout=120) as http:
            racer = Caller(http, caller.tenant_id, caller.user_id, caller.roles)
            start.wait()
            return racer.graphql(*request)

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(send, requests))


def _credits(given: dict[str, Any], times: int) -> list[tuple[str, dict[str, Any]]]:
    return [(ISSUE_CREDIT, {"input": given})] * times


def test_fifty_concurrent_credit_notes_take_serials_one_to_fifty_and_fifty_units(base_url: str, caller: Caller) -> None:
    invoice = issued(caller)
    [rods] = line_ids(invoice)

    bodies = _race(base_url, caller, _credits(note_input(invoice["id"], "RETURN", by_quantity(rods, 1)), 50))

    notes = [body["data"]["issueCreditNote"] for body in bodies if not body.get("errors")]
    # Whatever was issued is gapless and took exactly its units, each note from what the one before left ...
    assert sorted(note["serial"] for note in notes) == list(range(1, len(notes) + 1))
    assert {note["number"] for note in notes} == {f"HO/CN/{YEAR}/{serial:06d}" for serial in range(1, len(notes) + 1)}
    assert sorted(note["lines"][0]["before"]["quantity"] for note in notes) == [
        float(q) for q in range(101 - len(notes), 101)
    ]
    read = adjustments(caller, invoice["id"])
    assert read["lineItems"][0]["adjusted"]["quantity"] == 100.0 - len(notes)
    assert taka(read["creditedTotal"]) == 5750 * len(notes)
    # ... and a note that named no expected version is never refused for racing the others.
    assert [body["errors"] for body in bodies if body.get("errors")] == []
    assert (read["creditedTotal"]["decimal"], read["adjustedTotal"]["decimal"]) == ("287500.00", "287500.00")
    listed = caller.data(CREDIT_NOTES, {"first": 100, "filter": {"invoiceId": invoice["id"]}})["creditNotes"]
    assert listed["totalCount"] == 50


def test_concurrent_notes_that_together_would_take_too_much_never_credit_more_than_the_line_carried(
    base_url: str, caller: Caller
) -> None:
    invoice = issued(caller, steel_rods(lineItems=[line(quantity=10, unitPrice=0.23, supplementaryDutyRate=0.1)]))
    [washers] = line_ids(invoice)

    bodies = _race(base_url, caller, _credits(note_input(invoice["id"], "RETURN", by_quantity(washers, 3)), 8))

    issued_notes = [body["data"]["issueCreditNote"] for body in bodies if not body.get("errors")]
    refused = [body for body in bodies if body.get("errors")]
    assert len(issued_notes) == 3
    assert sorted(note["serial"] for note in issued_notes) == [1, 2, 3]
    for body in refused:
        assert violated(body) == {("input.lines[0].quantity", "more_than_remains")}
        assert "carries a quantity of 1" in only_error(body, "BAD_USER_INPUT")["message"]
    read = adjustments(caller, invoice["id"])
    carried = read["lineItems"][0]["adjusted"]
    assert carried["quantity"] == 1.0
    # What is left is the invoice less the three notes: nothing taken twice, nothing below zero.
    assert (read["grandTotal"]["decimal"], read["creditedTotal"]["decimal"]) == ("2.91", "2.61")
    assert taka(read["creditedTotal"]) == sum((taka(note["total"]) for note in issued_notes), Decimal(0))
    assert credit(caller, invoice["id"], by_quantity(washers, 1))["lines"][0]["after"]["total"]["decimal"] == "0.00"


def test_notes_on_many_invoices_at_once_take_one_gapless_series_per_kind(base_url: str, caller: Caller) -> None:
    invoices = [issued(caller) for _ in range(15)]  # 575000.00 each; less 5750.00, plus 1.15
    requests = [
        request
        for invoice in invoices
        for request in (
            (ISSUE_CREDIT, {"input": note_input(invoice["id"], "RETURN", by_quantity(line_ids(invoice)[0], 1))}),
            (ISSUE_DEBIT, {"input": note_input(invoice["id"], "PRICE_INCREASE", by_amount(line_ids(invoice)[0], 1))}),
        )
    ]

    bodies = _race(base_url, caller, requests)

    assert [body.get("errors") for body in bodies] == [None] * 30
    credits = [body["data"]["issueCreditNote"] for body in bodies[0::2]]
    debits = [body["data"]["issueDebitNote"] for body in bodies[1::2]]
    assert sorted(note["serial"] for note in credits) == sorted(note["serial"] for note in debits) == list(range(1, 16))
    for invoice in invoices:
        read = adjustments(caller, invoice["id"])
        assert (len(read["creditNotes"]), len(read["debitNotes"]), read["adjustedTotal"]["decimal"]) == (
            1,
            1,
            "569251.15",
        )


def test_a_credit_note_racing_the_invoices_cancellation_leaves_one_of_them(base_url: str, caller: Caller) -> None:
    invoices = [issued(caller) for _ in range(6)]
    requests = [
        request
        for invoice in invoices
        for request in (
            (ISSUE_CREDIT, {"input": note_input(invoice["id"], "RETURN", by_quantity(line_ids(invoice)[0], 1))}),
            (CANCEL, {"id": invoice["id"], "reason": "Wrong customer"}),
        )
    ]

    bodies = _race(base_url, caller, requests)

    noted = 0
    for invoice, note, cancel in zip(invoices, bodies[0::2], bodies[1::2], strict=True):
        read = adjustments(caller, invoice["id"])
        assert [bool(note.get("errors")), bool(cancel.get("errors"))].count(True) == 1, (note, cancel)
        if note.get("errors"):
            only_error(note, "CONFLICT")
            assert (read["status"], read["creditNotes"]) == ("CANCELLED", [])
        else:
            noted += 1
            only_error(cancel, "CONFLICT")
            assert (read["status"], [n["id"] for n in read["creditNotes"]]) == (
                "APPROVED",
                [note["data"]["issueCreditNote"]["id"]],
            )
    issued_serials = sorted(
        body["data"]["issueCreditNote"]["serial"] for body in bodies[0::2] if not body.get("errors")
    )
    assert issued_serials == list(range(1, noted + 1))
