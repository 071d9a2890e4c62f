"""Decisions without re-rendering: each version keeps the fingerprint of the context it was
made from, each letter it froze gets a row with its key and hash, and the anonymised version
is frozen once made from an approved map.

Letters frozen before this migration get their rows from the keys they were stored under;
their hashes were never recorded, so those stay empty. Versions drafted before have no
fingerprint: publishing one asks for the final decision to be drafted again.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

RECIPIENTS = ("complainant", "organisation")


def upgrade() -> None:
    with op.batch_alter_table("decision_versions") as batch:
        batch.add_column(sa.Column("context_sha256", sa.String(length=64), nullable=True))
    op.create_table(
        "decision_letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("recipient", sa.String(length=32), nullable=False),
        sa.Column("object_key", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["version_id"], ["decision_versions.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("version_id", "recipient"),
    )
    op.create_index("ix_decision_letters_version_id", "decision_letters", ["version_id"])
    op.create_table(
        "published_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("map_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("object_key", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["decision_versions.id"]),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("version_id", "map_fingerprint"),
    )
    op.create_index("ix_published_versions_version_id", "published_versions", ["version_id"])
    # The letters every earlier version froze, at the keys they were written under.
    connection = op.get_bind()
    versions = connection.execute(sa.text("SELECT id, object_key FROM decision_versions"))
    rows = [{"version_id": version_id, "recipient": recipient,
             "object_key": key.removesuffix(".docx") + f"-{recipient}-letter.docx"}
            for version_id, key in versions for recipient in RECIPIENTS]
    if rows:
        connection.execute(sa.text(
            "INSERT INTO decision_letters (version_id, recipient, object_key) "
            "VALUES (:version_id, :recipient, :object_key)"), rows)


def downgrade() -> None:
    op.drop_index("ix_published_versions_version_id", table_name="published_versions")
    op.drop_table("published_versions")
    op.drop_index("ix_decision_letters_version_id", table_name="decision_letters")
    op.drop_table("decision_letters")
    with op.batch_alter_table("decision_versions") as batch:
        batch.drop_column("context_sha256")
