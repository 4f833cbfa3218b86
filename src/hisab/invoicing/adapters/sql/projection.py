"""The invoice read model kept by SQL: one row per invoice and one per line, on either database."""

from __future__ import annotations

from collections.abc import Sequence

from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable, Update
from hisab.invoicing.adapters.sql import statements
from hisab.invoicing.adapters.sql.batch import (
    JSON_VALUES,
    rows_json,
    upsert_invoices_adding_lines,
    upsert_invoices_replacing_lines,
)
from hisab.invoicing.adapters.sql.rows import INVOICE_COLUMNS, LINE_COLUMNS, invoice_row, line_row
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

    async def apply_many(self, tables: SqlSession, updates: Sequence[Update]) -> None:
        """PostgreSQL: every invoice of a batch and all their lines in one statement (one tenant's)."""
        if not tables.is_postgres:
            for stream, new in updates:
                await self.apply(tables, stream, new)
            return
        views = [(project(stream), lines_changed(new), len(new) == len(stream)) for stream, new in updates]
        invoices = [invoice_row(view, JSON_VALUES) for view, _, _ in views]
        replaced = [view for view, changed, _ in views if changed]
        lines = [line_row(view, line, JSON_VALUES) for view in replaced for line in view.lines]
        # A stream all of whose events are new is a new invoice: it has no old lines to delete.
        old_lines = [view.invoice_id for view, changed, begun in views if changed and not begun]
        invoices_table, lines_table = tables.table(statements.INVOICES.name), tables.table(statements.LINES.name)
        invoice_rows, line_rows = rows_json(INVOICE_COLUMNS, invoices), rows_json(LINE_COLUMNS, lines)
        if old_lines:
            sql = upsert_invoices_replacing_lines(invoices_table, lines_table)
            await tables.fetch(sql, (invoice_rows, views[0][0].tenant_id, old_lines, line_rows))
        else:
            await tables.fetch(upsert_invoices_adding_lines(invoices_table, lines_table), (invoice_rows, line_rows))
