"""What the event store needs from a database: streams, counters, idempotency keys."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Protocol

from hisab.access.application.ports import RefreshTokenLedger
from hisab.event_store.messages import DomainEvent, EventMetadata, StoredEvent
from hisab.invoicing.application.ports import InvoiceProjection, InvoiceQueries
from hisab.taxpayer.application.ports import ProfileProjection, ProfileQueries, TenantSettingsStore


class EventStore(Protocol):
    """Append-only streams with optimistic concurrency on the stream version."""

    async def append(
        self, stream_id: str, expected_version: int, events: Sequence[DomainEvent], metadata: EventMetadata
    ) -> list[StoredEvent]:
        """Append after `expected_version` atomically; raise ConcurrencyError if the stream moved."""

    async def read_stream(self, tenant_id: str, stream_id: str) -> list[StoredEvent]:
        """The stream's events in version order; empty if it does not exist for this tenant."""

    async def read_all(self, after_position: int, limit: int) -> list[StoredEvent]:
        """Events of every stream and tenant in global order, after a position."""

    async def read_by_stream(self, after: tuple[str, int] | None, limit: int) -> list[StoredEvent]:
        """Events of every stream ordered by (stream id, version), after a (stream, version) key."""


class Numbering(Protocol):
    """Gapless counters, taken inside the transaction so a rollback gives the number back."""

    async def next_value(self, tenant_id: str, series: str) -> int:
        """The next value of a series, starting at 1."""


@dataclass(frozen=True, slots=True)
class IdempotencyRecord:
    request_hash: str
    invoice_id: str


class IdempotencyStore(Protocol):
    async def find(self, tenant_id: str, key: str) -> IdempotencyRecord | None: ...

    async def save(self, tenant_id: str, key: str, record: IdempotencyRecord) -> None:
        """Record a key; raise IdempotencyKeyTakenError if it is already recorded."""


class UnitOfWork(Protocol):
    """One database transaction. It rolls back unless `commit` was called."""

    @property
    def events(self) -> EventStore: ...

    @property
    def invoices(self) -> InvoiceProjection: ...

    @property
    def profiles(self) -> ProfileProjection: ...

    @property
    def counters(self) -> Numbering: ...

    @property
    def idempotency(self) -> IdempotencyStore: ...

    @property
    def tenant_settings(self) -> TenantSettingsStore: ...

    async def commit(self) -> None: ...


class ReadModelAdmin(Protocol):
    """Rebuilding the read model from the event store."""

    async def rebuild(self, *, verify_only: bool) -> list[str]:
        """Replay every event into fresh tables; return the differences from the live tables.

        With `verify_only` the live tables are left as they are; otherwise the fresh tables
        replace them, in one transaction that keeps writers out meanwhile.
        """


class Database(Protocol):
    """A connected storage backend: transactions, queries and administration."""

    @property
    def queries(self) -> InvoiceQueries: ...

    @property
    def profiles(self) -> ProfileQueries: ...

    @property
    def admin(self) -> ReadModelAdmin: ...

    @property
    def refresh_tokens(self) -> RefreshTokenLedger: ...

    def transaction(self, tenant_id: str) -> AbstractAsyncContextManager[UnitOfWork]:
        """A unit of work acting for one tenant; it rolls back unless committed."""

    async def ping(self) -> None: ...

    async def schema_revision(self) -> str | None:
        """The migration the schema is at (Alembic's revision id); None if it was never migrated."""

    async def close(self) -> None: ...
