"""A recommendation's compliance through the domain: what the organisation sends, what the
investigator answers, and the refusals, each step on record."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from casework.compliance import (
    accept_compliance,
    agree_due_date,
    entry_evidence,
    get_recommendation_for,
    request_more,
    submit_compliance,
    visible_recommendations,
)
from casework.decisions import approve_decision, draft_decision, mark_issued, submit_decision
from casework.drafting import RecommendationInput, add_recommendation
from casework.errors import (
    Conflict,
    Forbidden,
    NotFound,
    TooLarge,
    UnsupportedMediaType,
    ValidationFailed,
)
from casework.evidence import Upload
from casework.formats import office_today
from casework.users import create_user, get_user_by_email
from storage.models import AuditEvent, ComplianceEntry, Evidence
from tests.conftest import INVESTIGATOR, REVIEWER
from tests.fixtures import complaint_pdf
from tests.issuing import issued_version
from vocabulary import (
    CaseStage,
    ComplianceStatus,
    ComplianceStep,
    DecisionStage,
    DocType,
    TypeSource,
)

TRUST = "Northtown Hospitals NHS Trust"
MAX_BYTES = 10 * 1024 * 1024


@pytest.fixture
def people(db):
    return {
        "investigator": get_user_by_email(db, INVESTIGATOR[0]),
        "reviewer": get_user_by_email(db, REVIEWER[0]),
        "organisation": create_user(db, "org@example.org", "a-long-password", "organisation",
                                    TRUST),
        "other organisation": create_user(db, "other@example.org", "a-long-password",
                                          "organisation", "Southtown Council"),
    }


@pytest.fixture
def store(app):
    return app.extensions["casework.storage"].objects


def recommendations_of(db, store, settings, people, *, kinds=("apology",), issue=True):
    """A case with the given recommendations, its final decision issued unless told not."""
    drafter, reviewer = people["investigator"], people["reviewer"]
    case = issued_version(db, store, drafter, reviewer, organisation=TRUST).decision.case
    made = [add_recommendation(db, case, drafter, RecommendationInput(
        kind=kind, text=f"Make an {kind}.", finding_id=case.findings[0].id,
        from_whom="the chief executive" if kind == "apology" else ""),
        office_today(), settings.remedy_scale) for kind in kinds]
    version = draft_decision(db, store, case, drafter, office_today(), DecisionStage.FINAL,
                             early_reason="Both sides said they had nothing to add")
    if issue:
        submit_decision(db, version.decision, drafter)
        approve_decision(db, version.decision, reviewer)
        mark_issued(db, version.decision, drafter)
    db.flush()
    return made


def pdf(name="proof.pdf", content=None) -> Upload:
    return Upload(name, io.BytesIO(content or complaint_pdf()))


def events(db, action: str) -> int:
    return db.scalar(select(func.count()).where(AuditEvent.action == action))


def test_evidence_sent_is_evidence_of_compliance_and_can_be_accepted(db, store, settings,
                                                                     people):
    [recommendation] = recommendations_of(db, store, settings, people)
    case = recommendation.case
    assert case.stage is CaseStage.FOLLOW_UP
    entry = submit_compliance(db, store, recommendation, people["organisation"], [pdf()],
                              "  The apology letter we sent.  ", MAX_BYTES)
    [evidence] = entry_evidence(db, entry)
    assert (evidence.doc_type, evidence.doc_type_source, evidence.case_id) == (
        DocType.EVIDENCE_OF_COMPLIANCE, TypeSource.INVESTIGATOR, case.id)
    assert (entry.step, entry.note, entry.evidence_ids) == (
        ComplianceStep.SUBMITTED, "The apology letter we sent.", [evidence.id])
    assert recommendation.compliance_status is ComplianceStatus.EVIDENCE_SUBMITTED

    request_more(db, recommendation, people["investigator"], "Send the signed copy.")
    assert recommendation.compliance_status is ComplianceStatus.MORE_REQUESTED
    submit_compliance(db, store, recommendation, people["organisation"],
                      [pdf("signed.pdf", complaint_pdf() + b"\n% signed")], "", MAX_BYTES)
    accepted_on = office_today() - timedelta(days=1)
    accept_compliance(db, recommendation, people["investigator"], accepted_on)
    db.expire_all()
    assert (recommendation.compliance_status, recommendation.complied_on) == (
        ComplianceStatus.COMPLIED, accepted_on)
    assert [e.step for e in recommendation.compliance_entries] == [
        ComplianceStep.SUBMITTED, ComplianceStep.MORE_REQUESTED, ComplianceStep.SUBMITTED,
        ComplianceStep.ACCEPTED]
    # The only recommendation is complied with: nothing is left to follow up.
    assert case.stage is CaseStage.CLOSED
    assert [events(db, f"compliance.{step}") for step in
            ("submitted", "more_requested", "accepted")] == [2, 1, 1]
    detail = db.scalar(select(AuditEvent.detail).where(
        AuditEvent.action == "compliance.more_requested"))
    assert "Send the signed copy." not in str(detail)
    # A complied recommendation takes no more steps.
    with pytest.raises(Conflict):
        submit_compliance(db, store, recommendation, people["organisation"], [pdf()], "",
                          MAX_BYTES)
    with pytest.raises(Conflict):
        agree_due_date(db, recommendation, people["investigator"],
                       office_today() + timedelta(days=30), "Asked nicely.")


def test_the_case_stays_in_follow_up_until_every_recommendation_is_complied(
        db, store, settings, people):
    first, second = recommendations_of(db, store, settings, people,
                                       kinds=("apology", "explanation"))
    accept_compliance(db, first, people["investigator"], office_today())
    assert first.case.stage is CaseStage.FOLLOW_UP
    accept_compliance(db, second, people["investigator"], office_today())
    assert first.case.stage is CaseStage.CLOSED


def test_another_organisation_gets_not_found_on_record_and_nothing_stored(
        db, store, settings, people):
    [recommendation] = recommendations_of(db, store, settings, people)
    before = db.scalar(select(func.count()).select_from(Evidence))
    with pytest.raises(NotFound):
        submit_compliance(db, store, recommendation, people["other organisation"], [pdf()],
                          "", MAX_BYTES)
    assert db.scalar(select(func.count()).select_from(Evidence)) == before
    assert events(db, "access.refused") == 1
    assert visible_recommendations(db, people["other organisation"]) == []
    assert visible_recommendations(db, people["organisation"]) == [recommendation]
    with pytest.raises(Forbidden):
        submit_compliance(db, store, recommendation, people["investigator"], [pdf()], "",
                          MAX_BYTES)


def test_hostile_or_oversized_files_are_refused_before_anything_is_stored(
        db, store, settings, people):
    [recommendation] = recommendations_of(db, store, settings, people)
    with pytest.raises(UnsupportedMediaType):
        submit_compliance(db, store, recommendation, people["organisation"],
                          [pdf(), Upload("run.exe", io.BytesIO(b"MZ\x90\x00 binary"))], "",
                          MAX_BYTES)
    with pytest.raises(TooLarge):
        submit_compliance(db, store, recommendation, people["organisation"], [pdf()], "",
                          max_bytes=100)
    assert db.scalar(select(func.count()).select_from(ComplianceEntry)) == 0
    assert db.scalar(select(func.count()).select_from(Evidence).where(
        Evidence.doc_type == DocType.EVIDENCE_OF_COMPLIANCE)) == 0
    assert recommendation.compliance_status is ComplianceStatus.OPEN


def test_nothing_is_followed_up_before_the_final_decision_is_issued(db, store, settings,
                                                                    people):
    [recommendation] = recommendations_of(db, store, settings, people, issue=False)
    with pytest.raises(Conflict):
        accept_compliance(db, recommendation, people["investigator"], office_today())
    # The organisation never sees a draft's recommendation, not even that it exists.
    with pytest.raises(NotFound):
        get_recommendation_for(db, people["organisation"], recommendation.id)
    assert visible_recommendations(db, people["organisation"]) == []
    assert visible_recommendations(db, people["investigator"]) == []


def test_only_the_investigator_decides_and_asking_for_more_needs_a_comment(
        db, store, settings, people):
    [recommendation] = recommendations_of(db, store, settings, people)
    with pytest.raises(Conflict):  # nothing has been sent to ask more of
        request_more(db, recommendation, people["investigator"], "More, please.")
    submit_compliance(db, store, recommendation, people["organisation"], [pdf()], "",
                      MAX_BYTES)
    with pytest.raises(Forbidden):
        accept_compliance(db, recommendation, people["reviewer"], office_today())
    with pytest.raises(Forbidden):
        request_more(db, recommendation, people["organisation"], "More.")
    with pytest.raises(ValidationFailed, match="Say what more"):
        request_more(db, recommendation, people["investigator"], "   ")
    with pytest.raises(ValidationFailed, match="future"):
        accept_compliance(db, recommendation, people["investigator"],
                          office_today() + timedelta(days=1))
    assert recommendation.compliance_status is ComplianceStatus.EVIDENCE_SUBMITTED


def test_a_new_due_date_needs_a_reason_and_reopens_an_overdue_recommendation(
        db, store, settings, people):
    [recommendation] = recommendations_of(db, store, settings, people)
    recommendation.compliance_status = ComplianceStatus.OVERDUE  # as the sweep leaves it
    db.flush()
    later = office_today() + timedelta(days=60)
    with pytest.raises(ValidationFailed, match="reason"):
        agree_due_date(db, recommendation, people["investigator"], later, "")
    with pytest.raises(ValidationFailed, match="future"):
        agree_due_date(db, recommendation, people["investigator"], office_today(), "Busy.")
    entry = agree_due_date(db, recommendation, people["investigator"], later,
                           "The trust's board meets next month.")
    assert (recommendation.due_date, recommendation.compliance_status) == (
        later, ComplianceStatus.OPEN)
    assert (entry.step, entry.due_date, entry.note) == (
        ComplianceStep.DUE_DATE_AGREED, later, "The trust's board meets next month.")
    assert events(db, "compliance.due_date_agreed") == 1
    assert visible_recommendations(db, people["investigator"],
                                   status=ComplianceStatus.OVERDUE) == []
