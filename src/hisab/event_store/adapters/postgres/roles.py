"""The service's own PostgreSQL role: the least it needs, granted by the owner after migrating.

The event store's tables are granted by name, each narrower than a read model: the event store
is append-only for the service, which may read and insert events, never change or delete one.
Every other table of the schema (read models, settings, the refresh-token ledgers) is found in
the catalog when `hisab migrate` grants, and gets the read-model privileges, or the event log's own (read and
insert) if its migration marked it append-only with a comment (`ddl.append_only`): a context that
adds a table in its migration needs no line here. Row-level security (migration 0002) then limits
every row to the tenant of the transaction, so a tenant-owned table without its policy is
refused rather than granted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import asyncpg

EVENT_STORE_PRIVILEGES = {
    "events": "SELECT, INSERT",  # history is never rewritten or erased
    "counters": "SELECT, INSERT, UPDATE",  # a number once taken is never given back
    "idempotency_keys": "SELECT, INSERT",  # a key answers for its first request for good
    "alembic_version": "SELECT",  # the service checks the schema; only `hisab migrate` moves it
}
# The relay's position and lease: the relay connects as the owner or a role of its own (docs/events.md).
NOT_GRANTED = frozenset({"relay_state"})
READ_MODEL_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"
# The comment a migration puts on a table of its own that the service may only add to (an audit trail).
APPEND_ONLY_COMMENT = "hisab: append-only"
APPEND_ONLY_PRIVILEGES = "SELECT, INSERT"

# Row-level security does not apply to superusers, BYPASSRLS roles, or whoever has the owner's privileges.
SEES_EVERY_TENANT = """
SELECT r.rolsuper OR r.rolbypassrls OR pg_has_role(current_user, c.relowner, 'USAGE')
FROM pg_roles r, pg_class c
WHERE r.rolname = current_user AND c.oid = 'events'::regclass
"""
_TABLES = """
SELECT t.tablename AS name, t.rowsecurity AS row_security,
       EXISTS (SELECT FROM pg_attribute a
               WHERE a.attrelid = format('%I.%I', t.schemaname, t.tablename)::regclass
                 AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS per_tenant,
       coalesce(obj_description(format('%I.%I', t.schemaname, t.tablename)::regclass, 'pg_class'), '')
           LIKE $1 || '%' AS append_only
FROM pg_tables t
WHERE t.schemaname = current_schema()
ORDER BY t.tablename
"""
_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


@dataclass(frozen=True, slots=True)
class Table:
    """A table of the schema as the catalog describes it."""

    name: str
    per_tenant: bool  # it has a tenant_id column
    row_security: bool
    append_only: bool = False  # its migration marked it so


class UnprotectedTableError(Exception):
    """A tenant-owned table has no row-level security: granting it would let tenants see each other's rows."""


def grant_statements(role: str, tables: Iterable[Table]) -> list[str]:
    """The GRANTs that give `role` what the service needs on `tables`, and nothing more."""
    if not _ROLE_NAME.fullmatch(role):
        raise ValueError("a role name is lower-case letters, digits and underscores, starting with a letter")
    statements = []
    for table in tables:
        if table.name in NOT_GRANTED:
            continue
        if table.per_tenant and not table.row_security:
            raise UnprotectedTableError(
                f"table {table.name} has a tenant_id column but no row-level security: its migration must "
                "add the tenant policy (hisab.infrastructure.migrations.ddl.tenant_row_security)"
            )
        own = APPEND_ONLY_PRIVILEGES if table.append_only else READ_MODEL_PRIVILEGES
        privileges = EVENT_STORE_PRIVILEGES.get(table.name, own)
        statements.append(f'GRANT {privileges} ON {_identifier(table.name)} TO "{role}"')
    return statements


def _identifier(name: str) -> str:
    """A catalog's table name as SQL: quoted, so whatever a migration named it stays a name."""
    return '"' + name.replace('"', '""') + '"'


async def grant_app_role(owner_url: str, role: str) -> None:
    """Grant the service role its privileges on every table there is; run as the owner, after every migration."""
    connection = await asyncpg.connect(owner_url)
    try:
        async with connection.transaction():
            rows = await connection.fetch(_TABLES, APPEND_ONLY_COMMENT)
            tables = [Table(row["name"], row["per_tenant"], row["row_security"], row["append_only"]) for row in rows]
            for statement in grant_statements(role, tables):
                await connection.execute(statement)
    finally:
        await connection.close()
