"""What payments read: in a command's transaction (PaymentTables), and for the API (PaymentQueries)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from hisab.purchases.application.payment_views import (
    BillPayable,
    BillPaymentStatus,
    CertificateView,
    PaymentView,
    WithholdingPayable,
)
from hisab.purchases.domain.events import WithholdingKind
from hisab.purchases.domain.payments import BillSettled

S_contra = TypeVar("S_contra", contravariant=True)


class PaymentTables(Protocol[S_contra]):
    """The read model as a command's own transaction sees it, after it holds what it decides on."""

    async def settled_within(self, tables: S_contra, tenant_id: str, bill_ids: Sequence[str]) -> dict[str, BillSettled]:
        """What earlier payments settled of each bill (a bill nothing settled yet may be missing)."""

    async def payable_within(self, tables: S_contra, tenant_id: str, kind: WithholdingKind) -> WithholdingPayable:
        """What is withheld of a kind, and deposited, over every payment and deposit of the tenant."""


@dataclass(frozen=True, slots=True)
class PaymentFilter:
    supplier_party_id: str | None = None
    bill_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True, slots=True)
class CertificateFilter:
    supplier_party_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True, slots=True)
class PayableFilter:
    supplier_party_id: str | None = None
    statuses: tuple[BillPaymentStatus, ...] = ()


@dataclass(frozen=True, slots=True)
class PaymentPage:
    payments: list[PaymentView]
    has_next_page: bool
    total_count: int


@dataclass(frozen=True, slots=True)
class CertificatePage:
    certificates: list[CertificateView]
    has_next_page: bool
    total_count: int


class PaymentQueries(Protocol):
    async def payment(self, tenant_id: str, payment_id: str) -> PaymentView | None: ...

    async def payments(self, tenant_id: str, filter: PaymentFilter, first: int, after: int | None) -> PaymentPage:
        """Newest first (by sequence), after the cursor's sequence."""

    async def certificate(self, tenant_id: str, certificate_id: str) -> CertificateView | None: ...

    async def certificates_by_id(self, tenant_id: str, certificate_ids: Sequence[str]) -> dict[str, CertificateView]:
        """The certificates of these ids that exist, in one read (a page of payments shows theirs)."""

    async def certificates(
        self, tenant_id: str, filter: CertificateFilter, first: int, after: int | None
    ) -> CertificatePage:
        """Newest first (by sequence), after the cursor's sequence."""

    async def bill_payables(self, tenant_id: str, filter: PayableFilter, limit: int) -> list[BillPayable]:
        """Bills with what each owes, newest recorded first, at most `limit` of them."""

    async def withholding_payables(self, tenant_id: str) -> list[WithholdingPayable]:
        """One per kind, VDS then TDS."""
