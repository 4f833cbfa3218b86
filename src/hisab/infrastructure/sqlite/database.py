"""SQLite: one writer connection behind a lock, one reader, WAL so reads never wait."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from hisab.application.ports import StoredEvent
from hisab.application.read_model import InvoiceView
from hisab.infrastructure import rebuild
from hisab.infrastructure.sql.invoice_rows import INVOICE_COLUMNS, LINE_COLUMNS
from hisab.infrastructure.sql.invoice_sql import LIVE, REBUILT
from hisab.infrastructure.sql.queries import SqlInvoiceQueries
from hisab.infrastructure.sqlite.unit_of_work import TEXT, SQLiteEventStore, SQLiteProjection, SQLiteUnitOfWork

# FULL makes every acknowledged commit survive a power cut, not only a process crash.
_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000")


async def _connect(path: Path) -> aiosqlite.Connection:
    connection = await aiosqlite.connect(path, isolation_level=None)
    connection.row_factory = sqlite3.Row
    for pragma in _PRAGMAS:
        await connection.execute(pragma)
    return connection


class SQLiteDatabase:
    def __init__(self, writer: aiosqlite.Connection, reader: aiosqlite.Connection) -> None:
        self._writer = writer
        self._write_lock = asyncio.Lock()
        self._reader = reader
        self.queries = SqlInvoiceQueries(self._fetch, "qmark", TEXT)
        self.admin = SQLiteReadModelAdmin(self)

    @classmethod
    async def open(cls, path: Path) -> SQLiteDatabase:
        return cls(await _connect(path), await _connect(path))

    @asynccontextmanager
    async def transaction(self, tenant_id: str) -> AsyncIterator[SQLiteUnitOfWork]:
        async with self.writing() as connection:
            unit = SQLiteUnitOfWork(connection)
            try:
                yield unit
            finally:
                # A failed COMMIT may already have ended the transaction.
                if not unit.committed and connection.in_transaction:
                    await connection.execute("ROLLBACK")

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[aiosqlite.Connection]:
        """The writer connection inside BEGIN IMMEDIATE, held by one task at a time."""
        async with self._write_lock:
            await self._writer.execute("BEGIN IMMEDIATE")
            yield self._writer

    async def _fetch(self, sql: str, params: Sequence[Any]) -> Sequence[sqlite3.Row]:
        return list(await self._reader.execute_fetchall(sql, params))

    async def ping(self) -> None:
        await self._reader.execute("SELECT 1")

    async def close(self) -> None:
        await self._writer.close()
        await self._reader.close()


class SQLiteReadModelAdmin:
    def __init__(self, database: SQLiteDatabase) -> None:
        self._database = database

    async def rebuild(self, *, verify_only: bool) -> list[str]:
        async with self._database.writing() as connection:
            try:
                found = await rebuild.rebuild(_SQLiteRebuild(connection), verify_only=verify_only)
                await connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    await connection.execute("ROLLBACK")
                raise
            return found


class _SQLiteRebuild:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._db = connection
        self._events = SQLiteEventStore(connection)
        self._fresh = SQLiteProjection(connection, REBUILT)

    async def create_fresh_tables(self) -> None:
        for live, fresh in ((LIVE.invoices, REBUILT.invoices), (LIVE.lines, REBUILT.lines)):
            await self._db.execute(f"DROP TABLE IF EXISTS temp.{fresh}")
            await self._db.execute(f"CREATE TEMP TABLE {fresh} AS SELECT * FROM {live} WHERE 0")
        await self._db.execute(f"CREATE UNIQUE INDEX temp.{REBUILT.invoices}_key ON {REBUILT.invoices} "
                               "(tenant_id, invoice_id)")

    async def events_by_stream(self, after: tuple[str, int] | None, limit: int) -> list[StoredEvent]:
        return await self._events.read_by_stream(after, limit)

    async def save_fresh(self, view: InvoiceView) -> None:
        await self._fresh.save(view, lines_changed=True)

    async def keys(self, sql: str) -> list[tuple[str, str]]:
        return [(row[0], row[1]) for row in await self._db.execute_fetchall(sql)]

    async def replace_live(self) -> None:
        await self._db.execute(f"DELETE FROM {LIVE.lines}")
        await self._db.execute(f"DELETE FROM {LIVE.invoices}")
        for live, fresh, columns in (
            (LIVE.invoices, REBUILT.invoices, INVOICE_COLUMNS),
            (LIVE.lines, REBUILT.lines, LINE_COLUMNS),
        ):
            column_list = ", ".join(columns)
            await self._db.execute(f"INSERT INTO {live} ({column_list}) SELECT {column_list} FROM {fresh}")
