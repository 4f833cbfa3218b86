"""One real server per backend for the return's tests, wired with the return entries in memory.

The entries projection is the registers' (built alongside): the server here is the app the composition
root builds over a real database, with only the entries port swapped for one each test fills.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import cast

import httpx
import pytest

from hisab.bootstrap import Rules, access_control, build_app, open_database, sql_adapters, wire
from hisab.kernel.readiness import Readiness
from hisab.kernel.services import Services
from hisab.vat_return.application.register_views import ReturnEntryReads
from tests.conftest import PostgresRoles
from tests.e2e.server import Caller, new_tenant, running_app, settings_for
from tests.vat_return.memory_entries import MemoryReturnEntries


@pytest.fixture(scope="module")
def entries() -> MemoryReturnEntries:
    return MemoryReturnEntries()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def base_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, entries: MemoryReturnEntries
) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("hisab-e2e-vat")
    database: str | PostgresRoles = f"sqlite:///{data_dir / 'hisab.db'}"
    if request.param == "postgres":
        database = request.getfixturevalue("postgres_roles")
    settings = settings_for(database, data_dir)

    @asynccontextmanager
    async def services() -> AsyncIterator[Services]:
        opened = await open_database(settings)
        try:
            # The stand-in has the return's reads, not the registers' (which these tests never ask for).
            adapters = replace(sql_adapters(), return_entries=lambda _: cast(ReturnEntryReads, entries))
            access = access_control(settings, opened, None)
            yield wire(opened, adapters, Rules.from_settings(settings), access, Readiness())
        finally:
            await opened.close()

    with running_app(build_app(settings, services)) as url:
        yield url


@pytest.fixture
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as client:
        yield client


@pytest.fixture
def caller(http: httpx.Client) -> Caller:
    return Caller(http, new_tenant())
