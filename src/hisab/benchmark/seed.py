"""`hisab bench seed`: realistic invoices at scale, written the way the service writes them.

Every invoice is validated, numbered from the tenant's gapless counters, opened (and every
third one approved under a Mushak-6.3 serial) by the domain, appended to the event store, and
projected by the same projection and row code the service uses. Only the batching differs: a
batch of invoices of one tenant and one date is one transaction of a handful of array
statements instead of thousands of small ones. It runs as the service role, under row-level
security (COPY is refused on tables with row-level security, so it inserts from arrays).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import asyncpg

from hisab.event_store.adapters.codec import encode_event
from hisab.event_store.adapters.postgres.transaction import NATIVE, set_tenant
from hisab.event_store.messages import EventMetadata, StoredEvent
from hisab.invoicing.adapters.sql.rows import INVOICE_COLUMNS, LINE_COLUMNS, invoice_row, line_row
from hisab.invoicing.application.views import InvoiceView, project
from hisab.invoicing.domain.draft import InvoiceDraft, LineInput, validate_draft
from hisab.invoicing.domain.events import InvoiceEvent
from hisab.invoicing.domain.invoice import Invoice, open_invoice
from hisab.invoicing.domain.numbering import (
    format_invoice_number,
    format_mushak_number,
    invoice_number_series,
    mushak_series,
)
from hisab.kernel.fiscal_year import BANGLADESH_TIME, FiscalYear
from hisab.kernel.vat import RateTable, VATCategory

MAKER, CHECKER = "seed-maker", "seed-checker"
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


@dataclass(frozen=True, slots=True)
class SeedPlan:
    invoices: int
    tenants: int
    batch: int = 2000
    approve_every: int = 3
    connections: int = 2

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


async def seed(url: str, plan: SeedPlan, rates: RateTable, report: Callable[[int], None]) -> float:
    """Load the plan's invoices through `url` (the service role); return the seconds it took."""
    started = time.perf_counter()
    pool = await asyncpg.create_pool(url, min_size=plan.connections, max_size=plan.connections)
    try:
        layouts = {table: await _layout(pool, table) for table in ("invoices", "invoice_lines")}
        pending = iter(plan.batches())

        async def worker() -> None:
            for tenant, number, size in pending:
                async with pool.acquire() as connection:
                    await _batch(connection, tenant, number, size, plan.approve_every, rates, layouts)
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
    ours = INVOICE_COLUMNS if table == "invoices" else LINE_COLUMNS
    return [ours.index(name) for name in names]


async def _batch(
    connection: asyncpg.Connection,
    tenant: str,
    number: int,
    size: int,
    approve_every: int,
    rates: RateTable,
    layouts: dict[str, list[int]],
) -> None:
    day = FIRST_DAY + timedelta(days=number % 365)
    drafts = [validate_draft(seed_draft(day, number * size + n), rates) for n in range(size)]
    issued_at = datetime.now(BANGLADESH_TIME)
    fiscal_year = FiscalYear.of_moment(issued_at)
    approvals = len(range(0, size, approve_every))
    async with connection.transaction():
        await set_tenant(connection, tenant)
        last_number = await connection.fetchval(_BUMP, tenant, invoice_number_series(day), size)
        last_serial = await connection.fetchval(_BUMP, tenant, mushak_series(fiscal_year), approvals)
        serials = iter(range(last_serial - approvals + 1, last_serial + 1))
        streams: list[tuple[str, list[InvoiceEvent]]] = []
        for n, draft in enumerate(drafts):
            invoice_id = str(uuid.uuid4())
            events = open_invoice(draft, invoice_id, format_invoice_number(day, last_number - size + 1 + n))
            if n % approve_every == 0:
                serial = next(serials)
                invoice = Invoice.from_events(invoice_id, events)
                events.append(invoice.approve(format_mushak_number("HO", fiscal_year, serial), serial, issued_at))
            streams.append((invoice_id, events))
        views = await _append(connection, tenant, streams, issued_at.astimezone(UTC))
        await _insert(connection, "invoices", [invoice_row(v, NATIVE) for v in views], layouts)
        lines = [line_row(v, line, NATIVE) for v in views for line in v.lines]
        await _insert(connection, "invoice_lines", lines, layouts)


async def _append(
    connection: asyncpg.Connection, tenant: str, streams: list[tuple[str, list[InvoiceEvent]]], at: datetime
) -> list[InvoiceView]:
    """Append every stream's events in one statement; project each stream from what was stored."""
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
    return [project(history) for history in stored.values()]


async def _insert(
    connection: asyncpg.Connection, table: str, rows: Sequence[tuple[Any, ...]], layouts: dict[str, list[int]]
) -> None:
    """Insert rows as one array of the table's row type (asyncpg encodes the records)."""
    order = layouts[table]
    records = [tuple(row[i] for i in order) for row in rows]
    await connection.execute(f"INSERT INTO {table} SELECT * FROM unnest($1::{table}[])", records)
