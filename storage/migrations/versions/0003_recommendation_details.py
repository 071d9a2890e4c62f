"""Recommendation details by kind: who apologises, payment basis and level, compliance evidence.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = (
    ("from_whom", sa.String(length=200)),
    ("basis", sa.String(length=16)),
    ("severity_level", sa.Integer()),
    ("justification", sa.Text()),
    ("compliance_evidence", sa.Text()),
)


def upgrade() -> None:
    with op.batch_alter_table("recommendations") as batch:
        for name, type_ in COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("recommendations") as batch:
        for name, _type in reversed(COLUMNS):
            batch.drop_column(name)
