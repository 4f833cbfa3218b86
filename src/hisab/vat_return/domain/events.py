"""VAT-return events: a return's draft frozen, its submission, its amendments, and the deposits for its period.

One stream per tenant and tax period (`vat_return_stream_id`): the deposits of a period are decided
against its return (a challan is recorded once), and its submission against its draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from hisab.event_store.registry import EVENT_TYPES
from hisab.vat_return.domain.computation import Figure


class DepositKind(StrEnum):
    VAT = "VAT"  # note 58
    SD = "SD"  # note 59


def vat_return_stream_id(tenant_id: str, period: str) -> str:
    """Stream ids are global, so the tenant is part of it: `vat-return:<tenant>:<period>`."""
    return f"vat-return:{tenant_id}:{period}"


@dataclass(frozen=True, slots=True)
class CheckRecord:
    """A cross-check as it stood when the return was submitted."""

    name: str
    passed: bool
    expected: Decimal
    actual: Decimal
    words: str


@dataclass(frozen=True, slots=True)
class Override:
    """A failed check the submitter chose to file past, and why."""

    check: str
    reason: str


@dataclass(frozen=True, slots=True)
class VatReturnPrepared:
    """A draft frozen: every note's figures as computed now. Preparing again replaces it."""

    event_type: ClassVar[str] = "VatReturnPrepared.v1"

    period: str
    starts_on: date
    ends_on: date
    figures: tuple[Figure, ...]
    entry_count: int
    # No supply, no purchase and no deposit in the period: a nil return (20 days to file).
    nil: bool
    prepared_at: datetime
    prepared_by: str


@dataclass(frozen=True, slots=True)
class VatReturnSubmitted:
    """Filed with the NBR under `submission_reference`: the period is locked from now on."""

    event_type: ClassVar[str] = "VatReturnSubmitted.v1"

    period: str
    submission_reference: str
    submitted_at: datetime
    due_on: date
    # ORIGINAL (s.64) or, filed after the due date, LATE (s.65).
    return_type: str
    checks: tuple[CheckRecord, ...]
    overrides: tuple[Override, ...]
    submitted_by: str


@dataclass(frozen=True, slots=True)
class VatReturnAmended:
    """Filed again under s.66: a new snapshot of the figures replaces the submitted one."""

    event_type: ClassVar[str] = "VatReturnAmended.v1"

    period: str
    reason: str
    submission_reference: str
    submitted_at: datetime
    figures: tuple[Figure, ...]
    entry_count: int
    nil: bool
    amended_by: str


@dataclass(frozen=True, slots=True)
class VatDepositRecorded:
    """VAT or SD paid to the treasury for the period by challan (notes 58 and 59)."""

    event_type: ClassVar[str] = "VatDepositRecorded.v1"

    deposit_id: str
    period: str
    kind: DepositKind
    challan_number: str
    deposit_date: date
    amount: Decimal
    # The treasury account code it was paid to (UNCERTAIN, bangladesh-vat-returns.md §1.4: the tenant's own).
    account_code: str


RETURN_EVENT_TYPES = (VatReturnPrepared, VatReturnSubmitted, VatReturnAmended, VatDepositRecorded)
EVENT_TYPES.register(RETURN_EVENT_TYPES)
