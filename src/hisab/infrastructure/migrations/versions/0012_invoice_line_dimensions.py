"""An invoice line's project and cost centre, which its sales journal line carries.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02

Two nullable columns at the end of `invoice_lines`: lines written before have neither, as their
upcast events say (LineItemAdded.v2 -> v3), so no rebuild is needed.
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE invoice_lines ADD COLUMN project TEXT")
    op.execute("ALTER TABLE invoice_lines ADD COLUMN cost_center TEXT")


def downgrade() -> None:
    op.execute("ALTER TABLE invoice_lines DROP COLUMN cost_center")
    op.execute("ALTER TABLE invoice_lines DROP COLUMN project")
