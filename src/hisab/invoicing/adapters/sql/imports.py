"""The imports' read model in SQL, and the look-up of taken codes an import checks before it writes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hisab.event_store.adapters.sql.params import placeholders
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.invoicing.adapters.sql.queries import Reading
from hisab.invoicing.application.import_views import IMPORT_VIEW_EVENTS, ImportView, project_import
from hisab.invoicing.domain.imports import ImportKind, ImportStatus

IMPORT_COLUMNS = (
    "tenant_id", "import_id", "kind", "status", "total", "row_count", "processed", "reason", "file_sha256",
    "created_by", "created_at", "updated_at", "version",
)  # fmt: skip
IMPORTS = ReadModelTable(
    "imports", IMPORT_COLUMNS, key=("tenant_id", "import_id"), noun="import", reported_key="import_id"
)
_MUTABLE = [c for c in IMPORT_COLUMNS if c not in ("tenant_id", "import_id")]
# The master of each kind that has codes, and its id column.
_CODED_TABLES = {ImportKind.PARTIES: ("parties", "party_id"), ImportKind.ITEMS: ("items", "item_id")}


class SqlImportProjection:
    name = "imports"
    follows = IMPORT_VIEW_EVENTS
    tables: tuple[ReadModelTable, ...] = (IMPORTS,)

    async def apply(self, tables: SqlSession, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        updates = ", ".join(f"{column} = excluded.{column}" for column in _MUTABLE)
        sql = (
            f"INSERT INTO {tables.table(IMPORTS.name)} ({', '.join(IMPORT_COLUMNS)}) "
            f"VALUES ({placeholders(tables.style, len(IMPORT_COLUMNS))}) "
            f"ON CONFLICT (tenant_id, import_id) DO UPDATE SET {updates}"
        )
        await tables.fetch(sql, _row(project_import(stream), tables.codec))


class SqlImportQueries:
    def __init__(self, reading: Reading) -> None:
        self._reading = reading

    async def get(self, tenant_id: str, import_id: str) -> ImportView | None:
        async with self._reading(tenant_id, "imports.get") as session:
            params = session.params()
            sql = (
                f"SELECT {', '.join(IMPORT_COLUMNS)} FROM imports "
                f"WHERE tenant_id = {params.add(tenant_id)} AND import_id = {params.add(import_id)}"
            )
            rows = await session.fetch(sql, params.values)
        return _view(rows[0], session.codec) if rows else None

    async def recent(self, tenant_id: str, limit: int) -> list[ImportView]:
        async with self._reading(tenant_id, "imports.recent") as session:
            params = session.params()
            sql = (
                f"SELECT {', '.join(IMPORT_COLUMNS)} FROM imports WHERE tenant_id = {params.add(tenant_id)} "
                f"ORDER BY created_at DESC, import_id LIMIT {params.add(limit)}"
            )
            rows = await session.fetch(sql, params.values)
        return [_view(row, session.codec) for row in rows]

    async def ids_by_code(self, tenant_id: str, kind: ImportKind, codes: Sequence[str]) -> dict[str, str]:
        table, id_column = _CODED_TABLES[kind]
        found: dict[str, str] = {}
        async with self._reading(tenant_id, f"imports.ids_by_code.{table}") as session:
            # SQLite takes at most 32,766 parameters in one statement; PostgreSQL takes the list as one array.
            step = len(codes) if session.is_postgres else 10_000
            for start in range(0, len(codes), max(step, 1)):
                params = session.params()
                tenant = params.add(tenant_id)
                among = params.is_in("code", codes[start : start + step])
                sql = f"SELECT code, {id_column} FROM {table} WHERE tenant_id = {tenant} AND {among}"
                found.update((row[0], row[1]) for row in await session.fetch(sql, params.values))
        return found


def _row(view: ImportView, codec: ValueCodec) -> tuple[Any, ...]:
    return (
        view.tenant_id, view.import_id, view.kind.value, view.status.value, view.total, view.rows, view.processed,
        view.reason, view.file_sha256, view.created_by, codec.datetime_in(view.created_at),
        codec.datetime_in(view.updated_at), view.version,
    )  # fmt: skip


def _view(row: Row, codec: ValueCodec) -> ImportView:
    return ImportView(
        tenant_id=row["tenant_id"],
        import_id=row["import_id"],
        kind=ImportKind(row["kind"]),
        status=ImportStatus(row["status"]),
        total=row["total"],
        rows=row["row_count"],
        processed=row["processed"],
        reason=row["reason"],
        file_sha256=row["file_sha256"],
        created_by=row["created_by"],
        created_at=codec.datetime_out(row["created_at"]),
        updated_at=codec.datetime_out(row["updated_at"]),
        version=row["version"],
    )
