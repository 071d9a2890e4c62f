"""The JSON API: contract fields, errors in one shape, and the OpenAPI document."""

import io
import re

from tests.drafting import document_text, draft_final, issue_provisional
from tests.fixtures import complaint_pdf


def new_case(api) -> dict:
    response = api.post("/api/v1/cases", json={
        "complainant_name": "Ms Cara Example", "organisation_name": "Department for Examples",
        "summary": "Lost application",
    })
    assert response.status_code == 201
    return response.json


def new_finding(api, case: dict, **overrides) -> dict:
    """A finding of maladministration that caused an injustice, unless told otherwise."""
    body = {"title": "Lost form", "complaint_point": "The department lost the form.",
            "what_happened": "Lost.", "what_should_have_happened": "Kept.",
            "conclusion": "maladministration", "injustice": "Delay."} | overrides
    response = api.post(f"/api/v1/cases/{case['id']}/findings", json=body)
    assert response.status_code == 201, response.json
    return response.json


def test_create_and_read_cases(api):
    case = new_case(api)
    assert set(case) >= {"id", "reference", "complainant_name", "organisation_name",
                         "summary", "stage", "assignee"}
    assert re.fullmatch(r"CW-\d{4}-\d{5}", case["reference"])
    assert case["stage"] == "investigation"
    assert case["assignee"]["email"] == "investigator@example.org"
    assert api.get(f"/api/v1/cases/{case['id']}").json == case
    assert api.get("/api/v1/cases").json == {"items": [case]}
    assert case["complainant_address"] == ""


def test_a_case_keeps_the_complainants_postal_address_line_by_line(api):
    response = api.post("/api/v1/cases", json={
        "complainant_name": "Ms Cara Example", "organisation_name": "Department for Examples",
        "complainant_address": " 12 Example Road,\n\n Northtown  NT1 2AB "})
    assert response.status_code == 201, response.json
    assert response.json["complainant_address"] == "12 Example Road\nNorthtown NT1 2AB"

    too_long = api.post("/api/v1/cases", json={
        "complainant_name": "Ms Cara Example", "organisation_name": "Department for Examples",
        "complainant_address": "\n".join(f"Line {n}" for n in range(9))})
    assert too_long.status_code == 422
    assert too_long.json["error"] == {"code": "validation_failed",
                                      "message": "An address has at most 7 lines"}


def test_tokens_are_required(client):
    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic x"}):
        response = client.get("/api/v1/cases", headers=headers)
        assert response.status_code == 401
        assert response.json["error"]["code"] == "unauthorized"


def test_unknown_ids_are_404_json(api):
    for url in ("/api/v1/cases/99", "/api/v1/evidence/99", "/api/v1/evidence/99/pages",
                "/api/v1/evidence/99/original", "/api/v1/decisions/99/document.docx",
                "/api/v1/no-such-route"):
        response = api.get(url)
        assert response.status_code == 404, url
        assert response.json["error"]["code"] == "not_found"


def test_upload_evidence(api):
    case = new_case(api)
    response = api.post(f"/api/v1/cases/{case['id']}/evidence", data={"file": [
        (io.BytesIO(complaint_pdf()), "letter.pdf")]}, content_type="multipart/form-data")
    assert response.status_code == 202
    [item] = response.json["items"]
    assert item["filename"] == "letter.pdf" and item["status"] == "queued"
    evidence = api.get(f"/api/v1/evidence/{item['id']}").json
    assert evidence["sha256"] == item["sha256"] and evidence["size"] == len(complaint_pdf())
    assert evidence["media_type"] == "application/pdf"
    original = api.get(f"/api/v1/evidence/{item['id']}/original")
    assert original.data == complaint_pdf()
    assert original.headers["Content-Disposition"].startswith("attachment")


def test_unsupported_type_is_415_and_lists_supported_types(api, app):
    case = new_case(api)
    response = api.post(f"/api/v1/cases/{case['id']}/evidence", data={"file": [
        (io.BytesIO(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\xff\xff"), "letter.pdf")]},
        content_type="multipart/form-data")
    assert response.status_code == 415
    message = response.json["error"]["message"]
    # Formats by the names people know, never MIME types.
    assert "Supported types: PDF, Word (.docx)" in message and "application/" not in message
    assert api.get(f"/api/v1/cases/{case['id']}/evidence").json == {
        "items": [], "total": 0, "page": 1, "per_page": 50, "next": None}
    objects = app.extensions["casework.settings"].objects_dir
    assert not any(p.is_file() for p in objects.rglob("*"))


def test_oversized_upload_is_413(tmp_path):
    from casework.users import create_token, create_user
    from storage.db import upgrade_database
    from web import create_app
    from wiring import load_settings

    settings = load_settings({"CASEWORK_DATA_DIR": str(tmp_path), "CASEWORK_MAX_UPLOAD_MB": "1"})
    upgrade_database(settings.database_url)
    app = create_app(settings, test_config={"TESTING": True})
    with app.extensions["casework.storage"].sessions() as session:
        token = create_token(session, create_user(session, "a@example.org", "password1", "admin"))
        session.commit()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    case = client.post("/api/v1/cases", headers=headers, json={
        "complainant_name": "A", "organisation_name": "B"}).json
    big = complaint_pdf() + b"\0" * (1024 * 1024 + 1)
    # Encoded by hand: the test client would spool a body this size to a file it never closes.
    body = (b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
            b"Content-Type: application/pdf\r\n\r\n" + big + b"\r\n--b--\r\n")
    response = client.post(f"/api/v1/cases/{case['id']}/evidence", headers=headers,
                           data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413
    assert response.json["error"]["code"] == "too_large"
    app.extensions["casework.storage"].engine.dispose()


def test_bad_json_is_refused_clearly(api):
    case = new_case(api)
    response = api.post("/api/v1/cases", json=["not", "an", "object"])
    assert response.status_code == 422
    response = api.post(f"/api/v1/cases/{case['id']}/findings", json={"title": 7})
    assert response.status_code == 422
    assert response.json["error"] == {"code": "validation_failed",
                                      "message": "title must be a string"}


def test_recommendation_rules(api):
    case = new_case(api)
    finding = new_finding(api, case)
    url = f"/api/v1/cases/{case['id']}/recommendations"
    base = {"kind": "payment", "text": "Pay", "finding_id": finding["id"],
            "basis": "injustice", "severity_level": 1}
    for extra, message in (
        ({"amount_pence": -5}, "positive whole number"),
        ({"amount_pence": 12.5}, "whole number"),
        ({"amount_pence": 10000, "due_date": "2000-01-01"}, "today or later"),
        ({}, "Enter the amount"),
        ({"amount_pence": 10000, "basis": None}, "financial loss or for injustice"),
        ({"amount_pence": 10000, "severity_level": 9}, "severity level"),
        # £900 is outside level 1's £50 to £450: it needs a recorded reason.
        ({"amount_pence": 90000}, "outside level 1's band (£50.00 to £450.00)"),
    ):
        response = api.post(url, json=base | extra)
        assert response.status_code == 422, extra
        assert message in response.json["error"]["message"]
    created = api.post(url, json=base | {"amount_pence": 25000, "due_date": "2099-12-31"})
    assert created.status_code == 201
    assert created.json["amount_pence"] == 25000 and created.json["due_date"] == "2099-12-31"
    justified = api.post(url, json=base | {"amount_pence": 90000,
                                           "justification": "Two years of delay."})
    assert justified.status_code == 201 and justified.json["severity_level"] == 1


def test_each_kind_asks_for_what_it_needs_and_gets_its_deadline(api):
    from datetime import date

    from casework.drafting import load_scale

    case = new_case(api)
    url = f"/api/v1/cases/{case['id']}/recommendations"
    failing = new_finding(api, case, conclusion="service_failure")["id"]
    no_failing = new_finding(api, case, conclusion="no_failing", injustice="")["id"]
    refused = api.post(url, json={"kind": "explanation", "text": "Explain",
                                  "finding_id": no_failing})
    assert (refused.status_code, "no failing" in refused.json["error"]["message"]) == (422, True)
    assert "who must apologise" in api.post(url, json={
        "kind": "apology", "text": "Apologise", "finding_id": failing}).json["error"]["message"]
    assert "show it has complied" in api.post(url, json={
        "kind": "service_improvement", "text": "Train staff",
        "finding_id": failing}).json["error"]["message"]
    apology = api.post(url, json={"kind": "apology", "text": "Apologise", "finding_id": failing,
                                  "from_whom": "the chief executive"}).json
    plan = api.post(url, json={"kind": "service_improvement", "text": "Train staff",
                               "finding_id": failing,
                               "compliance_evidence": "The training records."}).json
    scale, today = load_scale(), date.today()
    assert apology["due_date"] == scale.default_due_date("apology", today).isoformat()
    assert plan["due_date"] == scale.default_due_date("service_improvement", today).isoformat()
    assert (apology["from_whom"], plan["compliance_evidence"]) == (
        "the chief executive", "The training records.")



def test_openapi_describes_every_route(app, client):
    document = client.get("/api/v1/openapi.json").json
    documented = {
        (path, method.upper())
        for path, operations in document["paths"].items()
        for method in operations
    }
    served = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("api."):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
            served |= {(path, m) for m in rule.methods - {"HEAD", "OPTIONS"}}
    assert documented == served


def test_health_reports_each_part(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok", "broker": "ok", "storage": "ok"}


def test_body_over_the_server_limit_is_413_json(api, app):
    case = new_case(api)
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = api.post(f"/api/v1/cases/{case['id']}/evidence", data=b"x" * 2000,
                        content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413
    assert response.json["error"]["code"] == "too_large"
    assert "MB limit" in response.json["error"]["message"]


def _token_for(app, email: str, role: str, organisation: str | None = None) -> dict:
    from casework.users import create_token, create_user

    with app.extensions["casework.storage"].sessions() as session:
        token = create_token(session, create_user(session, email, "a-long-password", role,
                                                  organisation))
        session.commit()
    return {"Authorization": f"Bearer {token}"}


def test_roles_are_enforced(app, client, api):
    case = new_case(api)
    reviewer = _token_for(app, "rev@example.org", "reviewer")
    organisation = _token_for(app, "org@example.org", "organisation", "Department for Examples")
    # Organisations never read case files.
    for url in ("/api/v1/cases", f"/api/v1/cases/{case['id']}"):
        response = client.get(url, headers=organisation)
        assert (response.status_code, response.json["error"]["code"]) == (403, "forbidden")
    # Reviewers see a case only once a decision on it awaits their review; they never draft.
    assert client.get(f"/api/v1/cases/{case['id']}", headers=reviewer).status_code == 404
    for url, body in (("/api/v1/cases", {"complainant_name": "A", "organisation_name": "B"}),
                      (f"/api/v1/cases/{case['id']}/decisions", None),
                      (f"/api/v1/cases/{case['id']}/findings", {})):
        response = client.post(url, headers=reviewer, json=body)
        assert response.status_code == 403, url


def test_absurd_amounts_are_refused(api):
    case = new_case(api)
    finding = new_finding(api, case)
    response = api.post(f"/api/v1/cases/{case['id']}/recommendations", json={
        "kind": "payment", "text": "Pay", "finding_id": finding["id"], "amount_pence": 10**30,
        "basis": "financial_loss"})
    assert response.status_code == 422
    assert "at most" in response.json["error"]["message"]


def test_letters_go_out_with_the_decision(api):

    case = new_case(api)
    finding = new_finding(api, case)
    api.post(f"/api/v1/cases/{case['id']}/recommendations", json={
        "kind": "service_improvement", "text": "Review how forms are logged.",
        "finding_id": finding["id"], "due_date": "2099-06-30",
        "compliance_evidence": "The revised procedure."})
    decision = api.post(f"/api/v1/cases/{case['id']}/decisions",
                        json={"stage": "final"}).json
    assert decision["error"]["message"] == (
        "Issue the provisional decision for comment before drafting the final one")
    provisional = issue_provisional(api, case["id"])
    assert provisional["stage"] == "provisional"
    decision = draft_final(api, case["id"]).json
    assert decision["stage"] == "final" and decision["id"] != provisional["id"]

    def letter(recipient: str, decision=decision) -> str:
        response = api.get(f"/api/v1/decisions/{decision['id']}/letters/{recipient}.docx")
        assert response.status_code == 200
        return document_text(response.data)

    to_complainant, to_organisation = letter("complainant"), letter("organisation")
    assert "Dear Ms Example," in to_complainant
    assert "we have upheld your complaint" in to_complainant
    assert "propose" not in to_complainant + to_organisation
    proposed = letter("complainant", provisional)
    assert "we propose to find your complaint upheld" in proposed
    assert re.search(r"tell us by \d{1,2} \w+ \d{4} if you have any comments", proposed)
    assert ("Service improvement: Review how forms are logged. Deadline: 30 June 2099. "
            "Evidence of compliance: The revised procedure.") in to_organisation
    assert api.get(f"/api/v1/decisions/{decision['id']}/letters/nobody.docx").status_code == 404


def test_bodies_are_json_objects_whatever_their_content_type_says(api):
    case = new_case(api)
    for body, content_type in ((b"stage=final", "text/plain"), (b"{not json", "application/json"),
                               (b'["final"]', "application/json")):
        response = api.post(f"/api/v1/cases/{case['id']}/decisions", data=body,
                            content_type=content_type)
        assert response.status_code == 422, body
        assert response.json["error"] == {"code": "validation_failed",
                                          "message": "the request body must be a JSON object"}


def test_json_types_are_kept_apart(api):
    case = new_case(api)
    point = api.post(f"/api/v1/cases/{case['id']}/complaint-points", json={"text": "P."}).json
    url = f"/api/v1/cases/{case['id']}/complaint-points/{point['id']}/outcome"
    refused = api.put(url, json={"upheld": 1})
    assert refused.status_code == 422 and "true, false or null" in refused.json["error"]["message"]
    finding = api.post(f"/api/v1/cases/{case['id']}/findings", json={
        "complaint_point_id": point["id"], "title": "T", "what_happened": "H",
        "what_should_have_happened": "S", "conclusion": "no_failing", "principle": "",
        "citations": None})
    assert finding.status_code == 201 and finding.json["principle"] is None
    huge = api.post(f"/api/v1/cases/{case['id']}/findings/{finding.json['id']}/citations",
                    json={"evidence_id": 1, "page": 10**20})
    assert (huge.status_code, huge.json["error"]["message"]) == (422, "page is too large")
