"""The audit trail: one row per read of an audited reader (by default the VAT officer).

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-02

A new table only. It is a primary record, not a read model: no projection writes it and a
rebuild leaves it alone. `sequence` is given by the database, in the order reads are kept:
the newest-first order of `auditTrail` and its cursors. The JSON columns are text on both
databases, written by the adapter in one canonical form. The service role is granted only
SELECT and INSERT on it (`hisab migrate`), so the service can add to the trail but never
change or remove a read; pruning old reads is the operator's, as the owner.
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import append_only, column_types, is_postgres, tenant_row_security

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None

_AUDIT_READS = """
    CREATE TABLE audit_reads (
        sequence {sequence},
        tenant_id TEXT NOT NULL,
        read_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        roles TEXT NOT NULL,
        correlation_id TEXT NOT NULL,
        read_at {t.timestamp} NOT NULL,
        channel TEXT NOT NULL,
        operation TEXT,
        fields TEXT NOT NULL,
        records TEXT NOT NULL,
        error_codes TEXT NOT NULL
    )
"""
_INDEXES = [
    "CREATE INDEX audit_reads_by_sequence ON audit_reads (tenant_id, sequence)",
    "CREATE INDEX audit_reads_by_user ON audit_reads (tenant_id, user_id, sequence)",
]


def _sequence() -> str:
    """SQLite's AUTOINCREMENT must be the rowid primary key; PostgreSQL's is an identity."""
    if is_postgres():
        return "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
    return "INTEGER PRIMARY KEY AUTOINCREMENT"


def upgrade() -> None:
    statements = [_AUDIT_READS.format(t=column_types(), sequence=_sequence()), *_INDEXES]
    if is_postgres():
        statements += tenant_row_security("audit_reads")
        statements += append_only("audit_reads", "reads are kept, never changed or removed by the service")
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE audit_reads")
