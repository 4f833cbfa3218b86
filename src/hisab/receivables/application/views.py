"""The receipt read model: a receipt as its events tell it, and what it settles of each invoice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.kernel.money import ZERO
from hisab.receivables.domain.events import (
    RECEIPT_EVENT_TYPES,
    AdvanceAllocated,
    Allocation,
    Cheque,
    ReceiptRecorded,
    Wallet,
    Withholding,
)
from hisab.receivables.domain.receipts import Receipt, ReceiptMethod, ReceiptStatus, cash_warnings

RECEIPT_VIEW_EVENTS: frozenset[type[DomainEvent]] = frozenset(RECEIPT_EVENT_TYPES)


@dataclass(frozen=True, slots=True)
class AllocationView:
    invoice_id: str
    amount: Decimal
    allocated_on: date


@dataclass(frozen=True, slots=True)
class ReceiptView:
    tenant_id: str
    receipt_id: str
    sequence: int
    receipt_number: str
    customer_id: str
    customer_party_id: str | None
    receipt_date: date
    method: ReceiptMethod
    amount: Decimal
    status: ReceiptStatus
    deposit_account_code: str | None
    reference: str | None
    cheque: Cheque | None
    wallet: Wallet | None
    allocations: tuple[AllocationView, ...]
    withholdings: tuple[Withholding, ...]
    recorded_by: str
    recorded_at: datetime
    version: int

    @property
    def allocated(self) -> Decimal:
        return sum((a.amount for a in self.allocations), ZERO)

    @property
    def unallocated(self) -> Decimal:
        return self.amount - self.allocated

    @property
    def settles(self) -> bool:
        """Whether what it allocated and withheld still counts (not after a bounce or a reversal)."""
        return self.status not in (ReceiptStatus.BOUNCED, ReceiptStatus.REVERSED)

    @property
    def warnings(self) -> tuple[str, ...]:
        return cash_warnings(self.method, self.amount)


def project_receipt(stored: Sequence[StoredEvent]) -> ReceiptView:
    first = stored[0]
    receipt = Receipt.from_events(first.stream_id, (s.event for s in stored))
    recorded = receipt.recorded
    assert isinstance(recorded, ReceiptRecorded)
    allocations = [AllocationView(a.invoice_id, a.amount, recorded.receipt_date) for a in recorded.allocations]
    for each in stored:
        if isinstance(each.event, AdvanceAllocated):
            allocations += [_allocated(a, each.event.allocated_on) for a in each.event.allocations]
    return ReceiptView(
        tenant_id=first.metadata.tenant_id,
        receipt_id=receipt.receipt_id,
        sequence=first.position,
        receipt_number=recorded.receipt_number,
        customer_id=recorded.customer_id,
        customer_party_id=recorded.customer_party_id,
        receipt_date=recorded.receipt_date,
        method=ReceiptMethod(recorded.method),
        amount=recorded.amount,
        status=receipt.status,
        deposit_account_code=recorded.deposit_account_code,
        reference=recorded.reference,
        cheque=recorded.cheque,
        wallet=recorded.wallet,
        allocations=tuple(allocations),
        withholdings=tuple(receipt.withholdings.values()),
        recorded_by=first.metadata.user_id,
        recorded_at=first.metadata.occurred_at,
        version=receipt.version,
    )


def _allocated(allocation: Allocation, on: date) -> AllocationView:
    return AllocationView(allocation.invoice_id, allocation.amount, on)
