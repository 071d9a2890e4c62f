"""A complainant whose every name is in the organisation's name ("Jones" complaining about
"Jones Opticians"), and names the papers write oddly, through the map's API and into the
published document."""

import pytest

from tests.drafting import approve_map, document_text, final_decision


def jones_case(api, complainant: str) -> int:
    case = api.post("/api/v1/cases", json={
        "complainant_name": complainant, "organisation_name": "Jones Opticians",
        "summary": "Jones complained that Jones Opticians lost his prescription."}).json
    response = api.post(f"/api/v1/cases/{case['id']}/findings", json={
        "title": "Records", "complaint_point": "Jones Opticians lost the prescription.",
        "what_happened": "Jones Opticians did not call Jones back.",
        "what_should_have_happened": "A lost record is reported to the patient.",
        "conclusion": "service_failure", "injustice": "Distress to Jones."})
    assert response.status_code == 201, response.json
    return case["id"]


@pytest.mark.parametrize(("complainant", "label"), [("Jones", "Mx B"), ("Mr Jones", "Mr B")])
def test_the_complainant_is_in_the_map_and_named_nowhere_in_the_published_version(
        api, complainant, label):
    case_id = jones_case(api, complainant)
    response = api.get(f"/api/v1/cases/{case_id}/anonymisation")
    assert response.status_code == 200, response.json
    # Only the complainant: "Jones Opticians" is the organisation, not a person.
    assert [(p["original"], p["label"]) for p in response.json["people"]] == [
        (complainant, label)]

    decision_id = final_decision(api, case_id)
    assert approve_map(api, case_id).status_code == 200
    response = api.get(f"/api/v1/decisions/{decision_id}/publication.docx")
    assert response.status_code == 200, response.json
    text = document_text(response.data)
    assert f"{label} complained" in text
    assert "Jones" not in text and "jones" not in text.lower()


def test_a_name_written_with_a_stray_full_stop_is_mapped(api):
    # ". Jones": a given "name" with no letter used to have no initial, and the map's
    # page answered 500.
    case = api.post("/api/v1/cases", json={
        "complainant_name": ". Jones", "organisation_name": "Jones Opticians",
        "summary": "Jones complained."}).json
    response = api.get(f"/api/v1/cases/{case['id']}/anonymisation")
    assert response.status_code == 200, response.json
    assert [(p["original"], p["label"]) for p in response.json["people"]] == [("Jones", "Mx B")]
