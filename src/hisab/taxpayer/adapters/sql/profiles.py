"""The supplier-profile read model in SQL: its projection, its query, its rows, for either database."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from hisab.event_store.adapters.sql.params import Style, placeholders
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.taxpayer.application.views import PROFILE_EVENTS, SupplierProfileView, project_profile
from hisab.taxpayer.domain.events import IssuingUnit
from hisab.taxpayer.domain.supplier import SupplierProfile

PROFILE_COLUMNS = (
    "tenant_id", "name", "bin", "issuing_units", "officer_name", "officer_designation", "version", "updated_at",
    "updated_by",
)  # fmt: skip
PROFILES = ReadModelTable(
    "supplier_profiles", PROFILE_COLUMNS, key=("tenant_id",), noun="supplier profile", reported_key=None
)


class SqlProfileProjection:
    name = "supplier_profiles"
    follows = PROFILE_EVENTS
    tables: tuple[ReadModelTable, ...] = (PROFILES,)

    async def apply(self, tables: SqlSession, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        view = project_profile(stream)
        await tables.fetch(upsert_profile(tables.style, tables.table(PROFILES.name)), profile_row(view, tables.codec))


class SqlProfileQueries:
    def __init__(self, reading: Callable[[str, str], AbstractAsyncContextManager[SqlSession]]) -> None:
        self._reading = reading

    async def get(self, tenant_id: str) -> SupplierProfileView | None:
        async with self._reading(tenant_id, "supplier_profile.get") as session:
            rows = await session.fetch(select_profile(session.style), (tenant_id,))
        return profile_from_row(rows[0], session.codec) if rows else None


def upsert_profile(style: Style, table: str) -> str:
    updates = ", ".join(f"{column} = excluded.{column}" for column in PROFILE_COLUMNS[1:])
    return (
        f"INSERT INTO {table} ({', '.join(PROFILE_COLUMNS)}) VALUES ({placeholders(style, len(PROFILE_COLUMNS))}) "
        f"ON CONFLICT (tenant_id) DO UPDATE SET {updates}"
    )


def select_profile(style: Style) -> str:
    return f"SELECT {', '.join(PROFILE_COLUMNS)} FROM supplier_profiles WHERE tenant_id = {placeholders(style, 1)}"


def profile_row(view: SupplierProfileView, codec: ValueCodec) -> tuple[Any, ...]:
    profile = view.profile
    return (
        view.tenant_id, profile.name, profile.bin, _units_json(profile.units), profile.officer_name,
        profile.officer_designation, view.version, codec.datetime_in(view.updated_at), view.updated_by,
    )  # fmt: skip


def profile_from_row(row: Row, codec: ValueCodec) -> SupplierProfileView:
    units = tuple(IssuingUnit(unit["code"], unit["name"], unit["address"]) for unit in json.loads(row["issuing_units"]))
    profile = SupplierProfile(row["name"], row["bin"], units, row["officer_name"], row["officer_designation"])
    return SupplierProfileView(
        row["tenant_id"], profile, row["version"], codec.datetime_out(row["updated_at"]), row["updated_by"]
    )


def _units_json(units: tuple[IssuingUnit, ...]) -> str:
    """One canonical text per list of units, so that equal profiles have equal rows."""
    data = [{"code": unit.code, "name": unit.name, "address": unit.address} for unit in units]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
