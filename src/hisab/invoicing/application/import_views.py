"""An import as its read model shows it, projected from the import's stream, and the port that reads it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.invoicing.domain.imports import IMPORT_EVENTS, Import, ImportKind, ImportStatus

IMPORT_VIEW_EVENTS: frozenset[type[DomainEvent]] = frozenset(IMPORT_EVENTS)


@dataclass(frozen=True, slots=True)
class ImportView:
    tenant_id: str
    import_id: str
    kind: ImportKind
    status: ImportStatus
    total: int
    rows: int
    processed: int
    reason: str | None
    file_sha256: str
    created_by: str
    created_at: datetime
    updated_at: datetime
    version: int


def project_import(stream: Sequence[StoredEvent]) -> ImportView:
    found = Import.from_events(s.event for s in stream)
    first, last = stream[0], stream[-1]
    return ImportView(
        tenant_id=first.metadata.tenant_id,
        import_id=found.import_id,
        kind=found.kind,
        status=found.status,
        total=found.total,
        rows=found.rows,
        processed=found.processed,
        reason=found.reason,
        file_sha256=found.file_sha256,
        created_by=first.metadata.user_id,
        created_at=first.metadata.occurred_at,
        updated_at=last.metadata.occurred_at,
        version=last.version,
    )


class ImportQueries(Protocol):
    async def get(self, tenant_id: str, import_id: str) -> ImportView | None: ...

    async def recent(self, tenant_id: str, limit: int) -> list[ImportView]:
        """The tenant's latest imports, newest first: how a client finds the one its upload is running."""

    async def ids_by_code(self, tenant_id: str, kind: ImportKind, codes: Sequence[str]) -> dict[str, str]:
        """The tenant's parties (PARTIES) or items (ITEMS) that have any of these codes: code -> id."""
