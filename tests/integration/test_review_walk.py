"""Review and issue through the API, as an integrating system would: the investigator drafts
and submits, the reviewer asks for changes, the investigator drafts again, the reviewer
approves, the investigator issues, and a real worker emails both letters to a real SMTP
server. The case's audit trail tells it in order. Embedded mode, then services mode."""

from __future__ import annotations

import time

import pytest

from casework.organisations import update_organisation
from casework.users import create_token, create_user, get_user_by_email
from storage.models import Case
from tests.smtp import smtp_server
from web import create_app
from wiring import load_settings

pytestmark = pytest.mark.integration


@pytest.fixture
def walk(mode_env, start_worker):
    with smtp_server() as server:
        env = mode_env | server.env()
        app = create_app(load_settings(env), test_config={"TESTING": True})
        storage = app.extensions["casework.storage"]
        with storage.sessions() as session:
            tokens = {}
            for email, role in (("investigator@example.org", "investigator"),
                                ("reviewer@example.org", "reviewer"),
                                ("admin@example.org", "admin")):
                user = create_user(session, email, "a-long-password", role,
                                   name=email.split("@")[0].title(), job_title="Officer")
                tokens[role] = create_token(session, user)
            session.commit()
        worker = start_worker(env)
        client = app.test_client()

        def call(role: str, method: str, url: str, **kwargs):
            headers = {"Authorization": f"Bearer {tokens[role]}"}
            return client.open(f"/api/v1{url}", method=method, headers=headers, **kwargs)

        yield call, storage, server.inbox, worker
        storage.engine.dispose()


def test_the_walk_from_draft_to_letters_delivered(walk):
    call, storage, inbox, worker = walk
    case = call("investigator", "POST", "/cases", json={
        "complainant_name": "Mrs Ada Example", "organisation_name": "Northtown NHS Trust",
        "complainant_email": "ada@example.net", "summary": "Nobody called back."}).json
    with storage.sessions() as session:
        # The admin records where the organisation's letters go.
        organisation = session.get(Case, case["id"]).organisation
        update_organisation(session, get_user_by_email(session, "admin@example.org"),
                            organisation, organisation.name, ["complaints@northtown.example"])
        session.commit()
    point = call("investigator", "POST", f"/cases/{case['id']}/complaint-points",
                 json={"text": "Nobody called back."}).json
    finding = call("investigator", "POST", f"/cases/{case['id']}/findings", json={
        "complaint_point_id": point["id"], "title": "Call back",
        "what_happened": "No call for three weeks.",
        "what_should_have_happened": "A call within two days.",
        "conclusion": "service_failure", "injustice": "Distress."}).json

    decision = call("investigator", "POST", f"/cases/{case['id']}/decisions").json
    url = f"/decisions/{decision['id']}"
    assert call("investigator", "POST", f"{url}/submit").json["status"] == "submitted"
    # An investigator never approves; the reviewer sends it back with a comment.
    assert call("investigator", "POST", f"{url}/approve").status_code == 403
    sent_back = call("reviewer", "POST", f"{url}/request-changes", json={
        "sections": {"recommendations": "Add an apology."}})
    assert sent_back.json["status"] == "changes_requested"
    assert call("investigator", "POST", f"{url}/issue").status_code == 409

    call("investigator", "POST", f"/cases/{case['id']}/recommendations", json={
        "kind": "apology", "text": "Apologise for the missed call.",
        "finding_id": finding["id"], "from_whom": "the practice manager"})
    assert call("investigator", "POST", f"/cases/{case['id']}/decisions").json["version"] == 2
    call("investigator", "POST", f"{url}/submit")
    approved = call("reviewer", "POST", f"{url}/approve", json={"version": 2}).json
    assert approved["status"] == "approved"
    versions = approved["versions"]
    assert [(v["version"], v["review_result"], v["reviewed_by"]["email"]) for v in versions] == [
        (1, "changes_requested", "reviewer@example.org"),
        (2, "approved", "reviewer@example.org")]
    assert versions[1]["approved_by"]["email"] == "reviewer@example.org"

    issued = call("investigator", "POST", f"{url}/issue")
    assert issued.status_code == 200 and issued.json["status"] == "issued"
    assert call("investigator", "GET", f"/cases/{case['id']}").json["stage"] == \
        "provisional_issued"

    received = inbox.wait_for(2, timeout=90)
    assert sorted(r.recipients[0] for r in received) == [
        "ada@example.net", "complaints@northtown.example"]
    deadline = time.monotonic() + 60
    while True:
        letters = call("investigator", "GET", f"{url}/letters").json["items"]
        if all(letter["delivered_at"] for letter in letters):
            break
        assert worker.alive(), worker.log()
        assert time.monotonic() < deadline, letters
        time.sleep(0.2)
    assert sorted(letter["recipient"] for letter in letters) == ["complainant", "organisation"]
    assert {letter["channel"] for letter in letters} == {"email"}

    trail = call("investigator", "GET", f"/cases/{case['id']}/audit").json["items"]
    steps = [e["action"] for e in trail if e["action"].startswith("decision.")]
    assert steps == ["decision.drafted", "decision.submitted", "decision.changes_requested",
                     "decision.drafted", "decision.submitted", "decision.approved",
                     "decision.issued"]
    assert [e["action"] for e in trail].count("letter.sent") == 2
    assert trail == sorted(trail, key=lambda e: e["at"])
