"""The decision as PDF, converted by a real LibreOffice; and a clear answer where there is none."""

from __future__ import annotations

import io
import os

import pypdfium2
import pytest

from casework.decisions import office_program
from tests.fixtures import complaint_pdf

pytestmark = pytest.mark.integration


def drafted_decision(api, process) -> int:
    case = api.post("/api/v1/cases", json={
        "complainant_name": "Mr Ben Example", "organisation_name": "Riverside Surgery"}).json
    [item] = api.post(f"/api/v1/cases/{case['id']}/evidence", data={
        "file": [(io.BytesIO(complaint_pdf()), "complaint.pdf")]},
        content_type="multipart/form-data").json["items"]
    process([item["id"]])
    api.post(f"/api/v1/cases/{case['id']}/findings", json={
        "title": "Call back", "complaint_point": "No call back.", "what_happened": "None.",
        "what_should_have_happened": "A call.", "conclusion": "service_failure",
        "injustice": "Distress.",
        "citations": [{"evidence_id": item["id"], "page": 2, "quote": "Nobody called me back"}],
    })
    return api.post(f"/api/v1/cases/{case['id']}/decisions").json["id"]


def test_decision_converts_to_pdf(api, process):
    if office_program() is None:
        message = "LibreOffice is not installed (Debian package: libreoffice-writer-nogui)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    decision_id = drafted_decision(api, process)
    response = api.get(f"/api/v1/decisions/{decision_id}/document.pdf")
    assert response.status_code == 200, response.data[:300]
    assert response.headers["Content-Type"] == "application/pdf"
    document = pypdfium2.PdfDocument(response.data)
    text = "".join(page.get_textpage().get_text_range() for page in document)
    assert "Evidence 1, page 2" in text and "Nobody called me back" in text
    # Converted once, then served from object storage.
    again = api.get(f"/api/v1/decisions/{decision_id}/document.pdf")
    assert again.data == response.data


def test_without_libreoffice_the_answer_says_so(api, process, monkeypatch):
    decision_id = drafted_decision(api, process)
    monkeypatch.setenv("PATH", "/nonexistent")
    response = api.get(f"/api/v1/decisions/{decision_id}/document.pdf")
    assert response.status_code == 503
    assert response.json["error"]["code"] == "conversion_unavailable"
    assert "LibreOffice" in response.json["error"]["message"]
