"""The supplier-profile read model, projected from the profile stream's events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.taxpayer.domain.events import SupplierProfileSet
from hisab.taxpayer.domain.supplier import SupplierProfile

PROFILE_EVENTS: frozenset[type[DomainEvent]] = frozenset({SupplierProfileSet})


@dataclass(frozen=True, slots=True)
class SupplierProfileView:
    tenant_id: str
    profile: SupplierProfile
    version: int
    updated_at: datetime
    updated_by: str


def project_profile(stored: Sequence[StoredEvent]) -> SupplierProfileView:
    """The view of a tenant's registered-person profile, from all of its stream's events."""
    profile = SupplierProfile.from_events(s.event for s in stored)
    if profile is None:
        raise ValueError(f"stream {stored[0].stream_id} sets no supplier profile")
    last = stored[-1]
    metadata = last.metadata
    return SupplierProfileView(metadata.tenant_id, profile, last.version, metadata.occurred_at, metadata.user_id)
