"""Upload to Word decision through the API, with a real worker: embedded, then on services.

Embedded: SQLite, a directory store and the filesystem broker. Services: Redis, an S3 server
and PostgreSQL (when CASEWORK_TEST_DATABASE_URL is set; SQLite otherwise).
"""

from __future__ import annotations

import io

import pytest
from minio import Minio

from tests.drafting import document_text
from tests.fixtures import complaint_pdf, corrupt_pdf, response_docx
from tests.integration.conftest import wait_until_done

pytestmark = pytest.mark.integration


def test_upload_to_decision(service):
    app, token, worker, settings = service
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}

    health = client.get("/api/v1/health").json
    assert health == {"status": "ok", "database": "ok", "broker": "ok", "storage": "ok"}

    case = client.post("/api/v1/cases", headers=headers, json={
        "complainant_name": "Mr Ben Example", "organisation_name": "Riverside Surgery",
        "summary": "A missed call back.",
    }).json
    response = client.post(f"/api/v1/cases/{case['id']}/evidence", headers=headers, data={
        "file": [(io.BytesIO(complaint_pdf()), "complaint.pdf"),
                 (io.BytesIO(corrupt_pdf()), "damaged.pdf"),
                 (io.BytesIO(response_docx()), "response.docx")],
    }, content_type="multipart/form-data")
    assert response.status_code == 202
    pdf_id, damaged_id, docx_id = (item["id"] for item in response.json["items"])

    states = wait_until_done(client, headers, [pdf_id, damaged_id, docx_id], worker)
    assert states[pdf_id]["status"] == "processed" and states[pdf_id]["page_count"] == 2
    assert states[docx_id]["status"] == "processed"
    # The damaged file fails with a reason, keeps its original, and the worker carries on.
    assert states[damaged_id]["status"] == "failed"
    assert "damaged" in states[damaged_id]["error"]
    original = client.get(f"/api/v1/evidence/{damaged_id}/original", headers=headers)
    assert original.status_code == 200 and original.data == corrupt_pdf()
    assert worker.alive()

    pages = client.get(f"/api/v1/evidence/{pdf_id}/pages", headers=headers).json["items"]
    assert [p["number"] for p in pages] == [1, 2]
    assert "Nobody called me back for three weeks." in pages[1]["text"]

    finding = client.post(f"/api/v1/cases/{case['id']}/findings", headers=headers, json={
        "title": "Call back", "complaint_point": "The surgery did not call back.",
        "what_happened": "No call for three weeks.",
        "what_should_have_happened": "A call back within two working days.",
        "conclusion": "service_failure", "injustice": "Distress.",
        "citations": [{"evidence_id": pdf_id, "page": 2, "quote": "Nobody called me back"}],
    })
    assert finding.status_code == 201, finding.json
    recommendation = client.post(f"/api/v1/cases/{case['id']}/recommendations",
                                 headers=headers, json={
        "kind": "apology", "text": "Apologise for the missed call back.",
        "finding_id": finding.json["id"], "due_date": "2099-01-31",
        "from_whom": "the practice manager",
    })
    assert recommendation.status_code == 201, recommendation.json

    decision = client.post(f"/api/v1/cases/{case['id']}/decisions", headers=headers)
    assert decision.status_code == 201
    assert {key: decision.json[key] for key in ("case_id", "version", "stage", "status",
                                                "outcome")} == {
        "case_id": case["id"], "version": 1, "stage": "provisional", "status": "draft",
        "outcome": "upheld"}
    document = client.get(f"/api/v1/decisions/{decision.json['id']}/document.docx",
                          headers=headers)
    assert document.status_code == 200
    text = document_text(document.data)
    assert case["reference"] in text
    assert "Evidence 1, page 2: “Nobody called me back”" in text
    assert ("Apologise for the missed call back. The apology should come from the practice "
            "manager. By 31 January 2099.") in text

    if settings.s3 is not None:
        # The bytes really are in the S3 bucket, not on local disk.
        s3 = settings.s3
        minio = Minio(s3.endpoint, access_key=s3.access_key, secret_key=s3.secret_key,
                      secure=s3.secure, region=s3.region)
        keys = {o.object_name for o in minio.list_objects(s3.bucket, recursive=True)}
        sha = client.get(f"/api/v1/evidence/{pdf_id}", headers=headers).json["sha256"]
        assert f"originals/{sha[:2]}/{sha}" in keys
        assert any(k.startswith("decisions/") for k in keys)
        assert not settings.objects_dir.exists()
