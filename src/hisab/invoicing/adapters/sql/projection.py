"""The invoice read model kept by SQL: one row per invoice and one per line, on either database."""

from __future__ import annotations

from collections.abc import Sequence

from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.invoicing.adapters.sql import statements
from hisab.invoicing.adapters.sql.rows import LINE_COLUMNS, invoice_row, line_row
from hisab.invoicing.application.views import INVOICE_EVENTS, lines_changed, project


class SqlInvoiceProjection:
    name = "invoices"
    follows = INVOICE_EVENTS
    tables: tuple[ReadModelTable, ...] = (statements.INVOICES, statements.LINES)

    async def apply(self, tables: SqlSession, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        """One round trip on PostgreSQL either way: the invoice row alone, or with its lines replaced."""
        view = project(stream)
        invoices, lines = tables.table(statements.INVOICES.name), tables.table(statements.LINES.name)
        row = invoice_row(view, tables.codec)
        if not lines_changed(new):
            await tables.fetch(statements.upsert_invoice(tables.style, invoices), row)
            return
        line_rows = [line_row(view, line, tables.codec) for line in view.lines]
        if tables.is_postgres:
            columns = [list(column) for column in zip(*line_rows, strict=True)] or [[] for _ in LINE_COLUMNS]
            await tables.fetch(statements.upsert_invoice_replacing_lines(invoices, lines), (*row, *columns))
            return
        await tables.fetch(statements.upsert_invoice(tables.style, invoices), row)
        await tables.fetch(statements.delete_lines(tables.style, lines), (view.tenant_id, view.invoice_id))
        for line in line_rows:
            await tables.fetch(statements.insert_line(tables.style, lines), line)
