"""The one backend fixture of the contract suite: every contract runs on the fake, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.adapters.sqlite.database import SQLiteDatabase
from hisab.event_store.ports import Database
from tests.fakes import FakeDatabase

BACKENDS = ["fake", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> tuple[str, str | Path | None]:
    """Which backend, and where its fresh, migrated, empty database is (PostgreSQL as the tables' owner).

    Resolved here, outside the event loop: the database fixtures migrate with a loop of their own.
    """
    if request.param == "sqlite":
        return "sqlite", request.getfixturevalue("sqlite_path")
    if request.param == "postgres":
        return "postgres", request.getfixturevalue("postgres_url")
    return "fake", None


@pytest.fixture
async def database(backend: tuple[str, str | Path | None]) -> AsyncIterator[Database[Any]]:
    kind, where = backend
    if kind == "fake":
        yield FakeDatabase()
        return
    opened: Database[Any]
    if kind == "sqlite":
        assert isinstance(where, Path)
        opened = await SQLiteDatabase.open(where)
    else:
        assert isinstance(where, str)
        opened = await PostgresDatabase.open(where, min_size=1, max_size=12)
    yield opened
    await opened.close()
