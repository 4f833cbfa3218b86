"""A real database opened by its URL, as the service's settings name it, for tests that write beside a server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.adapters.sqlite.database import SQLiteDatabase
from hisab.event_store.ports import Database


@asynccontextmanager
async def open_database(url: str) -> AsyncIterator[Database[Any]]:
    """The SQLite file or PostgreSQL database at `url`, closed when the block ends."""
    opened: Database[Any]
    if url.startswith("sqlite"):
        opened = await SQLiteDatabase.open(Path(url.removeprefix("sqlite:///")))
    else:
        opened = await PostgresDatabase.open(url, min_size=1, max_size=10)
    try:
        yield opened
    finally:
        await opened.close()
