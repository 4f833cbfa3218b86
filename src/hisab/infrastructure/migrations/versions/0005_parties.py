"""Parties: the customers and suppliers of the party master, one row per party.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

A new table only: no party exists before this revision, so nothing needs replaying.
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres, tenant_row_security

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# `search_text` is the code, both names and the BIN, lower-cased: what `parties(filter: {search})`
# matches with LIKE. `sequence` is the registering event's position, for newest-first keyset pages.
_PARTIES = """
    CREATE TABLE parties (
        tenant_id TEXT NOT NULL,
        party_id TEXT NOT NULL,
        sequence {t.bigint} NOT NULL,
        code TEXT NOT NULL,
        is_customer {t.boolean} NOT NULL,
        is_supplier {t.boolean} NOT NULL,
        legal_name TEXT NOT NULL,
        legal_name_bn TEXT,
        bin TEXT,
        tin TEXT,
        nid TEXT,
        address TEXT,
        address_bn TEXT,
        phone TEXT,
        email TEXT,
        withholding_entity {t.boolean} NOT NULL,
        credit_days INTEGER NOT NULL,
        credit_limit {t.decimal} NOT NULL,
        active {t.boolean} NOT NULL,
        version INTEGER NOT NULL,
        created_at {t.timestamp} NOT NULL,
        updated_at {t.timestamp} NOT NULL,
        search_text TEXT NOT NULL,
        PRIMARY KEY (tenant_id, party_id)
    )
"""
_INDEXES = [
    # A code names one party of a tenant; the party projection reports a clash as `code`/`unique`.
    "CREATE UNIQUE INDEX parties_by_code ON parties (tenant_id, code)",
    "CREATE INDEX parties_by_sequence ON parties (tenant_id, sequence DESC)",
]


def upgrade() -> None:
    statements = [_PARTIES.format(t=column_types()), *_INDEXES]
    if is_postgres():
        statements += tenant_row_security("parties")
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE parties")
