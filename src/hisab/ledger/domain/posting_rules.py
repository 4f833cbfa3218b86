"""What each document posts to: its roles (receivable, sales, VAT output, ...) and the type of account
each takes. Which account fills a role is the tenant's, from its chart template until it says otherwise."""

from __future__ import annotations

from dataclasses import dataclass

from hisab.ledger.domain.accounts import AccountType

INVOICE = "INVOICE"
CREDIT_NOTE = "CREDIT_NOTE"
DEBIT_NOTE = "DEBIT_NOTE"
FISCAL_YEAR = "FISCAL_YEAR"


@dataclass(frozen=True, slots=True)
class PostingRole:
    document_type: str
    role: str
    description: str
    account_type: AccountType

    @property
    def key(self) -> tuple[str, str]:
        return self.document_type, self.role


POSTING_ROLES: tuple[PostingRole, ...] = (
    PostingRole(INVOICE, "RECEIVABLE", "Debited with the grand total, the customer as party", AccountType.ASSET),
    PostingRole(INVOICE, "SALES", "Credited with each line's value", AccountType.INCOME),
    PostingRole(INVOICE, "SUPPLEMENTARY_DUTY", "Credited with the supplementary duty", AccountType.LIABILITY),
    PostingRole(INVOICE, "VAT_OUTPUT", "Credited with the VAT", AccountType.LIABILITY),
    PostingRole(CREDIT_NOTE, "RECEIVABLE", "Credited with the note's total, the customer as party", AccountType.ASSET),
    PostingRole(CREDIT_NOTE, "SALES_RETURNS", "Debited with the value each line is credited", AccountType.INCOME),
    PostingRole(CREDIT_NOTE, "SUPPLEMENTARY_DUTY", "Debited with the SD credited", AccountType.LIABILITY),
    PostingRole(CREDIT_NOTE, "VAT_OUTPUT", "Debited with the VAT credited", AccountType.LIABILITY),
    PostingRole(DEBIT_NOTE, "RECEIVABLE", "Debited with the note's total, the customer as party", AccountType.ASSET),
    PostingRole(DEBIT_NOTE, "SALES", "Credited with the value each line is debited", AccountType.INCOME),
    PostingRole(DEBIT_NOTE, "SUPPLEMENTARY_DUTY", "Credited with the SD added", AccountType.LIABILITY),
    PostingRole(DEBIT_NOTE, "VAT_OUTPUT", "Credited with the VAT added", AccountType.LIABILITY),
    PostingRole(
        FISCAL_YEAR, "RETAINED_EARNINGS", "Takes the year's profit or loss when the year is closed", AccountType.EQUITY
    ),
)
ROLES_BY_KEY = {role.key: role for role in POSTING_ROLES}
