"""`hisab bench seed`: realistic invoices at scale, written the way the service writes them.

Every invoice is validated, numbered from the tenant's gapless counters, opened (and every
third one approved under a Mushak-6.3 serial, every fourth of those then partly credited by a
Mushak-6.7 in the credit-note series) by the domain, appended to the event store, and
projected by the same projection and row code the service uses; each issued invoice also gets
its receivables balance row (issue 14), open and unpaid, as the receivables projection writes it, and its
return entries (issue 15), as the return entries projection writes them.
Only the batching differs: a batch of invoices of one tenant and one date is one transaction of
a handful of array statements (and a statement per balance row) instead of thousands of small
ones. It runs as the service role, under row-level security (COPY is refused on tables with
row-level security, so it inserts from arrays).
Like the seeded approvals, the seeded credit notes post nothing to the books: the seeder writes
the invoices' streams and read model, not the ledger's reactions (the bench's own approvals and
notes over HTTP do post).
"""

from __future__ import annotations

import asyncio
import itertools
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import asyncpg

from hisab.event_store.adapters.codec import encode_event
from hisab.event_store.adapters.postgres.transaction import NATIVE, session, set_tenant
from hisab.event_store.messages import DomainEvent, EventMetadata, StoredEvent
from hisab.invoicing.adapters.sql.notes import NOTE_COLUMNS, NOTE_LINE_COLUMNS, note_line_row, note_row
from hisab.invoicing.adapters.sql.rows import INVOICE_COLUMNS, LINE_COLUMNS, invoice_row, line_row
from hisab.invoicing.application.note_views import project_notes
from hisab.invoicing.application.views import project
from hisab.invoicing.domain.draft import InvoiceDraft, LineInput, ValidDraft, validate_draft
from hisab.invoicing.domain.invoice import Invoice, open_invoice
from hisab.invoicing.domain.note_events import CreditNoteIssued, NoteIssued
from hisab.invoicing.domain.notes import CreditReason, NoteKind, NoteLineInput, NoteRequest, NoteTerms, validate_note
from hisab.invoicing.domain.numbering import (
    format_invoice_number,
    format_mushak_number,
    format_note_number,
    invoice_number_series,
    mushak_series,
    note_series,
)
from hisab.kernel.fiscal_year import BANGLADESH_TIME, FiscalYear
from hisab.kernel.vat import RateTable, VATCategory
from hisab.receivables.adapters.sql.projection import SqlReceivablesProjection
from hisab.vat_return.adapters.sql.entries import SqlReturnEntryProjection

MAKER, CHECKER = "seed-maker", "seed-checker"
ISSUING_UNIT = "HO"
FIRST_DAY = date(2024, 7, 1)  # the start of fiscal year 2024-25; a batch's date cycles through it
_CATEGORIES = (VATCategory.STANDARD, VATCategory.REDUCED, VATCategory.ZERO_RATED, VATCategory.TRUNCATED)
_BUMP = (
    "INSERT INTO counters (tenant_id, series, value) VALUES ($1, $2, $3) "
    "ON CONFLICT (tenant_id, series) DO UPDATE SET value = counters.value + excluded.value RETURNING value"
)
# As the event store's own append: the transaction takes its id before any position is handed
# out, and every event carries it, which the outbox relay's gap-safe tailing relies on.
_EVENTS = """
WITH txn AS MATERIALIZED (SELECT pg_current_xact_id() AS id)
INSERT INTO events (event_id, tenant_id, stream_id, version, event_type, payload, user_id, correlation_id, occurred_at,
                    transaction_id)
SELECT e.event_id, $1, e.stream_id, e.version, e.event_type, e.payload::jsonb, e.user_id, $2, $3, txn.id
FROM txn, unnest($4::uuid[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[])
    WITH ORDINALITY AS e(event_id, stream_id, version, event_type, payload, user_id, n)
ORDER BY e.n
RETURNING event_id, position
"""
# Our row tuples' columns, per table the seeder writes.
_COLUMNS = {
    "invoices": INVOICE_COLUMNS, "invoice_lines": LINE_COLUMNS,
    "invoice_notes": NOTE_COLUMNS, "invoice_note_lines": NOTE_LINE_COLUMNS,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class SeedPlan:
    invoices: int
    tenants: int
    batch: int = 2000
    approve_every: int = 3
    # Of the issued invoices, every fourth gets a credit note (issue 13): notes to list and invoices to read.
    credit_every: int = 4
    connections: int = 2

    def issued(self, n: int) -> bool:
        """Whether the batch's `n`th invoice is approved (issued as a tax invoice)."""
        return n % self.approve_every == 0

    def credited(self, n: int) -> bool:
        """Whether the batch's `n`th invoice, issued, then gets a credit note."""
        return n % (self.approve_every * self.credit_every) == 0

    def shape(self, size: int) -> tuple[int, int]:
        """Of a batch of `size` invoices: how many are issued, and how many get a credit note."""
        return len(range(0, size, self.approve_every)), len(range(0, size, self.approve_every * self.credit_every))

    def totals(self) -> tuple[int, int]:
        """Issued invoices and credit notes over the whole plan."""
        shapes = [self.shape(size) for _, _, size in self.batches()]
        return sum(issued for issued, _ in shapes), sum(credits for _, credits in shapes)

    def batches(self) -> list[tuple[str, int, int]]:
        """(tenant, batch number, size): each tenant gets its share, in batches of at most `batch`."""
        planned = []
        for t in range(self.tenants):
            share = self.invoices // self.tenants + (1 if t < self.invoices % self.tenants else 0)
            for number, start in enumerate(range(0, share, self.batch)):
                planned.append((tenant_name(t), number, min(self.batch, share - start)))
        return planned


def tenant_name(index: int) -> str:
    return f"seed-{index:04d}"


def seed_draft(day: date, n: int) -> InvoiceDraft:
    """One to three lines of construction supplies, in varied VAT categories and customers."""
    lines = tuple(
        LineInput(
            f"Construction material #{k}",
            Decimal(10 + (n + k) % 90),
            Decimal("1250.50") + k,
            vat_category=_CATEGORIES[(n + k) % len(_CATEGORIES)],
            supplementary_duty_rate=Decimal("0.1") if (n + k) % 7 == 0 else None,
            unit_of_supply="pcs",
        )
        for k in range(1 + n % 3)
    )
    return InvoiceDraft(f"vendor-{n % 7:02d}", f"customer-{n % 500:04d}", day, day + timedelta(days=30), lines)


def seed_credit(line_ids: Sequence[str], k: int, day: date) -> NoteRequest:
    """The `k`th seeded credit note, partial, in turn: a return of 1–3 units of the first line, a price
    reduction of 500.00 on the last, or a shortfall of 2 units on every line. A seeded line has at
    least 10 units worth 12,505.00, so each leaves the invoice something to credit later."""
    variant = k % 3
    lines: tuple[NoteLineInput, ...]
    if variant == 0:
        reason, lines = CreditReason.RETURN, (NoteLineInput(line_ids[0], quantity=Decimal(1 + k % 3)),)
    elif variant == 1:
        reason, lines = CreditReason.PRICE_REDUCTION, (NoteLineInput(line_ids[-1], amount=Decimal("500.00")),)
    else:
        reason, lines = CreditReason.QUANTITY_SHORTFALL, tuple(NoteLineInput(i, quantity=Decimal(2)) for i in line_ids)
    return NoteRequest(NoteKind.CREDIT, day, reason.value, f"Seeded {reason.value.lower()} {k}", lines)


@dataclass(frozen=True, slots=True)
class BatchSerials:
    """The first of each series a batch took a block of: invoice numbers, Mushak-6.3 and Mushak-6.7 serials."""

    invoice_number: int
    mushak: int
    credit_note: int


def batch_streams(
    plan: SeedPlan, day: date, drafts: Sequence[ValidDraft], first: BatchSerials, issued_at: datetime
) -> list[tuple[str, list[DomainEvent]]]:
    """Each invoice's events: opened, and as the plan says approved, then credited, under consecutive serials."""
    fiscal_year = FiscalYear.of_moment(issued_at)
    serials, note_serials = itertools.count(first.mushak), itertools.count(first.credit_note)
    streams: list[tuple[str, list[DomainEvent]]] = []
    for n, draft in enumerate(drafts):
        invoice_id = str(uuid.uuid4())
        events: list[DomainEvent] = [
            *open_invoice(draft, invoice_id, format_invoice_number(day, first.invoice_number + n))
        ]
        if plan.issued(n):
            invoice = Invoice.from_events(invoice_id, events)
            serial = next(serials)
            events.append(invoice.approve(format_mushak_number(ISSUING_UNIT, fiscal_year, serial), serial, issued_at))
            if plan.credited(n):
                invoice.apply(events[-1])
                events.append(_credit_note(invoice, next(note_serials), issued_at))
        streams.append((invoice_id, events))
    return streams


def _credit_note(invoice: Invoice, serial: int, issued_at: datetime) -> NoteIssued:
    """The invoice's seeded credit note, dated on its day of issue, as the service validates and records one."""
    day = issued_at.astimezone(BANGLADESH_TIME).date()
    request = seed_credit([line.line_id for line in invoice.lines], serial, day)
    note = validate_note(request, invoice.adjustable_lines(), NoteTerms(day, day))
    number = format_note_number(ISSUING_UNIT, NoteKind.CREDIT, FiscalYear.of(day), serial)
    return invoice.issue_note(NoteKind.CREDIT, str(uuid.uuid4()), note, number, serial, issued_at)


async def seed(url: str, plan: SeedPlan, rates: RateTable, report: Callable[[int], None]) -> float:
    """Load the plan's invoices through `url` (the service role); return the seconds it took."""
    started = time.perf_counter()
    pool = await asyncpg.create_pool(url, min_size=plan.connections, max_size=plan.connections)
    try:
        layouts = {table: await _layout(pool, table) for table in _COLUMNS}
        pending = iter(plan.batches())

        async def worker() -> None:
            for tenant, number, size in pending:
                async with pool.acquire() as connection:
                    await _batch(connection, tenant, number, size, plan, rates, layouts)
                report(size)

        await asyncio.gather(*(worker() for _ in range(plan.connections)))
    finally:
        await pool.close()
    return time.perf_counter() - started


async def _layout(pool: asyncpg.Pool, table: str) -> list[int]:
    """Where each column of our row tuples sits in the table's own row type."""
    names = [
        row["attname"]
        for row in await pool.fetch(
            "SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 "
            "AND NOT attisdropped ORDER BY attnum",
            table,
        )
    ]
    return [_COLUMNS[table].index(name) for name in names]


async def _batch(
    connection: asyncpg.Connection,
    tenant: str,
    number: int,
    size: int,
    plan: SeedPlan,
    rates: RateTable,
    layouts: dict[str, list[int]],
) -> None:
    day = FIRST_DAY + timedelta(days=number % 365)
    drafts = [validate_draft(seed_draft(day, number * size + n), rates) for n in range(size)]
    issued_at = datetime.now(BANGLADESH_TIME)
    fiscal_year = FiscalYear.of_moment(issued_at)
    approvals, credits = plan.shape(size)
    async with connection.transaction():
        await set_tenant(connection, tenant)
        last_number = await connection.fetchval(_BUMP, tenant, invoice_number_series(day), size)
        last_serial = await connection.fetchval(_BUMP, tenant, mushak_series(fiscal_year), approvals)
        last_note = await connection.fetchval(_BUMP, tenant, note_series(NoteKind.CREDIT, fiscal_year), credits)
        first = BatchSerials(last_number - size + 1, last_serial - approvals + 1, last_note - credits + 1)
        streams = batch_streams(plan, day, drafts, first, issued_at)
        histories = await _append(connection, tenant, streams, issued_at.astimezone(UTC))
        views = [project(history) for history in histories]
        await _insert(connection, "invoices", [invoice_row(v, NATIVE) for v in views], layouts)
        await _insert(
            connection, "invoice_lines", [line_row(v, line, NATIVE) for v in views for line in v.lines], layouts
        )
        noted = [history for history in histories if any(isinstance(s.event, CreditNoteIssued) for s in history)]
        notes = [note for history in noted for note in project_notes(history)]
        await _insert(connection, "invoice_notes", [note_row(note, NATIVE) for note in notes], layouts)
        note_lines = [note_line_row(note, line, NATIVE) for note in notes for line in note.lines]
        await _insert(connection, "invoice_note_lines", note_lines, layouts)
        await _balances(connection, histories)


async def _balances(connection: asyncpg.Connection, histories: Sequence[Sequence[StoredEvent]]) -> None:
    """Each issued invoice's balance row (issue 14), open and unpaid, and its return entries (issue 15), by the
    service's own projections: they skip an invoice that was never issued. A few statements an invoice, unlike
    the arrays above."""
    tables = session(connection)
    for projection in (SqlReceivablesProjection(), SqlReturnEntryProjection()):
        for history in histories:
            await projection.apply(tables, history, history)


async def _append(
    connection: asyncpg.Connection, tenant: str, streams: list[tuple[str, list[DomainEvent]]], at: datetime
) -> list[list[StoredEvent]]:
    """Append every stream's events in one statement; return each stream as it was stored."""
    flat = [(stream_id, version, event) for stream_id, events in streams for version, event in enumerate(events, 1)]
    ids = [uuid.uuid4() for _ in flat]
    users = [MAKER if version == 1 else CHECKER for _, version, _ in flat]
    correlation_id = f"seed-{uuid.uuid4()}"
    rows = await connection.fetch(
        _EVENTS, tenant, correlation_id, at, ids, [s for s, _, _ in flat], [v for _, v, _ in flat],
        [e.event_type for _, _, e in flat], [encode_event(e) for _, _, e in flat], users,
    )  # fmt: skip
    positions = {row["event_id"]: row["position"] for row in rows}
    stored: dict[str, list[StoredEvent]] = {}
    for event_id, (stream_id, version, event), user in zip(ids, flat, users, strict=True):
        metadata = EventMetadata(tenant, user, correlation_id, at)
        stored.setdefault(stream_id, []).append(
            StoredEvent(str(event_id), stream_id, version, positions[event_id], event, metadata)
        )
    return list(stored.values())


async def _insert(
    connection: asyncpg.Connection, table: str, rows: Sequence[tuple[Any, ...]], layouts: dict[str, list[int]]
) -> None:
    """Insert rows as one array of the table's row type (asyncpg encodes the records)."""
    order = layouts[table]
    records = [tuple(row[i] for i in order) for row in rows]
    await connection.execute(f"INSERT INTO {table} SELECT * FROM unnest($1::{table}[])", records)
