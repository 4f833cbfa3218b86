"""Fixtures of the operators' tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.e2e.operations import CREATE, GET, steel_rods
from tests.e2e.server import Caller, new_tenant, running_server, settings_for


@pytest.fixture
def ask_a_broken_database(tmp_path: Path) -> Callable[[], httpx.Response]:
    """Ask a real server for an invoice after its lines' table is gone: an internal error, answered.

    Called in the test's body, so that what the server logs is in the test's own `caplog` records.
    """

    def ask() -> httpx.Response:
        settings = settings_for(f"sqlite:///{tmp_path / 'hisab.db'}", tmp_path)
        with running_server(settings) as url, httpx.Client(base_url=url) as http:
            caller = Caller(http, new_tenant())
            invoice_id = caller.data(CREATE, {"input": steel_rods()})["createInvoice"]["id"]
            with sqlite3.connect(tmp_path / "hisab.db") as broken:
                broken.execute("ALTER TABLE invoice_lines RENAME TO invoice_lines_gone")
            return caller.post(GET, {"id": invoice_id})

    return ask
