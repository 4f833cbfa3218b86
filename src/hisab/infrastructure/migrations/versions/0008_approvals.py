"""Approval by amount: the tenant's approval policy and the queue of invoices waiting for a level.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

New tables only: no policy was set and no invoice submitted before this revision, so nothing
needs replaying (`hisab projections rebuild` fills them from the events either way).
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres, tenant_row_security

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# `levels` is the policy's levels as JSON text in one canonical form, amounts as exact strings.
_POLICIES = """
    CREATE TABLE approval_policies (
        tenant_id TEXT NOT NULL PRIMARY KEY,
        levels TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at {t.timestamp} NOT NULL,
        updated_by TEXT NOT NULL
    )
"""
# `sequence` is the invoice's creating event's position (as in `invoices`), for newest-first pages;
# `approvers` the users who approved earlier levels, each between two U+001F separators.
_QUEUE = """
    CREATE TABLE approval_queue (
        tenant_id TEXT NOT NULL,
        invoice_id TEXT NOT NULL,
        sequence {t.bigint} NOT NULL,
        invoice_number TEXT NOT NULL,
        grand_total_paisa {t.bigint} NOT NULL,
        level INTEGER NOT NULL,
        required INTEGER NOT NULL,
        role TEXT NOT NULL,
        delegated_to TEXT,
        delegated_by TEXT,
        created_by TEXT NOT NULL,
        approvers TEXT NOT NULL,
        submitted_by TEXT NOT NULL,
        submitted_at {t.timestamp} NOT NULL,
        PRIMARY KEY (tenant_id, invoice_id)
    )
"""
_INDEXES = [
    # What a role may approve, and what was delegated to a user: each newest first.
    "CREATE INDEX approval_queue_by_role ON approval_queue (tenant_id, role, sequence DESC)",
    "CREATE INDEX approval_queue_by_delegate ON approval_queue (tenant_id, delegated_to, sequence DESC)",
]


def upgrade() -> None:
    types = column_types()
    statements = [_POLICIES.format(t=types), _QUEUE.format(t=types), *_INDEXES]
    if is_postgres():
        statements += tenant_row_security("approval_policies") + tenant_row_security("approval_queue")
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE approval_queue")
    op.execute("DROP TABLE approval_policies")
