"""Evidence lists: an index for each filter and sort of a case's evidence list, so a page of
a case of thousands of files reads only its rows.

Revision ID: 0009
Revises: 0008
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# Each ends in the id that breaks ties, so a page is read in order from the index.
INDEXES = {
    "ix_evidence_case_status": ["case_id", "status", "id"],
    "ix_evidence_case_doc_type": ["case_id", "doc_type", "id"],
    "ix_evidence_case_created_at": ["case_id", "created_at", "id"],
    "ix_evidence_case_filename": ["case_id", "filename", "id"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "evidence", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="evidence")
