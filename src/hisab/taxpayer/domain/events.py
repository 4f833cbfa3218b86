"""Events of the registered person's profile."""

from __future__ import annotations

from dataclasses import dataclass
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
