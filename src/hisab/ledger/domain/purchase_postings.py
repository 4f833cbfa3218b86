"""What bills, supplier notes, payments and deposits of withheld tax post, read from purchases' events.

A bill posts in the purchase journal on its received date: Dr each line's account (the line's own, or
the posting rules' purchases account) with its value, its SD (never creditable) and any VAT not
credited; Dr VAT Input with the VAT credited; Cr Accounts Payable with the total, the supplier as party.
A supplier's credit note posts the reverse of what it takes off, a debit note more of the same. A
payment posts in the cash-payments journal: Dr Accounts Payable with what it settles, Cr the bank (or
cash, or wallet) with what was paid, Cr VDS Payable and TDS Payable with what was withheld; input credit
a cash payment takes back (rule 29) moves from VAT Input to cost. A deposit of withheld tax clears the
payable against the bank (bangladesh-vat-returns.md §6).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from hisab.kernel.money import ZERO
from hisab.ledger.domain.accounts import AccountType
from hisab.ledger.domain.books import Books
from hisab.ledger.domain.events import SourceDocument
from hisab.ledger.domain.journal import MAX_MEMO, EntryContent, JournalKind, JournalLine
from hisab.ledger.domain.posting_rules import BILL, PAYMENT, SUPPLIER_NOTE, WITHHOLDING_DEPOSIT
from hisab.purchases.domain.bill import Bill
from hisab.purchases.domain.events import (
    BillRecorded,
    PaymentRecorded,
    SupplierNoteKind,
    SupplierNoteRecorded,
    WithholdingDepositRecorded,
    WithholdingKind,
)

# The posting role of the account each method pays from, by default.
_PAID_FROM_ROLES = {"BANK_TRANSFER": "BANK", "CHEQUE": "BANK", "MOBILE_WALLET": "MOBILE_WALLET", "CASH": "CASH"}
_WITHHELD_ROLES = {WithholdingKind.VDS: "VDS_PAYABLE", WithholdingKind.TDS: "TDS_PAYABLE"}


def bill_source(recorded: BillRecorded) -> SourceDocument:
    return SourceDocument(BILL, recorded.bill_id, recorded.bill_number)


def supplier_note_source(note: SupplierNoteRecorded) -> SourceDocument:
    return SourceDocument(SUPPLIER_NOTE, note.note_id, note.supplier_note_number)


def payment_source(recorded: PaymentRecorded) -> SourceDocument:
    return SourceDocument(PAYMENT, recorded.payment_id, recorded.payment_number)


def deposit_source(recorded: WithholdingDepositRecorded) -> SourceDocument:
    return SourceDocument(WITHHOLDING_DEPOSIT, recorded.deposit_id, recorded.challan_number)


def _cost_account(code: str | None, field: str, books: Books) -> str:
    """A line's own account (an active leaf account of any type but income), or the purchases account."""
    if code is None:
        return books.posting_account(BILL, "PURCHASES").code
    return books.ensure_postable(
        code, field, lambda kind: kind is not AccountType.INCOME, "cost_account",
        f"{code} is an income account; a bill is a cost",
    )  # fmt: skip


def _paid_from(code: str | None, method: str, field: str, document_type: str, books: Books) -> str:
    if code is None:
        return books.posting_account(document_type, _PAID_FROM_ROLES.get(method, "BANK")).code
    return books.ensure_postable(
        code, field, lambda kind: kind is AccountType.ASSET, "asset_account",
        f"{code} is not an asset account: money is paid from a bank, cash or wallet account",
    )  # fmt: skip


def bill_entry(recorded: BillRecorded, books: Books) -> EntryContent:
    """One debit per account and project (a bill may have 500 lines), VAT Input, and the payable."""
    party = recorded.supplier.party_id
    costs: dict[tuple[str, str | None], Decimal] = {}
    described: dict[tuple[str, str | None], list[str]] = {}
    for index, line in enumerate(recorded.lines):
        cost = line.value + line.supplementary_duty + (line.vat - line.creditable_vat)
        if cost:
            key = (_cost_account(line.account_code, f"lines[{index}].account_code", books), line.project)
            costs[key] = costs.get(key, ZERO) + cost
            described.setdefault(key, []).append(line.description)
    # A debit that stands for one line keeps its description; one for several says nothing it cannot.
    lines = [
        JournalLine(account, cost, ZERO, project=project, memo=_memo(described[account, project]))
        for (account, project), cost in costs.items()
    ]
    creditable = sum((line.creditable_vat for line in recorded.lines), ZERO)
    if creditable:
        lines.append(JournalLine(books.posting_account(BILL, "VAT_INPUT").code, creditable, ZERO))
    total = sum((line.total for line in recorded.lines), ZERO)
    lines.append(JournalLine(books.posting_account(BILL, "PAYABLE").code, ZERO, total, party_id=party))
    narration = f"Bill {recorded.bill_number}: {recorded.supplier.name}'s {recorded.supplier_invoice_number}"
    return EntryContent(JournalKind.PURCHASE, recorded.received_date, narration[:MAX_MEMO], recorded.bill_number,
                        tuple(lines))  # fmt: skip


def _memo(descriptions: list[str]) -> str | None:
    return descriptions[0][:MAX_MEMO] or None if len(descriptions) == 1 else None


def supplier_note_entry(bill: Bill, note: SupplierNoteRecorded, books: Books) -> EntryContent:
    """A credit note takes off (Dr payable, Cr cost and VAT Input) what it credits; a debit note adds it."""
    credit = note.kind is SupplierNoteKind.CREDIT

    def sides(amount: Decimal, *, cost_side: bool) -> tuple[Decimal, Decimal]:
        return (ZERO, amount) if cost_side == credit else (amount, ZERO)

    lines: list[JournalLine] = []
    total = ZERO
    for change in note.lines:
        line = bill.line(change.line_id)
        assert line is not None
        recorded = line.recorded
        cost = change.value + change.supplementary_duty + (change.vat - change.creditable_vat)
        total += change.value + change.supplementary_duty + change.vat
        if cost:
            account = _cost_account(recorded.account_code, "account_code", books)
            lines.append(JournalLine(account, *sides(cost, cost_side=True), project=recorded.project,
                                     memo=recorded.description[:MAX_MEMO] or None))  # fmt: skip
    creditable = sum((change.creditable_vat for change in note.lines), ZERO)
    if creditable:
        lines.append(JournalLine(books.posting_account(BILL, "VAT_INPUT").code, *sides(creditable, cost_side=True)))
    payable = books.posting_account(BILL, "PAYABLE").code
    lines.append(JournalLine(payable, *sides(total, cost_side=False), party_id=bill.supplier.party_id))
    name = "Supplier credit note" if credit else "Supplier debit note"
    narration = f"{name} {note.supplier_note_number} against bill {bill.recorded.bill_number}"
    return EntryContent(JournalKind.PURCHASE, note.note_date, narration[:MAX_MEMO], note.supplier_note_number,
                        tuple(lines))  # fmt: skip


def payment_entry(recorded: PaymentRecorded, books: Books) -> EntryContent:
    party = recorded.supplier.party_id
    paid_from = _paid_from(recorded.paid_from_account_code, recorded.method, "paid_from_account_code", PAYMENT, books)
    settled = sum((a.amount for a in recorded.allocations), ZERO) + sum((w.amount for w in recorded.withholdings), ZERO)
    lines = [JournalLine(books.posting_account(PAYMENT, "PAYABLE").code, settled, ZERO, party_id=party)]
    lines.append(JournalLine(paid_from, ZERO, recorded.amount))
    for kind, role in _WITHHELD_ROLES.items():
        withheld = sum((w.amount for w in recorded.withholdings if w.kind is kind), ZERO)
        if withheld:
            lines.append(JournalLine(books.posting_account(PAYMENT, role).code, ZERO, withheld, party_id=party,
                                     memo=f"{kind.value} deducted"))  # fmt: skip
    lines += _credit_reversals(recorded, books)
    narration = f"Payment {recorded.payment_number} to {recorded.supplier.name} ({recorded.method.lower()})"
    return EntryContent(JournalKind.CASH_PAYMENT, recorded.payment_date, narration[:MAX_MEMO],
                        recorded.payment_number, tuple(lines))  # fmt: skip


def _credit_reversals(recorded: PaymentRecorded, books: Books) -> Sequence[JournalLine]:
    taken_back = sum((r.vat for r in recorded.credit_reversals), ZERO)
    if not taken_back:
        return ()
    memo = "input credit taken back: cash payment above Tk 1,00,000 (rule 29)"
    return (
        JournalLine(books.posting_account(PAYMENT, "CREDIT_REVERSED").code, taken_back, ZERO, memo=memo),
        JournalLine(books.posting_account(BILL, "VAT_INPUT").code, ZERO, taken_back, memo=memo),
    )


def withholding_deposit_entry(recorded: WithholdingDepositRecorded, books: Books) -> EntryContent:
    payable = books.posting_account(WITHHOLDING_DEPOSIT, _WITHHELD_ROLES[recorded.kind]).code
    bank = _paid_from(recorded.paid_from_account_code, "BANK_TRANSFER", "paid_from_account_code",
                      WITHHOLDING_DEPOSIT, books)  # fmt: skip
    lines = (JournalLine(payable, recorded.amount, ZERO), JournalLine(bank, ZERO, recorded.amount))
    narration = f"{recorded.kind.value} deposited to the treasury, challan {recorded.challan_number}"
    return EntryContent(JournalKind.CASH_PAYMENT, recorded.deposit_date, narration[:MAX_MEMO],
                        recorded.challan_number[:64], lines)  # fmt: skip
