"""Invoice core: event store, invoice read model, counters and idempotency keys.

Revision ID: 0001
Revises:
Create Date: 2026-11-26

Money in the read model is integer paisa on both databases. Quantities and rates are
NUMERIC on PostgreSQL and exact decimal text on SQLite, whose NUMERIC would be a float.
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


# The global position numbers events in commit order. SQLite's AUTOINCREMENT must be the rowid
# primary key, so there the stream's (stream_id, version) key is a UNIQUE constraint instead.
def _event_keys() -> dict[str, str]:
    if is_postgres():
        return {"position": "BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE", "stream_key": "PRIMARY KEY"}
    return {"position": "INTEGER PRIMARY KEY AUTOINCREMENT", "stream_key": "UNIQUE"}


_TABLES = [
    """
    CREATE TABLE events (
        position {position},
        event_id {t.uuid} NOT NULL UNIQUE,
        tenant_id TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        event_type TEXT NOT NULL,
        payload {t.json} NOT NULL,
        user_id TEXT NOT NULL,
        correlation_id TEXT NOT NULL,
        occurred_at {t.timestamp} NOT NULL,
        {stream_key} (stream_id, version)
    )
    """,
    """
    CREATE TABLE invoices (
        tenant_id TEXT NOT NULL,
        invoice_id TEXT NOT NULL,
        sequence {t.bigint} NOT NULL,
        invoice_number TEXT NOT NULL,
        status TEXT NOT NULL,
        vendor_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        vendor_tin TEXT,
        vendor_bin TEXT,
        customer_tin TEXT,
        customer_bin TEXT,
        invoice_date {t.date} NOT NULL,
        due_date {t.date} NOT NULL,
        fiscal_year INTEGER NOT NULL,
        currency TEXT NOT NULL,
        subtotal_paisa {t.bigint} NOT NULL,
        supplementary_duty_paisa {t.bigint} NOT NULL,
        vat_paisa {t.bigint} NOT NULL,
        grand_total_paisa {t.bigint} NOT NULL,
        advance_income_tax_paisa {t.bigint} NOT NULL,
        net_receivable_paisa {t.bigint} NOT NULL,
        mushak_number TEXT,
        issued_at {t.timestamp},
        cancelled_at {t.timestamp},
        cancellation_reason TEXT,
        created_at {t.timestamp} NOT NULL,
        updated_at {t.timestamp} NOT NULL,
        created_by TEXT NOT NULL,
        approved_by TEXT,
        cancelled_by TEXT,
        version INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, invoice_id),
        UNIQUE (tenant_id, invoice_number),
        UNIQUE (tenant_id, mushak_number)
    )
    """,
    """
    CREATE TABLE invoice_lines (
        tenant_id TEXT NOT NULL,
        invoice_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        line_id TEXT NOT NULL,
        description TEXT NOT NULL,
        quantity {t.decimal} NOT NULL,
        unit_price_paisa {t.bigint} NOT NULL,
        vat_category TEXT NOT NULL,
        vat_rate {t.decimal} NOT NULL,
        supplementary_duty_rate {t.decimal} NOT NULL,
        advance_income_tax_rate {t.decimal} NOT NULL,
        hs_code TEXT,
        unit_of_supply TEXT,
        value_paisa {t.bigint} NOT NULL,
        supplementary_duty_paisa {t.bigint} NOT NULL,
        vat_paisa {t.bigint} NOT NULL,
        advance_income_tax_paisa {t.bigint} NOT NULL,
        PRIMARY KEY (tenant_id, invoice_id, position),
        FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, invoice_id) ON DELETE CASCADE
    )
    """,
    """
    CREATE TABLE counters (
        tenant_id TEXT NOT NULL,
        series TEXT NOT NULL,
        value {t.bigint} NOT NULL,
        PRIMARY KEY (tenant_id, series)
    )
    """,
    """
    CREATE TABLE idempotency_keys (
        tenant_id TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        invoice_id TEXT NOT NULL,
        created_at {t.timestamp} NOT NULL DEFAULT {t.now},
        PRIMARY KEY (tenant_id, key)
    )
    """,
]

# One index per list filter, each ending in the keyset column so a page is an index range.
_INDEXES = [
    "CREATE INDEX invoices_by_sequence ON invoices (tenant_id, sequence DESC)",
    "CREATE INDEX invoices_by_status ON invoices (tenant_id, status, sequence DESC)",
    "CREATE INDEX invoices_by_customer ON invoices (tenant_id, customer_id, sequence DESC)",
    "CREATE INDEX invoices_by_vendor ON invoices (tenant_id, vendor_id, sequence DESC)",
    "CREATE INDEX invoices_by_fiscal_year ON invoices (tenant_id, fiscal_year, sequence DESC)",
    "CREATE INDEX invoices_by_invoice_date ON invoices (tenant_id, invoice_date, sequence DESC)",
]


def upgrade() -> None:
    types, keys = column_types(), _event_keys()
    for statement in [*(table.format(t=types, **keys) for table in _TABLES), *_INDEXES]:
        op.execute(statement)


def downgrade() -> None:
    for table in ("idempotency_keys", "counters", "invoice_lines", "invoices", "events"):
        op.execute(f"DROP TABLE {table}")
