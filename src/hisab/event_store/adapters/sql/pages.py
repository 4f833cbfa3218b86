"""The reads a tenant's table of a read model answers: a row by its id, rows by ids, and keyset pages.

A keyset page is newest first by `sequence`, strictly after the cursor's sequence, and reads one row
more than asked for, so that whether there is a next page is known without another query. Its count
runs with the same conditions, written again into parameters of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hisab.event_store.adapters.sql.params import Params
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row

# Writes a page's conditions, the tenant's among them, into the given parameters.
Where = Callable[[Params], str]


@dataclass(frozen=True, slots=True)
class KeysetPage:
    rows: Sequence[Row]
    has_next_page: bool
    total_count: int


@dataclass(frozen=True, slots=True)
class TenantTable:
    """A table whose rows belong to one tenant each, are identified by `id_column` and ordered by `sequence`."""

    name: str
    columns: tuple[str, ...]
    id_column: str

    async def get(self, session: SqlSession, tenant_id: str, row_id: str) -> Row | None:
        params = session.params()
        sql = (
            f"SELECT {', '.join(self.columns)} FROM {self.name} "
            f"WHERE tenant_id = {params.add(tenant_id)} AND {self.id_column} = {params.add(row_id)}"
        )
        rows = await session.fetch(sql, params.values)
        return rows[0] if rows else None

    async def get_many(self, session: SqlSession, tenant_id: str, row_ids: Sequence[str]) -> Sequence[Row]:
        """The rows of these ids that exist, in one query."""
        params = session.params()
        sql = (
            f"SELECT {', '.join(self.columns)} FROM {self.name} "
            f"WHERE tenant_id = {params.add(tenant_id)} AND {params.is_in(self.id_column, list(row_ids))}"
        )
        return await session.fetch(sql, params.values)

    async def page(self, session: SqlSession, where: Where, first: int, after_sequence: int | None) -> KeysetPage:
        """At most `first` rows matching `where`, newest first, after `after_sequence` when one is given."""
        page, counting = session.params(), session.params()
        conditions = where(page)
        if after_sequence is not None:
            conditions += f" AND sequence < {page.add(after_sequence)}"
        sql = (
            f"SELECT {', '.join(self.columns)} FROM {self.name} WHERE {conditions} "
            f"ORDER BY sequence DESC LIMIT {page.add(first + 1)}"
        )
        rows = await session.fetch(sql, page.values)
        total = await session.fetch(f"SELECT count(*) FROM {self.name} WHERE {where(counting)}", counting.values)
        return KeysetPage(rows[:first], has_next_page=len(rows) > first, total_count=total[0][0])


async def children_of(
    session: SqlSession,
    table: str,
    columns: Sequence[str],
    tenant_id: str,
    parent_column: str,
    parent_ids: Sequence[str],
    order_by: str | None = None,
) -> dict[str, list[Row]]:
    """The rows of `table` that belong to each of these parents (a page's lines), in one query, by parent."""
    params = session.params()
    sql = (
        f"SELECT {', '.join(columns)} FROM {table} WHERE tenant_id = {params.add(tenant_id)} "
        f"AND {params.is_in(parent_column, list(parent_ids))}"
    )
    if order_by is not None:
        sql += f" ORDER BY {order_by}"
    found: dict[str, list[Row]] = {}
    for row in await session.fetch(sql, params.values):
        found.setdefault(row[parent_column], []).append(row)
    return found
