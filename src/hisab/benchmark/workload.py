"""The standard workload: what each operation sends."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hisab.benchmark.note_workload import (
    CREDIT_NOTES,
    INVOICE_WITH_NOTES,
    ISSUE_CREDIT_NOTE,
    NOTE_OPERATIONS,
    CreditQueue,
    credit_note_input,
)
from hisab.benchmark.receivables_workload import (
    AGEING,
    RECEIVABLE_OPERATIONS,
    RECORD_RECEIPT,
    STATEMENT,
    STATEMENT_FROM,
    ReceiptQueue,
)
from hisab.benchmark.vat_workload import VAT_OPERATIONS, VAT_RETURN, VAT_RETURN_CHECKS, quarter_of
from hisab.benchmark.web_workload import PAGE_OPERATIONS, page_path
from hisab.kernel.fiscal_year import BANGLADESH_TIME

CREATE = "mutation Create($input: CreateInvoiceInput!) { createInvoice(input: $input) { id version } }"
GET = (
    "query Get($id: ID!) { invoice(id: $id) { id invoiceNumber status grandTotal { decimal formattedAmount } "
    "lineItems { description quantity vatRate amount { decimal } } } }"
)
LIST = (
    "query List($after: String) { invoices(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } "
    "edges { node { id invoiceNumber status grandTotal { decimal } lineItems { description amount { decimal } } } } } }"
)
APPROVE = "mutation Approve($id: ID!) { approveInvoice(id: $id) { id mushakNumber } }"
# Not GraphQL: the import is a file upload (docs/import.md); its "document" is the path it is posted to.
IMPORT_PATH = "/imports/invoices"
CREATE_PARTY = "mutation CreateParty($input: CreatePartyInput!) { createParty(input: $input) { id version } }"
UPDATE = (
    "mutation Update($id: ID!, $input: UpdateInvoiceInput!) { updateInvoice(id: $id, input: $input) "
    "{ id version grandTotal { decimal } } }"
)

# Issue 12's books: reports over a tenant seeded with `hisab bench seed --journal-lines`.
TRIAL_BALANCE = (
    "query TrialBalance($asOf: Date!) { trialBalance(asOf: $asOf) { asOf fiscalYear balanced "
    "rows { account { code name } openingDebit { decimal } openingCredit { decimal } debit { decimal } "
    "credit { decimal } closingDebit { decimal } closingCredit { decimal } } "
    "totals { openingDebit { decimal } openingCredit { decimal } debit { decimal } credit { decimal } "
    "closingDebit { decimal } closingCredit { decimal } } } }"
)
ACCOUNT_LEDGER = (
    "query AccountLedger($code: String!, $from: Date!, $to: Date!, $after: String) "
    "{ accountLedger(code: $code, from: $from, to: $to, first: 50, after: $after) "
    "{ openingBalance { decimal } closingBalance { decimal } pageInfo { hasNextPage endCursor } "
    "edges { cursor node { entryNumber date narration lineNumber debit { decimal } credit { decimal } "
    "balance { decimal } project partyId } } } }"
)
CREATE_JOURNAL_ENTRY = (
    "mutation CreateJournalEntry($input: CreateJournalEntryInput!) { createJournalEntry(input: $input) { id status } }"
)
POST_JOURNAL_ENTRY = "mutation PostJournalEntry($id: ID!) { postJournalEntry(id: $id) { id number status } }"
# The seeded books' span and their busiest account (docs/performance.md, "The books").
LEDGER_AS_OF = "2026-06-30"
LEDGER_FROM, LEDGER_TO = "2024-07-01", "2026-06-30"
LEDGER_ACCOUNT = "1121"

OPERATIONS = (
    "create", "create10", "get", "list", "approve", "party_create", "invoice_update", "import",
    "journal_post", "trial_balance", "account_ledger_first", "account_ledger_deep", *NOTE_OPERATIONS,
    *RECEIVABLE_OPERATIONS, *VAT_OPERATIONS, *PAGE_OPERATIONS,
)  # fmt: skip
# The columns of the bench's invoice import: one row per invoice, as a one-line `create` sends.
IMPORT_HEADER = "invoice_ref,vendor_id,customer_id,invoice_date,due_date,description,quantity,unit_price,vat_category\n"


def invoice_input(lines: int, sequence: int) -> dict[str, Any]:
    """A realistic construction-supply invoice with `lines` lines of varied VAT categories."""
    categories = ("STANDARD", "REDUCED", "ZERO_RATED", "TRUNCATED")
    return {
        "vendorId": "vendor-bench",
        "customerId": f"customer-{sequence % 50:03d}",
        "invoiceDate": "2025-01-15",
        "dueDate": "2025-02-15",
        "lineItems": [
            {
                "description": f"Construction material #{n}",
                "quantity": 10 + n,
                "unitPrice": 1250.5,
                "vatCategory": categories[n % len(categories)],
                "supplementaryDutyRate": 0.1 if n % 3 == 0 else None,
                "unitOfSupply": "pcs",
            }
            for n in range(lines)
        ],
    }


def party_input(run: str, sequence: int) -> dict[str, Any]:
    """A customer with a code of its own: codes are unique per tenant, and runs share a tenant."""
    return {
        "code": f"B{run}-{sequence}",
        "kind": ["CUSTOMER"],
        "legalName": f"Bench Builders {sequence} Ltd",
        "legalNameBn": "বেঞ্চ বিল্ডার্স লিমিটেড",
        "bin": "0028718210101",
        "phone": "01712345678",
        "address": "House 12, Road 4, Dhanmondi, Dhaka 1205",
        "creditDays": 30,
        "creditLimit": 500000,
    }


def correction(sequence: int) -> dict[str, Any]:
    """A draft's lines replaced (and so recalculated), as an accountant's correction does."""
    return {"buyerName": f"Corrected buyer {sequence}", "lineItems": invoice_input(3, sequence)["lineItems"]}


def import_csv(invoices: int, batch: int) -> str:
    """A CSV of `invoices` one-line invoices, their refs unique to this upload (`batch`)."""
    categories = ("STANDARD", "REDUCED", "ZERO_RATED", "TRUNCATED")
    rows = (
        f"B{batch}-{n},vendor-bench,customer-{n % 50:03d},2025-01-15,2025-02-15,Construction material #{n},"
        f"{10 + n % 7},1250.50,{categories[n % len(categories)]}\n"
        for n in range(invoices)
    )
    return IMPORT_HEADER + "".join(rows)


def journal_entry_input(sequence: int) -> dict[str, Any]:
    """A site's purchase of materials and labour paid from the bank, as an accountant enters it."""
    materials = 12_500 + sequence % 1000
    return {
        "date": "2026-01-15",
        "kind": "GENERAL",
        "narration": f"Site materials and labour, week {sequence}",
        "reference": f"BENCH-{sequence}",
        "lines": [
            {"accountCode": "5100", "debit": materials, "project": "PADMA-BRIDGE-LINK"},
            {"accountCode": "5200", "debit": 8_000, "project": "PADMA-BRIDGE-LINK", "memo": "labour"},
            {"accountCode": "1121", "credit": materials + 8_000},
        ],
    }


def ledger_page(after: str | None) -> dict[str, Any]:
    return {"code": LEDGER_ACCOUNT, "from": LEDGER_FROM, "to": LEDGER_TO, "after": after}


@dataclass
class WorkloadState:
    """Ids created along the way: reads use them, approvals consume drafts, corrections edit the seeded drafts,
    credit notes take from issued invoices' lines."""

    created: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)
    editable: list[str] = field(default_factory=list)
    sequence: itertools.count[int] = field(default_factory=itertools.count)
    run: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    # The cursor of a page ~1,000 pages into the account's ledger, found once before `account_ledger_deep`.
    deep_cursor: str | None = None
    # Found once before the credit-note operations that need them (runner.py).
    credits: CreditQueue | None = None
    noted: list[str] = field(default_factory=list)
    # Open invoices found once before the receivables' operations (runner.py), and the day they are read as of.
    receipts: ReceiptQueue | None = None
    today: str = ""

    def request(self, operation: str) -> tuple[str, dict[str, Any]] | None:
        """The document and variables of the next `operation`, or None when there is nothing to do."""
        n = next(self.sequence)
        if operation in ("create", "create10"):
            return CREATE, {"input": invoice_input(10 if operation == "create10" else 1, n)}
        if operation == "get":
            return (GET, {"id": self.created[n % len(self.created)]}) if self.created else None
        if operation == "list":
            return LIST, {}
        if operation == "approve":
            return (APPROVE, {"id": self.drafts.pop()}) if self.drafts else None
        if operation == "import":
            return IMPORT_PATH, {"batch": n}
        if operation == "party_create":
            return CREATE_PARTY, {"input": party_input(self.run, n)}
        if operation == "invoice_update":
            editable = self.editable
            return (UPDATE, {"id": editable[n % len(editable)], "input": correction(n)}) if editable else None
        if operation == "trial_balance":
            return TRIAL_BALANCE, {"asOf": LEDGER_AS_OF}
        if operation == "account_ledger_first":
            return ACCOUNT_LEDGER, ledger_page(None)
        if operation == "account_ledger_deep":
            return (ACCOUNT_LEDGER, ledger_page(self.deep_cursor)) if self.deep_cursor else None
        if operation == "journal_post":
            return CREATE_JOURNAL_ENTRY, {"input": journal_entry_input(n)}
        if operation == "credit_note_issue":
            credit = self.credits.take() if self.credits is not None else None
            return (ISSUE_CREDIT_NOTE, {"input": credit_note_input(credit, n)}) if credit else None
        if operation == "credit_notes_list":
            return CREDIT_NOTES, {}
        if operation == "invoice_with_notes_get":
            return (INVOICE_WITH_NOTES, {"id": self.noted[n % len(self.noted)]}) if self.noted else None
        if operation in RECEIVABLE_OPERATIONS:
            return self._receivables(operation, n)
        if operation in PAGE_OPERATIONS:
            invoice = self.created[n % len(self.created)] if self.created else None
            path = page_path(operation, invoice)
            return (path, {}) if path else None
        if operation in VAT_OPERATIONS:
            period = quarter_of(datetime.now(BANGLADESH_TIME).date())
            return (VAT_RETURN if operation == "vat_return" else VAT_RETURN_CHECKS), {"period": period}
        raise ValueError(f"unknown operation {operation!r}; choose from {', '.join(OPERATIONS)}")

    def _receivables(self, operation: str, n: int) -> tuple[str, dict[str, Any]] | None:
        if operation == "receivables_ageing":
            return AGEING, {"asOf": self.today}
        if self.receipts is None:
            return None
        if operation == "receipt_record":
            receipt = self.receipts.receipt(n)
            return (RECORD_RECEIPT, {"input": receipt}) if receipt else None
        customers = self.receipts.customers
        if not customers:
            return None
        return STATEMENT, {"customerId": customers[n % len(customers)], "from": STATEMENT_FROM, "to": self.today}
