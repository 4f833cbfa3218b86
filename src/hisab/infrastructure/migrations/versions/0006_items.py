"""Items: the item master's read model, one row per item of a tenant.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

`search_text` is the code, both names and the HS and service codes, lower-cased by the adapter,
so that one LIKE serves both databases. The code is unique within a tenant; the adapter turns
the index's refusal into a field error, which also settles two concurrent registrations.
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres, tenant_row_security

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_ITEMS = """
    CREATE TABLE items (
        tenant_id TEXT NOT NULL,
        item_id TEXT NOT NULL,
        sequence {t.bigint} NOT NULL,
        code TEXT NOT NULL,
        name TEXT NOT NULL,
        name_bn TEXT,
        hs_code TEXT,
        service_code TEXT,
        unit_of_supply TEXT,
        vat_category TEXT NOT NULL,
        vat_rate {t.decimal},
        supplementary_duty_rate {t.decimal} NOT NULL,
        unit_price_paisa {t.bigint} NOT NULL,
        active {t.boolean} NOT NULL,
        version INTEGER NOT NULL,
        created_at {t.timestamp} NOT NULL,
        updated_at {t.timestamp} NOT NULL,
        search_text TEXT NOT NULL,
        PRIMARY KEY (tenant_id, item_id)
    )
"""
_INDEXES = [
    "CREATE UNIQUE INDEX items_by_code ON items (tenant_id, code)",
    "CREATE INDEX items_by_sequence ON items (tenant_id, sequence DESC)",
]


def upgrade() -> None:
    statements = [_ITEMS.format(t=column_types()), *_INDEXES]
    if is_postgres():
        statements += tenant_row_security("items")
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE items")
