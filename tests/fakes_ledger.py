"""In-memory fakes of the books' read models and in-transaction reads; the contract suite holds them to SQL's."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date
from typing import Any

from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.kernel.money import ZERO
from hisab.ledger.adapters.sql.journal import BALANCES, ENTRIES
from hisab.ledger.application.ports import BalanceQuery, EntryFilter, EntryPage, LedgerKey, LedgerRow, Movement
from hisab.ledger.application.views import ENTRY_EVENTS, JournalEntryView, project_entry
from hisab.ledger.domain.journal import JournalKind

Reading = Callable[[str, str], AbstractAsyncContextManager[Any]]


class MemoryJournalProjection:
    name = "journal"
    follows = ENTRY_EVENTS
    # The SQL tables' names, so a rebuild compares the same three read models; lines live in the entries.
    tables: tuple[ReadModelTable, ...] = (ENTRIES, BALANCES)

    async def apply(self, tables: Any, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        view = project_entry(stream)
        tenant_id = stream[0].metadata.tenant_id
        tables.table(ENTRIES.name)[(tenant_id, view.entry_id)] = view
        if view.posted_position is not None and any(s.position == view.posted_position for s in new):
            balances = tables.table(BALANCES.name)
            closing = view.kind is JournalKind.CLOSING
            for line in view.lines:
                key = (tenant_id, line.account_code, line.project or "", view.entry_date.isoformat(), str(closing))
                debit, credit = balances.get(key, (ZERO, ZERO))
                balances[key] = (debit + line.debit, credit + line.credit)


def _entries(tables: Any, tenant_id: str) -> list[JournalEntryView]:
    return [view for (tenant, _), view in tables.table(ENTRIES.name).items() if tenant == tenant_id]


def memory_movements(tables: Any, tenant_id: str, query: BalanceQuery) -> dict[str, Movement]:
    found: dict[str, Movement] = {}
    for (tenant, code, project, day, closing), (debit, credit) in tables.table(BALANCES.name).items():
        on = date.fromisoformat(day)
        if (
            tenant != tenant_id
            or on > query.through
            or (query.since is not None and on < query.since)
            or (query.project is not None and project != query.project)
            or (query.without_closing and closing == "True")
            or (query.codes is not None and code not in query.codes)
        ):
            continue
        before = found.get(code, Movement(ZERO, ZERO))
        found[code] = Movement(before.debit + debit, before.credit + credit)
    return found


def _matches(view: JournalEntryView, where: EntryFilter) -> bool:
    return (
        (where.kind is None or view.kind is where.kind)
        and (where.status is None or view.status is where.status)
        and (where.from_day is None or view.entry_date >= where.from_day)
        and (where.to_day is None or view.entry_date <= where.to_day)
        and (where.account_code is None or any(line.account_code == where.account_code for line in view.lines))
        and (where.project is None or any(line.project == where.project for line in view.lines))
        and (where.party_id is None or any(line.party_id == where.party_id for line in view.lines))
    )


class MemoryLedgerQueries:
    def __init__(self, reading: Reading) -> None:
        self._reading = reading

    async def entry(self, tenant_id: str, entry_id: str) -> JournalEntryView | None:
        return (await self.entries_by_id(tenant_id, [entry_id])).get(entry_id)

    async def entries_by_id(self, tenant_id: str, entry_ids: Sequence[str]) -> Mapping[str, JournalEntryView]:
        async with self._reading(tenant_id, "ledger.entries_by_id") as tables:
            found = tables.table(ENTRIES.name)
            return {i: found[(tenant_id, i)] for i in entry_ids if (tenant_id, i) in found}

    async def entries(self, tenant_id: str, where: EntryFilter, first: int, after: int | None) -> EntryPage:
        async with self._reading(tenant_id, "ledger.entries") as tables:
            views = sorted(
                (
                    v
                    for v in _entries(tables, tenant_id)
                    if _matches(v, where) and (after is None or v.sequence < after)
                ),
                key=lambda v: -v.sequence,
            )
        return EntryPage(views[:first], has_next_page=len(views) > first)

    async def entries_for_document(
        self, tenant_id: str, document_ids: Sequence[str]
    ) -> Mapping[str, list[JournalEntryView]]:
        async with self._reading(tenant_id, "ledger.entries_for_document") as tables:
            found: dict[str, list[JournalEntryView]] = {}
            posted = [v for v in _entries(tables, tenant_id) if v.source and v.source.document_id in document_ids]
            for view in sorted(posted, key=lambda v: v.posted_position or 0):
                assert view.source is not None
                found.setdefault(view.source.document_id, []).append(view)
        return found

    async def movements(self, tenant_id: str, query: BalanceQuery) -> Mapping[str, Movement]:
        async with self._reading(tenant_id, "ledger.movements") as tables:
            return memory_movements(tables, tenant_id, query)

    async def ledger(
        self, tenant_id: str, code: str, from_day: date, to_day: date, after: LedgerKey | None, limit: int
    ) -> Sequence[LedgerRow]:
        async with self._reading(tenant_id, "ledger.account_ledger") as tables:
            rows = [
                LedgerRow(
                    LedgerKey(view.entry_date, view.posted_position, number),
                    view.entry_id,
                    view.number or "",
                    view.narration,
                    line.debit,
                    line.credit,
                    line.project,
                    line.cost_center,
                    line.party_id,
                    line.memo,
                )
                for view in _entries(tables, tenant_id)
                if view.posted_position is not None and from_day <= view.entry_date <= to_day
                for number, line in enumerate(view.lines, start=1)
                if line.account_code == code
            ]
        ordered = sorted((row for row in rows if after is None or row.key > after), key=lambda row: row.key)
        return ordered[:limit]

    async def posted_count(self, tenant_id: str, from_day: date, to_day: date, kind: JournalKind | None) -> int:
        async with self._reading(tenant_id, "ledger.posted_count") as tables:
            return sum(
                1
                for view in _entries(tables, tenant_id)
                if view.posted_position is not None
                and from_day <= view.entry_date <= to_day
                and (kind is None or view.kind is kind)
            )


class MemoryBooksTables:
    """One fake transaction runs at a time, so the lock has nothing to keep apart."""

    async def share(self, tables: Any, tenant_id: str) -> None:
        return None

    async def hold(self, tables: Any, tenant_id: str) -> None:
        return None

    async def movements(self, tables: Any, tenant_id: str, query: BalanceQuery) -> Mapping[str, Movement]:
        return memory_movements(tables, tenant_id, query)
