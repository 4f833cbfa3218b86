"""Events of an invoice's approval by amount: submission, each level's approval, and what else happens to it.

Each names the user it is about in its payload (not only in the metadata), so the approval's
state folds from the events alone, as the domain sees them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from hisab.event_store.registry import EVENT_TYPES


@dataclass(frozen=True, slots=True)
class InvoiceSubmitted:
    """A draft went for approval under the policy in force: the roles of the levels it needs, in order,
    and the roles of the policy's levels above them (where an escalation goes), snapshot here so a
    later change of the policy does not move an invoice already in flight."""

    event_type: ClassVar[str] = "InvoiceSubmitted.v1"

    invoice_id: str
    grand_total: Decimal
    roles: tuple[str, ...]
    higher_roles: tuple[str, ...]
    submitted_by: str


@dataclass(frozen=True, slots=True)
class InvoiceApprovalRecorded:
    """One level approved; the last level's approval is followed by InvoiceApproved (the tax invoice)."""

    event_type: ClassVar[str] = "InvoiceApprovalRecorded.v1"

    invoice_id: str
    level: int
    role: str
    approved_by: str
    # Who handed the level to the approver, when it was delegated.
    delegated_by: str | None


@dataclass(frozen=True, slots=True)
class InvoiceRejected:
    """Sent back to DRAFT for correction: the approvals of this submission are void."""

    event_type: ClassVar[str] = "InvoiceRejected.v1"

    invoice_id: str
    level: int
    reason: str
    rejected_by: str


@dataclass(frozen=True, slots=True)
class ApprovalDelegated:
    """The current level is now approved by `to_user` alone."""

    event_type: ClassVar[str] = "ApprovalDelegated.v1"

    invoice_id: str
    level: int
    to_user: str
    reason: str
    delegated_by: str


@dataclass(frozen=True, slots=True)
class ApprovalEscalated:
    """The current level now needs a holder of `to_role`, the policy's next higher role."""

    event_type: ClassVar[str] = "ApprovalEscalated.v1"

    invoice_id: str
    level: int
    to_role: str
    reason: str
    escalated_by: str


ApprovalEvent = InvoiceSubmitted | InvoiceApprovalRecorded | InvoiceRejected | ApprovalDelegated | ApprovalEscalated
APPROVAL_EVENT_TYPES = (
    InvoiceSubmitted,
    InvoiceApprovalRecorded,
    InvoiceRejected,
    ApprovalDelegated,
    ApprovalEscalated,
)

EVENT_TYPES.register(APPROVAL_EVENT_TYPES)
