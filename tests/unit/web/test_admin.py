"""The admin pages and the assignment API: admins only, each change saved and shown, each
refusal said plainly; a deactivated account and an old sign-in are turned away."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from casework.users import create_token, create_user, get_user_by_email
from storage.models import AuditEvent, Organisation, SignInSession, User
from tests.conftest import INVESTIGATOR, REVIEWER, Api, AuthActions
from vocabulary import Role

ADMIN = ("admin@example.org", "admin-password")
PAGES = ("/admin/users", "/admin/organisations", "/admin/cases")


@pytest.fixture
def admin(app):
    """Signs in as an admin, and answers with the admin's API client."""
    storage = app.extensions["casework.storage"]
    with storage.sessions() as session:
        token = create_token(session, create_user(session, *ADMIN, "admin", name="Alex Morgan"))
        session.commit()
    return Api(app.test_client(), token)


def user_id(db, email: str) -> int:
    return db.scalar(select(User.id).where(User.email == email))


def new_case(api) -> dict:
    response = api.post("/api/v1/cases", json={
        "complainant_name": "Mrs Ada Lovelace", "organisation_name": "Northtown NHS Trust"})
    assert response.status_code == 201
    return response.json


def test_admin_pages_are_for_admins_only(client, auth, admin, db):
    auth.login(ADMIN)
    home = client.get("/cases/").text
    assert 'href="/admin/users"' in home and ">Admin<" in home
    for page in (*PAGES, f"/admin/users/{user_id(db, INVESTIGATOR[0])}"):
        assert client.get(page).status_code == 200, page
    auth.logout()

    for credentials in (INVESTIGATOR, REVIEWER):
        auth.login(credentials)
        assert 'href="/admin/users"' not in client.get("/cases/").text
        for page in PAGES:
            assert client.get(page).status_code == 403, (credentials, page)
        assert client.post("/admin/users", data={"email": "x@example.org"}).status_code == 403
        auth.logout()
    refusals = db.scalars(select(AuditEvent).where(AuditEvent.action == "request.refused"))
    assert {e.detail["endpoint"] for e in refusals} >= {"admin.users", "admin.cases"}


def test_an_admin_creates_a_user_who_can_then_sign_in(app, client, auth, admin, db):
    auth.login(ADMIN)
    response = client.post("/admin/users", data={
        "email": "Sam@Example.org", "name": "Sam Patel", "job_title": "Senior Investigator",
        "role": "investigator", "password": "a-long-password"})
    assert response.status_code == 302
    page = client.get("/admin/users").text
    assert "User created." in page
    assert "Sam Patel" in page and "sam@example.org" in page and "Senior Investigator" in page
    created = get_user_by_email(db, "sam@example.org")
    assert (created.name, created.job_title, created.role) == (
        "Sam Patel", "Senior Investigator", Role.INVESTIGATOR)
    # The account is on record as the admin's doing.
    made = db.scalar(select(AuditEvent).where(AuditEvent.action == "user.created",
                                              AuditEvent.subject_id == created.id))
    assert made.actor.email == ADMIN[0] and made.detail == {"role": "investigator"}
    assert AuthActions(app.test_client()).login(("sam@example.org", "a-long-password")) \
        .status_code == 302

    refused = client.post("/admin/users", data={
        "email": "org@example.org", "role": "organisation", "password": "a-long-password"})
    assert refused.status_code == 400
    assert "govuk-error-summary" in refused.text
    assert "organisation users need" in refused.text
    refused = client.post("/admin/users", data={
        "email": "sam@example.org", "role": "reviewer", "password": "a-long-password"})
    assert "a user with email sam@example.org already exists" in refused.text
    assert client.post("/admin/users", data={
        "email": "org@example.org", "role": "organisation", "organisation": "Riverside Surgery",
        "password": "a-long-password"}).status_code == 302
    organisation_user = get_user_by_email(db, "org@example.org")
    assert organisation_user.organisation.name == "Riverside Surgery"


def test_an_admin_changes_a_role_and_details(client, auth, admin, db):
    auth.login(ADMIN)
    page = f"/admin/users/{user_id(db, INVESTIGATOR[0])}"
    response = client.post(page, data={"name": "Sam Patel", "job_title": "Team Leader",
                                       "role": "reviewer"})
    assert response.status_code == 302
    assert "User updated." in client.get(page).text
    changed = get_user_by_email(db, INVESTIGATOR[0])
    assert (changed.name, changed.job_title, changed.role) == ("Sam Patel", "Team Leader",
                                                              Role.REVIEWER)

    own = f"/admin/users/{user_id(db, ADMIN[0])}"
    refused = client.post(own, data={"name": "Alex Morgan", "job_title": "Manager",
                                     "role": "investigator"})
    assert refused.status_code == 400
    assert "This is the last active administrator" in refused.text
    db.expire_all()
    admin_row = get_user_by_email(db, ADMIN[0])
    assert (admin_row.role, admin_row.job_title) == (Role.ADMIN, "")  # nothing saved


def test_a_deactivated_user_is_turned_away_everywhere(app, client, auth, admin, db, token):
    theirs = app.test_client()
    AuthActions(theirs).login(INVESTIGATOR)
    assert theirs.get("/cases/").status_code == 200
    their_api = Api(theirs, token)
    assert their_api.get("/api/v1/cases").status_code == 200

    auth.login(ADMIN)
    page = f"/admin/users/{user_id(db, INVESTIGATOR[0])}"
    response = client.post(f"{page}/deactivate")
    assert response.headers["Location"] == page
    assert "User deactivated" in client.get(page).text

    assert theirs.get("/cases/").headers["Location"].startswith("/login")
    assert AuthActions(app.test_client()).login(INVESTIGATOR).status_code == 400
    refused = their_api.get("/api/v1/cases")
    assert refused.status_code == 401 and refused.json["error"]["code"] == "unauthorized"

    own = f"/admin/users/{user_id(db, ADMIN[0])}"
    client.post(f"{own}/deactivate")
    assert "You cannot deactivate your own account" in client.get(own).text
    assert get_user_by_email(db, ADMIN[0]).active

    client.post(f"{page}/reactivate")
    assert their_api.get("/api/v1/cases").status_code == 200


def test_an_organisation_gets_its_contact_emails_and_postal_address(client, auth, admin, db):
    new_case(admin)
    organisation = db.scalar(select(Organisation))
    auth.login(ADMIN)
    assert "Northtown NHS Trust" in client.get("/admin/organisations").text
    page = f"/admin/organisations/{organisation.id}"
    response = client.post(page, data={
        "name": "Northtown NHS Trust",
        "contact_emails": "Complaints@Northtown.example\n\nchief@northtown.example\n",
        "address": "  Trust Headquarters,\n\nNorthtown   NT9 9ZZ\n"})
    assert response.status_code == 302
    shown = client.get(page).text
    assert "Organisation updated." in shown and "complaints@northtown.example" in shown
    db.refresh(organisation)
    assert organisation.contact_emails == ["complaints@northtown.example",
                                           "chief@northtown.example"]
    assert organisation.address == "Trust Headquarters\nNorthtown NT9 9ZZ"

    refused = client.post(page, data={"name": "Northtown NHS Trust",
                                      "contact_emails": "complaints at northtown"})
    assert refused.status_code == 400
    assert "govuk-error-summary" in refused.text
    assert "&#39;complaints at northtown&#39; is not an email address" \
        in refused.text
    db.refresh(organisation)
    assert organisation.contact_emails == ["complaints@northtown.example",
                                           "chief@northtown.example"]


def test_an_admin_reassigns_a_case_on_the_page(app, client, auth, admin, api, db):
    case = new_case(api)
    with app.extensions["casework.storage"].sessions() as session:
        create_user(session, "second@example.org", "second-pass", "investigator",
                    name="Jo Second")
        session.commit()
    second = user_id(db, "second@example.org")
    auth.login(ADMIN)
    page = client.get("/admin/cases").text
    assert case["reference"] in page and "Jo Second" in page
    assert "reviewer@example.org" not in page  # only investigators are offered

    response = client.post(f"/admin/cases/{case['id']}/assignee",
                           data={f"case-{case['id']}-user_id": str(second)})
    assert response.headers["Location"] == "/admin/cases"
    assert f"Case {case['reference']} assigned." in client.get("/admin/cases").text
    assert api.get(f"/api/v1/cases/{case['id']}").status_code == 404

    refused = client.post(f"/admin/cases/{case['id']}/assignee",
                          data={f"case-{case['id']}-user_id": str(user_id(db, REVIEWER[0]))})
    assert refused.status_code == 400
    assert "govuk-error-summary" in refused.text and "is a reviewer" in refused.text


def test_the_assignee_api_is_for_admins_and_takes_only_investigators(
        app, admin, api, db, client):
    case = new_case(api)
    with app.extensions["casework.storage"].sessions() as session:
        second = create_user(session, "second@example.org", "second-pass", "investigator")
        second_api = Api(client, create_token(session, second))
        session.commit()
        second_id = second.id
    url = f"/api/v1/cases/{case['id']}/assignee"

    refused = api.put(url, json={"user_id": second_id})
    assert refused.status_code == 403 and refused.json["error"]["code"] == "forbidden"
    assert api.reviewer.put(url, json={"user_id": second_id}).status_code == 403
    refused = admin.put(url, json={"user_id": user_id(db, REVIEWER[0])})
    assert refused.status_code == 422
    assert "Choose an active investigator" in refused.json["error"]["message"]
    assert admin.put(url, json={"user_id": "two"}).status_code == 422
    assert admin.put("/api/v1/cases/99999/assignee", json={"user_id": second_id}) \
        .status_code == 404
    assert second_api.get(f"/api/v1/cases/{case['id']}").status_code == 404

    assigned = admin.put(url, json={"user_id": second_id})
    assert assigned.status_code == 200
    assert assigned.json == admin.get(f"/api/v1/cases/{case['id']}").json
    assert assigned.json["assignee"]["id"] == second_id
    assert second_api.get(f"/api/v1/cases/{case['id']}").status_code == 200
    assert api.get(f"/api/v1/cases/{case['id']}").status_code == 404
    [event] = db.scalars(select(AuditEvent).where(AuditEvent.action == "case.assigned"))
    assert event.detail == {"from_user_id": user_id(db, INVESTIGATOR[0]),
                            "to_user_id": second_id}


def test_an_old_sign_in_expires(client, auth, db):
    auth.login()
    assert client.get("/cases/").status_code == 200
    db.execute(update(SignInSession).values(created_at=datetime.now(UTC) - timedelta(hours=13)))
    db.commit()
    response = client.get("/cases/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/cases/")
    login_page = client.get(response.headers["Location"]).text
    assert "Your session has expired. Sign in again." in login_page
    assert client.get("/cases/").status_code == 302  # signed out, not only sent away
    [refusal] = db.scalars(select(AuditEvent).where(AuditEvent.action == "request.refused"))
    assert refusal.detail["code"] == "session_expired"

    auth.login()
    assert client.get("/cases/").status_code == 200


def test_an_expired_session_is_sent_to_sign_in_before_any_record_is_looked_up(
        client, auth, api, db):
    case = api.post("/api/v1/cases", json={"complainant_name": "Mrs A",
                                           "organisation_name": "A Trust"}).json
    auth.login(REVIEWER)  # who may not see the case
    db.execute(update(SignInSession).values(created_at=datetime.now(UTC) - timedelta(hours=13)))
    db.commit()
    response = client.get(f"/cases/{case['id']}")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    actions = set(db.scalars(select(AuditEvent.action)))
    assert "request.refused" in actions and "access.refused" not in actions
