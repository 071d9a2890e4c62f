"""A mixed bundle through a real worker, embedded and on services: email with a PDF, a zip,
a scanned letter, hazards. Every file ends processed or failed with a reason; the worker lives.
"""

from __future__ import annotations

import io
import os
import time

import pytest

from tests.bundle import NHS_NUMBER, bundle_zip, complaint_email
from tests.fixtures import corrupt_pdf, response_docx, scanned_pdf
from tests.hazards import encrypted_pdf, image_bomb_png, ratio_zip_bomb, xxe_docx

pytestmark = pytest.mark.integration


def wait_for_all(client, headers, case_id, worker, expected: int, timeout=120.0) -> list[dict]:
    """Every evidence item of the case, once `expected` exist and none is still pending."""
    deadline = time.monotonic() + timeout
    while True:
        items = client.get(f"/api/v1/cases/{case_id}/evidence", headers=headers).json["items"]
        if len(items) >= expected and all(
            i["status"] in {"processed", "failed", "duplicate"} for i in items
        ):
            return items
        assert worker.alive(), worker.log()
        assert time.monotonic() < deadline, f"{items}\n{worker.log()}"
        time.sleep(0.2)


def test_mixed_bundle(service):
    app, token, worker, _settings = service
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    case = client.post("/api/v1/cases", headers=headers, json={
        "complainant_name": "Mr Ben Example", "organisation_name": "Riverside Surgery"}).json
    response = client.post(f"/api/v1/cases/{case['id']}/evidence", headers=headers, data={
        "file": [(io.BytesIO(complaint_email()), "complaint.eml"),
                 (io.BytesIO(bundle_zip()), "bundle.zip"),
                 (io.BytesIO(corrupt_pdf()), "damaged.pdf")],
    }, content_type="multipart/form-data")
    assert response.status_code == 202

    # Two uploads bring three more files with them: the PDF in the email, two zip members.
    items = {i["filename"]: i for i in wait_for_all(client, headers, case["id"], worker, 6)}
    assert set(items) == {"complaint.eml", "referral.pdf", "bundle.zip", "response.docx",
                          "notes.txt", "damaged.pdf"}
    assert items["damaged.pdf"]["status"] == "failed" and items["damaged.pdf"]["error"]
    statuses = {name: i["status"] for name, i in items.items() if name != "damaged.pdf"}
    assert set(statuses.values()) == {"processed"}
    assert items["referral.pdf"]["parent_id"] == items["complaint.eml"]["id"]
    assert all(i["doc_type"] for name, i in items.items() if name != "damaged.pdf")

    entities = client.get(f"/api/v1/evidence/{items['referral.pdf']['id']}/entities",
                          headers=headers).json["items"]
    assert NHS_NUMBER in {e["text"] for e in entities if e["label"] == "NHS_NUMBER"}
    chronology = client.get(f"/api/v1/cases/{case['id']}/chronology", headers=headers).json
    assert "2026-02-04" in {e["date"] for e in chronology["items"]}
    hits = client.get(f"/api/v1/cases/{case['id']}/search", headers=headers,
                      query_string={"q": "telephone note"}).json["items"]
    assert [h["evidence_id"] for h in hits] == [items["notes.txt"]["id"]]
    assert worker.alive()


def test_scans_and_hazards_on_the_real_worker(service):
    """A scanned letter is read by OCR; each hostile file fails with its own reason, the
    original kept; the worker processes the next file as if nothing happened."""
    app, token, worker, _settings = service
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    case = client.post("/api/v1/cases", headers=headers, json={
        "complainant_name": "Mrs C", "organisation_name": "Riverside Surgery"}).json
    files = {
        "scanned-letter.pdf": scanned_pdf(),
        "bomb.zip": ratio_zip_bomb(),
        "xxe.docx": xxe_docx(),
        "locked.pdf": encrypted_pdf(),
        "huge.png": image_bomb_png(),
        "after.docx": response_docx(),
    }
    response = client.post(f"/api/v1/cases/{case['id']}/evidence", headers=headers, data={
        "file": [(io.BytesIO(content), name) for name, content in files.items()]},
        content_type="multipart/form-data")
    assert response.status_code == 202, response.json
    items = {i["filename"]: i for i in wait_for_all(client, headers, case["id"], worker, 6)}

    reasons = {name: (items[name]["error"] or "").split(":")[0]
               for name in ("bomb.zip", "xxe.docx", "locked.pdf", "huge.png")}
    assert reasons == {"bomb.zip": "zip bomb", "xxe.docx": "unsafe XML",
                       "locked.pdf": "encrypted", "huge.png": "image too large"}
    for name in reasons:
        assert items[name]["status"] == "failed"
        original = client.get(f"/api/v1/evidence/{items[name]['id']}/original", headers=headers)
        assert original.data == files[name]
    assert items["after.docx"]["status"] == "processed"

    scan = items["scanned-letter.pdf"]
    assert scan["status"] == "processed"
    if "ocr_unavailable" in scan["flags"]:
        # `make test` installs it where it can; CI must have it.
        message = "Tesseract is not installed here (Debian package: tesseract-ocr)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    pages = client.get(f"/api/v1/evidence/{scan['id']}/pages", headers=headers).json["items"]
    assert "Complaint reference 4471" in pages[0]["text"]
    assert worker.alive()
