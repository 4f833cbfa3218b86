"""The books' queries in SQL: entries and their lines, movements summed per account, an account's ledger."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date, timedelta

from hisab.event_store.adapters.sql.pages import children_of
from hisab.event_store.adapters.sql.params import Params
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.kernel.money import from_paisa
from hisab.ledger.adapters.sql.journal import ENTRY_COLUMNS, LINE_COLUMNS, entry_from_rows
from hisab.ledger.application.ports import BalanceQuery, EntryFilter, EntryPage, LedgerKey, LedgerRow, Movement
from hisab.ledger.application.views import JournalEntryView
from hisab.ledger.domain.journal import JournalKind

Reading = Callable[[str, str], AbstractAsyncContextManager[SqlSession]]
_ENTRY_SELECT = ", ".join(ENTRY_COLUMNS)


class SqlLedgerQueries:
    def __init__(self, reading: Reading) -> None:
        self._reading = reading

    async def entry(self, tenant_id: str, entry_id: str) -> JournalEntryView | None:
        return (await self.entries_by_id(tenant_id, [entry_id])).get(entry_id)

    async def entries_by_id(self, tenant_id: str, entry_ids: Sequence[str]) -> Mapping[str, JournalEntryView]:
        async with self._reading(tenant_id, "ledger.entries_by_id") as session:
            params = session.params()
            where = f"tenant_id = {params.add(tenant_id)} AND {params.is_in('entry_id', list(entry_ids))}"
            rows = await session.fetch(f"SELECT {_ENTRY_SELECT} FROM journal_entries WHERE {where}", params.values)
            views = await _with_lines(session, tenant_id, rows)
        return {view.entry_id: view for view in views}

    async def entries(self, tenant_id: str, where: EntryFilter, first: int, after: int | None) -> EntryPage:
        async with self._reading(tenant_id, "ledger.entries") as session:
            params = session.params()
            conditions = _entry_conditions(params, session.codec, tenant_id, where)
            if after is not None:
                conditions += f" AND sequence < {params.add(after)}"
            sql = (
                f"SELECT {_ENTRY_SELECT} FROM journal_entries WHERE {conditions} "
                f"ORDER BY sequence DESC LIMIT {params.add(first + 1)}"
            )
            rows = await session.fetch(sql, params.values)
            views = await _with_lines(session, tenant_id, rows[:first])
        return EntryPage(views, has_next_page=len(rows) > first)

    async def entries_for_document(
        self, tenant_id: str, document_ids: Sequence[str]
    ) -> Mapping[str, list[JournalEntryView]]:
        async with self._reading(tenant_id, "ledger.entries_for_document") as session:
            params = session.params()
            where = f"tenant_id = {params.add(tenant_id)} AND {params.is_in('source_id', list(document_ids))}"
            sql = f"SELECT {_ENTRY_SELECT} FROM journal_entries WHERE {where} ORDER BY posted_position"
            views = await _with_lines(session, tenant_id, await session.fetch(sql, params.values))
        found: dict[str, list[JournalEntryView]] = {}
        for view in views:
            assert view.source is not None
            found.setdefault(view.source.document_id, []).append(view)
        return found

    async def movements(self, tenant_id: str, query: BalanceQuery) -> Mapping[str, Movement]:
        async with self._reading(tenant_id, "ledger.movements") as session:
            return await movements_in(session, tenant_id, query)

    async def ledger(
        self, tenant_id: str, code: str, from_day: date, to_day: date, after: LedgerKey | None, limit: int
    ) -> Sequence[LedgerRow]:
        async with self._reading(tenant_id, "ledger.account_ledger") as session:
            params, codec = session.params(), session.codec
            conditions = (
                f"l.tenant_id = {params.add(tenant_id)} AND l.account_code = {params.add(code)} "
                f"AND l.posted_position IS NOT NULL "
                f"AND l.entry_date >= {params.add(codec.date_in(from_day))} "
                f"AND l.entry_date <= {params.add(codec.date_in(to_day))}"
            )
            if after is not None:
                # A row comparison, which both databases take as the index scan's start (written out
                # with ORs it is a filter, and page 1,000 would read the 49,950 lines before it).
                conditions += (
                    f" AND (l.entry_date, l.posted_position, l.line_number) > "
                    f"({params.add(codec.date_in(after.entry_date))}, {params.add(after.posted_position)}, "
                    f"{params.add(after.line_number)})"
                )
            sql = (
                "SELECT l.entry_id, l.line_number, l.debit_paisa, l.credit_paisa, l.project, l.cost_center, "
                "l.party_id, l.memo, l.entry_date, l.posted_position, e.number, e.narration "
                "FROM journal_lines l JOIN journal_entries e ON e.tenant_id = l.tenant_id AND e.entry_id = l.entry_id "
                f"WHERE {conditions} ORDER BY l.entry_date, l.posted_position, l.line_number LIMIT {params.add(limit)}"
            )
            rows = await session.fetch(sql, params.values)
        return [
            LedgerRow(
                LedgerKey(codec.date_out(row["entry_date"]), row["posted_position"], row["line_number"]),
                row["entry_id"],
                row["number"],
                row["narration"],
                from_paisa(row["debit_paisa"]),
                from_paisa(row["credit_paisa"]),
                row["project"],
                row["cost_center"],
                row["party_id"],
                row["memo"],
            )
            for row in rows
        ]

    async def posted_count(self, tenant_id: str, from_day: date, to_day: date, kind: JournalKind | None) -> int:
        async with self._reading(tenant_id, "ledger.posted_count") as session:
            params, codec = session.params(), session.codec
            conditions = (
                f"tenant_id = {params.add(tenant_id)} AND posted_position IS NOT NULL "
                f"AND entry_date >= {params.add(codec.date_in(from_day))} "
                f"AND entry_date <= {params.add(codec.date_in(to_day))}"
            )
            if kind is not None:
                conditions += f" AND kind = {params.add(kind.value)}"
            rows = await session.fetch(f"SELECT count(*) AS n FROM journal_entries WHERE {conditions}", params.values)
        return int(rows[0]["n"])


async def movements_in(session: SqlSession, tenant_id: str, query: BalanceQuery) -> dict[str, Movement]:
    """Summed in SQL: whole months from the month rows, the days of a partial month from the day rows.

    A transaction's session sees its own uncommitted postings, so a command may ask too.
    """
    params, codec = session.params(), session.codec
    parts: list[str] = []

    def part(table: str, column: str, low: date | None, high: date) -> None:
        # Each part adds its parameters in the order its text names them, as SQLite's `?` requires.
        conditions = f"tenant_id = {params.add(tenant_id)} AND {column} <= {params.add(codec.date_in(high))}"
        if low is not None:
            conditions += f" AND {column} >= {params.add(codec.date_in(low))}"
        if query.project is not None:
            conditions += f" AND project = {params.add(query.project)}"
        if query.without_closing:
            conditions += " AND closing = 0"
        if query.codes is not None:
            conditions += f" AND {params.is_in('account_code', sorted(query.codes))}"
        parts.append(f"SELECT account_code, debit_paisa, credit_paisa FROM {session.table(table)} WHERE {conditions}")

    months = whole_months(query.since, query.through)
    if months is None:
        part("ledger_balances", "day", query.since, query.through)
    else:
        first, last = months
        if query.since is not None and query.since < first:
            part("ledger_balances", "day", query.since, first - timedelta(days=1))
        part("ledger_month_balances", "month", first if query.since is not None else None, last)
        if _month_end(last) < query.through:
            part("ledger_balances", "day", _month_end(last) + timedelta(days=1), query.through)
    sql = (
        "SELECT account_code, SUM(debit_paisa) AS debit, SUM(credit_paisa) AS credit "
        f"FROM ({' UNION ALL '.join(parts)}) AS moved GROUP BY account_code"
    )
    rows = await session.fetch(sql, params.values)
    return {
        row["account_code"]: Movement(from_paisa(int(row["debit"])), from_paisa(int(row["credit"]))) for row in rows
    }


def whole_months(since: date | None, through: date) -> tuple[date, date] | None:
    """The first days of the first and last months lying wholly within since..through (no lower
    bound without `since`), or None when no month does."""
    first = None if since is None else (since if since.day == 1 else _month_end(since) + timedelta(days=1))
    last = through.replace(day=1)
    if _month_end(last) != through:
        last = (last - timedelta(days=1)).replace(day=1)
    if first is not None and first > last:
        return None
    return (first or date.min, last)


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _entry_conditions(params: Params, codec: ValueCodec, tenant_id: str, where: EntryFilter) -> str:
    conditions = f"tenant_id = {params.add(tenant_id)}"
    if where.kind is not None:
        conditions += f" AND kind = {params.add(where.kind.value)}"
    if where.status is not None:
        conditions += f" AND status = {params.add(where.status.value)}"
    if where.from_day is not None:
        conditions += f" AND entry_date >= {params.add(codec.date_in(where.from_day))}"
    if where.to_day is not None:
        conditions += f" AND entry_date <= {params.add(codec.date_in(where.to_day))}"
    for column, value in (
        ("account_code", where.account_code),
        ("project", where.project),
        ("party_id", where.party_id),
    ):
        if value is not None:
            conditions += (
                f" AND entry_id IN (SELECT entry_id FROM journal_lines WHERE tenant_id = {params.add(tenant_id)} "
                f"AND {column} = {params.add(value)})"
            )
    return conditions


async def _with_lines(session: SqlSession, tenant_id: str, rows: Sequence[Row]) -> list[JournalEntryView]:
    if not rows:
        return []
    ids = [row["entry_id"] for row in rows]
    lines = await children_of(session, "journal_lines", LINE_COLUMNS, tenant_id, "entry_id", ids)
    return [entry_from_rows(row, lines.get(row["entry_id"], []), session.codec) for row in rows]
