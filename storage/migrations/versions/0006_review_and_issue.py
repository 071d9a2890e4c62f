"""Review and issue: cases are assigned and move through stages; decisions are submitted,
reviewed version by version, approved and issued; letters are delivered; both sides' comments
are recorded; the audit trail can no longer be changed.

A case's status ("open", the only value ever written) becomes its stage, "investigation";
its creator becomes its assignee. The partial index (one open draft per stage) becomes a
plain unique constraint, one decision per case and stage; a case with more (a draft beside a
"submitted" decision written before 0004, a status no feature gave meaning to) keeps the
newest, holding all their versions in the order they were made.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

REFUSAL = "audit events are append-only"


def upgrade() -> None:
    with op.batch_alter_table("organisations") as batch:
        batch.add_column(sa.Column("contact_emails", sa.JSON(), nullable=True))
    op.execute("UPDATE organisations SET contact_emails = '[]'")
    with op.batch_alter_table("organisations") as batch:
        batch.alter_column("contact_emails", existing_type=sa.JSON(), nullable=False)
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("name", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("job_title", sa.String(200), nullable=False,
                                   server_default=""))
        batch.add_column(sa.Column("active", sa.Boolean(), nullable=False,
                                   server_default=sa.true()))
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("complainant_email", sa.String(254), nullable=True))
        batch.add_column(sa.Column("stage", sa.String(32), nullable=False,
                                   server_default="investigation"))
        batch.add_column(sa.Column("assignee_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_cases_assignee_id_users", "users", ["assignee_id"], ["id"])
        batch.create_index("ix_cases_assignee_id", ["assignee_id"])
        batch.drop_column("status")
    op.execute("UPDATE cases SET assignee_id = created_by_id")
    with op.batch_alter_table("cases") as batch:
        batch.alter_column("stage", server_default=None)

    op.drop_index("uq_decisions_one_draft_per_stage", table_name="decisions")
    _one_decision_per_stage()
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(sa.Column("early_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("issued_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("issued_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_decisions_issued_by_id_users", "users",
                                 ["issued_by_id"], ["id"])
        batch.create_unique_constraint("uq_decisions_case_stage", ["case_id", "stage"])

    with op.batch_alter_table("decision_versions") as batch:
        batch.add_column(sa.Column("context", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("submitted_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("reviewed_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("review_result", sa.String(32), nullable=True))
        batch.create_foreign_key("fk_decision_versions_submitted_by_id_users", "users",
                                 ["submitted_by_id"], ["id"])
        batch.create_foreign_key("fk_decision_versions_reviewed_by_id_users", "users",
                                 ["reviewed_by_id"], ["id"])
        batch.create_index("ix_decision_versions_reviewed_by_id", ["reviewed_by_id"])

    op.create_table(
        "review_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["decision_versions.id"]),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_review_comments_version_id", "review_comments", ["version_id"])
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("address", sa.String(254), nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(255), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["letter_id"], ["decision_letters.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_deliveries_letter_id", "deliveries", ["letter_id"])
    op.create_table(
        "case_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("sender", sa.String(32), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("evidence_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["evidence_id"], ["evidence.id"]),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_case_comments_case_id", "case_comments", ["case_id"])
    _refuse_audit_changes()


def _one_decision_per_stage() -> None:
    bind = op.get_bind()
    duplicated = bind.execute(sa.text(
        "SELECT case_id, stage, MAX(id) FROM decisions GROUP BY case_id, stage "
        "HAVING COUNT(*) > 1")).all()
    for case_id, stage, kept_id in duplicated:
        group = {"case_id": case_id, "stage": stage, "kept_id": kept_id}
        # Minus the row id is clear of every real version number, so the (decision_id,
        # version) unique constraint holds while the rows change hands.
        bind.execute(sa.text(
            "UPDATE decision_versions SET decision_id = :kept_id, version = -id "
            "WHERE decision_id IN (SELECT id FROM decisions WHERE case_id = :case_id "
            "AND stage = :stage)"), group)
        version_ids = bind.execute(sa.text(
            "SELECT id FROM decision_versions WHERE decision_id = :kept_id "
            "ORDER BY created_at, id"), group).scalars().all()
        for number, version_id in enumerate(version_ids, start=1):
            bind.execute(sa.text("UPDATE decision_versions SET version = :number WHERE id = :id"),
                         {"number": number, "id": version_id})
        bind.execute(sa.text("DELETE FROM decisions WHERE case_id = :case_id AND stage = :stage "
                             "AND id <> :kept_id"), group)


def _refuse_audit_changes() -> None:
    """The audit trail is append-only in the database itself, not only by convention."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"""
            CREATE FUNCTION audit_events_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '{REFUSAL}';
            END;
            $$ LANGUAGE plpgsql
        """)
        op.execute("""
            CREATE TRIGGER audit_events_append_only
            BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
            FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()
        """)
    else:
        for operation in ("UPDATE", "DELETE"):
            op.execute(f"""
                CREATE TRIGGER audit_events_no_{operation.lower()}
                BEFORE {operation} ON audit_events
                BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END
            """)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_events_append_only ON audit_events")
        op.execute("DROP FUNCTION audit_events_append_only()")
    else:
        op.execute("DROP TRIGGER audit_events_no_update")
        op.execute("DROP TRIGGER audit_events_no_delete")
    op.drop_table("case_comments")
    op.drop_table("deliveries")
    op.drop_table("review_comments")
    with op.batch_alter_table("decision_versions") as batch:
        batch.drop_index("ix_decision_versions_reviewed_by_id")
        batch.drop_constraint("fk_decision_versions_reviewed_by_id_users", type_="foreignkey")
        batch.drop_constraint("fk_decision_versions_submitted_by_id_users", type_="foreignkey")
        for column in ("review_result", "reviewed_at", "reviewed_by_id", "submitted_at",
                       "submitted_by_id", "context"):
            batch.drop_column(column)
    with op.batch_alter_table("decisions") as batch:
        batch.drop_constraint("uq_decisions_case_stage", type_="unique")
        batch.drop_constraint("fk_decisions_issued_by_id_users", type_="foreignkey")
        for column in ("issued_by_id", "issued_at", "early_reason"):
            batch.drop_column(column)
    op.create_index("uq_decisions_one_draft_per_stage", "decisions", ["case_id", "stage"],
                    unique=True, sqlite_where=sa.text("status = 'draft'"),
                    postgresql_where=sa.text("status = 'draft'"))
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("status", sa.String(32), nullable=False,
                                   server_default="open"))
        batch.drop_index("ix_cases_assignee_id")
        batch.drop_constraint("fk_cases_assignee_id_users", type_="foreignkey")
        for column in ("assignee_id", "stage", "complainant_email"):
            batch.drop_column(column)
    with op.batch_alter_table("users") as batch:
        for column in ("active", "job_title", "name"):
            batch.drop_column(column)
    with op.batch_alter_table("organisations") as batch:
        batch.drop_column("contact_emails")
