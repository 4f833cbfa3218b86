"""What is read about approvals: the queue of pending ones (a read model) and an invoice's approval trail."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.invoicing.domain.approval import ApprovalRound, pending_round
from hisab.invoicing.domain.approval_events import (
    APPROVAL_EVENT_TYPES,
    ApprovalDelegated,
    ApprovalEscalated,
    InvoiceApprovalRecorded,
    InvoiceRejected,
    InvoiceSubmitted,
)
from hisab.invoicing.domain.events import InvoiceApproved, InvoiceCancelled, InvoiceCreated

# The queue changes when a submission starts, moves on, or ends (issued, rejected or cancelled).
QUEUE_EVENTS: frozenset[type[DomainEvent]] = frozenset({*APPROVAL_EVENT_TYPES, InvoiceApproved, InvoiceCancelled})


@dataclass(frozen=True, slots=True)
class PendingApprovalView:
    """An invoice waiting for the approval of one level: who may give it is `role` (or `delegated_to`),
    never `created_by` nor one of `approvers`."""

    tenant_id: str
    invoice_id: str
    sequence: int
    invoice_number: str
    grand_total: Decimal
    level: int
    required: int
    role: str
    delegated_to: str | None
    delegated_by: str | None
    created_by: str
    approvers: tuple[str, ...]
    submitted_by: str
    submitted_at: datetime


def queue_entry(stored: Sequence[StoredEvent]) -> PendingApprovalView | None:
    """The invoice's place in the approval queue, or None when nothing of it is pending."""
    first = stored[0]
    pending = pending_round(first.stream_id, (s.event for s in stored))
    if pending is None:
        return None
    sequence, invoice_number = first.position, ""
    submitted: InvoiceSubmitted | None = None
    submitted_at = first.metadata.occurred_at
    for s in stored:
        if isinstance(s.event, InvoiceCreated):
            sequence, invoice_number = s.position, s.event.invoice_number
        elif isinstance(s.event, InvoiceSubmitted):
            submitted, submitted_at = s.event, s.metadata.occurred_at
    if submitted is None:
        return None
    return PendingApprovalView(
        tenant_id=first.metadata.tenant_id,
        invoice_id=first.stream_id,
        sequence=sequence,
        invoice_number=invoice_number,
        grand_total=submitted.grand_total,
        level=pending.level,
        required=pending.required,
        role=pending.role,
        delegated_to=pending.delegated_to,
        delegated_by=pending.delegated_by,
        created_by=first.metadata.user_id,
        approvers=pending.approvers,
        submitted_by=submitted.submitted_by,
        submitted_at=submitted_at,
    )


class ApprovalStep(StrEnum):
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    DELEGATED = "DELEGATED"
    ESCALATED = "ESCALATED"
    ISSUED = "ISSUED"


@dataclass(frozen=True, slots=True)
class ApprovalGiven:
    """One approval: of a level of a submission (role None: the single approval without a policy)."""

    submission: int
    level: int
    role: str | None
    approved_by: str
    approved_at: datetime
    delegated_by: str | None
    # The submission was rejected afterwards, so this approval no longer counts.
    void: bool


@dataclass(frozen=True, slots=True)
class ApprovalAction:
    """Anything that happened to the invoice's approval, in order."""

    step: ApprovalStep
    submission: int
    level: int | None
    by: str
    at: datetime
    reason: str | None = None
    to_user: str | None = None
    to_role: str | None = None


@dataclass(frozen=True, slots=True)
class ApprovalTrail:
    approvals: tuple[ApprovalGiven, ...]
    actions: tuple[ApprovalAction, ...]
    # The submission waiting for approval, if one is.
    pending: ApprovalRound | None
    # How many approvals the latest submission needs (None: never submitted).
    required: int | None


def approval_trail(stored: Sequence[StoredEvent]) -> ApprovalTrail:
    approvals: list[ApprovalGiven] = []
    actions: list[ApprovalAction] = []
    submission, required = 0, None
    for s in stored:
        event, by, at = s.event, s.metadata.user_id, s.metadata.occurred_at
        match event:
            case InvoiceSubmitted():
                submission, required = submission + 1, len(event.roles)
                actions.append(ApprovalAction(ApprovalStep.SUBMITTED, submission, None, by, at))
            case InvoiceApprovalRecorded():
                approvals.append(
                    ApprovalGiven(submission, event.level, event.role, by, at, event.delegated_by, void=False)
                )
                actions.append(ApprovalAction(ApprovalStep.APPROVED, submission, event.level, by, at))
            case InvoiceRejected():
                approvals = [replace(a, void=True) if a.submission == submission else a for a in approvals]
                actions.append(ApprovalAction(ApprovalStep.REJECTED, submission, event.level, by, at, event.reason))
            case ApprovalDelegated():
                step = ApprovalAction(
                    ApprovalStep.DELEGATED, submission, event.level, by, at, event.reason, to_user=event.to_user
                )
                actions.append(step)
            case ApprovalEscalated():
                step = ApprovalAction(
                    ApprovalStep.ESCALATED, submission, event.level, by, at, event.reason, to_role=event.to_role
                )
                actions.append(step)
            case InvoiceApproved():
                if submission == 0:
                    # No policy: the one approval is the issue itself.
                    approvals.append(ApprovalGiven(0, 1, None, by, at, None, void=False))
                    required = 1
                actions.append(ApprovalAction(ApprovalStep.ISSUED, submission, None, by, at))
    pending = pending_round(stored[0].stream_id, (s.event for s in stored)) if stored else None
    return ApprovalTrail(tuple(approvals), tuple(actions), pending, required)
