"""A decision's PDF on the pages and in the API: asked of a worker when the version is
frozen and whenever it is wanted before it is made; served once made; a failure said, and
tried again on request; a worker with no LibreOffice said plainly. No request converts
anything, and the web server's own lack of LibreOffice changes nothing: the workers convert.

The worker's part is played by the domain's own function with a stand-in office (the real
conversion is tests/integration's).
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from sqlalchemy import select

from casework.decisions import forget_pdf_failure, make_version_pdf, record_pdf_failure
from storage.models import Decision, DecisionVersion
from tests.conftest import INVESTIGATOR
from tests.drafting import add_finding, add_point
from tests.pdfs import make_pdf_as_worker, queued_pdfs
from tests.servers import free_port
from vocabulary import PdfStatus
from web import create_app


@pytest.fixture
def no_libreoffice(monkeypatch):
    """No LibreOffice on this server: the web never looks for one, a worker may have it."""
    monkeypatch.setenv("PATH", "/nonexistent")


@pytest.fixture
def store(app):
    return app.extensions["casework.storage"].objects


def drafted(api, db) -> tuple[int, int, DecisionVersion]:
    """(case id, decision id, its first version), drafted through the API."""
    case = api.post("/api/v1/cases", json={
        "complainant_name": "Mrs Ada Example", "organisation_name": "Northtown NHS Trust",
        "summary": "Not called back."}).json
    add_finding(api, case, add_point(api, case, "Nobody called back."), title="No call back")
    response = api.post(f"/api/v1/cases/{case['id']}/decisions")
    assert response.status_code == 201, response.json
    version = db.scalar(select(DecisionVersion).where(
        DecisionVersion.decision_id == response.json["id"]))
    return case["id"], response.json["id"], version


def pdf_link(case_page: str) -> str:
    """The PDF link's words in the case page's table of versions."""
    found = re.search(r'document\.pdf">(.*?)<span class="govuk-visually-hidden">', case_page)
    assert found, "no PDF link on the case page"
    return found.group(1)


def test_the_page_says_the_pdf_is_being_made_then_serves_it(client, auth, api, db, store,
                                                           settings, no_libreoffice):
    case_id, decision_id, version = drafted(api, db)
    assert queued_pdfs(settings.broker_dir) == [version.id]  # asked for as it was frozen
    auth.login(INVESTIGATOR)
    assert pdf_link(client.get(f"/cases/{case_id}/decision").text) == "PDF (being made)"
    url = f"/decisions/{decision_id}/versions/1/document.pdf"

    waiting = client.get(url)

    assert waiting.status_code == 202
    assert "The PDF is being made" in waiting.text
    status_url = f"/decisions/{decision_id}/versions/1/pdf-status"
    assert f'hx-get="{status_url}" hx-trigger="every 2s"' in waiting.text
    assert f'href="/decisions/{decision_id}/versions/1/document.docx"' in waiting.text
    assert queued_pdfs(settings.broker_dir) == [version.id]  # asked for again
    assert 'hx-get="' in client.get(status_url).text

    make_pdf_as_worker(db, store, decision_id)

    ready = client.get(status_url).text
    assert "Download the PDF" in ready and "hx-get" not in ready
    download = client.get(url)
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert download.data.startswith(b"%PDF")
    assert pdf_link(client.get(f"/cases/{case_id}/decision").text) == "PDF"
    assert queued_pdfs(settings.broker_dir) == []  # nothing asked of a worker for a PDF made


def test_a_pdf_that_could_not_be_made_says_why_and_may_be_tried_again(
        client, auth, api, db, store, settings):
    case_id, decision_id, version = drafted(api, db)
    queued_pdfs(settings.broker_dir)
    record_pdf_failure(store, version, "LibreOffice could not open the document")
    auth.login(INVESTIGATOR)
    assert pdf_link(client.get(f"/cases/{case_id}/decision").text) == "PDF (could not be made)"

    failed = client.get(f"/decisions/{decision_id}/versions/1/document.pdf")

    assert failed.status_code == 422
    assert ("The PDF could not be made: LibreOffice could not open the document. The Word "
            "document is available.") in failed.text
    assert "hx-get" not in failed.text and "Try to make the PDF again" in failed.text
    assert queued_pdfs(settings.broker_dir) == []

    again = client.post(f"/decisions/{decision_id}/versions/1/pdf-retry")
    assert again.headers["Location"] == f"/decisions/{decision_id}/versions/1/document.pdf"
    assert client.get(again.headers["Location"]).status_code == 202
    assert queued_pdfs(settings.broker_dir) == [version.id]


def test_a_worker_without_libreoffice_is_said_plainly_and_may_be_tried_again(
        client, auth, api, db, store, settings, no_libreoffice):
    case_id, decision_id, version = drafted(api, db)
    queued_pdfs(settings.broker_dir)
    assert make_version_pdf(store, version) is PdfStatus.UNAVAILABLE  # the worker's try
    auth.login(INVESTIGATOR)
    assert pdf_link(client.get(f"/cases/{case_id}/decision").text) == "PDF (needs LibreOffice)"

    response = client.get(f"/decisions/{decision_id}/versions/1/document.pdf")

    assert response.status_code == 503
    assert "LibreOffice is not installed where PDFs are made" in response.text
    assert "Try to make the PDF again" in response.text  # once it is installed
    assert queued_pdfs(settings.broker_dir) == []


def test_the_api_answers_202_with_retry_after_until_the_pdf_is_made(api, db, store, settings):
    _case_id, decision_id, version = drafted(api, db)
    assert queued_pdfs(settings.broker_dir) == [version.id]
    url = f"/api/v1/decisions/{decision_id}/document.pdf"

    waiting = api.get(url)

    assert waiting.status_code == 202
    assert waiting.headers["Retry-After"] == "5"
    assert waiting.json == {
        "status": "making", "version": 1, "queued": True, "retry_after": 5,
        "message": "The PDF is being made: ask again in a few seconds.",
        "word_document": f"/api/v1/decisions/{decision_id}/document.docx"}
    assert queued_pdfs(settings.broker_dir) == [version.id]

    make_pdf_as_worker(db, store, decision_id)
    ready = api.get(url)
    assert ready.status_code == 200 and ready.data.startswith(b"%PDF")
    assert ready.headers["Content-Disposition"].endswith("-provisional-decision-v1.pdf")


def test_the_api_says_when_the_pdf_cannot_be_made(api, db, store, monkeypatch):
    _case_id, decision_id, version = drafted(api, db)
    url = f"/api/v1/decisions/{decision_id}/document.pdf"
    record_pdf_failure(store, version, "LibreOffice did not finish the PDF within 120 s")

    failed = api.get(url)
    assert failed.status_code == 422
    assert failed.json["error"]["code"] == "conversion_failed"
    assert "within 120 s" in failed.json["error"]["message"]

    forget_pdf_failure(store, version)
    monkeypatch.setenv("PATH", "/nonexistent")
    make_version_pdf(store, version)  # a worker without LibreOffice
    unavailable = api.get(url)
    assert unavailable.status_code == 503
    assert unavailable.json["error"]["code"] == "conversion_unavailable"


def test_with_the_queue_down_the_version_is_saved_and_the_answers_say_so(
        settings, api, db, token):
    case = api.post("/api/v1/cases", json={
        "complainant_name": "Mrs Ada Example", "organisation_name": "Northtown NHS Trust"}).json
    add_finding(api, case, add_point(api, case, "Nobody called back."), title="No call back")
    down = create_app(replace(settings, broker_url=f"redis://127.0.0.1:{free_port()}/0"),
                      test_config={"TESTING": True, "WTF_CSRF_ENABLED": False})
    client = down.test_client()
    client.post("/login", data=dict(zip(("email", "password"), INVESTIGATOR, strict=True)))
    try:
        generated = client.post(f"/cases/{case['id']}/decisions",
                                data={"stage": "provisional"}, follow_redirects=True)
        assert ("Provisional decision, version 1, generated. The processing queue is not "
                "answering, so the PDF cannot be made yet") in generated.text
        decision_id = db.scalar(select(Decision.id))

        waiting = client.get(f"/api/v1/decisions/{decision_id}/document.pdf",
                             headers={"Authorization": f"Bearer {token}"})
        assert waiting.status_code == 202 and waiting.json["queued"] is False
        assert "not answering" in waiting.json["message"]
        page = client.get(f"/decisions/{decision_id}/versions/1/document.pdf")
        assert page.status_code == 202
        assert "The processing queue is not answering" in page.text
        assert "hx-get" not in page.text  # nothing is coming to poll for
    finally:
        down.extensions["casework.storage"].engine.dispose()
