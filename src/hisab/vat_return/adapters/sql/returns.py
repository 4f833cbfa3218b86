"""The VAT-return read model in SQL: one row per tenant and period, and the period's deposits.

The frozen figures, checks and overrides are canonical JSON text (amounts as exact decimal strings),
so that a rebuild writes the very same text and equal returns have equal rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date
from decimal import Decimal
from typing import Any

from hisab.event_store.adapters.sql.params import placeholders
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.kernel.money import from_paisa, to_paisa
from hisab.vat_return.application.ports import LockedPeriod, ReturnRecord, project_return
from hisab.vat_return.application.return_views import DepositView, ReturnStatus, ReturnType
from hisab.vat_return.domain.computation import Figure
from hisab.vat_return.domain.events import RETURN_EVENT_TYPES, CheckRecord, Override, VatDepositRecorded

RETURN_COLUMNS = (
    "tenant_id", "period", "status", "return_type", "starts_on", "ends_on", "due_on", "nil", "entry_count",
    "figures", "prepared_at", "prepared_by", "submitted_at", "submission_reference", "checks", "overrides",
    "amendments", "version",
)  # fmt: skip
DEPOSIT_COLUMNS = (
    "tenant_id", "deposit_id", "period", "position", "kind", "challan_number", "deposit_date", "amount_paisa",
    "account_code",
)  # fmt: skip
RETURNS = ReadModelTable("vat_returns", RETURN_COLUMNS, key=("tenant_id", "period"), noun="VAT return",
                         reported_key="period")  # fmt: skip
DEPOSITS = ReadModelTable("vat_deposits", DEPOSIT_COLUMNS, key=("tenant_id", "deposit_id"), noun="VAT deposit",
                          reported_key="deposit_id")  # fmt: skip
RETURN_EVENTS: frozenset[type[DomainEvent]] = frozenset(RETURN_EVENT_TYPES)
# The tenant's id hashed into PostgreSQL's advisory key space, under a name no other lock shares.
_KEY = "hashtextextended('hisab.tax_periods:' || {tenant}::text, 0)"
_FILED = (ReturnStatus.SUBMITTED.value, ReturnStatus.AMENDED.value)
Reading = Callable[[str, str], AbstractAsyncContextManager[SqlSession]]


class SqlReturnProjection:
    name = "vat_returns"
    follows = RETURN_EVENTS
    tables: tuple[ReadModelTable, ...] = (RETURNS, DEPOSITS)

    async def apply(self, tables: SqlSession, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        record = project_return(stream)
        await tables.fetch(_upsert(tables, RETURNS, ("tenant_id", "period")), _return_row(record, tables.codec))
        for stored in new:
            if isinstance(stored.event, VatDepositRecorded):
                row = _deposit_row(record.tenant_id, stored.version, stored.event, tables.codec)
                await tables.fetch(_upsert(tables, DEPOSITS, ("tenant_id", "deposit_id")), row)


class SqlReturnQueries:
    def __init__(self, reading: Reading) -> None:
        self._reading = reading

    async def get(self, tenant_id: str, period: str) -> ReturnRecord | None:
        found = await self.get_many(tenant_id, [period])
        return found.get(period)

    async def get_many(self, tenant_id: str, periods: Sequence[str]) -> dict[str, ReturnRecord]:
        if not periods:
            return {}
        async with self._reading(tenant_id, "vat_returns.get") as session:
            params = session.params()
            sql = (
                f"SELECT {', '.join(RETURN_COLUMNS)} FROM vat_returns WHERE tenant_id = {params.add(tenant_id)} "
                f"AND {params.is_in('period', list(periods))}"
            )
            rows = await session.fetch(sql, params.values)
        return {row["period"]: _record(row, session.codec) for row in rows}

    async def deposits(self, tenant_id: str, period: str) -> list[DepositView]:
        async with self._reading(tenant_id, "vat_deposits.list") as session:
            params = session.params()
            sql = (
                f"SELECT {', '.join(DEPOSIT_COLUMNS)} FROM vat_deposits WHERE tenant_id = {params.add(tenant_id)} "
                f"AND period = {params.add(period)} ORDER BY deposit_date, position"
            )
            rows = await session.fetch(sql, params.values)
        return [_deposit(row, session.codec) for row in rows]


class SqlReturnTables:
    """On PostgreSQL the lock is a transaction-scoped advisory lock per tenant (shared by documents,
    exclusive for a filing); SQLite has one writer at a time, which keeps them apart already."""

    async def share(self, tables: SqlSession, tenant_id: str) -> None:
        await _advisory(tables, tenant_id, "pg_advisory_xact_lock_shared")

    async def hold(self, tables: SqlSession, tenant_id: str) -> None:
        await _advisory(tables, tenant_id, "pg_advisory_xact_lock")

    async def locked_within(self, tables: SqlSession, tenant_id: str, days: Sequence[date]) -> list[LockedPeriod]:
        if not days:
            return []
        codec, params = tables.codec, tables.params()
        sql = (
            f"SELECT period, starts_on, ends_on, submitted_at FROM {tables.table(RETURNS.name)} "
            f"WHERE tenant_id = {params.add(tenant_id)} AND {params.is_in('status', list(_FILED))} "
            f"AND starts_on <= {params.add(codec.date_in(max(days)))} "
            f"AND ends_on >= {params.add(codec.date_in(min(days)))}"
        )
        rows = await tables.fetch(sql, params.values)
        found = [
            LockedPeriod(
                row["period"], codec.date_out(row["starts_on"]), codec.date_out(row["ends_on"]),
                codec.datetime_out(row["submitted_at"]),
            )
            for row in rows
        ]  # fmt: skip
        return [p for p in found if any(p.starts_on <= day <= p.ends_on for day in days)]


async def _advisory(tables: SqlSession, tenant_id: str, function: str) -> None:
    if tables.is_postgres:
        params = tables.params()
        await tables.fetch(f"SELECT {function}({_KEY.format(tenant=params.add(tenant_id))})", params.values)


def _upsert(tables: SqlSession, table: ReadModelTable, key: tuple[str, ...]) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in table.columns if c not in key)
    return (
        f"INSERT INTO {tables.table(table.name)} ({', '.join(table.columns)}) "
        f"VALUES ({placeholders(tables.style, len(table.columns))}) "
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}"
    )


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _return_row(record: ReturnRecord, codec: ValueCodec) -> tuple[Any, ...]:
    figures = (
        None
        if record.figures is None
        else _text(
            [[f.note, _amount(f.value), _amount(f.supplementary_duty), _amount(f.vat), _amount(f.amount)]
             for f in record.figures]
        )
    )  # fmt: skip
    checks = _text([[c.name, c.passed, str(c.expected), str(c.actual), c.words] for c in record.checks])
    overrides = _text([[o.check, o.reason] for o in record.overrides])

    def day(value: date | None) -> Any:
        return None if value is None else codec.date_in(value)

    return (
        record.tenant_id, record.period, record.status.value, record.return_type.value, day(record.starts_on),
        day(record.ends_on), day(record.due_on), record.nil, record.entry_count, figures,
        None if record.prepared_at is None else codec.datetime_in(record.prepared_at), record.prepared_by,
        None if record.submitted_at is None else codec.datetime_in(record.submitted_at),
        record.submission_reference, checks, overrides, record.amendments, record.version,
    )  # fmt: skip


def _record(row: Row, codec: ValueCodec) -> ReturnRecord:
    def day(value: Any) -> date | None:
        return None if value is None else codec.date_out(value)

    figures = None
    if row["figures"] is not None:
        figures = tuple(
            Figure(note, _decimal(value), _decimal(sd), _decimal(vat), _decimal(amount))
            for note, value, sd, vat, amount in json.loads(row["figures"])
        )
    return ReturnRecord(
        tenant_id=row["tenant_id"],
        period=row["period"],
        status=ReturnStatus(row["status"]),
        return_type=ReturnType(row["return_type"]),
        starts_on=day(row["starts_on"]),
        ends_on=day(row["ends_on"]),
        due_on=day(row["due_on"]),
        figures=figures,
        entry_count=row["entry_count"],
        nil=bool(row["nil"]),
        prepared_at=None if row["prepared_at"] is None else codec.datetime_out(row["prepared_at"]),
        prepared_by=row["prepared_by"],
        submitted_at=None if row["submitted_at"] is None else codec.datetime_out(row["submitted_at"]),
        submission_reference=row["submission_reference"],
        checks=tuple(
            CheckRecord(name, passed, Decimal(expected), Decimal(actual), words)
            for name, passed, expected, actual, words in json.loads(row["checks"])
        ),
        overrides=tuple(Override(check, reason) for check, reason in json.loads(row["overrides"])),
        amendments=row["amendments"],
        version=row["version"],
    )


def _deposit_row(tenant_id: str, position: int, event: VatDepositRecorded, codec: ValueCodec) -> tuple[Any, ...]:
    return (
        tenant_id, event.deposit_id, event.period, position, event.kind.value, event.challan_number,
        codec.date_in(event.deposit_date), to_paisa(event.amount), event.account_code,
    )  # fmt: skip


def _deposit(row: Row, codec: ValueCodec) -> DepositView:
    return DepositView(
        row["deposit_id"], row["kind"], row["challan_number"], codec.date_out(row["deposit_date"]),
        from_paisa(row["amount_paisa"]), row["account_code"],
    )  # fmt: skip
