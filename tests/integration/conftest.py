from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.adapters.sqlite.database import SQLiteDatabase
from hisab.event_store.ports import Database


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> tuple[str, str]:
    """Which real backend, and where its fresh database is (set up outside the event loop)."""
    if request.param == "sqlite":
        return "sqlite", str(request.getfixturevalue("sqlite_path"))
    return "postgres", request.getfixturevalue("postgres_url")


@pytest.fixture
async def database(backend: tuple[str, str]) -> AsyncIterator[Database[Any]]:
    kind, location = backend
    opened: Database[Any]
    if kind == "sqlite":
        opened = await SQLiteDatabase.open(Path(location))
    else:
        opened = await PostgresDatabase.open(location, min_size=1, max_size=25)
    yield opened
    await opened.close()
