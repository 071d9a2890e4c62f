"""Page images: how many of a file's pages have a picture of the page (and a thumbnail) in
the object store, rendered by the worker beside their text.

Files already in have none until they are processed again.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
# Follows main's latest; another branch takes 0015, and the chain is mended where they meet.
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("evidence") as table:
        table.add_column(sa.Column("page_images", sa.Integer(), nullable=False,
                                   server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("evidence") as table:
        table.drop_column("page_images")
