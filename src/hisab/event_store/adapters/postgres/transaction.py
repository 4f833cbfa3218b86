"""The PostgreSQL side of one transaction: event store, counters, idempotency keys, and the contexts' tables."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import asyncpg

from hisab.event_store.adapters.codec import encode_event
from hisab.event_store.adapters.sql.events import EVENT_COLUMNS, stored_event
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Fetch
from hisab.event_store.adapters.sql.values import NativeValues
from hisab.event_store.messages import DomainEvent, EventMetadata, StoredEvent
from hisab.event_store.ports import IdempotencyRecord, NewStream
from hisab.kernel.errors import ConcurrencyError, IdempotencyKeyTakenError

NATIVE = NativeValues()


async def set_tenant(connection: asyncpg.Connection, tenant_id: str) -> None:
    """Name the tenant that row-level security lets this transaction see, until it ends."""
    await connection.execute("SELECT set_config('hisab.tenant_id', $1, true)", tenant_id)


def begin(tenant_id: str, *, read_only: bool = False) -> str:
    """BEGIN a transaction of one tenant: two statements, sent as one simple query (one round trip).

    A read is a read-only snapshot (repeatable read), so a page and its count agree. A simple
    query takes no parameters, so the tenant is quoted into a literal; with
    standard_conforming_strings on (the pool pins it) doubling quotes is all a literal needs.
    """
    if "\x00" in tenant_id:
        raise ValueError("a tenant id holds no NUL character")
    literal = "'" + tenant_id.replace("'", "''") + "'"
    mode = " ISOLATION LEVEL REPEATABLE READ READ ONLY" if read_only else ""
    return f"BEGIN{mode}; SELECT set_config('hisab.tenant_id', {literal}, true)"


async def commit(connection: asyncpg.Connection) -> None:
    """COMMIT, and refuse to take PostgreSQL's quiet ROLLBACK of a failed transaction for one."""
    if await connection.execute("COMMIT") != "COMMIT":
        raise asyncpg.InFailedSQLTransactionError("the transaction had failed and was rolled back, not committed")


def fetcher(connection: asyncpg.Connection) -> Fetch:
    async def fetch(sql: str, params: Sequence[Any]) -> Sequence[Any]:
        rows: Sequence[Any] = await connection.fetch(sql, *params)
        return rows

    return fetch


# One statement checks the stream's version and appends every event, so a stale writer
# inserts nothing and a racing one hits the (stream_id, version) primary key.
# `txn` makes the transaction take its id before the identity hands out positions: every
# row needs `txn.id`, so the id exists before any row is formed. The relay relies on this
# (a position below a committed one belongs to a transaction that was already running).
_APPEND = """
WITH txn AS MATERIALIZED (SELECT pg_current_xact_id() AS id),
current AS (SELECT coalesce(max(version), 0) AS version FROM events WHERE stream_id = $1)
INSERT INTO events (event_id, tenant_id, stream_id, version, event_type, payload, user_id, correlation_id, occurred_at,
                    transaction_id)
SELECT e.event_id, $2, $1, e.version, e.event_type, e.payload::jsonb, $3, $4, $5, txn.id
FROM txn, unnest($6::uuid[], $7::int[], $8::text[], $9::text[])
    WITH ORDINALITY AS e(event_id, version, event_type, payload, n)
WHERE (SELECT version FROM current) = $10
ORDER BY e.n
RETURNING position, version
"""

# Many new streams in one statement. A stream that exists already has a version 1, which the
# (stream_id, version) primary key refuses; `txn` comes first for the relay, as in `_APPEND`.
_BEGIN_STREAMS = """
WITH txn AS MATERIALIZED (SELECT pg_current_xact_id() AS id)
INSERT INTO events (event_id, tenant_id, stream_id, version, event_type, payload, user_id, correlation_id, occurred_at,
                    transaction_id)
SELECT e.event_id, $1, e.stream_id, e.version, e.event_type, e.payload::jsonb, $2, $3, $4, txn.id
FROM txn, unnest($5::uuid[], $6::text[], $7::int[], $8::text[], $9::text[])
    WITH ORDINALITY AS e(event_id, stream_id, version, event_type, payload, n)
ORDER BY e.n
RETURNING position, stream_id, version
"""


class PostgresEventStore:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._db = connection

    async def append(
        self, stream_id: str, expected_version: int, events: Sequence[DomainEvent], metadata: EventMetadata
    ) -> list[StoredEvent]:
        ids = [uuid.uuid4() for _ in events]
        versions = [expected_version + offset for offset in range(1, len(events) + 1)]
        try:
            rows = await self._db.fetch(
                _APPEND, stream_id, metadata.tenant_id, metadata.user_id, metadata.correlation_id,
                metadata.occurred_at, ids, versions, [e.event_type for e in events],
                [encode_event(e) for e in events], expected_version,
            )  # fmt: skip
        except asyncpg.UniqueViolationError as error:
            raise ConcurrencyError(f"stream {stream_id} moved past version {expected_version}") from error
        if len(rows) != len(events):
            raise ConcurrencyError(f"stream {stream_id} is not at version {expected_version}")
        positions = {row["version"]: row["position"] for row in rows}
        return [
            StoredEvent(str(event_id), stream_id, version, positions[version], event, metadata)
            for event_id, version, event in zip(ids, versions, events, strict=True)
        ]

    async def begin_streams(self, streams: Sequence[NewStream], metadata: EventMetadata) -> list[list[StoredEvent]]:
        flat = [
            (stream.stream_id, version, event) for stream in streams for version, event in enumerate(stream.events, 1)
        ]
        if not flat:
            return [[] for _ in streams]
        ids = [uuid.uuid4() for _ in flat]
        try:
            rows = await self._db.fetch(
                _BEGIN_STREAMS, metadata.tenant_id, metadata.user_id, metadata.correlation_id, metadata.occurred_at,
                ids, [s for s, _, _ in flat], [v for _, v, _ in flat], [e.event_type for _, _, e in flat],
                [encode_event(e) for _, _, e in flat],
            )  # fmt: skip
        except asyncpg.UniqueViolationError as error:
            raise ConcurrencyError("one of the new streams exists already") from error
        positions = {(row["stream_id"], row["version"]): row["position"] for row in rows}
        stored = iter(
            StoredEvent(str(event_id), stream_id, version, positions[(stream_id, version)], event, metadata)
            for event_id, (stream_id, version, event) in zip(ids, flat, strict=True)
        )
        return [[next(stored) for _ in stream.events] for stream in streams]

    async def read_stream(self, tenant_id: str, stream_id: str) -> list[StoredEvent]:
        rows = await self._db.fetch(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND tenant_id = $2 ORDER BY version",
            stream_id,
            tenant_id,
        )
        return [stored_event(row, NATIVE) for row in rows]

    async def hold(self, tenant_id: str, stream_id: str) -> None:
        # A transaction-scoped advisory lock, released at commit or rollback, under a name of its own.
        await self._db.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended('hisab.stream:' || $1::text || '/' || $2::text, 0))",
            tenant_id,
            stream_id,
        )

    async def read_all(self, after_position: int, limit: int) -> list[StoredEvent]:
        rows = await self._db.fetch(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2",
            after_position,
            limit,
        )
        return [stored_event(row, NATIVE) for row in rows]

    async def read_by_stream(self, after: tuple[str, int] | None, limit: int) -> list[StoredEvent]:
        stream, version = after or ("", 0)
        rows = await self._db.fetch(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE (stream_id, version) > ($1, $2) "
            "ORDER BY stream_id, version LIMIT $3",
            stream,
            version,
            limit,
        )
        return [stored_event(row, NATIVE) for row in rows]


class PostgresNumbering:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._db = connection

    async def next_value(self, tenant_id: str, series: str) -> int:
        value: int = await self._db.fetchval(
            "INSERT INTO counters (tenant_id, series, value) VALUES ($1, $2, 1) "
            "ON CONFLICT (tenant_id, series) DO UPDATE SET value = counters.value + 1 RETURNING value",
            tenant_id,
            series,
        )
        return value

    async def reserve(self, tenant_id: str, counts: Mapping[str, int]) -> dict[str, int]:
        if not counts:
            return {}
        rows = await self._db.fetch(
            "INSERT INTO counters (tenant_id, series, value) SELECT $1, r.series, r.count "
            "FROM unnest($2::text[], $3::bigint[]) AS r(series, count) "
            "ON CONFLICT (tenant_id, series) DO UPDATE SET value = counters.value + excluded.value "
            "RETURNING series, value",
            tenant_id,
            list(counts),
            list(counts.values()),
        )
        return {row["series"]: row["value"] - counts[row["series"]] + 1 for row in rows}


# The column `invoice_id` keeps the name it was created with: it holds the id of the stream the
# request began, whichever aggregate's (renaming it is a migration of its own).
class PostgresIdempotencyStore:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._db = connection

    async def find(self, tenant_id: str, key: str) -> IdempotencyRecord | None:
        row = await self._db.fetchrow(
            "SELECT request_hash, invoice_id FROM idempotency_keys WHERE tenant_id = $1 AND key = $2",
            tenant_id,
            key,
        )
        return IdempotencyRecord(row["request_hash"], row["invoice_id"]) if row else None

    async def save(self, tenant_id: str, key: str, record: IdempotencyRecord) -> None:
        try:
            await self._db.execute(
                "INSERT INTO idempotency_keys (tenant_id, key, request_hash, invoice_id) VALUES ($1, $2, $3, $4)",
                tenant_id,
                key,
                record.request_hash,
                record.stream_id,
            )
        except asyncpg.UniqueViolationError as error:
            raise IdempotencyKeyTakenError(key) from error


class PostgresTransaction:
    """Runs inside a transaction its database began; `commit` ends it, anything else rolls it back."""

    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection
        self.events = PostgresEventStore(connection)
        self.counters = PostgresNumbering(connection)
        self.idempotency = PostgresIdempotencyStore(connection)
        self.tables = session(connection)
        self.committed = False

    async def commit(self) -> None:
        await commit(self._connection)
        self.committed = True


def session(connection: asyncpg.Connection) -> SqlSession:
    """The contexts' tables, reached through this connection."""
    return SqlSession(fetcher(connection), "numeric", NATIVE)
