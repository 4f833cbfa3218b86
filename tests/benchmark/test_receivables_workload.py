"""Issue 14's operations in the workload: open invoices paid ৳1.00 in turn, statements of their customers."""

from __future__ import annotations

from typing import Any

from hisab.benchmark.receivables_workload import (
    AGEING,
    RECEIVABLE_OPERATIONS,
    RECORD_RECEIPT,
    STATEMENT,
    OpenInvoice,
    ReceiptQueue,
    open_invoices,
)
from hisab.benchmark.targets import DEFAULT_TARGETS, Target
from hisab.benchmark.workload import OPERATIONS, WorkloadState


def _page(*nodes: tuple[str, str, str]) -> dict[str, Any]:
    edges = [{"node": {"invoiceId": i, "customerId": c, "outstanding": {"decimal": o}}} for i, c, o in nodes]
    return {"invoiceBalances": {"edges": edges, "pageInfo": {"hasNextPage": False, "endCursor": None}}}


def test_only_invoices_owing_a_taka_or_more_are_taken_to_be_paid() -> None:
    page = _page(("inv-1", "customer-0001", "575000.00"), ("inv-2", "customer-0002", "0.50"))

    assert open_invoices(page) == [OpenInvoice("inv-1", "customer-0001")]


def test_receipts_pay_the_open_invoices_in_turn_one_taka_each() -> None:
    queue = ReceiptQueue([OpenInvoice("inv-1", "customer-0002"), OpenInvoice("inv-2", "customer-0001")])

    paid = [queue.receipt(n) for n in range(3)]

    assert [(r["customerId"], r["allocations"]) for r in paid if r is not None] == [
        ("customer-0002", [{"invoiceId": "inv-1", "amount": 1.0}]),
        ("customer-0001", [{"invoiceId": "inv-2", "amount": 1.0}]),
        ("customer-0002", [{"invoiceId": "inv-1", "amount": 1.0}]),
    ]
    assert all(r is not None and r["amount"] == 1.0 and r["method"] == "BANK_TRANSFER" for r in paid)
    assert queue.customers == ["customer-0001", "customer-0002"]


def test_the_workload_asks_for_the_ageing_of_today_and_statements_of_the_open_invoices_customers() -> None:
    state = WorkloadState(receipts=ReceiptQueue([OpenInvoice("inv-1", "customer-0001")]), today="2026-12-03")

    ageing = state.request("receivables_ageing")
    receipt = state.request("receipt_record")
    statement = state.request("customer_statement")

    assert ageing == (AGEING, {"asOf": "2026-12-03"})
    assert receipt is not None
    assert receipt[0] == RECORD_RECEIPT
    assert statement == (STATEMENT, {"customerId": "customer-0001", "from": "2024-07-01", "to": "2026-12-03"})


def test_without_open_invoices_receipts_and_statements_run_dry() -> None:
    state = WorkloadState(receipts=ReceiptQueue([]), today="2026-12-03")

    assert state.request("receipt_record") is None
    assert state.request("customer_statement") is None


def test_every_receivables_operation_is_in_the_workload_with_targets_at_both_concurrencies() -> None:
    assert set(RECEIVABLE_OPERATIONS) <= set(OPERATIONS)
    assert all((op, c) in DEFAULT_TARGETS for op in RECEIVABLE_OPERATIONS for c in (2, 10))
    assert DEFAULT_TARGETS[("receivables_ageing", 10)] == Target(p95_ms=100)
