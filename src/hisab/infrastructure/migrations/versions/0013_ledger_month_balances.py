"""Each account's movements per month beside those per day, for reports over long books.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02

A trial balance sums every day row before its date; with years of books that grows without end
(docs/performance.md, "The books"). Whole months now come from this table and only the days of
a partial month from `ledger_balances`. The table is filled from the day rows here, so the books
read the same before and after; the journal projection keeps both from now on.
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres, tenant_row_security

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_MONTHS = """
    CREATE TABLE ledger_month_balances (
        tenant_id TEXT NOT NULL,
        account_code TEXT NOT NULL,
        project TEXT NOT NULL,
        month {t.date} NOT NULL,
        closing INTEGER NOT NULL,
        debit_paisa {t.bigint} NOT NULL,
        credit_paisa {t.bigint} NOT NULL,
        PRIMARY KEY (tenant_id, account_code, project, month, closing)
    )
"""
_FILL = """
    INSERT INTO ledger_month_balances
    SELECT tenant_id, account_code, project, {month} AS month, closing, SUM(debit_paisa), SUM(credit_paisa)
    FROM ledger_balances GROUP BY tenant_id, account_code, project, {month}, closing
"""


def upgrade() -> None:
    month = "CAST(date_trunc('month', day) AS DATE)" if is_postgres() else "substr(day, 1, 8) || '01'"
    statements = [
        _MONTHS.format(t=column_types()),
        "CREATE INDEX ledger_month_balances_by_month ON ledger_month_balances (tenant_id, month)",
        _FILL.format(month=month),
    ]
    if is_postgres():
        statements += tenant_row_security("ledger_month_balances")
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE ledger_month_balances")
