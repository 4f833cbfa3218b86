"""The GraphQL documents of receivables and the steps their end-to-end tests repeat: invoices to
collect, receipts by each method, what an invoice still owes, and what the books show of it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.e2e.ledger.books import GET_ENTRY, LIST_ENTRIES, dhaka_today
from tests.e2e.notes.notes import issued
from tests.e2e.operations import CREATE, MONEY, line, steel_rods
from tests.e2e.server import Caller

WITHHOLDING_FIELDS = (
    f"id invoiceId invoice {{ id }} kind amount {MONEY} certificateNumber certificateDate certificatePending"
)
RECEIPT_FIELDS = f"""id number status customerId customerPartyId date method
  amount {MONEY} allocated {MONEY} unallocated {MONEY}
  depositAccountCode reference cheque {{ number bank branch chequeDate }} wallet {{ provider msisdn transactionId }}
  allocations {{ invoiceId invoice {{ id }} amount {MONEY} date }}
  withheld {{ {WITHHOLDING_FIELDS} }}
  warnings recordedBy recordedAt version"""
RECORD = f"mutation($input: RecordReceiptInput!) {{ recordReceipt(input: $input) {{ {RECEIPT_FIELDS} }} }}"
ALLOCATE = f"""mutation($receiptId: ID!, $allocations: [AllocationInput!]!, $expectedVersion: Int) {{
  allocateAdvance(receiptId: $receiptId, allocations: $allocations, expectedVersion: $expectedVersion) {{
    {RECEIPT_FIELDS} }} }}"""
DEPOSIT = f"""mutation($receiptId: ID!, $date: Date, $expectedVersion: Int) {{
  depositCheque(receiptId: $receiptId, date: $date, expectedVersion: $expectedVersion) {{ {RECEIPT_FIELDS} }} }}"""
CLEAR = f"""mutation($receiptId: ID!, $date: Date, $expectedVersion: Int) {{
  clearCheque(receiptId: $receiptId, date: $date, expectedVersion: $expectedVersion) {{ {RECEIPT_FIELDS} }} }}"""
BOUNCE = f"""mutation($receiptId: ID!, $reason: String!, $date: Date, $expectedVersion: Int) {{
  bounceCheque(receiptId: $receiptId, reason: $reason, date: $date, expectedVersion: $expectedVersion) {{
    {RECEIPT_FIELDS} }} }}"""
REVERSE = f"""mutation($receiptId: ID!, $reason: String!, $date: Date, $expectedVersion: Int) {{
  reverseReceipt(receiptId: $receiptId, reason: $reason, date: $date, expectedVersion: $expectedVersion) {{
    {RECEIPT_FIELDS} }} }}"""
CERTIFICATE = f"""mutation($withholdingId: ID!, $certificateNumber: String!, $date: Date!) {{
  recordWithholdingCertificate(withholdingId: $withholdingId, certificateNumber: $certificateNumber, date: $date) {{
    {RECEIPT_FIELDS} }} }}"""
GET_RECEIPT = f"query($id: ID!) {{ receipt(id: $id) {{ {RECEIPT_FIELDS} }} }}"
RECEIPTS = """query($first: Int, $after: String, $filter: ReceiptFilter) {
  receipts(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id number status } } } }"""

BALANCE_FIELDS = f"""invoiceId invoice {{ id }} mushakNumber customerId customerPartyId dueDate
  adjustedTotal {MONEY} amountPaid {MONEY} amountWithheld {MONEY} writtenOff {MONEY}
  outstanding {MONEY} paymentStatus daysOverdue"""
WRITE_OFF = f"""mutation($invoiceId: ID!, $reason: String!) {{
  writeOffBalance(invoiceId: $invoiceId, reason: $reason) {{ {BALANCE_FIELDS} }} }}"""
BALANCES = f"""query($first: Int, $after: String, $filter: BalanceFilter) {{
  invoiceBalances(first: $first, after: $after, filter: $filter) {{
    totalCount pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {{ {BALANCE_FIELDS} }} }} }} }}"""
PENDING = f"""query($first: Int, $after: String) {{ pendingCertificates(first: $first, after: $after) {{
  totalCount pageInfo {{ hasNextPage endCursor }}
  edges {{ cursor node {{ withholding {{ {WITHHOLDING_FIELDS} }} receiptId receiptNumber receiptDate customerId
    ageDays }} }} }} }}"""
OWED_FIELDS = f"""id status amountPaid {MONEY} amountWithheld {MONEY} outstanding {MONEY}
  paymentStatus daysOverdue receipts {{ id number status }}"""
OWED = f"query($id: ID!) {{ invoice(id: $id) {{ {OWED_FIELDS} }} }}"
UPDATE_SETTINGS = """mutation($input: TenantSettingsInput!) {
  updateTenantSettings(input: $input) { writeOffTolerance { decimal } } }"""
CREATE_PARTY = "mutation($input: CreatePartyInput!) { createParty(input: $input) { id code } }"

CUSTOMER = "customer-001"


# Invoices to collect


def small_invoice(price: float = 1000, **changes: Any) -> dict[str, Any]:
    """One line at `price` Taka, STANDARD VAT: 1,000 Taka owes 1,150.00, of it 150.00 VAT."""
    return steel_rods(lineItems=[line(description="Bolts", quantity=1, unitPrice=price)], **changes)


def owed_invoice(caller: Caller, invoice: dict[str, Any] | None = None) -> dict[str, Any]:
    """An issued tax invoice (the Steel Rods one, 5,75,000.00 with 75,000.00 VAT, unless another is given)."""
    return issued(caller, invoice)


def draft_invoice(caller: Caller, invoice: dict[str, Any] | None = None) -> dict[str, Any]:
    created: dict[str, Any] = caller.data(CREATE, {"input": invoice or steel_rods()})["createInvoice"]
    return created


def customer_party(caller: Caller, code: str = "C-KARIM") -> str:
    """A registered customer (a withholding entity), by its id."""
    party = {
        "code": code,
        "kind": ["CUSTOMER"],
        "legalName": "Karim Steel Ltd",
        "bin": "0028718210101",
        "withholdingEntity": True,
    }
    created: str = caller.data(CREATE_PARTY, {"input": party})["createParty"]["id"]
    return created


# Receipts


def allocation(invoice_id: str, amount: float) -> dict[str, Any]:
    return {"invoiceId": invoice_id, "amount": amount}


def withheld(invoice_id: str, kind: str, amount: float, **certificate: Any) -> dict[str, Any]:
    return {"invoiceId": invoice_id, "kind": kind, "amount": amount, **certificate}


def cheque(number: str = "000123", day: date | None = None) -> dict[str, Any]:
    return {"number": number, "bank": "Dutch-Bangla Bank", "branch": "Motijheel", "chequeDate": _iso(day)}


def wallet(provider: str = "BKASH", msisdn: str = "01712345678", transaction_id: str = "8N7A6D5C4B") -> dict[str, Any]:
    return {"provider": provider, "msisdn": msisdn, "transactionId": transaction_id}


def receipt_input(method: str, amount: float, *allocations: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A receipt from customer-001 today; a cheque or a wallet gets details unless `changes` give them."""
    given: dict[str, Any] = {
        "customerId": CUSTOMER,
        "method": method,
        "amount": amount,
        "allocations": list(allocations),
    }
    if method == "CHEQUE":
        given["cheque"] = cheque()
    if method == "MOBILE_WALLET":
        given["wallet"] = wallet()
    given.update(changes)
    return {key: value for key, value in given.items() if value is not None}


def record_body(caller: Caller, method: str, amount: float, *allocations: dict[str, Any], **changes: Any) -> Any:
    return caller.graphql(RECORD, {"input": receipt_input(method, amount, *allocations, **changes)})


def record(caller: Caller, method: str, amount: float, *allocations: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A receipt that must be recorded."""
    recorded: dict[str, Any] = caller.data(RECORD, {"input": receipt_input(method, amount, *allocations, **changes)})[
        "recordReceipt"
    ]
    return recorded


def receipt_of(caller: Caller, receipt_id: str) -> dict[str, Any]:
    found: dict[str, Any] = caller.data(GET_RECEIPT, {"id": receipt_id})["receipt"]
    return found


def change(caller: Caller, document: str, receipt_id: str, **variables: Any) -> dict[str, Any]:
    """Deposit, clear, bounce or reverse a receipt, which must succeed; the receipt as it is after."""
    data = caller.data(document, {"receiptId": receipt_id, **variables})
    [changed] = data.values()
    result: dict[str, Any] = changed
    return result


# What invoices owe


def owed(caller: Caller, invoice_id: str) -> dict[str, Any]:
    """The invoice's receivables fields, as GraphQL's `invoice` shows them."""
    found: dict[str, Any] = caller.data(OWED, {"id": invoice_id})["invoice"]
    return found


def settled(caller: Caller, invoice_id: str) -> tuple[str, str, str, str | None]:
    """(paid, withheld, outstanding, payment status) of an invoice, as exact strings."""
    found = owed(caller, invoice_id)
    return (
        found["amountPaid"]["decimal"],
        found["amountWithheld"]["decimal"],
        found["outstanding"]["decimal"],
        found["paymentStatus"],
    )


def balances(caller: Caller, **variables: Any) -> dict[str, Any]:
    found: dict[str, Any] = caller.data(BALANCES, variables)["invoiceBalances"]
    return found


def tolerate(caller: Caller, amount: float) -> None:
    """Set the tenant's write-off tolerance (an admin's setting)."""
    caller.data(UPDATE_SETTINGS, {"input": {"writeOffTolerance": amount}})


# The books


def entries_of(caller: Caller, document_id: str) -> list[dict[str, Any]]:
    """Every journal entry whose source is the document (its reversals too), oldest first, with their lines."""
    found = caller.data(LIST_ENTRIES, {"first": 100})["journalEntries"]
    entries = [caller.data(GET_ENTRY, {"id": edge["node"]["id"]})["journalEntry"] for edge in found["edges"]]
    mine = [entry for entry in entries if (entry["source"] or {}).get("documentId") == document_id]
    return sorted(mine, key=lambda entry: (entry["createdAt"], entry["number"]))


def write_off_entries(caller: Caller) -> list[dict[str, Any]]:
    """The adjustments that took something to the write-off expense (5800)."""
    found = caller.data(LIST_ENTRIES, {"first": 100, "filter": {"accountCode": "5800"}})["journalEntries"]
    return [caller.data(GET_ENTRY, {"id": edge["node"]["id"]})["journalEntry"] for edge in found["edges"]]


BOOK_ACCOUNTS = ("1121", "1110", "1131", "1210", "1220", "1230", "2300")
BALANCE_OF = "query($code: String!) { account(code: $code) { balance { decimal } } }"


def book_balances(caller: Caller, *codes: str) -> dict[str, str]:
    """The ledger balance of each account (the receipts' accounts unless named)."""
    wanted = codes or BOOK_ACCOUNTS
    return {code: caller.data(BALANCE_OF, {"code": code})["account"]["balance"]["decimal"] for code in wanted}


def days_ago(days: int) -> date:
    return dhaka_today() - timedelta(days=days)


def _iso(day: date | None) -> str:
    return (day or dhaka_today()).isoformat()
