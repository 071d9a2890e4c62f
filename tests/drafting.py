"""Drafting through the JSON API, as several test modules do it."""

from __future__ import annotations

import io

import docx

from commands.sample_files import text_pdf


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


def through_review(api, decision_id: int, *, issue: bool = True) -> dict:
    """Submit the decision's latest version, have the reviewer approve it, and issue it."""
    response = api.post(f"/api/v1/decisions/{decision_id}/submit")
    assert response.status_code == 200, response.json
    response = api.reviewer.post(f"/api/v1/decisions/{decision_id}/approve")
    assert response.status_code == 200, response.json
    if issue:
        response = api.post(f"/api/v1/decisions/{decision_id}/issue")
        assert response.status_code == 200, response.json
    return response.json


def issue_provisional(api, case_id: int) -> dict:
    """Draft the provisional decision and take it through review to issue."""
    response = api.post(f"/api/v1/cases/{case_id}/decisions")
    assert response.status_code == 201, response.json
    return through_review(api, response.json["id"])


def draft_final(api, case_id: int, reason: str = "Both sides said they have nothing to add"):
    """Draft the final decision inside the comment period, with the reason that needs."""
    return api.post(f"/api/v1/cases/{case_id}/decisions",
                    json={"stage": "final", "reason": reason})


def final_decision(api, case_id: int) -> int:
    """Only a final decision is published; it comes after the provisional one was issued."""
    issue_provisional(api, case_id)
    response = draft_final(api, case_id)
    assert response.status_code == 201, response.json
    return response.json["id"]


def approve_map(api, case_id: int):
    """Approve the anonymisation map as it reads now, as an investigator who has looked."""
    seen = api.get(f"/api/v1/cases/{case_id}/anonymisation").json["fingerprint"]
    return api.post(f"/api/v1/cases/{case_id}/anonymisation/approve", json={"fingerprint": seen})


def lovelace_case(api, process, summary: str, what_happened: str) -> tuple[int, int]:
    """A case whose letter, finding and decision name Mrs Ada Lovelace and Dr Sarah Jones,
    with an NHS number and a phone number; returns the case's and its final decision's ids."""
    case = api.post("/api/v1/cases", json={
        "complainant_name": "Mrs Ada Lovelace",
        "organisation_name": "Northtown Hospitals NHS Trust", "summary": summary}).json
    letter = text_pdf([["Complaint from Mrs Ada Lovelace, NHS number 943 476 5919.",
                        "Please call me on 01632 960 123 about Dr Sarah Jones's care."]])
    [item] = api.post(f"/api/v1/cases/{case['id']}/evidence", data={
        "file": [(io.BytesIO(letter), "letter.pdf")]},
        content_type="multipart/form-data").json["items"]
    process([item["id"]])
    response = api.post(f"/api/v1/cases/{case['id']}/findings", json={
        "title": "Communication", "complaint_point": "Mrs Lovelace was not told.",
        "what_happened": what_happened,
        "what_should_have_happened": "The family is told within four hours.",
        "conclusion": "service_failure", "injustice": "Distress to Mrs Lovelace.",
        "citations": [{"evidence_id": item["id"], "page": 1, "quote": "NHS number 943 476 5919"}],
    })
    assert response.status_code == 201, response.json
    return case["id"], final_decision(api, case["id"])


def date_fields(name: str, day) -> dict:
    """A date as a page's date input sends it: `name`-day, `name`-month and `name`-year."""
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month),
            f"{name}-year": str(day.year)}
