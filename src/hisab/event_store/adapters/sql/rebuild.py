"""Rebuilding every registered read model from the event store, the same way on every SQL database.

The projections replay every stream into fresh tables shaped like the live ones, with the very
statements the write path uses; the fresh and live tables are then compared row for row
(EXCEPT both ways), and, unless only verifying, the fresh rows replace the live ones.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.messages import StoredEvent
from hisab.event_store.ports import EventStore
from hisab.event_store.projections import Projections, ReadModelTable

BATCH = 2000
MAX_REPORTED = 100
FRESH_PREFIX = "rebuilt_"

# The statements that create a fresh, empty copy of a live table (named second) in this session.
FreshTable = Callable[[ReadModelTable, str], Sequence[str]]


class SqlRebuild:
    """One transaction of a backend, as the rebuild sees it: the drivers differ only in how they run SQL."""

    def __init__(
        self,
        execute: Callable[[str], Awaitable[Any]],
        fetch: Callable[[str], Awaitable[Sequence[Any]]],
        events: EventStore,
        session: SqlSession,
        fresh_table: FreshTable,
    ) -> None:
        self._execute = execute
        self._fetch = fetch
        self._events = events
        self._session = session
        self._fresh_table = fresh_table

    async def run(self, projections: Projections[SqlSession], *, verify_only: bool) -> list[str]:
        """Replay into fresh tables and report how the live tables differ; replace them unless verifying."""
        tables = [table for projection in projections for table in projection.tables]
        fresh = {table.name: FRESH_PREFIX + table.name for table in tables}
        for table in tables:
            for statement in self._fresh_table(table, fresh[table.name]):
                await self._execute(statement)
        await self._replay(projections, self._session.renaming(fresh))
        found = await self._differences(tables, fresh)
        if not verify_only:
            await self._replace_live(tables, fresh)
        return found

    async def _replay(self, projections: Projections[SqlSession], session: SqlSession) -> None:
        """Fold stream after stream; only one stream's events are held at a time."""
        pending: list[StoredEvent] = []
        after: tuple[str, int] | None = None
        while batch := await self._events.read_by_stream(after, BATCH):
            for stored in batch:
                if pending and pending[-1].stream_id != stored.stream_id:
                    await projections.apply(session, pending, pending)
                    pending = []
                pending.append(stored)
            after = (batch[-1].stream_id, batch[-1].version)
        if pending:
            await projections.apply(session, pending, pending)

    async def _differences(self, tables: list[ReadModelTable], fresh: dict[str, str]) -> list[str]:
        only_live: set[tuple[str, str, str]] = set()
        only_fresh: set[tuple[str, str, str]] = set()
        for table in tables:
            live, replayed = table.name, fresh[table.name]
            only_live.update(tuple(row) for row in await self._fetch(_except(table, live, replayed)))
            only_fresh.update(tuple(row) for row in await self._fetch(_except(table, replayed, live)))
        verdicts = (
            (only_live & only_fresh, "the live row differs from the replayed one"),
            (only_live - only_fresh, "in the read model but not in the event store"),
            (only_fresh - only_live, "in the event store but missing from the read model"),
        )
        found = sorted(
            f"{noun} {tenant}/{key}: {verdict}" if key else f"{noun} of {tenant}: {verdict}"
            for keys, verdict in verdicts
            for noun, tenant, key in keys
        )
        if len(found) > MAX_REPORTED:
            return [*found[:MAX_REPORTED], f"... and {len(found) - MAX_REPORTED} more"]
        return found

    async def _replace_live(self, tables: list[ReadModelTable], fresh: dict[str, str]) -> None:
        # Children first: they refer to their parents.
        for table in reversed(tables):
            await self._execute(f"DELETE FROM {table.name}")
        for table in tables:
            columns = ", ".join(table.columns)
            await self._execute(f"INSERT INTO {table.name} ({columns}) SELECT {columns} FROM {fresh[table.name]}")


def _except(table: ReadModelTable, first: str, second: str) -> str:
    """The (noun, tenant, key) of each row that `first` has and `second` lacks."""
    columns = ", ".join(table.columns)
    key = table.reported_key or "''"
    return (
        f"SELECT '{table.noun}', tenant_id, {key} FROM "
        f"(SELECT {columns} FROM {first} EXCEPT SELECT {columns} FROM {second}) AS d"
    )
