"""Receivables events: receipts from customers, what they settle, and what becomes of them.

A receipt is a stream of its own. What it settles of each invoice (an allocation of the money, or
tax the customer withheld) is part of the receipt's events; an invoice's balance is the sum over
every receipt that names it, kept by the receivables projection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import ClassVar

from hisab.event_store.registry import EVENT_TYPES


@dataclass(frozen=True, slots=True)
class Cheque:
    number: str
    bank: str
    branch: str | None
    cheque_date: date


@dataclass(frozen=True, slots=True)
class Wallet:
    provider: str
    msisdn: str
    transaction_id: str


@dataclass(frozen=True, slots=True)
class Allocation:
    """Money of the receipt applied to one invoice."""

    invoice_id: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Withholding:
    """Tax the customer deducted from what it paid of one invoice (VDS or AIT), with its certificate when given."""

    withholding_id: str
    invoice_id: str
    kind: str
    amount: Decimal
    certificate_number: str | None
    certificate_date: date | None


@dataclass(frozen=True, slots=True)
class ReceiptRecorded:
    event_type: ClassVar[str] = "ReceiptRecorded.v1"

    receipt_id: str
    receipt_number: str
    serial: int
    fiscal_year: int
    customer_id: str
    customer_party_id: str | None
    receipt_date: date
    method: str
    amount: Decimal
    # None: the account the books' posting rules give the method.
    deposit_account_code: str | None
    reference: str | None
    cheque: Cheque | None
    wallet: Wallet | None
    allocations: tuple[Allocation, ...]
    withholdings: tuple[Withholding, ...]


@dataclass(frozen=True, slots=True)
class AdvanceAllocated:
    """Some of a receipt's unallocated money (the customer's advance) applied to invoices later."""

    event_type: ClassVar[str] = "AdvanceAllocated.v1"

    receipt_id: str
    allocations: tuple[Allocation, ...]
    allocated_on: date


@dataclass(frozen=True, slots=True)
class ChequeDeposited:
    event_type: ClassVar[str] = "ChequeDeposited.v1"

    receipt_id: str
    deposited_on: date


@dataclass(frozen=True, slots=True)
class ChequeCleared:
    event_type: ClassVar[str] = "ChequeCleared.v1"

    receipt_id: str
    cleared_on: date


@dataclass(frozen=True, slots=True)
class ChequeBounced:
    """The bank returned the cheque: everything the receipt settled is owed again."""

    event_type: ClassVar[str] = "ChequeBounced.v1"

    receipt_id: str
    bounced_on: date
    reason: str


@dataclass(frozen=True, slots=True)
class ReceiptReversed:
    """The receipt was recorded in error or the money went back: everything it settled is owed again."""

    event_type: ClassVar[str] = "ReceiptReversed.v1"

    receipt_id: str
    reversed_on: date
    reason: str


@dataclass(frozen=True, slots=True)
class WithholdingCertificateRecorded:
    """The customer's certificate for tax it withheld arrived (a Mushak-6.6 for VDS)."""

    event_type: ClassVar[str] = "WithholdingCertificateRecorded.v1"

    receipt_id: str
    withholding_id: str
    certificate_number: str
    certificate_date: date


@dataclass(frozen=True, slots=True)
class BalanceWrittenOff:
    """What was left of an invoice, within the tenant's tolerance, was written off."""

    event_type: ClassVar[str] = "BalanceWrittenOff.v1"

    invoice_id: str
    # The customer whose account it leaves: the party, or the customer id the invoice names.
    party_id: str
    amount: Decimal
    written_off_on: date
    reason: str


RECEIPT_EVENT_TYPES = (
    ReceiptRecorded,
    AdvanceAllocated,
    ChequeDeposited,
    ChequeCleared,
    ChequeBounced,
    ReceiptReversed,
    WithholdingCertificateRecorded,
)
EVENT_TYPES.register((*RECEIPT_EVENT_TYPES, BalanceWrittenOff))
