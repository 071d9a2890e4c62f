"""Four eyes on every decision, and the comment period between the provisional decision and
the final one: each transition checked, refused with the state named, and nothing changed."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from casework.decisions import SectionChanges, version_changes
from storage.models import AuditEvent, CaseComment, Decision
from tests.drafting import add_finding, add_point, through_review
from vocabulary import Section


def new_case(api) -> dict:
    case = api.post("/api/v1/cases", json={
        "complainant_name": "Mr Tom Example", "organisation_name": "Northtown NHS Trust",
        "summary": "Discharged at night."}).json
    case["finding"] = add_finding(api, case, add_point(api, case, "Discharged at night."),
                                  title="Night discharge")
    return case


def draft(api, case, **body):
    return api.post(f"/api/v1/cases/{case['id']}/decisions", json=body or None)


def test_a_decision_goes_from_draft_to_issued_only_through_a_second_person(api, db):
    case = new_case(api)
    decision = draft(api, case).json
    url = f"/api/v1/decisions/{decision['id']}"
    assert decision["status"] == "draft"

    # Issuing or approving a draft nobody submitted: refused, naming the state.
    refused = api.post(f"{url}/issue")
    assert refused.status_code == 409 and "draft" in refused.json["error"]["message"]
    assert api.post(f"{url}/submit").json["status"] == "submitted"
    # The investigator may not approve at all; a second submit is refused.
    assert api.post(f"{url}/approve").status_code == 403
    assert api.post(f"{url}/submit").status_code == 409
    # Nor may anyone draft again while it is with the reviewer.
    assert draft(api, case).status_code == 409

    sent_back = api.reviewer.post(f"{url}/request-changes", json={
        "comment": "Say when the discharge happened.", "sections": {"findings": "Which ward?"}})
    assert sent_back.status_code == 200 and sent_back.json["status"] == "changes_requested"
    assert api.post(f"{url}/submit").status_code == 409  # draft again first

    redrafted = draft(api, case).json
    assert (redrafted["id"], redrafted["status"], redrafted["version"]) == (
        decision["id"], "draft", 2)
    api.post(f"{url}/submit")
    approved = api.reviewer.post(f"{url}/approve").json
    assert approved["status"] == "approved"
    [first, second] = approved["versions"]
    assert first["review_result"] == "changes_requested" and first["approved_by"] is None
    assert second["approved_by"]["email"] == "reviewer@example.org"
    assert second["drafted_by"]["email"] == second["submitted_by"]["email"] == \
        "investigator@example.org"

    # An approval is for one version: drafting again needs approval again.
    assert draft(api, case).json["status"] == "draft"
    assert api.post(f"{url}/issue").status_code == 409
    api.post(f"{url}/submit")
    api.reviewer.post(f"{url}/approve")
    issued = api.post(f"{url}/issue").json
    assert issued["status"] == "issued" and issued["issued_by"]["email"] == \
        "investigator@example.org"
    assert api.get(f"/api/v1/cases/{case['id']}").json["stage"] == "provisional_issued"
    # Issued is frozen: no more provisional versions.
    assert draft(api, case).status_code == 409

    actions = db.scalars(select(AuditEvent.action).where(AuditEvent.case_id == case["id"])
                         .order_by(AuditEvent.id)).all()
    assert [a for a in actions if a.startswith("decision.") or a.startswith("case.stage")] == [
        "decision.drafted", "decision.submitted", "decision.changes_requested",
        "decision.drafted", "decision.submitted", "decision.approved", "decision.drafted",
        "decision.submitted", "decision.approved", "decision.issued", "case.stage_changed"]
    # What the reviewer wrote may name people: it is kept with the version, not in the log.
    assert not any("Which ward" in str(e.detail) for e in db.scalars(select(AuditEvent)))


def test_nobody_approves_a_version_they_drafted(app, api, db):
    from casework.users import create_token, create_user

    case = new_case(api)
    with app.extensions["casework.storage"].sessions() as session:
        admin = create_user(session, "admin@example.org", "admin-password", "admin")
        token = create_token(session, admin)
        session.commit()
    headers = {"Authorization": f"Bearer {token}"}
    client = app.test_client()
    # An admin drafts and submits; the same admin may not approve it, another reviewer may.
    decision = client.post(f"/api/v1/cases/{case['id']}/decisions", headers=headers).json
    url = f"/api/v1/decisions/{decision['id']}"
    client.post(f"{url}/submit", headers=headers)
    refused = client.post(f"{url}/approve", headers=headers)
    assert refused.status_code == 403
    assert "another person must review it" in refused.json["error"]["message"]
    assert api.get(url).json["status"] == "submitted"
    # The refusal is on record: who, which decision, why; nothing else changed.
    [refusal] = db.scalars(select(AuditEvent).where(AuditEvent.action == "request.refused"))
    assert (refusal.actor_id, refusal.case_id, refusal.detail["decision"],
            refusal.detail["code"]) == (admin.id, case["id"], decision["id"], "forbidden")
    assert api.reviewer.post(f"{url}/approve").status_code == 200


def test_the_final_decision_waits_for_the_comments_or_a_reason(api, db):
    case = new_case(api)
    # Before the provisional decision is issued, neither comments nor a final decision.
    assert api.post(f"/api/v1/cases/{case['id']}/comments", json={
        "from": "complainant", "text": "Early."}).status_code == 409
    provisional = draft(api, case).json
    through_review(api, provisional["id"])

    refused = draft(api, case, stage="final")
    assert refused.status_code == 409
    assert "give a reason" in refused.json["error"]["message"]
    assert api.get(f"/api/v1/cases/{case['id']}").json["stage"] == "provisional_issued"

    comment = api.post(f"/api/v1/cases/{case['id']}/comments", json={
        "from": "complainant", "text": "The discharge was at 11pm, not 9pm."})
    assert comment.status_code == 201 and comment.json["from"] == "complainant"
    assert draft(api, case, stage="final").status_code == 409  # one side has replied
    api.post(f"/api/v1/cases/{case['id']}/comments", json={
        "from": "organisation", "text": "We accept the findings."})
    final = draft(api, case, stage="final")
    assert final.status_code == 201 and final.json["early_reason"] is None
    listed = api.get(f"/api/v1/cases/{case['id']}/comments").json["items"]
    assert [c["from"] for c in listed] == ["complainant", "organisation"]

    # The final decision lists the comments it considered.
    from tests.drafting import document_text
    text = document_text(api.get(f"/api/v1/decisions/{final.json['id']}/document.docx").data)
    assert "Comments on our provisional decision" in text
    assert "Complainant, received" in text and "The discharge was at 11pm, not 9pm." in text


def test_a_reason_lets_the_final_decision_go_early_and_is_kept(api):
    case = new_case(api)
    through_review(api, draft(api, case).json["id"])
    early = draft(api, case, stage="final", reason="The complainant is terminally ill.")
    assert early.status_code == 201
    assert early.json["early_reason"] == "The complainant is terminally ill."


def test_the_comment_period_ends_two_weeks_after_issue(api, db):
    case = new_case(api)
    decision = through_review(api, draft(api, case).json["id"])
    assert draft(api, case, stage="final").status_code == 409
    db.get(Decision, decision["id"]).issued_at -= timedelta(days=15)
    db.commit()
    assert draft(api, case, stage="final").status_code == 201


def test_after_the_final_decision_the_findings_are_read_only(api):
    case = new_case(api)
    through_review(api, draft(api, case).json["id"])
    final = draft(api, case, stage="final", reason="Both sides replied by phone.").json
    through_review(api, final["id"])
    # No recommendations: nothing to follow up, the case closes.
    assert api.get(f"/api/v1/cases/{case['id']}").json["stage"] == "closed"
    refused = api.patch(f"/api/v1/cases/{case['id']}/findings/{case['finding']['id']}",
                        json={"title": "Changed"})
    assert (refused.status_code, refused.json["error"]["code"]) == (409, "conflict")
    assert "can no longer change" in refused.json["error"]["message"]
    assert api.post(f"/api/v1/cases/{case['id']}/complaint-points",
                    json={"text": "Another."}).status_code == 409
    assert api.post(f"/api/v1/cases/{case['id']}/comments", json={
        "from": "complainant", "text": "Late."}).status_code == 409


def test_a_comment_sent_as_a_file_is_evidence_of_its_own_type(api, db):
    import io

    from commands.sample_files import text_pdf

    case = new_case(api)
    through_review(api, draft(api, case).json["id"])
    response = api.post(f"/api/v1/cases/{case['id']}/comments", data={
        "from": "organisation", "file": (io.BytesIO(text_pdf([["Our reply."]])), "reply.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 201, response.json
    evidence = api.get(f"/api/v1/evidence/{response.json['evidence_id']}").json
    assert evidence["doc_type"] == "provisional_comments"
    assert db.scalar(select(CaseComment.text)) is None


def test_what_changed_is_told_section_by_section():
    def context(amount="£250.00", title="Night discharge", summary="S"):
        return {"summary": summary, "outcome": "Upheld", "points": [
            {"number": 1, "text": "P", "findings": [
                {"title": title, "what_happened": "H", "what_should_have_happened": "W",
                 "standard": "", "conclusion": "Service failure", "injustice": "I",
                 "citations": []}]}],
            "recommendations": [{"kind": "Payment", "text": "Pay.", "amount": amount,
                                 "due": "1 May 2099", "from_whom": "",
                                 "compliance_evidence": ""}],
            "events": []}

    changes = {s.section: s.changes for s in version_changes(
        context(), context(amount="£500.00", title="Discharge at 11pm", summary="T"))}
    assert [(c.what, c.before, c.after) for c in changes[Section.AMOUNTS]] == [
        ("Recommendation 1: amount", "£250.00", "£500.00")]
    assert [(c.what, c.after) for c in changes[Section.FINDINGS]] == [
        ("Finding 1: Title", "Discharge at 11pm")]
    assert [c.what for c in changes[Section.WORDING]] == ["Summary"]
    assert changes[Section.RECOMMENDATIONS] == ()
    same = version_changes(context(), context())
    assert all(isinstance(s, SectionChanges) and s.changes == () for s in same)
    first = {s.section: s.changes for s in version_changes(None, context())}
    assert [c.what for c in first[Section.FINDINGS]] == ["Finding 1 added"]


def test_a_review_is_of_the_version_read(api):
    """A reviewer who read version 1 does not approve version 2, which came meanwhile."""
    case = new_case(api)
    url = f"/api/v1/decisions/{draft(api, case).json['id']}"
    api.post(f"{url}/submit")
    api.reviewer.post(f"{url}/request-changes", json={"comment": "Say when it was due.",
                                                     "version": 1})
    draft(api, case)
    api.post(f"{url}/submit")
    stale = api.reviewer.post(f"{url}/approve", json={"version": 1})
    assert stale.status_code == 409
    assert "version 2 is now the one under review" in stale.json["error"]["message"]
    assert api.get(url).json["status"] == "submitted"
    assert api.reviewer.post(f"{url}/approve", json={"version": 2}).status_code == 200


def test_a_decision_is_issued_once_however_many_ask(app, api):
    """Two people press Issue at once: each request read the decision as approved, but only
    the first moves it on; the second is refused and sends nothing."""
    from casework.decisions import deliver_letters, get_decision, mark_issued
    from casework.errors import Conflict
    from casework.users import get_user_by_email

    case = new_case(api)
    decision_id = draft(api, case).json["id"]
    through_review(api, decision_id, issue=False)
    storage = app.extensions["casework.storage"]
    outbox = app.extensions["casework.settings"].outbox_dir
    with storage.sessions() as first, storage.sessions() as second:
        actors = [get_user_by_email(s, "investigator@example.org") for s in (first, second)]
        decisions = [get_decision(s, decision_id) for s in (first, second)]
        assert {d.status.value for d in decisions} == {"approved"}
        version = mark_issued(first, decisions[0], actors[0])
        deliver_letters(first, storage.objects, version, outbox_dir=outbox, by_email=False)
        first.commit()
        with pytest.raises(Conflict, match="changed while you were working"):
            mark_issued(second, decisions[1], actors[1])
    letters = api.get(f"/api/v1/decisions/{decision_id}/letters").json["items"]
    assert sorted(len(letter["deliveries"]) for letter in letters) == [1, 1]
