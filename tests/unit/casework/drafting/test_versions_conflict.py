"""A change made from an older version of a finding or recommendation is refused, unsaved."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from casework.cases import create_case
from casework.drafting import (
    EditConflict,
    FindingInput,
    RecommendationInput,
    add_complaint_point,
    add_finding,
    add_recommendation,
    change_finding,
    change_recommendation,
    load_scale,
)
from storage.models import AuditEvent

TODAY = date(2026, 3, 2)


def finding_input(title: str, **more) -> FindingInput:
    return FindingInput(title=title, what_happened="Happened.",
                        what_should_have_happened="Standard.", conclusion="service_failure",
                        injustice="Distress.", **more)


def drafted(db):
    """A case with a point, a finding on it and an explanation putting it right, saved."""
    case = create_case(db, None, "Mrs Jo Example", "Northtown NHS Trust")
    point = add_complaint_point(db, case, None, "The discharge.")
    finding = add_finding(db, case, None, finding_input("Care plan",
                                                         complaint_point_id=point.id))
    recommendation = add_recommendation(db, case, None, RecommendationInput(
        kind="explanation", text="Explain.", finding_id=finding.id), TODAY, load_scale())
    db.commit()
    return case, finding, recommendation


def audit_count(db) -> int:
    return db.scalar(select(func.count()).select_from(AuditEvent))


def test_each_change_raises_the_finding_version_and_a_stale_one_is_refused(db):
    _, finding, _ = drafted(db)
    assert finding.version == 1
    change_finding(db, finding, None, finding_input(
        "First save", complaint_point_id=finding.complaint_point_id), expected_version=1)
    db.commit()
    assert finding.version == 2
    events = audit_count(db)

    with pytest.raises(EditConflict) as refused:
        change_finding(db, finding, None, finding_input(
            "Second save", complaint_point_id=finding.complaint_point_id), expected_version=1)
    assert refused.value.code == "conflict"
    assert refused.value.current_version == 2
    assert "Someone else saved this finding since you opened it" in refused.value.message
    db.rollback()
    db.expire_all()
    assert (finding.title, finding.version) == ("First save", 2)
    assert audit_count(db) == events


def test_a_save_that_changes_nothing_keeps_the_version(db):
    _, finding, _ = drafted(db)
    change_finding(db, finding, None, finding_input(
        "Care plan", complaint_point_id=finding.complaint_point_id), expected_version=1)
    db.commit()
    assert finding.version == 1


def test_a_stale_recommendation_change_is_refused_and_nothing_is_saved(db):
    _, finding, recommendation = drafted(db)
    scale = load_scale()
    change_recommendation(db, recommendation, None, RecommendationInput(
        kind="explanation", text="Explain first.", finding_id=finding.id), TODAY, scale,
        expected_version=1)
    db.commit()
    assert recommendation.version == 2
    events = audit_count(db)

    with pytest.raises(EditConflict) as refused:
        change_recommendation(db, recommendation, None, RecommendationInput(
            kind="explanation", text="Explain second.", finding_id=finding.id), TODAY, scale,
            expected_version=1)
    assert refused.value.current_version == 2
    db.rollback()
    db.expire_all()
    assert (recommendation.text, recommendation.version) == ("Explain first.", 2)
    assert audit_count(db) == events


def test_a_save_racing_past_the_check_is_refused_by_the_stored_version(app, db):
    """Two sessions read version 1; the first saves; the second, whose check passed on what
    it read, is refused by the UPDATE itself."""
    _, finding, _ = drafted(db)
    with app.extensions["casework.storage"].sessions() as other:
        theirs = other.get(type(finding), finding.id)
        assert theirs.version == 1
        change_finding(db, finding, None, finding_input(
            "Mine", complaint_point_id=finding.complaint_point_id), expected_version=1)
        db.commit()
        with pytest.raises(EditConflict):
            change_finding(other, theirs, None, finding_input(
                "Theirs", complaint_point_id=theirs.complaint_point_id), expected_version=1)
        other.rollback()
    db.expire_all()
    assert (finding.title, finding.version) == ("Mine", 2)
