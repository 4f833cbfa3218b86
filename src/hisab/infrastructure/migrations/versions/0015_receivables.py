"""Receivables: receipts, what each settles of which invoice, and each issued invoice's balance.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03

New tables, and a tenant setting (the write-off tolerance, 0.00 by default). Invoices issued before
this revision get their balance rows here, from the invoice read model (their grand total after
their notes), so that they can be paid at once; `hisab projections rebuild --verify` derives the
same rows from the events.
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres, tenant_row_security

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_RECEIPTS = """
    CREATE TABLE receipts (
        tenant_id TEXT NOT NULL,
        receipt_id TEXT NOT NULL,
        sequence {t.bigint} NOT NULL,
        receipt_number TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        customer_party_id TEXT,
        receipt_date {t.date} NOT NULL,
        method TEXT NOT NULL,
        amount_paisa {t.bigint} NOT NULL,
        allocated_paisa {t.bigint} NOT NULL,
        status TEXT NOT NULL,
        deposit_account_code TEXT,
        reference TEXT,
        cheque_number TEXT,
        cheque_bank TEXT,
        cheque_branch TEXT,
        cheque_date {t.date},
        wallet_provider TEXT,
        wallet_msisdn TEXT,
        wallet_transaction_id TEXT,
        recorded_by TEXT NOT NULL,
        recorded_at {t.timestamp} NOT NULL,
        version INTEGER NOT NULL,
        -- The receipt's date as a day number, for certificates to chase oldest first.
        receipt_day INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, receipt_id)
    )
"""
_SETTLEMENTS = """
    CREATE TABLE invoice_settlements (
        tenant_id TEXT NOT NULL,
        source_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        invoice_id TEXT NOT NULL,
        amount_paisa {t.bigint} NOT NULL,
        settled_on {t.date} NOT NULL,
        active {t.boolean} NOT NULL,
        withholding_id TEXT,
        certificate_number TEXT,
        certificate_date {t.date},
        PRIMARY KEY (tenant_id, source_id, position)
    )
"""
# The invoice's facts are null until its own stream is projected (a rebuild may replay a receipt first).
_BALANCES = """
    CREATE TABLE invoice_balances (
        tenant_id TEXT NOT NULL,
        invoice_id TEXT NOT NULL,
        sequence {t.bigint},
        customer_id TEXT,
        customer_party_id TEXT,
        mushak_number TEXT,
        issued_on {t.date},
        due_date {t.date},
        adjusted_total_paisa {t.bigint},
        adjusted_vat_paisa {t.bigint},
        cancelled {t.boolean},
        allocated_paisa {t.bigint} NOT NULL DEFAULT 0,
        withheld_vds_paisa {t.bigint} NOT NULL DEFAULT 0,
        withheld_ait_paisa {t.bigint} NOT NULL DEFAULT 0,
        written_off_paisa {t.bigint} NOT NULL DEFAULT 0,
        PRIMARY KEY (tenant_id, invoice_id)
    )
"""
_INDEXES = [
    "CREATE INDEX receipts_by_sequence ON receipts (tenant_id, sequence DESC)",
    "CREATE INDEX receipts_by_customer ON receipts (tenant_id, customer_id, sequence DESC)",
    # The usual duplicate entry: the same wallet transaction recorded twice (a reversed receipt's may be again).
    "CREATE UNIQUE INDEX receipts_by_wallet_transaction "
    "ON receipts (tenant_id, wallet_provider, wallet_transaction_id) WHERE status <> 'REVERSED'",
    "CREATE INDEX invoice_settlements_by_invoice ON invoice_settlements (tenant_id, invoice_id)",
    "CREATE INDEX invoice_balances_by_customer ON invoice_balances (tenant_id, customer_id, due_date)",
    "CREATE INDEX invoice_balances_by_due_date ON invoice_balances (tenant_id, due_date)",
]
_TABLES = ("receipts", "invoice_settlements", "invoice_balances")
# The grand total after notes, line by line, as the invoice read model keeps it.
_EXISTING = """
    INSERT INTO invoice_balances (tenant_id, invoice_id, sequence, customer_id, customer_party_id, mushak_number,
        issued_on, due_date, adjusted_total_paisa, adjusted_vat_paisa, cancelled)
    SELECT i.tenant_id, i.invoice_id, i.sequence, i.customer_id, i.customer_party_id, i.mushak_number,
        {issued_on}, i.due_date,
        coalesce(sum(l.value_paisa + l.supplementary_duty_paisa + l.vat_paisa
            - l.credited_value_paisa - l.credited_supplementary_duty_paisa - l.credited_vat_paisa
            + l.debited_value_paisa + l.debited_supplementary_duty_paisa + l.debited_vat_paisa), 0),
        coalesce(sum(l.vat_paisa - l.credited_vat_paisa + l.debited_vat_paisa), 0),
        i.status = 'CANCELLED'
    FROM invoices i LEFT JOIN invoice_lines l ON l.tenant_id = i.tenant_id AND l.invoice_id = i.invoice_id
    WHERE i.mushak_number IS NOT NULL
    GROUP BY i.tenant_id, i.invoice_id, i.sequence, i.customer_id, i.customer_party_id, i.mushak_number,
        i.issued_at, i.due_date, i.status
"""


def upgrade() -> None:
    types = column_types()
    statements = [_RECEIPTS.format(t=types), _SETTLEMENTS.format(t=types), _BALANCES.format(t=types), *_INDEXES]
    statements.append(
        f"ALTER TABLE tenant_settings ADD COLUMN write_off_tolerance_paisa {types.bigint} NOT NULL DEFAULT 0"
    )
    # The Dhaka date of issue, as the balances projection writes it.
    issued_on = "(i.issued_at AT TIME ZONE 'Asia/Dhaka')::date" if is_postgres() else "date(i.issued_at, '+6 hours')"
    statements.append(_EXISTING.format(issued_on=issued_on))
    if is_postgres():
        statements += [s for table in _TABLES for s in tenant_row_security(table)]
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    op.execute("ALTER TABLE tenant_settings DROP COLUMN write_off_tolerance_paisa")
    for table in reversed(_TABLES):
        op.execute(f"DROP TABLE {table}")
