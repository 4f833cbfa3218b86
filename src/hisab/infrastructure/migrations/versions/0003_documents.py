"""Documents: the buyer on invoices, how often each was printed, and the supplier profiles.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

Existing invoices have no buyer fields (their InvoiceCreated.v1 events are read with none) and
have never been printed, so the new columns' empty values are what a rebuild would write.
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres, tenant_row_security

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_INVOICE_COLUMNS = [
    "ALTER TABLE invoices ADD COLUMN buyer_name TEXT",
    "ALTER TABLE invoices ADD COLUMN buyer_address TEXT",
    "ALTER TABLE invoices ADD COLUMN delivery_destination TEXT",
    "ALTER TABLE invoices ADD COLUMN print_count INTEGER NOT NULL DEFAULT 0",
]

# `issuing_units` is the units as JSON text, written in one canonical form by the adapters so
# that a rebuild can compare rows as text on both databases.
_PROFILES = """
    CREATE TABLE supplier_profiles (
        tenant_id TEXT NOT NULL PRIMARY KEY,
        name TEXT NOT NULL,
        bin TEXT NOT NULL,
        issuing_units TEXT NOT NULL,
        officer_name TEXT NOT NULL,
        officer_designation TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at {t.timestamp} NOT NULL,
        updated_by TEXT NOT NULL
    )
"""


def upgrade() -> None:
    statements = [*_INVOICE_COLUMNS, _PROFILES.format(t=column_types())]
    # Like every tenant-owned table (migration 0002), profiles are visible only to their tenant.
    if is_postgres():
        statements += tenant_row_security("supplier_profiles")
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE supplier_profiles")
    for column in ("print_count", "delivery_destination", "buyer_address", "buyer_name"):
        op.execute(f"ALTER TABLE invoices DROP COLUMN {column}")
