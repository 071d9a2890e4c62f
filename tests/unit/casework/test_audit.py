"""A case's audit trail: its order, its CSV, and what it never holds."""

import csv
import io
import json
from datetime import UTC, datetime

from sqlalchemy import select

from casework.audit import (
    TRAIL_COLUMNS,
    action_label,
    case_trail,
    record_event,
    record_label,
    record_search,
    trail_csv,
)
from casework.cases import create_case
from casework.drafting import add_complaint_point
from casework.evidence import Upload, add_evidence, mark_failed
from casework.users import create_user, get_user_by_email
from storage.models import AuditEvent
from tests.conftest import INVESTIGATOR
from tests.fixtures import complaint_pdf

# Words that name the complainant; none may reach an audit event's detail.
NAMES = ("Lovelace", "Ada")


def test_the_trail_is_the_cases_own_events_oldest_first(db):
    investigator = get_user_by_email(db, INVESTIGATOR[0])
    case = create_case(db, investigator, "Mrs A", "A Trust")
    other = create_case(db, investigator, "Mr B", "A Trust")
    later = record_event(db, investigator, "case.chronology_viewed", case, case_id=case.id)
    earlier = record_event(db, None, "case.stage_changed", case, case_id=case.id)
    # Recorded second, but it happened first: the trail goes by time, not by insertion.
    earlier.at = datetime(2020, 1, 1, tzinfo=UTC)
    db.commit()
    db.expunge_all()

    trail = case_trail(db, case)
    assert [(e.action, e.id) for e in trail] == [
        ("case.stage_changed", earlier.id), ("case.created", trail[1].id),
        ("case.chronology_viewed", later.id)]
    assert all(e.case_id == case.id for e in trail) and other.id not in {e.case_id for e in trail}
    # The actor comes with each event, without another query per row.
    assert "actor" in trail[1].__dict__ and trail[1].actor.email == INVESTIGATOR[0]
    assert trail[0].actor is None


def test_the_csv_has_when_who_what_which_record_and_detail(db):
    investigator = get_user_by_email(db, INVESTIGATOR[0])
    case = create_case(db, investigator, "Mrs A", "A Trust")
    record_event(db, None, "case.stage_changed", case, case_id=case.id,
                 to="review", **{"from": "investigation"})
    db.commit()

    rows = list(csv.reader(io.StringIO(trail_csv(case_trail(db, case)))))
    assert tuple(rows[0]) == TRAIL_COLUMNS == ("at", "actor", "action", "record", "detail")
    created, moved = rows[1:]
    assert created[1:] == [INVESTIGATOR[0], "case.created", f"case {case.id}",
                           json.dumps({"reference": case.reference})]
    assert moved[1:] == ["system", "case.stage_changed", f"case {case.id}",
                         '{"from": "investigation", "to": "review"}']
    at = datetime.fromisoformat(created[0])
    assert at.utcoffset().total_seconds() == 0 and created[0].endswith("+00:00")


def test_actions_read_in_plain_words():
    assert action_label("decision.approved") == "Decision approved"
    assert action_label("complaint_point.outcome_overridden") == \
        "Complaint point outcome overridden"


def test_searches_filenames_failures_and_new_users_leave_no_names(app, db):
    investigator = get_user_by_email(db, INVESTIGATOR[0])
    case = create_case(db, investigator, "Mrs Ada Lovelace", "A Trust")
    store = app.extensions["casework.storage"].objects
    [evidence] = add_evidence(db, store, case, investigator, [
        Upload("Ada Lovelace GP letter.pdf", io.BytesIO(complaint_pdf()))], 10**7)
    record_search(db, investigator, case, doc_type="complaint", entity="Ada Lovelace")
    record_search(db, investigator, case, doc_type="Lovelace", entity=None)
    mark_failed(db, evidence, "damaged: 'Lovelace notes.pdf' in the ZIP file could not be read")
    user = create_user(db, "ada.lovelace@example.org", "a-long-password", "investigator")
    db.commit()

    events = db.scalars(select(AuditEvent)).all()
    assert not [e for e in events if any(name in json.dumps(e.detail) for name in NAMES)]
    by_action = {e.action: e for e in case_trail(db, case)}
    uploaded = by_action["evidence.uploaded"].detail
    assert uploaded["sha256"] == evidence.sha256 and uploaded["size"] == len(complaint_pdf())
    assert uploaded["media_type"] == "application/pdf" and "filename" not in uploaded
    assert by_action["evidence.failed"].detail == {"reason": "damaged"}
    searches = [e.detail for e in case_trail(db, case) if e.action == "case.searched"]
    # A known type is kept; a "type" that is not one is free text, and dropped.
    assert searches == [{"doc_type": "complaint", "by_entity": True}, {}]
    [created] = [e for e in events if e.action == "user.created" and e.subject_id == user.id]
    assert created.detail == {"role": "investigator"}


def test_a_record_is_named_in_words(db):
    investigator = get_user_by_email(db, INVESTIGATOR[0])
    case = create_case(db, investigator, "Mrs A", "A Trust")
    point = add_complaint_point(db, case, investigator, "Nobody called back.")
    db.commit()
    [event] = [e for e in case_trail(db, case) if e.action == "complaint_point.added"]
    assert record_label(event) == f"complaint point {point.id}"
