"""The audit trail in SQL, for either database: one row per kept read, only ever inserted.

The service's PostgreSQL role may only read and insert these rows (`hisab migrate` grants no
more), and row-level security keeps each tenant's reads to that tenant.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from hisab.audit.application.ports import AuditEntry, AuditPage
from hisab.audit.domain.reads import AuditedRead, AuditFilter, Channel, FieldRead, RecordRead
from hisab.event_store.adapters.sql.pages import TenantTable
from hisab.event_store.adapters.sql.params import Params
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.event_store.ports import Database

TABLE = "audit_reads"
# `sequence` is given by the database (an identity), so it is read back but never written.
WRITTEN = (
    "tenant_id", "read_id", "user_id", "roles", "correlation_id", "read_at", "channel", "operation", "fields",
    "records", "error_codes",
)  # fmt: skip
COLUMNS = ("sequence", *WRITTEN)
_TABLE = TenantTable(TABLE, COLUMNS, "read_id")


class SqlAuditTrail:
    def __init__(self, database: Database[SqlSession]) -> None:
        self._database = database

    async def record(self, read: AuditedRead) -> None:
        async with self._database.transaction(read.tenant_id) as transaction:
            session = transaction.tables
            params = session.params()
            values = ", ".join(params.add(value) for value in read_row(read, session.codec))
            await session.fetch(f"INSERT INTO {TABLE} ({', '.join(WRITTEN)}) VALUES ({values})", params.values)
            await transaction.commit()

    async def list(self, tenant_id: str, filter: AuditFilter, first: int, after_sequence: int | None) -> AuditPage:
        async with self._database.reading(tenant_id, "audit_reads.list") as session:
            page = await _TABLE.page(
                session, lambda params: _where(params, tenant_id, filter, session.codec), first, after_sequence
            )
        entries = [entry_from_row(row, session.codec) for row in page.rows]
        return AuditPage(entries, has_next_page=page.has_next_page, total_count=page.total_count)


def _where(params: Params, tenant_id: str, filter: AuditFilter, codec: ValueCodec) -> str:
    conditions = [f"tenant_id = {params.add(tenant_id)}"]
    if filter.user_id is not None:
        conditions.append(f"user_id = {params.add(filter.user_id)}")
    if filter.read_from is not None:
        conditions.append(f"read_at >= {params.add(codec.datetime_in(filter.read_from))}")
    if filter.read_to is not None:
        conditions.append(f"read_at <= {params.add(codec.datetime_in(filter.read_to))}")
    return " AND ".join(conditions)


def read_row(read: AuditedRead, codec: ValueCodec) -> tuple[Any, ...]:
    fields = [{"name": f.name, "alias": f.alias, "arguments": dict(f.arguments)} for f in read.fields]
    records = [{"kind": r.kind, "id": r.record_id} for r in read.records]
    return (
        read.tenant_id, read.read_id, read.user_id, _json(list(read.roles)), read.correlation_id,
        codec.datetime_in(read.read_at), read.channel.value, read.operation, _json(fields), _json(records),
        _json(list(read.error_codes)),
    )  # fmt: skip


def entry_from_row(row: Row, codec: ValueCodec) -> AuditEntry:
    read = AuditedRead(
        read_id=row["read_id"],
        tenant_id=row["tenant_id"],
        user_id=row["user_id"],
        roles=tuple(json.loads(row["roles"])),
        correlation_id=row["correlation_id"],
        read_at=codec.datetime_out(row["read_at"]),
        channel=Channel(row["channel"]),
        operation=row["operation"],
        fields=tuple(FieldRead(f["name"], f["arguments"], f["alias"]) for f in json.loads(row["fields"])),
        records=tuple(RecordRead(r["kind"], r["id"]) for r in json.loads(row["records"])),
        error_codes=tuple(json.loads(row["error_codes"])),
    )
    return AuditEntry(row["sequence"], read)


def _json(value: Sequence[object]) -> str:
    """JSON text kept as the client's values were, Bengali and all."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
