"""The investigator's side of compliance on the case's recommendations page: what the
organisation sent, and the forms that accept it, ask for more or agree a new due date."""

from __future__ import annotations

from datetime import timedelta

from casework.formats import office_today
from tests.conftest import REVIEWER
from tests.drafting import date_fields
from tests.fixtures import complaint_pdf
from tests.unit.web.test_compliance_api import (  # noqa: F401 (a fixture)
    followed_case,
    organisation_api,
    send,
)


def test_the_case_page_shows_what_was_sent_and_the_investigator_answers(
        api, organisation_api, client, auth):  # noqa: F811 (the fixture imported above)
    recommendation = followed_case(api)
    send(organisation_api, recommendation["id"], ("apology.pdf", complaint_pdf()),
         note="Our chief executive's letter.")
    auth.login()
    page = client.get(f"/cases/{recommendation['case_id']}/recommendations")
    assert "Evidence submitted" in page.text
    assert "Our chief executive&#39;s letter." in page.text
    assert "Ask for more evidence" in page.text

    base = f"/recommendations/{recommendation['id']}"
    asked = client.post(f"{base}/request-more", data={"comment": "Send it signed."},
                        follow_redirects=True)
    assert "More evidence requested from the organisation." in asked.text
    later = office_today() + timedelta(days=40)
    refused = client.post(f"{base}/due-date", data=date_fields("due_date", later))
    # Refused on the page itself: an error summary linked to the reason's box.
    assert refused.status_code == 422
    assert "<title>Error: " in refused.text
    assert (f'<a href="#due-reason-{recommendation["id"]}">Give the reason for the new due '
            "date") in refused.text
    agreed = client.post(f"{base}/due-date", data=date_fields("due_date", later) | {
        "reason": "Board meets next month."}, follow_redirects=True)
    assert "New due date agreed." in agreed.text
    assert f"now due {later.day} {later:%B %Y}" in agreed.text
    accepted = client.post(f"{base}/accept", data={"complied_on": ""}, follow_redirects=True)
    assert "Recommendation accepted as complied with." in accepted.text
    assert "Decide on compliance" not in accepted.text
    assert api.get(f"/api/v1/cases/{recommendation['case_id']}").json["stage"] == "closed"


def test_a_reviewer_is_refused_and_a_bad_date_is_said_plainly(api, client, auth):
    recommendation = followed_case(api)
    base = f"/recommendations/{recommendation['id']}"
    auth.login()
    bad = client.post(f"{base}/accept", data={
        "complied_on-day": "31", "complied_on-month": "2", "complied_on-year": "2026"})
    assert "The date complied with must be a real date" in bad.text
    assert f'href="#complied-on-{recommendation["id"]}-day"' in bad.text
    partial = client.post(f"{base}/accept", data={"complied_on-day": "3",
                                                   "complied_on-year": "2026"})
    assert "The date complied with must include a month" in partial.text
    assert api.get("/api/v1/recommendations").json["items"][0]["status"] == "open"
    auth.logout()
    auth.login(REVIEWER)
    assert client.post(f"{base}/accept").status_code == 403
