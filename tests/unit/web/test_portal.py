"""The organisation portal through the browser: where an organisation's user lands, what it
sees of its decisions and recommendations, and everything else refused."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from casework.compliance import request_more
from casework.formats import office_today
from casework.users import create_user, get_user_by_email
from storage.models import (
    AuditEvent,
    CaseComment,
    ComplianceEntry,
    Decision,
    Evidence,
    Recommendation,
)
from tests.conftest import INVESTIGATOR
from tests.drafting import add_finding, add_point, draft_final, issue_provisional, through_review
from tests.fixtures import complaint_pdf
from vocabulary import ComplianceStatus, DocType, Recipient

ORGANISATION = ("org@example.org", "a-long-password")
OTHER_ORGANISATION = ("other.org@example.org", "a-long-password")


@pytest.fixture
def world(api, db):
    """A case about Northtown with one recommendation, its provisional decision issued; a
    user for Northtown and one for Southtown, which has a case of its own."""
    case = api.post("/api/v1/cases", json={
        "complainant_name": "Mrs Ada Example", "organisation_name": "Northtown NHS Trust",
        "summary": "Nobody called back."}).json
    finding = add_finding(api, case, add_point(api, case, "Nobody called back."))
    recommendation = api.post(f"/api/v1/cases/{case['id']}/recommendations", json={
        "kind": "apology", "text": "Apologise to Mrs Example in writing.",
        "finding_id": finding["id"], "from_whom": "the chief executive",
        "due_date": (office_today() + timedelta(days=30)).isoformat()}).json
    provisional = issue_provisional(api, case["id"])
    other_case = api.post("/api/v1/cases", json={
        "complainant_name": "Mr Ben Example", "organisation_name": "Southtown Council",
        "summary": "Bins."}).json
    create_user(db, *ORGANISATION, "organisation", "Northtown NHS Trust")
    create_user(db, *OTHER_ORGANISATION, "organisation", "Southtown Council")
    db.commit()
    return {"case": case, "recommendation_id": recommendation["id"],
            "provisional_id": provisional["id"], "other_case": other_case}


def issue_final(api, world) -> int:
    decision_id = draft_final(api, world["case"]["id"]).json["id"]
    through_review(api, decision_id)
    return decision_id


def sign_in(client, credentials):
    client.post("/logout")
    email, password = credentials
    return client.post("/login", data={"email": email, "password": password})


def events(db, action: str) -> list[AuditEvent]:
    db.expire_all()
    return list(db.scalars(select(AuditEvent).where(AuditEvent.action == action)
                           .order_by(AuditEvent.id)))


def test_organisations_land_on_the_portal_and_staff_on_their_home(client, world):
    assert sign_in(client, ORGANISATION).headers["Location"] == "/portal"
    for staff_front in ("/", "/cases/"):
        assert client.get(staff_front).headers["Location"] == "/portal"
    page = client.get("/portal")
    assert page.status_code == 200
    assert "Your decisions" in page.text and 'href="/cases/"' not in page.text
    assert sign_in(client, INVESTIGATOR).headers["Location"] == "/"
    assert client.get("/portal").status_code == 403


def test_case_pages_and_staff_data_are_refused_to_organisations(client, world, db):
    sign_in(client, ORGANISATION)
    case_id = world["case"]["id"]
    evidence_id = db.scalar(select(func.max(Evidence.id))) or 1
    for url in (f"/cases/{case_id}", f"/cases/{case_id}/history", f"/evidence/{evidence_id}",
                f"/cases/{case_id}/search?q=called", "/cases/new",
                f"/decisions/{world['provisional_id']}/document.docx",
                f"/decisions/{world['provisional_id']}/versions/1/letters/complainant.docx"):
        assert client.get(url).status_code == 403, url


def test_the_portal_lists_issued_decisions_and_the_followed_recommendations(client, api,
                                                                           world, db):
    sign_in(client, ORGANISATION)
    page = client.get("/portal").text
    assert world["case"]["reference"] in page and "Provisional decision" in page
    # The recommendation is a draft until the final decision makes it.
    assert "Apologise to Mrs Example" not in page
    final_id = issue_final(api, world)
    page = client.get("/portal").text
    assert "Final decision" in page and "Apologise to Mrs Example in writing." in page
    assert f'/portal/decisions/{final_id}"' in page
    assert f'/portal/recommendations/{world["recommendation_id"]}"' in page
    assert "Open" in page
    # Southtown has nothing issued and sees none of it.
    sign_in(client, OTHER_ORGANISATION)
    page = client.get("/portal").text
    assert world["case"]["reference"] not in page
    assert "No decisions have been issued to Southtown Council yet." in page
    northtown = get_user_by_email(db, ORGANISATION[0])
    assert [e.subject_id for e in events(db, "portal.viewed")
            if e.actor_id == northtown.id] == [northtown.organisation_id] * 2


def test_a_decision_page_gives_the_letter_and_the_decision_and_takes_comments(
        app, client, world, db):
    sign_in(client, ORGANISATION)
    decision_id = world["provisional_id"]
    page = client.get(f"/portal/decisions/{decision_id}")
    assert page.status_code == 200
    assert "Comment on the provisional decision" in page.text
    assert "letters/complainant" not in page.text
    store = app.extensions["casework.storage"].objects
    letter = client.get(f"/portal/decisions/{decision_id}/letter.docx")
    assert letter.status_code == 200
    assert "letter-to-organisation-v1.docx" in letter.headers["Content-Disposition"]
    decision = client.get(f"/portal/decisions/{decision_id}/decision.docx")
    assert decision.status_code == 200 and decision.data[:2] == b"PK"
    assert client.get(f"/portal/decisions/{decision_id}/evidence.docx").status_code == 404
    assert [e.detail["document"] for e in events(db, "portal.downloaded")] == [
        "letter", "decision"]
    assert letter.data == store.get(_organisation_letter_key(db, decision_id))

    response = client.post(f"/portal/decisions/{decision_id}/comments",
                           data={"text": "We have nothing to add."})
    assert response.headers["Location"] == f"/portal/decisions/{decision_id}"
    db.expire_all()
    [comment] = db.scalars(select(CaseComment)).all()
    assert (comment.sender, comment.text) == (Recipient.ORGANISATION, "We have nothing to add.")
    refused = client.post(f"/portal/decisions/{decision_id}/comments", data={"text": ""})
    assert refused.status_code == 422
    assert "Send the comments as text or as one file" in refused.text


def _organisation_letter_key(db, decision_id: int) -> str:
    [version] = db.get(Decision, decision_id).versions
    return next(x.object_key for x in version.letters if x.recipient is Recipient.ORGANISATION)


def test_comments_close_with_the_final_decision(client, api, world):
    final_id = issue_final(api, world)
    sign_in(client, ORGANISATION)
    page = client.get(f"/portal/decisions/{world['provisional_id']}").text
    assert "Comment on the provisional decision" not in page
    assert "Comment on" not in client.get(f"/portal/decisions/{final_id}").text
    response = client.post(f"/portal/decisions/{world['provisional_id']}/comments",
                           data={"text": "Late."})
    assert response.status_code == 409


def test_another_organisations_ids_are_not_found_and_on_record(client, api, world, db):
    final_id = issue_final(api, world)
    sign_in(client, OTHER_ORGANISATION)
    recommendation_id = world["recommendation_id"]
    before = db.scalar(select(func.count()).select_from(ComplianceEntry))
    for method, url in (
            ("GET", f"/portal/decisions/{final_id}"),
            ("GET", f"/portal/decisions/{final_id}/letter.docx"),
            ("GET", f"/portal/decisions/{final_id}/decision.docx"),
            ("POST", f"/portal/decisions/{world['provisional_id']}/comments"),
            ("GET", f"/portal/recommendations/{recommendation_id}"),
            ("POST", f"/portal/recommendations/{recommendation_id}/compliance")):
        response = client.open(url, method=method, data={
            "text": "Ours.", "note": "Ours.",
            "files": [(io.BytesIO(complaint_pdf()), "minutes.pdf")]} if method == "POST" else None)
        assert response.status_code == 404, url
    refused = events(db, "access.refused")
    assert [(e.detail["record"], e.case_id) for e in refused] == [
        ("decision", world["case"]["id"])] * 4 + [("recommendation", world["case"]["id"])] * 2
    assert db.scalar(select(func.count()).select_from(ComplianceEntry)) == before
    assert db.scalar(select(func.count()).select_from(CaseComment)) == 0


def test_a_draft_decision_and_an_unfollowed_recommendation_are_not_found(client, api, world):
    draft_id = draft_final(api, world["case"]["id"]).json["id"]
    sign_in(client, ORGANISATION)
    assert client.get(f"/portal/decisions/{draft_id}").status_code == 404
    assert client.get(f"/portal/decisions/{draft_id}/decision.docx").status_code == 404
    assert client.get(f"/portal/recommendations/{world['recommendation_id']}").status_code == 404


def test_evidence_of_compliance_is_sent_and_the_investigators_comment_shown(
        app, client, api, world, db):
    issue_final(api, world)
    sign_in(client, ORGANISATION)
    url = f"/portal/recommendations/{world['recommendation_id']}"
    page = client.get(url)
    assert page.status_code == 200
    assert "Apologise to Mrs Example in writing." in page.text
    assert "Nothing has been sent yet." in page.text
    response = client.post(f"{url}/compliance", data={
        "note": "The letter of apology is attached.",
        "files": [(io.BytesIO(complaint_pdf()), "apology.pdf")]},
        content_type="multipart/form-data")
    assert response.headers["Location"] == url
    db.expire_all()
    recommendation = db.get(Recommendation, world["recommendation_id"])
    assert recommendation.compliance_status is ComplianceStatus.EVIDENCE_SUBMITTED
    [entry] = recommendation.compliance_entries
    [evidence] = [db.get(Evidence, i) for i in entry.evidence_ids]
    assert (evidence.case_id, evidence.doc_type) == (
        recommendation.case_id, DocType.EVIDENCE_OF_COMPLIANCE)

    request_more(db, recommendation, get_user_by_email(db, INVESTIGATOR[0]),
                 "Send the chief executive's signed copy.")
    db.commit()
    page = client.get(url).text
    assert "The letter of apology is attached." in page and "(1 file)" in page
    assert "Send the chief executive&#39;s signed copy." in page
    assert "More evidence requested" in page
    assert "apology.pdf" not in page  # the case's evidence stays the office's
    viewed = [e for e in events(db, "portal.viewed") if e.subject_type == "recommendation"]
    assert [e.case_id for e in viewed] == [recommendation.case_id] * 2


def test_a_hostile_or_oversized_file_is_refused_with_nothing_kept(app, client, api, world,
                                                                  db, settings):
    issue_final(api, world)
    sign_in(client, ORGANISATION)
    url = f"/portal/recommendations/{world['recommendation_id']}/compliance"
    evidence_before = db.scalar(select(func.count()).select_from(Evidence))
    hostile = client.post(url, data={"note": "Here.", "files": [
        (io.BytesIO(b"MZ\x90\x00 not a document"), "apology.pdf")]},
        content_type="multipart/form-data")
    assert hostile.status_code == 415
    assert "is not a supported type" in hostile.text
    app.extensions["casework.settings"] = replace(settings, max_upload_mb=1)
    big = complaint_pdf() + b"\0" * (1024 * 1024 + 1)
    # Encoded by hand: the test client would spool a body this size to a file it never closes.
    body = (b'--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nHere.\r\n'
            b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.pdf"\r\n'
            b"Content-Type: application/pdf\r\n\r\n" + big + b"\r\n--b--\r\n")
    oversized = client.post(url, data=body, content_type="multipart/form-data; boundary=b")
    assert oversized.status_code == 413
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Evidence)) == evidence_before
    assert db.scalar(select(func.count()).select_from(ComplianceEntry)) == 0
    assert db.get(Recommendation, world["recommendation_id"]).compliance_status \
        is ComplianceStatus.OPEN
    assert [e.detail["code"] for e in events(db, "request.refused")] == [
        "unsupported_media_type", "too_large"]
