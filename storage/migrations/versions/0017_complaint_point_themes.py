"""Themes: each complaint point's confirmed themes, and an index on each case's organisation
for the filters by theme and by organisation.

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "complaint_point_themes",
        sa.Column("complaint_point_id", sa.Integer(),
                  sa.ForeignKey("complaint_points.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("theme", sa.String(60), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("confirmed_by_id", sa.Integer(), sa.ForeignKey("users.id")),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_complaint_point_themes_theme_case", "complaint_point_themes",
                    ["theme", "case_id"])
    op.create_index("ix_cases_organisation_id", "cases", ["organisation_id"])


def downgrade() -> None:
    op.drop_index("ix_cases_organisation_id", table_name="cases")
    op.drop_table("complaint_point_themes")
