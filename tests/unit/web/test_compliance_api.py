"""Compliance in the API: the recommendations each person sees, evidence an organisation
sends, and the investigator's answer; the refusals answered and on record."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from casework.users import create_token, create_user
from storage.models import AuditEvent, Evidence, Organisation
from tests.conftest import Api
from tests.drafting import add_finding, add_point, draft_final, issue_provisional, through_review
from tests.fixtures import complaint_pdf
from vocabulary import DocType

TRUST = "Northtown NHS Trust"


def followed_case(api, organisation=TRUST, *, issue=True) -> dict:
    """A case with one apology recommendation; its final decision issued unless told not."""
    case = api.post("/api/v1/cases", json={
        "complainant_name": "Mrs Ada Example", "organisation_name": organisation}).json
    finding = add_finding(api, case, add_point(api, case, "Nobody called back."))
    recommendation = api.post(f"/api/v1/cases/{case['id']}/recommendations", json={
        "kind": "apology", "text": "Apologise.", "finding_id": finding["id"],
        "from_whom": "the chief executive"}).json
    issue_provisional(api, case["id"])
    final = draft_final(api, case["id"]).json
    if issue:
        through_review(api, final["id"])
    return recommendation


@pytest.fixture
def organisation_api(client, db):
    """An API client for a user of the Northtown trust, and one for another organisation's."""
    def client_for(email, organisation):
        user = create_user(db, email, "a-long-password", "organisation", organisation)
        return Api(client, create_token(db, user))

    ours = client_for("org@example.org", TRUST)
    ours.other = client_for("other@example.org", "Southtown Council")
    db.commit()
    return ours


def send(api, recommendation_id, *files, note="Our apology letter."):
    return api.post(f"/api/v1/recommendations/{recommendation_id}/compliance", data={
        "note": note, "file": [(io.BytesIO(data), name) for name, data in files]},
        content_type="multipart/form-data")


def refusals(db) -> int:
    return db.scalar(select(func.count()).where(
        AuditEvent.action.in_(("access.refused", "request.refused"))))


def test_the_organisation_sends_evidence_and_the_investigator_accepts_it(
        api, organisation_api, db):
    recommendation = followed_case(api)
    listed = organisation_api.get("/api/v1/recommendations").json["items"]
    assert listed == [{"id": recommendation["id"], "case_id": recommendation["case_id"],
                       "kind": "apology", "text": "Apologise.",
                       "due": recommendation["due_date"], "status": "open",
                       "organisation": TRUST}]
    response = send(organisation_api, recommendation["id"], ("apology.pdf", complaint_pdf()))
    assert response.status_code == 202, response.json
    [item] = response.json["items"]
    assert db.get(Evidence, item["id"]).doc_type is DocType.EVIDENCE_OF_COMPLIANCE

    more = api.post(f"/api/v1/recommendations/{recommendation['id']}/request-more",
                    json={"comment": "Send it signed."})
    assert more.status_code == 200, more.json
    assert more.json["status"] == "more_requested"
    assert [e["step"] for e in more.json["entries"]] == ["submitted", "more_requested"]
    assert organisation_api.get(
        "/api/v1/recommendations?status=more_requested").json["items"][0]["id"] \
        == recommendation["id"]

    accepted = api.post(f"/api/v1/recommendations/{recommendation['id']}/accept")
    assert accepted.status_code == 200, accepted.json
    assert accepted.json["status"] == "complied"
    assert accepted.json["complied_on"] is not None
    assert api.get(f"/api/v1/cases/{recommendation['case_id']}").json["stage"] == "closed"
    assert api.post(f"/api/v1/recommendations/{recommendation['id']}/accept").status_code \
        == 409


def test_each_sees_only_their_own_recommendations(api, organisation_api, db):
    ours = followed_case(api)
    theirs = followed_case(api, "Southtown Council")
    southtown = db.scalar(select(Organisation.id).where(Organisation.name == "Southtown Council"))

    def ids(client, query=""):
        return [r["id"] for r in client.get(f"/api/v1/recommendations{query}").json["items"]]

    assert ids(organisation_api) == [ours["id"]]
    assert ids(organisation_api.other) == [theirs["id"]]
    assert sorted(ids(api)) == sorted([ours["id"], theirs["id"]])
    assert ids(api, f"?organisation_id={southtown}") == [theirs["id"]]
    # Another organisation's id in the filter finds nothing of theirs.
    assert ids(organisation_api, f"?organisation_id={southtown}") == []
    assert ids(api, "?status=complied") == []
    assert organisation_api.get("/api/v1/recommendations?status=done").status_code == 422


def test_refusals_store_nothing_and_are_on_record(api, organisation_api, db):
    recommendation = followed_case(api)
    draft = followed_case(api, issue=False)
    theirs = followed_case(api, "Southtown Council")
    evidence = db.scalar(select(func.count()).select_from(Evidence))
    before = refusals(db)
    pdf = ("apology.pdf", complaint_pdf())
    answers = [
        send(organisation_api, theirs["id"], pdf).status_code,  # another organisation's
        send(organisation_api, draft["id"], pdf).status_code,  # not issued: not theirs yet
        send(organisation_api, recommendation["id"],
             ("run.exe", b"MZ\x90\x00 not a document")).status_code,
        send(api, recommendation["id"], pdf).status_code,  # staff do not send it
        organisation_api.get(f"/api/v1/cases/{recommendation['case_id']}").status_code,
        organisation_api.get("/api/v1/cases").status_code,
        organisation_api.post(f"/api/v1/recommendations/{recommendation['id']}/accept"
                              ).status_code,
        api.post(f"/api/v1/recommendations/{draft['id']}/accept").status_code,
    ]
    assert answers == [404, 404, 415, 403, 403, 403, 403, 409]
    assert refusals(db) - before == len(answers)
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Evidence)) == evidence
    status = api.get(f"/api/v1/cases/{recommendation['case_id']}").status_code
    assert status == 200
