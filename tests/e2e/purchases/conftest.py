"""One real server per backend for the payments' tests, with a way in to record bills on it.

Bills are recorded by recordBill, another part of issue 15; until it is here, a test appends the
bill's BillRecorded to the served database through the server's own Streams, on the server's
event loop (the connections belong to it), as tests/purchases_builders.py does in process.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Coroutine, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
import pytest

from hisab.bootstrap import build_app, open_services
from hisab.kernel.services import Services
from tests.conftest import PostgresRoles
from tests.e2e.server import Caller, new_tenant, running_app, settings_for

T = TypeVar("T")


@dataclass
class Served:
    """The server's base URL, its services and its event loop, once it has started."""

    url: str = ""
    services: Services | None = None
    loop: asyncio.AbstractEventLoop | None = None

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        """Run `work` on the server's loop, from the test's thread, and wait for its result."""
        assert self.loop is not None
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(timeout=30)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    data_dir = tmp_path_factory.mktemp("hisab-e2e-payments")
    database: str | PostgresRoles = f"sqlite:///{data_dir / 'hisab.db'}"
    if request.param == "postgres":
        database = request.getfixturevalue("postgres_roles")
    settings = settings_for(database, data_dir)
    found = Served()

    @asynccontextmanager
    async def opened() -> AsyncIterator[Services]:
        async with open_services(settings) as services:
            found.services, found.loop = services, asyncio.get_running_loop()
            yield services

    with running_app(build_app(settings, opened)) as url:
        found.url = url
        yield found


@pytest.fixture
def http(served: Served) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served.url, timeout=60) as client:
        yield client


@pytest.fixture
def caller(http: httpx.Client) -> Caller:
    return Caller(http, new_tenant())
