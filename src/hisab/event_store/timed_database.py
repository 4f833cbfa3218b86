"""The database port, measured: a span and a duration for every operation of every adapter.

Wrapping the port rather than each driver times SQLite, PostgreSQL and the test fake alike,
and keeps the adapters free of telemetry. An operation is one call on a port (`events.append`,
`invoices.save`, `queries.list`...), which is one or a few SQL statements.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager

from hisab.access.application.ports import RefreshTokenLedger
from hisab.event_store.messages import DomainEvent, EventMetadata, StoredEvent
from hisab.event_store.ports import (
    Database,
    EventStore,
    IdempotencyRecord,
    IdempotencyStore,
    Numbering,
    ReadModelAdmin,
    UnitOfWork,
)
from hisab.invoicing.application.ports import InvoiceFilter, InvoicePage, InvoiceProjection, InvoiceQueries
from hisab.invoicing.application.views import InvoiceView
from hisab.kernel.telemetry import Attribute, Metrics, Tracer
from hisab.taxpayer.application.ports import ProfileProjection, ProfileQueries, TenantSettingsStore


class _Probe:
    def __init__(self, tracer: Tracer, metrics: Metrics) -> None:
        self.tracer = tracer
        self.metrics = metrics

    @contextmanager
    def operation(self, name: str, tenant_id: str | None, **attributes: Attribute) -> Iterator[None]:
        started = time.perf_counter()
        if tenant_id is not None:
            attributes["hisab.tenant_id"] = tenant_id
        with self.tracer.span(f"db {name}", {"db.operation.name": name, **attributes}):
            try:
                yield
            finally:
                self.metrics.database_operation(name, time.perf_counter() - started)


class InstrumentedDatabase:
    def __init__(self, database: Database, tracer: Tracer, metrics: Metrics) -> None:
        self._database = database
        self._probe = _Probe(tracer, metrics)
        self.queries = _Queries(database.queries, self._probe)

    @property
    def admin(self) -> ReadModelAdmin:
        return self._database.admin

    @property
    def profiles(self) -> ProfileQueries:
        return self._database.profiles

    @property
    def refresh_tokens(self) -> RefreshTokenLedger:
        return self._database.refresh_tokens

    @asynccontextmanager
    async def transaction(self, tenant_id: str) -> AsyncIterator[UnitOfWork]:
        with self._probe.tracer.span("db transaction", {"hisab.tenant_id": tenant_id}):
            started = time.perf_counter()
            async with self._database.transaction(tenant_id) as unit:
                # Waiting for a pooled connection (or SQLite's one writer) is time spent here.
                self._probe.metrics.database_operation("transaction.begin", time.perf_counter() - started)
                yield _UnitOfWork(unit, self._probe, tenant_id)

    async def ping(self) -> None:
        await self._database.ping()

    async def schema_revision(self) -> str | None:
        return await self._database.schema_revision()

    async def close(self) -> None:
        await self._database.close()


class _UnitOfWork:
    def __init__(self, unit: UnitOfWork, probe: _Probe, tenant_id: str) -> None:
        self._unit = unit
        self._probe = probe
        self._tenant_id = tenant_id
        self.events = _EventStore(unit.events, probe)
        self.invoices = _Projection(unit.invoices, probe)
        self.counters = _Numbering(unit.counters, probe)
        self.idempotency = _Idempotency(unit.idempotency, probe)

    # Rare writes (a tenant's profile and settings) inside a transaction that is itself timed.
    @property
    def profiles(self) -> ProfileProjection:
        return self._unit.profiles

    @property
    def tenant_settings(self) -> TenantSettingsStore:
        return self._unit.tenant_settings

    async def commit(self) -> None:
        with self._probe.operation("transaction.commit", self._tenant_id):
            await self._unit.commit()


class _EventStore:
    def __init__(self, store: EventStore, probe: _Probe) -> None:
        self._store = store
        self._probe = probe

    async def append(
        self, stream_id: str, expected_version: int, events: Sequence[DomainEvent], metadata: EventMetadata
    ) -> list[StoredEvent]:
        started = time.perf_counter()
        attributes: dict[str, Attribute] = {
            "hisab.tenant_id": metadata.tenant_id,
            "hisab.invoice_id": stream_id,
            "hisab.expected_version": expected_version,
            "hisab.event_count": len(events),
        }
        with self._probe.tracer.span("eventstore.append", attributes):
            try:
                return await self._store.append(stream_id, expected_version, events, metadata)
            finally:
                seconds = time.perf_counter() - started
                self._probe.metrics.events_appended(seconds)
                self._probe.metrics.database_operation("events.append", seconds)

    async def read_stream(self, tenant_id: str, stream_id: str) -> list[StoredEvent]:
        with self._probe.operation("events.read_stream", tenant_id, **{"hisab.invoice_id": stream_id}):
            return await self._store.read_stream(tenant_id, stream_id)

    async def read_all(self, after_position: int, limit: int) -> list[StoredEvent]:
        with self._probe.operation("events.read_all", None):
            return await self._store.read_all(after_position, limit)

    async def read_by_stream(self, after: tuple[str, int] | None, limit: int) -> list[StoredEvent]:
        with self._probe.operation("events.read_by_stream", None):
            return await self._store.read_by_stream(after, limit)


class _Projection:
    def __init__(self, projection: InvoiceProjection, probe: _Probe) -> None:
        self._projection = projection
        self._probe = probe

    async def save(self, view: InvoiceView, *, lines_changed: bool) -> None:
        with self._probe.operation("invoices.save", view.tenant_id, **{"hisab.invoice_id": view.invoice_id}):
            await self._projection.save(view, lines_changed=lines_changed)


class _Numbering:
    def __init__(self, numbering: Numbering, probe: _Probe) -> None:
        self._numbering = numbering
        self._probe = probe

    async def next_value(self, tenant_id: str, series: str) -> int:
        with self._probe.operation("counters.next_value", tenant_id):
            return await self._numbering.next_value(tenant_id, series)


class _Idempotency:
    def __init__(self, store: IdempotencyStore, probe: _Probe) -> None:
        self._store = store
        self._probe = probe

    async def find(self, tenant_id: str, key: str) -> IdempotencyRecord | None:
        with self._probe.operation("idempotency.find", tenant_id):
            return await self._store.find(tenant_id, key)

    async def save(self, tenant_id: str, key: str, record: IdempotencyRecord) -> None:
        with self._probe.operation("idempotency.save", tenant_id):
            await self._store.save(tenant_id, key, record)


class _Queries:
    def __init__(self, queries: InvoiceQueries, probe: _Probe) -> None:
        self._queries = queries
        self._probe = probe

    async def get(self, tenant_id: str, invoice_id: str) -> InvoiceView | None:
        with self._probe.operation("queries.get", tenant_id, **{"hisab.invoice_id": invoice_id}):
            return await self._queries.get(tenant_id, invoice_id)

    async def list(self, tenant_id: str, filter: InvoiceFilter, first: int, after_sequence: int | None) -> InvoicePage:
        with self._probe.operation("queries.list", tenant_id):
            return await self._queries.list(tenant_id, filter, first, after_sequence)
