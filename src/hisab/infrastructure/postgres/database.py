"""PostgreSQL: an asyncpg pool, one connection and one transaction per command."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import asyncpg

from hisab.application.ports import StoredEvent
from hisab.application.read_model import InvoiceView
from hisab.infrastructure import rebuild
from hisab.infrastructure.postgres.unit_of_work import (
    NATIVE,
    PostgresEventStore,
    PostgresProjection,
    PostgresUnitOfWork,
)
from hisab.infrastructure.sql.invoice_rows import INVOICE_COLUMNS, LINE_COLUMNS
from hisab.infrastructure.sql.invoice_sql import LIVE, REBUILT
from hisab.infrastructure.sql.queries import SqlInvoiceQueries

# JIT compilation costs more than it saves on short OLTP statements like ours.
_SERVER_SETTINGS = {"application_name": "hisab", "jit": "off"}


class PostgresDatabase:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self.queries = SqlInvoiceQueries(self._fetch, "numeric", NATIVE)
        self.admin = PostgresReadModelAdmin(pool)

    @classmethod
    async def open(cls, url: str, *, min_size: int = 2, max_size: int = 10) -> PostgresDatabase:
        pool = await asyncpg.create_pool(url, min_size=min_size, max_size=max_size, server_settings=_SERVER_SETTINGS)
        return cls(pool)

    @asynccontextmanager
    async def transaction(self, tenant_id: str) -> AsyncIterator[PostgresUnitOfWork]:
        async with self._pool.acquire() as connection:
            transaction = connection.transaction()
            await transaction.start()
            unit = PostgresUnitOfWork(connection, transaction)
            try:
                yield unit
            finally:
                if not unit.committed:
                    await transaction.rollback()

    async def _fetch(self, sql: str, params: Sequence[Any]) -> Sequence[Any]:
        rows: Sequence[Any] = await self._pool.fetch(sql, *params)
        return rows

    async def ping(self) -> None:
        await self._pool.fetchval("SELECT 1")

    async def close(self) -> None:
        await self._pool.close()


class PostgresReadModelAdmin:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def rebuild(self, *, verify_only: bool) -> list[str]:
        """Verify reads one snapshot; a rebuild also locks writers out of the event store."""
        async with self._pool.acquire() as connection:
            isolation = "repeatable_read" if verify_only else "read_committed"
            async with connection.transaction(isolation=isolation):
                if not verify_only:
                    await connection.execute("LOCK TABLE events IN EXCLUSIVE MODE")
                found: list[str] = await rebuild.rebuild(_PostgresRebuild(connection), verify_only=verify_only)
                return found


class _PostgresRebuild:
    def __init__(self, connection: asyncpg.Connection) -> None:
        self._db = connection
        self._events = PostgresEventStore(connection)
        self._fresh = PostgresProjection(connection, REBUILT)

    async def create_fresh_tables(self) -> None:
        for live, fresh in ((LIVE.invoices, REBUILT.invoices), (LIVE.lines, REBUILT.lines)):
            await self._db.execute(
                f"CREATE TEMP TABLE {fresh} (LIKE {live} INCLUDING DEFAULTS INCLUDING INDEXES) ON COMMIT DROP"
            )

    async def events_by_stream(self, after: tuple[str, int] | None, limit: int) -> list[StoredEvent]:
        return await self._events.read_by_stream(after, limit)

    async def save_fresh(self, view: InvoiceView) -> None:
        await self._fresh.save(view, lines_changed=True)

    async def keys(self, sql: str) -> list[tuple[str, str]]:
        return [(row[0], row[1]) for row in await self._db.fetch(sql)]

    async def replace_live(self) -> None:
        await self._db.execute(f"DELETE FROM {LIVE.lines}")
        await self._db.execute(f"DELETE FROM {LIVE.invoices}")
        for live, fresh, columns in (
            (LIVE.invoices, REBUILT.invoices, INVOICE_COLUMNS),
            (LIVE.lines, REBUILT.lines, LINE_COLUMNS),
        ):
            column_list = ", ".join(columns)
            await self._db.execute(f"INSERT INTO {live} ({column_list}) SELECT {column_list} FROM {fresh}")
