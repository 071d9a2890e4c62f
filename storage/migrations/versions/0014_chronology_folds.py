"""Chronology pages: each dated event keeps its case and the earlier event of the case it
tells again, so a page of the chronology is read in order from one index instead of folding
every event of the case on each look.

The worker folds a day's events again whenever a file's events come or go, by how alike their
wording is (casework.evidence). Events already in are folded here where they repeat an
earlier event's text word for word on the same day, the common case (one letter in two
files, a reading copied from another upload); those told in other words are listed apart
until their file is read again.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# The first telling of the same words on the same day in the same case, in the chronology's
# order (date, file, page, id).
_FIRST_TELLING = """
UPDATE evidence_events SET retelling_of = (
    SELECT earlier.id FROM evidence_events AS earlier
    WHERE earlier.case_id = evidence_events.case_id AND earlier.date = evidence_events.date AND earlier.text = evidence_events.text
      AND (earlier.evidence_id < evidence_events.evidence_id
           OR (earlier.evidence_id = evidence_events.evidence_id
               AND (earlier.page < evidence_events.page
                    OR (earlier.page = evidence_events.page
                        AND earlier.id < evidence_events.id))))
    ORDER BY earlier.evidence_id, earlier.page, earlier.id
    LIMIT 1)
"""


def upgrade() -> None:
    with op.batch_alter_table("evidence_events") as table:
        table.add_column(sa.Column("case_id", sa.Integer(), nullable=True))
        table.add_column(sa.Column("retelling_of", sa.Integer(), nullable=True))
    op.execute("UPDATE evidence_events SET case_id = (SELECT case_id FROM evidence "
               "WHERE evidence.id = evidence_events.evidence_id)")
    op.execute(_FIRST_TELLING)
    with op.batch_alter_table("evidence_events") as table:
        table.alter_column("case_id", existing_type=sa.Integer(), nullable=False)
        table.create_foreign_key("fk_evidence_events_case_id", "cases", ["case_id"], ["id"])
        table.create_foreign_key("fk_evidence_events_retelling_of", "evidence_events",
                                 ["retelling_of"], ["id"], ondelete="SET NULL")
        table.create_index("ix_evidence_events_retelling_of", ["retelling_of"])
    op.create_index("ix_evidence_events_chronology", "evidence_events",
                    ["case_id", "date", "evidence_id", "page", "id"],
                    sqlite_where=sa.text("retelling_of IS NULL"),
                    postgresql_where=sa.text("retelling_of IS NULL"))


def downgrade() -> None:
    op.drop_index("ix_evidence_events_chronology", table_name="evidence_events")
    with op.batch_alter_table("evidence_events") as table:
        table.drop_index("ix_evidence_events_retelling_of")
        table.drop_constraint("fk_evidence_events_retelling_of", type_="foreignkey")
        table.drop_constraint("fk_evidence_events_case_id", type_="foreignkey")
        table.drop_column("retelling_of")
        table.drop_column("case_id")
