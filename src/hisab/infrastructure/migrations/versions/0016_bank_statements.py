"""Bank statements: each imported statement and its lines, with the receipt each line is matched to.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03

New tables only. A statement's digest is unique per tenant (the same statement is imported once),
and so is the receipt a line is matched to (a receipt is reconciled against one line at most).
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres, tenant_row_security

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_STATEMENTS = """
    CREATE TABLE bank_statements (
        tenant_id TEXT NOT NULL,
        statement_id TEXT NOT NULL,
        sequence {t.bigint} NOT NULL,
        account_code TEXT NOT NULL,
        default_bank {t.boolean} NOT NULL,
        source_format TEXT NOT NULL,
        digest TEXT NOT NULL,
        period_from {t.date} NOT NULL,
        period_to {t.date} NOT NULL,
        opening_balance_paisa {t.bigint},
        closing_balance_paisa {t.bigint},
        line_count INTEGER NOT NULL,
        matched_count INTEGER NOT NULL,
        credit_total_paisa {t.bigint} NOT NULL,
        debit_total_paisa {t.bigint} NOT NULL,
        imported_by TEXT NOT NULL,
        imported_at {t.timestamp} NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, statement_id)
    )
"""
_LINES = """
    CREATE TABLE bank_statement_lines (
        tenant_id TEXT NOT NULL,
        line_id TEXT NOT NULL,
        statement_id TEXT NOT NULL,
        sequence {t.bigint} NOT NULL,
        booked_on {t.date} NOT NULL,
        amount_paisa {t.bigint} NOT NULL,
        reference TEXT,
        description TEXT NOT NULL,
        balance_paisa {t.bigint},
        receipt_id TEXT,
        matched_how TEXT,
        PRIMARY KEY (tenant_id, line_id)
    )
"""
_INDEXES = [
    "CREATE INDEX bank_statements_by_sequence ON bank_statements (tenant_id, sequence DESC)",
    "CREATE UNIQUE INDEX bank_statements_by_digest ON bank_statements (tenant_id, digest)",
    "CREATE INDEX bank_statement_lines_by_sequence ON bank_statement_lines (tenant_id, sequence)",
    "CREATE INDEX bank_statement_lines_by_statement ON bank_statement_lines (tenant_id, statement_id, sequence)",
    # Unmatched lines have no receipt: NULLs are distinct, so only matched lines are unique.
    "CREATE UNIQUE INDEX bank_statement_lines_by_receipt ON bank_statement_lines (tenant_id, receipt_id)",
]
_TABLES = ("bank_statements", "bank_statement_lines")


def upgrade() -> None:
    types = column_types()
    statements = [_STATEMENTS.format(t=types), _LINES.format(t=types), *_INDEXES]
    if is_postgres():
        statements += [s for table in _TABLES for s in tenant_row_security(table)]
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    for table in reversed(_TABLES):
        op.execute(f"DROP TABLE {table}")
