"""Bank statements in SQL: each statement, its lines and the receipt each line is matched to.

A statement's lines are written once, when it is imported; a match or an unmatch updates its one
line. `bank_statement_lines` has a unique index on (tenant_id, receipt_id), so even a command that
forgot to hold the receipt could not match it to two lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date
from typing import Any

from hisab.event_store.adapters.sql.params import Params, placeholders
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.kernel.money import from_paisa, to_paisa
from hisab.receivables.application.reconciliation import (
    LineFilter,
    LinePage,
    LineView,
    StandingReceipt,
    StatementPage,
    StatementView,
    project_statement,
)
from hisab.receivables.domain.bank_statements import (
    BANK_STATEMENT_EVENT_TYPES,
    BankStatementImported,
    MatchMethod,
    ReceiptCandidate,
    StatementFormat,
    StatementLineMatched,
    StatementLineUnmatched,
)

STATEMENT_COLUMNS = (
    "tenant_id", "statement_id", "sequence", "account_code", "default_bank", "source_format", "digest",
    "period_from", "period_to", "opening_balance_paisa", "closing_balance_paisa", "line_count", "matched_count",
    "credit_total_paisa", "debit_total_paisa", "imported_by", "imported_at", "version",
)  # fmt: skip
LINE_COLUMNS = (
    "tenant_id", "line_id", "statement_id", "sequence", "booked_on", "amount_paisa", "reference", "description",
    "balance_paisa", "receipt_id", "matched_how",
)  # fmt: skip
STATEMENTS = ReadModelTable("bank_statements", STATEMENT_COLUMNS, key=("tenant_id", "statement_id"),
                            noun="bank statement", reported_key="statement_id")  # fmt: skip
LINES = ReadModelTable("bank_statement_lines", LINE_COLUMNS, key=("tenant_id", "line_id"), noun="statement line",
                       reported_key="line_id")  # fmt: skip
Reading = Callable[[str, str], AbstractAsyncContextManager[SqlSession]]
# Receipts no longer standing match nothing; without a deposit account, these methods go to the default bank.
_GONE = ("BOUNCED", "REVERSED")
_BANKED_METHODS = ("BANK_TRANSFER", "CHEQUE", "CARD")


class SqlBankStatementProjection:
    name = "bank_statements"
    follows: frozenset[type[DomainEvent]] = frozenset(BANK_STATEMENT_EVENT_TYPES)
    tables: tuple[ReadModelTable, ...] = (STATEMENTS, LINES)

    async def apply(self, tables: SqlSession, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        view, lines = project_statement(stream)
        if any(isinstance(s.event, BankStatementImported) for s in new):
            # The lines as they stand now: a rebuild writes no match that a later event undid.
            await tables.fetch(_insert(tables, STATEMENTS), _statement_row(view, tables.codec))
            insert = _insert(tables, LINES)
            for line in lines:
                await tables.fetch(insert, _line_row(line, tables.codec))
            return
        await self._statement_changed(tables, view)
        touched = {s.event.line_id for s in new if isinstance(s.event, StatementLineMatched | StatementLineUnmatched)}
        # The lines freed first: a receipt moved from one line to another is never on both.
        for line in sorted((line for line in lines if line.line_id in touched), key=lambda line: line.matched):
            params = tables.params()
            sql = (
                f"UPDATE {tables.table(LINES.name)} SET receipt_id = {params.add(line.receipt_id)}, "
                f"matched_how = {params.add(line.how.value if line.how else None)} "
                f"WHERE tenant_id = {params.add(line.tenant_id)} AND line_id = {params.add(line.line_id)}"
            )
            await tables.fetch(sql, params.values)

    async def _statement_changed(self, tables: SqlSession, view: StatementView) -> None:
        params = tables.params()
        sql = (
            f"UPDATE {tables.table(STATEMENTS.name)} SET matched_count = {params.add(view.matched_count)}, "
            f"version = {params.add(view.version)} WHERE tenant_id = {params.add(view.tenant_id)} "
            f"AND statement_id = {params.add(view.statement_id)}"
        )
        await tables.fetch(sql, params.values)


def _insert(tables: SqlSession, table: ReadModelTable) -> str:
    columns = table.columns
    return (
        f"INSERT INTO {tables.table(table.name)} ({', '.join(columns)}) "
        f"VALUES ({placeholders(tables.style, len(columns))})"
    )


def _paisa(amount: Any) -> int | None:
    return to_paisa(amount) if amount is not None else None


def _statement_row(view: StatementView, codec: ValueCodec) -> tuple[Any, ...]:
    return (
        view.tenant_id, view.statement_id, view.sequence, view.account_code, view.default_bank,
        view.source_format.value, view.digest, codec.date_in(view.period_from), codec.date_in(view.period_to),
        _paisa(view.opening_balance), _paisa(view.closing_balance), view.line_count, view.matched_count,
        to_paisa(view.credit_total), to_paisa(view.debit_total), view.imported_by,
        codec.datetime_in(view.imported_at), view.version,
    )  # fmt: skip


def _line_row(line: LineView, codec: ValueCodec) -> tuple[Any, ...]:
    return (
        line.tenant_id, line.line_id, line.statement_id, line.sequence, codec.date_in(line.booked_on),
        to_paisa(line.amount), line.reference, line.description, _paisa(line.balance), line.receipt_id,
        line.how.value if line.how else None,
    )  # fmt: skip


class SqlBankStatementTables:
    async def statement_with_digest(self, tables: SqlSession, tenant_id: str, digest: str) -> str | None:
        params = tables.params()
        sql = (
            f"SELECT statement_id FROM {tables.table(STATEMENTS.name)} "
            f"WHERE tenant_id = {params.add(tenant_id)} AND digest = {params.add(digest)}"
        )
        rows = await tables.fetch(sql, params.values)
        return str(rows[0]["statement_id"]) if rows else None

    async def standing_receipts(
        self, tables: SqlSession, tenant_id: str, account_code: str, default_bank: bool, date_from: date, date_to: date
    ) -> list[StandingReceipt]:
        def where(p: Params) -> str:
            banked = f"r.deposit_account_code = {p.add(account_code)}"
            if default_bank:
                banked = f"({banked} OR (r.deposit_account_code IS NULL AND {p.is_in('r.method', _BANKED_METHODS)}))"
            dated = (
                f"r.receipt_date >= {p.add(tables.codec.date_in(date_from))} "
                f"AND r.receipt_date <= {p.add(tables.codec.date_in(date_to))}"
            )
            return f"{banked} AND {dated}"

        return await _standing(tables, tenant_id, where)

    async def standing_receipt(self, tables: SqlSession, tenant_id: str, receipt_id: str) -> StandingReceipt | None:
        found = await _standing(tables, tenant_id, lambda p: f"r.receipt_id = {p.add(receipt_id)}")
        return found[0] if found else None


async def _standing(tables: SqlSession, tenant_id: str, where: Callable[[Params], str]) -> list[StandingReceipt]:
    params = tables.params()
    receipts, lines = tables.table("receipts"), tables.table(LINES.name)
    sql = (
        "SELECT r.receipt_id, r.receipt_number, r.receipt_date, r.amount_paisa, r.deposit_account_code, "
        "r.reference, r.cheque_number, r.wallet_transaction_id, l.line_id "
        f"FROM {receipts} r LEFT JOIN {lines} l ON l.tenant_id = r.tenant_id AND l.receipt_id = r.receipt_id "
        f"WHERE r.tenant_id = {params.add(tenant_id)} AND NOT {params.is_in('r.status', _GONE)} AND {where(params)} "
        "ORDER BY r.receipt_id"
    )
    rows = await tables.fetch(sql, params.values)
    return [_standing_receipt(row, tables.codec) for row in rows]


def _standing_receipt(row: Row, codec: ValueCodec) -> StandingReceipt:
    named = (row["reference"], row["cheque_number"], row["wallet_transaction_id"], row["receipt_number"])
    candidate = ReceiptCandidate(
        row["receipt_id"], codec.date_out(row["receipt_date"]), from_paisa(row["amount_paisa"]),
        tuple(n for n in named if n),
    )  # fmt: skip
    return StandingReceipt(candidate, row["deposit_account_code"], row["line_id"])


class SqlBankStatementQueries:
    def __init__(self, reading: Reading) -> None:
        self._reading = reading

    async def statement(self, tenant_id: str, statement_id: str) -> StatementView | None:
        async with self._reading(tenant_id, "bank_statements.get") as session:
            params = session.params()
            sql = (
                f"SELECT {', '.join(STATEMENT_COLUMNS)} FROM bank_statements "
                f"WHERE tenant_id = {params.add(tenant_id)} AND statement_id = {params.add(statement_id)}"
            )
            rows = await session.fetch(sql, params.values)
        return _statement(rows[0], session.codec) if rows else None

    async def statements(self, tenant_id: str, first: int, after: int | None) -> StatementPage:
        async with self._reading(tenant_id, "bank_statements.list") as session:
            params = session.params()
            where = f"tenant_id = {params.add(tenant_id)}"
            total = await session.fetch(f"SELECT count(*) FROM bank_statements WHERE {where}", params.values)
            if after is not None:
                where += f" AND sequence < {params.add(after)}"
            sql = (
                f"SELECT {', '.join(STATEMENT_COLUMNS)} FROM bank_statements WHERE {where} "
                f"ORDER BY sequence DESC LIMIT {params.add(first + 1)}"
            )
            rows = await session.fetch(sql, params.values)
        views = [_statement(row, session.codec) for row in rows[:first]]
        return StatementPage(views, has_next_page=len(rows) > first, total_count=total[0][0])

    async def lines(self, tenant_id: str, filter: LineFilter, first: int, after: int | None) -> LinePage:
        async with self._reading(tenant_id, "bank_statement_lines.list") as session:
            counting, page = session.params(), session.params()
            total = await session.fetch(
                f"SELECT count(*) FROM bank_statement_lines WHERE {_line_conditions(counting, tenant_id, filter)}",
                counting.values,
            )
            where = _line_conditions(page, tenant_id, filter)
            if after is not None:
                where += f" AND sequence > {page.add(after)}"
            sql = (
                f"SELECT {', '.join(LINE_COLUMNS)} FROM bank_statement_lines WHERE {where} "
                f"ORDER BY sequence LIMIT {page.add(first + 1)}"
            )
            rows = await session.fetch(sql, page.values)
        views = [_line(row, session.codec) for row in rows[:first]]
        return LinePage(views, has_next_page=len(rows) > first, total_count=total[0][0])

    async def lines_of_receipts(self, tenant_id: str, receipt_ids: Sequence[str]) -> dict[str, LineView]:
        if not receipt_ids:
            return {}
        async with self._reading(tenant_id, "bank_statement_lines.of_receipts") as session:
            params = session.params()
            sql = (
                f"SELECT {', '.join(LINE_COLUMNS)} FROM bank_statement_lines WHERE tenant_id = {params.add(tenant_id)} "
                f"AND {params.is_in('receipt_id', list(receipt_ids))}"
            )
            rows = await session.fetch(sql, params.values)
        return {row["receipt_id"]: _line(row, session.codec) for row in rows}


def _line_conditions(params: Params, tenant_id: str, where: LineFilter) -> str:
    conditions = [f"tenant_id = {params.add(tenant_id)}"]
    if where.statement_id is not None:
        conditions.append(f"statement_id = {params.add(where.statement_id)}")
    if where.matched is True:
        conditions.append("receipt_id IS NOT NULL")
    elif where.matched is False:
        # What is left to reconcile: credits without a receipt (money out is the payables' business).
        conditions.append("receipt_id IS NULL AND amount_paisa > 0")
    return " AND ".join(conditions)


def _optional(paisa: int | None) -> Any:
    return from_paisa(paisa) if paisa is not None else None


def _statement(row: Row, codec: ValueCodec) -> StatementView:
    return StatementView(
        tenant_id=row["tenant_id"],
        statement_id=row["statement_id"],
        sequence=row["sequence"],
        account_code=row["account_code"],
        default_bank=bool(row["default_bank"]),
        source_format=StatementFormat(row["source_format"]),
        digest=row["digest"],
        period_from=codec.date_out(row["period_from"]),
        period_to=codec.date_out(row["period_to"]),
        opening_balance=_optional(row["opening_balance_paisa"]),
        closing_balance=_optional(row["closing_balance_paisa"]),
        line_count=row["line_count"],
        matched_count=row["matched_count"],
        credit_total=from_paisa(row["credit_total_paisa"]),
        debit_total=from_paisa(row["debit_total_paisa"]),
        imported_by=row["imported_by"],
        imported_at=codec.datetime_out(row["imported_at"]),
        version=row["version"],
    )


def _line(row: Row, codec: ValueCodec) -> LineView:
    return LineView(
        tenant_id=row["tenant_id"],
        line_id=row["line_id"],
        statement_id=row["statement_id"],
        sequence=row["sequence"],
        booked_on=codec.date_out(row["booked_on"]),
        amount=from_paisa(row["amount_paisa"]),
        reference=row["reference"],
        description=row["description"],
        balance=_optional(row["balance_paisa"]),
        receipt_id=row["receipt_id"],
        how=MatchMethod(row["matched_how"]) if row["matched_how"] else None,
    )
