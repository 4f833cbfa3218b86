"""The service's own PostgreSQL role: the least it needs, granted by the owner after migrating.

The event store is append-only for the service: it may read and insert events, never change
or delete one. Row-level security (migration 0002) then limits every row to the tenant of
the transaction.
"""

from __future__ import annotations

import re

import asyncpg

APP_ROLE_PRIVILEGES = {
    "alembic_version": "SELECT",
    "events": "SELECT, INSERT",
    "invoices": "SELECT, INSERT, UPDATE, DELETE",
    "invoice_lines": "SELECT, INSERT, UPDATE, DELETE",
    "counters": "SELECT, INSERT, UPDATE",
    "idempotency_keys": "SELECT, INSERT",
    "supplier_profiles": "SELECT, INSERT, UPDATE",
    "tenant_settings": "SELECT, INSERT, UPDATE",
    "refresh_tokens_used": "SELECT, INSERT, DELETE",
    "refresh_token_families_revoked": "SELECT, INSERT, DELETE",
}
# Row-level security does not apply to superusers, BYPASSRLS roles, or whoever has the owner's privileges.
SEES_EVERY_TENANT = """
SELECT r.rolsuper OR r.rolbypassrls OR pg_has_role(current_user, c.relowner, 'USAGE')
FROM pg_roles r, pg_class c
WHERE r.rolname = current_user AND c.oid = 'events'::regclass
"""
_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def grant_statements(role: str) -> list[str]:
    """The GRANTs that give `role` what the service needs, and nothing more."""
    if not _ROLE_NAME.fullmatch(role):
        raise ValueError("a role name is lower-case letters, digits and underscores, starting with a letter")
    return [f'GRANT {privileges} ON {table} TO "{role}"' for table, privileges in APP_ROLE_PRIVILEGES.items()]


async def grant_app_role(owner_url: str, role: str) -> None:
    """Grant the service role its privileges; run as the tables' owner, after every migration."""
    connection = await asyncpg.connect(owner_url)
    try:
        async with connection.transaction():
            for statement in grant_statements(role):
                await connection.execute(statement)
    finally:
        await connection.close()
