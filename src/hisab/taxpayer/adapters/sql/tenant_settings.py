"""The tenant's settings in SQL, for either database."""

from __future__ import annotations

from datetime import datetime

from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.ports import Database
from hisab.taxpayer.domain.policy import TenantPolicy


class SqlTenantSettings:
    def __init__(self, database: Database[SqlSession]) -> None:
        self._database = database

    async def get(self, tenant_id: str) -> TenantPolicy:
        async with self._database.reading(tenant_id, "tenant_settings.get") as session:
            return await self.get_within(session, tenant_id)

    async def get_within(self, tables: SqlSession, tenant_id: str) -> TenantPolicy:
        params = tables.params()
        rows = await tables.fetch(
            f"SELECT creator_may_approve FROM tenant_settings WHERE tenant_id = {params.add(tenant_id)}",
            params.values,
        )
        return TenantPolicy(creator_may_approve=bool(rows[0][0])) if rows else TenantPolicy()

    async def save(self, tenant_id: str, policy: TenantPolicy, updated_by: str, updated_at: datetime) -> None:
        async with self._database.transaction(tenant_id) as transaction:
            session = transaction.tables
            params = session.params()
            row = (tenant_id, policy.creator_may_approve, updated_by, session.codec.datetime_in(updated_at))
            values = ", ".join(params.add(value) for value in row)
            await session.fetch(
                f"INSERT INTO tenant_settings (tenant_id, creator_may_approve, updated_by, updated_at) "
                f"VALUES ({values}) ON CONFLICT (tenant_id) DO UPDATE SET "
                "creator_may_approve = excluded.creator_may_approve, updated_by = excluded.updated_by, "
                "updated_at = excluded.updated_at",
                params.values,
            )
            await transaction.commit()
