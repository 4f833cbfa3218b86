"""VAT returns: each tax period's return as last recorded (its frozen figures, status, submission), and
the treasury deposits for each period.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03

New tables only. The period lock reads the filed rows of `vat_returns` inside every document's
transaction, by tenant and dates: the primary key leads with the tenant, and a tenant has few returns.
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres, tenant_row_security

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

_RETURNS = """
    CREATE TABLE vat_returns (
        tenant_id TEXT NOT NULL,
        period TEXT NOT NULL,
        status TEXT NOT NULL,
        return_type TEXT NOT NULL,
        starts_on {t.date},
        ends_on {t.date},
        due_on {t.date},
        nil {t.boolean} NOT NULL,
        entry_count INTEGER NOT NULL,
        figures TEXT,
        prepared_at {t.timestamp},
        prepared_by TEXT,
        submitted_at {t.timestamp},
        submission_reference TEXT,
        checks TEXT NOT NULL,
        overrides TEXT NOT NULL,
        amendments INTEGER NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, period)
    )
"""
_DEPOSITS = """
    CREATE TABLE vat_deposits (
        tenant_id TEXT NOT NULL,
        deposit_id TEXT NOT NULL,
        period TEXT NOT NULL,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        challan_number TEXT NOT NULL,
        deposit_date {t.date} NOT NULL,
        amount_paisa {t.bigint} NOT NULL,
        account_code TEXT NOT NULL,
        PRIMARY KEY (tenant_id, deposit_id)
    )
"""
_INDEXES = ["CREATE INDEX vat_deposits_by_period ON vat_deposits (tenant_id, period, deposit_date, position)"]
_TABLES = ("vat_returns", "vat_deposits")


def upgrade() -> None:
    types = column_types()
    statements = [_RETURNS.format(t=types), _DEPOSITS.format(t=types), *_INDEXES]
    if is_postgres():
        statements += [s for table in _TABLES for s in tenant_row_security(table)]
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    for table in reversed(_TABLES):
        op.execute(f"DROP TABLE {table}")
