"""In-memory payments: the contract suite holds them to the SQL read model's behaviour."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.kernel.money import ZERO
from hisab.purchases.adapters.sql.payments import (
    CERTIFICATES,
    DEPOSITS,
    PAYABLES,
    PAYMENTS,
    SqlPaymentProjection,
)
from hisab.purchases.application.payment_ports import (
    CertificateFilter,
    CertificatePage,
    PayableFilter,
    PaymentFilter,
    PaymentPage,
)
from hisab.purchases.application.payment_views import (
    BillPayable,
    CertificateView,
    PaymentView,
    WithholdingPayable,
    project_certificate,
    project_deposit,
    project_payment,
)
from hisab.purchases.domain.bill import Bill
from hisab.purchases.domain.events import BillRecorded, PaymentRecorded, WithholdingDepositRecorded, WithholdingKind
from hisab.purchases.domain.payments import BillSettled

MemoryReading = Callable[[str, str], AbstractAsyncContextManager[Any]]


@dataclass(frozen=True, slots=True)
class _BillFacts:
    sequence: int
    bill_number: str
    supplier_party_id: str
    supplier_invoice_number: str
    total: Decimal


class MemoryPaymentProjection:
    name = SqlPaymentProjection.name
    follows = SqlPaymentProjection.follows
    tables: tuple[ReadModelTable, ...] = (PAYMENTS, CERTIFICATES, PAYABLES, DEPOSITS)

    async def apply(self, tables: Any, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        first = stream[0]
        key = (first.metadata.tenant_id, first.stream_id)
        if isinstance(first.event, PaymentRecorded):
            tables.table(PAYMENTS.name)[key] = project_payment(stream)
            certificate = project_certificate(stream)
            if certificate is not None:
                tables.table(CERTIFICATES.name)[(certificate.tenant_id, certificate.certificate_id)] = certificate
        elif isinstance(first.event, WithholdingDepositRecorded):
            tables.table(DEPOSITS.name)[key] = project_deposit(first)
        elif isinstance(first.event, BillRecorded):
            bill = Bill.from_events(s.event for s in stream)
            recorded = bill.recorded
            tables.table(PAYABLES.name)[key] = _BillFacts(
                first.position, recorded.bill_number, bill.supplier.party_id, recorded.supplier_invoice_number,
                bill.total,
            )  # fmt: skip


def _payments(tables: Any, tenant_id: str) -> list[PaymentView]:
    return [view for (tenant, _), view in tables.table(PAYMENTS.name).items() if tenant == tenant_id]


def _settled(payments: list[PaymentView], bill_id: str) -> BillSettled:
    paid = sum((a.amount for p in payments for a in p.allocations if a.bill_id == bill_id), ZERO)
    reversed_vat = sum((a.credit_reversed for p in payments for a in p.allocations if a.bill_id == bill_id), ZERO)
    held = [w for p in payments for w in p.withholdings if w.bill_id == bill_id]
    vds = sum((w.amount for w in held if w.kind is WithholdingKind.VDS), ZERO)
    tds = sum((w.amount for w in held if w.kind is WithholdingKind.TDS), ZERO)
    return BillSettled(paid, vds, tds, reversed_vat)


def _payable(tables: Any, tenant_id: str, kind: WithholdingKind) -> WithholdingPayable:
    withheld = sum((w.amount for p in _payments(tables, tenant_id) for w in p.withholdings if w.kind is kind), ZERO)
    deposits = [d for (tenant, _), d in tables.table(DEPOSITS.name).items() if tenant == tenant_id and d.kind is kind]
    return WithholdingPayable(kind, withheld, sum((d.amount for d in deposits), ZERO))


class MemoryPaymentTables:
    async def settled_within(self, tables: Any, tenant_id: str, bill_ids: Sequence[str]) -> dict[str, BillSettled]:
        payments = _payments(tables, tenant_id)
        paid = {a.bill_id for p in payments for a in p.allocations}
        return {bill_id: _settled(payments, bill_id) for bill_id in bill_ids if bill_id in paid}

    async def payable_within(self, tables: Any, tenant_id: str, kind: WithholdingKind) -> WithholdingPayable:
        return _payable(tables, tenant_id, kind)


def _page(views: list[Any], first: int, after: int | None) -> tuple[list[Any], bool, int]:
    newest = sorted(views, key=lambda v: v.sequence, reverse=True)
    later = [v for v in newest if after is None or v.sequence < after]
    return later[:first], len(later) > first, len(views)


class MemoryPaymentQueries:
    def __init__(self, reading: MemoryReading) -> None:
        self._reading = reading

    async def payment(self, tenant_id: str, payment_id: str) -> PaymentView | None:
        async with self._reading(tenant_id, "payments.get") as tables:
            found: PaymentView | None = tables.table(PAYMENTS.name).get((tenant_id, payment_id))
        return found

    async def payments(self, tenant_id: str, filter: PaymentFilter, first: int, after: int | None) -> PaymentPage:
        async with self._reading(tenant_id, "payments.list") as tables:
            views = [
                v
                for v in _payments(tables, tenant_id)
                if filter.supplier_party_id in (None, v.supplier.party_id)
                and (filter.bill_id is None or any(a.bill_id == filter.bill_id for a in v.allocations))
                and (filter.date_from is None or v.payment_date >= filter.date_from)
                and (filter.date_to is None or v.payment_date <= filter.date_to)
            ]
        return PaymentPage(*_page(views, first, after))

    async def certificate(self, tenant_id: str, certificate_id: str) -> CertificateView | None:
        async with self._reading(tenant_id, "vds_certificates.get") as tables:
            found: CertificateView | None = tables.table(CERTIFICATES.name).get((tenant_id, certificate_id))
        return found

    async def certificates_by_id(self, tenant_id: str, certificate_ids: Sequence[str]) -> dict[str, CertificateView]:
        async with self._reading(tenant_id, "vds_certificates.get_many") as tables:
            found = tables.table(CERTIFICATES.name)
            return {i: found[(tenant_id, i)] for i in certificate_ids if (tenant_id, i) in found}

    async def certificates(
        self, tenant_id: str, filter: CertificateFilter, first: int, after: int | None
    ) -> CertificatePage:
        async with self._reading(tenant_id, "vds_certificates.list") as tables:
            views = [
                v
                for (tenant, _), v in tables.table(CERTIFICATES.name).items()
                if tenant == tenant_id
                and filter.supplier_party_id in (None, v.supplier.party_id)
                and (filter.date_from is None or v.issued_on >= filter.date_from)
                and (filter.date_to is None or v.issued_on <= filter.date_to)
            ]
        return CertificatePage(*_page(views, first, after))

    async def bill_payables(self, tenant_id: str, filter: PayableFilter, limit: int) -> list[BillPayable]:
        async with self._reading(tenant_id, "bill_payables.list") as tables:
            payments = _payments(tables, tenant_id)
            found = []
            for (tenant, bill_id), facts in tables.table(PAYABLES.name).items():
                if tenant != tenant_id or filter.supplier_party_id not in (None, facts.supplier_party_id):
                    continue
                settled = _settled(payments, bill_id)
                payable = BillPayable(
                    bill_id, facts.sequence, facts.bill_number, facts.supplier_party_id,
                    facts.supplier_invoice_number, facts.total, settled.paid, settled.vds, settled.tds,
                    settled.credit_reversed,
                )  # fmt: skip
                if not filter.statuses or payable.status in filter.statuses:
                    found.append(payable)
        return sorted(found, key=lambda p: p.sequence, reverse=True)[:limit]

    async def withholding_payables(self, tenant_id: str) -> list[WithholdingPayable]:
        async with self._reading(tenant_id, "withholding_payables.get") as tables:
            return [_payable(tables, tenant_id, kind) for kind in WithholdingKind]
