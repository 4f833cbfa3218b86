"""Read-model queries over any driver that can fetch rows: SQLite and PostgreSQL alike."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager

from hisab.event_store.adapters.sql.params import Params, Style
from hisab.event_store.adapters.sql.types import Fetch
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.invoicing.adapters.sql import statements as invoice_sql
from hisab.invoicing.adapters.sql.rows import Row, view_from_rows
from hisab.invoicing.application.ports import InvoiceFilter, InvoicePage
from hisab.invoicing.application.views import InvoiceView
from hisab.taxpayer.adapters.sql.profiles import profile_from_row, select_profile
from hisab.taxpayer.application.views import SupplierProfileView

# Opens a read of one tenant's data: on PostgreSQL a read-only, repeatable-read transaction with
# the tenant set for row-level security, so one query's page and count come from the same snapshot.
Reading = Callable[[str], AbstractAsyncContextManager[Fetch]]


class SqlInvoiceQueries:
    """`lines_inline`: the database returns each invoice's lines in its row (PostgreSQL arrays)."""

    def __init__(self, reading: Reading, style: Style, codec: ValueCodec, *, lines_inline: bool = False) -> None:
        self._reading = reading
        self._style = style
        self._codec = codec
        self._lines_inline = lines_inline

    async def get(self, tenant_id: str, invoice_id: str) -> InvoiceView | None:
        sql = invoice_sql.select_invoice(self._style, with_lines=self._lines_inline)
        async with self._reading(tenant_id) as fetch:
            rows = await fetch(sql, (tenant_id, invoice_id))
            views = await self._with_lines(fetch, tenant_id, rows)
        return views[0] if views else None

    async def list(self, tenant_id: str, filter: InvoiceFilter, first: int, after_sequence: int | None) -> InvoicePage:
        page = Params(self._style)
        counting = Params(self._style)
        async with self._reading(tenant_id) as fetch:
            rows = await fetch(
                invoice_sql.list_invoices(
                    page, self._codec, tenant_id, filter, first + 1, after_sequence, with_lines=self._lines_inline
                ),
                page.values,
            )
            total = await fetch(invoice_sql.count_invoices(counting, self._codec, tenant_id, filter), counting.values)
            views = await self._with_lines(fetch, tenant_id, rows[:first])
        return InvoicePage(views, has_next_page=len(rows) > first, total_count=total[0][0])

    async def _with_lines(self, fetch: Fetch, tenant_id: str, rows: Sequence[Row]) -> builtins.list[InvoiceView]:
        """Attach the lines of every invoice on the page, read in one query."""
        if not rows:
            return []
        if self._lines_inline:
            return [view_from_rows(row, row["lines"], self._codec) for row in rows]
        params = Params(self._style)
        sql = invoice_sql.select_lines(params, tenant_id, [row["invoice_id"] for row in rows])
        lines: dict[str, builtins.list[Row]] = {}
        for line in await fetch(sql, params.values):
            lines.setdefault(line["invoice_id"], []).append(line)
        return [view_from_rows(row, lines.get(row["invoice_id"], []), self._codec) for row in rows]


class SqlProfileQueries:
    def __init__(self, reading: Reading, style: Style, codec: ValueCodec) -> None:
        self._reading = reading
        self._style = style
        self._codec = codec

    async def get(self, tenant_id: str) -> SupplierProfileView | None:
        async with self._reading(tenant_id) as fetch:
            rows = await fetch(select_profile(self._style), (tenant_id,))
        return profile_from_row(rows[0], self._codec) if rows else None
