"""A first credit and debit note over HTTP (issue 13)."""

from __future__ import annotations

from typing import Any

from tests.e2e.operations import APPROVE, CREATE, MONEY, steel_rods
from tests.e2e.server import Caller

FIGURES = f"quantity value {MONEY} supplementaryDuty {MONEY} vat {MONEY} total {MONEY}"
NOTE_FIELDS = f"""id number serial fiscalYear invoiceId invoiceMushakNumber date issuedAt issuedBy reason reasonText
  value {MONEY} supplementaryDuty {MONEY} vat {MONEY} total {MONEY} printCount
  lines {{ invoiceLineId position description before {{ {FIGURES} }} change {{ {FIGURES} }} after {{ {FIGURES} }} }}"""
ISSUE_CREDIT = f"mutation($input: IssueCreditNoteInput!) {{ issueCreditNote(input: $input) {{ {NOTE_FIELDS} }} }}"
ISSUE_DEBIT = f"mutation($input: IssueDebitNoteInput!) {{ issueDebitNote(input: $input) {{ {NOTE_FIELDS} }} }}"
INVOICE_NOTES = f"""query($id: ID!) {{ invoice(id: $id) {{ creditedTotal {MONEY} debitedTotal {MONEY}
  adjustedTotal {MONEY} creditedInFull creditNotes {{ number }} debitNotes {{ number }}
  lineItems {{ id adjusted {{ {FIGURES} }} }} }} }}"""


def _issued(caller: Caller) -> dict[str, Any]:
    created = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]
    approved: dict[str, Any] = caller.checker().data(APPROVE, {"id": created["id"]})["approveInvoice"]
    return approved


def test_a_return_then_a_price_increase_adjust_the_invoice(caller: Caller) -> None:
    invoice = _issued(caller)
    line_id = invoice["lineItems"][0]["id"]

    credit = caller.data(
        ISSUE_CREDIT,
        {
            "input": {
                "invoiceId": invoice["id"],
                "reason": "RETURN",
                "lines": [{"invoiceLineId": line_id, "quantity": 10}],
            }
        },
    )["issueCreditNote"]
    debit = caller.data(
        ISSUE_DEBIT,
        {"input": {"invoiceId": invoice["id"], "reason": "PRICE_INCREASE",
                   "lines": [{"invoiceLineId": line_id, "amount": 1000}]}},
    )["issueDebitNote"]  # fmt: skip

    assert credit["number"].split("/")[1] == "CN"
    assert credit["serial"] == 1
    assert credit["total"]["decimal"] == "57500.00"
    assert debit["number"].split("/")[1] == "DN"
    assert debit["total"]["decimal"] == "1150.00"
    read = caller.data(INVOICE_NOTES, {"id": invoice["id"]})["invoice"]
    assert read["adjustedTotal"]["decimal"] == "518650.00"
    assert [n["number"] for n in read["creditNotes"]] == [credit["number"]]
    assert read["creditedInFull"] is False
