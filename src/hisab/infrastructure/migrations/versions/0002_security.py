"""Security: tenant settings, used refresh tokens, and row-level security on PostgreSQL.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

Every tenant-owned table gets one policy: a row is visible and writable only while the
transaction's `hisab.tenant_id` setting names its tenant. The service sets it with
`set_config('hisab.tenant_id', …, true)` at the start of every transaction. Table owners,
superusers and BYPASSRLS roles are not subject to the policies (RLS is enabled, not forced):
migrations, projection rebuilds and the outbox relay run as such a role. SQLite has no row
security; its queries filter by tenant in the application (see docs/security.md).
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_CORE_TABLES = ("events", "invoices", "invoice_lines", "counters", "idempotency_keys")
_NEW_TABLES = ("tenant_settings", "refresh_tokens_used", "refresh_token_families_revoked")
TENANT_TABLES = (*_CORE_TABLES, *_NEW_TABLES)


def _tables(timestamp: str, now: str, boolean: str) -> list[str]:
    return [
        f"""
        CREATE TABLE tenant_settings (
            tenant_id TEXT PRIMARY KEY,
            creator_may_approve {boolean} NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at {timestamp} NOT NULL
        )
        """,
        f"""
        CREATE TABLE refresh_tokens_used (
            tenant_id TEXT NOT NULL,
            token_id TEXT NOT NULL,
            family_id TEXT NOT NULL,
            remember_until {timestamp} NOT NULL,
            used_at {timestamp} NOT NULL DEFAULT {now},
            PRIMARY KEY (tenant_id, token_id)
        )
        """,
        f"""
        CREATE TABLE refresh_token_families_revoked (
            tenant_id TEXT NOT NULL,
            family_id TEXT NOT NULL,
            remember_until {timestamp} NOT NULL,
            revoked_at {timestamp} NOT NULL DEFAULT {now},
            PRIMARY KEY (tenant_id, family_id)
        )
        """,
        "CREATE INDEX refresh_tokens_used_by_age ON refresh_tokens_used (remember_until)",
        "CREATE INDEX refresh_token_families_revoked_by_age ON refresh_token_families_revoked (remember_until)",
    ]


def _row_security(table: str) -> list[str]:
    tenant_is_current = "tenant_id = current_setting('hisab.tenant_id', true)"
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY tenant_isolation ON {table} USING ({tenant_is_current}) WITH CHECK ({tenant_is_current})",
    ]


def upgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        statements = _tables("TIMESTAMPTZ", "now()", "BOOLEAN")
        statements += [statement for table in TENANT_TABLES for statement in _row_security(table)]
    else:
        statements = _tables("TEXT", "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", "INTEGER")
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for table in _CORE_TABLES:
            op.execute(f"DROP POLICY tenant_isolation ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for table in _NEW_TABLES:
        op.execute(f"DROP TABLE {table}")
