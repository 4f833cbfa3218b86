"""The SQLite side of one transaction: event store, projection, counters, idempotency keys."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Sequence
from typing import Any

import aiosqlite

from hisab.event_store.adapters.codec import encode_event
from hisab.event_store.adapters.sql.events import EVENT_COLUMNS, stored_event
from hisab.event_store.adapters.sql.types import Fetch
from hisab.event_store.adapters.sql.values import TextValues
from hisab.event_store.messages import DomainEvent, EventMetadata, StoredEvent
from hisab.event_store.ports import IdempotencyRecord
from hisab.invoicing.adapters.sql import statements as invoice_sql
from hisab.invoicing.adapters.sql.rows import invoice_row, line_row
from hisab.invoicing.adapters.sql.statements import LIVE, ReadModelTables
from hisab.invoicing.application.views import InvoiceView
from hisab.kernel.errors import ConcurrencyError, IdempotencyKeyTakenError
from hisab.taxpayer.adapters.sql.profiles import profile_row, upsert_profile
from hisab.taxpayer.adapters.sql.tenant_settings import SqlTenantSettings
from hisab.taxpayer.application.views import SupplierProfileView

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
        stored: list[StoredEvent] = []
        for offset, event in enumerate(events, start=1):
            event_id, version = str(uuid.uuid4()), expected_version + offset
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
            stored.append(StoredEvent(event_id, stream_id, version, cursor.lastrowid, event, metadata))
        return stored

    async def read_stream(self, tenant_id: str, stream_id: str) -> list[StoredEvent]:
        rows = await self._db.execute_fetchall(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE stream_id = ? AND tenant_id = ? ORDER BY version",
            (stream_id, tenant_id),
        )
        return [stored_event(row, TEXT) for row in rows]

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


class SQLiteProjection:
    def __init__(self, connection: aiosqlite.Connection, tables: ReadModelTables = LIVE) -> None:
        self._db = connection
        self._tables = tables

    async def save(self, view: InvoiceView, *, lines_changed: bool) -> None:
        await self._db.execute(invoice_sql.upsert_invoice("qmark", self._tables), invoice_row(view, TEXT))
        if lines_changed:
            await self._db.execute(invoice_sql.delete_lines("qmark", self._tables), (view.tenant_id, view.invoice_id))
            await self._db.executemany(
                invoice_sql.insert_line("qmark", self._tables), [line_row(view, line, TEXT) for line in view.lines]
            )


class SQLiteProfileProjection:
    def __init__(self, connection: aiosqlite.Connection, tables: ReadModelTables = LIVE) -> None:
        self._db = connection
        self._table = tables.profiles

    async def save(self, view: SupplierProfileView) -> None:
        await self._db.execute(upsert_profile("qmark", self._table), profile_row(view, TEXT))


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
                (tenant_id, key, record.request_hash, record.invoice_id),
            )
        except sqlite3.IntegrityError as error:
            raise IdempotencyKeyTakenError(key) from error


class SQLiteUnitOfWork:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._db = connection
        self.events = SQLiteEventStore(connection)
        self.invoices = SQLiteProjection(connection)
        self.profiles = SQLiteProfileProjection(connection)
        self.counters = SQLiteNumbering(connection)
        self.idempotency = SQLiteIdempotencyStore(connection)
        self.tenant_settings = SqlTenantSettings(fetcher(connection), "qmark", TEXT)

    async def commit(self) -> None:
        await self._db.execute("COMMIT")
