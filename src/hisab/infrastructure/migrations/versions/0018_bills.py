"""Bills received: each bill, its lines as the supplier's notes leave them, and the supplier's notes.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03

New tables only. A supplier's invoice is recorded once per supplier: a UNIQUE index on
(tenant, supplier party, supplier invoice number) backs the command's own check.
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres, tenant_row_security

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

_BILLS = """
    CREATE TABLE bills (
        tenant_id TEXT NOT NULL,
        bill_id TEXT NOT NULL,
        sequence {t.bigint} NOT NULL,
        bill_number TEXT NOT NULL,
        serial INTEGER NOT NULL,
        fiscal_year INTEGER NOT NULL,
        supplier_party_id TEXT NOT NULL,
        supplier_name TEXT NOT NULL,
        supplier_address TEXT,
        supplier_bin TEXT,
        supplier_tin TEXT,
        supplier_nid TEXT,
        supplier_invoice_number TEXT NOT NULL,
        supplier_invoice_date {t.date} NOT NULL,
        received_date {t.date} NOT NULL,
        due_date {t.date} NOT NULL,
        bill_of_entry_number TEXT,
        bill_of_entry_date {t.date},
        customs_house TEXT,
        reference TEXT,
        value_paisa {t.bigint} NOT NULL,
        supplementary_duty_paisa {t.bigint} NOT NULL,
        vat_paisa {t.bigint} NOT NULL,
        creditable_vat_paisa {t.bigint} NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at {t.timestamp} NOT NULL,
        version INTEGER NOT NULL,
        search_text TEXT NOT NULL,
        PRIMARY KEY (tenant_id, bill_id)
    )
"""
# Each line as recorded (recorded_*) and as the notes since leave it.
_LINES = """
    CREATE TABLE bill_lines (
        tenant_id TEXT NOT NULL,
        bill_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        line_id TEXT NOT NULL,
        description TEXT NOT NULL,
        item_id TEXT,
        hs_code TEXT,
        service_code TEXT,
        unit TEXT,
        vat_category TEXT NOT NULL,
        vat_rate {t.decimal} NOT NULL,
        claimed TEXT NOT NULL,
        input_credit TEXT NOT NULL,
        refusal_rule TEXT,
        refusal_message TEXT,
        account_code TEXT,
        project TEXT,
        recorded_quantity {t.decimal} NOT NULL,
        recorded_value_paisa {t.bigint} NOT NULL,
        recorded_supplementary_duty_paisa {t.bigint} NOT NULL,
        recorded_vat_paisa {t.bigint} NOT NULL,
        quantity {t.decimal} NOT NULL,
        value_paisa {t.bigint} NOT NULL,
        supplementary_duty_paisa {t.bigint} NOT NULL,
        vat_paisa {t.bigint} NOT NULL,
        creditable_vat_paisa {t.bigint} NOT NULL,
        PRIMARY KEY (tenant_id, bill_id, position)
    )
"""
_NOTES = """
    CREATE TABLE supplier_notes (
        tenant_id TEXT NOT NULL,
        note_id TEXT NOT NULL,
        bill_id TEXT NOT NULL,
        sequence {t.bigint} NOT NULL,
        kind TEXT NOT NULL,
        supplier_note_number TEXT NOT NULL,
        note_date {t.date} NOT NULL,
        reason TEXT NOT NULL,
        value_paisa {t.bigint} NOT NULL,
        supplementary_duty_paisa {t.bigint} NOT NULL,
        vat_paisa {t.bigint} NOT NULL,
        creditable_vat_paisa {t.bigint} NOT NULL,
        recorded_by TEXT NOT NULL,
        recorded_at {t.timestamp} NOT NULL,
        PRIMARY KEY (tenant_id, note_id)
    )
"""
_NOTE_LINES = """
    CREATE TABLE supplier_note_lines (
        tenant_id TEXT NOT NULL,
        note_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        bill_id TEXT NOT NULL,
        line_id TEXT NOT NULL,
        quantity {t.decimal},
        value_paisa {t.bigint} NOT NULL,
        supplementary_duty_paisa {t.bigint} NOT NULL,
        vat_paisa {t.bigint} NOT NULL,
        creditable_vat_paisa {t.bigint} NOT NULL,
        PRIMARY KEY (tenant_id, note_id, position)
    )
"""
_INDEXES = [
    "CREATE INDEX bills_by_sequence ON bills (tenant_id, sequence DESC)",
    # The list by received date (a register's or a period's bills), and a supplier's bills.
    "CREATE INDEX bills_by_received_date ON bills (tenant_id, received_date, sequence)",
    "CREATE INDEX bills_by_supplier ON bills (tenant_id, supplier_party_id, sequence DESC)",
    "CREATE UNIQUE INDEX bills_by_supplier_invoice ON bills (tenant_id, supplier_party_id, supplier_invoice_number)",
    "CREATE INDEX supplier_notes_by_bill ON supplier_notes (tenant_id, bill_id, sequence)",
]
_TABLES = ("bills", "bill_lines", "supplier_notes", "supplier_note_lines")


def upgrade() -> None:
    types = column_types()
    statements = [table.format(t=types) for table in (_BILLS, _LINES, _NOTES, _NOTE_LINES)] + _INDEXES
    if is_postgres():
        statements += [s for table in _TABLES for s in tenant_row_security(table)]
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    for table in reversed(_TABLES):
        op.execute(f"DROP TABLE {table}")
