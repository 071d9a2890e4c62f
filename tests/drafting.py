"""Drafting through the JSON API, as several test modules do it."""

from __future__ import annotations

import io

import docx


def document_text(data: bytes) -> str:
    """The paragraphs of a Word document, one per line."""
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def add_point(api, case: dict, text: str) -> dict:
    response = api.post(f"/api/v1/cases/{case['id']}/complaint-points", json={"text": text})
    assert response.status_code == 201, response.json
    return response.json


def add_finding(api, case: dict, point: dict, **fields) -> dict:
    """A finding of service failure with an injustice on `point`, unless told otherwise."""
    body = {"complaint_point_id": point["id"], "title": "Finding",
            "what_happened": "Happened.", "what_should_have_happened": "Standard.",
            "conclusion": "service_failure", "injustice": "Distress."} | fields
    response = api.post(f"/api/v1/cases/{case['id']}/findings", json=body)
    assert response.status_code == 201, response.json
    return response.json


def final_decision(api, case_id: int) -> int:
    """Only a final decision is published; it comes after a provisional one."""
    assert api.post(f"/api/v1/cases/{case_id}/decisions").status_code == 201
    response = api.post(f"/api/v1/cases/{case_id}/decisions", json={"stage": "final"})
    assert response.status_code == 201, response.json
    return response.json["id"]


def approve_map(api, case_id: int):
    """Approve the anonymisation map as it reads now, as an investigator who has looked."""
    seen = api.get(f"/api/v1/cases/{case_id}/anonymisation").json["fingerprint"]
    return api.post(f"/api/v1/cases/{case_id}/anonymisation/approve", json={"fingerprint": seen})
