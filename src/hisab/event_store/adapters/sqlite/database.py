"""SQLite: one writer connection behind a lock, one reader, WAL so reads never wait."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from hisab.event_store.adapters.sql.rebuild import SqlRebuild
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sqlite.transaction import TEXT, SQLiteEventStore, SQLiteTransaction, session
from hisab.event_store.projections import Projections, ReadModelTable

# FULL makes every acknowledged commit survive a power cut, not only a process crash.
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
        # SQLite has no row-level security: every statement names its tenant (see docs/security.md).
        self._reading_session = SqlSession(self._fetch, "qmark", TEXT)

    @classmethod
    async def open(cls, path: Path) -> SQLiteDatabase:
        return cls(await connect(path), await connect(path))

    @asynccontextmanager
    async def transaction(self, tenant_id: str) -> AsyncIterator[SQLiteTransaction]:
        async with self.writing() as connection:
            yield SQLiteTransaction(connection)

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[aiosqlite.Connection]:
        """The writer connection inside BEGIN IMMEDIATE, held by one task at a time.

        Whatever was not committed is rolled back, even when the task is cancelled (GraphQL
        cancels the sibling fields of one that failed). A cancelled statement still runs on the
        connection's thread, so the ROLLBACK is queued behind it rather than decided by
        `in_transaction`, which may not have caught up; if there is nothing left to roll back
        (a failed or late COMMIT ended the transaction), SQLite says so and that is fine.
        """
        async with self._write_lock:
            try:
                await self._writer.execute("BEGIN IMMEDIATE")
                yield self._writer
            except BaseException:
                await asyncio.shield(_roll_back(self._writer))
                raise
            if self._writer.in_transaction:
                await _roll_back(self._writer)

    @asynccontextmanager
    async def reading(self, tenant_id: str, operation: str) -> AsyncIterator[SqlSession]:
        """The reader connection: in WAL mode each of its statements reads a committed snapshot."""
        yield self._reading_session

    async def rebuild(self, projections: Projections[SqlSession], *, verify_only: bool) -> list[str]:
        async with self.writing() as connection:
            rebuild = SqlRebuild(
                connection.execute,
                lambda sql: _fetch_all(connection, sql),
                SQLiteEventStore(connection),
                session(connection),
                _fresh,
            )
            found = await rebuild.run(projections, verify_only=verify_only)
            await connection.execute("COMMIT")
            return found

    async def _fetch(self, sql: str, params: Sequence[Any]) -> Sequence[sqlite3.Row]:
        return list(await self._reader.execute_fetchall(sql, params))

    async def ping(self) -> None:
        await self._reader.execute("SELECT 1")

    async def schema_revision(self) -> str | None:
        try:
            rows = list(await self._reader.execute_fetchall("SELECT version_num FROM alembic_version"))
        except sqlite3.OperationalError:  # no such table: never migrated
            return None
        return str(rows[0][0]) if rows else None

    async def close(self) -> None:
        await self._writer.close()
        await self._reader.close()


def _fresh(table: ReadModelTable, fresh: str) -> list[str]:
    """An empty temporary copy; the unique key lets the projection upsert into it."""
    return [
        f"DROP TABLE IF EXISTS temp.{fresh}",
        f"CREATE TEMP TABLE {fresh} AS SELECT * FROM {table.name} WHERE 0",
        f"CREATE UNIQUE INDEX temp.{fresh}_key ON {fresh} ({', '.join(table.key)})",
    ]


async def _roll_back(connection: aiosqlite.Connection) -> None:
    try:
        await connection.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        if "no transaction is active" not in str(error):
            raise


async def _fetch_all(connection: aiosqlite.Connection, sql: str) -> Sequence[Any]:
    return list(await connection.execute_fetchall(sql))
