"""Backup and restore of PostgreSQL as docs/operations.md tells it: pg_dump, pg_restore, rebuild.

The read model is derived: restoring the event store (with the counters and idempotency keys,
which no event records whole) and rebuilding the projections gives back every invoice, and the
next serial continues where it stopped.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import ADMIN_URL, admin_execute, database_named
from tests.e2e.operations import APPROVE, CREATE, LIST, steel_rods
from tests.e2e.processes import run
from tests.e2e.server import Caller, new_tenant, running_server, settings_for

BACKED_UP = ("events", "counters", "idempotency_keys")
pytestmark = pytest.mark.postgres


@pytest.fixture
def two_databases(postgres_database: str) -> Iterator[tuple[str, str]]:
    names = [f"hisab_backup_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    for name in names:
        asyncio.run(admin_execute(f"CREATE DATABASE {name}"))
    try:
        yield database_named(ADMIN_URL, names[0]), database_named(ADMIN_URL, names[1])
    finally:
        for name in names:
            asyncio.run(admin_execute(f"DROP DATABASE {name} WITH (FORCE)"))


def _pg(tool: str, *args: str) -> None:
    executable = shutil.which(tool)
    assert executable is not None, f"{tool} is not installed"
    result = subprocess.run([executable, *args], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr


def test_restoring_the_event_store_and_rebuilding_gives_back_every_invoice(
    tmp_path: Path, two_databases: tuple[str, str]
) -> None:
    original, restored = two_databases
    tenant = new_tenant()
    for url in (original, restored):
        assert run(tmp_path, "migrate", HISAB_DATABASE_URL=url).returncode == 0
    with running_server(settings_for(original, tmp_path)) as base, httpx.Client(base_url=base) as http:
        caller = Caller(http, tenant)
        created = [caller.data(CREATE, {"input": steel_rods()})["createInvoice"] for _ in range(3)]
        caller.checker().data(APPROVE, {"id": created[0]["id"]})
        before = caller.data(LIST, {"first": 10})["invoices"]

    dump = tmp_path / "hisab.dump"
    tables = [argument for table in BACKED_UP for argument in ("--table", table)]
    _pg("pg_dump", "--format=custom", "--data-only", *tables, "--file", str(dump), original)
    _pg("pg_restore", "--data-only", "--dbname", restored, str(dump))
    rebuilt = run(tmp_path, "projections", "rebuild", HISAB_DATABASE_URL=restored)
    verified = run(tmp_path, "projections", "rebuild", "--verify", HISAB_DATABASE_URL=restored)

    assert rebuilt.returncode == 0, rebuilt.stderr
    assert verified.returncode == 0, verified.stdout
    with running_server(settings_for(restored, tmp_path)) as base, httpx.Client(base_url=base) as http:
        caller = Caller(http, tenant)
        assert caller.data(LIST, {"first": 10})["invoices"] == before
        approved = caller.checker().data(APPROVE, {"id": created[1]["id"]})["approveInvoice"]
    assert approved["mushakNumber"].endswith("/000002"), "the serial continues after the restored one"
