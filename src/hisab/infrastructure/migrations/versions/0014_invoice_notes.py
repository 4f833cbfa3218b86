"""Credit and debit notes (Mushak-6.7, 6.8): one row per note and one per line it changes, and what
each invoice line carries after its notes; a tenant's limit on the age of an invoice a note may adjust.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03

New tables, and new columns of `invoice_lines` that default to zero: no invoice had a note before
this revision, so no rebuild is needed. Amounts are integer paisa, quantities exact decimals.
`sequence` is the issuing event's position, for newest-first pages.
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres, tenant_row_security

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_NOTES = """
    CREATE TABLE invoice_notes (
        tenant_id TEXT NOT NULL,
        note_id TEXT NOT NULL,
        sequence {t.bigint} NOT NULL,
        kind TEXT NOT NULL,
        note_number TEXT NOT NULL,
        serial INTEGER NOT NULL,
        fiscal_year INTEGER NOT NULL,
        invoice_id TEXT NOT NULL,
        invoice_number TEXT NOT NULL,
        invoice_mushak_number TEXT NOT NULL,
        invoice_issued_at {t.timestamp} NOT NULL,
        customer_id TEXT NOT NULL,
        customer_party_id TEXT,
        buyer_name TEXT,
        buyer_bin TEXT,
        buyer_address TEXT,
        vendor_bin TEXT,
        currency TEXT NOT NULL,
        note_date {t.date} NOT NULL,
        issued_at {t.timestamp} NOT NULL,
        issued_by TEXT NOT NULL,
        reason TEXT NOT NULL,
        reason_text TEXT,
        value_paisa {t.bigint} NOT NULL,
        supplementary_duty_paisa {t.bigint} NOT NULL,
        vat_paisa {t.bigint} NOT NULL,
        print_count INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, note_id)
    )
"""
_LINES = """
    CREATE TABLE invoice_note_lines (
        tenant_id TEXT NOT NULL,
        note_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        line_id TEXT NOT NULL,
        description TEXT NOT NULL,
        unit_of_supply TEXT,
        hs_code TEXT,
        service_code TEXT,
        vat_category TEXT NOT NULL,
        unit_price_paisa {t.bigint} NOT NULL,
        supplementary_duty_rate {t.decimal} NOT NULL,
        vat_rate {t.decimal} NOT NULL,
        before_quantity {t.decimal} NOT NULL,
        before_value_paisa {t.bigint} NOT NULL,
        before_supplementary_duty_paisa {t.bigint} NOT NULL,
        before_vat_paisa {t.bigint} NOT NULL,
        quantity {t.decimal} NOT NULL,
        value_paisa {t.bigint} NOT NULL,
        supplementary_duty_paisa {t.bigint} NOT NULL,
        vat_paisa {t.bigint} NOT NULL,
        PRIMARY KEY (tenant_id, note_id, position)
    )
"""
_INDEXES = [
    "CREATE UNIQUE INDEX invoice_notes_by_number ON invoice_notes (tenant_id, kind, note_number)",
    "CREATE INDEX invoice_notes_by_sequence ON invoice_notes (tenant_id, kind, sequence DESC)",
    "CREATE INDEX invoice_notes_by_invoice ON invoice_notes (tenant_id, invoice_id)",
    "CREATE INDEX invoice_notes_by_date ON invoice_notes (tenant_id, kind, note_date)",
]
_TABLES = ("invoice_notes", "invoice_note_lines")
# What credit notes took off each invoice line, and what debit notes added to it.
_LINE_COLUMNS = [
    f"{kind}_{figure}"
    for kind in ("credited", "debited")
    for figure in ("quantity", "value_paisa", "supplementary_duty_paisa", "vat_paisa")
]


def upgrade() -> None:
    types = column_types()
    statements = [_NOTES.format(t=types), _LINES.format(t=types), *_INDEXES]
    for column in _LINE_COLUMNS:
        kind = types.decimal if column.endswith("quantity") else types.bigint
        default = "'0'" if kind == "TEXT" else "0"
        statements.append(f"ALTER TABLE invoice_lines ADD COLUMN {column} {kind} NOT NULL DEFAULT {default}")
    # A tenant's limit on how old an invoice may be for a note against it; none by default.
    statements.append("ALTER TABLE tenant_settings ADD COLUMN note_max_invoice_age_days INTEGER")
    if is_postgres():
        statements += [s for table in _TABLES for s in tenant_row_security(table)]
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    op.execute("ALTER TABLE tenant_settings DROP COLUMN note_max_invoice_age_days")
    for column in reversed(_LINE_COLUMNS):
        op.execute(f"ALTER TABLE invoice_lines DROP COLUMN {column}")
    for table in reversed(_TABLES):
        op.execute(f"DROP TABLE {table}")
