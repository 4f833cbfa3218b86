"""Imports: the bulk imports' read model, one row per import of a tenant.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02

`processed` is the count of records committed so far: each batch commits with the event that
counts it, so a reader polling `GET /imports/{id}` sees exactly what is written.
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres, tenant_row_security

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_IMPORTS = """
    CREATE TABLE imports (
        tenant_id TEXT NOT NULL,
        import_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        total INTEGER NOT NULL,
        row_count INTEGER NOT NULL,
        processed INTEGER NOT NULL,
        reason TEXT,
        file_sha256 TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at {t.timestamp} NOT NULL,
        updated_at {t.timestamp} NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, import_id)
    )
"""


def upgrade() -> None:
    statements = [_IMPORTS.format(t=column_types())]
    if is_postgres():
        statements += tenant_row_security("imports")
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE imports")
