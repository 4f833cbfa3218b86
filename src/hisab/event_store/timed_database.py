"""The database, timed: a span and a duration for every operation of every backend.

Wrapping the ports rather than each driver times SQLite, PostgreSQL and the test fake alike, and
keeps the adapters free of telemetry. Only the event store's generic ports are wrapped (events,
counters, idempotency keys, transactions and snapshot reads); a context's own statements run
inside a transaction or snapshot that is timed here, and projections are timed by the write path.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Generic, TypeVar

from hisab.event_store.messages import DomainEvent, EventMetadata, StoredEvent
from hisab.event_store.ports import (
    Database,
    EventStore,
    IdempotencyRecord,
    IdempotencyStore,
    NewStream,
    Numbering,
    Transaction,
)
from hisab.event_store.projections import Projections
from hisab.kernel.telemetry import Attribute, Telemetry

S = TypeVar("S")


class TimedDatabase(Generic[S]):
    def __init__(self, database: Database[S], telemetry: Telemetry) -> None:
        self._database = database
        self._telemetry = telemetry

    @asynccontextmanager
    async def transaction(self, tenant_id: str) -> AsyncIterator[Transaction[S]]:
        with self._telemetry.tracer.span("db transaction", {"hisab.tenant_id": tenant_id}):
            started = time.perf_counter()
            async with self._database.transaction(tenant_id) as transaction:
                # Waiting for a pooled connection (or SQLite's one writer) is time spent here.
                self._telemetry.metrics.database_operation("transaction.begin", time.perf_counter() - started)
                yield _TimedTransaction(transaction, self._telemetry, tenant_id)

    @asynccontextmanager
    async def reading(self, tenant_id: str, operation: str) -> AsyncIterator[S]:
        with self._telemetry.operation(f"read.{operation}", tenant_id):
            async with self._database.reading(tenant_id, operation) as tables:
                yield tables

    async def rebuild(self, projections: Projections[S], *, verify_only: bool) -> list[str]:
        return await self._database.rebuild(projections, verify_only=verify_only)

    async def ping(self) -> None:
        await self._database.ping()

    async def schema_revision(self) -> str | None:
        return await self._database.schema_revision()

    async def close(self) -> None:
        await self._database.close()


class _TimedTransaction(Generic[S]):
    def __init__(self, transaction: Transaction[S], telemetry: Telemetry, tenant_id: str) -> None:
        self._transaction = transaction
        self._telemetry = telemetry
        self._tenant_id = tenant_id
        self.events = _TimedEventStore(transaction.events, telemetry)
        self.counters = _TimedNumbering(transaction.counters, telemetry)
        self.idempotency = _TimedIdempotency(transaction.idempotency, telemetry)

    @property
    def tables(self) -> S:
        return self._transaction.tables

    async def commit(self) -> None:
        with self._telemetry.operation("transaction.commit", self._tenant_id):
            await self._transaction.commit()


class _TimedEventStore:
    def __init__(self, store: EventStore, telemetry: Telemetry) -> None:
        self._store = store
        self._telemetry = telemetry

    async def append(
        self, stream_id: str, expected_version: int, events: Sequence[DomainEvent], metadata: EventMetadata
    ) -> list[StoredEvent]:
        started = time.perf_counter()
        attributes: dict[str, Attribute] = {
            "hisab.tenant_id": metadata.tenant_id,
            "hisab.stream_id": stream_id,
            "hisab.expected_version": expected_version,
            "hisab.event_count": len(events),
        }
        with self._telemetry.tracer.span("eventstore.append", attributes):
            try:
                return await self._store.append(stream_id, expected_version, events, metadata)
            finally:
                seconds = time.perf_counter() - started
                self._telemetry.metrics.events_appended(seconds)
                self._telemetry.metrics.database_operation("events.append", seconds)

    async def begin_streams(self, streams: Sequence[NewStream], metadata: EventMetadata) -> list[list[StoredEvent]]:
        started = time.perf_counter()
        attributes: dict[str, Attribute] = {
            "hisab.tenant_id": metadata.tenant_id,
            "hisab.stream_count": len(streams),
            "hisab.event_count": sum(len(stream.events) for stream in streams),
        }
        with self._telemetry.tracer.span("eventstore.begin_streams", attributes):
            try:
                return await self._store.begin_streams(streams, metadata)
            finally:
                seconds = time.perf_counter() - started
                self._telemetry.metrics.events_appended(seconds)
                self._telemetry.metrics.database_operation("events.begin_streams", seconds)

    async def read_stream(self, tenant_id: str, stream_id: str) -> list[StoredEvent]:
        with self._telemetry.operation("events.read_stream", tenant_id, **{"hisab.stream_id": stream_id}):
            return await self._store.read_stream(tenant_id, stream_id)

    async def hold(self, tenant_id: str, stream_id: str) -> None:
        with self._telemetry.operation("events.hold", tenant_id, **{"hisab.stream_id": stream_id}):
            await self._store.hold(tenant_id, stream_id)

    async def read_all(self, after_position: int, limit: int) -> list[StoredEvent]:
        with self._telemetry.operation("events.read_all", None):
            return await self._store.read_all(after_position, limit)

    async def read_by_stream(self, after: tuple[str, int] | None, limit: int) -> list[StoredEvent]:
        with self._telemetry.operation("events.read_by_stream", None):
            return await self._store.read_by_stream(after, limit)


class _TimedNumbering:
    def __init__(self, numbering: Numbering, telemetry: Telemetry) -> None:
        self._numbering = numbering
        self._telemetry = telemetry

    async def next_value(self, tenant_id: str, series: str) -> int:
        with self._telemetry.operation("counters.next_value", tenant_id):
            return await self._numbering.next_value(tenant_id, series)

    async def reserve(self, tenant_id: str, counts: Mapping[str, int]) -> dict[str, int]:
        with self._telemetry.operation("counters.reserve", tenant_id):
            return await self._numbering.reserve(tenant_id, counts)


class _TimedIdempotency:
    def __init__(self, store: IdempotencyStore, telemetry: Telemetry) -> None:
        self._store = store
        self._telemetry = telemetry

    async def find(self, tenant_id: str, key: str) -> IdempotencyRecord | None:
        with self._telemetry.operation("idempotency.find", tenant_id):
            return await self._store.find(tenant_id, key)

    async def save(self, tenant_id: str, key: str, record: IdempotencyRecord) -> None:
        with self._telemetry.operation("idempotency.save", tenant_id):
            await self._store.save(tenant_id, key, record)
