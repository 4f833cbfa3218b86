"""The bill read model in SQL: bills, their lines as the supplier's notes leave them, and the notes.

A supplier's invoice is recorded once per supplier: the command checks it in its transaction, and a UNIQUE
index on the live `bills` table says it again, should two requests get past the check together.
"""

from __future__ import annotations

import builtins
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

import asyncpg

from hisab.event_store.adapters.sql.pages import TenantTable, children_of
from hisab.event_store.adapters.sql.params import Params, placeholders
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.kernel.money import from_paisa, to_paisa
from hisab.kernel.vat import VATCategory
from hisab.purchases.application.bill_ports import BillFilter, BillPage
from hisab.purchases.application.bill_views import (
    BILL_VIEW_EVENTS,
    BillView,
    SupplierNoteView,
    project_bill,
    search_term,
    search_text,
)
from hisab.purchases.application.bills import duplicate_supplier_invoice
from hisab.purchases.domain.bill import BillLineNow
from hisab.purchases.domain.events import (
    BillLine,
    BillOfEntry,
    CreditRefusal,
    InputCredit,
    SupplierNoteKind,
    SupplierNoteLine,
    SupplierNoteRecorded,
    SupplierSnapshot,
)

BILL_COLUMNS = (
    "tenant_id", "bill_id", "sequence", "bill_number", "serial", "fiscal_year", "supplier_party_id",
    "supplier_name", "supplier_address", "supplier_bin", "supplier_tin", "supplier_nid", "supplier_invoice_number",
    "supplier_invoice_date", "received_date", "due_date", "bill_of_entry_number", "bill_of_entry_date",
    "customs_house", "reference", "value_paisa", "supplementary_duty_paisa", "vat_paisa", "creditable_vat_paisa",
    "recorded_by", "recorded_at", "version", "search_text",
)  # fmt: skip
LINE_COLUMNS = (
    "tenant_id", "bill_id", "position", "line_id", "description", "item_id", "hs_code", "service_code", "unit",
    "vat_category", "vat_rate", "claimed", "input_credit", "refusal_rule", "refusal_message", "account_code",
    "project", "recorded_quantity", "recorded_value_paisa", "recorded_supplementary_duty_paisa",
    "recorded_vat_paisa", "quantity", "value_paisa", "supplementary_duty_paisa", "vat_paisa",
    "creditable_vat_paisa",
)  # fmt: skip
NOTE_COLUMNS = (
    "tenant_id", "note_id", "bill_id", "sequence", "kind", "supplier_note_number", "note_date", "reason",
    "value_paisa", "supplementary_duty_paisa", "vat_paisa", "creditable_vat_paisa", "recorded_by", "recorded_at",
)  # fmt: skip
NOTE_LINE_COLUMNS = (
    "tenant_id", "note_id", "position", "bill_id", "line_id", "quantity", "value_paisa", "supplementary_duty_paisa",
    "vat_paisa", "creditable_vat_paisa",
)  # fmt: skip
BILLS = ReadModelTable("bills", BILL_COLUMNS, key=("tenant_id", "bill_id"), noun="bill", reported_key="bill_id")
BILL_LINES = ReadModelTable("bill_lines", LINE_COLUMNS, key=("tenant_id", "bill_id", "position"), noun="bill line",
                            reported_key="bill_id")  # fmt: skip
SUPPLIER_NOTES = ReadModelTable("supplier_notes", NOTE_COLUMNS, key=("tenant_id", "note_id"), noun="supplier note",
                                reported_key="note_id")  # fmt: skip
SUPPLIER_NOTE_LINES = ReadModelTable(
    "supplier_note_lines", NOTE_LINE_COLUMNS, key=("tenant_id", "note_id", "position"), noun="supplier note line",
    reported_key="note_id",
)  # fmt: skip
_TABLE = TenantTable(BILLS.name, BILL_COLUMNS, "bill_id")

Reading = Callable[[str, str], AbstractAsyncContextManager[SqlSession]]


class SqlBillProjection:
    name = "bills"
    follows = BILL_VIEW_EVENTS
    tables: tuple[ReadModelTable, ...] = (BILLS, BILL_LINES, SUPPLIER_NOTES, SUPPLIER_NOTE_LINES)

    async def apply(self, tables: SqlSession, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        """The bill's row and its lines again (a note changes their figures); a new note's rows once."""
        view = project_bill(stream)
        codec = tables.codec
        try:
            await tables.fetch(_upsert(tables, BILLS, 2), _bill_row(view, codec))
        except (asyncpg.UniqueViolationError, sqlite3.IntegrityError) as error:
            # The upsert settles a conflict on the key: the only unique index left is the supplier invoice's.
            if isinstance(error, sqlite3.IntegrityError) and "UNIQUE" not in str(error):
                raise
            raise duplicate_supplier_invoice(view.supplier.name, view.supplier_invoice_number, None) from error
        upsert_line = _upsert(tables, BILL_LINES, 3)
        for line in view.lines:
            await tables.fetch(upsert_line, _line_row(view, line, codec))
        noted = {s.event.note_id for s in new if isinstance(s.event, SupplierNoteRecorded)}
        insert_note = _insert(tables, SUPPLIER_NOTES)
        insert_note_line = _insert(tables, SUPPLIER_NOTE_LINES)
        for note in view.notes:
            if note.note_id not in noted:
                continue
            await tables.fetch(insert_note, _note_row(view.tenant_id, note, codec))
            for position, change in enumerate(note.lines, start=1):
                await tables.fetch(insert_note_line, _note_line_row(view.tenant_id, note, position, change, codec))


class SqlBillTables:
    async def bill_number_of_supplier_invoice(
        self, tables: SqlSession, tenant_id: str, supplier_party_id: str, supplier_invoice_number: str
    ) -> str | None:
        params = tables.params()
        sql = (
            f"SELECT bill_number FROM {tables.table(BILLS.name)} WHERE tenant_id = {params.add(tenant_id)} "
            f"AND supplier_party_id = {params.add(supplier_party_id)} "
            f"AND supplier_invoice_number = {params.add(supplier_invoice_number)}"
        )
        rows = await tables.fetch(sql, params.values)
        return rows[0]["bill_number"] if rows else None


class SqlBillQueries:
    def __init__(self, reading: Reading) -> None:
        self._reading = reading

    async def get(self, tenant_id: str, bill_id: str) -> BillView | None:
        async with self._reading(tenant_id, "bills.get") as session:
            row = await _TABLE.get(session, tenant_id, bill_id)
            views = await _with_children(session, tenant_id, [row] if row is not None else [])
        return views[0] if views else None

    async def list(self, tenant_id: str, filter: BillFilter, first: int, after_sequence: int | None) -> BillPage:
        async with self._reading(tenant_id, "bills.list") as session:
            page = await _TABLE.page(
                session, lambda params: _where(params, session.codec, tenant_id, filter), first, after_sequence
            )
            views = await _with_children(session, tenant_id, page.rows)
        return BillPage(views, has_next_page=page.has_next_page, total_count=page.total_count)


def _where(params: Params, codec: ValueCodec, tenant_id: str, where: BillFilter) -> str:
    conditions = [f"tenant_id = {params.add(tenant_id)}"]
    if where.supplier_party_id is not None:
        conditions.append(f"supplier_party_id = {params.add(where.supplier_party_id)}")
    if where.date_from is not None:
        conditions.append(f"received_date >= {params.add(codec.date_in(where.date_from))}")
    if where.date_to is not None:
        conditions.append(f"received_date <= {params.add(codec.date_in(where.date_to))}")
    if where.search and search_term(where.search):
        conditions.append(params.contains("search_text", search_term(where.search)))
    return " AND ".join(conditions)


def _upsert(tables: SqlSession, table: ReadModelTable, key_length: int) -> str:
    updates = ", ".join(f"{column} = excluded.{column}" for column in table.columns[key_length:])
    return (
        f"INSERT INTO {tables.table(table.name)} ({', '.join(table.columns)}) "
        f"VALUES ({placeholders(tables.style, len(table.columns))}) "
        f"ON CONFLICT ({', '.join(table.key)}) DO UPDATE SET {updates}"
    )


def _insert(tables: SqlSession, table: ReadModelTable) -> str:
    return (
        f"INSERT INTO {tables.table(table.name)} ({', '.join(table.columns)}) "
        f"VALUES ({placeholders(tables.style, len(table.columns))})"
    )


def _bill_row(view: BillView, codec: ValueCodec) -> tuple[Any, ...]:
    supplier, entry = view.supplier, view.bill_of_entry
    return (
        view.tenant_id, view.bill_id, view.sequence, view.bill_number, view.serial, view.fiscal_year,
        supplier.party_id, supplier.name, supplier.address, supplier.bin, supplier.tin, supplier.nid,
        view.supplier_invoice_number, codec.date_in(view.supplier_invoice_date), codec.date_in(view.received_date),
        codec.date_in(view.due_date), entry.number if entry else None,
        codec.date_in(entry.entry_date) if entry else None, entry.customs_house if entry else None, view.reference,
        to_paisa(view.value), to_paisa(view.supplementary_duty), to_paisa(view.vat), to_paisa(view.creditable_vat),
        view.recorded_by, codec.datetime_in(view.recorded_at), view.version, search_text(view),
    )  # fmt: skip


def _line_row(view: BillView, line: BillLineNow, codec: ValueCodec) -> tuple[Any, ...]:
    r, refusal = line.recorded, line.recorded.refusal
    return (
        view.tenant_id, view.bill_id, r.position, r.line_id, r.description, r.item_id, r.hs_code, r.service_code,
        r.unit, r.vat_category.value, codec.decimal_in(r.vat_rate), r.claimed.value, r.input_credit.value,
        refusal.rule if refusal else None, refusal.message if refusal else None, r.account_code, r.project,
        codec.decimal_in(r.quantity), to_paisa(r.value), to_paisa(r.supplementary_duty), to_paisa(r.vat),
        codec.decimal_in(line.quantity), to_paisa(line.value), to_paisa(line.supplementary_duty), to_paisa(line.vat),
        to_paisa(line.creditable_vat),
    )  # fmt: skip


def _note_row(tenant_id: str, note: SupplierNoteView, codec: ValueCodec) -> tuple[Any, ...]:
    return (
        tenant_id, note.note_id, note.bill_id, note.sequence, note.kind.value, note.supplier_note_number,
        codec.date_in(note.note_date), note.reason, to_paisa(note.value), to_paisa(note.supplementary_duty),
        to_paisa(note.vat), to_paisa(note.creditable_vat), note.recorded_by, codec.datetime_in(note.recorded_at),
    )  # fmt: skip


def _note_line_row(
    tenant_id: str, note: SupplierNoteView, position: int, change: SupplierNoteLine, codec: ValueCodec
) -> tuple[Any, ...]:
    quantity = codec.decimal_in(change.quantity) if change.quantity is not None else None
    return (
        tenant_id, note.note_id, position, note.bill_id, change.line_id, quantity, to_paisa(change.value),
        to_paisa(change.supplementary_duty), to_paisa(change.vat), to_paisa(change.creditable_vat),
    )  # fmt: skip


async def _with_children(session: SqlSession, tenant_id: str, rows: Sequence[Row]) -> builtins.list[BillView]:
    """Each bill with its lines and notes, those of the whole page read in three queries."""
    if not rows:
        return []
    ids = [row["bill_id"] for row in rows]
    lines = await children_of(session, BILL_LINES.name, LINE_COLUMNS, tenant_id, "bill_id", ids, "bill_id, position")
    notes = await children_of(session, SUPPLIER_NOTES.name, NOTE_COLUMNS, tenant_id, "bill_id", ids, "sequence")
    note_ids = [note["note_id"] for found in notes.values() for note in found]
    changes: dict[str, builtins.list[Row]] = {}
    if note_ids:
        changes = await children_of(
            session, SUPPLIER_NOTE_LINES.name, NOTE_LINE_COLUMNS, tenant_id, "note_id", note_ids, "note_id, position"
        )
    codec = session.codec
    return [
        _bill(
            row,
            lines.get(row["bill_id"], []),
            [_note(note, changes.get(note["note_id"], []), codec) for note in notes.get(row["bill_id"], [])],
            codec,
        )
        for row in rows
    ]


def _bill(row: Row, lines: Sequence[Row], notes: Sequence[SupplierNoteView], codec: ValueCodec) -> BillView:
    entry = (
        BillOfEntry(row["bill_of_entry_number"], codec.date_out(row["bill_of_entry_date"]), row["customs_house"])
        if row["bill_of_entry_number"] is not None
        else None
    )
    supplier = SupplierSnapshot(row["supplier_party_id"], row["supplier_name"], row["supplier_address"],
                                row["supplier_bin"], row["supplier_tin"], row["supplier_nid"])  # fmt: skip
    return BillView(
        tenant_id=row["tenant_id"],
        bill_id=row["bill_id"],
        sequence=row["sequence"],
        bill_number=row["bill_number"],
        serial=row["serial"],
        fiscal_year=row["fiscal_year"],
        supplier=supplier,
        supplier_invoice_number=row["supplier_invoice_number"],
        supplier_invoice_date=codec.date_out(row["supplier_invoice_date"]),
        received_date=codec.date_out(row["received_date"]),
        due_date=codec.date_out(row["due_date"]),
        bill_of_entry=entry,
        reference=row["reference"],
        lines=tuple(_line(line, codec) for line in lines),
        notes=tuple(notes),
        recorded_by=row["recorded_by"],
        recorded_at=codec.datetime_out(row["recorded_at"]),
        version=row["version"],
    )


def _line(row: Row, codec: ValueCodec) -> BillLineNow:
    refusal = CreditRefusal(row["refusal_rule"], row["refusal_message"]) if row["refusal_rule"] is not None else None
    recorded = BillLine(
        line_id=row["line_id"],
        position=row["position"],
        description=row["description"],
        item_id=row["item_id"],
        hs_code=row["hs_code"],
        service_code=row["service_code"],
        quantity=codec.decimal_out(row["recorded_quantity"]),
        unit=row["unit"],
        value=from_paisa(row["recorded_value_paisa"]),
        supplementary_duty=from_paisa(row["recorded_supplementary_duty_paisa"]),
        vat=from_paisa(row["recorded_vat_paisa"]),
        vat_category=VATCategory(row["vat_category"]),
        vat_rate=codec.decimal_out(row["vat_rate"]),
        claimed=InputCredit(row["claimed"]),
        input_credit=InputCredit(row["input_credit"]),
        refusal=refusal,
        account_code=row["account_code"],
        project=row["project"],
    )
    return BillLineNow(
        recorded,
        codec.decimal_out(row["quantity"]),
        from_paisa(row["value_paisa"]),
        from_paisa(row["supplementary_duty_paisa"]),
        from_paisa(row["vat_paisa"]),
        from_paisa(row["creditable_vat_paisa"]),
    )


def _note(row: Row, lines: Sequence[Row], codec: ValueCodec) -> SupplierNoteView:
    changes = tuple(
        SupplierNoteLine(
            line["line_id"],
            codec.decimal_out(line["quantity"]) if line["quantity"] is not None else None,
            from_paisa(line["value_paisa"]),
            from_paisa(line["supplementary_duty_paisa"]),
            from_paisa(line["vat_paisa"]),
            from_paisa(line["creditable_vat_paisa"]),
        )
        for line in lines
    )
    return SupplierNoteView(
        bill_id=row["bill_id"],
        note_id=row["note_id"],
        sequence=row["sequence"],
        kind=SupplierNoteKind(row["kind"]),
        supplier_note_number=row["supplier_note_number"],
        note_date=codec.date_out(row["note_date"]),
        reason=row["reason"],
        lines=changes,
        recorded_by=row["recorded_by"],
        recorded_at=codec.datetime_out(row["recorded_at"]),
    )
