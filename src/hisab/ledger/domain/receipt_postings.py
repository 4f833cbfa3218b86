"""What receipts and write-offs post, read from the receivables context's published events.

A receipt posts in the cash-receipts journal on its date: Dr the account the money went to (the
receipt's own, or the one the posting rules give its method or wallet), Dr VDS Receivable and AIT
Receivable for what the customer withheld, Cr Accounts Receivable for what it settles, and Cr
Customer Advances for the rest. Applying an advance later moves it from Customer Advances to the
receivable; a write-off moves what is left of an invoice to expense (bangladesh-vat-returns.md §6).
"""

from __future__ import annotations

from decimal import Decimal

from hisab.kernel.money import ZERO
from hisab.ledger.domain.accounts import AccountType
from hisab.ledger.domain.books import Books
from hisab.ledger.domain.events import SourceDocument
from hisab.ledger.domain.journal import EntryContent, JournalKind, JournalLine
from hisab.ledger.domain.posting_rules import RECEIPT, WRITE_OFF
from hisab.receivables.domain.events import AdvanceAllocated, BalanceWrittenOff, ReceiptRecorded

# The posting role of the account money of each method (and wallet provider) goes to, by default.
_DEPOSIT_ROLES = {"BANK_TRANSFER": "BANK", "CHEQUE": "BANK", "CARD": "BANK", "CASH": "CASH"}


def receipt_party(recorded: ReceiptRecorded) -> str:
    return recorded.customer_party_id or recorded.customer_id


def receipt_source(recorded: ReceiptRecorded) -> SourceDocument:
    return SourceDocument(RECEIPT, recorded.receipt_id, recorded.receipt_number)


def deposit_account(recorded: ReceiptRecorded, books: Books) -> str:
    """The receipt's own account (an active leaf asset), or the posting rules' account for its method."""
    code = recorded.deposit_account_code
    if code is None:
        role = recorded.wallet.provider if recorded.wallet is not None else _DEPOSIT_ROLES[recorded.method]
        return books.posting_account(RECEIPT, role).code
    return books.ensure_postable(
        code, "deposit_account_code", lambda kind: kind is AccountType.ASSET, "asset_account",
        f"{code} is not an asset account",
    )  # fmt: skip


def receipt_entry(recorded: ReceiptRecorded, books: Books) -> EntryContent:
    party = receipt_party(recorded)
    receivable = books.posting_account(RECEIPT, "RECEIVABLE").code
    advances = books.posting_account(RECEIPT, "ADVANCES").code
    withheld_into = {
        "VDS": books.posting_account(RECEIPT, "VDS_RECEIVABLE").code,
        "AIT": books.posting_account(RECEIPT, "AIT_RECEIVABLE").code,
    }
    allocated = sum((a.amount for a in recorded.allocations), ZERO)
    withheld = sum((w.amount for w in recorded.withholdings), ZERO)
    lines = [JournalLine(deposit_account(recorded, books), recorded.amount, ZERO)]
    lines += [
        JournalLine(withheld_into[w.kind], w.amount, ZERO, party_id=party, memo=f"{w.kind} withheld")
        for w in recorded.withholdings
    ]
    if allocated + withheld:
        lines.append(JournalLine(receivable, ZERO, allocated + withheld, party_id=party))
    if recorded.amount > allocated:
        lines.append(JournalLine(advances, ZERO, recorded.amount - allocated, party_id=party, memo="advance"))
    narration = f"Receipt {recorded.receipt_number} from {recorded.customer_id} ({recorded.method.lower()})"
    return EntryContent(JournalKind.CASH_RECEIPT, recorded.receipt_date, narration, recorded.receipt_number,
                        tuple(lines))  # fmt: skip


def advance_entry(recorded: ReceiptRecorded, applied: AdvanceAllocated, books: Books) -> EntryContent:
    party = receipt_party(recorded)
    total: Decimal = sum((a.amount for a in applied.allocations), ZERO)
    lines = (
        JournalLine(books.posting_account(RECEIPT, "ADVANCES").code, total, ZERO, party_id=party),
        JournalLine(books.posting_account(RECEIPT, "RECEIVABLE").code, ZERO, total, party_id=party),
    )
    narration = f"Advance of receipt {recorded.receipt_number} applied"
    return EntryContent(JournalKind.ADJUSTMENT, applied.allocated_on, narration, recorded.receipt_number, lines)


def write_off_entry(written: BalanceWrittenOff, books: Books) -> EntryContent:
    lines = (
        JournalLine(books.posting_account(WRITE_OFF, "EXPENSE").code, written.amount, ZERO),
        JournalLine(
            books.posting_account(WRITE_OFF, "RECEIVABLE").code, ZERO, written.amount, party_id=written.party_id
        ),
    )
    narration = f"Balance of invoice written off: {written.reason}"[:500]
    return EntryContent(JournalKind.ADJUSTMENT, written.written_off_on, narration, None, lines)
