"""The same bytes are read once: a second case's copy takes the first reading, in rows of its
own; a file with files inside is read again, so its members become this case's evidence."""

from __future__ import annotations

from sqlalchemy import event, select

from storage.models import Evidence
from tests.bundle import complaint_email, referral_pdf
from tests.unit.worker.pipeline.test_runner import new_case, upload
from vocabulary import EvidenceStatus
from worker.pipeline.runner import REUSE_STEP, STEP_NAMES


def reading(api, evidence_id: int) -> tuple:
    pages = [p["text"] for p in api.get(f"/api/v1/evidence/{evidence_id}/pages").json["items"]]
    entities = [(e["label"], e["text"], e["page"], e["start"]) for e in
                api.get(f"/api/v1/evidence/{evidence_id}/entities").json["items"]]
    file = api.get(f"/api/v1/evidence/{evidence_id}").json
    return pages, entities, file["doc_type"], file["page_count"]


def test_the_same_file_in_another_case_takes_the_first_reading(api, db, process):
    first_case, second_case = new_case(api), new_case(api)
    [first] = upload(api, first_case, ("referral.pdf", referral_pdf()))
    process([first])
    [second] = upload(api, second_case, ("scan-of-referral.pdf", referral_pdf()))
    process([second])

    copy = db.get(Evidence, second)
    assert copy.status is EvidenceStatus.PROCESSED and copy.duplicate_of_id is None
    assert [(s.name, s.detail) for s in copy.steps] == [(REUSE_STEP, "read before: 1 page(s) "
                                                                     "searchable")]
    assert reading(api, second) == reading(api, first)
    assert copy.identifying_facts == db.get(Evidence, first).identifying_facts
    # Its own rows, found through its own case: searchable and in the chronology.
    assert {p.id for p in copy.pages}.isdisjoint(p.id for p in db.get(Evidence, first).pages)
    hits = api.get(f"/api/v1/cases/{second_case}/search", query_string={"q": "referral"}).json
    assert {hit["evidence_id"] for hit in hits["items"]} == {second}
    dated = api.get(f"/api/v1/cases/{second_case}/chronology").json["items"]
    assert dated and {item["evidence_id"] for item in dated} == {second}


def test_a_file_with_attachments_is_read_again_so_they_join_the_case(api, db, process):
    first_case, second_case = new_case(api), new_case(api)
    process(upload(api, first_case, ("complaint.eml", complaint_email())))
    [again] = upload(api, second_case, ("complaint.eml", complaint_email()))
    process([again])

    assert [s.name for s in db.get(Evidence, again).steps] == list(STEP_NAMES)
    children = db.scalars(select(Evidence).where(Evidence.parent_id == again)).all()
    assert [c.filename for c in children] == ["referral.pdf"]
    assert {c.case_id for c in children} == {second_case}


def test_a_file_is_processed_in_a_commit_a_step_and_not_more(api, db, process):
    [item] = upload(api, new_case(api), ("referral.pdf", referral_pdf()))
    commits = []

    def count(session) -> None:
        commits.append(session)

    event.listen(db, "after_commit", count)
    try:
        process([item])
    finally:
        event.remove(db, "after_commit", count)
    assert db.get(Evidence, item).status is EvidenceStatus.PROCESSED
    # One a step (the claim rides with the first), one for the saved results, one at the end.
    assert len(commits) == len(STEP_NAMES) + 2
