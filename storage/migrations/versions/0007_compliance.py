"""Compliance: each recommendation is followed until the organisation has done what it was
asked (its status and the day it was accepted, a record of each step), reminders are made
once per due date, and a delivery carries a reminder as well as a letter.

Every recommendation made before this is "open": nothing followed them yet.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("recommendations") as batch:
        batch.add_column(sa.Column("compliance_status", sa.String(32), nullable=False,
                                   server_default="open"))
        batch.add_column(sa.Column("complied_on", sa.Date(), nullable=True))
    with op.batch_alter_table("recommendations") as batch:
        batch.alter_column("compliance_status", server_default=None)

    op.create_table(
        "compliance_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("evidence_ids", sa.JSON(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["recommendation_id"], ["recommendations.id"]),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_compliance_entries_recommendation_id", "compliance_entries",
                    ["recommendation_id"])
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["recommendation_id"], ["recommendations.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("recommendation_id", "kind", "due_date", name="uq_reminders_once"),
    )
    op.create_index("ix_reminders_recommendation_id", "reminders", ["recommendation_id"])

    with op.batch_alter_table("deliveries") as batch:
        batch.alter_column("letter_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("reminder_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_deliveries_reminder_id_reminders", "reminders",
                                 ["reminder_id"], ["id"])
        batch.create_index("ix_deliveries_reminder_id", ["reminder_id"])
        batch.create_check_constraint(
            "ck_deliveries_letter_or_reminder",
            "(letter_id IS NULL) <> (reminder_id IS NULL)")


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_constraint("ck_deliveries_letter_or_reminder", type_="check")
        batch.drop_index("ix_deliveries_reminder_id")
        batch.drop_constraint("fk_deliveries_reminder_id_reminders", type_="foreignkey")
        batch.drop_column("reminder_id")
    op.execute("DELETE FROM deliveries WHERE letter_id IS NULL")
    with op.batch_alter_table("deliveries") as batch:
        batch.alter_column("letter_id", existing_type=sa.Integer(), nullable=False)
    op.drop_index("ix_reminders_recommendation_id", table_name="reminders")
    op.drop_table("reminders")
    op.drop_index("ix_compliance_entries_recommendation_id", table_name="compliance_entries")
    op.drop_table("compliance_entries")
    with op.batch_alter_table("recommendations") as batch:
        batch.drop_column("complied_on")
        batch.drop_column("compliance_status")
