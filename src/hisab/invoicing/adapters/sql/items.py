"""The item read model in SQL: one row per item, the code unique within a tenant."""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Sequence
from typing import Any

import asyncpg

from hisab.event_store.adapters.sql.pages import TenantTable
from hisab.event_store.adapters.sql.params import Params, placeholders
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.invoicing.adapters.sql.queries import Reading
from hisab.invoicing.application.item_views import ITEM_VIEW_EVENTS, ItemView, project_item, search_text
from hisab.invoicing.application.ports import ItemFilter, ItemPage
from hisab.invoicing.domain.item import ItemDetails
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.money import from_paisa, to_paisa
from hisab.kernel.vat import VATCategory

ITEM_COLUMNS = (
    "tenant_id", "item_id", "sequence", "code", "name", "name_bn", "hs_code", "service_code", "unit_of_supply",
    "vat_category", "vat_rate", "supplementary_duty_rate", "unit_price_paisa", "active", "version", "created_at",
    "updated_at", "search_text",
)  # fmt: skip
ITEMS = ReadModelTable("items", ITEM_COLUMNS, key=("tenant_id", "item_id"), noun="item", reported_key="item_id")
_MUTABLE = [c for c in ITEM_COLUMNS if c not in ("tenant_id", "item_id")]
_TABLE = TenantTable(ITEMS.name, ITEM_COLUMNS, "item_id")
# What each driver raises when the (tenant_id, code) index refuses a row.
_UNIQUE_VIOLATIONS = (asyncpg.UniqueViolationError, sqlite3.IntegrityError)


class SqlItemProjection:
    name = "items"
    follows = ITEM_VIEW_EVENTS
    tables: tuple[ReadModelTable, ...] = (ITEMS,)

    async def apply(self, tables: SqlSession, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        view = project_item(stream)
        updates = ", ".join(f"{column} = excluded.{column}" for column in _MUTABLE)
        sql = (
            f"INSERT INTO {tables.table(ITEMS.name)} ({', '.join(ITEM_COLUMNS)}) "
            f"VALUES ({placeholders(tables.style, len(ITEM_COLUMNS))}) "
            f"ON CONFLICT (tenant_id, item_id) DO UPDATE SET {updates}"
        )
        try:
            await tables.fetch(sql, _row(view, tables.codec))
        except _UNIQUE_VIOLATIONS as error:
            # The item's own key is an upsert, so the only index left to refuse it is the code's.
            message = f"another item already has the code {view.details.code}"
            raise InvalidInputError.single("code", "unique", message) from error


def _row(view: ItemView, codec: ValueCodec) -> tuple[Any, ...]:
    d = view.details
    return (
        view.tenant_id, view.item_id, view.sequence, d.code, d.name, d.name_bn, d.hs_code, d.service_code,
        d.unit_of_supply, d.vat_category.value, codec.decimal_in(d.vat_rate) if d.vat_rate is not None else None,
        codec.decimal_in(d.supplementary_duty_rate), to_paisa(d.unit_price), view.active, view.version,
        codec.datetime_in(view.created_at), codec.datetime_in(view.updated_at), search_text(d),
    )  # fmt: skip


def _view(row: Any, codec: ValueCodec) -> ItemView:
    details = ItemDetails(
        code=row["code"],
        name=row["name"],
        name_bn=row["name_bn"],
        hs_code=row["hs_code"],
        service_code=row["service_code"],
        unit_of_supply=row["unit_of_supply"],
        vat_category=VATCategory(row["vat_category"]),
        vat_rate=codec.decimal_out(row["vat_rate"]) if row["vat_rate"] is not None else None,
        supplementary_duty_rate=codec.decimal_out(row["supplementary_duty_rate"]),
        unit_price=from_paisa(row["unit_price_paisa"]),
    )
    return ItemView(
        tenant_id=row["tenant_id"],
        item_id=row["item_id"],
        sequence=row["sequence"],
        details=details,
        active=bool(row["active"]),
        version=row["version"],
        created_at=codec.datetime_out(row["created_at"]),
        updated_at=codec.datetime_out(row["updated_at"]),
    )


def _conditions(params: Params, tenant_id: str, where: ItemFilter) -> str:
    conditions = [f"tenant_id = {params.add(tenant_id)}"]
    if where.active is not None:
        conditions.append(f"active = {params.add(where.active)}")
    if where.search:
        conditions.append(params.contains("search_text", where.search))
    return " AND ".join(conditions)


class SqlItemQueries:
    def __init__(self, reading: Reading) -> None:
        self._reading = reading

    async def get(self, tenant_id: str, item_id: str) -> ItemView | None:
        async with self._reading(tenant_id, "items.get") as session:
            row = await _TABLE.get(session, tenant_id, item_id)
            return _view(row, session.codec) if row is not None else None

    async def get_many(self, tenant_id: str, item_ids: Sequence[str]) -> dict[str, ItemView]:
        if not item_ids:
            return {}
        async with self._reading(tenant_id, "items.get_many") as session:
            rows = await _TABLE.get_many(session, tenant_id, item_ids)
            return {row["item_id"]: _view(row, session.codec) for row in rows}

    async def list(self, tenant_id: str, filter: ItemFilter, first: int, after_sequence: int | None) -> ItemPage:
        async with self._reading(tenant_id, "items.list") as session:
            page = await _TABLE.page(
                session, lambda params: _conditions(params, tenant_id, filter), first, after_sequence
            )
            views: builtins.list[ItemView] = [_view(row, session.codec) for row in page.rows]
        return ItemPage(views, has_next_page=page.has_next_page, total_count=page.total_count)
