"""Inside a command's transaction: the lock that keeps posting and closing apart, and balances.

On PostgreSQL the lock is a transaction-scoped advisory lock per tenant, taken shared by every
posting and exclusively by closing a period or year and deactivating an account: no row to
create or contend on, released at commit or rollback. SQLite has one writer at a time, which
keeps them apart already.
"""

from __future__ import annotations

from collections.abc import Mapping

from hisab.event_store.adapters.sql.session import SqlSession
from hisab.ledger.adapters.sql.queries import movements_in
from hisab.ledger.application.ports import BalanceQuery, Movement

# The lock's key: the tenant's id hashed into PostgreSQL's 64-bit advisory key space, under a name
# of its own so that no other advisory lock of the service shares it.
_KEY = "hashtextextended('hisab.books:' || {tenant}::text, 0)"


class SqlBooksTables:
    async def share(self, tables: SqlSession, tenant_id: str) -> None:
        if tables.is_postgres:
            params = tables.params()
            await tables.fetch(
                f"SELECT pg_advisory_xact_lock_shared({_KEY.format(tenant=params.add(tenant_id))})", params.values
            )

    async def hold(self, tables: SqlSession, tenant_id: str) -> None:
        if tables.is_postgres:
            params = tables.params()
            await tables.fetch(
                f"SELECT pg_advisory_xact_lock({_KEY.format(tenant=params.add(tenant_id))})", params.values
            )

    async def movements(self, tables: SqlSession, tenant_id: str, query: BalanceQuery) -> Mapping[str, Movement]:
        return await movements_in(tables, tenant_id, query)
