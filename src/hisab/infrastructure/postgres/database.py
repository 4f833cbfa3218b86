"""PostgreSQL: an asyncpg pool, one connection and one transaction per command."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import asyncpg

from hisab.infrastructure.postgres.unit_of_work import (
    NATIVE,
    PostgresEventStore,
    PostgresProfileProjection,
    PostgresProjection,
    PostgresUnitOfWork,
)
from hisab.infrastructure.rebuild import SqlRebuild
from hisab.infrastructure.sql.invoice_sql import LIVE, REBUILT
from hisab.infrastructure.sql.queries import SqlInvoiceQueries, SqlProfileQueries

# JIT compilation costs more than it saves on short OLTP statements like ours.
_FRESH_TABLES = tuple(
    f"CREATE TEMP TABLE {fresh} (LIKE {live} INCLUDING DEFAULTS INCLUDING INDEXES) ON COMMIT DROP"
    for live, fresh in (
        (LIVE.invoices, REBUILT.invoices),
        (LIVE.lines, REBUILT.lines),
        (LIVE.profiles, REBUILT.profiles),
    )
)
_SERVER_SETTINGS = {"application_name": "hisab", "jit": "off"}


class PostgresDatabase:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self.queries = SqlInvoiceQueries(self._fetch, "numeric", NATIVE)
        self.profiles = SqlProfileQueries(self._fetch, "numeric", NATIVE)
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
                session = SqlRebuild(
                    connection.execute,
                    connection.fetch,
                    PostgresEventStore(connection),
                    (PostgresProjection(connection, REBUILT), PostgresProfileProjection(connection, REBUILT)),
                    _FRESH_TABLES,
                )
                return await session.run(verify_only=verify_only)
