"""What a deposit for a VAT return posts, read from the VAT-return context's events.

A treasury deposit of VAT for a return (note 58) is debited to the VAT Current Account, and one of SD
(note 59) to SD Payable, against the bank, on the deposit's date (bangladesh-vat-returns.md §6). The
period's output and input VAT are not closed into the current account by Hisab: a journal entry does it.
"""

from __future__ import annotations

from hisab.kernel.money import ZERO
from hisab.ledger.domain.books import Books
from hisab.ledger.domain.events import SourceDocument
from hisab.ledger.domain.journal import EntryContent, JournalKind, JournalLine
from hisab.ledger.domain.posting_rules import VAT_DEPOSIT
from hisab.vat_return.domain.events import DepositKind, VatDepositRecorded

_ROLES = {DepositKind.VAT: "VAT_CURRENT", DepositKind.SD: "SUPPLEMENTARY_DUTY"}


def vat_deposit_source(recorded: VatDepositRecorded) -> SourceDocument:
    return SourceDocument(VAT_DEPOSIT, recorded.deposit_id, recorded.challan_number)


def vat_deposit_entry(recorded: VatDepositRecorded, books: Books) -> EntryContent:
    lines = (
        JournalLine(books.posting_account(VAT_DEPOSIT, _ROLES[recorded.kind]).code, recorded.amount, ZERO),
        JournalLine(books.posting_account(VAT_DEPOSIT, "BANK").code, ZERO, recorded.amount),
    )
    narration = (
        f"{recorded.kind.value} deposited for the return of {recorded.period}, challan {recorded.challan_number} "
        f"to {recorded.account_code}"
    )
    return EntryContent(
        JournalKind.CASH_PAYMENT, recorded.deposit_date, narration, recorded.challan_number[:100], lines
    )
