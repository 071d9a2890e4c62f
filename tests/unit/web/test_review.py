"""Review and issue on the pages: the investigator submits, the reviewer reads what changed
and sends it back or approves, the investigator issues; each refusal says why."""

import re

from sqlalchemy import select

from storage.models import AuditEvent, Decision
from tests.conftest import INVESTIGATOR, REVIEWER
from tests.drafting import add_finding, add_point
from vocabulary import DecisionStatus


def case_with_a_finding(api) -> dict:
    case = api.post("/api/v1/cases", json={
        "complainant_name": "Mrs Ada Example", "organisation_name": "Northtown NHS Trust",
        "summary": "Not called back."}).json
    case["finding"] = add_finding(api, case, add_point(api, case, "Nobody called back."),
                                  title="No call back")
    return case


def test_the_walk_from_draft_to_issue_through_the_pages(client, auth, api, db):
    case = case_with_a_finding(api)
    page = f"/cases/{case['id']}"
    auth.login(INVESTIGATOR)
    client.post(f"{page}/decisions", data={"stage": "provisional"})
    decision = db.scalar(select(Decision))
    assert "Submit version 1 for review" in client.get(f"{page}/decision").text
    client.post(f"/decisions/{decision.id}/submit")
    shown = client.get(f"{page}/decision").text
    assert "Awaiting review" in shown and "waiting for a reviewer" in shown
    auth.logout()

    auth.login(REVIEWER)
    listed = client.get("/cases/").text
    assert case["reference"] in listed and "Investigation" in listed
    review = client.get(f"/decisions/{decision.id}/review").text
    assert "the first version: everything is new" in review
    assert "Finding 1 added" in review and "Approve version 1" in review
    response = client.post(f"/decisions/{decision.id}/review", data={
        "action": "request_changes", "findings": "Say when the call was due."})
    assert response.status_code == 302
    auth.logout()

    auth.login(INVESTIGATOR)
    shown = client.get(f"{page}/decision").text
    assert "Changes requested" in shown and "read their comments" in shown
    api.patch(f"/api/v1/cases/{case['id']}/findings/{case['finding']['id']}",
              json={"title": "No call back within two days"})
    client.post(f"{page}/decisions", data={"stage": "provisional"})
    client.post(f"/decisions/{decision.id}/submit")
    # The drafter sees what changed but has no buttons to approve it.
    own = client.get(f"/decisions/{decision.id}/review").text
    assert "Approve version" not in own
    auth.logout()

    auth.login(REVIEWER)
    review = client.get(f"/decisions/{decision.id}/review").text
    assert "since version 1" in review
    assert "<ins>No call back within two days</ins>" in review
    assert "Say when the call was due." in review  # the comment on version 1
    assert client.post(f"/decisions/{decision.id}/review",
                       data={"action": "approve"}).status_code == 302
    # The reviewer does not issue.
    assert client.post(f"/decisions/{decision.id}/issue").status_code == 403
    auth.logout()

    auth.login(INVESTIGATOR)
    shown = client.get(f"{page}/decision").text
    assert "Issue the provisional decision" in shown
    client.post(f"/decisions/{decision.id}/issue")
    db.expire_all()
    assert db.get(Decision, decision.id).status is DecisionStatus.ISSUED
    assert "Provisional issued" in client.get(page).text  # the case's stage, on its overview
    shown = client.get(f"{page}/decision").text
    assert "Comments are due by" in shown
    assert "Record comments" in shown

    # Both sides reply, and the final decision may be drafted without a reason.
    for sender, text in (("complainant", "I was never called."),
                         ("organisation", "We accept the finding.")):
        assert client.post(f"{page}/comments", data={
            "sender": sender, "text": text}).status_code == 302
    shown = client.get(f"{page}/decision").text
    assert "I was never called." in shown and "Reason for drafting" not in shown
    client.post(f"{page}/decisions", data={"stage": "final"})
    final = db.scalar(select(Decision).where(Decision.stage == "final"))
    assert final is not None and final.early_reason is None


def test_the_reviewer_is_refused_on_their_own_draft_and_an_investigator_always(
        app, client, auth, api, db):
    from casework.users import create_user

    with app.extensions["casework.storage"].sessions() as session:
        create_user(session, "admin@example.org", "admin-password", "admin")
        session.commit()
    case = case_with_a_finding(api)
    auth.login(("admin@example.org", "admin-password"))
    client.post(f"/cases/{case['id']}/decisions", data={"stage": "provisional"})
    decision = db.scalar(select(Decision))
    client.post(f"/decisions/{decision.id}/submit")
    refused = client.post(f"/decisions/{decision.id}/review", data={"action": "approve"})
    assert refused.status_code == 403
    assert "another person must review it" in refused.text
    auth.logout()

    auth.login(INVESTIGATOR)
    refused = client.post(f"/decisions/{decision.id}/review", data={"action": "approve"})
    assert refused.status_code == 403 and "does not review decisions" in refused.text
    db.expire_all()
    assert db.get(Decision, decision.id).status is DecisionStatus.SUBMITTED


def test_a_review_replayed_without_its_csrf_token_changes_nothing(app, client, auth, api, db):
    case = case_with_a_finding(api)
    decision = api.post(f"/api/v1/cases/{case['id']}/decisions").json
    api.post(f"/api/v1/decisions/{decision['id']}/submit")
    app.config["WTF_CSRF_ENABLED"] = True
    login = client.get("/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login).group(1)
    client.post("/login", data={"email": REVIEWER[0], "password": REVIEWER[1],
                                "csrf_token": token})
    response = client.post(f"/decisions/{decision['id']}/review", data={"action": "approve"})
    assert response.status_code == 400
    db.expire_all()
    assert db.get(Decision, decision["id"]).status is DecisionStatus.SUBMITTED
    assert not db.scalars(select(AuditEvent).where(AuditEvent.action == "decision.approved")
                          ).all()
