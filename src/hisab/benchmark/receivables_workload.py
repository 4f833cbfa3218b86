"""Issue 14's receivables in the workload: recording a receipt, the ageing, a customer's statement.

`receipt_record` records a bank transfer of ৳1.00 allocated to one open invoice (its stream held,
its balance read and re-summed, the receipt numbered, and its cash-receipts posting in the same
transaction); the invoices are taken in turn, so requests in flight together settle different
invoices. `receivables_ageing` is the tenant's whole ageing as of today; `customer_statement` is
one customer's statement over the seeded fiscal years, the customers taken in turn.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

RECORD_RECEIPT = (
    "mutation RecordReceipt($input: RecordReceiptInput!) { recordReceipt(input: $input) "
    "{ id number status amount { decimal } allocated { decimal } } }"
)
AGEING = (
    "query Ageing($asOf: Date!) { receivablesAgeing(asOf: $asOf) { asOf buckets "
    "customers { customerId customerName current { decimal } pastDue { label amount { decimal } } total { decimal } } "
    "totals { current { decimal } pastDue { label amount { decimal } } total { decimal } } } }"
)
STATEMENT = (
    "query Statement($customerId: String!, $from: Date!, $to: Date!) "
    "{ customerStatement(customerId: $customerId, from: $from, to: $to) { openingBalance { decimal } "
    "lines { date kind documentNumber invoiceNumber description debit { decimal } credit { decimal } "
    "balance { decimal } } closingBalance { decimal } unappliedAdvance { decimal } } }"
)
# Unmeasured preparation: open invoices, a page of 100 at a time.
OPEN_INVOICES = (
    "query OpenInvoices($after: String) { invoiceBalances(first: 100, after: $after, "
    "filter: { paymentStatus: [UNPAID, PARTIALLY_PAID] }) { pageInfo { hasNextPage endCursor } "
    "edges { node { invoiceId customerId outstanding { decimal } } } } }"
)
RECEIVABLE_OPERATIONS = ("receipt_record", "receivables_ageing", "customer_statement")
# The seeded invoices' span (bench seed: fiscal year 2024-25 onwards) to today.
STATEMENT_FROM = "2024-07-01"


@dataclass(frozen=True, slots=True)
class OpenInvoice:
    invoice_id: str
    customer_id: str


def open_invoices(data: dict[str, Any]) -> list[OpenInvoice]:
    """The invoices of an `OPEN_INVOICES` answer that still owe at least the ৳1.00 a receipt allocates."""
    return [
        OpenInvoice(edge["node"]["invoiceId"], edge["node"]["customerId"])
        for edge in data["invoiceBalances"]["edges"]
        if float(edge["node"]["outstanding"]["decimal"]) >= 1
    ]


class ReceiptQueue:
    """Open invoices in turn, each paid ৳1.00 at a time: a seeded invoice owes thousands, so none runs dry."""

    def __init__(self, invoices: Sequence[OpenInvoice]) -> None:
        self._invoices = itertools.cycle(invoices) if invoices else None
        self.customers = sorted({invoice.customer_id for invoice in invoices})

    def receipt(self, sequence: int) -> dict[str, Any] | None:
        if self._invoices is None:
            return None
        invoice = next(self._invoices)
        return {
            "customerId": invoice.customer_id,
            "method": "BANK_TRANSFER",
            "amount": 1.0,
            "reference": f"BENCH-TT-{sequence}",
            "allocations": [{"invoiceId": invoice.invoice_id, "amount": 1.0}],
        }
