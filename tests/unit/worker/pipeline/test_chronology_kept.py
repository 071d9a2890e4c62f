"""The chronology step: an email is one event, not its header lines; and reading a file again
replaces what the worker found but keeps what an investigator did to its events."""

from __future__ import annotations

from storage.models import AuditEvent, Evidence
from tests.bundle import complaint_email
from tests.unit.worker.pipeline.test_runner import new_case, upload
from vocabulary import EvidenceStatus

EMAIL_EVENT = ("Email from Ben Example <ben@example.org> to complaints@riverside.example: "
               "Complaint about my referral")
REFERRAL = "On 4 February 2026 my GP referred me to the hospital, and nobody contacted me."


def chronology(api, case_id: int, **query) -> list[dict]:
    return api.get(f"/api/v1/cases/{case_id}/chronology", query_string=query).json["items"]


def emailed_case(api, process) -> tuple[int, int]:
    case_id = new_case(api)
    email_id = upload(api, case_id, ("complaint.eml", complaint_email()))[0]
    process([email_id])
    return case_id, email_id


def read_again(db, process, evidence_id: int) -> None:
    evidence = db.get(Evidence, evidence_id)
    evidence.status = EvidenceStatus.QUEUED
    db.commit()
    process([evidence_id])
    assert db.get(Evidence, evidence_id).status is EvidenceStatus.PROCESSED


def test_an_email_is_one_event_with_the_people_it_names(api, process):
    case_id, email_id = emailed_case(api, process)
    told = [(item["date"], item["text"], item["page"]) for item in chronology(api, case_id)
            if item["evidence_id"] == email_id]
    assert told == [("2026-02-04", REFERRAL, 1), ("2026-03-02", EMAIL_EVENT, 1)]
    [email] = [item for item in chronology(api, case_id) if item["text"] == EMAIL_EVENT]
    assert email["people"] == ["Ben Example"]
    assert (email["source"], email["corrected"], email["dismissed"]) == ("machine", False, False)


def test_an_investigators_events_survive_the_file_being_read_again(api, db, process):
    case_id, email_id = emailed_case(api, process)
    found = {item["text"]: item["event_id"] for item in chronology(api, case_id)}
    added = api.post(f"/api/v1/cases/{case_id}/chronology", json={
        "date": "2026-03-09", "text": "Ben Example phoned the surgery about the referral.",
        "evidence_id": email_id, "page": 1})
    assert added.status_code == 201, added.json
    corrected = api.patch(f"/api/v1/cases/{case_id}/chronology/{found[REFERRAL]}",
                          json={"date": "2026-02-05", "text": "The GP referred him on."})
    dismissed = api.patch(f"/api/v1/cases/{case_id}/chronology/{found[EMAIL_EVENT]}",
                          json={"dismissed": True})
    assert (corrected.status_code, dismissed.status_code) == (200, 200)

    read_again(db, process, email_id)

    listed = [(item["date"], item["text"], item["source"], item["corrected"])
              for item in chronology(api, case_id) if item["evidence_id"] == email_id]
    assert listed == [
        ("2026-02-05", "The GP referred him on.", "machine", True),
        ("2026-03-09", "Ben Example phoned the surgery about the referral.", "investigator",
         False),
    ]
    assert [(item["text"], item["dismissed"]) for item in
            chronology(api, case_id, dismissed="true")] == [(EMAIL_EVENT, True)]
    assert db.query(AuditEvent).filter(AuditEvent.action.like("chronology.%")).count() == 3
