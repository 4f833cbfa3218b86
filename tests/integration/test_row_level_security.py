"""Row-level security in PostgreSQL, tested as the service's own role with hand-written SQL.

The statements here deliberately omit any tenant filter: the database itself must keep tenant
B's rows out of a transaction that acts for tenant A.
"""

from __future__ import annotations

import asyncio
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest
from alembic import command

from hisab.event_store.adapters.postgres.database import PostgresDatabase, RowSecurityError
from hisab.event_store.adapters.postgres.roles import UnprotectedTableError, grant_app_role
from hisab.event_store.ports import IdempotencyRecord
from hisab.infrastructure import migrations
from hisab.infrastructure.migrations import alembic_config, new_revision, upgrade_to_head
from hisab.invoicing.application.commands import ApproveInvoice, CreateInvoice
from hisab.invoicing.application.handlers import approve_invoice, create_invoice
from hisab.invoicing.application.ports import InvoiceFilter
from hisab.taxpayer.application.commands import SetSupplierProfile
from hisab.taxpayer.application.profiles import set_supplier_profile
from tests.builders import actor, checker, invoicing, karim_steel, rebuild, steel_rods_draft
from tests.conftest import ADMIN_URL, PostgresRoles, admin_execute, database_named

pytestmark = pytest.mark.postgres
TENANT_TABLES = (
    "events", "invoices", "invoice_lines", "counters", "idempotency_keys", "supplier_profiles",
    # The approval posted each tenant's sales journal.
    "journal_entries", "journal_lines", "ledger_balances", "ledger_month_balances",
)  # fmt: skip


@pytest.fixture
async def roles(postgres_url: str, postgres_roles: PostgresRoles) -> PostgresRoles:
    """Tenants A and B each with a profile, an approved invoice and an idempotency key, written as the service role."""
    database = await PostgresDatabase.open(postgres_roles.app_url, min_size=1, max_size=2)
    app = invoicing(database)
    for tenant in ("tenant-a", "tenant-b"):
        await set_supplier_profile(SetSupplierProfile(karim_steel()), actor(tenant), app.taxpayer)
        view = await create_invoice(CreateInvoice(steel_rods_draft(), f"key-{tenant}"), actor(tenant), app)
        await approve_invoice(ApproveInvoice(view.invoice_id), checker(tenant), app)
    await database.close()
    return postgres_roles


async def _counts(url: str, tenant: str | None) -> dict[str, int]:
    connection = await asyncpg.connect(url)
    try:
        async with connection.transaction():
            if tenant is not None:
                await connection.execute("SELECT set_config('hisab.tenant_id', $1, true)", tenant)
            return {table: await connection.fetchval(f"SELECT count(*) FROM {table}") for table in TENANT_TABLES}
    finally:
        await connection.close()


async def test_a_query_without_a_tenant_filter_sees_only_the_current_tenants_rows(roles: PostgresRoles) -> None:
    everything = await _counts(roles.owner_url, None)
    as_a = await _counts(roles.app_url, "tenant-a")
    as_b = await _counts(roles.app_url, "tenant-b")

    assert all(as_a[table] > 0 for table in TENANT_TABLES), as_a
    assert as_a == as_b
    assert {table: as_a[table] + as_b[table] for table in TENANT_TABLES} == everything


async def test_without_a_tenant_setting_nothing_is_visible(roles: PostgresRoles) -> None:
    assert set((await _counts(roles.app_url, None)).values()) == {0}


async def test_the_tenant_setting_ends_with_its_transaction(roles: PostgresRoles) -> None:
    connection = await asyncpg.connect(roles.app_url)
    try:
        async with connection.transaction():
            await connection.execute("SELECT set_config('hisab.tenant_id', 'tenant-a', true)")
        assert await connection.fetchval("SELECT count(*) FROM invoices") == 0
    finally:
        await connection.close()


async def test_tenant_a_cannot_update_delete_or_number_tenant_bs_rows(roles: PostgresRoles) -> None:
    owner = await asyncpg.connect(roles.owner_url)
    before = await owner.fetch("SELECT * FROM counters WHERE tenant_id = 'tenant-b' ORDER BY series")
    connection = await asyncpg.connect(roles.app_url)
    try:
        async with connection.transaction():
            await connection.execute("SELECT set_config('hisab.tenant_id', 'tenant-a', true)")
            updated = await connection.execute(
                "UPDATE invoices SET customer_id = 'stolen' WHERE tenant_id = 'tenant-b'"
            )
            deleted = await connection.execute("DELETE FROM invoice_lines WHERE tenant_id = 'tenant-b'")
            touched_all = await connection.execute("UPDATE counters SET value = value")
        # Tenant A's own counters only: its invoice number, its Mushak serial and its sales journal's number.
        assert (updated, deleted, touched_all) == ("UPDATE 0", "DELETE 0", "UPDATE 3")
        for statement in (
            "INSERT INTO counters (tenant_id, series, value) VALUES ('tenant-b', 'MUSHAK-2026', 1) "
            "ON CONFLICT (tenant_id, series) DO UPDATE SET value = counters.value + 1 RETURNING value",
            "INSERT INTO idempotency_keys (tenant_id, key, request_hash, invoice_id) "
            "VALUES ('tenant-b', 'k', 'h', 'i')",
            "INSERT INTO tenant_settings VALUES ('tenant-b', true, 'intruder', now())",
        ):
            with pytest.raises(asyncpg.InsufficientPrivilegeError, match="row-level security"):
                async with connection.transaction():
                    await connection.execute("SELECT set_config('hisab.tenant_id', 'tenant-a', true)")
                    await connection.execute(statement)
        after = await owner.fetch("SELECT * FROM counters WHERE tenant_id = 'tenant-b' ORDER BY series")
        assert before == after
        assert await owner.fetchval("SELECT count(*) FROM invoices WHERE customer_id = 'stolen'") == 0
    finally:
        await connection.close()
        await owner.close()


async def test_the_service_role_cannot_rewrite_or_erase_events(roles: PostgresRoles) -> None:
    connection = await asyncpg.connect(roles.app_url)
    try:
        for statement in ("UPDATE events SET user_id = 'someone-else'", "DELETE FROM events", "TRUNCATE events"):
            with pytest.raises(asyncpg.InsufficientPrivilegeError, match="permission denied"):
                async with connection.transaction():
                    await connection.execute("SELECT set_config('hisab.tenant_id', 'tenant-a', true)")
                    await connection.execute(statement)
    finally:
        await connection.close()


async def test_the_adapter_reads_and_writes_through_row_level_security(roles: PostgresRoles) -> None:
    database = await PostgresDatabase.open(roles.app_url, min_size=1, max_size=2)
    try:
        assert not await database.sees_every_tenant()
        async with database.transaction("tenant-a") as uow:
            assert await uow.idempotency.find("tenant-b", "key-tenant-b") is None
            found = await uow.idempotency.find("tenant-a", "key-tenant-a")
            assert isinstance(found, IdempotencyRecord)
            assert await invoicing(database).invoices.get("tenant-a", found.stream_id) is not None
        page = await invoicing(database).invoices.list(
            "tenant-a", filter=InvoiceFilter(), first=100, after_sequence=None
        )
        assert {view.tenant_id for view in page.invoices} == {"tenant-a"}
        assert page.total_count == 1
        with pytest.raises(RowSecurityError):
            await rebuild(database, verify_only=True)
    finally:
        await database.close()


async def test_the_owner_sees_every_tenant_and_may_rebuild(roles: PostgresRoles) -> None:
    database = await PostgresDatabase.open(roles.owner_url, min_size=1, max_size=2)
    try:
        assert await database.sees_every_tenant()
        assert await rebuild(database, verify_only=True) == []
    finally:
        await database.close()


async def test_a_pooled_connection_keeps_no_tenant_after_a_read(roles: PostgresRoles) -> None:
    """The pool skips asyncpg's session reset, which is safe only while the tenant ends with its transaction."""
    database = await PostgresDatabase.open(roles.app_url, min_size=1, max_size=1)
    try:
        page = await invoicing(database).invoices.list("tenant-a", filter=InvoiceFilter(), first=1, after_sequence=None)
        assert page.total_count == 1
        async with database._pool.acquire() as connection:
            assert await connection.fetchval("SELECT current_setting('hisab.tenant_id', true)") in (None, "")
            assert await connection.fetchval("SELECT count(*) FROM invoices") == 0
    finally:
        await database.close()


async def test_a_tenant_id_with_quotes_is_a_literal_not_sql(roles: PostgresRoles) -> None:
    database = await PostgresDatabase.open(roles.app_url, min_size=1, max_size=1)
    try:
        tricky = "tenant-a', true); SELECT set_config('hisab.tenant_id', 'tenant-b"
        page = await invoicing(database).invoices.list(tricky, filter=InvoiceFilter(), first=10, after_sequence=None)
        assert (page.invoices, page.total_count) == ([], 0)
        with pytest.raises(ValueError, match="NUL"):
            await invoicing(database).invoices.list(
                "tenant-a\x00", filter=InvoiceFilter(), first=10, after_sequence=None
            )
    finally:
        await database.close()


@pytest.fixture
def fresh_roles(postgres_database: str) -> Iterator[PostgresRoles]:
    """A database of this test's own, migrated to head, and a service role not yet granted anything."""
    name, role = f"hisab_grant_{uuid.uuid4().hex[:10]}", f"hisab_app_{uuid.uuid4().hex[:12]}"
    asyncio.run(admin_execute(f"CREATE DATABASE {name}"))
    asyncio.run(admin_execute(f"CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS"))
    url = database_named(ADMIN_URL, name)
    upgrade_to_head(url)
    owner = ADMIN_URL.split("://", 1)[1].split("@", 1)[0]
    try:
        yield PostgresRoles(url, url.replace(f"://{owner}@", f"://{role}@", 1), role)
    finally:
        asyncio.run(admin_execute(f"DROP DATABASE {name} WITH (FORCE)"))
        asyncio.run(admin_execute(f"DROP ROLE {role}"))


def _migrate_a_later_context(url: str, scripts: Path) -> None:
    """A migration after this release's head, as a new context would write it: a table and its tenant policy."""
    shutil.copytree(Path(migrations.__file__).parent, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    path = new_revision("Add the notes of a later context", script_location=str(scripts))
    later = """from hisab.infrastructure.migrations.ddl import tenant_row_security


def upgrade() -> None:
    op.execute("CREATE TABLE later_notes (tenant_id TEXT NOT NULL, note TEXT NOT NULL)")
    for statement in tenant_row_security("later_notes"):
        op.execute(statement)
"""
    path.write_text(path.read_text().replace("def upgrade() -> None:\n    pass\n", later, 1))
    command.upgrade(alembic_config(url, str(scripts)), "head")


async def _privileges(url: str, role: str, tables: tuple[str, ...]) -> dict[str, set[str]]:
    connection = await asyncpg.connect(url)
    try:
        return {
            table: {
                privilege
                for privilege in ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE")
                if await connection.fetchval("SELECT has_table_privilege($1, $2, $3)", role, table, privilege)
            }
            for table in tables
        }
    finally:
        await connection.close()


async def test_a_table_a_later_migration_creates_is_granted_like_a_read_model(
    fresh_roles: PostgresRoles, tmp_path: Path
) -> None:
    await asyncio.to_thread(_migrate_a_later_context, fresh_roles.owner_url, tmp_path / "migrations")

    await grant_app_role(fresh_roles.owner_url, fresh_roles.app_role)

    connection = await asyncpg.connect(fresh_roles.app_url)
    try:
        async with connection.transaction():
            await connection.execute("SELECT set_config('hisab.tenant_id', 'tenant-a', true)")
            await connection.execute("INSERT INTO later_notes VALUES ('tenant-a', 'first')")
            assert await connection.execute("UPDATE later_notes SET note = 'second'") == "UPDATE 1"
            assert await connection.fetchval("SELECT note FROM later_notes") == "second"
            assert await connection.execute("DELETE FROM later_notes") == "DELETE 1"
    finally:
        await connection.close()


async def test_the_event_store_keeps_its_narrower_privileges_and_events_stay_append_only(
    fresh_roles: PostgresRoles,
) -> None:
    await grant_app_role(fresh_roles.owner_url, fresh_roles.app_role)

    granted = await _privileges(
        fresh_roles.owner_url, fresh_roles.app_role,
        ("events", "counters", "idempotency_keys", "alembic_version", "relay_state", "invoices", "tenant_settings"),
    )  # fmt: skip

    assert granted == {
        "events": {"SELECT", "INSERT"},
        "counters": {"SELECT", "INSERT", "UPDATE"},
        "idempotency_keys": {"SELECT", "INSERT"},
        "alembic_version": {"SELECT"},
        "relay_state": set(),
        "invoices": {"SELECT", "INSERT", "UPDATE", "DELETE"},
        "tenant_settings": {"SELECT", "INSERT", "UPDATE", "DELETE"},
    }


async def test_a_tenant_owned_table_without_row_level_security_is_refused_not_granted(
    fresh_roles: PostgresRoles,
) -> None:
    owner = await asyncpg.connect(fresh_roles.owner_url)
    try:
        await owner.execute("CREATE TABLE careless_notes (tenant_id TEXT NOT NULL, note TEXT)")
    finally:
        await owner.close()

    with pytest.raises(UnprotectedTableError, match="careless_notes"):
        await grant_app_role(fresh_roles.owner_url, fresh_roles.app_role)

    assert (await _privileges(fresh_roles.owner_url, fresh_roles.app_role, ("invoices",)))["invoices"] == set()
