"""One real server per backend for the audit tests, with its database at hand to see what was written."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import pytest

from tests.conftest import PostgresRoles
from tests.e2e.server import running_server, settings_for

TenantRows = dict[str, list[str]]


@dataclass(frozen=True, slots=True)
class Served:
    """The server's base URL, and its database as the tables' owner (which row-level security does not bind)."""

    url: str
    database: str | PostgresRoles

    def tenant_rows(self, tenant_id: str) -> TenantRows:
        """Every row of the tenant in every table that has a tenant, each written out as text, sorted."""
        if isinstance(self.database, PostgresRoles):
            return asyncio.run(_postgres_rows(self.database.owner_url, tenant_id))
        return _sqlite_rows(Path(self.database.removeprefix("sqlite:///")), tenant_id)


def _sqlite_rows(path: Path, tenant_id: str) -> TenantRows:
    with sqlite3.connect(path) as connection:
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        owned = [t for t in tables if any(c[1] == "tenant_id" for c in connection.execute(f"PRAGMA table_info({t})"))]
        return {
            table: sorted(
                repr(row) for row in connection.execute(f"SELECT * FROM {table} WHERE tenant_id = ?", (tenant_id,))
            )
            for table in owned
        }


async def _postgres_rows(url: str, tenant_id: str) -> TenantRows:
    connection = await asyncpg.connect(url)
    try:
        tables = await connection.fetch(
            "SELECT table_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND column_name = 'tenant_id'"
        )
        return {
            row["table_name"]: sorted(
                repr(tuple(found))
                for found in await connection.fetch(
                    f'SELECT * FROM "{row["table_name"]}" WHERE tenant_id = $1', tenant_id
                )
            )
            for row in tables
        }
    finally:
        await connection.close()


@contextmanager
def broken_trail(served: Served) -> Iterator[None]:
    """While the block runs, the server cannot add to the audit trail: its table is gone (SQLite) or
    the service role lost its INSERT (PostgreSQL)."""
    if isinstance(served.database, PostgresRoles):
        roles = served.database
        asyncio.run(_owner_execute(roles.owner_url, f'REVOKE INSERT ON audit_reads FROM "{roles.app_role}"'))
        try:
            yield
        finally:
            asyncio.run(_owner_execute(roles.owner_url, f'GRANT INSERT ON audit_reads TO "{roles.app_role}"'))
        return
    path = Path(served.database.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as connection:
        connection.execute("ALTER TABLE audit_reads RENAME TO audit_reads_away")
    try:
        yield
    finally:
        with sqlite3.connect(path) as connection:
            connection.execute("ALTER TABLE audit_reads_away RENAME TO audit_reads")


async def _owner_execute(url: str, statement: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    data_dir = tmp_path_factory.mktemp("hisab-audit")
    database: str | PostgresRoles = f"sqlite:///{data_dir / 'hisab.db'}"
    if request.param == "postgres":
        database = request.getfixturevalue("postgres_roles")
    with running_server(settings_for(database, data_dir)) as url:
        yield Served(url, database)


@pytest.fixture(scope="module")
def base_url(served: Served) -> str:
    return served.url
