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

from hisab.infrastructure.migrations.ddl import column_types, is_postgres, tenant_row_security

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_CORE_TABLES = ("events", "invoices", "invoice_lines", "counters", "idempotency_keys")
_NEW_TABLES = ("tenant_settings", "refresh_tokens_used", "refresh_token_families_revoked")
TENANT_TABLES = (*_CORE_TABLES, *_NEW_TABLES)

# SQLite keeps each CREATE TABLE as written, white space and all: this is the released text.
_TABLES = [
    """
        CREATE TABLE tenant_settings (
            tenant_id TEXT PRIMARY KEY,
            creator_may_approve {t.boolean} NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at {t.timestamp} NOT NULL
        )
    """,
    """
        CREATE TABLE refresh_tokens_used (
            tenant_id TEXT NOT NULL,
            token_id TEXT NOT NULL,
            family_id TEXT NOT NULL,
            remember_until {t.timestamp} NOT NULL,
            used_at {t.timestamp} NOT NULL DEFAULT {t.now},
            PRIMARY KEY (tenant_id, token_id)
        )
    """,
    """
        CREATE TABLE refresh_token_families_revoked (
            tenant_id TEXT NOT NULL,
            family_id TEXT NOT NULL,
            remember_until {t.timestamp} NOT NULL,
            revoked_at {t.timestamp} NOT NULL DEFAULT {t.now},
            PRIMARY KEY (tenant_id, family_id)
        )
    """,
]
_INDEXES = [
    "CREATE INDEX refresh_tokens_used_by_age ON refresh_tokens_used (remember_until)",
    "CREATE INDEX refresh_token_families_revoked_by_age ON refresh_token_families_revoked (remember_until)",
]


def upgrade() -> None:
    types = column_types()
    statements = [*(table.format(t=types) for table in _TABLES), *_INDEXES]
    if is_postgres():
        statements += [statement for table in TENANT_TABLES for statement in tenant_row_security(table)]
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if is_postgres():
        for table in _CORE_TABLES:
            op.execute(f"DROP POLICY tenant_isolation ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
    for table in _NEW_TABLES:
        op.execute(f"DROP TABLE {table}")
