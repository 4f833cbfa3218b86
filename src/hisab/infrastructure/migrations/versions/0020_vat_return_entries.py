"""The return entries: one row per document line or adjustment, with its 9.1 note and register.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03

A new table only, filled by the return entries projection. It is not backfilled here: the events
already recorded are projected into it by `hisab projections rebuild` (docs/vat-registers.md).
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres, tenant_row_security

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

_ENTRIES = """
    CREATE TABLE vat_return_entries (
        tenant_id TEXT NOT NULL,
        document_type TEXT NOT NULL,
        document_id TEXT NOT NULL,
        line_id TEXT NOT NULL,
        stream_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        entry_date {t.date} NOT NULL,
        document_number TEXT NOT NULL,
        document_date {t.date} NOT NULL,
        issued_at {t.timestamp},
        reference TEXT,
        reference_date {t.date},
        party_id TEXT,
        counterparty_name TEXT NOT NULL,
        counterparty_address TEXT,
        counterparty_bin TEXT,
        counterparty_nid TEXT,
        description TEXT NOT NULL,
        code TEXT,
        quantity {t.decimal},
        unit TEXT,
        value_paisa {t.bigint} NOT NULL,
        supplementary_duty_paisa {t.bigint} NOT NULL,
        vat_paisa {t.bigint} NOT NULL,
        creditable_vat_paisa {t.bigint} NOT NULL,
        vat_category TEXT,
        vat_rate {t.decimal},
        imported {t.boolean} NOT NULL,
        note INTEGER NOT NULL,
        register TEXT,
        PRIMARY KEY (tenant_id, document_type, document_id, line_id)
    )
"""
# The return's sums by note over a period (and a note's sub-form), and a register's totals and pages. The
# amounts ride in the indexes, so a quarter's sums are index-only scans: PostgreSQL keeps them as included
# columns, SQLite as trailing key columns.
_AMOUNTS = "value_paisa, supplementary_duty_paisa, vat_paisa, creditable_vat_paisa"
_INDEXES = (
    ("vat_return_entries_by_note", "tenant_id, entry_date, note", _AMOUNTS),
    ("vat_return_entries_by_register", "tenant_id, register, entry_date", f"document_type, {_AMOUNTS}"),
)
# The projection replaces a stream's entries whenever the stream changes.
_BY_STREAM = "CREATE INDEX vat_return_entries_by_stream ON vat_return_entries (tenant_id, stream_id)"
# A note's sub-form in its order, so its first page is read off the index, not sorted out of the period.
_BY_SUB_FORM = (
    "CREATE INDEX vat_return_entries_by_sub_form ON vat_return_entries "
    "(tenant_id, note, entry_date, document_number, document_type, document_id, position)"
)


def _index(name: str, key: str, carried: str, *, postgres: bool) -> str:
    columns = f"({key}) INCLUDE ({carried})" if postgres else f"({key}, {carried})"
    return f"CREATE INDEX {name} ON vat_return_entries {columns}"


def upgrade() -> None:
    postgres = is_postgres()
    indexes = [_index(name, key, carried, postgres=postgres) for name, key, carried in _INDEXES]
    statements = [_ENTRIES.format(t=column_types()), *indexes, _BY_STREAM, _BY_SUB_FORM]
    if postgres:
        statements += tenant_row_security("vat_return_entries")
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE vat_return_entries")
