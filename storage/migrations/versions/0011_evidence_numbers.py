"""Evidence numbers kept: each file's place in its case ("Evidence 7") stored on its row, so
that showing a file's number never means counting the case's other files.

Files already in get the numbers they were shown with: their place by id within the case.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("evidence") as table:
        table.add_column(sa.Column("number", sa.Integer(), nullable=True))
    op.execute("UPDATE evidence SET number = (SELECT count(*) FROM evidence AS earlier "
               "WHERE earlier.case_id = evidence.case_id AND earlier.id <= evidence.id)")
    with op.batch_alter_table("evidence") as table:
        table.alter_column("number", existing_type=sa.Integer(), nullable=False)
    op.create_index("uq_evidence_case_number", "evidence", ["case_id", "number"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_evidence_case_number", table_name="evidence")
    with op.batch_alter_table("evidence") as table:
        table.drop_column("number")
