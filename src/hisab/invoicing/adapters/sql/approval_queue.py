"""The approval queue in SQL: one row per invoice waiting for a level's approval, and the query of
what a user may approve now, one indexed statement on either database.

The users who approved earlier levels are kept as one text, each id between two unit separators
(U+001F, which no user id carries), so "not one of them" is a NOT LIKE on the row itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from hisab.event_store.adapters.sql.pages import TenantTable
from hisab.event_store.adapters.sql.params import Params, Style, placeholders
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.invoicing.application.approval_views import QUEUE_EVENTS, PendingApprovalView, queue_entry
from hisab.invoicing.application.ports import PendingApprovalPage
from hisab.kernel.money import from_paisa, to_paisa

SEPARATOR = "\x1f"
QUEUE_COLUMNS = (
    "tenant_id", "invoice_id", "sequence", "invoice_number", "grand_total_paisa", "level", "required", "role",
    "delegated_to", "delegated_by", "created_by", "approvers", "submitted_by", "submitted_at",
)  # fmt: skip
QUEUE = ReadModelTable(
    "approval_queue", QUEUE_COLUMNS, key=("tenant_id", "invoice_id"), noun="pending approval", reported_key="invoice_id"
)
_MUTABLE = [c for c in QUEUE_COLUMNS if c not in ("tenant_id", "invoice_id")]

Reading = Callable[[str, str], AbstractAsyncContextManager[SqlSession]]


class SqlApprovalQueueProjection:
    name = "approval_queue"
    follows = QUEUE_EVENTS
    tables: tuple[ReadModelTable, ...] = (QUEUE,)

    async def apply(self, tables: SqlSession, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        entry = queue_entry(stream)
        table = tables.table(QUEUE.name)
        if entry is None:
            params = tables.params()
            sql = (
                f"DELETE FROM {table} WHERE tenant_id = {params.add(stream[0].metadata.tenant_id)} "
                f"AND invoice_id = {params.add(stream[0].stream_id)}"
            )
            await tables.fetch(sql, params.values)
            return
        await tables.fetch(upsert_entry(tables.style, table), entry_row(entry, tables.codec))


_QUEUE_TABLE = TenantTable("approval_queue", QUEUE_COLUMNS, "invoice_id")


class SqlApprovalQueueQueries:
    def __init__(self, reading: Reading) -> None:
        self._reading = reading

    async def pending(
        self, tenant_id: str, user_id: str, roles: frozenset[str], first: int, after_sequence: int | None
    ) -> PendingApprovalPage:
        async with self._reading(tenant_id, "approval_queue.pending") as session:
            found = await _QUEUE_TABLE.page(
                session, lambda params: _where(params, tenant_id, user_id, roles), first, after_sequence
            )
        entries = [entry_from_row(row, session.codec) for row in found.rows]
        return PendingApprovalPage(entries, has_next_page=found.has_next_page, total_count=found.total_count)


def _where(params: Params, tenant_id: str, user_id: str, roles: frozenset[str]) -> str:
    """A delegated level is the delegate's alone; any other is its role's. Parameters are added in the
    order they appear, as SQLite's positional ones require."""
    where = f"tenant_id = {params.add(tenant_id)} AND "
    if roles:
        by_role = f"role IN ({', '.join(params.add(role) for role in sorted(roles))})"
        where += f"(({by_role} AND delegated_to IS NULL) OR delegated_to = {params.add(user_id)})"
    else:
        where += f"delegated_to = {params.add(user_id)}"
    return (
        f"{where} AND created_by <> {params.add(user_id)} "
        f"AND NOT {params.contains('approvers', f'{SEPARATOR}{user_id}{SEPARATOR}')}"
    )


def upsert_entry(style: Style, table: str) -> str:
    updates = ", ".join(f"{column} = excluded.{column}" for column in _MUTABLE)
    return (
        f"INSERT INTO {table} ({', '.join(QUEUE_COLUMNS)}) VALUES ({placeholders(style, len(QUEUE_COLUMNS))}) "
        f"ON CONFLICT (tenant_id, invoice_id) DO UPDATE SET {updates}"
    )


def entry_row(entry: PendingApprovalView, codec: ValueCodec) -> tuple[Any, ...]:
    approvers = "".join(f"{SEPARATOR}{user}{SEPARATOR}" for user in entry.approvers)
    return (
        entry.tenant_id, entry.invoice_id, entry.sequence, entry.invoice_number, to_paisa(entry.grand_total),
        entry.level, entry.required, entry.role, entry.delegated_to, entry.delegated_by, entry.created_by, approvers,
        entry.submitted_by, codec.datetime_in(entry.submitted_at),
    )  # fmt: skip


def entry_from_row(row: Row, codec: ValueCodec) -> PendingApprovalView:
    approvers = tuple(user for user in row["approvers"].split(SEPARATOR) if user)
    return PendingApprovalView(
        tenant_id=row["tenant_id"],
        invoice_id=row["invoice_id"],
        sequence=row["sequence"],
        invoice_number=row["invoice_number"],
        grand_total=from_paisa(row["grand_total_paisa"]),
        level=row["level"],
        required=row["required"],
        role=row["role"],
        delegated_to=row["delegated_to"],
        delegated_by=row["delegated_by"],
        created_by=row["created_by"],
        approvers=approvers,
        submitted_by=row["submitted_by"],
        submitted_at=codec.datetime_out(row["submitted_at"]),
    )
