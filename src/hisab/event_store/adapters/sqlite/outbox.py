"""The event log read as an outbox on SQLite.

SQLite has one writer at a time and a rolled-back AUTOINCREMENT gives its number back, so
positions become visible in order and without holes: reading by position is gap-safe.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import aiosqlite

from hisab.event_store.adapters.sql.events import EVENT_COLUMNS
from hisab.event_store.adapters.sql.outbox_rows import decoded_prefix
from hisab.event_store.adapters.sql.relay_ledger import SqlRelayLedger
from hisab.event_store.adapters.sqlite.database import connect
from hisab.event_store.adapters.sqlite.transaction import TEXT
from hisab.event_store.messages import StoredEvent

_NOW_EPOCH = "((julianday('now') - 2440587.5) * 86400.0)"


class SQLiteOutbox(SqlRelayLedger):
    """Its own connection, in autocommit: each bookkeeping statement is its own transaction."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        super().__init__(self._fetch, "qmark", _NOW_EPOCH, TEXT)
        self._db = connection

    @classmethod
    async def open(cls, path: Path) -> SQLiteOutbox:
        return cls(await connect(path))

    async def pending(self, after_position: int, limit: int) -> list[StoredEvent]:
        rows = await self._fetch(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?", (after_position, limit)
        )
        return decoded_prefix(rows, TEXT)

    async def _fetch(self, sql: str, params: Sequence[Any]) -> Sequence[sqlite3.Row]:
        return list(await self._db.execute_fetchall(sql, params))

    async def close(self) -> None:
        await self._db.close()
