"""The decision as PDF, made by a real worker with a real LibreOffice while the API answers
202; and a clear answer where the worker has no LibreOffice."""

from __future__ import annotations

import io
import os
import time

import pypdfium2
import pytest

from casework.decisions import office_program
from tests.fixtures import complaint_pdf
from tests.integration.conftest import app_with_investigator, wait_until_done
from wiring import load_settings

pytestmark = pytest.mark.integration

# A first PDF starts the worker's warm office (a few seconds); the rest is the queue's.
PDF_WAIT_S = 120


def drafted_decision(client, headers, evidence_processed) -> int:
    case = client.post("/api/v1/cases", headers=headers, json={
        "complainant_name": "Mr Ben Example", "organisation_name": "Riverside Surgery"}).json
    [item] = client.post(f"/api/v1/cases/{case['id']}/evidence", headers=headers, data={
        "file": [(io.BytesIO(complaint_pdf()), "complaint.pdf")]},
        content_type="multipart/form-data").json["items"]
    evidence_processed([item["id"]])
    client.post(f"/api/v1/cases/{case['id']}/findings", headers=headers, json={
        "title": "Call back", "complaint_point": "No call back.", "what_happened": "None.",
        "what_should_have_happened": "A call.", "conclusion": "service_failure",
        "injustice": "Distress.",
        "citations": [{"evidence_id": item["id"], "page": 2, "quote": "Nobody called me back"}],
    })
    return client.post(f"/api/v1/cases/{case['id']}/decisions", headers=headers).json["id"]


def wait_for_pdf(client, headers, decision_id: int, worker):
    """The PDF once the worker has made it, asking again as each 202 says."""
    deadline = time.monotonic() + PDF_WAIT_S
    while True:
        response = client.get(f"/api/v1/decisions/{decision_id}/document.pdf", headers=headers)
        if response.status_code != 202:
            return response
        assert int(response.headers["Retry-After"]) > 0 and response.json["queued"]
        assert worker.alive(), f"the worker died:\n{worker.log()}"
        assert time.monotonic() < deadline, f"no PDF within {PDF_WAIT_S} s:\n{worker.log()}"
        time.sleep(0.5)  # sooner than Retry-After: the test need not wait its full length


def test_the_worker_makes_the_pdf_the_api_then_serves(service):
    if office_program() is None:
        message = "LibreOffice is not installed (Debian package: libreoffice-writer-nogui)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    app, token, worker, _settings = service
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    decision_id = drafted_decision(
        client, headers, lambda ids: wait_until_done(client, headers, ids, worker))

    response = wait_for_pdf(client, headers, decision_id, worker)

    assert response.status_code == 200, response.data[:300]
    assert response.headers["Content-Type"] == "application/pdf"
    document = pypdfium2.PdfDocument(response.data)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    assert "Evidence 1, page 2" in text and "Nobody called me back" in text
    # Made once, then served from object storage.
    again = client.get(f"/api/v1/decisions/{decision_id}/document.pdf", headers=headers)
    assert again.data == response.data


def test_a_worker_without_libreoffice_is_answered_plainly(mode_env, start_worker, tmp_path):
    """The web server has LibreOffice here, its worker not: the answer is the worker's."""
    app, token = app_with_investigator(load_settings(mode_env))
    no_programs = tmp_path / "no-programs"
    no_programs.mkdir()
    worker = start_worker(mode_env | {"PATH": str(no_programs)})
    client, headers = app.test_client(), {"Authorization": f"Bearer {token}"}
    try:
        decision_id = drafted_decision(
            client, headers, lambda ids: wait_until_done(client, headers, ids, worker))

        response = wait_for_pdf(client, headers, decision_id, worker)

        assert response.status_code == 503, response.data[:300]
        assert response.json["error"]["code"] == "conversion_unavailable"
        assert "not installed where PDFs are made" in response.json["error"]["message"]
    finally:
        app.extensions["casework.storage"].engine.dispose()
