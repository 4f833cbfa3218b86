"""The credit and debit note read model in SQL: one row per note and one per line it changes, for either database.

The note's number is unique per tenant and kind by a UNIQUE index on the live table: the counter
already makes it so, and the index says it again where an auditor can see it.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from hisab.event_store.adapters.sql.pages import TenantTable, children_of
from hisab.event_store.adapters.sql.params import Params, Style, placeholders
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.invoicing.adapters.sql.rows import figures_in, figures_out
from hisab.invoicing.application.note_views import NOTE_VIEW_EVENTS, NoteLineView, NoteView, project_notes
from hisab.invoicing.application.ports import NoteFilter, NotePage
from hisab.invoicing.domain.note_events import CreditNoteIssued, DebitNoteIssued, NotePrinted
from hisab.invoicing.domain.notes import NoteKind
from hisab.invoicing.domain.numbering import note_series_prefix
from hisab.kernel.money import from_paisa, to_paisa
from hisab.kernel.vat import VATCategory

NOTE_COLUMNS = (
    "tenant_id", "note_id", "sequence", "kind", "note_number", "serial", "fiscal_year", "invoice_id",
    "invoice_number", "invoice_mushak_number", "invoice_issued_at", "customer_id", "customer_party_id",
    "buyer_name", "buyer_bin", "buyer_address", "vendor_bin", "currency", "note_date", "issued_at", "issued_by",
    "reason", "reason_text", "value_paisa", "supplementary_duty_paisa", "vat_paisa", "print_count",
)  # fmt: skip
NOTE_LINE_COLUMNS = (
    "tenant_id", "note_id", "position", "line_id", "description", "unit_of_supply", "hs_code", "service_code",
    "vat_category", "unit_price_paisa", "supplementary_duty_rate", "vat_rate", "before_quantity",
    "before_value_paisa", "before_supplementary_duty_paisa", "before_vat_paisa", "quantity", "value_paisa",
    "supplementary_duty_paisa", "vat_paisa",
)  # fmt: skip
NOTES = ReadModelTable("invoice_notes", NOTE_COLUMNS, key=("tenant_id", "note_id"), noun="note", reported_key="note_id")
NOTE_LINES = ReadModelTable(
    "invoice_note_lines", NOTE_LINE_COLUMNS, key=("tenant_id", "note_id", "position"), noun="note",
    reported_key="note_id",
)  # fmt: skip
_MUTABLE = [c for c in NOTE_COLUMNS if c not in ("tenant_id", "note_id")]
_TABLE = TenantTable(NOTES.name, NOTE_COLUMNS, "note_id")

Reading = Callable[[str, str], AbstractAsyncContextManager[SqlSession]]


class SqlNoteProjection:
    name = "invoice_notes"
    follows = NOTE_VIEW_EVENTS
    tables: tuple[ReadModelTable, ...] = (NOTES, NOTE_LINES)

    async def apply(self, tables: SqlSession, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        """A note issued gets its row and its lines; a note printed, its row again (its print count)."""
        issued = {s.event.note_id for s in new if isinstance(s.event, CreditNoteIssued | DebitNoteIssued)}
        printed = {s.event.note_id for s in new if isinstance(s.event, NotePrinted)}
        notes_table, lines_table = tables.table(NOTES.name), tables.table(NOTE_LINES.name)
        for view in project_notes(stream):
            if view.note_id in issued or view.note_id in printed:
                await tables.fetch(upsert_note(tables.style, notes_table), note_row(view, tables.codec))
            if view.note_id in issued:
                insert = _insert_line(tables.style, lines_table)
                for line in view.lines:
                    await tables.fetch(insert, note_line_row(view, line, tables.codec))


class SqlNoteQueries:
    def __init__(self, reading: Reading) -> None:
        self._reading = reading

    async def get(self, tenant_id: str, note_id: str) -> NoteView | None:
        async with self._reading(tenant_id, "notes.get") as session:
            row = await _TABLE.get(session, tenant_id, note_id)
            views = await _with_lines(session, tenant_id, [row] if row is not None else [])
        return views[0] if views else None

    async def list(self, tenant_id: str, filter: NoteFilter, first: int, after_sequence: int | None) -> NotePage:
        async with self._reading(tenant_id, "notes.list") as session:
            if filter == NoteFilter(filter.kind):
                return await _unfiltered_page(session, tenant_id, filter.kind, first, after_sequence)
            page = await _TABLE.page(session, lambda params: _where(params, session.codec, tenant_id, filter), first,
                                     after_sequence)  # fmt: skip
            views = await _with_lines(session, tenant_id, page.rows)
        return NotePage(views, has_next_page=page.has_next_page, total_count=page.total_count)

    async def of_invoices(self, tenant_id: str, invoice_ids: Sequence[str]) -> dict[str, builtins.list[NoteView]]:
        if not invoice_ids:
            return {}
        async with self._reading(tenant_id, "notes.of_invoices") as session:
            params = session.params()
            sql = (
                f"SELECT {', '.join(NOTE_COLUMNS)} FROM invoice_notes WHERE tenant_id = {params.add(tenant_id)} "
                f"AND {params.is_in('invoice_id', list(invoice_ids))} ORDER BY sequence"
            )
            views = await _with_lines(session, tenant_id, await session.fetch(sql, params.values))
        found: dict[str, builtins.list[NoteView]] = {}
        for view in views:
            found.setdefault(view.invoice_id, []).append(view)
        return found


async def _unfiltered_page(
    session: SqlSession, tenant_id: str, kind: NoteKind, first: int, after_sequence: int | None
) -> NotePage:
    """Every note of a kind: counted from the kind's counters, not by visiting every note.

    Each note takes exactly one serial of its kind's counter for its fiscal year, in the transaction
    that issues it (a refused note gives it back), so their sum is how many notes of the kind there are.
    """
    params = session.params()
    condition = f"tenant_id = {params.add(tenant_id)} AND kind = {params.add(kind.value)}"
    if after_sequence is not None:
        condition += f" AND sequence < {params.add(after_sequence)}"
    sql = (
        f"SELECT {', '.join(NOTE_COLUMNS)} FROM invoice_notes WHERE {condition} "
        f"ORDER BY sequence DESC LIMIT {params.add(first + 1)}"
    )
    rows = await session.fetch(sql, params.values)
    counting = session.params()
    prefix = note_series_prefix(kind)
    total = await session.fetch(
        f"SELECT coalesce(sum(value), 0) FROM counters WHERE tenant_id = {counting.add(tenant_id)} "
        f"AND substr(series, 1, {len(prefix)}) = {counting.add(prefix)}",
        counting.values,
    )
    views = await _with_lines(session, tenant_id, rows[:first])
    return NotePage(views, has_next_page=len(rows) > first, total_count=total[0][0])


def _where(params: Params, codec: ValueCodec, tenant_id: str, where: NoteFilter) -> str:
    conditions = [f"tenant_id = {params.add(tenant_id)}", f"kind = {params.add(where.kind.value)}"]
    if where.invoice_id is not None:
        conditions.append(f"invoice_id = {params.add(where.invoice_id)}")
    if where.date_from is not None:
        conditions.append(f"note_date >= {params.add(codec.date_in(where.date_from))}")
    if where.date_to is not None:
        conditions.append(f"note_date <= {params.add(codec.date_in(where.date_to))}")
    if where.customer_id is not None:
        conditions.append(f"customer_id = {params.add(where.customer_id)}")
    if where.customer_party_id is not None:
        conditions.append(f"customer_party_id = {params.add(where.customer_party_id)}")
    return " AND ".join(conditions)


async def _with_lines(session: SqlSession, tenant_id: str, rows: Sequence[Row]) -> builtins.list[NoteView]:
    """Each note with its lines, the lines of the whole page read in one query."""
    if not rows:
        return []
    ids = [row["note_id"] for row in rows]
    lines = await children_of(
        session, NOTE_LINES.name, NOTE_LINE_COLUMNS, tenant_id, "note_id", ids, "note_id, position"
    )
    return [note_from_rows(row, lines.get(row["note_id"], []), session.codec) for row in rows]


def upsert_note(style: Style, table: str) -> str:
    updates = ", ".join(f"{column} = excluded.{column}" for column in _MUTABLE)
    return (
        f"INSERT INTO {table} ({', '.join(NOTE_COLUMNS)}) VALUES ({placeholders(style, len(NOTE_COLUMNS))}) "
        f"ON CONFLICT (tenant_id, note_id) DO UPDATE SET {updates}"
    )


def _insert_line(style: Style, table: str) -> str:
    return (
        f"INSERT INTO {table} ({', '.join(NOTE_LINE_COLUMNS)}) VALUES ({placeholders(style, len(NOTE_LINE_COLUMNS))})"
    )


def note_row(view: NoteView, codec: ValueCodec) -> tuple[Any, ...]:
    figures = view.figures
    return (
        view.tenant_id, view.note_id, view.sequence, view.kind.value, view.note_number, view.serial,
        view.fiscal_year, view.invoice_id, view.invoice_number, view.invoice_mushak_number,
        codec.datetime_in(view.invoice_issued_at), view.customer_id, view.customer_party_id, view.buyer_name,
        view.buyer_bin, view.buyer_address, view.vendor_bin, view.currency, codec.date_in(view.note_date),
        codec.datetime_in(view.issued_at), view.issued_by, view.reason, view.reason_text, to_paisa(figures.value),
        to_paisa(figures.supplementary_duty), to_paisa(figures.vat), view.print_count,
    )  # fmt: skip


def note_line_row(view: NoteView, line: NoteLineView, codec: ValueCodec) -> tuple[Any, ...]:
    return (
        view.tenant_id, view.note_id, line.position, line.line_id, line.description, line.unit_of_supply,
        line.hs_code, line.service_code, line.vat_category.value, to_paisa(line.unit_price),
        codec.decimal_in(line.supplementary_duty_rate), codec.decimal_in(line.vat_rate),
        *figures_in(line.before, codec), *figures_in(line.change, codec),
    )  # fmt: skip


def note_from_rows(row: Row, lines: Sequence[Row], codec: ValueCodec) -> NoteView:
    kind = NoteKind(row["kind"])
    return NoteView(
        tenant_id=row["tenant_id"],
        note_id=row["note_id"],
        kind=kind,
        note_number=row["note_number"],
        serial=row["serial"],
        fiscal_year=row["fiscal_year"],
        sequence=row["sequence"],
        invoice_id=row["invoice_id"],
        invoice_number=row["invoice_number"],
        invoice_mushak_number=row["invoice_mushak_number"],
        invoice_issued_at=codec.datetime_out(row["invoice_issued_at"]),
        customer_id=row["customer_id"],
        customer_party_id=row["customer_party_id"],
        buyer_name=row["buyer_name"],
        buyer_bin=row["buyer_bin"],
        buyer_address=row["buyer_address"],
        vendor_bin=row["vendor_bin"],
        currency=row["currency"],
        note_date=codec.date_out(row["note_date"]),
        issued_at=codec.datetime_out(row["issued_at"]),
        issued_by=row["issued_by"],
        reason=row["reason"],
        reason_text=row["reason_text"],
        lines=tuple(_line_from(line, kind, codec) for line in lines),
        print_count=row["print_count"],
    )


def _line_from(row: Row, kind: NoteKind, codec: ValueCodec) -> NoteLineView:
    return NoteLineView(
        line_id=row["line_id"],
        position=row["position"],
        description=row["description"],
        unit_of_supply=row["unit_of_supply"],
        hs_code=row["hs_code"],
        service_code=row["service_code"],
        vat_category=VATCategory(row["vat_category"]),
        unit_price=from_paisa(row["unit_price_paisa"]),
        supplementary_duty_rate=codec.decimal_out(row["supplementary_duty_rate"]),
        vat_rate=codec.decimal_out(row["vat_rate"]),
        before=figures_out(row, "before_", codec),
        change=figures_out(row, "", codec),
        kind=kind,
    )
