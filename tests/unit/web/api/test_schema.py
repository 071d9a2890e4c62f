"""The generated OpenAPI document is valid, and real answers of every route match it."""

import io
import re

import pytest
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate as validate_document
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from casework.users import create_token, create_user, get_user_by_email
from commands.sample_files import text_pdf
from tests.pdfs import make_pdf_as_worker

PAGES = [["Complaint from Mrs Ada Lovelace about Dr Sarah Jones.",
          "On 3 March 2026 the ward did not call her back on 01632 960 123."]]


class CheckedApi:
    """Calls the API as a client would and holds every answer to the published document."""

    def __init__(self, client, headers, document):
        self.client, self.headers, self.document = client, headers, document
        self.registry = Registry().with_resource(
            "urn:casework", Resource.from_contents(document, default_specification=DRAFT202012))
        self.called: set[tuple[str, str]] = set()

    def __call__(self, method: str, url: str, status: int, headers=None, **kwargs):
        response = self.client.open(url, method=method, headers=headers or self.headers,
                                    **kwargs)
        assert response.status_code == status, (method, url, response.get_data(as_text=True))
        path, operation = self._operation(method, url)
        self.called.add((path, method))
        documented = operation["responses"].get(str(status))
        assert documented is not None, f"{method} {path} does not document {status}"
        documented = self._resolved(documented)
        if "content" not in documented:
            assert not response.get_data(), f"{method} {path} {status} should be empty"
            return response
        media_type = response.mimetype
        assert {media_type, "*/*"} & documented["content"].keys(), (method, path, media_type)
        if media_type == "application/json":
            pointer = self._pointer(documented["content"]["application/json"]["schema"])
            validator = OAS31Validator({"$ref": pointer}, registry=self.registry)
            errors = [error.message for error in validator.iter_errors(response.json)]
            assert not errors, (method, path, status, errors)
        return response

    def _operation(self, method: str, url: str) -> tuple[str, dict]:
        relative = url.removeprefix("/api/v1").split("?")[0]
        for path, item in self.document["paths"].items():
            shape = re.sub(r"\\{\w+\\}", r"[^/]+", re.escape(path))
            if re.fullmatch(shape, relative) and method.lower() in item:
                return path, item[method.lower()]
        raise AssertionError(f"{method} {relative} is not in the document")

    def _resolved(self, node: dict) -> dict:
        while "$ref" in node:
            node = self.registry.resolver("urn:casework").lookup(
                "urn:casework" + node["$ref"]).contents
        return node

    @staticmethod
    def _pointer(schema: dict) -> str:
        if "$ref" in schema:
            return "urn:casework" + schema["$ref"]
        raise AssertionError(f"inline response schema {schema}: declare it in web/api/schemas/")


@pytest.fixture
def checked(client, api):
    document = client.get("/api/v1/openapi.json").json
    checked = CheckedApi(client, api.headers, document)
    checked.reviewer = api.reviewer.headers
    return checked


def test_the_document_is_valid_openapi(client):
    validate_document(client.get("/api/v1/openapi.json").json)


def test_every_route_answers_as_the_document_says(checked, process, db):
    call = checked
    assert call("GET", "/api/v1/health", 200).json["status"] == "ok"
    assert call("GET", "/api/v1/published?outcome=upheld", 200).json["items"] == []
    call("GET", "/api/v1/published?from=2026-13-01", 422)
    call("GET", "/api/v1/published/999999/decision.docx", 404)
    case = call("POST", "/api/v1/cases", 201, json={
        "complainant_name": "Mrs Ada Lovelace", "organisation_name": "Northtown NHS Trust",
        "summary": "Not called back."}).json
    base = f"/api/v1/cases/{case['id']}"
    call("GET", "/api/v1/cases", 200)
    call("GET", base, 200)
    call("GET", "/api/v1/cases/999999", 404)
    call("POST", "/api/v1/cases", 422, json={"complainant_name": 7})

    [letter, damaged] = call("POST", f"{base}/evidence", 202, data={"file": [
        (io.BytesIO(text_pdf(PAGES)), "letter.pdf"),
        (io.BytesIO(text_pdf(PAGES)[:400]), "damaged.pdf")]},
        content_type="multipart/form-data").json["items"]
    process([letter["id"], damaged["id"]])
    call("GET", f"{base}/evidence", 200)
    evidence = f"/api/v1/evidence/{letter['id']}"
    call("GET", evidence, 200)
    call("GET", f"{evidence}/pages", 200)
    call("GET", f"{evidence}/entities", 200)
    call("GET", f"{evidence}/original", 200)
    call("PATCH", evidence, 200, json={"doc_type": "complaint"})
    call("PATCH", evidence, 422, json={"doc_type": "shopping_list"})
    call("POST", f"/api/v1/evidence/{damaged['id']}/retry", 202)
    call("POST", f"{evidence}/retry", 422)

    [event, *_] = call("GET", f"{base}/chronology", 200).json["items"]
    call("PUT", f"{base}/chronology/{event['event_id']}", 200, json={"in_decision": True})
    told = {"date": "2026-03-04", "text": "The ward rang her back.", "page": 1,
            "evidence_id": letter["id"]}
    added = call("POST", f"{base}/chronology", 201, json=told).json
    call("POST", f"{base}/chronology", 422, json=told | {"page": 9})
    call("PATCH", f"{base}/chronology/{added['event_id']}", 200, json={"text": "She was rung."})
    call("PATCH", f"{base}/chronology/{added['event_id']}", 200, json={"dismissed": True})
    call("GET", f"{base}/chronology?dismissed=true", 200)
    call("GET", f"{base}/search?q=ward", 200)

    point = call("POST", f"{base}/complaint-points", 201, json={"text": "Not called back."}).json
    spare = call("POST", f"{base}/complaint-points", 201, json={"text": "Spare."}).json
    call("PATCH", f"{base}/complaint-points/{spare['id']}", 200, json={"text": "Spare point."})
    call("DELETE", f"{base}/complaint-points/{spare['id']}", 204)
    call("GET", f"{base}/complaint-points", 200)
    finding = call("POST", f"{base}/findings", 201, json={
        "complaint_point_id": point["id"], "title": "Communication",
        "what_happened": "Nobody called.", "what_should_have_happened": "A call.",
        "conclusion": "service_failure", "injustice": "Distress."}).json
    call("PATCH", f"{base}/findings/{finding['id']}", 200, json={"title": "Calls"})
    cited = call("POST", f"{base}/findings/{finding['id']}/citations", 201, json={
        "evidence_id": letter["id"], "page": 1, "quote": "did not call her back"}).json
    call("DELETE", f"{base}/findings/{finding['id']}/citations/"
                   f"{cited['citations'][-1]['id']}", 204)
    call("PUT", f"{base}/complaint-points/{point['id']}/outcome", 200,
         json={"upheld": None})
    call("PUT", f"{base}/outcome", 200, json={"outcome": None})
    call("GET", "/api/v1/themes", 200)
    themes = f"{base}/complaint-points/{point['id']}/themes"
    call("GET", themes, 200)
    call("PUT", themes, 200, json={"themes": ["communication"]})
    call("PUT", themes, 422, json={"themes": ["weather"]})
    call("GET", f"{base}/complaint-points/{point['id']}/similar", 200)
    call("GET", "/api/v1/search?q=called&theme=communication&outcome=upheld", 200)
    call("GET", "/api/v1/search?q=called&outcome=won", 422)
    call("PUT", f"{base}/assignee", 403, json={"user_id": case["assignee"]["id"]})

    recommendations = f"{base}/recommendations"
    apology = call("POST", recommendations, 201, json={
        "kind": "apology", "text": "Apologise.", "finding_id": finding["id"],
        "from_whom": "the chief executive"}).json
    call("PATCH", f"{recommendations}/{apology['id']}", 200, json={"text": "Apologise now."})
    extra = call("POST", recommendations, 201, json={
        "kind": "explanation", "text": "Explain.", "finding_id": finding["id"]}).json
    call("DELETE", f"{recommendations}/{extra['id']}", 204)

    provisional = call("POST", f"{base}/decisions", 201).json
    under_review = f"/api/v1/decisions/{provisional['id']}"
    call("GET", f"{under_review}/letters", 200)
    call("POST", f"{under_review}/submit", 200)
    call("POST", f"{under_review}/approve", 403)
    call("POST", f"{under_review}/request-changes", 422, headers=checked.reviewer, json={})
    call("POST", f"{under_review}/request-changes", 200, headers=checked.reviewer,
         json={"comment": "Say when the call was due.", "sections": {"findings": "Dates?"}})
    call("POST", f"{base}/decisions", 201)
    call("POST", f"{under_review}/submit", 200)
    call("POST", f"{under_review}/issue", 409)
    call("POST", f"{under_review}/approve", 200, headers=checked.reviewer)
    call("POST", f"{under_review}/issue", 200)
    call("POST", f"{under_review}/approve", 409, headers=checked.reviewer)
    call("GET", f"{under_review}/letters", 200)
    call("GET", f"{base}/comments", 200)
    call("POST", f"{base}/comments", 201, json={"from": "complainant", "text": "Agreed."})
    call("POST", f"{base}/comments", 201, data={
        "from": "organisation", "file": (io.BytesIO(text_pdf(PAGES)), "reply.pdf")},
        content_type="multipart/form-data")
    call("POST", f"{base}/comments", 422, json={"from": "neighbour", "text": "Hello"})
    final = call("POST", f"{base}/decisions", 201, json={"stage": "final"}).json
    decision = f"/api/v1/decisions/{final['id']}"
    call("GET", decision, 200)
    call("GET", f"{decision}/document.docx", 200)
    call("GET", f"{decision}/letters/complainant.docx", 200)
    call("GET", f"{decision}/letters/nobody.docx", 404)
    if _libreoffice():
        call("GET", f"{decision}/document.pdf", 202)  # a worker makes it
        make_pdf_as_worker(db, checked.client.application.extensions["casework.storage"]
                           .objects, final["id"])
        call("GET", f"{decision}/document.pdf", 200)
    else:
        call("GET", f"{decision}/document.pdf", 503)

    call("GET", f"{decision}/publication.docx", 409)
    anonymisation = call("GET", f"{base}/anonymisation", 200).json
    call("PUT", f"{base}/anonymisation", 200, json={"people": [
        {"original": person["original"], "label": person["label"]}
        for person in anonymisation["people"]]})
    call("POST", f"{base}/anonymisation/approve", 409, json={"fingerprint": "stale"})
    seen = call("GET", f"{base}/anonymisation", 200).json["fingerprint"]
    call("POST", f"{base}/anonymisation/approve", 200, json={"fingerprint": seen})
    call("GET", f"{decision}/publication.docx", 200)
    call("GET", f"{base}/audit", 200)
    call("GET", f"{base}/audit?format=csv", 200)

    # Compliance: once the final decision is issued, the organisation sends its evidence.
    call("POST", f"{decision}/submit", 200)
    call("POST", f"{decision}/approve", 200, headers=checked.reviewer)
    call("POST", f"{decision}/issue", 200)
    organisation = {"Authorization": "Bearer " + create_token(db, create_user(
        db, "org@example.org", "a-long-password", "organisation", "Northtown NHS Trust"))}
    db.commit()
    call("GET", "/api/v1/recommendations?status=open", 200, headers=organisation)
    followed = f"/api/v1/recommendations/{apology['id']}"
    call("POST", f"{followed}/compliance", 202, headers=organisation, data={
        "note": "Our letter.", "file": (io.BytesIO(text_pdf([["We apologise."]])), "a.pdf")},
        content_type="multipart/form-data")
    call("POST", f"{followed}/compliance", 403, data={})
    call("POST", f"{followed}/request-more", 200, json={"comment": "Send it signed."})
    call("POST", f"{followed}/accept", 200, json={})
    call("POST", f"{followed}/accept", 409)
    northtown = get_user_by_email(db, "org@example.org").organisation_id
    call("GET", f"/api/v1/organisations/{northtown}/compliance", 200, headers=organisation)
    call("GET", f"/api/v1/organisations/{northtown + 1}/compliance", 404, headers=organisation)
    # The insight figures across cases: staff only.
    insight = call("GET", f"/api/v1/insight?organisation_id={northtown}", 200).json
    assert insight["figures"][0]["rows"][0]["decided"] == 1
    call("GET", "/api/v1/insight?from=2026-02-01&to=2026-01-01", 422)
    call("GET", "/api/v1/insight?theme=Delay", 422)  # the slug is "delay"
    call("GET", "/api/v1/insight?theme=communication", 200)
    call("GET", f"/api/v1/insight?organisation_id={northtown + 1}", 404)
    call("GET", "/api/v1/insight", 403, headers=organisation)

    documented = {(path, method.upper()) for path, item in checked.document["paths"].items()
                  for method in item}
    assert documented - checked.called == set(), "routes no test has called"


def _libreoffice() -> bool:
    from casework.decisions import office_program

    return office_program() is not None
