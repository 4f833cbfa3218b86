"""The tenant's VAT settings: withholding entity, return frequency and deadline, input-credit rules.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03

New columns with defaults only: every existing tenant files quarterly within 15 days, withholds
nothing, and credits no VAT charged below the standard rate until it says otherwise.
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_SWITCHES = (
    "withholding_entity",
    "twenty_day_filer",
    "credit_reduced_rate_inputs",
    "supplies_below_standard_rate_only",
)


def upgrade() -> None:
    types = column_types()
    for column in _SWITCHES:
        op.execute(f"ALTER TABLE tenant_settings ADD COLUMN {column} {types.boolean} NOT NULL DEFAULT FALSE")
    op.execute("ALTER TABLE tenant_settings ADD COLUMN vat_return_frequency TEXT NOT NULL DEFAULT 'QUARTERLY'")


def downgrade() -> None:
    op.execute("ALTER TABLE tenant_settings DROP COLUMN vat_return_frequency")
    for column in reversed(_SWITCHES):
        op.execute(f"ALTER TABLE tenant_settings DROP COLUMN {column}")
