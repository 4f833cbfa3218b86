"""Rebuilding the read model from the event store, the same way on every SQL database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from hisab.event_store.messages import StoredEvent
from hisab.event_store.ports import EventStore
from hisab.invoicing.adapters.sql.statements import LIVE, REBUILT, differences
from hisab.invoicing.application.ports import InvoiceProjection
from hisab.invoicing.application.views import project
from hisab.taxpayer.application.ports import ProfileProjection
from hisab.taxpayer.application.views import project_profile
from hisab.taxpayer.domain.supplier import is_profile_stream

BATCH = 2000
MAX_REPORTED = 100


class SqlRebuild:
    """One transaction of a backend, as the rebuild sees it: the drivers differ only in how they run SQL."""

    def __init__(
        self,
        execute: Callable[[str], Awaitable[Any]],
        fetch: Callable[[str], Awaitable[Sequence[Any]]],
        events: EventStore,
        fresh: tuple[InvoiceProjection, ProfileProjection],
        create_fresh_tables: Sequence[str],
    ) -> None:
        self._execute = execute
        self._fetch = fetch
        self._events = events
        self._fresh_invoices, self._fresh_profiles = fresh
        self._create_fresh_tables = create_fresh_tables

    async def run(self, *, verify_only: bool) -> list[str]:
        """Replay into fresh tables and report how the live tables differ; replace them unless verifying."""
        for statement in self._create_fresh_tables:
            await self._execute(statement)
        await self._replay()
        found = await self._differences()
        if not verify_only:
            await self._replace_live()
        return found

    async def _replay(self) -> None:
        """Fold stream after stream; only one stream's events are held at a time."""
        pending: list[StoredEvent] = []
        after: tuple[str, int] | None = None
        while batch := await self._events.read_by_stream(after, BATCH):
            for stored in batch:
                if pending and pending[-1].stream_id != stored.stream_id:
                    await self._project(pending)
                    pending = []
                pending.append(stored)
            after = (batch[-1].stream_id, batch[-1].version)
        if pending:
            await self._project(pending)

    async def _project(self, stream: list[StoredEvent]) -> None:
        if is_profile_stream(stream[0].stream_id):
            await self._fresh_profiles.save(project_profile(stream))
        else:
            await self._fresh_invoices.save(project(stream), lines_changed=True)

    async def _differences(self) -> list[str]:
        only_live: set[tuple[str, str, str]] = set()
        only_fresh: set[tuple[str, str, str]] = set()
        for live_side, sql in differences((LIVE, REBUILT)):
            keys = {(row[0], row[1], row[2]) for row in await self._fetch(sql)}
            (only_live if live_side else only_fresh).update(keys)
        verdicts = (
            (only_live & only_fresh, "the live row differs from the replayed one"),
            (only_live - only_fresh, "in the read model but not in the event store"),
            (only_fresh - only_live, "in the event store but missing from the read model"),
        )
        found = sorted(
            f"{kind} {tenant}/{key}: {verdict}" if key else f"{kind} of {tenant}: {verdict}"
            for keys, verdict in verdicts
            for kind, tenant, key in keys
        )
        if len(found) > MAX_REPORTED:
            return [*found[:MAX_REPORTED], f"... and {len(found) - MAX_REPORTED} more"]
        return found

    async def _replace_live(self) -> None:
        # Lines first: they refer to their invoices.
        for table in (LIVE.lines, LIVE.invoices, LIVE.profiles):
            await self._execute(f"DELETE FROM {table}")
        for (live, columns, _), (fresh, _, _) in zip(LIVE.with_columns(), REBUILT.with_columns(), strict=True):
            column_list = ", ".join(columns)
            await self._execute(f"INSERT INTO {live} ({column_list}) SELECT {column_list} FROM {fresh}")
