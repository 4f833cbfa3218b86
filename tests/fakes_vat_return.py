"""In-memory VAT returns: the contract suite holds them to the SQL read model's behaviour."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date
from typing import Any

from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.kernel.money import round_to_paisa
from hisab.vat_return.adapters.sql.returns import DEPOSITS, RETURN_EVENTS, RETURNS
from hisab.vat_return.application.ports import LockedPeriod, ReturnRecord, project_return
from hisab.vat_return.application.return_views import DepositView
from hisab.vat_return.domain.events import VatDepositRecorded

MemoryReading = Callable[[str, str], AbstractAsyncContextManager[Any]]


class MemoryReturnProjection:
    name = "vat_returns"
    follows = RETURN_EVENTS
    tables: tuple[ReadModelTable, ...] = (RETURNS, DEPOSITS)

    async def apply(self, tables: Any, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        record = project_return(stream)
        tables.table(RETURNS.name)[(record.tenant_id, record.period)] = record
        for stored in new:
            event = stored.event
            if isinstance(event, VatDepositRecorded):
                view = DepositView(
                    event.deposit_id, event.kind.value, event.challan_number, event.deposit_date,
                    round_to_paisa(event.amount), event.account_code,
                )  # fmt: skip
                tables.table(DEPOSITS.name)[(record.tenant_id, event.deposit_id)] = (event.period, stored.version, view)


class MemoryReturnQueries:
    def __init__(self, reading: MemoryReading) -> None:
        self._reading = reading

    async def get(self, tenant_id: str, period: str) -> ReturnRecord | None:
        return (await self.get_many(tenant_id, [period])).get(period)

    async def get_many(self, tenant_id: str, periods: Sequence[str]) -> dict[str, ReturnRecord]:
        async with self._reading(tenant_id, "vat_returns.get") as tables:
            rows = tables.table(RETURNS.name)
            return {p: rows[(tenant_id, p)] for p in periods if (tenant_id, p) in rows}

    async def deposits(self, tenant_id: str, period: str) -> builtins.list[DepositView]:
        async with self._reading(tenant_id, "vat_deposits.list") as tables:
            rows = [
                (view.deposit_date, position, view)
                for (tenant, _), (of, position, view) in tables.table(DEPOSITS.name).items()
                if tenant == tenant_id and of == period
            ]
        return [view for _, _, view in sorted(rows, key=lambda row: (row[0], row[1]))]


class MemoryReturnTables:
    async def share(self, tables: Any, tenant_id: str) -> None:
        """Nothing to do: the fake runs one transaction at a time."""

    async def hold(self, tables: Any, tenant_id: str) -> None:
        """Nothing to do: the fake runs one transaction at a time."""

    async def locked_within(self, tables: Any, tenant_id: str, days: Sequence[date]) -> list[LockedPeriod]:
        found: list[LockedPeriod] = []
        for (tenant, _), record in tables.table(RETURNS.name).items():
            if tenant != tenant_id or not record.filed or record.starts_on is None or record.ends_on is None:
                continue
            if any(record.starts_on <= day <= record.ends_on for day in days):
                assert record.submitted_at is not None
                found.append(LockedPeriod(record.period, record.starts_on, record.ends_on, record.submitted_at))
        return found
