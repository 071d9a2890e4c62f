"""Pipeline results: step runs, entities, dated events, child evidence, full-text search.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=32), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("value", sa.String(length=500), nullable=True),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["evidence_id"], ["evidence.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_evidence_entities_evidence_id", "evidence_entities", ["evidence_id"])
    op.create_table(
        "evidence_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["evidence_id"], ["evidence.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_evidence_events_evidence_id", "evidence_events", ["evidence_id"])
    op.create_table(
        "evidence_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("status", sa.Enum("running", "done", "skipped", "failed", name="stepstatus",
                                    native_enum=False, length=32), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["evidence_id"], ["evidence.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("evidence_id", "name"),
    )
    # Server defaults fill the rows that exist already.
    with op.batch_alter_table("evidence") as batch:
        batch.add_column(sa.Column("doc_type_source", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("needs_review", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("flags", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("details", sa.JSON(), nullable=False, server_default="{}"))
        batch.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("duplicate_of_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("processing_started_at", sa.DateTime(timezone=True),
                                   nullable=True))
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.create_index("ix_evidence_parent_id", ["parent_id"])
        batch.create_foreign_key("fk_evidence_parent_id", "evidence", ["parent_id"], ["id"])
        batch.create_foreign_key("fk_evidence_duplicate_of_id", "evidence",
                                 ["duplicate_of_id"], ["id"])
    with op.batch_alter_table("evidence_pages") as batch:
        batch.add_column(sa.Column("ocr", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))

    if op.get_bind().dialect.name == "sqlite":
        # FTS5 keeps its own copy of the page text, written by the pipeline's index step.
        op.execute(
            "CREATE VIRTUAL TABLE evidence_pages_fts USING fts5("
            "text, tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        # Pages processed before this migration become searchable too.
        op.execute("INSERT INTO evidence_pages_fts (rowid, text) SELECT id, text FROM evidence_pages")
    else:
        op.execute(
            "CREATE INDEX ix_evidence_pages_fulltext ON evidence_pages "
            "USING gin (to_tsvector('english', text))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE evidence_pages_fts")
    else:
        op.execute("DROP INDEX ix_evidence_pages_fulltext")
    with op.batch_alter_table("evidence_pages") as batch:
        batch.drop_column("ocr")
    with op.batch_alter_table("evidence") as batch:
        batch.drop_constraint("fk_evidence_duplicate_of_id", type_="foreignkey")
        batch.drop_constraint("fk_evidence_parent_id", type_="foreignkey")
        batch.drop_index("ix_evidence_parent_id")
        for column in ("attempts", "processing_started_at", "duplicate_of_id", "parent_id", "details", "flags", "needs_review",
                       "doc_type_source"):
            batch.drop_column(column)
    op.drop_table("evidence_steps")
    op.drop_index("ix_evidence_events_evidence_id", "evidence_events")
    op.drop_table("evidence_events")
    op.drop_index("ix_evidence_entities_evidence_id", "evidence_entities")
    op.drop_table("evidence_entities")
