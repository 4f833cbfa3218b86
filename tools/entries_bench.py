"""The return entries' reads over a quarter of 100,000 documents on PostgreSQL: note sums, register totals, a page.

Creates a scratch database (dropped at the end), migrates it, fills `vat_return_entries` in SQL with four
quarters of 100,000 documents each (190,000 entries a quarter), and times each read 30 times.
Usage: PYTHONPATH=src python tools/entries_bench.py [admin URL, default postgresql://root@127.0.0.1:5432/postgres]
"""

import asyncio
import statistics
import sys
import time
import uuid
from datetime import date

import asyncpg

from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.infrastructure.migrations import migrate
from hisab.vat_return.adapters.sql.entries import SqlReturnEntryQueries
from hisab.vat_return.domain.entries import Register

ADMIN = sys.argv[1] if len(sys.argv) > 1 else "postgresql://root@127.0.0.1:5432/postgres"
NAME = f"registers_bench_{uuid.uuid4().hex[:8]}"
TENANT = "tenant-bench"
URL = ADMIN.rsplit("/", 1)[0] + f"/{NAME}"

# 100,000 documents in the quarter: 60,000 invoices of 2 lines, 30,000 bills of 2 lines, 5,000 notes, 5,000
# payments' VDS; and three other quarters of the same size around it (the index must skip them).
INSERT = """
INSERT INTO vat_return_entries
SELECT $1, kind, kind || '-' || q || '-' || d, kind || '-' || q || '-' || d || ':' || l, kind || '-' || q || '-' || d,
       l, (start + (d % 92))::date, 'N/' || lpad(d::text, 6, '0'), (start + (d % 92))::date, NULL, NULL, NULL, NULL,
       'Counterparty ' || (d % 500), NULL, '0012345670101', NULL, 'Line', NULL, 1, NULL,
       10000000 + d, 0, 1500000, CASE WHEN kind = 'BILL' THEN 1500000 ELSE 0 END, 'STANDARD', 0.15, FALSE,
       CASE kind WHEN 'INVOICE' THEN 4 WHEN 'BILL' THEN 14 WHEN 'CREDIT_NOTE' THEN 31 ELSE 24 END,
       CASE WHEN kind IN ('INVOICE', 'CREDIT_NOTE') THEN 'SALES' WHEN kind = 'BILL' THEN 'PURCHASES' END
FROM (VALUES (0, date '2026-07-01'), (1, date '2026-10-01'), (2, date '2027-01-01'), (3, date '2027-04-01'))
       AS q(q, start),
     (VALUES ('INVOICE', 60000, 2), ('BILL', 30000, 2), ('CREDIT_NOTE', 5000, 1), ('VDS_DEDUCTED', 5000, 1))
       AS k(kind, n, lines),
     LATERAL generate_series(1, k.n) AS d, LATERAL generate_series(1, k.lines) AS l
"""


async def main() -> None:
    admin = await asyncpg.connect(ADMIN)
    await admin.execute(f"CREATE DATABASE {NAME}")
    try:
        await migrate(URL)
        owner = await asyncpg.connect(URL)
        await owner.execute(INSERT, "tenant-bench")
        await owner.execute("VACUUM ANALYZE vat_return_entries")
        count = await owner.fetchval("SELECT count(*) FROM vat_return_entries")
        await owner.close()
        database = await PostgresDatabase.open(URL, min_size=1, max_size=2)
        queries = SqlReturnEntryQueries(database.reading)
        start, end = date(2026, 7, 1), date(2026, 9, 30)
        for label, run in (
            ("note_sums", lambda: queries.note_sums("tenant-bench", start, end)),
            ("register_sums", lambda: queries.register_sums("tenant-bench", Register.SALES, start, end)),
            (
                "register_page(100)",
                lambda: queries.register_page("tenant-bench", Register.SALES, start, end, 100, None),
            ),
        ):
            times = []
            for _ in range(30):
                began = time.perf_counter()
                await run()
                times.append((time.perf_counter() - began) * 1000)
            times.sort()
            print(
                f"{label}: rows in table {count}, median {statistics.median(times):.1f} ms, "
                f"p95 {times[int(len(times) * 0.95) - 1]:.1f} ms"
            )
        sums = await queries.note_sums("tenant-bench", start, end)
        print({note: s.entries for note, s in sorted(sums.items())})
        await database.close()
    finally:
        await admin.execute(f"DROP DATABASE {NAME} WITH (FORCE)")
        await admin.close()


asyncio.run(main())
