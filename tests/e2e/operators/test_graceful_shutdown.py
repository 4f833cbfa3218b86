"""Stopping and scaling a real `hisab serve`: SIGTERM mid-burst loses nothing and halves nothing."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from hisab.access.adapters.tokens import Identity
from tests.conftest import ADMIN_URL, admin_execute, database_named
from tests.e2e.operations import CREATE, steel_rods
from tests.e2e.processes import run, serving
from tests.e2e.server import ISSUER, free_port

CLIENTS = 6
MAX_REQUESTS_PER_CLIENT = 400
ACKNOWLEDGED_BEFORE_SIGTERM = 24


@dataclass
class Burst:
    """What the clients saw: ids the server acknowledged, refusals, and anything else (a failure)."""

    acknowledged: set[str] = field(default_factory=set)
    refused: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    enough: threading.Event = field(default_factory=threading.Event)


def _client(base_url: str, token: str, burst: Burst) -> None:
    body = {"query": CREATE, "variables": {"input": steel_rods()}}
    for _ in range(MAX_REQUESTS_PER_CLIENT):
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex}
        try:
            # A connection per request, as independent callers would open.
            response = httpx.post(f"{base_url}/graphql", json=body, headers=headers, timeout=30)
        except httpx.TransportError as error:
            with burst.lock:
                burst.refused.append(error.__class__.__name__)
            return
        with burst.lock:
            created = response.json().get("data") if response.status_code == 200 else None
            if created and created.get("createInvoice"):
                burst.acknowledged.add(created["createInvoice"]["id"])
                if len(burst.acknowledged) >= ACKNOWLEDGED_BEFORE_SIGTERM:
                    burst.enough.set()
            else:
                burst.unexpected.append(f"{response.status_code}: {response.text[:300]}")


def _burst_then_sigterm(tmp_path: Path, **env: str) -> tuple[Burst, str, int]:
    tenant = f"tenant-{uuid.uuid4().hex[:12]}"
    token = ISSUER.access_token(Identity(tenant, "user-1", ("admin",)), 600)
    port = free_port()
    burst = Burst()
    with serving(tmp_path, port, HISAB_SHUTDOWN_TIMEOUT_SECONDS="15", **env) as process:
        clients = [
            threading.Thread(target=_client, args=(f"http://127.0.0.1:{port}", token, burst)) for _ in range(CLIENTS)
        ]
        for client in clients:
            client.start()
        burst.enough.wait(timeout=60)
        process.send_signal(signal.SIGTERM)
        for client in clients:
            client.join(timeout=60)
        exit_code = process.wait(timeout=30)
    return burst, tenant, exit_code


def _check(burst: Burst, stored: set[str], exit_code: int) -> None:
    assert exit_code == 0
    assert burst.unexpected == []
    assert len(burst.acknowledged) >= ACKNOWLEDGED_BEFORE_SIGTERM
    assert len(burst.refused) == CLIENTS, "every client was eventually refused"
    assert stored == burst.acknowledged


def test_sigterm_during_a_burst_of_creates_on_sqlite_leaves_every_invoice_whole(tmp_path: Path) -> None:
    burst, tenant, exit_code = _burst_then_sigterm(tmp_path)

    with sqlite3.connect(tmp_path / ".hisab" / "hisab.db") as database:
        rows = database.execute("SELECT invoice_id FROM invoices WHERE tenant_id = ?", (tenant,)).fetchall()
    _check(burst, {row[0] for row in rows}, exit_code)
    verified = run(tmp_path, "projections", "rebuild", "--verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr


@pytest.fixture
def fresh_postgres(postgres_database: str) -> Iterator[str]:
    """A database of this test's own, migrated with `hisab migrate` as an operator would."""
    name = f"hisab_life_{uuid.uuid4().hex[:10]}"
    asyncio.run(admin_execute(f"CREATE DATABASE {name}"))
    url = database_named(ADMIN_URL, name)
    try:
        yield url
    finally:
        asyncio.run(admin_execute(f"DROP DATABASE {name} WITH (FORCE)"))


async def _stored_ids(url: str, tenant: str) -> set[str]:
    connection = await asyncpg.connect(url)
    try:
        rows = await connection.fetch("SELECT invoice_id FROM invoices WHERE tenant_id = $1", tenant)
    finally:
        await connection.close()
    return {row["invoice_id"] for row in rows}


@pytest.mark.postgres
def test_sigterm_during_a_burst_of_creates_on_postgres_leaves_every_invoice_whole(
    tmp_path: Path, fresh_postgres: str
) -> None:
    assert run(tmp_path, "migrate", HISAB_DATABASE_URL=fresh_postgres).returncode == 0

    burst, tenant, exit_code = _burst_then_sigterm(tmp_path, HISAB_DATABASE_URL=fresh_postgres)

    _check(burst, asyncio.run(_stored_ids(fresh_postgres, tenant)), exit_code)
    verified = run(tmp_path, "projections", "rebuild", "--verify", HISAB_DATABASE_URL=fresh_postgres)
    assert verified.returncode == 0, verified.stdout + verified.stderr


@pytest.mark.postgres
def test_several_workers_share_one_set_of_metrics_and_stop_cleanly(tmp_path: Path, fresh_postgres: str) -> None:
    assert run(tmp_path, "migrate", HISAB_DATABASE_URL=fresh_postgres).returncode == 0
    port = free_port()
    requests = 40
    with serving(tmp_path, port, "--workers", "2", HISAB_DATABASE_URL=fresh_postgres) as process:
        for _ in range(requests):
            # New connections, so the kernel spreads them over both workers.
            httpx.get(f"http://127.0.0.1:{port}/health/live").raise_for_status()
        scrapes = [httpx.get(f"http://127.0.0.1:{port}/metrics").text for _ in range(4)]
        process.send_signal(signal.SIGTERM)
        exit_code = process.wait(timeout=30)

    for scrape in scrapes:
        counted = sum(
            sample.value
            for family in text_string_to_metric_families(scrape)
            for sample in family.samples
            if sample.name == "http_requests_total" and sample.labels.get("route") == "/health/live"
        )
        assert counted == requests
    assert exit_code == 0
