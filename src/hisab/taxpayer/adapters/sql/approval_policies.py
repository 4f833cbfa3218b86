"""The approval-policy read model in SQL: one row per tenant, its projection and its query."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from decimal import Decimal
from typing import Any

from hisab.event_store.adapters.sql.params import Style, placeholders
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.taxpayer.application.policy_views import POLICY_EVENTS, ApprovalPolicyView, project_policy
from hisab.taxpayer.domain.approval_policy import ApprovalPolicy
from hisab.taxpayer.domain.events import ApprovalLevel

POLICY_COLUMNS = ("tenant_id", "levels", "version", "updated_at", "updated_by")
POLICIES = ReadModelTable(
    "approval_policies", POLICY_COLUMNS, key=("tenant_id",), noun="approval policy", reported_key=None
)


class SqlApprovalPolicyProjection:
    name = "approval_policies"
    follows = POLICY_EVENTS
    tables: tuple[ReadModelTable, ...] = (POLICIES,)

    async def apply(self, tables: SqlSession, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        view = project_policy(stream)
        await tables.fetch(upsert_policy(tables.style, tables.table(POLICIES.name)), policy_row(view, tables.codec))


class SqlApprovalPolicyQueries:
    def __init__(self, reading: Callable[[str, str], AbstractAsyncContextManager[SqlSession]]) -> None:
        self._reading = reading

    async def get(self, tenant_id: str) -> ApprovalPolicyView | None:
        async with self._reading(tenant_id, "approval_policy.get") as session:
            where = f"tenant_id = {placeholders(session.style, 1)}"
            sql = f"SELECT {', '.join(POLICY_COLUMNS)} FROM approval_policies WHERE {where}"
            rows = await session.fetch(sql, (tenant_id,))
        return policy_from_row(rows[0], session.codec) if rows else None


def upsert_policy(style: Style, table: str) -> str:
    updates = ", ".join(f"{column} = excluded.{column}" for column in POLICY_COLUMNS[1:])
    return (
        f"INSERT INTO {table} ({', '.join(POLICY_COLUMNS)}) VALUES ({placeholders(style, len(POLICY_COLUMNS))}) "
        f"ON CONFLICT (tenant_id) DO UPDATE SET {updates}"
    )


def policy_row(view: ApprovalPolicyView, codec: ValueCodec) -> tuple[Any, ...]:
    # One canonical text per list of levels, so that equal policies have equal rows; amounts as exact text.
    levels = [
        {"role": level.role, "up_to": None if level.up_to is None else str(level.up_to)} for level in view.policy.levels
    ]
    text = json.dumps(levels, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (view.tenant_id, text, view.version, codec.datetime_in(view.updated_at), view.updated_by)


def policy_from_row(row: Row, codec: ValueCodec) -> ApprovalPolicyView:
    levels = tuple(
        ApprovalLevel(level["role"], None if level["up_to"] is None else Decimal(level["up_to"]))
        for level in json.loads(row["levels"])
    )
    return ApprovalPolicyView(
        row["tenant_id"],
        ApprovalPolicy(levels),
        row["version"],
        codec.datetime_out(row["updated_at"]),
        row["updated_by"],
    )
