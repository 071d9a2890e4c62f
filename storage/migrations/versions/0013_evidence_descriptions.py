"""Evidence descriptions: how the decision names each file ("the Trust's complaint response
of 15 May 2025"), and whether its "What we looked at" lists it.

Files already in have neither: they are described by the suggestion and listed by the rule.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("evidence") as table:
        table.add_column(sa.Column("description", sa.Text(), nullable=True))
        table.add_column(sa.Column("in_decision", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("evidence") as table:
        table.drop_column("in_decision")
        table.drop_column("description")
