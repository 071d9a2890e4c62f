"""Search across cases, in the pages and the API: hits in the cases the person may read,
page by page, with their case, file and page; never a hit or a count from another's case."""

import io

from sqlalchemy import select

from casework.users import create_token, create_user
from commands.sample_files import text_pdf
from storage.models import AuditEvent
from tests.conftest import Api
from tests.drafting import add_point

PAGES = [["The district nurse did not visit on 3 March."], ["The district nurse came later."]]


def case_with_file(api, process, organisation: str = "Northtown NHS Trust") -> dict:
    case = api.post("/api/v1/cases", json={"complainant_name": "Mrs Jo Example",
                                           "organisation_name": organisation}).json
    [item] = api.post(f"/api/v1/cases/{case['id']}/evidence", data={
        "file": [(io.BytesIO(text_pdf(PAGES)), "notes.pdf")]},
        content_type="multipart/form-data").json["items"]
    process([item["id"]])
    return case


def other_investigator(app, client) -> Api:
    with app.extensions["casework.storage"].sessions() as session:
        user = create_user(session, "other@example.org", "a-long-password", "investigator")
        token = create_token(session, user)
        session.commit()
    return Api(client, token)


def test_the_api_finds_pages_only_in_cases_the_account_may_read(app, api, client, process, db):
    mine = case_with_file(api, process)
    other = other_investigator(app, client)
    theirs = case_with_file(other, process, "Riverside Surgery")
    answer = api.get("/api/v1/search?q=district+nurse&per_page=1").json
    assert answer["total"] == 2 and answer["more"] is False
    [hit] = answer["items"]
    assert hit == {"case_id": mine["id"], "case_reference": mine["reference"],
                   "evidence_id": hit["evidence_id"], "page": hit["page"],
                   "snippet": hit["snippet"]}
    assert "district nurse" in hit["snippet"].lower() and hit["page"] in (1, 2)
    assert answer["next"].endswith("page=2") and "q=district+nurse" in answer["next"]
    answer = other.get("/api/v1/search?q=district+nurse").json
    assert {hit["case_reference"] for hit in answer["items"]} == {theirs["reference"]}
    assert answer["total"] == 2
    filtered = api.get(f"/api/v1/search?q=nurse&organisation_id={theirs['organisation_id']}")
    assert filtered.json["total"] == 0 and filtered.json["items"] == []
    # The search is on record, with its filters, never its words.
    events = db.scalars(select(AuditEvent).where(AuditEvent.action == "cases.searched")).all()
    assert events and all("q" not in event.detail for event in events)
    assert events[-1].detail == {"organisation_id": theirs["organisation_id"]}


def test_bad_filters_are_refused_with_the_usual_error(api):
    response = api.get("/api/v1/search?q=nurse&outcome=won&uploaded_from=yesterday")
    assert response.status_code == 422
    assert response.json["error"]["message"].startswith("outcome must be one of upheld")


def test_the_search_page_shows_highlighted_hits_and_its_filters(api, auth, client, process):
    case = case_with_file(api, process)
    auth.login()
    html = client.get("/cases/").get_data(as_text=True)
    assert 'href="/search/"' in html
    html = client.get("/search/?q=district+nurse&outcome=upheld").get_data(as_text=True)
    assert "0 pages found" in html
    html = client.get("/search/?q=district+nurse&theme=delay&doc_type=&organisation=").get_data(
        as_text=True)
    assert "0 pages found" in html and '<option value="delay" selected>Delay</option>' in html
    html = client.get("/search/?q=district+nurse").get_data(as_text=True)
    assert "2 pages found" in html
    assert f"{case['reference']}, evidence 1, page 1" in html
    assert "<mark>district</mark> <mark>nurse</mark>" in html


def test_themes_in_the_api_are_suggested_then_confirmed(api):
    case = api.post("/api/v1/cases", json={"complainant_name": "Mrs Jo Example",
                                           "organisation_name": "Northtown NHS Trust"}).json
    point = add_point(api, case, "She was discharged with the wrong medication.")
    url = f"/api/v1/cases/{case['id']}/complaint-points/{point['id']}/themes"
    answer = api.get(url).json
    assert answer["confirmed"] == []
    assert answer["suggested"][:2] == [{"theme": "discharge", "found": ["discharged"]},
                                      {"theme": "medication", "found": ["medication"]}]
    answer = api.put(url, json={"themes": ["medication", "discharge"]}).json
    assert answer["confirmed"] == ["discharge", "medication"]
    assert api.put(url, json={"themes": ["weather"]}).status_code == 422
    listed = api.get("/api/v1/cases?theme=medication").json["items"]
    assert [c["id"] for c in listed] == [case["id"]]
    assert {"slug": "delay", "name": "Delay"}.items() <= api.get(
        "/api/v1/themes").json["items"][7].items()


def test_organisations_have_no_search(app, api, client, process):
    case_with_file(api, process)
    with app.extensions["casework.storage"].sessions() as session:
        user = create_user(session, "org@example.org", "a-long-password", "organisation",
                           "Northtown NHS Trust")
        token = create_token(session, user)
        session.commit()
    organisation = Api(client, token)
    response = organisation.get("/api/v1/search?q=district+nurse")
    assert response.status_code == 403 and "items" not in response.json
    client.post("/login", data={"email": "org@example.org", "password": "a-long-password"})
    assert client.get("/search/?q=district+nurse").status_code == 403
    portal = client.get("/portal")
    assert portal.status_code == 200 and 'href="/search/"' not in portal.get_data(as_text=True)
