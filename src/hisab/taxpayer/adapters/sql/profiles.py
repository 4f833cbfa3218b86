"""The supplier-profile read model: statements and rows, for either database."""

from __future__ import annotations

import json
from typing import Any

from hisab.event_store.adapters.sql.params import Style, placeholders
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.invoicing.adapters.sql.rows import Row
from hisab.taxpayer.application.views import SupplierProfileView
from hisab.taxpayer.domain.events import IssuingUnit
from hisab.taxpayer.domain.supplier import SupplierProfile

PROFILE_COLUMNS = (
    "tenant_id", "name", "bin", "issuing_units", "officer_name", "officer_designation", "version", "updated_at",
    "updated_by",
)  # fmt: skip


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
