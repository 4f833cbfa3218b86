"""One real server per backend per module; each test then works in a tenant of its own."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import PostgresRoles
from tests.e2e.server import Caller, new_tenant, running_server, settings_for


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def base_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("hisab-e2e")
    database: str | PostgresRoles = f"sqlite:///{data_dir / 'hisab.db'}"
    if request.param == "postgres":
        database = request.getfixturevalue("postgres_roles")
    with running_server(settings_for(database, data_dir)) as url:
        yield url


@pytest.fixture
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as client:
        yield client


@pytest.fixture
def caller(http: httpx.Client) -> Caller:
    return Caller(http, new_tenant())
