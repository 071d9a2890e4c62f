"""Drafting and publication: complaint points as records, the standard's Principle and
guidance, outcome overrides, provisional and final decisions with the date each version
bears, the reviewed anonymisation map, the chronology's events chosen for the decision, and
one first copy of the same bytes per case.

Existing findings' complaint point texts become points, one per distinct text in a case,
numbered in order of first appearance. A case that a race left with several draft
decisions keeps only the newest, holding all of their versions; a file that a race made a
first copy twice becomes a duplicate of the earlier.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "complaint_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("upheld_override", sa.Boolean(), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "number"),
    )
    op.create_index("ix_complaint_points_case_id", "complaint_points", ["case_id"])
    op.create_table(
        "anonymisation_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("people", sa.JSON(), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["approved_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id"),
    )
    _link_later_copies()
    op.create_index("uq_evidence_first_copy", "evidence", ["case_id", "sha256"], unique=True,
                    sqlite_where=sa.text("duplicate_of_id IS NULL"),
                    postgresql_where=sa.text("duplicate_of_id IS NULL"))
    with op.batch_alter_table("evidence_events") as batch:
        batch.add_column(sa.Column("in_decision", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("outcome_override", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("outcome_override_reason", sa.Text(), nullable=True))
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(sa.Column("stage", sa.String(length=32), nullable=False,
                                   server_default="provisional"))
    _merge_duplicate_drafts()
    with op.batch_alter_table("decision_versions") as batch:
        batch.add_column(sa.Column("dated", sa.Date(), nullable=True))
    op.create_index("uq_decisions_one_draft_per_stage", "decisions", ["case_id", "stage"],
                    unique=True, sqlite_where=sa.text("status = 'draft'"),
                    postgresql_where=sa.text("status = 'draft'"))
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("complaint_point_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("principle", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("guidance", sa.String(length=300), nullable=True))
    _points_from_findings()
    with op.batch_alter_table("findings") as batch:
        batch.alter_column("complaint_point_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key("fk_findings_complaint_point_id", "complaint_points",
                                 ["complaint_point_id"], ["id"])
        batch.create_index("ix_findings_complaint_point_id", ["complaint_point_id"])
        batch.drop_column("complaint_point")


def _merge_duplicate_drafts() -> None:
    """Leave each case one draft decision, the newest, holding all the case's draft versions."""
    # Before 0004 a race could open two drafts for a case; the one-draft index would refuse them.
    bind = op.get_bind()
    duplicated = bind.execute(sa.text(
        "SELECT case_id, MAX(id) FROM decisions WHERE status = 'draft' "
        "GROUP BY case_id HAVING COUNT(*) > 1"
    )).all()
    for case_id, kept_id in duplicated:
        _move_draft_versions(bind, case_id, kept_id)
        _renumber_versions(bind, kept_id)
        bind.execute(sa.text("DELETE FROM decisions WHERE case_id = :case_id "
                             "AND status = 'draft' AND id <> :kept_id"),
                     {"case_id": case_id, "kept_id": kept_id})


def _move_draft_versions(bind: sa.Connection, case_id: int, kept_id: int) -> None:
    # Minus the row id is distinct and clear of every real version number, so the
    # (decision_id, version) unique constraint holds while the rows change hands.
    bind.execute(sa.text(
        "UPDATE decision_versions SET decision_id = :kept_id, version = -id WHERE decision_id IN "
        "(SELECT id FROM decisions WHERE case_id = :case_id AND status = 'draft')"
    ), {"case_id": case_id, "kept_id": kept_id})


def _renumber_versions(bind: sa.Connection, decision_id: int) -> None:
    """Number the decision's versions 1..n in the order they were made."""
    version_ids = bind.execute(sa.text(
        "SELECT id FROM decision_versions WHERE decision_id = :decision_id "
        "ORDER BY created_at, id"
    ), {"decision_id": decision_id}).scalars().all()
    for number, version_id in enumerate(version_ids, start=1):
        bind.execute(sa.text("UPDATE decision_versions SET version = :number WHERE id = :id"),
                     {"number": number, "id": version_id})


def _points_from_findings() -> None:
    # Findings about the same point must share it, or the point counts twice towards the outcome.
    bind = op.get_bind()
    rows = bind.execute(sa.text(
        "SELECT id, case_id, complaint_point, created_by_id, created_at FROM findings ORDER BY id"
    )).all()
    point_ids: dict[tuple[int, str], int] = {}
    numbers: dict[int, int] = {}
    for finding_id, case_id, text, created_by_id, created_at in rows:
        key = (case_id, _normalised(text))
        if key not in point_ids:
            numbers[case_id] = numbers.get(case_id, 0) + 1
            point_ids[key] = bind.execute(
                sa.text("INSERT INTO complaint_points (case_id, number, text, created_by_id, "
                        "created_at) VALUES (:case_id, :number, :text, :by, :at) RETURNING id"),
                {"case_id": case_id, "number": numbers[case_id], "text": text,
                 "by": created_by_id, "at": created_at},
            ).scalar_one()
        bind.execute(sa.text("UPDATE findings SET complaint_point_id = :point WHERE id = :id"),
                     {"point": point_ids[key], "id": finding_id})


def _normalised(text: str) -> str:
    """The text as compared: runs of whitespace made one space, case folded."""
    return " ".join(text.split()).casefold()


def _link_later_copies() -> None:
    """Before one first copy per case is enforced: a copy that two simultaneous uploads both
    made a first copy becomes a duplicate of the earlier one."""
    op.execute(
        "UPDATE evidence SET status = 'duplicate', duplicate_of_id = ("
        " SELECT MIN(earlier.id) FROM evidence earlier WHERE earlier.case_id = evidence.case_id"
        " AND earlier.sha256 = evidence.sha256 AND earlier.duplicate_of_id IS NULL)"
        " WHERE duplicate_of_id IS NULL AND id > ("
        " SELECT MIN(earlier.id) FROM evidence earlier WHERE earlier.case_id = evidence.case_id"
        " AND earlier.sha256 = evidence.sha256 AND earlier.duplicate_of_id IS NULL)"
    )


def downgrade() -> None:
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("complaint_point", sa.Text(), nullable=False,
                                   server_default=""))
    op.execute("UPDATE findings SET complaint_point = (SELECT text FROM complaint_points "
               "WHERE complaint_points.id = findings.complaint_point_id)")
    with op.batch_alter_table("findings") as batch:
        batch.drop_index("ix_findings_complaint_point_id")
        batch.drop_constraint("fk_findings_complaint_point_id", type_="foreignkey")
        batch.drop_column("guidance")
        batch.drop_column("principle")
        batch.drop_column("complaint_point_id")
    op.drop_index("uq_evidence_first_copy", table_name="evidence")
    op.drop_index("uq_decisions_one_draft_per_stage", table_name="decisions")
    with op.batch_alter_table("decision_versions") as batch:
        batch.drop_column("dated")
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("stage")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("outcome_override_reason")
        batch.drop_column("outcome_override")
    with op.batch_alter_table("evidence_events") as batch:
        batch.drop_column("in_decision")
    op.drop_table("anonymisation_reviews")
    op.drop_index("ix_complaint_points_case_id", table_name="complaint_points")
    op.drop_table("complaint_points")
