"""The pages an investigator clicks through, with processing run directly (no worker)."""

import io
import re
from datetime import date

import pytest
from sqlalchemy import select

from storage.models import AuditEvent, Case, Decision, Evidence
from tests.conftest import REVIEWER
from tests.drafting import date_fields, document_text
from tests.fixtures import complaint_pdf, response_docx
from vocabulary import EvidenceStatus


def create_case(client) -> int:
    response = client.post("/cases/new", data={
        "complainant_name": "Mr Ben Example", "organisation_name": "Riverside Surgery",
        "summary": "Cancelled appointment",
    })
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_sign_in_is_required(client, auth):
    assert client.get("/").headers["Location"].startswith("/login")
    response = client.post("/login", data={"email": "investigator@example.org",
                                           "password": "wrong"})
    assert response.status_code == 400
    assert "Enter a correct email address and password" in response.text
    assert auth.login().headers["Location"] == "/"
    assert client.get("/cases/").status_code == 200
    auth.logout()
    assert client.get("/cases/").status_code == 302


@pytest.mark.parametrize("target", ["//evil.example/x", "/\\evil.example/x",
                                    "https://evil.example/", "/cases/\n"])
def test_login_does_not_redirect_off_site(client, target):
    response = client.post("/login", query_string={"next": target}, data={
        "email": "investigator@example.org", "password": "investigator-pass"})
    assert response.headers["Location"] == "/"


def test_investigator_path_from_case_to_decision(client, auth, db, process):
    auth.login()
    case_id = create_case(client)
    case_page = client.get(f"/cases/{case_id}")
    assert "Mr Ben Example" in case_page.text
    reference = re.search(r"CW-\d{4}-\d{5}", case_page.text).group(0)
    assert reference in client.get("/cases/").text

    response = client.post(f"/cases/{case_id}/evidence", data={"files": [
        (io.BytesIO(complaint_pdf()), "complaint.pdf"),
        (io.BytesIO(response_docx()), "response.docx"),
    ]}, content_type="multipart/form-data")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{case_id}/evidence"
    page = client.get(f"/cases/{case_id}/evidence").text
    assert "complaint.pdf" in page and "Queued" in page
    assert "hx-trigger" in page  # the table keeps itself up to date while files are queued

    process(db.scalars(select(Evidence.id)).all())
    pdf = db.scalar(select(Evidence).where(Evidence.filename == "complaint.pdf"))
    assert pdf.status is EvidenceStatus.PROCESSED
    viewer = client.get(f"/evidence/{pdf.id}").text
    # Entities found in the text are marked up; the words read the same without the marks.
    assert "Page 2" in viewer
    assert "Nobody called me back for three weeks." in re.sub(r"<[^>]+>", "", viewer)
    original = client.get(f"/evidence/{pdf.id}/original")
    assert original.data == complaint_pdf()
    assert "attachment" in original.headers["Content-Disposition"]

    response = client.post(f"/cases/{case_id}/findings/new", data={
        "title": "Call back", "new_complaint_point": "The surgery did not call back.",
        "what_happened": "No call for three weeks.",
        "what_should_have_happened": "A call back within two working days.",
        "conclusion": "service_failure", "injustice": "Distress and uncertainty.",
        "citation_number": str(pdf.number), "citation_page": "2",
        "citation_quote": "Nobody called me back",
    })
    assert response.status_code == 302
    response = client.post(f"/cases/{case_id}/recommendations/new", data={
        "finding_id": "1", "kind": "payment", "text": "Pay Mr Ben Example for the distress.",
        **date_fields("due_date", date(2099, 1, 31)), "amount": "250.00",
        "basis": "injustice", "severity_level": "1",
    })
    assert response.status_code == 302
    assert "£250.00" in client.get(f"/cases/{case_id}/recommendations").text

    response = client.post(f"/cases/{case_id}/decisions")
    assert response.status_code == 302
    page = client.get(f"/cases/{case_id}/decision").text
    # The draft goes to a reviewer before anyone outside sees it; no final decision yet.
    assert "Submit version 1 for review" in page
    assert "Generate final decision" not in page
    link = re.search(r'href="(/decisions/\d+/versions/1/document.docx)"', page).group(1)
    download = client.get(link)
    assert download.status_code == 200
    text = document_text(download.data)
    assert reference in text
    assert "Evidence 1, page 2: “Nobody called me back”" in text
    assert "£250.00" in text and "31 January 2099" in text
    assert "Our provisional decision is that the complaint is upheld." in text
    actions = set(db.scalars(select(AuditEvent.action)))
    assert {"case.created", "evidence.uploaded", "evidence.viewed", "finding.added",
            "recommendation.added", "decision.drafted"} <= actions


def test_form_errors_are_shown(client, auth):
    auth.login()
    response = client.post("/cases/new", data={"complainant_name": "", "organisation_name": ""})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.text
    assert "Enter the complainant&#39;s name" in response.text


def test_unsupported_upload_is_refused_and_nothing_stored(client, auth, db):
    auth.login()
    case_id = create_case(client)
    response = client.post(f"/cases/{case_id}/evidence", data={"files": [
        (io.BytesIO(complaint_pdf()), "fine.pdf"),
        (io.BytesIO(b"MZ\x90\x00 executable"), "letter.pdf"),
    ]}, content_type="multipart/form-data")
    assert response.status_code == 415
    # Said plainly, on a page whose title says there is an error: no media types.
    assert "<title>Error: Evidence" in response.text
    assert "letter.pdf is not a kind of file we can read" in response.text
    assert "Word (.docx)" in response.text and "application/" not in response.text
    assert '<a href="#files">' in response.text
    assert "Excel spreadsheet (.xlsx)" in response.text
    assert db.scalars(select(Evidence)).all() == []


def test_a_file_left_unread_without_libreoffice_says_why(client, auth, db):
    auth.login()
    case = db.get(Case, create_case(client))
    unread = Evidence(case=case, filename="note.doc", media_type="application/msword",
                      sha256="c" * 64, size=1, object_key="k", number=1,
                      status=EvidenceStatus.PROCESSED, flags=["libreoffice_unavailable"])
    db.add(unread)
    db.commit()
    page = client.get(f"/evidence/{unread.id}").text
    assert "Word 97-2003 document (.doc)" in page
    assert ("LibreOffice is not installed here, so this old Word document cannot be read. "
            "The original is kept and can still be downloaded.") in page


def test_quote_not_on_page_is_refused(client, auth, db, process):
    auth.login()
    case_id = create_case(client)
    client.post(f"/cases/{case_id}/evidence", data={"files": [
        (io.BytesIO(complaint_pdf()), "complaint.pdf")]}, content_type="multipart/form-data")
    process(db.scalars(select(Evidence.id)).all())
    response = client.post(f"/cases/{case_id}/findings/new", data={
        "title": "T", "new_complaint_point": "P", "what_happened": "H",
        "what_should_have_happened": "S", "conclusion": "no_failing",
        "citation_number": "1", "citation_page": "1", "citation_quote": "words never written",
    })
    assert response.status_code == 422
    assert "the quote does not appear on page 1 of complaint.pdf" in response.text


def test_reviewers_read_only_what_awaits_their_review_and_do_not_draft(client, auth, db):
    auth.login()
    case_id = create_case(client)
    auth.logout()
    auth.login(REVIEWER)
    assert client.get(f"/cases/{case_id}").status_code == 404
    case = db.get(Case, case_id)
    db.add(Decision(case=case, stage="provisional", status="submitted", outcome="upheld"))
    db.commit()
    assert client.get(f"/cases/{case_id}").status_code == 200
    assert client.post(f"/cases/{case_id}/decisions").status_code == 403
    assert client.get("/cases/new").status_code == 403


def test_csrf_is_enforced(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/login", data={"email": "investigator@example.org",
                                           "password": "investigator-pass"})
    assert response.status_code == 400
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/login", data={"email": "investigator@example.org",
                                           "password": "investigator-pass", "csrf_token": token})
    assert response.status_code == 302


def test_unknown_pages_are_404(client, auth):
    auth.login()
    assert client.get("/cases/999").status_code == 404
    assert client.get("/evidence/999").status_code == 404
    assert client.get("/decisions/999/document.docx").status_code == 404


def test_the_evidence_list_names_who_each_file_mentions(db):
    from casework.evidence import names_mentioned
    from storage.models import Case, EvidenceEntity, Organisation

    def found(label: str, value: str) -> EvidenceEntity:
        return EvidenceEntity(label=label, text=value, value=value, page=1, start=0, end=1)

    case = Case(complainant_name="Mrs A", organisation=Organisation(name="A Trust"))
    evidence = Evidence(case=case, filename="f.pdf", media_type="application/pdf",
                        sha256="a" * 64, size=1, object_key="k", entities=[
        found("PERSON", "Sarah Jones"), found("ORG", "Riverside Surgery"),
        found("PERSON", "Sarah Jones"), found("DATE", "4 February 2026"),
        found("PERSON", "Tom Lovelace"), found("ORG", "Northtown Trust")])
    silent = Evidence(case=case, filename="g.pdf", media_type="application/pdf",
                      sha256="b" * 64, size=1, object_key="k")
    db.add_all([evidence, silent])
    db.commit()
    mentions = names_mentioned(db, [evidence.id, silent.id], limit=2)
    # Most mentioned first; dates and identifiers are not names.
    assert mentions[evidence.id] == "Sarah Jones; Northtown Trust and 2 more"
    assert silent.id not in mentions
