"""Published casework: a final decision on the public index, with its anonymised version
and case summary, until it is withdrawn.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

def upgrade() -> None:
    op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("decision_id", sa.Integer(), sa.ForeignKey("decisions.id"), nullable=False,
                  unique=True),
        sa.Column("published_version_id", sa.Integer(),
                  sa.ForeignKey("published_versions.id"), nullable=False),
        sa.Column("organisation_id", sa.Integer(), sa.ForeignKey("organisations.id"),
                  nullable=False),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("public_summary", sa.Text(), nullable=False),
        sa.Column("published_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("withdrawn_reason", sa.Text(), nullable=True),
    )
    op.create_index("ix_publications_live_decided", "publications",
                    ["withdrawn_at", "decided_on", "id"])
    op.create_index("ix_publications_organisation", "publications",
                    ["organisation_id", "decided_on"])


def downgrade() -> None:
    op.drop_index("ix_publications_organisation", table_name="publications")
    op.drop_index("ix_publications_live_decided", table_name="publications")
    op.drop_table("publications")
