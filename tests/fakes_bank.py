"""In-memory bank statements: the contract suite holds them to the SQL read model's behaviour."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date
from typing import Any

from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.receivables.adapters.sql.bank_statements import LINES, STATEMENTS, SqlBankStatementProjection
from hisab.receivables.adapters.sql.projection import RECEIPTS
from hisab.receivables.application.reconciliation import (
    LineFilter,
    LinePage,
    LineView,
    StandingReceipt,
    StatementPage,
    StatementView,
    project_statement,
)
from hisab.receivables.application.views import ReceiptView
from hisab.receivables.domain.bank_statements import ReceiptCandidate
from hisab.receivables.domain.receipts import ReceiptMethod

MemoryReading = Callable[[str, str], AbstractAsyncContextManager[Any]]
_BANKED_METHODS = (ReceiptMethod.BANK_TRANSFER, ReceiptMethod.CHEQUE, ReceiptMethod.CARD)


class MemoryBankStatementProjection:
    name = SqlBankStatementProjection.name
    follows = SqlBankStatementProjection.follows
    tables: tuple[ReadModelTable, ...] = (STATEMENTS, LINES)

    async def apply(self, tables: Any, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        view, lines = project_statement(stream)
        tables.table(STATEMENTS.name)[(view.tenant_id, view.statement_id)] = view
        for line in lines:
            tables.table(LINES.name)[(line.tenant_id, line.line_id)] = line


def _matched_lines(tables: Any, tenant_id: str) -> dict[str, str]:
    return {
        line.receipt_id: line.line_id
        for (t, _), line in tables.table(LINES.name).items()
        if t == tenant_id and line.receipt_id is not None
    }


def _standing(view: ReceiptView, matched: dict[str, str]) -> StandingReceipt:
    named = (
        view.reference, view.cheque.number if view.cheque else None,
        view.wallet.transaction_id if view.wallet else None, view.receipt_number,
    )  # fmt: skip
    candidate = ReceiptCandidate(view.receipt_id, view.receipt_date, view.amount, tuple(n for n in named if n))
    return StandingReceipt(candidate, view.deposit_account_code, matched.get(view.receipt_id))


class MemoryBankStatementTables:
    async def statement_with_digest(self, tables: Any, tenant_id: str, digest: str) -> str | None:
        views: list[StatementView] = [v for (t, _), v in tables.table(STATEMENTS.name).items() if t == tenant_id]
        return next((v.statement_id for v in views if v.digest == digest), None)

    async def standing_receipts(
        self, tables: Any, tenant_id: str, account_code: str, default_bank: bool, date_from: date, date_to: date
    ) -> list[StandingReceipt]:
        matched = _matched_lines(tables, tenant_id)
        receipts: list[ReceiptView] = [v for (t, _), v in tables.table(RECEIPTS.name).items() if t == tenant_id]
        return [
            _standing(v, matched)
            for v in sorted(receipts, key=lambda v: v.receipt_id)
            if v.settles
            and date_from <= v.receipt_date <= date_to
            and (
                v.deposit_account_code == account_code
                or (default_bank and v.deposit_account_code is None and v.method in _BANKED_METHODS)
            )
        ]

    async def standing_receipt(self, tables: Any, tenant_id: str, receipt_id: str) -> StandingReceipt | None:
        view: ReceiptView | None = tables.table(RECEIPTS.name).get((tenant_id, receipt_id))
        if view is None or not view.settles:
            return None
        return _standing(view, _matched_lines(tables, tenant_id))


class MemoryBankStatementQueries:
    def __init__(self, reading: MemoryReading) -> None:
        self._reading = reading

    async def statement(self, tenant_id: str, statement_id: str) -> StatementView | None:
        async with self._reading(tenant_id, "bank_statements.get") as tables:
            found: StatementView | None = tables.table(STATEMENTS.name).get((tenant_id, statement_id))
        return found

    async def statements(self, tenant_id: str, first: int, after: int | None) -> StatementPage:
        async with self._reading(tenant_id, "bank_statements.list") as tables:
            views = [v for (t, _), v in tables.table(STATEMENTS.name).items() if t == tenant_id]
        newest = sorted(views, key=lambda v: v.sequence, reverse=True)
        page = [v for v in newest if after is None or v.sequence < after]
        return StatementPage(page[:first], has_next_page=len(page) > first, total_count=len(views))

    async def lines(self, tenant_id: str, filter: LineFilter, first: int, after: int | None) -> LinePage:
        async with self._reading(tenant_id, "bank_statement_lines.list") as tables:
            lines: list[LineView] = [v for (t, _), v in tables.table(LINES.name).items() if t == tenant_id]
        matching = sorted((v for v in lines if _line_matches(v, filter)), key=lambda v: v.sequence)
        page = [v for v in matching if after is None or v.sequence > after]
        return LinePage(page[:first], has_next_page=len(page) > first, total_count=len(matching))

    async def lines_of_receipts(self, tenant_id: str, receipt_ids: Sequence[str]) -> dict[str, LineView]:
        wanted = set(receipt_ids)
        async with self._reading(tenant_id, "bank_statement_lines.of_receipts") as tables:
            lines: list[LineView] = [v for (t, _), v in tables.table(LINES.name).items() if t == tenant_id]
        return {v.receipt_id: v for v in lines if v.receipt_id is not None and v.receipt_id in wanted}


def _line_matches(line: LineView, where: LineFilter) -> bool:
    if where.statement_id is not None and line.statement_id != where.statement_id:
        return False
    if where.matched is True:
        return line.matched
    if where.matched is False:
        return not line.matched and line.amount > 0
    return True
