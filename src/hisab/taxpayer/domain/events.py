"""Events of the taxpayer context: the registered person's profile and the tenant's approval policy."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from hisab.event_store.registry import EVENT_TYPES


@dataclass(frozen=True, slots=True)
class IssuingUnit:
    """A place the registered person issues tax invoices from; `code` prefixes its serials."""

    code: str
    name: str
    address: str


@dataclass(frozen=True, slots=True)
class SupplierProfileSet:
    """The tenant's registered-person details as a whole; each one replaces the one before."""

    event_type: ClassVar[str] = "SupplierProfileSet.v1"

    name: str
    bin: str
    units: tuple[IssuingUnit, ...]
    officer_name: str
    officer_designation: str


EVENT_TYPES.register((SupplierProfileSet,))


@dataclass(frozen=True, slots=True)
class ApprovalLevel:
    """One level of an approval policy: a holder of `role` approves invoices up to `up_to` Taka
    (None: any amount above the levels before it)."""

    role: str
    up_to: Decimal | None


@dataclass(frozen=True, slots=True)
class ApprovalPolicySet:
    """The tenant's approval policy as a whole; each one replaces the one before (no levels: cleared)."""

    event_type: ClassVar[str] = "ApprovalPolicySet.v1"

    levels: tuple[ApprovalLevel, ...]


EVENT_TYPES.register((ApprovalPolicySet,))
