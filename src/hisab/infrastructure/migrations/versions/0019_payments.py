"""Payments to suppliers: what each settles of which bill, the tax withheld, the Mushak-6.6s, deposits, payables.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03

New tables only. `bill_payables` has two kinds of column, as `invoice_balances` has: the bill's own
facts, from its stream (null until that stream is projected: a rebuild may replay a payment first),
and the sums of what payments settled of it, recomputed from `payment_allocations` and
`payment_withholdings` whenever a payment of the bill is recorded.
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres, tenant_row_security

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

_PAYMENTS = """
    CREATE TABLE payments (
        tenant_id TEXT NOT NULL,
        payment_id TEXT NOT NULL,
        sequence {t.bigint} NOT NULL,
        payment_number TEXT NOT NULL,
        supplier_party_id TEXT NOT NULL,
        supplier_name TEXT NOT NULL,
        supplier_address TEXT,
        supplier_bin TEXT,
        supplier_tin TEXT,
        supplier_nid TEXT,
        payment_date {t.date} NOT NULL,
        method TEXT NOT NULL,
        amount_paisa {t.bigint} NOT NULL,
        paid_from_account_code TEXT,
        reference TEXT,
        certificate_id TEXT,
        certificate_number TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at {t.timestamp} NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, payment_id)
    )
"""
_ALLOCATIONS = """
    CREATE TABLE payment_allocations (
        tenant_id TEXT NOT NULL,
        payment_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        bill_id TEXT NOT NULL,
        amount_paisa {t.bigint} NOT NULL,
        credit_reversed_paisa {t.bigint} NOT NULL,
        PRIMARY KEY (tenant_id, payment_id, position)
    )
"""
_WITHHOLDINGS = """
    CREATE TABLE payment_withholdings (
        tenant_id TEXT NOT NULL,
        payment_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        withholding_id TEXT NOT NULL,
        bill_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        rate {t.decimal},
        base_paisa {t.bigint} NOT NULL,
        amount_paisa {t.bigint} NOT NULL,
        service_code TEXT,
        PRIMARY KEY (tenant_id, payment_id, position)
    )
"""
_CERTIFICATES = """
    CREATE TABLE vds_certificates (
        tenant_id TEXT NOT NULL,
        certificate_id TEXT NOT NULL,
        sequence {t.bigint} NOT NULL,
        payment_id TEXT NOT NULL,
        certificate_number TEXT NOT NULL,
        serial {t.bigint} NOT NULL,
        fiscal_year INTEGER NOT NULL,
        issued_on {t.date} NOT NULL,
        supplier_party_id TEXT NOT NULL,
        PRIMARY KEY (tenant_id, certificate_id)
    )
"""
_CERTIFICATE_ROWS = """
    CREATE TABLE vds_certificate_rows (
        tenant_id TEXT NOT NULL,
        certificate_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        bill_id TEXT NOT NULL,
        supplier_invoice_number TEXT NOT NULL,
        supplier_invoice_date {t.date} NOT NULL,
        total_value_paisa {t.bigint} NOT NULL,
        vat_paisa {t.bigint} NOT NULL,
        deducted_paisa {t.bigint} NOT NULL,
        PRIMARY KEY (tenant_id, certificate_id, position)
    )
"""
_PAYABLES = """
    CREATE TABLE bill_payables (
        tenant_id TEXT NOT NULL,
        bill_id TEXT NOT NULL,
        sequence {t.bigint},
        bill_number TEXT,
        supplier_party_id TEXT,
        supplier_invoice_number TEXT,
        total_paisa {t.bigint},
        paid_paisa {t.bigint} NOT NULL DEFAULT 0,
        vds_paisa {t.bigint} NOT NULL DEFAULT 0,
        tds_paisa {t.bigint} NOT NULL DEFAULT 0,
        credit_reversed_paisa {t.bigint} NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, bill_id)
    )
"""
_DEPOSITS = """
    CREATE TABLE withholding_deposits (
        tenant_id TEXT NOT NULL,
        deposit_id TEXT NOT NULL,
        sequence {t.bigint} NOT NULL,
        kind TEXT NOT NULL,
        challan_number TEXT NOT NULL,
        deposit_date {t.date} NOT NULL,
        amount_paisa {t.bigint} NOT NULL,
        paid_from_account_code TEXT,
        PRIMARY KEY (tenant_id, deposit_id)
    )
"""
_INDEXES = [
    "CREATE INDEX payments_by_sequence ON payments (tenant_id, sequence DESC)",
    "CREATE INDEX payments_by_supplier ON payments (tenant_id, supplier_party_id, sequence DESC)",
    "CREATE INDEX payment_allocations_by_bill ON payment_allocations (tenant_id, bill_id)",
    "CREATE INDEX payment_withholdings_by_bill ON payment_withholdings (tenant_id, bill_id)",
    "CREATE INDEX vds_certificates_by_sequence ON vds_certificates (tenant_id, sequence DESC)",
    "CREATE INDEX bill_payables_by_supplier ON bill_payables (tenant_id, supplier_party_id, sequence DESC)",
]
_TABLES = (
    "payments", "payment_allocations", "payment_withholdings", "vds_certificates", "vds_certificate_rows",
    "bill_payables", "withholding_deposits",
)  # fmt: skip


def upgrade() -> None:
    types = column_types()
    tables = (_PAYMENTS, _ALLOCATIONS, _WITHHOLDINGS, _CERTIFICATES, _CERTIFICATE_ROWS, _PAYABLES, _DEPOSITS)
    statements = [table.format(t=types) for table in tables] + _INDEXES
    if is_postgres():
        statements += [s for table in _TABLES for s in tenant_row_security(table)]
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    for table in reversed(_TABLES):
        op.execute(f"DROP TABLE {table}")
