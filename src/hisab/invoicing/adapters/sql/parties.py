"""The party read model in SQL: one row per party, its projection and its queries, for either database.

A party's code is unique per tenant by a UNIQUE index on the live table. The projection runs in
the command's transaction, so a second party with a taken code (even one racing the first)
fails there, and is refused as the caller's mistake rather than our failure.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

import asyncpg

from hisab.event_store.adapters.sql.pages import TenantTable
from hisab.event_store.adapters.sql.params import Params, Style, placeholders
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.invoicing.application.parties import PARTY_EVENTS, PartyView, project_party
from hisab.invoicing.application.ports import PartyFilter, PartyPage
from hisab.invoicing.domain.party import PartyDetails, PartyKind, search_term, search_text
from hisab.kernel.errors import InvalidInputError

PARTY_COLUMNS = (
    "tenant_id", "party_id", "sequence", "code", "is_customer", "is_supplier", "legal_name", "legal_name_bn", "bin",
    "tin", "nid", "address", "address_bn", "phone", "email", "withholding_entity", "credit_days", "credit_limit",
    "active", "version", "created_at", "updated_at", "search_text",
)  # fmt: skip
# The code's uniqueness is on the live table only: a rebuild replays events that were unique already.
PARTIES = ReadModelTable("parties", PARTY_COLUMNS, key=("tenant_id", "party_id"), noun="party", reported_key="party_id")
_MUTABLE = [c for c in PARTY_COLUMNS if c not in ("tenant_id", "party_id")]
_TABLE = TenantTable(PARTIES.name, PARTY_COLUMNS, "party_id")

Reading = Callable[[str, str], AbstractAsyncContextManager[SqlSession]]


class SqlPartyProjection:
    name = "parties"
    follows = PARTY_EVENTS
    tables: tuple[ReadModelTable, ...] = (PARTIES,)

    async def apply(self, tables: SqlSession, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        view = project_party(stream)
        try:
            await tables.fetch(upsert_party(tables.style, tables.table(PARTIES.name)), party_row(view, tables.codec))
        except (asyncpg.UniqueViolationError, sqlite3.IntegrityError) as error:
            # The upsert settles a conflict on the key, so the only unique index left to break is the code's.
            if isinstance(error, sqlite3.IntegrityError) and "UNIQUE" not in str(error):
                raise
            message = f"another party already has the code {view.details.code}"
            raise InvalidInputError.single("code", "unique", message) from error


class SqlPartyQueries:
    def __init__(self, reading: Reading) -> None:
        self._reading = reading

    async def get(self, tenant_id: str, party_id: str) -> PartyView | None:
        async with self._reading(tenant_id, "parties.get") as session:
            row = await _TABLE.get(session, tenant_id, party_id)
        return party_from_row(row, session.codec) if row is not None else None

    async def get_many(self, tenant_id: str, party_ids: Sequence[str]) -> dict[str, PartyView]:
        if not party_ids:
            return {}
        async with self._reading(tenant_id, "parties.get_many") as session:
            rows = await _TABLE.get_many(session, tenant_id, party_ids)
        return {row["party_id"]: party_from_row(row, session.codec) for row in rows}

    async def list(self, tenant_id: str, filter: PartyFilter, first: int, after_sequence: int | None) -> PartyPage:
        async with self._reading(tenant_id, "parties.list") as session:
            page = await _TABLE.page(session, lambda params: _where(params, tenant_id, filter), first, after_sequence)
        views = [party_from_row(row, session.codec) for row in page.rows]
        return PartyPage(views, has_next_page=page.has_next_page, total_count=page.total_count)


def _where(params: Params, tenant_id: str, filter: PartyFilter) -> str:
    conditions = [f"tenant_id = {params.add(tenant_id)}"]
    kinds = [f"is_{kind.lower()} = {params.add(True)}" for kind in filter.kinds]
    if kinds:
        conditions.append(f"({' OR '.join(kinds)})")
    if filter.active is not None:
        conditions.append(f"active = {params.add(filter.active)}")
    if filter.search:
        conditions.append(params.contains("search_text", search_term(filter.search)))
    return " AND ".join(conditions)


def upsert_party(style: Style, table: str) -> str:
    updates = ", ".join(f"{column} = excluded.{column}" for column in _MUTABLE)
    return (
        f"INSERT INTO {table} ({', '.join(PARTY_COLUMNS)}) VALUES ({placeholders(style, len(PARTY_COLUMNS))}) "
        f"ON CONFLICT (tenant_id, party_id) DO UPDATE SET {updates}"
    )


def party_row(view: PartyView, codec: ValueCodec) -> tuple[Any, ...]:
    d = view.details
    return (
        view.tenant_id, view.party_id, view.sequence, d.code, PartyKind.CUSTOMER in d.kinds,
        PartyKind.SUPPLIER in d.kinds, d.legal_name, d.legal_name_bn, d.bin, d.tin, d.nid, d.address, d.address_bn,
        d.phone, d.email, d.withholding_entity, d.credit_days, codec.decimal_in(d.credit_limit), view.active,
        view.version, codec.datetime_in(view.created_at), codec.datetime_in(view.updated_at), search_text(d),
    )  # fmt: skip


def party_from_row(row: Row, codec: ValueCodec) -> PartyView:
    kinds = tuple(kind for kind in PartyKind if row[f"is_{kind.lower()}"])
    details = PartyDetails(
        code=row["code"],
        kinds=kinds,
        legal_name=row["legal_name"],
        legal_name_bn=row["legal_name_bn"],
        bin=row["bin"],
        tin=row["tin"],
        nid=row["nid"],
        address=row["address"],
        address_bn=row["address_bn"],
        phone=row["phone"],
        email=row["email"],
        # SQLite keeps booleans as 0 and 1.
        withholding_entity=bool(row["withholding_entity"]),
        credit_days=row["credit_days"],
        credit_limit=codec.decimal_out(row["credit_limit"]),
    )
    return PartyView(
        tenant_id=row["tenant_id"],
        party_id=row["party_id"],
        sequence=row["sequence"],
        details=details,
        active=bool(row["active"]),
        version=row["version"],
        created_at=codec.datetime_out(row["created_at"]),
        updated_at=codec.datetime_out(row["updated_at"]),
    )
