"""Issue 13's credit notes in the workload: issuing one against an issued invoice, and reading them back.

`credit_note_issue` credits one unit of one line of an issued invoice per request (a partial
return, valued at the line's unit price, with its SD and VAT and its sales-journal posting in the
same transaction). The lines come from the tenant's issued invoices as the server reports them
(what each still carries after earlier notes), taken in turn across invoices, so requests in
flight together adjust different invoices (no retries on the invoice's stream) and no line is
ever asked for more than it carries.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

ISSUE_CREDIT_NOTE = (
    "mutation IssueCreditNote($input: IssueCreditNoteInput!) { issueCreditNote(input: $input) "
    "{ id number invoiceId total { decimal } } }"
)
# The first page of credit notes as an accountant's list shows them: each with its lines' before, change, after.
CREDIT_NOTES = (
    "query CreditNotes { creditNotes(first: 20) { totalCount pageInfo { hasNextPage endCursor } "
    "edges { node { id number date reason invoiceId invoiceMushakNumber value { decimal } "
    "supplementaryDuty { decimal } vat { decimal } total { decimal } "
    "lines { invoiceLineId position description before { quantity total { decimal } } "
    "change { quantity value { decimal } supplementaryDuty { decimal } vat { decimal } } "
    "after { quantity total { decimal } } } } } } }"
)
# One invoice as it stands after its notes: totals, each line's adjusted figures, and the notes themselves.
INVOICE_WITH_NOTES = (
    "query InvoiceWithNotes($id: ID!) { invoice(id: $id) { id invoiceNumber mushakNumber status "
    "grandTotal { decimal } creditedTotal { decimal } adjustedTotal { decimal } creditedInFull "
    "lineItems { id description quantity amount { decimal } adjusted { quantity total { decimal } } } "
    "creditNotes { id number date reason total { decimal } "
    "lines { invoiceLineId change { quantity value { decimal } vat { decimal } } } } } }"
)
# Unmeasured preparation: the issued invoices' lines with what each still carries, a page of 100 at a time.
ISSUED_INVOICES = (
    "query IssuedInvoices($after: String) { invoices(first: 100, after: $after, filter: { status: [APPROVED] }) "
    "{ pageInfo { hasNextPage endCursor } edges { node { id lineItems { id adjusted { quantity } } } } } }"
)
# Unmeasured preparation: invoices that have credit notes, from the newest hundred notes.
NOTED_INVOICES = "query NotedInvoices { creditNotes(first: 100) { edges { node { invoiceId } } } }"

NOTE_OPERATIONS = ("credit_note_issue", "credit_notes_list", "invoice_with_notes_get")
CREDIT_QUANTITY = Decimal(1)


@dataclass(slots=True)
class CreditableLine:
    invoice_id: str
    line_id: str
    remaining: Decimal


@dataclass(frozen=True, slots=True)
class Credit:
    """What one request credits: a quantity of one line of one invoice."""

    invoice_id: str
    line_id: str
    quantity: Decimal


class CreditQueue:
    """Credits of one unit, invoice after invoice: an invoice is asked again only after every other
    invoice with something left has had its turn, its lines in turn, and a line never for more than
    it still carries."""

    def __init__(self, lines: Iterable[CreditableLine], quantity: Decimal = CREDIT_QUANTITY) -> None:
        self.quantity = quantity
        by_invoice: dict[str, deque[CreditableLine]] = {}
        for line in lines:
            if line.remaining >= quantity:
                by_invoice.setdefault(line.invoice_id, deque()).append(line)
        self._invoices = deque(by_invoice.values())

    def __len__(self) -> int:
        """Invoices with a line left to credit."""
        return len(self._invoices)

    def take(self) -> Credit | None:
        """The next credit, or None when every line is spent."""
        if not self._invoices:
            return None
        lines = self._invoices.popleft()
        line = lines.popleft()
        line.remaining -= self.quantity
        if line.remaining >= self.quantity:
            lines.append(line)
        if lines:
            self._invoices.append(lines)
        return Credit(line.invoice_id, line.line_id, self.quantity)


def creditable_lines(invoices: Sequence[dict[str, Any]]) -> list[CreditableLine]:
    """The lines of `ISSUED_INVOICES` nodes, with the quantity each still carries after earlier notes."""
    return [
        CreditableLine(invoice["id"], line["id"], Decimal(str(line["adjusted"]["quantity"])))
        for invoice in invoices
        for line in invoice["lineItems"]
    ]


def creditable(invoice: dict[str, Any], quantity: Decimal = CREDIT_QUANTITY) -> bool:
    """Whether an `ISSUED_INVOICES` node has a line that still carries `quantity` to credit."""
    return any(Decimal(str(line["adjusted"]["quantity"])) >= quantity for line in invoice["lineItems"])


def noted_invoice_ids(data: dict[str, Any]) -> list[str]:
    """The invoices of a `NOTED_INVOICES` answer, each once, in the order of their newest note."""
    return list(dict.fromkeys(edge["node"]["invoiceId"] for edge in data["creditNotes"]["edges"]))


def credit_note_input(credit: Credit, sequence: int) -> dict[str, Any]:
    """A one-line return of the credit's quantity, dated today (the server's default)."""
    return {
        "invoiceId": credit.invoice_id,
        "reason": "RETURN",
        "reasonText": f"Bench return {sequence}: damaged in transit",
        "lines": [{"invoiceLineId": credit.line_id, "quantity": float(credit.quantity)}],
    }
