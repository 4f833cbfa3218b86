"""The SQLite side of one transaction: event store, counters, idempotency keys, and the contexts' tables."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import aiosqlite

from hisab.event_store.adapters.codec import encode_event
from hisab.event_store.adapters.sql.events import EVENT_COLUMNS, stored_event
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Fetch
from hisab.event_store.adapters.sql.values import TextValues
from hisab.event_store.messages import DomainEvent, EventMetadata, StoredEvent
from hisab.event_store.ports import IdempotencyRecord, NewStream
from hisab.kernel.errors import ConcurrencyError, IdempotencyKeyTakenError

TEXT = TextValues()


def fetcher(connection: aiosqlite.Connection) -> Fetch:
    async def fetch(sql: str, params: Sequence[Any]) -> Sequence[Any]:
        return list(await connection.execute_fetchall(sql, params))

    return fetch


class SQLiteEventStore:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._db = connection

    async def append(
        self, stream_id: str, expected_version: int, events: Sequence[DomainEvent], metadata: EventMetadata
    ) -> list[StoredEvent]:
        await _ensure_version(self._db, stream_id, expected_version)
        return [
            await self._insert(stream_id, expected_version + offset, event, metadata)
            for offset, event in enumerate(events, start=1)
        ]

    async def begin_streams(self, streams: Sequence[NewStream], metadata: EventMetadata) -> list[list[StoredEvent]]:
        """One insert per event: SQLite runs in-process, so a round trip costs little."""
        return [
            [await self._insert(s.stream_id, version, event, metadata) for version, event in enumerate(s.events, 1)]
            for s in streams
        ]

    async def _insert(self, stream_id: str, version: int, event: DomainEvent, metadata: EventMetadata) -> StoredEvent:
        event_id = str(uuid.uuid4())
        try:
            cursor = await self._db.execute(
                "INSERT INTO events (event_id, tenant_id, stream_id, version, event_type, payload, user_id,"
                " correlation_id, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    event_id, metadata.tenant_id, stream_id, version, event.event_type, encode_event(event),
                    metadata.user_id, metadata.correlation_id, TEXT.datetime_in(metadata.occurred_at),
                ),
            )  # fmt: skip
        except sqlite3.IntegrityError as error:
            raise ConcurrencyError(f"stream {stream_id} already has version {version}") from error
        assert cursor.lastrowid is not None
        return StoredEvent(event_id, stream_id, version, cursor.lastrowid, event, metadata)

    async def read_stream(self, tenant_id: str, stream_id: str) -> list[StoredEvent]:
        rows = await self._db.execute_fetchall(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE stream_id = ? AND tenant_id = ? ORDER BY version",
            (stream_id, tenant_id),
        )
        return [stored_event(row, TEXT) for row in rows]

    async def hold(self, tenant_id: str, stream_id: str) -> None:
        """Nothing to do: SQLite's writer transactions (BEGIN IMMEDIATE) already run one at a time."""

    async def read_all(self, after_position: int, limit: int) -> list[StoredEvent]:
        rows = await self._db.execute_fetchall(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?",
            (after_position, limit),
        )
        return [stored_event(row, TEXT) for row in rows]

    async def read_by_stream(self, after: tuple[str, int] | None, limit: int) -> list[StoredEvent]:
        stream, version = after or ("", 0)
        rows = await self._db.execute_fetchall(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE (stream_id, version) > (?, ?) "
            "ORDER BY stream_id, version LIMIT ?",
            (stream, version, limit),
        )
        return [stored_event(row, TEXT) for row in rows]


async def _ensure_version(db: aiosqlite.Connection, stream_id: str, expected_version: int) -> None:
    rows = list(await db.execute_fetchall("SELECT max(version) FROM events WHERE stream_id = ?", (stream_id,)))
    current = rows[0][0] or 0
    if current != expected_version:
        raise ConcurrencyError(f"stream {stream_id} is at version {current}, not {expected_version}")


class SQLiteNumbering:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._db = connection

    async def next_value(self, tenant_id: str, series: str) -> int:
        rows = list(
            await self._db.execute_fetchall(
                "INSERT INTO counters (tenant_id, series, value) VALUES (?, ?, 1) "
                "ON CONFLICT (tenant_id, series) DO UPDATE SET value = value + 1 RETURNING value",
                (tenant_id, series),
            )
        )
        value: int = rows[0][0]
        return value

    async def reserve(self, tenant_id: str, counts: Mapping[str, int]) -> dict[str, int]:
        reserved: dict[str, int] = {}
        for series, count in counts.items():
            rows = list(
                await self._db.execute_fetchall(
                    "INSERT INTO counters (tenant_id, series, value) VALUES (?, ?, ?) "
                    "ON CONFLICT (tenant_id, series) DO UPDATE SET value = value + excluded.value RETURNING value",
                    (tenant_id, series, count),
                )
            )
            reserved[series] = rows[0][0] - count + 1
        return reserved


# The column `invoice_id` keeps the name it was created with: it holds the id of the stream the
# request began, whichever aggregate's (renaming it is a migration of its own).
class SQLiteIdempotencyStore:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._db = connection

    async def find(self, tenant_id: str, key: str) -> IdempotencyRecord | None:
        rows = list(
            await self._db.execute_fetchall(
                "SELECT request_hash, invoice_id FROM idempotency_keys WHERE tenant_id = ? AND key = ?",
                (tenant_id, key),
            )
        )
        return IdempotencyRecord(rows[0][0], rows[0][1]) if rows else None

    async def save(self, tenant_id: str, key: str, record: IdempotencyRecord) -> None:
        try:
            await self._db.execute(
                "INSERT INTO idempotency_keys (tenant_id, key, request_hash, invoice_id) VALUES (?, ?, ?, ?)",
                (tenant_id, key, record.request_hash, record.stream_id),
            )
        except sqlite3.IntegrityError as error:
            raise IdempotencyKeyTakenError(key) from error


class SQLiteTransaction:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._db = connection
        self.events = SQLiteEventStore(connection)
        self.counters = SQLiteNumbering(connection)
        self.idempotency = SQLiteIdempotencyStore(connection)
        self.tables = session(connection)

    async def commit(self) -> None:
        await self._db.execute("COMMIT")


def session(connection: aiosqlite.Connection) -> SqlSession:
    """The contexts' tables, reached through this connection."""
    return SqlSession(fetcher(connection), "qmark", TEXT)
