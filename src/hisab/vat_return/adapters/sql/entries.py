"""The return entries in SQL: the projection that keeps `vat_return_entries`, and the queries of the return and
the registers.

Whenever a document's stream changes, its entries are computed again from the whole stream (entry_rules) and
replace the ones it had: a stream's entries are few, and a replacement cannot leave an entry a later event
undid. Amounts are integer paisa, so a note's sum over a quarter is one exact GROUP BY.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date
from typing import Any

from hisab.event_store.adapters.sql.params import Params, placeholders
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.invoicing.domain.events import InvoiceApproved, InvoiceCancelled
from hisab.invoicing.domain.note_events import CreditNoteIssued, DebitNoteIssued
from hisab.kernel.money import from_paisa, to_paisa
from hisab.purchases.domain.events import BillRecorded, PaymentRecorded, SupplierNoteRecorded
from hisab.receivables.domain.events import (
    ChequeBounced,
    ReceiptRecorded,
    ReceiptReversed,
    WithholdingCertificateRecorded,
)
from hisab.vat_return.application.entry_ports import NoteSum
from hisab.vat_return.application.register_views import DocumentSum, RegisterEntryPage, RegisterKey
from hisab.vat_return.domain.entries import Counterparty, DocumentType, Register, ReturnEntry
from hisab.vat_return.domain.entry_rows import PositionedEntry
from hisab.vat_return.domain.entry_rules import entries_of

Reading = Callable[[str, str], AbstractAsyncContextManager[SqlSession]]

ENTRY_COLUMNS = (
    "tenant_id", "document_type", "document_id", "line_id", "stream_id", "position", "entry_date", "document_number",
    "document_date", "issued_at", "reference", "reference_date", "party_id", "counterparty_name",
    "counterparty_address", "counterparty_bin", "counterparty_nid", "description", "code", "quantity", "unit",
    "value_paisa", "supplementary_duty_paisa", "vat_paisa", "creditable_vat_paisa", "vat_category", "vat_rate",
    "imported", "note", "register",
)  # fmt: skip
ENTRIES = ReadModelTable(
    "vat_return_entries", ENTRY_COLUMNS, key=("tenant_id", "document_type", "document_id", "line_id"),
    noun="return entry", reported_key="document_id",
)  # fmt: skip
# The events that give a document entries, or change them; a stream that has none of them has no entries.
ENTRY_EVENTS: frozenset[type[DomainEvent]] = frozenset(
    {
        InvoiceApproved, InvoiceCancelled, CreditNoteIssued, DebitNoteIssued, BillRecorded, SupplierNoteRecorded,
        PaymentRecorded, ReceiptRecorded, WithholdingCertificateRecorded, ChequeBounced, ReceiptReversed,
    }
)  # fmt: skip
# The order of the registers and of every list of entries: by day, document, and line within it.
_ORDER = ("entry_date", "document_number", "document_type", "document_id", "position")
_AMOUNTS = ("value_paisa", "supplementary_duty_paisa", "vat_paisa", "creditable_vat_paisa")
_SUMS = ", ".join(f"sum({column})" for column in _AMOUNTS)


class SqlReturnEntryProjection:
    name = "vat_return_entries"
    follows = ENTRY_EVENTS
    tables: tuple[ReadModelTable, ...] = (ENTRIES,)

    async def apply(self, tables: SqlSession, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        tenant_id, stream_id = stream[0].metadata.tenant_id, stream[0].stream_id
        table = tables.table(ENTRIES.name)
        params = tables.params()
        await tables.fetch(
            f"DELETE FROM {table} WHERE tenant_id = {params.add(tenant_id)} AND stream_id = {params.add(stream_id)}",
            params.values,
        )
        insert = (
            f"INSERT INTO {table} ({', '.join(ENTRY_COLUMNS)}) "
            f"VALUES ({placeholders(tables.style, len(ENTRY_COLUMNS))})"
        )
        for positioned in entries_of([s.event for s in stream]):
            await tables.fetch(insert, _row(tables, tenant_id, stream_id, positioned))


def _row(tables: SqlSession, tenant_id: str, stream_id: str, positioned: PositionedEntry) -> tuple[Any, ...]:
    codec, entry = tables.codec, positioned.entry
    party = entry.counterparty
    return (
        tenant_id, entry.document_type.value, entry.document_id, entry.line_id, stream_id, positioned.position,
        codec.date_in(entry.entry_date), entry.document_number, codec.date_in(entry.document_date),
        codec.datetime_in(entry.issued_at) if entry.issued_at else None, entry.reference,
        codec.date_in(entry.reference_date) if entry.reference_date else None, party.party_id, party.name,
        party.address, party.bin, party.nid, entry.description, entry.code,
        codec.decimal_in(entry.quantity) if entry.quantity is not None else None, entry.unit,
        to_paisa(entry.value), to_paisa(entry.supplementary_duty), to_paisa(entry.vat),
        to_paisa(entry.creditable_vat), entry.vat_category,
        codec.decimal_in(entry.vat_rate) if entry.vat_rate is not None else None, entry.imported, entry.note,
        entry.register.value if entry.register else None,
    )  # fmt: skip


def _entry(row: Row, session: SqlSession) -> PositionedEntry:
    codec = session.codec
    quantity, rate, issued_at = row["quantity"], row["vat_rate"], row["issued_at"]
    reference_date = row["reference_date"]
    entry = ReturnEntry(
        document_type=DocumentType(row["document_type"]),
        document_id=row["document_id"],
        line_id=row["line_id"],
        entry_date=codec.date_out(row["entry_date"]),
        document_number=row["document_number"],
        document_date=codec.date_out(row["document_date"]),
        issued_at=codec.datetime_out(issued_at) if issued_at is not None else None,
        reference=row["reference"],
        reference_date=codec.date_out(reference_date) if reference_date is not None else None,
        counterparty=Counterparty(
            row["party_id"],
            row["counterparty_name"],
            row["counterparty_address"],
            row["counterparty_bin"],
            row["counterparty_nid"],
        ),
        description=row["description"],
        code=row["code"],
        quantity=codec.decimal_out(quantity) if quantity is not None else None,
        unit=row["unit"],
        value=from_paisa(row["value_paisa"]),
        supplementary_duty=from_paisa(row["supplementary_duty_paisa"]),
        vat=from_paisa(row["vat_paisa"]),
        creditable_vat=from_paisa(row["creditable_vat_paisa"]),
        vat_category=row["vat_category"],
        vat_rate=codec.decimal_out(rate) if rate is not None else None,
        imported=bool(row["imported"]),
        note=row["note"],
        register=Register(row["register"]) if row["register"] is not None else None,
    )
    return PositionedEntry(entry, row["position"])


def _period(params: Params, session: SqlSession, tenant_id: str, start: date, end: date) -> str:
    codec = session.codec
    return (
        f"tenant_id = {params.add(tenant_id)} AND entry_date >= {params.add(codec.date_in(start))} "
        f"AND entry_date <= {params.add(codec.date_in(end))}"
    )


def _after(params: Params, session: SqlSession, key: RegisterKey, *, inclusive: bool = False) -> str:
    """Rows after the key in register order (row-value comparison: PostgreSQL and SQLite 3.15+ both have it)."""
    values = (session.codec.date_in(key.entry_date), key.document_number, key.document_type, key.document_id,
              key.position)  # fmt: skip
    operator = "<=" if inclusive else ">"
    return f"({', '.join(_ORDER)}) {operator} ({', '.join(params.add(value) for value in values)})"


def _note_sum(row: Row) -> NoteSum:
    value, duty, vat, creditable = (from_paisa(int(row[n])) for n in range(1, 5))
    return NoteSum(int(row[0]), value, duty, vat, creditable, int(row[5]))


class SqlReturnEntryQueries:
    def __init__(self, reading: Reading) -> None:
        self._reading = reading

    async def note_sums(self, tenant_id: str, start: date, end: date) -> dict[int, NoteSum]:
        async with self._reading(tenant_id, "vat_return_entries.note_sums") as session:
            params = session.params()
            sql = (
                f"SELECT note, {_SUMS}, count(*) FROM vat_return_entries "
                f"WHERE {_period(params, session, tenant_id, start, end)} GROUP BY note"
            )
            rows = await session.fetch(sql, params.values)
        return {row[0]: _note_sum(row) for row in rows}

    async def entries(
        self,
        tenant_id: str,
        start: date,
        end: date,
        *,
        notes: frozenset[int] | None = None,
        register: Register | None = None,
        per_note: int | None = None,
    ) -> list[ReturnEntry]:
        async with self._reading(tenant_id, "vat_return_entries.entries") as session:
            params = session.params()
            where = _period(params, session, tenant_id, start, end)
            if notes is not None:
                where += f" AND {params.is_in('note', sorted(notes))}"
            if register is not None:
                where += f" AND register = {params.add(register.value)}"
            columns, order = ", ".join(ENTRY_COLUMNS), ", ".join(_ORDER)
            sql = f"SELECT {columns} FROM vat_return_entries WHERE {where} ORDER BY {order}"
            if per_note is not None:
                # A quarter of 100,000 documents has over 200,000 entries; a sub-form's first page is a few of
                # each note, read off the sub-form index note by note rather than sorted out of the period.
                chosen = sorted(notes) if notes is not None else await self._notes(session, tenant_id, start, end)
                if not chosen:
                    return []
                params = session.params()
                firsts = [
                    f"SELECT * FROM (SELECT {columns} FROM vat_return_entries WHERE "
                    f"{_period(params, session, tenant_id, start, end)} AND note = {params.add(note)}"
                    f"{'' if register is None else f' AND register = {params.add(register.value)}'} "
                    f"ORDER BY {order} LIMIT {params.add(per_note)}) n{note}"
                    for note in chosen
                ]
                sql = f"SELECT {columns} FROM ({' UNION ALL '.join(firsts)}) firsts ORDER BY {order}"
            rows = await session.fetch(sql, params.values)
            return [_entry(row, session).entry for row in rows]

    async def _notes(self, session: SqlSession, tenant_id: str, start: date, end: date) -> list[int]:
        params = session.params()
        sql = f"SELECT DISTINCT note FROM vat_return_entries WHERE {_period(params, session, tenant_id, start, end)}"
        return sorted(row[0] for row in await session.fetch(sql, params.values))

    async def documents(self, tenant_id: str, start: date, end: date) -> dict[DocumentType, int]:
        async with self._reading(tenant_id, "vat_return_entries.documents") as session:
            params = session.params()
            sql = (
                "SELECT document_type, count(DISTINCT document_id) FROM vat_return_entries "
                f"WHERE {_period(params, session, tenant_id, start, end)} GROUP BY document_type"
            )
            rows = await session.fetch(sql, params.values)
        return {DocumentType(row[0]): int(row[1]) for row in rows}

    async def register_page(
        self, tenant_id: str, register: Register, start: date, end: date, first: int, after: RegisterKey | None
    ) -> RegisterEntryPage:
        async with self._reading(tenant_id, "vat_return_entries.register") as session:

            def book(params: Params) -> str:
                return f"{_period(params, session, tenant_id, start, end)} AND register = {params.add(register.value)}"

            page, counting = session.params(), session.params()
            where = book(page) + (f" AND {_after(page, session, after)}" if after is not None else "")
            sql = (
                f"SELECT {', '.join(ENTRY_COLUMNS)} FROM vat_return_entries WHERE {where} "
                f"ORDER BY {', '.join(_ORDER)} LIMIT {page.add(first + 1)}"
            )
            rows = await session.fetch(sql, page.values)
            counted = await session.fetch(
                f"SELECT count(*) FROM vat_return_entries WHERE {book(counting)}", counting.values
            )
            before = 0
            if after is not None:
                earlier = session.params()
                condition = f"{book(earlier)} AND {_after(earlier, session, after, inclusive=True)}"
                sql = f"SELECT count(*) FROM vat_return_entries WHERE {condition}"
                found = await session.fetch(sql, earlier.values)
                before = int(found[0][0])
            entries = [_entry(row, session) for row in rows[:first]]
        return RegisterEntryPage(entries, len(rows) > first, int(counted[0][0]), before)

    async def register_sums(self, tenant_id: str, register: Register, start: date, end: date) -> list[DocumentSum]:
        async with self._reading(tenant_id, "vat_return_entries.register_sums") as session:
            params = session.params()
            where = f"{_period(params, session, tenant_id, start, end)} AND register = {params.add(register.value)}"
            sql = f"SELECT document_type, {_SUMS} FROM vat_return_entries WHERE {where} GROUP BY document_type"
            rows = await session.fetch(sql, params.values)
        return [DocumentSum(DocumentType(row[0]), *(from_paisa(int(row[n])) for n in range(1, 5))) for row in rows]
