"""The return entries in memory: the same entries as the SQL projection (entry_rules), the same reads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.kernel.money import ZERO
from hisab.vat_return.adapters.sql.entries import ENTRIES, ENTRY_EVENTS
from hisab.vat_return.application.entry_ports import NoteSum
from hisab.vat_return.application.register_views import DocumentSum, RegisterEntryPage, RegisterKey
from hisab.vat_return.domain.entries import DocumentType, Register, ReturnEntry
from hisab.vat_return.domain.entry_rows import PositionedEntry
from hisab.vat_return.domain.entry_rules import entries_of

Reading = Callable[[str, str], AbstractAsyncContextManager[Any]]


@dataclass(frozen=True, slots=True)
class _Stored:
    tenant_id: str
    stream_id: str
    positioned: PositionedEntry


class MemoryReturnEntryProjection:
    name = "vat_return_entries"
    follows = ENTRY_EVENTS
    tables: tuple[ReadModelTable, ...] = (ENTRIES,)

    async def apply(self, tables: Any, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        tenant_id, stream_id = stream[0].metadata.tenant_id, stream[0].stream_id
        table: dict[tuple[str, ...], _Stored] = tables.table(ENTRIES.name)
        for key in [k for k, row in table.items() if row.tenant_id == tenant_id and row.stream_id == stream_id]:
            del table[key]
        for positioned in entries_of([s.event for s in stream]):
            entry = positioned.entry
            key = (tenant_id, entry.document_type.value, entry.document_id, entry.line_id)
            table[key] = _Stored(tenant_id, stream_id, positioned)


def _in_period(row: _Stored, tenant_id: str, start: date, end: date) -> bool:
    return row.tenant_id == tenant_id and start <= row.positioned.entry.entry_date <= end


class MemoryReturnEntryQueries:
    def __init__(self, reading: Reading) -> None:
        self._reading = reading

    async def _period(self, tenant_id: str, start: date, end: date) -> list[PositionedEntry]:
        async with self._reading(tenant_id, "vat_return_entries") as tables:
            rows: list[_Stored] = list(tables.table(ENTRIES.name).values())
        found = [row.positioned for row in rows if _in_period(row, tenant_id, start, end)]
        return sorted(found, key=RegisterKey.of)

    async def note_sums(self, tenant_id: str, start: date, end: date) -> dict[int, NoteSum]:
        return sums_by_note([p.entry for p in await self._period(tenant_id, start, end)])

    async def entries(
        self,
        tenant_id: str,
        start: date,
        end: date,
        *,
        notes: frozenset[int] | None = None,
        register: Register | None = None,
        per_note: int | None = None,
    ) -> list[ReturnEntry]:
        period = [p.entry for p in await self._period(tenant_id, start, end)]
        return chosen_entries(period, notes, register, per_note)

    async def documents(self, tenant_id: str, start: date, end: date) -> dict[DocumentType, int]:
        return documents_by_type([p.entry for p in await self._period(tenant_id, start, end)])

    async def register_page(
        self, tenant_id: str, register: Register, start: date, end: date, first: int, after: RegisterKey | None
    ) -> RegisterEntryPage:
        book = [p for p in await self._period(tenant_id, start, end) if p.entry.register is register]
        later = [p for p in book if after is None or RegisterKey.of(p) > after]
        return RegisterEntryPage(later[:first], len(later) > first, len(book), len(book) - len(later))

    async def register_sums(self, tenant_id: str, register: Register, start: date, end: date) -> list[DocumentSum]:
        sums: dict[DocumentType, list[Decimal]] = {}
        for positioned in await self._period(tenant_id, start, end):
            entry = positioned.entry
            if entry.register is not register:
                continue
            was = sums.setdefault(entry.document_type, [ZERO, ZERO, ZERO, ZERO])
            for n, amount in enumerate((entry.value, entry.supplementary_duty, entry.vat, entry.creditable_vat)):
                was[n] += amount
        return [DocumentSum(kind, *amounts) for kind, amounts in sums.items()]


def first_of_each_note(entries: list[ReturnEntry], per_note: int | None) -> list[ReturnEntry]:
    """The first `per_note` entries of each note, in the order given (all of them without a limit)."""
    if per_note is None:
        return entries
    taken: dict[int, int] = {}
    chosen = []
    for entry in entries:
        if taken.get(entry.note, 0) < per_note:
            taken[entry.note] = taken.get(entry.note, 0) + 1
            chosen.append(entry)
    return chosen


def sums_by_note(entries: list[ReturnEntry]) -> dict[int, NoteSum]:
    sums: dict[int, NoteSum] = {}
    for entry in entries:
        was = sums.get(entry.note, NoteSum(entry.note, ZERO, ZERO, ZERO, ZERO, 0))
        sums[entry.note] = NoteSum(
            entry.note, was.value + entry.value, was.supplementary_duty + entry.supplementary_duty,
            was.vat + entry.vat, was.creditable_vat + entry.creditable_vat, was.entries + 1,
        )  # fmt: skip
    return sums


def chosen_entries(
    entries: list[ReturnEntry], notes: frozenset[int] | None, register: Register | None, per_note: int | None
) -> list[ReturnEntry]:
    """A period's entries (in order) of these notes or this register, the first `per_note` of each note."""
    found = [e for e in entries if (notes is None or e.note in notes) and (register is None or e.register is register)]
    return first_of_each_note(found, per_note)


def documents_by_type(entries: list[ReturnEntry]) -> dict[DocumentType, int]:
    seen: dict[DocumentType, set[str]] = {}
    for entry in entries:
        seen.setdefault(entry.document_type, set()).add(entry.document_id)
    return {kind: len(ids) for kind, ids in seen.items()}
