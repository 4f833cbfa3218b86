"""What a payment, a Mushak-6.6, a bill's payable and the withholding payables show: the read models' shapes.

A payment's view is projected from its stream alone (`project_payment`), the same on every backend,
so the SQL read model and the fake can be held to it. Its warnings follow from its credit reversals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.kernel.money import ZERO
from hisab.purchases.domain.events import (
    CertificateRow,
    CreditReversal,
    PaymentRecorded,
    PaymentWithholding,
    SupplierSnapshot,
    WithholdingDepositRecorded,
    WithholdingKind,
)
from hisab.purchases.domain.payments import reversal_warning

PAYMENT_VIEW_EVENTS: frozenset[type[DomainEvent]] = frozenset({PaymentRecorded})


class BillPaymentStatus(StrEnum):
    UNPAID = "UNPAID"
    PARTLY_PAID = "PARTLY_PAID"
    PAID = "PAID"


@dataclass(frozen=True, slots=True)
class AllocationView:
    bill_id: str
    amount: Decimal
    # The input VAT credit of the bill this (cash) payment reverses; 0.00 for any other.
    credit_reversed: Decimal


@dataclass(frozen=True, slots=True)
class PaymentView:
    tenant_id: str
    payment_id: str
    # The position of the recording event: the newest-first order of `payments` and its cursors.
    sequence: int
    payment_number: str
    supplier: SupplierSnapshot
    payment_date: date
    method: str
    amount: Decimal
    paid_from_account_code: str | None
    reference: str | None
    allocations: tuple[AllocationView, ...]
    withholdings: tuple[PaymentWithholding, ...]
    certificate_id: str | None
    certificate_number: str | None
    recorded_by: str
    recorded_at: datetime
    version: int

    @property
    def withheld(self) -> Decimal:
        return sum((w.amount for w in self.withholdings), ZERO)

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(
            reversal_warning(a.bill_id, CreditReversal(a.bill_id, a.credit_reversed))
            for a in self.allocations
            if a.credit_reversed > 0
        )


@dataclass(frozen=True, slots=True)
class CertificateView:
    """A Mushak-6.6 as issued: the payment it came with, the supplier, one row per bill."""

    tenant_id: str
    certificate_id: str
    sequence: int
    payment_id: str
    payment_number: str
    certificate_number: str
    serial: int
    fiscal_year: int
    issued_on: date
    supplier: SupplierSnapshot
    rows: tuple[CertificateRow, ...]
    # When the payment was recorded: the issuer's profile is printed as it stood then.
    recorded_at: datetime

    @property
    def total_value(self) -> Decimal:
        return sum((row.total_value for row in self.rows), ZERO)

    @property
    def total_vat(self) -> Decimal:
        return sum((row.vat for row in self.rows), ZERO)

    @property
    def total_deducted(self) -> Decimal:
        return sum((row.deducted for row in self.rows), ZERO)


@dataclass(frozen=True, slots=True)
class BillPayable:
    """What a bill still owes its supplier: its total after notes, less what was paid and withheld."""

    bill_id: str
    sequence: int
    bill_number: str
    supplier_party_id: str
    supplier_invoice_number: str
    total: Decimal
    paid: Decimal
    vds_withheld: Decimal
    tds_withheld: Decimal
    credit_reversed: Decimal

    @property
    def outstanding(self) -> Decimal:
        return self.total - self.paid - self.vds_withheld - self.tds_withheld

    @property
    def status(self) -> BillPaymentStatus:
        if self.outstanding <= 0:
            return BillPaymentStatus.PAID
        if self.paid + self.vds_withheld + self.tds_withheld > 0:
            return BillPaymentStatus.PARTLY_PAID
        return BillPaymentStatus.UNPAID


@dataclass(frozen=True, slots=True)
class WithholdingPayable:
    """Tax of one kind withheld from suppliers, what of it was deposited, and what is still owed the treasury."""

    kind: WithholdingKind
    withheld: Decimal
    deposited: Decimal

    @property
    def outstanding(self) -> Decimal:
        return self.withheld - self.deposited


@dataclass(frozen=True, slots=True)
class DepositView:
    deposit_id: str
    kind: WithholdingKind
    challan_number: str
    deposit_date: date
    amount: Decimal
    paid_from_account_code: str | None
    recorded_at: datetime


def project_payment(stream: Sequence[StoredEvent]) -> PaymentView:
    first = stream[0]
    recorded = first.event
    if not isinstance(recorded, PaymentRecorded):
        raise ValueError(f"stream {first.stream_id} is not a payment's")
    reversed_vat = {r.bill_id: r.vat for r in recorded.credit_reversals}
    certificate = recorded.certificate
    return PaymentView(
        first.metadata.tenant_id, recorded.payment_id, first.position, recorded.payment_number, recorded.supplier,
        recorded.payment_date, recorded.method, recorded.amount, recorded.paid_from_account_code, recorded.reference,
        tuple(AllocationView(a.bill_id, a.amount, reversed_vat.get(a.bill_id, ZERO)) for a in recorded.allocations),
        recorded.withholdings, certificate.certificate_id if certificate else None,
        certificate.certificate_number if certificate else None, first.metadata.user_id,
        first.metadata.occurred_at, stream[-1].version,
    )  # fmt: skip


def project_certificate(stream: Sequence[StoredEvent]) -> CertificateView | None:
    """The Mushak-6.6 a payment issued, or None when it withheld no VDS."""
    first = stream[0]
    recorded = first.event
    if not isinstance(recorded, PaymentRecorded) or recorded.certificate is None:
        return None
    certificate = recorded.certificate
    return CertificateView(
        first.metadata.tenant_id, certificate.certificate_id, first.position, recorded.payment_id,
        recorded.payment_number, certificate.certificate_number, certificate.serial, certificate.fiscal_year,
        certificate.issued_on, recorded.supplier, certificate.rows, first.metadata.occurred_at,
    )  # fmt: skip


def project_deposit(stored: StoredEvent) -> DepositView:
    event = stored.event
    assert isinstance(event, WithholdingDepositRecorded)
    return DepositView(
        event.deposit_id, event.kind, event.challan_number, event.deposit_date, event.amount,
        event.paid_from_account_code, stored.metadata.occurred_at,
    )  # fmt: skip
