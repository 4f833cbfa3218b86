"""What each document posts to: its roles (receivable, sales, VAT output, ...) and the type of account
each takes. Which account fills a role is the tenant's, from its chart template until it says otherwise."""

from __future__ import annotations

from dataclasses import dataclass

from hisab.ledger.domain.accounts import AccountType

INVOICE = "INVOICE"
CREDIT_NOTE = "CREDIT_NOTE"
DEBIT_NOTE = "DEBIT_NOTE"
RECEIPT = "RECEIPT"
WRITE_OFF = "WRITE_OFF"
BILL = "BILL"
SUPPLIER_NOTE = "SUPPLIER_NOTE"
PAYMENT = "PAYMENT"
WITHHOLDING_DEPOSIT = "WITHHOLDING_DEPOSIT"
VAT_DEPOSIT = "VAT_DEPOSIT"
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
    PostingRole(RECEIPT, "BANK", "Debited with a receipt by bank transfer, cheque or card", AccountType.ASSET),
    PostingRole(RECEIPT, "CASH", "Debited with a receipt in cash", AccountType.ASSET),
    PostingRole(RECEIPT, "BKASH", "Debited with a receipt to the bKash wallet", AccountType.ASSET),
    PostingRole(RECEIPT, "NAGAD", "Debited with a receipt to the Nagad wallet", AccountType.ASSET),
    PostingRole(RECEIPT, "ROCKET", "Debited with a receipt to the Rocket wallet", AccountType.ASSET),
    PostingRole(RECEIPT, "UPAY", "Debited with a receipt to the Upay wallet", AccountType.ASSET),
    PostingRole(
        RECEIPT, "RECEIVABLE", "Credited with what a receipt settles, the customer as party", AccountType.ASSET
    ),
    PostingRole(RECEIPT, "ADVANCES", "Credited with what a receipt leaves unallocated", AccountType.LIABILITY),
    PostingRole(RECEIPT, "VDS_RECEIVABLE", "Debited with VDS the customer withheld", AccountType.ASSET),
    PostingRole(RECEIPT, "AIT_RECEIVABLE", "Debited with AIT the customer withheld", AccountType.ASSET),
    PostingRole(WRITE_OFF, "EXPENSE", "Debited with what is written off an invoice", AccountType.EXPENSE),
    PostingRole(WRITE_OFF, "RECEIVABLE", "Credited with what is written off, the customer as party", AccountType.ASSET),
    PostingRole(BILL, "PAYABLE", "Credited with a bill's total, the supplier as party", AccountType.LIABILITY),
    PostingRole(
        BILL,
        "PURCHASES",
        "Debited with a line's value, SD and any VAT not credited, unless the line names its account",
        AccountType.EXPENSE,
    ),
    PostingRole(BILL, "VAT_INPUT", "Debited with the VAT of a bill that is credited", AccountType.ASSET),
    PostingRole(
        PAYMENT, "PAYABLE", "Debited with what a payment settles, the supplier as party", AccountType.LIABILITY
    ),
    PostingRole(PAYMENT, "BANK", "Credited with a payment by bank transfer or cheque", AccountType.ASSET),
    PostingRole(PAYMENT, "CASH", "Credited with a payment in cash", AccountType.ASSET),
    PostingRole(PAYMENT, "MOBILE_WALLET", "Credited with a payment from the mobile wallet", AccountType.ASSET),
    PostingRole(PAYMENT, "VDS_PAYABLE", "Credited with VDS deducted from a supplier", AccountType.LIABILITY),
    PostingRole(PAYMENT, "TDS_PAYABLE", "Credited with TDS deducted from a supplier", AccountType.LIABILITY),
    PostingRole(
        PAYMENT, "CREDIT_REVERSED", "Debited with input VAT a cash payment takes back (rule 29)", AccountType.EXPENSE
    ),
    PostingRole(
        WITHHOLDING_DEPOSIT, "VDS_PAYABLE", "Debited with VDS deposited to the treasury", AccountType.LIABILITY
    ),
    PostingRole(
        WITHHOLDING_DEPOSIT, "TDS_PAYABLE", "Debited with TDS deposited to the treasury", AccountType.LIABILITY
    ),
    PostingRole(WITHHOLDING_DEPOSIT, "BANK", "Credited with a deposit of withheld tax", AccountType.ASSET),
    PostingRole(VAT_DEPOSIT, "VAT_CURRENT", "Debited with VAT deposited for a return (note 58)", AccountType.LIABILITY),
    PostingRole(
        VAT_DEPOSIT, "SUPPLEMENTARY_DUTY", "Debited with SD deposited for a return (note 59)", AccountType.LIABILITY
    ),
    PostingRole(VAT_DEPOSIT, "BANK", "Credited with a deposit for a return", AccountType.ASSET),
    PostingRole(
        FISCAL_YEAR, "RETAINED_EARNINGS", "Takes the year's profit or loss when the year is closed", AccountType.EQUITY
    ),
)
ROLES_BY_KEY = {role.key: role for role in POSTING_ROLES}
