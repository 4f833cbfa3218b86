"""What the event store needs from a database: streams, counters, idempotency keys, transactions.

A transaction also hands out `tables`: the backend's own way into the tables of the contexts
(an `SqlSession` on SQLite and PostgreSQL, plain dictionaries in the tests' fake). Contexts
write their read models through it, so a new read model adds nothing to these ports.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from hisab.event_store.messages import DomainEvent, EventMetadata, StoredEvent

if TYPE_CHECKING:
    from hisab.event_store.projections import Projections

S = TypeVar("S")
S_co = TypeVar("S_co", covariant=True)


@dataclass(frozen=True, slots=True)
class NewStream:
    """A stream to begin: its id and its first events."""

    stream_id: str
    events: Sequence[DomainEvent]


class EventStore(Protocol):
    """Append-only streams with optimistic concurrency on the stream version."""

    async def append(
        self, stream_id: str, expected_version: int, events: Sequence[DomainEvent], metadata: EventMetadata
    ) -> list[StoredEvent]:
        """Append after `expected_version` atomically; raise ConcurrencyError if the stream moved."""

    async def begin_streams(self, streams: Sequence[NewStream], metadata: EventMetadata) -> list[list[StoredEvent]]:
        """Begin many new streams at once (few round trips), their events in the order given; each
        stream's stored events in the streams' order. Raise ConcurrencyError if one already exists."""

    async def read_stream(self, tenant_id: str, stream_id: str) -> list[StoredEvent]:
        """The stream's events in version order; empty if it does not exist for this tenant."""

    async def hold(self, tenant_id: str, stream_id: str) -> None:
        """Make every other transaction that holds this stream wait until this one ends.

        The version check alone lets concurrent writers of one stream race and retry; a command
        whose decisions many callers make at once on one stream (notes against one invoice) holds
        it first, so they are decided one after another instead of retried until they give up.
        """

    async def read_all(self, after_position: int, limit: int) -> list[StoredEvent]:
        """Events of every stream and tenant in global order, after a position."""

    async def read_by_stream(self, after: tuple[str, int] | None, limit: int) -> list[StoredEvent]:
        """Events of every stream ordered by (stream id, version), after a (stream, version) key."""


class Numbering(Protocol):
    """Gapless counters, taken inside the transaction so a rollback gives the number back."""

    async def next_value(self, tenant_id: str, series: str) -> int:
        """The next value of a series, starting at 1."""

    async def reserve(self, tenant_id: str, counts: Mapping[str, int]) -> dict[str, int]:
        """Take `count` consecutive values of each series at once: the first value of each block.

        Gapless like `next_value`: the block is taken in the transaction and given back by its rollback.
        """


@dataclass(frozen=True, slots=True)
class IdempotencyRecord:
    """A request once answered: a digest of its body, and the stream it created."""

    request_hash: str
    stream_id: str


class IdempotencyStore(Protocol):
    async def find(self, tenant_id: str, key: str) -> IdempotencyRecord | None: ...

    async def save(self, tenant_id: str, key: str, record: IdempotencyRecord) -> None:
        """Record a key; raise IdempotencyKeyTakenError if it is already recorded."""


class Transaction(Protocol[S_co]):
    """One database transaction. It rolls back unless `commit` was called."""

    @property
    def events(self) -> EventStore: ...

    @property
    def counters(self) -> Numbering: ...

    @property
    def idempotency(self) -> IdempotencyStore: ...

    @property
    def tables(self) -> S_co:
        """The contexts' tables, in this transaction."""

    async def commit(self) -> None: ...


class Database(Protocol[S]):
    """A connected storage backend: transactions, snapshot reads and administration."""

    def transaction(self, tenant_id: str) -> AbstractAsyncContextManager[Transaction[S]]:
        """A transaction acting for one tenant; it rolls back unless committed."""

    def reading(self, tenant_id: str, operation: str) -> AbstractAsyncContextManager[S]:
        """One consistent, read-only snapshot of one tenant's tables; `operation` names it for telemetry."""

    async def rebuild(self, projections: Projections[S], *, verify_only: bool) -> list[str]:
        """Replay every event into fresh read models; return how the live ones differ.

        With `verify_only` the live read models are left as they are; otherwise the fresh ones
        replace them, in one transaction that keeps writers out meanwhile.
        """

    async def ping(self) -> None: ...

    async def schema_revision(self) -> str | None:
        """The migration the schema is at (Alembic's revision id); None if it was never migrated."""

    async def close(self) -> None: ...
