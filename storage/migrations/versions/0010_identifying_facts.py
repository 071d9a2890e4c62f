"""Identifying facts: the people and identifiers each processed file names, kept with it so
that the anonymisation proposal reads a row per file rather than every page of the case.

Files processed before this keep none; the proposal reads their pages instead.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("evidence") as table:
        table.add_column(sa.Column("identifying_facts", sa.JSON(none_as_null=True),
                                   nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("evidence") as table:
        table.drop_column("identifying_facts")
