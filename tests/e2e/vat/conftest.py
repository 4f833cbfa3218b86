"""The VAT suite's server: one per backend per module, with its database's URL, so that a test can record
the purchases events (whose commands are another scenario's) beside the server, as those commands would."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import PostgresRoles
from tests.e2e.server import running_server, settings_for


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    data_dir = tmp_path_factory.mktemp("hisab-e2e-vat")
    database: str | PostgresRoles = f"sqlite:///{data_dir / 'hisab.db'}"
    if request.param == "postgres":
        database = request.getfixturevalue("postgres_roles")
    url = database.app_url if isinstance(database, PostgresRoles) else database
    with running_server(settings_for(database, data_dir)) as base:
        yield base, url


@pytest.fixture(scope="module")
def base_url(served: tuple[str, str]) -> str:
    return served[0]


@pytest.fixture(scope="module")
def database_url(served: tuple[str, str]) -> str:
    return served[1]
