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

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# One row per topic. The lease times are seconds since the epoch on the database's clock,
# so relays on machines with different clocks still agree on who holds the lease.
_POSTGRES = [
    "ALTER TABLE events ADD COLUMN transaction_id xid8",
    """
    CREATE TABLE relay_state (
        topic TEXT PRIMARY KEY,
        position BIGINT NOT NULL CHECK (position >= 0),
        owner TEXT,
        lease_expires_at DOUBLE PRECISION NOT NULL DEFAULT 0,
        status TEXT NOT NULL,
        detail TEXT,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )
    """,
]

_SQLITE = [
    """
    CREATE TABLE relay_state (
        topic TEXT PRIMARY KEY,
        position INTEGER NOT NULL CHECK (position >= 0),
        owner TEXT,
        lease_expires_at REAL NOT NULL DEFAULT 0,
        status TEXT NOT NULL,
        detail TEXT,
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    )
    """,
]


def _is_postgres() -> bool:
    return bool(op.get_context().dialect.name == "postgresql")


def upgrade() -> None:
    for statement in _POSTGRES if _is_postgres() else _SQLITE:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE relay_state")
    if _is_postgres():
        op.execute("ALTER TABLE events DROP COLUMN transaction_id")
