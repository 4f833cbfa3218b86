"""Invoices that name registered parties and items, draft edits, and the lookups by number, amount and text.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

`invoices.search_text` is the internal number, the Mushak serial, the customer id and the
buyer's name, lower-cased by the adapter so that one LIKE serves both databases; on PostgreSQL a
trigram index serves it (pg_trgm is a trusted extension: the owner of the database may create it).
The existing rows' search text is written here as the projection writes it (`views.search_text`);
`hisab projections rebuild --verify` would report any row that differs.
"""

from alembic import op
from sqlalchemy import text

from hisab.infrastructure.migrations.ddl import column_types, is_postgres

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_COLUMNS = [
    "ALTER TABLE invoices ADD COLUMN customer_party_id TEXT",
    "ALTER TABLE invoices ADD COLUMN search_text TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE invoice_lines ADD COLUMN item_id TEXT",
    "ALTER TABLE invoice_lines ADD COLUMN service_code TEXT",
    "ALTER TABLE tenant_settings ADD COLUMN require_registered_customers {t.boolean} NOT NULL DEFAULT FALSE",
]
# Each ends in the keyset column where the filter is an equality, so a page is an index range.
_INDEXES = [
    "CREATE INDEX invoices_by_party ON invoices (tenant_id, customer_party_id, sequence DESC)",
    "CREATE INDEX invoices_by_mushak_number ON invoices (tenant_id, mushak_number, sequence DESC)",
    "CREATE INDEX invoices_by_invoice_number ON invoices (tenant_id, invoice_number)",
    "CREATE INDEX invoices_by_grand_total ON invoices (tenant_id, grand_total_paisa, sequence DESC)",
]
_INDEX_NAMES = [index.split()[2] for index in _INDEXES]
_TRIGRAMS = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX invoices_by_search_text ON invoices USING gin (search_text gin_trgm_ops)",
]


def upgrade() -> None:
    types = column_types()
    for statement in [*(column.format(t=types) for column in _COLUMNS), *_INDEXES]:
        op.execute(statement)
    if is_postgres():
        for statement in _TRIGRAMS:
            op.execute(statement)
    _write_search_text()


def _write_search_text() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        text("SELECT tenant_id, invoice_id, invoice_number, mushak_number, customer_id, buyer_name FROM invoices")
    ).fetchall()
    update = text("UPDATE invoices SET search_text = :search WHERE tenant_id = :tenant AND invoice_id = :invoice")
    for tenant_id, invoice_id, *parts in rows:
        search = "\n".join(part for part in parts if part).lower()
        connection.execute(update, {"search": search, "tenant": tenant_id, "invoice": invoice_id})


def downgrade() -> None:
    if is_postgres():
        op.execute("DROP INDEX invoices_by_search_text")
    for index in _INDEX_NAMES:
        op.execute(f"DROP INDEX {index}")
    for table, column in (
        ("tenant_settings", "require_registered_customers"),
        ("invoice_lines", "service_code"),
        ("invoice_lines", "item_id"),
        ("invoices", "search_text"),
        ("invoices", "customer_party_id"),
    ):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
