"""The home page: each person's work and compliance by organisation, the figures' CSV, and
the figures in the API."""

import csv
import io
from datetime import timedelta

from sqlalchemy import select

from casework.users import create_token, create_user, get_user_by_email
from storage.models import AuditEvent, Decision
from tests.conftest import INVESTIGATOR, REVIEWER
from tests.drafting import add_finding, add_point
from tests.followed import case_for, recommend
from vocabulary import CaseStage
from web.runtime import today

PASSWORD = "a-long-password"


def followed(db) -> dict:
    """The investigator's case in follow-up at Northtown: one recommendation due in a week, one
    overdue, one complied with late; another investigator's case at Riverside, due soon."""
    investigator = get_user_by_email(db, INVESTIGATOR[0])
    case = case_for(db, "Northtown NHS Trust", investigator)
    case.stage = CaseStage.FOLLOW_UP
    on = today()
    soon = recommend(db, case, on + timedelta(days=7))
    late = recommend(db, case, on - timedelta(days=3))
    recommend(db, case, on - timedelta(days=20), complied_on=on - timedelta(days=10))
    other = create_user(db, "other@example.org", PASSWORD, "investigator")
    recommend(db, case_for(db, "Riverside Surgery", other), on + timedelta(days=2))
    db.commit()
    return {"case": case, "soon": soon, "late": late}


def section(html: str, heading: str) -> str:
    """The page from `heading` to the next heading of its level."""
    start = html.index(f">{heading}</h2>")
    end = html.find("<h2", start)
    return html[start:end if end != -1 else None]


def test_an_investigator_sees_their_cases_and_recommendations(client, auth, db):
    world = followed(db)
    auth.login(INVESTIGATOR)
    page = client.get("/")
    assert page.status_code == 200
    html = page.text
    assert '<h1 class="govuk-heading-l">Your work</h1>' in html
    assert 'href="/cases/">All cases</a>' in html
    case = world["case"]
    mine = section(html, "Your cases")
    assert "Follow-up (1)" in mine and f'href="/cases/{case.id}">{case.reference}</a>' in mine
    assert "Recommendation due: " in mine  # the next date (casework.decisions.next_date)
    assert "Riverside" not in mine
    due = section(html, "Recommendations due in the next 14 days")
    assert case.reference in due and str(world["soon"].due_date.year) in due
    assert "Riverside" not in due and due.count("<tr") == 2  # header and one row
    overdue = section(html, "Overdue recommendations")
    assert overdue.count("<tr") == 2 and case.reference in overdue
    assert "Waiting for your review" not in html
    figures = section(html, "Compliance by organisation")
    assert 'href="/compliance.csv"' in figures
    northtown = figures[figures.index("Northtown NHS Trust"):].split("</tr>")[0]
    # Made 3, on time 0, late 1, overdue 1, rate 0%.
    assert [cell.split("</td>")[0] for cell in northtown.split('numeric">')[1:]] == [
        "3", "0", "1", "1", "0%"]


def submit_for_review(api, organisation: str) -> int:
    case = api.post("/api/v1/cases", json={
        "complainant_name": "Mrs Ada Example", "organisation_name": organisation,
        "summary": "Nobody called back."}).json
    add_finding(api, case, add_point(api, case, "Nobody called back."))
    decision = api.post(f"/api/v1/cases/{case['id']}/decisions").json
    assert api.post(f"/api/v1/decisions/{decision['id']}/submit").status_code == 200
    return decision["id"]


def test_a_reviewer_sees_what_waits_for_review_oldest_first(client, auth, api, db):
    first = submit_for_review(api, "Northtown NHS Trust")
    second = submit_for_review(api, "Riverside Surgery")
    auth.login(REVIEWER)
    waiting = section(client.get("/").text, "Waiting for your review")
    links = [f'href="/decisions/{d}/review">Review the provisional decision, version 1</a>'
             for d in (first, second)]
    assert links[0] in waiting and waiting.index(links[0]) < waiting.index(links[1])
    auth.logout()
    # The one who drafted them has nothing to review.
    auth.login(INVESTIGATOR)
    assert "Waiting for your review" not in client.get("/").text
    assert db.scalar(select(Decision).where(Decision.id == first)) is not None


def test_the_figures_download_as_csv(client, auth, db):
    followed(db)
    auth.login(REVIEWER)
    response = client.get("/compliance.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert list(csv.reader(io.StringIO(response.text))) == [
        ["organisation", "made", "complied_on_time", "complied_late", "overdue", "rate"],
        ["Northtown NHS Trust", "3", "0", "1", "1", "0.000"],
        ["Riverside Surgery", "1", "0", "0", "0", "0.000"],
    ]


def test_an_organisation_user_is_sent_to_its_portal(client, auth, db):
    create_user(db, "org@example.org", PASSWORD, "organisation", "Northtown NHS Trust")
    db.commit()
    auth.login(("org@example.org", PASSWORD))
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"] == "/portal"
    assert client.get("/compliance.csv").status_code == 403


def test_signing_in_is_asked_for_first(client):
    assert client.get("/").headers["Location"].startswith("/login")
    assert client.get("/compliance.csv").headers["Location"].startswith("/login")


def test_the_api_gives_an_organisations_figures(api, db):
    northtown = followed(db)["case"].organisation
    response = api.get(f"/api/v1/organisations/{northtown.id}/compliance")
    assert response.status_code == 200
    assert response.json == {
        "organisation": {"id": northtown.id, "name": "Northtown NHS Trust"},
        "made": 3, "complied_on_time": 0, "complied_late": 1, "overdue": 1, "rate": 0.0}


def test_an_organisation_user_gets_its_own_figures_and_no_others(client, db):
    world = followed(db)
    riverside = case_for(db, "Riverside Surgery").organisation
    quiet = case_for(db, "Quiet Hospital").organisation
    user = create_user(db, "org@example.org", PASSWORD, "organisation", "Quiet Hospital")
    headers = {"Authorization": f"Bearer {create_token(db, user)}"}
    db.commit()
    own = client.get(f"/api/v1/organisations/{quiet.id}/compliance", headers=headers)
    assert own.status_code == 200
    assert own.json["made"] == 0 and own.json["rate"] is None
    for other in (world["case"].organisation.id, riverside.id):
        response = client.get(f"/api/v1/organisations/{other}/compliance", headers=headers)
        assert response.status_code == 404 and "Northtown" not in response.text
    db.expire_all()
    refused = db.scalars(select(AuditEvent).where(AuditEvent.action == "access.refused",
                                                  AuditEvent.actor_id == user.id)).all()
    assert sorted(e.detail["record_id"] for e in refused) == sorted(
        [world["case"].organisation.id, riverside.id])
