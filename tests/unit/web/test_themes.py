"""Themes on complaint points: suggested from the words, kept only when confirmed, audited,
and a filter of the case list."""

from sqlalchemy import select

from storage.models import AuditEvent, ComplaintPointTheme
from tests.drafting import add_finding, add_point


def new_case(api, name: str = "Northtown NHS Trust") -> dict:
    return api.post("/api/v1/cases", json={"complainant_name": "Mrs Jo Example",
                                           "organisation_name": name}).json


def test_suggested_themes_are_marked_and_nothing_is_kept_until_confirmed(api, auth, client, db):
    case = new_case(api)
    point = add_point(api, case, "The ward discharged my father without a care package.")
    add_finding(api, case, point, what_happened="His tablets were not given to him.")
    auth.login()
    page = client.get(f"/cases/{case['id']}/complaint-points/{point['id']}/edit")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'id="theme-discharge" name="themes" type="checkbox" value="discharge"' \
        ' aria-describedby="theme-discharge-hint" checked' in html
    assert "Suggested by: “discharged”, “care package”." in html
    assert "Suggested by: “tablets”." in html
    assert not db.scalars(select(ComplaintPointTheme)).all()
    assert "No decided case you may read has a point of the same themes" in html

    response = client.post(f"/cases/{case['id']}/complaint-points/{point['id']}/themes",
                           data={"themes": ["discharge", "communication"]})
    assert response.status_code == 302
    rows = db.scalars(select(ComplaintPointTheme)).all()
    assert sorted(row.theme for row in rows) == ["communication", "discharge"]
    [event] = db.scalars(select(AuditEvent).where(
        AuditEvent.action == "complaint_point.themes_confirmed")).all()
    assert event.detail == {"number": 1, "themes": ["communication", "discharge"]}
    html = client.get(f"/cases/{case['id']}/complaint-points/{point['id']}/edit").get_data(
        as_text=True)
    # Once confirmed, the page ticks what was confirmed, not what is suggested.
    assert 'value="medication" aria-describedby="theme-medication-hint">' in html
    assert 'value="communication" aria-describedby="theme-communication-hint" checked' in html


def test_an_unknown_theme_is_refused_beside_the_checkboxes(api, auth, client, db):
    case = new_case(api)
    point = add_point(api, case, "Nobody called me back.")
    auth.login()
    response = client.post(f"/cases/{case['id']}/complaint-points/{point['id']}/themes",
                           data={"themes": ["weather"]})
    assert response.status_code == 422
    assert "There is no theme &#39;weather&#39;: choose from the list" in response.get_data(
        as_text=True)
    assert not db.scalars(select(ComplaintPointTheme)).all()


def test_the_case_list_filters_by_theme_and_organisation(api, auth, client):
    themed, other = new_case(api), new_case(api, "Riverside Surgery")
    point = add_point(api, themed, "The discharge was unsafe.")
    add_point(api, other, "The receptionist was rude.")
    auth.login()
    client.post(f"/cases/{themed['id']}/complaint-points/{point['id']}/themes",
                data={"themes": ["discharge"]})
    html = client.get("/cases/?theme=discharge").get_data(as_text=True)
    assert themed["reference"] in html and other["reference"] not in html
    html = client.get(f"/cases/?organisation={other['organisation_id']}").get_data(
        as_text=True)
    assert other["reference"] in html and themed["reference"] not in html
    # A theme the taxonomy does not name filters nothing rather than hiding every case.
    html = client.get("/cases/?theme=weather").get_data(as_text=True)
    assert themed["reference"] in html and other["reference"] in html
