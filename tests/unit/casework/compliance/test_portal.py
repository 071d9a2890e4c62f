"""What an organisation sees of its decisions: issued ones of its own only, their letter to it
and the decision, comments while the period is open; each view, download and refusal on record."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from casework.compliance import (
    comments_open_until,
    get_issued_decision_for,
    organisation_decisions,
    portal_download,
    record_portal_view,
    send_portal_comments,
)
from casework.decisions import approve_decision, draft_decision, mark_issued, submit_decision
from casework.errors import Conflict, NotFound
from casework.formats import office_today
from casework.users import create_user, get_user_by_email
from storage.models import AuditEvent, CaseComment
from tests.conftest import INVESTIGATOR, REVIEWER
from tests.issuing import issued_version
from vocabulary import DecisionStage, Recipient


@pytest.fixture
def people(db):
    drafter = get_user_by_email(db, INVESTIGATOR[0])
    reviewer = get_user_by_email(db, REVIEWER[0])
    ours = create_user(db, "org@example.org", "a-long-password", "organisation",
                       "Northtown Hospitals NHS Trust")
    theirs = create_user(db, "other.org@example.org", "a-long-password", "organisation",
                         "Southtown Council")
    return drafter, reviewer, ours, theirs


@pytest.fixture
def provisional(app, db, people):
    """Our organisation's issued provisional decision."""
    drafter, reviewer, _, _ = people
    store = app.extensions["casework.storage"].objects
    return issued_version(db, store, drafter, reviewer).decision


@pytest.fixture
def elsewhere(app, db, people):
    """Another organisation's issued provisional decision."""
    drafter, reviewer, _, _ = people
    store = app.extensions["casework.storage"].objects
    return issued_version(db, store, drafter, reviewer, organisation="Southtown Council").decision


def events(db, action: str) -> list[AuditEvent]:
    return list(db.scalars(select(AuditEvent).where(AuditEvent.action == action)
                           .order_by(AuditEvent.id)))


def test_an_organisation_sees_only_its_own_issued_decisions(app, db, people, provisional,
                                                            elsewhere):
    drafter, reviewer, ours, theirs = people
    store = app.extensions["casework.storage"].objects
    # A final decision drafted but not issued is nobody's to see outside the office.
    final = draft_decision(db, store, provisional.case, drafter, office_today(),
                           DecisionStage.FINAL, early_reason="Nothing to add").decision
    assert organisation_decisions(db, ours) == [provisional]
    assert organisation_decisions(db, theirs) == [elsewhere]
    assert organisation_decisions(db, drafter) == []
    submit_decision(db, final, drafter)
    approve_decision(db, final, reviewer)
    mark_issued(db, final, drafter)
    assert organisation_decisions(db, ours) == [final, provisional]


def test_another_organisations_or_unissued_decision_is_not_found_and_on_record(
        app, db, people, provisional, elsewhere):
    drafter, _, ours, _ = people
    store = app.extensions["casework.storage"].objects
    assert get_issued_decision_for(db, ours, provisional.id) is provisional
    draft = draft_decision(db, store, provisional.case, drafter, office_today(),
                           DecisionStage.FINAL, early_reason="Nothing to add").decision
    for decision_id, case_id in ((elsewhere.id, elsewhere.case_id),
                                 (draft.id, draft.case_id), (draft.id + 100, None)):
        with pytest.raises(NotFound):
            get_issued_decision_for(db, ours, decision_id)
        refused = events(db, "access.refused")[-1]
        assert (refused.actor_id, refused.case_id, refused.detail) == (
            ours.id, case_id, {"record": "decision", "record_id": decision_id})
    with pytest.raises(NotFound):
        get_issued_decision_for(db, drafter, provisional.id)  # staff use the case pages


def test_downloads_are_the_issued_versions_letter_to_the_organisation_and_the_decision(
        db, people, provisional):
    _, _, ours, _ = people
    [version] = provisional.versions
    [letter] = [x for x in version.letters if x.recipient is Recipient.ORGANISATION]
    sent = portal_download(db, ours, provisional, "letter")
    assert sent.object_key == letter.object_key
    assert sent.filename.endswith("-provisional-letter-to-organisation-v1.docx")
    sent = portal_download(db, ours, provisional, "decision")
    assert sent.object_key == version.object_key
    with pytest.raises(NotFound):
        portal_download(db, ours, provisional, "evidence")
    assert [(e.case_id, e.detail) for e in events(db, "portal.downloaded")] == [
        (provisional.case_id, {"document": "letter", "version": 1}),
        (provisional.case_id, {"document": "decision", "version": 1})]


def test_views_are_on_record(db, people, provisional):
    _, _, ours, _ = people
    record_portal_view(db, ours, ours.organisation)
    record_portal_view(db, ours, provisional)
    assert [(e.actor_id, e.subject_type, e.subject_id, e.case_id)
            for e in events(db, "portal.viewed")] == [
        (ours.id, "organisation", ours.organisation_id, None),
        (ours.id, "decision", provisional.id, provisional.case_id)]


def test_comments_are_taken_while_the_period_is_open(app, db, people, provisional):
    _, _, ours, _ = people
    store = app.extensions["casework.storage"].objects
    today = office_today()
    due = comments_open_until(db, provisional, today)
    assert due == today + timedelta(days=14)
    assert comments_open_until(db, provisional, due + timedelta(days=1)) is None
    with pytest.raises(Conflict):
        send_portal_comments(db, store, ours, provisional, due + timedelta(days=1),
                             text="Too late.", max_bytes=1024)
    comment = send_portal_comments(db, store, ours, provisional, due, text=" We agree. ",
                                   max_bytes=1024)
    assert db.scalars(select(CaseComment)).all() == [comment]
    assert (comment.sender, comment.text, comment.created_by_id) == (
        Recipient.ORGANISATION, "We agree.", ours.id)


def test_no_comments_on_a_final_decision(app, db, people, provisional):
    drafter, reviewer, ours, _ = people
    store = app.extensions["casework.storage"].objects
    final = draft_decision(db, store, provisional.case, drafter, office_today(),
                           DecisionStage.FINAL, early_reason="Nothing to add").decision
    submit_decision(db, final, drafter)
    approve_decision(db, final, reviewer)
    mark_issued(db, final, drafter)
    assert comments_open_until(db, final, office_today()) is None
    assert comments_open_until(db, provisional, office_today()) is None  # the case moved on
    with pytest.raises(Conflict):
        send_portal_comments(db, store, ours, final, office_today(), text="Late.",
                             max_bytes=1024)
