"""What the outbox's tailing mechanism costs in create throughput on PostgreSQL.

    .venv/bin/python tools/outbox_throughput.py [--admin-url URL] [--creates N] [--workers W] [--rounds R]

Each variant gets a fresh database migrated to head and runs the same `create_invoice`
commands (one line each, W at a time); only the append statement differs:

- plain:      the append before issue 4 (no transaction id): reading by position is NOT gap-safe;
- watermark:  the append that ships (the transaction id taken before the positions);
- table lock: the watermark append behind one advisory lock held to commit, i.e. the usual
              alternative that serializes every writer so positions commit in order.

It also times how fast the relay's gap-safe reader drains what was written. The numbers in
docs/events.md come from this script.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from datetime import date
from decimal import Decimal

import asyncpg

from hisab.bootstrap import Rules, services_for
from hisab.event_store.adapters.postgres import transaction as unit_of_work
from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.adapters.postgres.outbox import PostgresOutbox
from hisab.event_store.messages import Actor
from hisab.infrastructure.migrations import upgrade_to_head
from hisab.infrastructure.rate_table_file import load_rate_table
from hisab.invoicing.application.commands import CreateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import create_invoice
from hisab.invoicing.domain.draft import InvoiceDraft, LineInput

WATERMARK = unit_of_work._APPEND
PLAIN = (
    WATERMARK.replace("WITH txn AS MATERIALIZED (SELECT pg_current_xact_id() AS id),\n", "WITH ")
    .replace(",\n                    transaction_id)", ")")
    .replace(", txn.id\n", "\n")
    .replace("FROM txn, unnest", "FROM unnest")
)
LOCKED = WATERMARK.replace("pg_current_xact_id() AS id", "pg_current_xact_id() AS id, pg_advisory_xact_lock(4004)")
VARIANTS = {"plain": PLAIN, "watermark": WATERMARK, "table lock": LOCKED}
DRAFT = InvoiceDraft(
    vendor_id="vendor-001",
    customer_id="customer-001",
    invoice_date=date(2025, 1, 15),
    due_date=date(2025, 2, 15),
    lines=(LineInput("Construction Materials - Steel Rods", Decimal(100), Decimal(5000)),),
)


async def creates_per_second(url: str, statement: str, creates: int, workers: int) -> float:
    unit_of_work._APPEND = statement  # the variant under test; each variant runs alone
    database = await PostgresDatabase.open(url, min_size=workers, max_size=workers)
    invoicing = services_for(database, Rules(load_rate_table(), "HO")).get(Invoicing)
    tenants = [f"tenant-{n}" for n in range(workers)]

    async def worker(n: int) -> None:
        for _ in range(creates // workers):
            await create_invoice(CreateInvoice(DRAFT), Actor(tenants[n], "bench", "bench"), invoicing)

    try:
        started = time.perf_counter()
        await asyncio.gather(*(worker(n) for n in range(workers)))
        return (creates // workers * workers) / (time.perf_counter() - started)
    finally:
        unit_of_work._APPEND = WATERMARK
        await database.close()


async def events_read_per_second(url: str) -> float:
    outbox = await PostgresOutbox.open(url)
    try:
        started, position, count = time.perf_counter(), 0, 0
        while batch := await outbox.pending(position, 500):
            position, count = batch[-1].position, count + len(batch)
        return count / (time.perf_counter() - started)
    finally:
        await outbox.close()


async def fresh_database(admin_url: str) -> str:
    name = f"hisab_bench_{uuid.uuid4().hex[:8]}"
    connection = await asyncpg.connect(admin_url)
    try:
        await connection.execute(f"CREATE DATABASE {name}")
    finally:
        await connection.close()
    url = admin_url.rsplit("/", 1)[0] + "/" + name
    await asyncio.to_thread(upgrade_to_head, url)
    return url


async def drop_database(admin_url: str, url: str) -> None:
    connection = await asyncpg.connect(admin_url)
    try:
        await connection.execute(f"DROP DATABASE {url.rsplit('/', 1)[1]} WITH (FORCE)")
    finally:
        await connection.close()


async def main(admin_url: str, creates: int, workers: int, rounds: int) -> None:
    """Rounds take the variants in turn, so a machine that speeds up or slows down favours none."""
    print(f"{creates} creates, {workers} concurrent writers, median of {rounds} rounds")
    rates: dict[str, list[float]] = {name: [] for name in VARIANTS}
    reads: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for _ in range(rounds):
        for name, statement in VARIANTS.items():
            url = await fresh_database(admin_url)
            try:
                rates[name].append(await creates_per_second(url, statement, creates, workers))
                reads[name].append(await events_read_per_second(url))
            finally:
                await drop_database(admin_url, url)
    for name in VARIANTS:
        create_rate, read_rate = statistics.median(rates[name]), statistics.median(reads[name])
        print(f"{name:<11} {create_rate:8.0f} creates/s   relay reads {read_rate:8.0f} events/s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--admin-url", default="postgresql://root@127.0.0.1:5432/postgres")
    parser.add_argument("--creates", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.admin_url, arguments.creates, arguments.workers, arguments.rounds))
