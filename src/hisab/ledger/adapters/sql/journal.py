"""The journal in SQL: entries, their lines, and each account's movements per day, kept by one projection.

Amounts are integer paisa, so sums are exact in SQL on SQLite as on PostgreSQL. Posting an entry
adds its lines to `ledger_balances` (one row per account, project, day and closing-or-not), which
is what the trial balance and the statements read: a few thousand rows a year, however many lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from hisab.event_store.adapters.sql.params import Params
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.kernel.money import from_paisa, to_paisa
from hisab.ledger.application.views import ENTRY_EVENTS, JournalEntryView, project_entry
from hisab.ledger.domain.entries import EntryStatus
from hisab.ledger.domain.events import JournalEntryDrafted, JournalEntryPosted, SourceDocument
from hisab.ledger.domain.journal import JournalKind, JournalLine

ENTRY_COLUMNS = (
    "tenant_id", "entry_id", "sequence", "number", "kind", "status", "entry_date", "narration", "reference",
    "total_paisa", "source_type", "source_id", "source_number", "reverses", "reversed_by", "reversal_reason",
    "created_by", "created_at", "posted_by", "posted_at", "posted_position", "version",
)  # fmt: skip
LINE_COLUMNS = (
    "tenant_id", "entry_id", "line_number", "account_code", "debit_paisa", "credit_paisa", "project", "cost_center",
    "party_id", "memo", "entry_date", "posted_position",
)  # fmt: skip
BALANCE_COLUMNS = ("tenant_id", "account_code", "project", "day", "closing", "debit_paisa", "credit_paisa")
BALANCE_KEY = BALANCE_COLUMNS[:5]

ENTRIES = ReadModelTable(
    "journal_entries", ENTRY_COLUMNS, key=("tenant_id", "entry_id"), noun="journal entry", reported_key="entry_id"
)
LINES = ReadModelTable(
    "journal_lines",
    LINE_COLUMNS,
    key=("tenant_id", "entry_id", "line_number"),
    noun="journal line",
    reported_key="entry_id",
)
BALANCES = ReadModelTable(
    "ledger_balances", BALANCE_COLUMNS, key=BALANCE_KEY, noun="account balance", reported_key="account_code"
)
# The same sums per month (`day` is the month's first): whole months of a report come from here.
MONTH_BALANCES = ReadModelTable(
    "ledger_month_balances",
    tuple("month" if c == "day" else c for c in BALANCE_COLUMNS),
    key=tuple("month" if c == "day" else c for c in BALANCE_KEY),
    noun="account balance of a month",
    reported_key="account_code",
)


class SqlJournalProjection:
    name = "journal"
    follows = ENTRY_EVENTS
    tables: tuple[ReadModelTable, ...] = (ENTRIES, LINES, BALANCES, MONTH_BALANCES)

    async def apply(self, tables: SqlSession, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        """The entry's row, its lines once drafted, and its amounts in the balances once posted.

        On PostgreSQL the statements run as one (a data-modifying CTE): an invoice's approval
        pays one round trip for its posting's read models, not three.
        """
        view = project_entry(stream)
        tenant_id = stream[0].metadata.tenant_id
        # PostgreSQL numbers its placeholders across the statements joined; SQLite's are positional, per statement.
        shared = tables.params()
        statements: list[tuple[str, Params]] = []

        def add(write: Callable[[Params], str]) -> None:
            params = shared if tables.is_postgres else tables.params()
            statements.append((write(params), params))

        add(lambda params: _upsert_entry(tables, params, tenant_id, view))
        if any(isinstance(s.event, JournalEntryDrafted) for s in new):
            add(lambda params: _insert_lines(tables, params, tenant_id, view))
        elif any(isinstance(s.event, JournalEntryPosted) for s in new):
            add(lambda params: _mark_posted(tables, params, tenant_id, view))
        if any(isinstance(s.event, JournalEntryPosted) for s in new):
            add(lambda params: _add_to_balances(tables, params, tenant_id, view, BALANCES, view.entry_date))
            month = view.entry_date.replace(day=1)
            add(lambda params: _add_to_balances(tables, params, tenant_id, view, MONTH_BALANCES, month))
        if tables.is_postgres:
            ahead = "".join(f"s{n} AS ({sql}), " for n, (sql, _) in enumerate(statements[:-1]))
            last = statements[-1][0]
            await tables.fetch(f"WITH {ahead.removesuffix(', ')} {last}" if ahead else last, shared.values)
            return
        for sql, params in statements:
            await tables.fetch(sql, params.values)


def _mark_posted(tables: SqlSession, params: Params, tenant_id: str, view: JournalEntryView) -> str:
    return (
        f"UPDATE {tables.table(LINES.name)} SET posted_position = {params.add(view.posted_position)} "
        f"WHERE tenant_id = {params.add(tenant_id)} AND entry_id = {params.add(view.entry_id)}"
    )


def _upsert_entry(tables: SqlSession, params: Params, tenant_id: str, view: JournalEntryView) -> str:
    values = ", ".join(params.add(value) for value in entry_row(tenant_id, view, tables.codec))
    updates = ", ".join(f"{c} = excluded.{c}" for c in ENTRY_COLUMNS[2:])
    return (
        f"INSERT INTO {tables.table(ENTRIES.name)} ({', '.join(ENTRY_COLUMNS)}) VALUES ({values}) "
        f"ON CONFLICT (tenant_id, entry_id) DO UPDATE SET {updates}"
    )


def _insert_lines(tables: SqlSession, params: Params, tenant_id: str, view: JournalEntryView) -> str:
    rows = []
    for number, line in enumerate(view.lines, start=1):
        row = (
            tenant_id, view.entry_id, number, line.account_code, to_paisa(line.debit), to_paisa(line.credit),
            line.project, line.cost_center, line.party_id, line.memo, tables.codec.date_in(view.entry_date),
            view.posted_position,
        )  # fmt: skip
        rows.append(f"({', '.join(params.add(value) for value in row)})")
    return f"INSERT INTO {tables.table(LINES.name)} ({', '.join(LINE_COLUMNS)}) VALUES {', '.join(rows)}"


def _add_to_balances(
    tables: SqlSession, params: Params, tenant_id: str, view: JournalEntryView, into: ReadModelTable, day: date
) -> str:
    """One statement for all the entry's accounts, in key order so that two postings lock rows alike."""
    closing = 1 if view.kind is JournalKind.CLOSING else 0
    sums: dict[tuple[str, str], list[int]] = {}
    for line in view.lines:
        found = sums.setdefault((line.account_code, line.project or ""), [0, 0])
        found[0] += to_paisa(line.debit)
        found[1] += to_paisa(line.credit)
    stored_day = tables.codec.date_in(day)
    rows = [
        f"({', '.join(params.add(v) for v in (tenant_id, code, project, stored_day, closing, debit, credit))})"
        for (code, project), (debit, credit) in sorted(sums.items())
    ]
    table = tables.table(into.name)
    return (
        f"INSERT INTO {table} ({', '.join(into.columns)}) VALUES {', '.join(rows)} "
        f"ON CONFLICT ({', '.join(into.key)}) DO UPDATE SET "
        f"debit_paisa = {table}.debit_paisa + excluded.debit_paisa, "
        f"credit_paisa = {table}.credit_paisa + excluded.credit_paisa"
    )


def entry_row(tenant_id: str, view: JournalEntryView, codec: ValueCodec) -> tuple[Any, ...]:
    source = view.source
    return (
        tenant_id,
        view.entry_id,
        view.sequence,
        view.number,
        view.kind.value,
        view.status.value,
        codec.date_in(view.entry_date),
        view.narration,
        view.reference,
        to_paisa(view.total),
        source.document_type if source else None,
        source.document_id if source else None,
        source.document_number if source else None,
        view.reverses,
        view.reversed_by,
        view.reversal_reason,
        view.created_by,
        codec.datetime_in(view.created_at),
        view.posted_by,
        codec.datetime_in(view.posted_at) if view.posted_at else None,
        view.posted_position,
        view.version,
    )


def entry_from_rows(row: Row, lines: Sequence[Row], codec: ValueCodec) -> JournalEntryView:
    source = SourceDocument(row["source_type"], row["source_id"], row["source_number"]) if row["source_type"] else None
    return JournalEntryView(
        row["entry_id"],
        row["sequence"],
        row["number"],
        JournalKind(row["kind"]),
        EntryStatus(row["status"]),
        codec.date_out(row["entry_date"]),
        row["narration"],
        row["reference"],
        tuple(line_from_row(line) for line in sorted(lines, key=lambda line: int(line["line_number"]))),
        from_paisa(row["total_paisa"]),
        source,
        row["reverses"],
        row["reversed_by"],
        row["reversal_reason"],
        row["created_by"],
        codec.datetime_out(row["created_at"]),
        row["posted_by"],
        codec.datetime_out(row["posted_at"]) if row["posted_at"] is not None else None,
        row["posted_position"],
        row["version"],
    )


def line_from_row(row: Row) -> JournalLine:
    return JournalLine(
        row["account_code"],
        from_paisa(row["debit_paisa"]),
        from_paisa(row["credit_paisa"]),
        row["project"],
        row["cost_center"],
        row["party_id"],
        row["memo"],
    )
