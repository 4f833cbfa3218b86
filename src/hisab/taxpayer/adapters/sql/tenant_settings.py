"""The tenant's settings in SQL, for either database."""

from __future__ import annotations

from datetime import datetime

from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.ports import Database
from hisab.kernel.money import from_paisa, to_paisa
from hisab.taxpayer.domain.policy import ReturnFrequency, TenantPolicy


class SqlTenantSettings:
    def __init__(self, database: Database[SqlSession]) -> None:
        self._database = database

    async def get(self, tenant_id: str) -> TenantPolicy:
        async with self._database.reading(tenant_id, "tenant_settings.get") as session:
            return await self.get_within(session, tenant_id)

    async def get_within(self, tables: SqlSession, tenant_id: str) -> TenantPolicy:
        params = tables.params()
        rows = await tables.fetch(
            "SELECT creator_may_approve, require_registered_customers, note_max_invoice_age_days, "
            "write_off_tolerance_paisa, withholding_entity, vat_return_frequency, twenty_day_filer, "
            "credit_reduced_rate_inputs, supplies_below_standard_rate_only FROM tenant_settings "
            f"WHERE tenant_id = {params.add(tenant_id)}",
            params.values,
        )
        if not rows:
            return TenantPolicy()
        return TenantPolicy(
            creator_may_approve=bool(rows[0][0]),
            require_registered_customers=bool(rows[0][1]),
            note_max_invoice_age_days=rows[0][2],
            write_off_tolerance=from_paisa(rows[0][3]),
            withholding_entity=bool(rows[0][4]),
            vat_return_frequency=ReturnFrequency(rows[0][5]),
            twenty_day_filer=bool(rows[0][6]),
            credit_reduced_rate_inputs=bool(rows[0][7]),
            supplies_below_standard_rate_only=bool(rows[0][8]),
        )

    async def save(self, tenant_id: str, policy: TenantPolicy, updated_by: str, updated_at: datetime) -> None:
        async with self._database.transaction(tenant_id) as transaction:
            session = transaction.tables
            params = session.params()
            row = (
                tenant_id, policy.creator_may_approve, policy.require_registered_customers,
                policy.note_max_invoice_age_days, to_paisa(policy.write_off_tolerance), policy.withholding_entity,
                policy.vat_return_frequency.value, policy.twenty_day_filer, policy.credit_reduced_rate_inputs,
                policy.supplies_below_standard_rate_only, updated_by,
                session.codec.datetime_in(updated_at),
            )  # fmt: skip
            values = ", ".join(params.add(value) for value in row)
            await session.fetch(
                "INSERT INTO tenant_settings "
                "(tenant_id, creator_may_approve, require_registered_customers, note_max_invoice_age_days, "
                "write_off_tolerance_paisa, withholding_entity, vat_return_frequency, twenty_day_filer, "
                "credit_reduced_rate_inputs, supplies_below_standard_rate_only, "
                "updated_by, updated_at) "
                f"VALUES ({values}) ON CONFLICT (tenant_id) DO UPDATE SET "
                "creator_may_approve = excluded.creator_may_approve, "
                "require_registered_customers = excluded.require_registered_customers, "
                "note_max_invoice_age_days = excluded.note_max_invoice_age_days, "
                "write_off_tolerance_paisa = excluded.write_off_tolerance_paisa, "
                "withholding_entity = excluded.withholding_entity, "
                "vat_return_frequency = excluded.vat_return_frequency, "
                "twenty_day_filer = excluded.twenty_day_filer, "
                "credit_reduced_rate_inputs = excluded.credit_reduced_rate_inputs, "
                "supplies_below_standard_rate_only = excluded.supplies_below_standard_rate_only, "
                "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                params.values,
            )
            await transaction.commit()
