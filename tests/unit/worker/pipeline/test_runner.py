"""The pipeline over a mixed bundle, run in-process: what an investigator sees afterwards."""

from __future__ import annotations

import io

from sqlalchemy import select

from storage.models import Evidence
from tests.bundle import NHS_NUMBER, bundle_zip, complaint_email, referral_pdf
from vocabulary import EvidenceStatus
from worker.pipeline.runner import STEP_NAMES


def upload(api, case_id, *files):
    response = api.post(f"/api/v1/cases/{case_id}/evidence", data={
        "file": [(io.BytesIO(content), name) for name, content in files]},
        content_type="multipart/form-data")
    assert response.status_code == 202, response.json
    return [item["id"] for item in response.json["items"]]


def new_case(api) -> int:
    return api.post("/api/v1/cases", json={
        "complainant_name": "Mr Ben Example", "organisation_name": "Riverside Surgery"}).json["id"]


def test_bundle_is_unpacked_classified_mined_and_searchable(api, db, process):
    case_id = new_case(api)
    ids = upload(api, case_id, ("complaint.eml", complaint_email()), ("bundle.zip", bundle_zip()))
    process(ids)

    files = {e.filename: e for e in db.scalars(select(Evidence))}
    assert set(files) == {"complaint.eml", "referral.pdf", "bundle.zip", "response.docx",
                          "notes.txt"}
    assert {e.status for e in files.values()} == {EvidenceStatus.PROCESSED}
    assert files["referral.pdf"].parent_id == files["complaint.eml"].id
    assert files["response.docx"].parent_id == files["bundle.zip"].id
    assert files["complaint.eml"].details["subject"] == "Complaint about my referral"
    assert [s.name for s in files["referral.pdf"].steps] == list(STEP_NAMES)
    assert all(s.duration_ms is not None for s in files["referral.pdf"].steps)

    entities = api.get(f"/api/v1/evidence/{files['referral.pdf'].id}/entities").json["items"]
    pages = api.get(f"/api/v1/evidence/{files['referral.pdf'].id}/pages").json["items"]
    nhs = [e for e in entities if e["label"] == "NHS_NUMBER"]
    assert [e["text"] for e in nhs] == [NHS_NUMBER]
    assert pages[0]["text"][nhs[0]["start"]:nhs[0]["end"]] == NHS_NUMBER
    assert any(e["label"] == "MONEY" for e in
               api.get(f"/api/v1/evidence/{files['complaint.eml'].id}/entities").json["items"])

    chronology = api.get(f"/api/v1/cases/{case_id}/chronology").json["items"]
    dates = [item["date"] for item in chronology]
    assert dates == sorted(dates)
    assert {"2026-02-04", "2026-03-02", "2026-03-10"} <= set(dates)

    hits = api.get(f"/api/v1/cases/{case_id}/search", query_string={"q": "physiotherapy"}).json
    assert hits["items"] == [{"evidence_id": files["complaint.eml"].id, "page": 1,
                              "snippet": hits["items"][0]["snippet"]}]
    assert "physiotherapy" in hits["items"][0]["snippet"]
    only_pdfs = api.get(f"/api/v1/cases/{case_id}/search",
                        query_string={"q": "referral", "entity": NHS_NUMBER}).json["items"]
    assert {hit["evidence_id"] for hit in only_pdfs} == {files["referral.pdf"].id}


def test_same_bytes_twice_are_linked_not_processed(api, db, process):
    case_id = new_case(api)
    [first] = upload(api, case_id, ("referral.pdf", referral_pdf()))
    process([first])
    [again] = upload(api, case_id, ("copy-of-referral.pdf", referral_pdf()))
    copy = api.get(f"/api/v1/evidence/{again}").json
    assert (copy["status"], copy["duplicate_of_id"]) == ("duplicate", first)
    assert api.get(f"/api/v1/evidence/{again}/pages").json["items"] == []


def test_two_uploads_of_the_same_bytes_at_once_make_one_first_copy(app, api, db, monkeypatch):
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from casework.cases import get_case
    from casework.evidence import measure_stream, store_evidence

    case_id = new_case(api)
    store = app.extensions["casework.storage"].objects
    content = referral_pdf()
    sha256, size = measure_stream(io.BytesIO(content), 10**8)

    def save(session, name):
        return store_evidence(session, store, get_case(session, case_id), None, name,
                              io.BytesIO(content), "application/pdf", sha256, size)

    # The other upload lands between this one looking for a first copy and saving its row:
    # just before this one's INSERT of the row reaches the database.
    landed = []

    @event.listens_for(db.get_bind(), "before_cursor_execute")
    def the_other_upload_lands_first(_connection, _cursor, statement, *_args):
        if statement.startswith("INSERT INTO evidence ") and not landed:
            landed.append(True)
            with Session(bind=db.get_bind()) as other:
                save(other, "other.pdf")
                other.commit()  # that request ends: its shell commits

    mine = save(db, "mine.pdf")
    event.remove(db.get_bind(), "before_cursor_execute", the_other_upload_lands_first)
    first = db.scalar(select(Evidence).where(Evidence.filename == "other.pdf"))
    assert (first.status, first.duplicate_of_id) == (EvidenceStatus.QUEUED, None)
    assert (mine.status, mine.duplicate_of_id) == (EvidenceStatus.DUPLICATE, first.id)


def test_failed_file_can_be_retried_and_type_corrected(api, db, process):
    case_id = new_case(api)
    [damaged] = upload(api, case_id, ("damaged.pdf", referral_pdf()[:300]))
    process([damaged])
    state = api.get(f"/api/v1/evidence/{damaged}").json
    assert state["status"] == "failed" and state["error"]
    assert state["steps"][-1]["status"] == "failed"
    assert api.post(f"/api/v1/evidence/{damaged}/retry").json["status"] == "queued"

    [good] = upload(api, case_id, ("referral.pdf", referral_pdf()))
    process([good])
    response = api.patch(f"/api/v1/evidence/{good}", json={"doc_type": "correspondence"})
    assert response.status_code == 200
    assert (response.json["doc_type"], response.json["doc_type_source"],
            response.json["needs_review"]) == ("correspondence", "investigator", False)
    refused = api.patch(f"/api/v1/evidence/{good}", json={"doc_type": "gossip"})
    assert refused.status_code == 422


def test_a_second_run_changes_nothing(api, db, process):
    """A redelivered task (acks_late) must not add a second set of children or pages."""
    case_id = new_case(api)
    [email] = upload(api, case_id, ("complaint.eml", complaint_email()))
    process([email])
    before = sorted((e.filename, e.parent_id) for e in db.scalars(select(Evidence)))
    evidence = db.get(Evidence, email)
    evidence.status = EvidenceStatus.QUEUED
    db.commit()
    process([email])
    assert sorted((e.filename, e.parent_id) for e in db.scalars(select(Evidence))) == before
    assert [p.number for p in db.get(Evidence, email).pages] == [1]


def test_a_missing_original_fails_with_a_reason(app, api, db, process):
    case_id = new_case(api)
    [item] = upload(api, case_id, ("referral.pdf", referral_pdf()))
    app.extensions["casework.storage"].objects.delete(db.get(Evidence, item).object_key)
    process([item])
    state = api.get(f"/api/v1/evidence/{item}").json
    assert (state["status"], state["error"]) == ("failed",
                                                 "the stored file is missing; upload it again")
    [step] = state["steps"]
    assert (step["name"], step["status"], step["detail"]) == ("store", "failed", state["error"])


def test_control_characters_never_reach_the_database(api, db, process):
    case_id = new_case(api)
    [item] = upload(api, case_id, ("notes.txt", b"Telephone note\n" + b"x" * 9000 + b"\x00\x02end"))
    process([item])
    [page] = db.get(Evidence, item).pages
    assert "\x00" not in page.text and "\x02" not in page.text and page.text.endswith("xend")


def test_one_run_at_a_time_and_lost_runs_are_found(api, db):
    from datetime import UTC, datetime, timedelta

    from casework.evidence import claim_for_processing, stalled_evidence

    case_id = new_case(api)
    [item] = upload(api, case_id, ("referral.pdf", referral_pdf()))
    evidence = db.get(Evidence, item)
    assert stalled_evidence(db, 600) == [item]  # queued: its message may have been lost
    assert claim_for_processing(db, evidence, 600)
    assert not claim_for_processing(db, evidence, 600)  # a second delivery stands back
    assert stalled_evidence(db, 600) == []
    evidence.processing_started_at = datetime.now(UTC) - timedelta(seconds=601)
    db.commit()
    assert stalled_evidence(db, 600) == [item]  # its worker died: the lease ran out
    assert claim_for_processing(db, evidence, 600)


def test_a_file_that_keeps_losing_its_worker_is_given_up(api, db, process):
    case_id = new_case(api)
    [item] = upload(api, case_id, ("referral.pdf", referral_pdf()))
    evidence = db.get(Evidence, item)
    evidence.attempts = 3
    db.commit()
    process([item])
    state = api.get(f"/api/v1/evidence/{item}").json
    assert state["status"] == "failed" and state["error"].startswith("stopped:")
    assert api.post(f"/api/v1/evidence/{item}/retry").status_code == 202
    process([item])
    assert api.get(f"/api/v1/evidence/{item}").json["status"] == "processed"


def test_reading_across_a_case_is_audited(api, db):
    from storage.models import AuditEvent

    case_id = new_case(api)
    api.get(f"/api/v1/cases/{case_id}/search",
            query_string={"q": "referral", "doc_type": "complaint", "entity": "Mrs Ada Jones"})
    api.get(f"/api/v1/cases/{case_id}/chronology")
    events = db.scalars(select(AuditEvent).where(AuditEvent.case_id == case_id)).all()
    reads = [(e.action, e.detail) for e in events if e.action.startswith("case.")]
    assert ("case.searched", {"doc_type": "complaint", "by_entity": True}) in reads
    assert ("case.chronology_viewed", {}) in reads
    # What was searched for may name people: it is never kept.
    assert not any("referral" in str(e.detail) or "Jones" in str(e.detail) for e in events)
