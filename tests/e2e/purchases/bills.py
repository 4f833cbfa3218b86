"""The GraphQL documents of bills received and the steps their end-to-end tests repeat."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.e2e.ledger.books import dhaka_today
from tests.e2e.operations import MONEY
from tests.e2e.server import Caller

REFUSAL_FIELDS = "lineId position rule message"
LINE_FIELDS = f"""id position description itemId hsCode serviceCode unit vatCategory vatRate claimed inputCredit
  refusal {{ {REFUSAL_FIELDS} }} accountCode project recordedQuantity recordedValue {MONEY}
  recordedSupplementaryDuty {MONEY} recordedVat {MONEY} quantity value {MONEY} supplementaryDuty {MONEY}
  vat {MONEY} creditableVat {MONEY} total {MONEY}"""
NOTE_FIELDS = f"""id kind supplierNoteNumber noteDate reason
  lines {{ lineId quantity value {MONEY} supplementaryDuty {MONEY} vat {MONEY} creditableVat {MONEY} }}
  value {MONEY} supplementaryDuty {MONEY} vat {MONEY} creditableVat {MONEY} total {MONEY} recordedBy recordedAt"""
BILL_FIELDS = f"""id number supplier {{ partyId name address bin tin nid }} supplierInvoiceNumber supplierInvoiceDate
  receivedDate dueDate billOfEntry {{ number date customsHouse }} reference lines {{ {LINE_FIELDS} }}
  notes {{ {NOTE_FIELDS} }} refusals {{ {REFUSAL_FIELDS} }} value {MONEY} supplementaryDuty {MONEY} vat {MONEY}
  creditableVat {MONEY} total {MONEY} recordedBy recordedAt version"""
RECORD_BILL = f"mutation($input: RecordBillInput!) {{ recordBill(input: $input) {{ {BILL_FIELDS} }} }}"
RECORD_NOTE = f"""mutation($input: RecordSupplierNoteInput!, $expectedVersion: Int) {{
  recordSupplierNote(input: $input, expectedVersion: $expectedVersion) {{ {BILL_FIELDS} }} }}"""
GET_BILL = f"query($id: ID!) {{ bill(id: $id) {{ {BILL_FIELDS} }} }}"
BILLS = """query($first: Int, $after: String, $filter: BillFilter) {
  bills(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id number supplierInvoiceNumber } } } }"""
CREATE_PARTY = "mutation($input: CreatePartyInput!) { createParty(input: $input) { id code } }"


def supplier(caller: Caller, **changes: Any) -> str:
    """A registered supplier party (with a BIN and 30 days' credit unless changed); its id."""
    party: dict[str, Any] = {
        "code": "S-001",
        "kind": ["SUPPLIER"],
        "legalName": "Meghna Cement Mills Ltd",
        "bin": "000456789-0101",
        "address": "Mograpara, Sonargaon, Narayanganj",
        "creditDays": 30,
        **changes,
    }
    created: str = caller.data(CREATE_PARTY, {"input": party})["createParty"]["id"]
    return created


def cement_line(**changes: Any) -> dict[str, Any]:
    """100 bags for 50,000.00 at 15%: VAT 7,500.00."""
    return {"description": "Portland cement, 50 kg bags", "quantity": 100, "unit": "bag", "value": 50000, **changes}


def bill(party_id: str, *lines: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A bill received two days ago, of an invoice dated three days ago."""
    today = dhaka_today()
    return {
        "supplierPartyId": party_id,
        "supplierInvoiceNumber": "MCM/2026-27/004512",
        "supplierInvoiceDate": (today - timedelta(days=3)).isoformat(),
        "receivedDate": (today - timedelta(days=2)).isoformat(),
        "lines": list(lines) or [cement_line()],
        **changes,
    }


def recorded(caller: Caller, request: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = caller.data(RECORD_BILL, {"input": request})["recordBill"]
    return found
