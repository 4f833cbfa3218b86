"""PostgreSQL: an asyncpg pool, one connection and one transaction per command."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

from hisab.event_store.adapters.postgres.roles import SEES_EVERY_TENANT
from hisab.event_store.adapters.postgres.transaction import (
    PostgresEventStore,
    PostgresTransaction,
    begin,
    commit,
    session,
)
from hisab.event_store.adapters.sql.rebuild import SqlRebuild
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.projections import Projections, ReadModelTable

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
async def _snapshot(connection: asyncpg.Connection, tenant_id: str) -> AsyncIterator[None]:
    """A read-only transaction of one tenant (repeatable read: a page and its count agree)."""
    await connection.execute(begin(tenant_id, read_only=True))
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

    @classmethod
    async def open(cls, url: str, *, min_size: int = 2, max_size: int = 10) -> PostgresDatabase:
        pool = await asyncpg.create_pool(
            url, min_size=min_size, max_size=max_size, server_settings=_SERVER_SETTINGS, reset=_keep_session
        )
        return cls(pool)

    @asynccontextmanager
    async def transaction(self, tenant_id: str) -> AsyncIterator[PostgresTransaction]:
        async with self._pool.acquire() as connection:
            await connection.execute(begin(tenant_id))
            transaction = PostgresTransaction(connection)
            try:
                yield transaction
            finally:
                if not transaction.committed:
                    await connection.execute("ROLLBACK")

    @asynccontextmanager
    async def reading(self, tenant_id: str, operation: str) -> AsyncIterator[SqlSession]:
        async with self._pool.acquire() as connection, _snapshot(connection, tenant_id):
            yield session(connection)

    async def rebuild(self, projections: Projections[SqlSession], *, verify_only: bool) -> list[str]:
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
                rebuild = SqlRebuild(
                    connection.execute, connection.fetch, PostgresEventStore(connection), session(connection), _fresh
                )
                return await rebuild.run(projections, verify_only=verify_only)

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


def _fresh(table: ReadModelTable, fresh: str) -> list[str]:
    return [f"CREATE TEMP TABLE {fresh} (LIKE {table.name} INCLUDING DEFAULTS INCLUDING INDEXES) ON COMMIT DROP"]
