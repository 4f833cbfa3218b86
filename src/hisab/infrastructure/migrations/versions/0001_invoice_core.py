"""Invoice core: event store, invoice read model, counters and idempotency keys.

Revision ID: 0001
Revises:
Create Date: 2026-11-26

Money in the read model is integer paisa on both databases. Quantities and rates are
NUMERIC on PostgreSQL and exact decimal text on SQLite, whose NUMERIC would be a float.
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_POSTGRES = [
    """
    CREATE TABLE events (
        position BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
        event_id UUID NOT NULL UNIQUE,
        tenant_id TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        event_type TEXT NOT NULL,
        payload JSONB NOT NULL,
        user_id TEXT NOT NULL,
        correlation_id TEXT NOT NULL,
        occurred_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (stream_id, version)
    )
    """,
    """
    CREATE TABLE invoices (
        tenant_id TEXT NOT NULL,
        invoice_id TEXT NOT NULL,
        sequence BIGINT NOT NULL,
        invoice_number TEXT NOT NULL,
        status TEXT NOT NULL,
        vendor_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        vendor_tin TEXT,
        vendor_bin TEXT,
        customer_tin TEXT,
        customer_bin TEXT,
        invoice_date DATE NOT NULL,
        due_date DATE NOT NULL,
        fiscal_year INTEGER NOT NULL,
        currency TEXT NOT NULL,
        subtotal_paisa BIGINT NOT NULL,
        supplementary_duty_paisa BIGINT NOT NULL,
        vat_paisa BIGINT NOT NULL,
        grand_total_paisa BIGINT NOT NULL,
        advance_income_tax_paisa BIGINT NOT NULL,
        net_receivable_paisa BIGINT NOT NULL,
        mushak_number TEXT,
        issued_at TIMESTAMPTZ,
        cancelled_at TIMESTAMPTZ,
        cancellation_reason TEXT,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL,
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
        quantity NUMERIC NOT NULL,
        unit_price_paisa BIGINT NOT NULL,
        vat_category TEXT NOT NULL,
        vat_rate NUMERIC NOT NULL,
        supplementary_duty_rate NUMERIC NOT NULL,
        advance_income_tax_rate NUMERIC NOT NULL,
        hs_code TEXT,
        unit_of_supply TEXT,
        value_paisa BIGINT NOT NULL,
        supplementary_duty_paisa BIGINT NOT NULL,
        vat_paisa BIGINT NOT NULL,
        advance_income_tax_paisa BIGINT NOT NULL,
        PRIMARY KEY (tenant_id, invoice_id, position),
        FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, invoice_id) ON DELETE CASCADE
    )
    """,
    """
    CREATE TABLE counters (
        tenant_id TEXT NOT NULL,
        series TEXT NOT NULL,
        value BIGINT NOT NULL,
        PRIMARY KEY (tenant_id, series)
    )
    """,
    """
    CREATE TABLE idempotency_keys (
        tenant_id TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        invoice_id TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, key)
    )
    """,
]

_SQLITE = [
    """
    CREATE TABLE events (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        event_id TEXT NOT NULL UNIQUE,
        tenant_id TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        event_type TEXT NOT NULL,
        payload TEXT NOT NULL,
        user_id TEXT NOT NULL,
        correlation_id TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        UNIQUE (stream_id, version)
    )
    """,
    """
    CREATE TABLE invoices (
        tenant_id TEXT NOT NULL,
        invoice_id TEXT NOT NULL,
        sequence INTEGER NOT NULL,
        invoice_number TEXT NOT NULL,
        status TEXT NOT NULL,
        vendor_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        vendor_tin TEXT,
        vendor_bin TEXT,
        customer_tin TEXT,
        customer_bin TEXT,
        invoice_date TEXT NOT NULL,
        due_date TEXT NOT NULL,
        fiscal_year INTEGER NOT NULL,
        currency TEXT NOT NULL,
        subtotal_paisa INTEGER NOT NULL,
        supplementary_duty_paisa INTEGER NOT NULL,
        vat_paisa INTEGER NOT NULL,
        grand_total_paisa INTEGER NOT NULL,
        advance_income_tax_paisa INTEGER NOT NULL,
        net_receivable_paisa INTEGER NOT NULL,
        mushak_number TEXT,
        issued_at TEXT,
        cancelled_at TEXT,
        cancellation_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
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
        quantity TEXT NOT NULL,
        unit_price_paisa INTEGER NOT NULL,
        vat_category TEXT NOT NULL,
        vat_rate TEXT NOT NULL,
        supplementary_duty_rate TEXT NOT NULL,
        advance_income_tax_rate TEXT NOT NULL,
        hs_code TEXT,
        unit_of_supply TEXT,
        value_paisa INTEGER NOT NULL,
        supplementary_duty_paisa INTEGER NOT NULL,
        vat_paisa INTEGER NOT NULL,
        advance_income_tax_paisa INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, invoice_id, position),
        FOREIGN KEY (tenant_id, invoice_id) REFERENCES invoices (tenant_id, invoice_id) ON DELETE CASCADE
    )
    """,
    """
    CREATE TABLE counters (
        tenant_id TEXT NOT NULL,
        series TEXT NOT NULL,
        value INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, series)
    )
    """,
    """
    CREATE TABLE idempotency_keys (
        tenant_id TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        invoice_id TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
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

_TABLES = ["idempotency_keys", "counters", "invoice_lines", "invoices", "events"]


def upgrade() -> None:
    statements = _POSTGRES if op.get_context().dialect.name == "postgresql" else _SQLITE
    for statement in [*statements, *_INDEXES]:
        op.execute(statement)


def downgrade() -> None:
    for table in _TABLES:
        op.execute(f"DROP TABLE {table}")
