"""Return entries: every figure a document contributes to the registers and the Mushak-9.1, one row each.

An entry is one line of one document (an invoice line, a note line, a bill line) or one adjustment a
document makes (VDS withheld on a payment, VDS certified to us on a receipt, input credit a cash
payment undoes). It names the note of the 9.1 it adds to and, for a line, the register it is entered
in. Amounts are signed as they add to the note: a credit note's entry adds to note 31, so its VAT is
positive; an invoice cancelled after its issue adds a negative entry to the note the invoice added to,
on the day it was cancelled, as the ledger reverses its entry on that day. The return of a period is
then the sum of its entries by note, and each note's sub-form is its entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class Register(StrEnum):
    PURCHASES = "PURCHASES"  # Mushak-6.1
    SALES = "SALES"  # Mushak-6.2


class DocumentType(StrEnum):
    INVOICE = "INVOICE"  # our Mushak-6.3
    INVOICE_CANCELLATION = "INVOICE_CANCELLATION"  # an issued 6.3 cancelled: its entries reversed
    CREDIT_NOTE = "CREDIT_NOTE"  # our Mushak-6.7
    DEBIT_NOTE = "DEBIT_NOTE"  # our Mushak-6.8
    BILL = "BILL"  # a supplier's 6.3 (or a bill of entry) received
    SUPPLIER_CREDIT_NOTE = "SUPPLIER_CREDIT_NOTE"  # a supplier's 6.7 received
    SUPPLIER_DEBIT_NOTE = "SUPPLIER_DEBIT_NOTE"  # a supplier's 6.8 received
    VDS_DEDUCTED = "VDS_DEDUCTED"  # VDS we deducted from a supplier on a payment (note 24)
    CASH_PAYMENT = "CASH_PAYMENT"  # input credit a cash payment above Tk 1 lakh undoes (note 25)
    VDS_CERTIFIED = "VDS_CERTIFIED"  # VDS a customer deducted, with its 6.6 received (note 29)
    VDS_CERTIFICATE_UNDONE = "VDS_CERTIFICATE_UNDONE"  # the receipt was reversed or its cheque bounced


@dataclass(frozen=True, slots=True)
class Counterparty:
    """The buyer or the supplier as the document names it: the registers print it, with its BIN or NID."""

    party_id: str | None
    name: str
    address: str | None
    bin: str | None
    nid: str | None


@dataclass(frozen=True, slots=True)
class ReturnEntry:
    document_type: DocumentType
    document_id: str
    # The line of the document, or of the bill or invoice an adjustment concerns; unique within the document.
    line_id: str
    # The day the entry falls in a tax period: an invoice's issue (time of supply), a note's date, a
    # bill's received date, a payment's date, the date a customer's 6.6 was received.
    entry_date: date
    document_number: str
    document_date: date
    # An invoice's and a note's time of issue (the sales register prints it); None for the rest.
    issued_at: datetime | None
    # What the entry refers to: the invoice a note adjusts, the supplier's 6.3 or bill of entry of a bill.
    reference: str | None
    reference_date: date | None
    counterparty: Counterparty
    description: str
    # The HS code of goods or the service code of a service.
    code: str | None
    quantity: Decimal | None
    unit: str | None
    value: Decimal
    supplementary_duty: Decimal
    vat: Decimal
    # The VAT of a purchase that is credited (23(b)); zero on the sales side.
    creditable_vat: Decimal
    vat_category: str | None
    vat_rate: Decimal | None
    imported: bool
    note: int
    register: Register | None
