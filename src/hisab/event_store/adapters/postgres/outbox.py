"""The event log read as an outbox on PostgreSQL, gap-safe without a writers' lock.

Identity positions are handed out at insert but commit in any order, so a reader may see
position 7 committed while 6 is still in flight, or was rolled back and never will be. A
hole below a committed position is waited for until it is settled:

- The append takes its transaction id before its positions (see `_APPEND`), so whoever
  holds position 6 had a transaction id before 7 was handed out, hence before 7 committed,
  hence below the `xmax` of any snapshot that sees 7.
- Once the oldest running transaction (`xmin`) has passed that `xmax`, the holder has
  finished: 6 is visible in that same snapshot if it committed, and is a permanent hole if
  it did not.

Writers never wait for each other; the relay waits only for transactions that were
already running when it first saw a hole. Snapshots span the whole server, so a long
transaction in any database on it holds the relay back (docs/events.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import asyncpg

from hisab.event_store.adapters.postgres.roles import SEES_EVERY_TENANT
from hisab.event_store.adapters.postgres.transaction import NATIVE
from hisab.event_store.adapters.sql.events import EVENT_COLUMNS
from hisab.event_store.adapters.sql.outbox_rows import decoded_prefix
from hisab.event_store.adapters.sql.relay_ledger import SqlRelayLedger
from hisab.event_store.messages import StoredEvent

# The horizon and the events come from one statement, hence from one snapshot.
_PENDING = f"""
WITH horizon AS (
    SELECT pg_snapshot_xmin(s)::text::bigint AS xmin, pg_snapshot_xmax(s)::text::bigint AS xmax
    FROM pg_current_snapshot() AS s
)
SELECT h.xmin, h.xmax, e.*
FROM horizon AS h LEFT JOIN LATERAL (
    SELECT {EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2
) AS e ON true
ORDER BY e.position
"""
_NOW_EPOCH = "extract(epoch FROM clock_timestamp())::float8"


class HoleWatch:
    """Holes below committed positions, each with the `xmax` of the snapshot that first showed it."""

    def __init__(self) -> None:
        self._first_seen: dict[int, int] = {}

    def settled(self, position: int, xmin: int, xmax: int) -> bool:
        """Whether the hole can no longer be filled: every transaction that could hold it ended."""
        return xmin >= self._first_seen.setdefault(position, xmax)

    def forget_below(self, position: int) -> None:
        self._first_seen = {p: x for p, x in self._first_seen.items() if p >= position}


def settled_prefix(after: int, rows: Sequence[Any], holes: HoleWatch) -> list[Any]:
    """The rows that follow `after` with every position between them settled."""
    if not rows or rows[0]["position"] is None:
        return []
    xmin, xmax = rows[0]["xmin"], rows[0]["xmax"]
    expected = after + 1
    ready: list[Any] = []
    for row in rows:
        while expected < row["position"]:
            if not holes.settled(expected, xmin, xmax):
                holes.forget_below(after)
                return ready
            expected += 1
        ready.append(row)
        expected += 1
    holes.forget_below(expected)
    return ready


class PostgresOutbox(SqlRelayLedger):
    """The relay's own pool: it reads every tenant's events (see HISAB_RELAY_DATABASE_URL)."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        super().__init__(self._fetch, "numeric", _NOW_EPOCH, NATIVE)
        self._pool = pool
        self._holes = HoleWatch()

    @classmethod
    async def open(cls, url: str) -> PostgresOutbox:
        settings = {"application_name": "hisab-relay", "jit": "off"}
        return cls(await asyncpg.create_pool(url, min_size=1, max_size=2, server_settings=settings))

    async def pending(self, after_position: int, limit: int) -> list[StoredEvent]:
        rows = await self._pool.fetch(_PENDING, after_position, limit)
        return decoded_prefix(settled_prefix(after_position, rows, self._holes), NATIVE)

    async def _fetch(self, sql: str, params: Sequence[Any]) -> Sequence[Any]:
        rows: Sequence[Any] = await self._pool.fetch(sql, *params)
        return rows

    async def sees_every_tenant(self) -> bool:
        """Whether row-level security leaves this role every tenant's events, as the relay needs."""
        return bool(await self._pool.fetchval(SEES_EVERY_TENANT))

    async def close(self) -> None:
        await self._pool.close()
