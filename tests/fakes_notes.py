"""In-memory credit and debit notes: the contract suite holds them to the SQL read model's behaviour."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.invoicing.adapters.sql.notes import NOTES
from hisab.invoicing.application.note_views import NOTE_VIEW_EVENTS, NoteView, project_notes
from hisab.invoicing.application.ports import NoteFilter, NotePage

MemoryReading = Callable[[str, str], AbstractAsyncContextManager[Any]]


class MemoryNoteProjection:
    name = "invoice_notes"
    follows = NOTE_VIEW_EVENTS
    tables: tuple[ReadModelTable, ...] = (NOTES,)

    async def apply(self, tables: Any, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        for view in project_notes(stream):
            tables.table(NOTES.name)[(view.tenant_id, view.note_id)] = view


class MemoryNoteQueries:
    def __init__(self, reading: MemoryReading) -> None:
        self._reading = reading

    async def get(self, tenant_id: str, note_id: str) -> NoteView | None:
        async with self._reading(tenant_id, "notes.get") as tables:
            found: NoteView | None = tables.table(NOTES.name).get((tenant_id, note_id))
        return found

    async def list(self, tenant_id: str, filter: NoteFilter, first: int, after_sequence: int | None) -> NotePage:
        matching = [view for view in await self._all(tenant_id) if _matches(view, filter)]
        newest = sorted(matching, key=lambda view: view.sequence, reverse=True)
        after = [view for view in newest if after_sequence is None or view.sequence < after_sequence]
        return NotePage(after[:first], has_next_page=len(after) > first, total_count=len(matching))

    async def of_invoices(self, tenant_id: str, invoice_ids: Sequence[str]) -> dict[str, builtins.list[NoteView]]:
        found: dict[str, builtins.list[NoteView]] = {}
        for view in sorted(await self._all(tenant_id), key=lambda view: view.sequence):
            if view.invoice_id in invoice_ids:
                found.setdefault(view.invoice_id, []).append(view)
        return found

    async def _all(self, tenant_id: str) -> builtins.list[NoteView]:
        async with self._reading(tenant_id, "notes.list") as tables:
            views: builtins.list[NoteView] = list(tables.table(NOTES.name).values())
        return [view for view in views if view.tenant_id == tenant_id]


def _matches(view: NoteView, where: NoteFilter) -> bool:
    return (
        view.kind is where.kind
        and where.invoice_id in (None, view.invoice_id)
        and (where.date_from is None or view.note_date >= where.date_from)
        and (where.date_to is None or view.note_date <= where.date_to)
        and where.customer_id in (None, view.customer_id)
        and where.customer_party_id in (None, view.customer_party_id)
    )
