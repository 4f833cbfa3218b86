"""Read-model queries over any driver that can fetch rows: SQLite and PostgreSQL alike."""

from __future__ import annotations

import builtins
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from hisab.application.ports import InvoiceFilter, InvoicePage
from hisab.application.read_model import InvoiceView, SupplierProfileView
from hisab.infrastructure.sql import invoice_sql
from hisab.infrastructure.sql.invoice_rows import Row, view_from_rows
from hisab.infrastructure.sql.params import Params, Style
from hisab.infrastructure.sql.profile_sql import profile_from_row, select_profile
from hisab.infrastructure.sql.values import ValueCodec

Fetch = Callable[[str, Sequence[Any]], Awaitable[Sequence[Row]]]


class SqlInvoiceQueries:
    def __init__(self, fetch: Fetch, style: Style, codec: ValueCodec) -> None:
        self._fetch = fetch
        self._style = style
        self._codec = codec

    async def get(self, tenant_id: str, invoice_id: str) -> InvoiceView | None:
        rows = await self._fetch(invoice_sql.select_invoice(self._style), (tenant_id, invoice_id))
        views = await self._with_lines(tenant_id, rows)
        return views[0] if views else None

    async def list(
        self, tenant_id: str, filter: InvoiceFilter, first: int, after_sequence: int | None
    ) -> InvoicePage:
        page = Params(self._style)
        rows = await self._fetch(
            invoice_sql.list_invoices(page, self._codec, tenant_id, filter, first + 1, after_sequence), page.values
        )
        counting = Params(self._style)
        total = await self._fetch(invoice_sql.count_invoices(counting, self._codec, tenant_id, filter), counting.values)
        views = await self._with_lines(tenant_id, rows[:first])
        return InvoicePage(views, has_next_page=len(rows) > first, total_count=total[0][0])

    async def _with_lines(self, tenant_id: str, rows: Sequence[Row]) -> builtins.list[InvoiceView]:
        """Attach the lines of every invoice on the page, read in one query."""
        if not rows:
            return []
        params = Params(self._style)
        sql = invoice_sql.select_lines(params, tenant_id, [row["invoice_id"] for row in rows])
        lines: dict[str, builtins.list[Row]] = {}
        for line in await self._fetch(sql, params.values):
            lines.setdefault(line["invoice_id"], []).append(line)
        return [view_from_rows(row, lines.get(row["invoice_id"], []), self._codec) for row in rows]


class SqlProfileQueries:
    def __init__(self, fetch: Fetch, style: Style, codec: ValueCodec) -> None:
        self._fetch = fetch
        self._style = style
        self._codec = codec

    async def get(self, tenant_id: str) -> SupplierProfileView | None:
        rows = await self._fetch(select_profile(self._style), (tenant_id,))
        return profile_from_row(rows[0], self._codec) if rows else None
