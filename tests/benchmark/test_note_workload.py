from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from hisab.benchmark.note_workload import (
    CREDIT_NOTES,
    INVOICE_WITH_NOTES,
    ISSUE_CREDIT_NOTE,
    NOTE_OPERATIONS,
    Credit,
    CreditableLine,
    CreditQueue,
    credit_note_input,
    creditable,
    creditable_lines,
    noted_invoice_ids,
)
from hisab.benchmark.workload import OPERATIONS, WorkloadState


def _invoice(invoice_id: str, *quantities: float) -> dict[str, Any]:
    """An `ISSUED_INVOICES` node as the server answers it."""
    lines = [{"id": f"{invoice_id}-line-{n}", "adjusted": {"quantity": q}} for n, q in enumerate(quantities, 1)]
    return {"id": invoice_id, "lineItems": lines}


def _drain(queue: CreditQueue) -> list[Credit]:
    taken = []
    while (credit := queue.take()) is not None:
        taken.append(credit)
    return taken


def test_a_credit_queue_never_asks_a_line_for_more_than_it_still_carries() -> None:
    lines = [CreditableLine("a", "a-1", Decimal("3")), CreditableLine("b", "b-1", Decimal("1.5"))]
    taken = _drain(CreditQueue(lines))

    per_line = Counter(credit.line_id for credit in taken)
    assert per_line == {"a-1": 3, "b-1": 1}
    assert {credit.quantity for credit in taken} == {Decimal(1)}
    assert CreditQueue(lines).take() is None  # the lines themselves were spent by the first queue


def test_lines_carrying_less_than_a_unit_are_never_asked() -> None:
    queue = CreditQueue([CreditableLine("a", "a-1", Decimal("0.5")), CreditableLine("b", "b-1", Decimal(0))])
    assert len(queue) == 0
    assert queue.take() is None


def test_an_invoice_is_credited_again_only_after_every_other_invoice_had_its_turn() -> None:
    lines = creditable_lines([_invoice("a", 2, 2), _invoice("b", 1, 3), _invoice("c", 4)])
    taken = _drain(CreditQueue(lines))

    assert [credit.invoice_id for credit in taken] == ["a", "b", "c"] * 4
    assert [credit.line_id for credit in taken if credit.invoice_id == "a"] == ["a-line-1", "a-line-2"] * 2
    assert [credit.line_id for credit in taken if credit.invoice_id == "b"] == ["b-line-1"] + ["b-line-2"] * 3


def test_the_lines_to_credit_carry_what_the_server_says_is_left_of_each() -> None:
    lines = creditable_lines([_invoice("a", 10, 11.5), _invoice("b", 12.0)])
    assert [(line.invoice_id, line.line_id, line.remaining) for line in lines] == [
        ("a", "a-line-1", Decimal("10")),
        ("a", "a-line-2", Decimal("11.5")),
        ("b", "b-line-1", Decimal("12.0")),
    ]


def test_an_invoice_is_creditable_while_one_of_its_lines_carries_a_unit() -> None:
    assert creditable(_invoice("a", 0, 1))
    assert not creditable(_invoice("b", 0, 0.5))


def test_noted_invoices_are_named_once_each_in_the_order_of_their_newest_note() -> None:
    data = {"creditNotes": {"edges": [{"node": {"invoiceId": i}} for i in ("x", "y", "x", "z", "y")]}}
    assert noted_invoice_ids(data) == ["x", "y", "z"]


def test_a_bench_credit_note_is_a_one_line_return_by_quantity() -> None:
    body = credit_note_input(Credit("invoice-1", "line-2", Decimal(1)), 7)
    assert body == {
        "invoiceId": "invoice-1",
        "reason": "RETURN",
        "reasonText": "Bench return 7: damaged in transit",
        "lines": [{"invoiceLineId": "line-2", "quantity": 1.0}],
    }


def test_issuing_credit_notes_waits_for_its_lines_and_stops_when_they_are_spent() -> None:
    state = WorkloadState()
    assert state.request("credit_note_issue") is None
    state.credits = CreditQueue(creditable_lines([_invoice("a", 1), _invoice("b", 1)]))

    sent = [state.request("credit_note_issue") for _ in range(3)]
    assert [request[0] if request else None for request in sent] == [ISSUE_CREDIT_NOTE, ISSUE_CREDIT_NOTE, None]
    assert [request[1]["input"]["invoiceId"] for request in sent if request] == ["a", "b"]


def test_reading_invoices_with_notes_cycles_through_the_noted_invoices() -> None:
    assert WorkloadState().request("invoice_with_notes_get") is None
    state = WorkloadState(noted=["x", "y"])
    asked = [state.request("invoice_with_notes_get") for _ in range(4)]
    assert asked == [(INVOICE_WITH_NOTES, {"id": i}) for i in ("x", "y", "x", "y")]
    assert WorkloadState().request("credit_notes_list") == (CREDIT_NOTES, {})


def test_the_note_operations_are_operations_of_the_bench() -> None:
    assert set(NOTE_OPERATIONS) <= set(OPERATIONS)
    assert len(OPERATIONS) == len(set(OPERATIONS))
