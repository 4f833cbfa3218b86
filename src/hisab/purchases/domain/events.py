"""Purchases events: bills received, the supplier's notes against them, payments made, VDS certificates.

A bill is a stream of its own; a supplier's credit or debit note (a Mushak-6.7 or 6.8 received) is an
event on the bill's stream, so each is decided against the bill and every earlier note. A payment is a
stream of its own and carries what it settles of each bill, the tax withheld from it, the input credit a
cash payment undoes (rule 29) and the Mushak-6.6 issued for the VDS withheld, all in one transaction.
A deposit of withheld tax is a stream of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from hisab.event_store.registry import EVENT_TYPES
from hisab.kernel.vat import VATCategory


class InputCredit(StrEnum):
    CLAIM = "CLAIM"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"


class SupplierNoteKind(StrEnum):
    CREDIT = "CREDIT"  # the supplier's Mushak-6.7: less is owed, less VAT may be credited
    DEBIT = "DEBIT"  # the supplier's Mushak-6.8: more is owed, more VAT may be credited


class WithholdingKind(StrEnum):
    VDS = "VDS"  # VAT deducted at source (s.49), certified by a Mushak-6.6
    TDS = "TDS"  # income tax deducted at source (ITA 2023, Tax at Source Rules 2026)


@dataclass(frozen=True, slots=True)
class SupplierSnapshot:
    """The supplier as the bill names it, kept with the bill: the registers print it as it was."""

    party_id: str
    name: str
    address: str | None
    bin: str | None
    tin: str | None
    nid: str | None


@dataclass(frozen=True, slots=True)
class BillOfEntry:
    """The customs goods declaration of an import: its input VAT is credited on it, not on a 6.3."""

    number: str
    entry_date: date
    customs_house: str


@dataclass(frozen=True, slots=True)
class CreditRefusal:
    """Why a claimed input credit was refused: the rule (a stable code) and the words a user reads."""

    rule: str
    message: str


@dataclass(frozen=True, slots=True)
class BillLine:
    line_id: str
    position: int
    description: str
    item_id: str | None
    hs_code: str | None
    service_code: str | None
    quantity: Decimal
    unit: str | None
    value: Decimal
    supplementary_duty: Decimal
    vat: Decimal
    vat_category: VATCategory
    vat_rate: Decimal
    # What the user asked for, and what Hisab decided: a refused claim keeps its reason.
    claimed: InputCredit
    input_credit: InputCredit
    refusal: CreditRefusal | None
    # The account the value (and any VAT not credited) is debited to; None: the posting rules' purchases account.
    account_code: str | None
    project: str | None

    @property
    def creditable_vat(self) -> Decimal:
        return self.vat if self.input_credit is InputCredit.CLAIM else Decimal("0.00")

    @property
    def total(self) -> Decimal:
        return self.value + self.supplementary_duty + self.vat


@dataclass(frozen=True, slots=True)
class BillRecorded:
    event_type: ClassVar[str] = "BillRecorded.v1"

    bill_id: str
    bill_number: str
    serial: int
    fiscal_year: int
    supplier: SupplierSnapshot
    # The supplier's Mushak-6.3 serial and date (for an import, the bill of entry stands for it).
    supplier_invoice_number: str
    supplier_invoice_date: date
    received_date: date
    due_date: date
    bill_of_entry: BillOfEntry | None
    lines: tuple[BillLine, ...]
    reference: str | None


@dataclass(frozen=True, slots=True)
class SupplierNoteLine:
    """What a supplier's note changes of one bill line: value, SD, VAT, and the input credit with it."""

    line_id: str
    quantity: Decimal | None
    value: Decimal
    supplementary_duty: Decimal
    vat: Decimal
    creditable_vat: Decimal


@dataclass(frozen=True, slots=True)
class SupplierNoteRecorded:
    event_type: ClassVar[str] = "SupplierNoteRecorded.v1"

    bill_id: str
    note_id: str
    kind: SupplierNoteKind
    # The supplier's own serial for its 6.7 or 6.8, and its date.
    supplier_note_number: str
    note_date: date
    reason: str
    lines: tuple[SupplierNoteLine, ...]


@dataclass(frozen=True, slots=True)
class PaymentAllocation:
    """Money of the payment applied to one bill."""

    bill_id: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class PaymentWithholding:
    """Tax deducted from what is paid of one bill: the rate and base it was computed on, or given."""

    withholding_id: str
    bill_id: str
    kind: WithholdingKind
    rate: Decimal | None
    base: Decimal
    amount: Decimal
    # The service code whose row of the rate table gave the rate; None when the user gave the amount.
    service_code: str | None


@dataclass(frozen=True, slots=True)
class CreditReversal:
    """Input credit a bill took that a cash payment of it undoes (s.46(1)(ka), rule 29; 9.1 note 25)."""

    bill_id: str
    vat: Decimal


@dataclass(frozen=True, slots=True)
class CertificateRow:
    """One tax invoice of a Mushak-6.6: the supplier's 6.3, its value with VAT, its VAT, the VDS deducted."""

    bill_id: str
    supplier_invoice_number: str
    supplier_invoice_date: date
    total_value: Decimal
    vat: Decimal
    deducted: Decimal


@dataclass(frozen=True, slots=True)
class VdsCertificate:
    """The Mushak-6.6 the payment issues for the VDS it deducts: one certificate for the payment's bills."""

    certificate_id: str
    certificate_number: str
    serial: int
    fiscal_year: int
    issued_on: date
    rows: tuple[CertificateRow, ...]


@dataclass(frozen=True, slots=True)
class PaymentRecorded:
    event_type: ClassVar[str] = "PaymentRecorded.v1"

    payment_id: str
    payment_number: str
    serial: int
    fiscal_year: int
    supplier: SupplierSnapshot
    payment_date: date
    method: str  # BANK_TRANSFER, CHEQUE, MOBILE_WALLET, CASH
    # What left the tenant's account: the sum of the allocations (the bills' totals less what was withheld).
    amount: Decimal
    # None: the account the books' posting rules give the method.
    paid_from_account_code: str | None
    reference: str | None
    allocations: tuple[PaymentAllocation, ...]
    withholdings: tuple[PaymentWithholding, ...]
    credit_reversals: tuple[CreditReversal, ...]
    certificate: VdsCertificate | None


@dataclass(frozen=True, slots=True)
class VdsCertificatePrinted:
    event_type: ClassVar[str] = "VdsCertificatePrinted.v1"

    payment_id: str
    certificate_id: str
    language: str
    printed_by: str
    printed_on: date


@dataclass(frozen=True, slots=True)
class WithholdingDepositRecorded:
    """Withheld tax paid to the treasury by challan: settles that much of VDS Payable or TDS Payable."""

    event_type: ClassVar[str] = "WithholdingDepositRecorded.v1"

    deposit_id: str
    kind: WithholdingKind
    challan_number: str
    deposit_date: date
    amount: Decimal
    paid_from_account_code: str | None


BILL_EVENT_TYPES = (BillRecorded, SupplierNoteRecorded)
PAYMENT_EVENT_TYPES = (PaymentRecorded, VdsCertificatePrinted)
EVENT_TYPES.register((*BILL_EVENT_TYPES, *PAYMENT_EVENT_TYPES, WithholdingDepositRecorded))
