"""SQLite: one writer connection behind a lock, one reader, WAL so reads never wait."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from hisab.infrastructure.rebuild import SqlRebuild
from hisab.infrastructure.sql.invoice_sql import LIVE, REBUILT
from hisab.infrastructure.sql.queries import SqlInvoiceQueries
from hisab.infrastructure.sqlite.unit_of_work import TEXT, SQLiteEventStore, SQLiteProjection, SQLiteUnitOfWork

# FULL makes every acknowledged commit survive a power cut, not only a process crash.
# Temporary tables shaped like the live ones; the unique key lets the projection upsert into them.
_FRESH_TABLES = (
    f"DROP TABLE IF EXISTS temp.{REBUILT.invoices}",
    f"DROP TABLE IF EXISTS temp.{REBUILT.lines}",
    f"CREATE TEMP TABLE {REBUILT.invoices} AS SELECT * FROM {LIVE.invoices} WHERE 0",
    f"CREATE TEMP TABLE {REBUILT.lines} AS SELECT * FROM {LIVE.lines} WHERE 0",
    f"CREATE UNIQUE INDEX temp.{REBUILT.invoices}_key ON {REBUILT.invoices} (tenant_id, invoice_id)",
)
_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000")


async def connect(path: Path) -> aiosqlite.Connection:
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
        return cls(await connect(path), await connect(path))

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
                session = SqlRebuild(
                    connection.execute,
                    lambda sql: _fetch_all(connection, sql),
                    SQLiteEventStore(connection),
                    SQLiteProjection(connection, REBUILT),
                    _FRESH_TABLES,
                )
                found = await session.run(verify_only=verify_only)
                await connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    await connection.execute("ROLLBACK")
                raise
            return found


async def _fetch_all(connection: aiosqlite.Connection, sql: str) -> Sequence[Any]:
    return list(await connection.execute_fetchall(sql))
