"""The approval-policy read model, projected from the tenant's policy stream."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.taxpayer.domain.approval_policy import ApprovalPolicy
from hisab.taxpayer.domain.events import ApprovalPolicySet

POLICY_EVENTS: frozenset[type[DomainEvent]] = frozenset({ApprovalPolicySet})


@dataclass(frozen=True, slots=True)
class ApprovalPolicyView:
    tenant_id: str
    policy: ApprovalPolicy
    version: int
    updated_at: datetime
    updated_by: str


def project_policy(stored: Sequence[StoredEvent]) -> ApprovalPolicyView:
    """The view of a tenant's approval policy, from all of its stream's events."""
    last = stored[-1]
    metadata = last.metadata
    policy = ApprovalPolicy.from_events(s.event for s in stored)
    return ApprovalPolicyView(metadata.tenant_id, policy, last.version, metadata.occurred_at, metadata.user_id)
