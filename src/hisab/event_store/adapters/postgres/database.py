"""PostgreSQL: an asyncpg pool, one connection and one transaction per command."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

from hisab.event_store.adapters.postgres.roles import SEES_EVERY_TENANT
from hisab.event_store.adapters.postgres.transaction import (
    NATIVE,
    PostgresEventStore,
    PostgresProfileProjection,
    PostgresProjection,
    PostgresUnitOfWork,
    begin,
    commit,
    fetcher,
)
from hisab.event_store.adapters.sql.rebuild import SqlRebuild
from hisab.event_store.adapters.sql.types import Fetch
from hisab.invoicing.adapters.sql.queries import SqlInvoiceQueries, SqlProfileQueries
from hisab.invoicing.adapters.sql.statements import LIVE, REBUILT
from hisab.taxpayer.adapters.sql.tenant_settings import SqlRefreshTokenLedger

_FRESH_TABLES = tuple(
    f"CREATE TEMP TABLE {fresh} (LIKE {live} INCLUDING DEFAULTS INCLUDING INDEXES) ON COMMIT DROP"
    for live, fresh in (
        (LIVE.invoices, REBUILT.invoices),
        (LIVE.lines, REBUILT.lines),
        (LIVE.profiles, REBUILT.profiles),
    )
)
# JIT compilation costs more than it saves on short OLTP statements like ours. Standard-conforming
# strings are pinned because `begin` quotes the tenant into a literal.
_SERVER_SETTINGS = {"application_name": "hisab", "jit": "off", "standard_conforming_strings": "on"}


async def _keep_session(connection: asyncpg.Connection) -> None:
    """Nothing to undo when a connection returns to the pool (asyncpg has rolled back any transaction).

    asyncpg's default reset (RESET ALL, UNLISTEN, CLOSE ALL, advisory unlocks) is one more round
    trip per request. We keep no session state: the tenant is set with set_config(…, true),
    which ends with the transaction, and nothing listens, holds cursors or takes session locks.
    """


@asynccontextmanager
async def _short_transaction(connection: asyncpg.Connection, tenant_id: str, *, read_only: bool) -> AsyncIterator[None]:
    """A transaction of one tenant that commits unless its body raised."""
    await connection.execute(begin(tenant_id, read_only=read_only))
    try:
        yield
    except BaseException:
        await connection.execute("ROLLBACK")
        raise
    await commit(connection)


class RowSecurityError(Exception):
    """The connected role cannot do what was asked under row-level security (or sees past it)."""


class PostgresDatabase:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self.queries = SqlInvoiceQueries(self._reading, "numeric", NATIVE, lines_inline=True)
        self.profiles = SqlProfileQueries(self._reading, "numeric", NATIVE)
        self.admin = PostgresReadModelAdmin(pool)
        self.refresh_tokens = SqlRefreshTokenLedger(self._writing, "numeric", NATIVE)

    @classmethod
    async def open(cls, url: str, *, min_size: int = 2, max_size: int = 10) -> PostgresDatabase:
        pool = await asyncpg.create_pool(
            url, min_size=min_size, max_size=max_size, server_settings=_SERVER_SETTINGS, reset=_keep_session
        )
        return cls(pool)

    @asynccontextmanager
    async def transaction(self, tenant_id: str) -> AsyncIterator[PostgresUnitOfWork]:
        async with self._pool.acquire() as connection:
            await connection.execute(begin(tenant_id))
            unit = PostgresUnitOfWork(connection)
            try:
                yield unit
            finally:
                if not unit.committed:
                    await connection.execute("ROLLBACK")

    @asynccontextmanager
    async def _reading(self, tenant_id: str) -> AsyncIterator[Fetch]:
        async with self._pool.acquire() as connection, _short_transaction(connection, tenant_id, read_only=True):
            yield fetcher(connection)

    @asynccontextmanager
    async def _writing(self, tenant_id: str) -> AsyncIterator[Fetch]:
        async with self._pool.acquire() as connection, _short_transaction(connection, tenant_id, read_only=False):
            yield fetcher(connection)

    async def sees_every_tenant(self) -> bool:
        """Whether row-level security does not apply to the connected role (an owner or a superuser)."""
        return bool(await self._pool.fetchval(SEES_EVERY_TENANT))

    async def ping(self) -> None:
        await self._pool.fetchval("SELECT 1")

    async def schema_revision(self) -> str | None:
        try:
            revision: str | None = await self._pool.fetchval("SELECT version_num FROM alembic_version")
        except asyncpg.UndefinedTableError:
            return None
        return revision

    async def close(self) -> None:
        await self._pool.close()


class PostgresReadModelAdmin:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def rebuild(self, *, verify_only: bool) -> list[str]:
        """Verify reads one snapshot; a rebuild also locks writers out of the event store."""
        async with self._pool.acquire() as connection:
            if not await connection.fetchval(SEES_EVERY_TENANT):
                # Under row-level security a replay would see no events and "verify" an empty read model.
                raise RowSecurityError(
                    "rebuilding the read model needs the table owner's role: set HISAB_MIGRATION_DATABASE_URL"
                )
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
