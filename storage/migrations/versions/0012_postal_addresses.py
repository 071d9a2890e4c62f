"""Postal addresses: where the complainant's and the organisation's letters are addressed,
for the address block a letter opens with.

Cases and organisations already in have none; their letters show the name alone, as before.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table_name, column in (("cases", "complainant_address"), ("organisations", "address")):
        with op.batch_alter_table(table_name) as table:
            table.add_column(sa.Column(column, sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    for table_name, column in (("cases", "complainant_address"), ("organisations", "address")):
        with op.batch_alter_table(table_name) as table:
            table.drop_column(column)
