"""Investigator events: the chronology keeps who put each event in, whether an investigator
dismissed it, what the worker first found before a correction, and the people it names.

Events already in were all found by the worker, none dismissed or corrected; the people they
name are found when their file is next read.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("evidence_events") as table:
        table.add_column(sa.Column(
            "source", sa.Enum("machine", "investigator", name="eventsource", native_enum=False,
                              create_constraint=False, length=16),
            nullable=False, server_default="machine"))
        table.add_column(sa.Column("dismissed", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        table.add_column(sa.Column("found_date", sa.Date(), nullable=True))
        table.add_column(sa.Column("found_text", sa.Text(), nullable=True))
        table.add_column(sa.Column("people", sa.JSON(), nullable=True))
    op.execute("UPDATE evidence_events SET people = '[]'")
    with op.batch_alter_table("evidence_events") as table:
        table.alter_column("people", existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("evidence_events") as table:
        for column in ("people", "found_text", "found_date", "dismissed", "source"):
            table.drop_column(column)
