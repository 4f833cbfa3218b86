"""Invoice queries over either SQL database, each in one read-only snapshot of one tenant."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager

from hisab.event_store.adapters.sql.pages import children_of
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.invoicing.adapters.sql import statements
from hisab.invoicing.adapters.sql.rows import LINE_COLUMNS, view_from_rows
from hisab.invoicing.application.ports import InvoiceFilter, InvoicePage
from hisab.invoicing.application.views import InvoiceView

# Opens a snapshot of one tenant's tables: on PostgreSQL a read-only, repeatable-read transaction
# with the tenant set for row-level security, so one query's page and count agree.
Reading = Callable[[str, str], AbstractAsyncContextManager[SqlSession]]


class SqlInvoiceQueries:
    def __init__(self, reading: Reading, payments: statements.PaymentCondition | None = None) -> None:
        self._reading = reading
        self._payments = payments

    async def get(self, tenant_id: str, invoice_id: str) -> InvoiceView | None:
        async with self._reading(tenant_id, "invoices.get") as session:
            # PostgreSQL returns each invoice's lines in its row, as an array: one round trip.
            sql = statements.select_invoice(session.style, with_lines=session.is_postgres)
            rows = await session.fetch(sql, (tenant_id, invoice_id))
            views = await _with_lines(session, tenant_id, rows)
        return views[0] if views else None

    async def get_many(self, tenant_id: str, invoice_ids: Sequence[str]) -> dict[str, InvoiceView]:
        if not invoice_ids:
            return {}
        async with self._reading(tenant_id, "invoices.get_many") as session:
            params = session.params()
            sql = statements.select_invoices(params, tenant_id, list(invoice_ids), with_lines=session.is_postgres)
            views = await _with_lines(session, tenant_id, await session.fetch(sql, params.values))
        return {view.invoice_id: view for view in views}

    async def by_number(self, tenant_id: str, number: str) -> InvoiceView | None:
        async with self._reading(tenant_id, "invoices.by_number") as session:
            params = session.params()
            sql = statements.select_invoice_by_number(params, tenant_id, number, with_lines=session.is_postgres)
            views = await _with_lines(session, tenant_id, await session.fetch(sql, params.values))
        return views[0] if views else None

    async def list(self, tenant_id: str, filter: InvoiceFilter, first: int, after_sequence: int | None) -> InvoicePage:
        async with self._reading(tenant_id, "invoices.list") as session:
            page, counting = session.params(), session.params()
            sql = statements.list_invoices(
                page,
                session.codec,
                tenant_id,
                filter,
                first + 1,
                after_sequence,
                with_lines=session.is_postgres,
                payments=self._payments,
            )
            rows = await session.fetch(sql, page.values)
            count = statements.count_invoices(counting, session.codec, tenant_id, filter, self._payments)
            total = await session.fetch(count, counting.values)
            views = await _with_lines(session, tenant_id, rows[:first])
        return InvoicePage(views, has_next_page=len(rows) > first, total_count=total[0][0])


async def _with_lines(session: SqlSession, tenant_id: str, rows: Sequence[Row]) -> builtins.list[InvoiceView]:
    """Attach the lines of every invoice on the page, read in one query."""
    if not rows:
        return []
    if session.is_postgres:
        return [view_from_rows(row, row["lines"], session.codec) for row in rows]
    ids = [row["invoice_id"] for row in rows]
    lines = await children_of(
        session, "invoice_lines", LINE_COLUMNS, tenant_id, "invoice_id", ids, "invoice_id, position"
    )
    return [view_from_rows(row, lines.get(row["invoice_id"], []), session.codec) for row in rows]
