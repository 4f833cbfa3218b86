"""The audit trail on every backend: the fake, SQLite and PostgreSQL keep and page the same reads.

On PostgreSQL the service role may only read and insert the trail, and only its tenant's rows.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import asyncpg
import pytest

from hisab.audit.application.dependencies import Audit
from hisab.audit.application.reads import ListReads, ReadMade, encode_audit_cursor, list_reads, record_read
from hisab.audit.domain.reads import AuditedRead, AuditFilter, Channel, FieldRead, RecordRead
from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.adapters.postgres.roles import Table, grant_statements
from hisab.event_store.ports import Database
from hisab.kernel.errors import InvalidCursorError, InvalidInputError
from tests.builders import actor, rebuild, services
from tests.conftest import PostgresRoles

OFFICER = ["vat_officer"]


def _read(number: int = 1) -> ReadMade:
    arguments = {"first": 10, "filter": {"search": "করিম স্টিল", "kind": ["CUSTOMER"], "active": None}}
    return ReadMade(
        Channel.GRAPHQL,
        f"Look{number}",
        (FieldRead("parties", arguments), FieldRead("invoice", {"id": f"inv-{number}"}, alias="one")),
        (RecordRead("Party", "p-1"), RecordRead("Invoice", f"inv-{number}")),
        ("NOT_FOUND",),
    )


async def _keep(audit: Audit, tenant: str, user: str, count: int) -> list[AuditedRead]:
    return [await record_read(_read(n), actor(tenant, user), OFFICER, audit) for n in range(1, count + 1)]


async def test_a_kept_read_reads_back_whole_newest_first(database: Database[Any]) -> None:
    audit = services(database).get(Audit)
    kept = await _keep(audit, "tenant-a", "officer-1", 3)

    page = await list_reads(ListReads(), actor("tenant-a", "admin-1"), audit)

    assert [entry.read for entry in page.entries] == kept[::-1]
    assert (page.total_count, page.has_next_page) == (3, False)
    first = page.entries[-1].read
    assert first.fields[0].arguments == {
        "first": 10, "filter": {"search": "করিম স্টিল", "kind": ["CUSTOMER"], "active": None}
    }  # fmt: skip
    assert (first.fields[1].alias, first.channel, first.roles) == ("one", Channel.GRAPHQL, ("vat_officer",))


async def test_pages_follow_their_cursors_and_count_every_match(database: Database[Any]) -> None:
    audit = services(database).get(Audit)
    kept = await _keep(audit, "tenant-a", "officer-1", 5)
    admin = actor("tenant-a", "admin-1")

    first = await list_reads(ListReads(first=2), admin, audit)
    second = await list_reads(ListReads(first=2, after=encode_audit_cursor(first.entries[-1])), admin, audit)
    last = await list_reads(ListReads(first=2, after=encode_audit_cursor(second.entries[-1])), admin, audit)

    assert [e.read for e in (*first.entries, *second.entries, *last.entries)] == kept[::-1]
    assert [p.has_next_page for p in (first, second, last)] == [True, True, False]
    assert {p.total_count for p in (first, second, last)} == {5}


async def test_the_filter_picks_a_user_and_a_span_both_ends_inclusive(database: Database[Any]) -> None:
    audit = services(database).get(Audit)
    one = await _keep(audit, "tenant-a", "officer-1", 3)
    two = await _keep(audit, "tenant-a", "officer-2", 1)
    admin = actor("tenant-a", "admin-1")

    by_user = await list_reads(ListReads(AuditFilter(user_id="officer-2")), admin, audit)
    span = AuditFilter(read_from=one[1].read_at, read_to=two[0].read_at)
    in_span = await list_reads(ListReads(span), admin, audit)
    after_all = await list_reads(ListReads(AuditFilter(read_from=two[0].read_at + timedelta(seconds=1))), admin, audit)

    assert [e.read for e in by_user.entries] == two
    assert [e.read for e in in_span.entries] == [two[0], one[2], one[1]]
    assert (after_all.entries, after_all.total_count) == ([], 0)


async def test_tenants_see_only_their_own_reads(database: Database[Any]) -> None:
    audit = services(database).get(Audit)
    await _keep(audit, "tenant-a", "officer-1", 2)

    page = await list_reads(ListReads(), actor("tenant-b", "admin-1"), audit)

    assert (page.entries, page.total_count) == ([], 0)


async def test_a_bad_filter_or_cursor_is_refused_before_reading(database: Database[Any]) -> None:
    audit = services(database).get(Audit)
    [kept] = await _keep(audit, "tenant-a", "officer-1", 1)
    admin = actor("tenant-a", "admin-1")

    with pytest.raises(InvalidInputError):
        await list_reads(
            ListReads(AuditFilter(read_from=kept.read_at, read_to=kept.read_at - timedelta(1))), admin, audit
        )
    with pytest.raises(InvalidCursorError):
        await list_reads(ListReads(after="cGFydHk6MQ=="), admin, audit)


async def test_a_rebuild_of_the_read_models_leaves_the_trail_as_it_was(database: Database[Any]) -> None:
    audit = services(database).get(Audit)
    kept = await _keep(audit, "tenant-a", "officer-1", 2)

    assert await rebuild(database, verify_only=False) == []

    page = await list_reads(ListReads(), actor("tenant-a", "admin-1"), audit)
    assert [e.read for e in page.entries] == kept[::-1]


@pytest.fixture
async def as_service(postgres_url: str, postgres_roles: PostgresRoles) -> AsyncIterator[Database[Any]]:
    database = await PostgresDatabase.open(postgres_roles.app_url, min_size=1, max_size=2)
    yield database
    await database.close()


async def _as_service_role(roles: PostgresRoles, tenant_id: str, statement: str) -> str:
    connection = await asyncpg.connect(roles.app_url)
    try:
        async with connection.transaction():
            await connection.execute("SELECT set_config('hisab.tenant_id', $1, true)", tenant_id)
            return str(await connection.execute(statement))
    finally:
        await connection.close()


@pytest.mark.postgres
async def test_the_service_role_keeps_and_reads_its_tenants_reads_and_no_others(
    as_service: Database[Any], postgres_roles: PostgresRoles
) -> None:
    audit = services(as_service).get(Audit)
    await _keep(audit, "tenant-a", "officer-1", 2)

    assert (await list_reads(ListReads(), actor("tenant-a", "admin-1"), audit)).total_count == 2
    assert await _as_service_role(postgres_roles, "tenant-b", "SELECT * FROM audit_reads") == "SELECT 0"
    insert = (
        "INSERT INTO audit_reads (tenant_id, read_id, user_id, roles, correlation_id, read_at, channel, fields, "
        "records, error_codes) VALUES ('tenant-a', 'r', 'u', '[]', 'c', now(), 'HTTP', '[]', '[]', '[]')"
    )
    with pytest.raises(asyncpg.InsufficientPrivilegeError, match="row-level security"):
        await _as_service_role(postgres_roles, "tenant-b", insert)


@pytest.mark.postgres
@pytest.mark.parametrize("statement", ["UPDATE audit_reads SET user_id = 'someone-else'", "DELETE FROM audit_reads"])
async def test_the_service_role_may_never_change_or_remove_a_kept_read(
    as_service: Database[Any], postgres_roles: PostgresRoles, statement: str
) -> None:
    await _keep(services(as_service).get(Audit), "tenant-a", "officer-1", 1)

    with pytest.raises(asyncpg.InsufficientPrivilegeError, match="permission denied for table audit_reads"):
        await _as_service_role(postgres_roles, "tenant-a", statement)


def test_a_table_marked_append_only_is_granted_only_select_and_insert() -> None:
    tables = [Table("audit_reads", True, True, append_only=True), Table("parties", True, True)]

    assert grant_statements("hisab_app", tables) == [
        'GRANT SELECT, INSERT ON "audit_reads" TO "hisab_app"',
        'GRANT SELECT, INSERT, UPDATE, DELETE ON "parties" TO "hisab_app"',
    ]
