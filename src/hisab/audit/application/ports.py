"""What the audit trail asks of storage: keep a read for good, and page through a tenant's reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from hisab.audit.domain.reads import AuditedRead, AuditFilter


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """A kept read and its place in the trail: the newest-first order and the cursors go by `sequence`."""

    sequence: int
    read: AuditedRead


@dataclass(frozen=True, slots=True)
class AuditPage:
    entries: list[AuditEntry]
    has_next_page: bool
    total_count: int


class AuditTrail(Protocol):
    """Append-only: a kept read is never changed or removed by the service (retention is the operator's)."""

    async def record(self, read: AuditedRead) -> None:
        """Keep the read, committed before this returns; raise if it could not be kept."""

    async def list(self, tenant_id: str, filter: AuditFilter, first: int, after_sequence: int | None) -> AuditPage:
        """The tenant's reads matching `filter`, newest first, after the cursor's sequence."""
