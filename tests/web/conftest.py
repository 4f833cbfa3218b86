"""Browser tests: Debian's Chromium, driven by Playwright, against a real server on SQLite and PostgreSQL.

No browser is downloaded (`playwright install` cannot reach its CDN here): Playwright launches
/usr/bin/chromium, which `make test` installs with the Bengali fonts. Under CI=true a missing
Chromium fails the run; elsewhere its tests are skipped, loudly.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import PostgresRoles, unavailable
from tests.e2e.server import running_server, settings_for
from tests.web.server import WebServer

CHROMIUM = os.environ.get("HISAB_TEST_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists() and shutil.which(CHROMIUM) is None:
        unavailable("Chromium", f"no Chromium at {CHROMIUM} (apt-get install chromium fonts-noto-core)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


@pytest.fixture(scope="session")
def base_url() -> None:
    """pytest-playwright's base URL (from the pytest-base-url plugin): none, each test names its server's."""
    return None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 860}, "locale": "en-GB"}


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    data_dir = tmp_path_factory.mktemp("hisab-web")
    database: str | PostgresRoles = f"sqlite:///{data_dir / 'hisab.db'}"
    if request.param == "postgres":
        database = request.getfixturevalue("postgres_roles")
    settings = settings_for(database, data_dir)
    with running_server(settings) as url, httpx.Client(base_url=url, timeout=30) as http:
        yield WebServer(url, settings, http)
