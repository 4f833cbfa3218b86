"""The books: journal entries, their lines, and each account's movements per day.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

New tables only. Invoices issued before this revision posted nothing, and `hisab projections
rebuild` cannot post them (a rebuild replays events, it records none): the journal starts with the
first invoice issued after the upgrade (docs/ledger.md says how to post opening balances).
Amounts are integer paisa, so that sums in SQL are exact on SQLite too.
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres, tenant_row_security

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# `sequence` is the drafting event's position, for newest-first pages; `posted_position` the
# posting event's, which orders an account's ledger within a day.
_ENTRIES = """
    CREATE TABLE journal_entries (
        tenant_id TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        sequence {t.bigint} NOT NULL,
        number TEXT,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        entry_date {t.date} NOT NULL,
        narration TEXT NOT NULL,
        reference TEXT,
        total_paisa {t.bigint} NOT NULL,
        source_type TEXT,
        source_id TEXT,
        source_number TEXT,
        reverses TEXT,
        reversed_by TEXT,
        reversal_reason TEXT,
        created_by TEXT NOT NULL,
        created_at {t.timestamp} NOT NULL,
        posted_by TEXT,
        posted_at {t.timestamp},
        posted_position {t.bigint},
        version INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, entry_id)
    )
"""
_LINES = """
    CREATE TABLE journal_lines (
        tenant_id TEXT NOT NULL,
        entry_id TEXT NOT NULL,
        line_number INTEGER NOT NULL,
        account_code TEXT NOT NULL,
        debit_paisa {t.bigint} NOT NULL,
        credit_paisa {t.bigint} NOT NULL,
        project TEXT,
        cost_center TEXT,
        party_id TEXT,
        memo TEXT,
        entry_date {t.date} NOT NULL,
        posted_position {t.bigint},
        PRIMARY KEY (tenant_id, entry_id, line_number)
    )
"""
# One row per account, project ('' for none), day and whether closing entries made it: what the
# trial balance, statements and opening balances sum, instead of every line.
_BALANCES = """
    CREATE TABLE ledger_balances (
        tenant_id TEXT NOT NULL,
        account_code TEXT NOT NULL,
        project TEXT NOT NULL,
        day {t.date} NOT NULL,
        closing INTEGER NOT NULL,
        debit_paisa {t.bigint} NOT NULL,
        credit_paisa {t.bigint} NOT NULL,
        PRIMARY KEY (tenant_id, account_code, project, day, closing)
    )
"""
_INDEXES = [
    "CREATE INDEX journal_entries_by_sequence ON journal_entries (tenant_id, sequence DESC)",
    "CREATE INDEX journal_entries_by_source ON journal_entries (tenant_id, source_id)",
    "CREATE INDEX journal_entries_by_date ON journal_entries (tenant_id, entry_date)",
    # An account's ledger, a page at a time in posting order.
    "CREATE INDEX journal_lines_by_account ON journal_lines "
    "(tenant_id, account_code, entry_date, posted_position, line_number)",
    "CREATE INDEX journal_lines_by_project ON journal_lines (tenant_id, project, entry_id)",
    "CREATE INDEX journal_lines_by_party ON journal_lines (tenant_id, party_id, entry_id)",
    "CREATE INDEX ledger_balances_by_day ON ledger_balances (tenant_id, day)",
]
_TABLES = ("journal_entries", "journal_lines", "ledger_balances")


def upgrade() -> None:
    types = column_types()
    statements = [_ENTRIES.format(t=types), _LINES.format(t=types), _BALANCES.format(t=types), *_INDEXES]
    if is_postgres():
        statements += [s for table in _TABLES for s in tenant_row_security(table)]
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    for table in reversed(_TABLES):
        op.execute(f"DROP TABLE {table}")
