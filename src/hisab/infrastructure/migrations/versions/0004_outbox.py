"""Outbox: the event log is the outbox; the relay keeps its position and lease in `relay_state`.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26

On PostgreSQL every event records the id of the transaction that wrote it (`xid8`). The
append assigns that id before it takes a position, which is what lets the relay tell a
position held by a transaction still in flight from one left empty by a rollback (see
docs/events.md). Events written before this migration keep NULL: they are all committed.
SQLite has one writer at a time, so its positions are already in commit order.
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# One row per topic. The lease times are seconds since the epoch on the database's clock,
# so relays on machines with different clocks still agree on who holds the lease.
_RELAY_STATE = """
    CREATE TABLE relay_state (
        topic TEXT PRIMARY KEY,
        position {t.bigint} NOT NULL CHECK (position >= 0),
        owner TEXT,
        lease_expires_at {t.double} NOT NULL DEFAULT 0,
        status TEXT NOT NULL,
        detail TEXT,
        updated_at {t.timestamp} NOT NULL DEFAULT {t.now}
    )
"""


def upgrade() -> None:
    if is_postgres():
        op.execute("ALTER TABLE events ADD COLUMN transaction_id xid8")
    op.execute(_RELAY_STATE.format(t=column_types()))


def downgrade() -> None:
    op.execute("DROP TABLE relay_state")
    if is_postgres():
        op.execute("ALTER TABLE events DROP COLUMN transaction_id")
