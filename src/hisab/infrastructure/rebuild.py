"""Rebuilding the read model from the event store, the same way on every database."""

from __future__ import annotations

from typing import Protocol

from hisab.application.ports import StoredEvent
from hisab.application.read_model import InvoiceView, project
from hisab.infrastructure.sql.invoice_sql import LIVE, REBUILT, differences

BATCH = 2000
MAX_REPORTED = 100


class RebuildSession(Protocol):
    """One transaction of a backend, seen by the rebuild."""

    async def create_fresh_tables(self) -> None:
        """Empty tables shaped like the live read model, named as `REBUILT` says."""

    async def events_by_stream(self, after: tuple[str, int] | None, limit: int) -> list[StoredEvent]: ...

    async def save_fresh(self, view: InvoiceView) -> None: ...

    async def keys(self, sql: str) -> list[tuple[str, str]]:
        """Run a query returning (tenant_id, invoice_id) rows."""

    async def replace_live(self) -> None:
        """Make the live tables hold exactly what the fresh tables hold."""


async def rebuild(session: RebuildSession, *, verify_only: bool) -> list[str]:
    await session.create_fresh_tables()
    await _replay(session)
    found: list[str] = []
    for label, sql in differences((LIVE, REBUILT)):
        found.extend(f"{label}: {tenant}/{invoice}" for tenant, invoice in await session.keys(sql))
    if not verify_only:
        await session.replace_live()
    return found[:MAX_REPORTED] + ([f"... and {len(found) - MAX_REPORTED} more"] if len(found) > MAX_REPORTED else [])


async def _replay(session: RebuildSession) -> None:
    """Fold stream after stream; only one stream's events are held at a time."""
    pending: list[StoredEvent] = []
    after: tuple[str, int] | None = None
    while batch := await session.events_by_stream(after, BATCH):
        for stored in batch:
            if pending and pending[-1].stream_id != stored.stream_id:
                await session.save_fresh(project(pending))
                pending = []
            pending.append(stored)
        last = batch[-1]
        after = (last.stream_id, last.version)
    if pending:
        await session.save_fresh(project(pending))

