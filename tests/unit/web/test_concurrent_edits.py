"""Two people saving one finding or recommendation: the first save stands, the second is told,
on the page and through the API."""

from __future__ import annotations

from tests.conftest import INVESTIGATOR
from tests.drafting import add_finding, add_point

FIELDS = {"title": "Care plan", "what_happened": "Happened.",
          "what_should_have_happened": "Standard.", "conclusion": "service_failure",
          "injustice": "Distress.", "principle": "", "guidance": "", "citation_number": ""}


def drafted(api) -> tuple[dict, dict, dict]:
    case = api.post("/api/v1/cases", json={"complainant_name": "Mrs Jo Example",
                                           "organisation_name": "Northtown NHS Trust"}).json
    finding = add_finding(api, case, add_point(api, case, "The discharge."))
    recommendation = api.post(f"/api/v1/cases/{case['id']}/recommendations", json={
        "kind": "explanation", "text": "Explain the discharge.",
        "finding_id": finding["id"]}).json
    return case, finding, recommendation


def signed_in(app):
    client = app.test_client()
    client.post("/login", data={"email": INVESTIGATOR[0], "password": INVESTIGATOR[1]})
    return client


def two_editors(app, edit: str):
    """Two investigators, each with the edit page open at version 1."""
    first, second = signed_in(app), signed_in(app)
    for client in (first, second):
        assert 'name="version" type="hidden" value="1"' in client.get(edit).text
    return first, second


def test_the_second_of_two_page_saves_of_a_finding_is_told_and_keeps_its_typing(app, api):
    case, finding, _ = drafted(api)
    edit = f"/cases/{case['id']}/findings/{finding['id']}/edit"
    first, second = two_editors(app, edit)
    fields = FIELDS | {"complaint_point_id": str(finding["complaint_point_id"]), "version": "1"}

    assert first.post(edit, data=fields | {"title": "First title"}).status_code == 302
    refused = second.post(edit, data=fields | {"title": "Second title",
                                               "what_happened": "My own careful words."})
    assert refused.status_code == 409
    assert ("Someone else saved this finding since you opened it: your changes were not "
            "saved. Their version is shown; make your changes again.") in refused.text
    # Their values in the form, ready to save from version 2; mine kept to copy from.
    assert 'value="First title"' in refused.text
    assert 'name="version" type="hidden" value="2"' in refused.text
    assert "My own careful words." in refused.text and "Second title" in refused.text

    page = first.get(f"/cases/{case['id']}/findings").text
    assert "First title" in page and "Second title" not in page
    again = second.post(edit, data=fields | {"title": "Second title", "version": "2"})
    assert again.status_code == 302


def test_the_second_of_two_page_saves_of_a_recommendation_is_told(app, api):
    case, finding, recommendation = drafted(api)
    edit = f"/cases/{case['id']}/recommendations/{recommendation['id']}/edit"
    first, second = two_editors(app, edit)
    fields = {"finding_id": str(finding["id"]), "kind": "explanation", "basis": "",
              "severity_level": "", "version": "1"}

    assert first.post(edit, data=fields | {"text": "Explain it first."}).status_code == 302
    refused = second.post(edit, data=fields | {"text": "Explain it my way."})
    assert refused.status_code == 409
    assert "Someone else saved this recommendation since you opened it" in refused.text
    assert "Explain it first." in refused.text and "Explain it my way." in refused.text
    page = first.get(f"/cases/{case['id']}/recommendations").text
    assert "Explain it first." in page and "Explain it my way." not in page


def test_the_api_shows_the_version_and_refuses_a_stale_one_with_409(api):
    case, finding, recommendation = drafted(api)
    assert (finding["version"], recommendation["version"]) == (1, 1)
    url = f"/api/v1/cases/{case['id']}/findings/{finding['id']}"

    saved = api.patch(url, json={"title": "First", "version": 1})
    assert saved.status_code == 200 and saved.json["version"] == 2
    refused = api.patch(url, json={"title": "Second", "version": 1})
    assert refused.status_code == 409
    assert refused.json["error"]["code"] == "conflict"
    assert "It is now version 2" in refused.json["error"]["message"]
    # Left out, the version is not checked: clients written before it keep working.
    unchecked = api.patch(url, json={"title": "Third"})
    assert unchecked.status_code == 200 and unchecked.json["version"] == 3

    url = f"/api/v1/cases/{case['id']}/recommendations/{recommendation['id']}"
    saved = api.patch(url, json={"text": "Explain first.", "version": 1})
    assert saved.status_code == 200 and saved.json["version"] == 2
    refused = api.patch(url, json={"text": "Explain second.", "version": 1})
    assert refused.status_code == 409 and refused.json["error"]["code"] == "conflict"
    assert api.patch(url, json={"text": "Explain third.", "version": 2}).json["text"] == \
        "Explain third."
