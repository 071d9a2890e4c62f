"""Every route, for every kind of person: nobody signed in, an organisation, the case's own
investigator, another investigator, a reviewer with nothing to review, the reviewer who
reviewed the case, and an admin.

The case's records are named in every URL that takes an id. Whoever may not see the case gets
404, as if it did not exist, with the attempt on record; whoever may not do a thing gets 403;
nobody signed in is asked to sign in. A refused request changes nothing.

The routes are the app's own URL map, so a route added without a thought for who may use it
fails here until it has one.
"""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing

import pytest
from sqlalchemy import func, select

from casework.access import NOUNS
from casework.users import create_token, create_user
from storage.models import AuditEvent, Base, Delivery, EvidenceEvent, Organisation, User
from tests.conftest import INVESTIGATOR, REVIEWER
from tests.drafting import add_finding, add_point, draft_final, issue_provisional
from tests.fixtures import complaint_pdf

PASSWORD = "a-long-password"
PASSWORDS = dict([INVESTIGATOR, REVIEWER])
PEOPLE = {
    "nobody": None,
    "organisation": "org@example.org",
    "investigator": INVESTIGATOR[0],
    "other investigator": "other@example.org",
    "stranger reviewer": "stranger@example.org",
    "reviewer": REVIEWER[0],
    "admin": "admin@example.org",
}
METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
# Anyone may use these, signed in or not.
PUBLIC = {"auth.login", "static", "api.health", "api-docs.openapi_json", "published.index",
          "published.show", "published.document", "api.published_index",
          "api.published_document"}
# The pages that write drafts: a reviewer does not even see their forms.
DRAFTING_PAGES = ("findings.", "recommendations.", "publication.", "cases.new",
                  "chronology_events.")
# The review itself, which reviewers (and admins) do and investigators never.
REVIEW = {"api.approve_decision", "api.request_changes", "decisions.review"}
# Reads that answer something other than 200 for those who may see them, and why.
READ_ANSWERS = {
    # The anonymisation map is not approved yet: the page sends the investigator to it,
    # the API says why not.
    "publication.document": {302},
    "api.decision_publication": {409},
    "admin.index": {302},  # the admin's first page is the list of users
    # A worker makes the PDF: until it has, the page and the API say it is being made (or,
    # without LibreOffice, that it cannot be).
    "decisions.version_pdf": {202, 302},
    "api.decision_pdf": {202, 503},
    # The world's final decision is not issued, so nothing is published yet.
    "published.show": {404},
    "published.document": {404},
    "api.published_document": {404},
}
# The API calls an organisation's users may make (the compliance room checks which records
# are theirs), and the one only they make: sending evidence of compliance.
FOR_ORGANISATIONS = {"api.recommendations_index", "api.compliance_submit",
                     "api.organisation_compliance"}
ORGANISATIONS_ONLY = {"api.compliance_submit"}
# The staff's front pages, from which an organisation's user is sent to the portal.
STAFF_FRONT_PAGES = {"index", "cases.index"}
# What a route needs beside its path: the page of evidence to cite.
FIELDS = {"findings.cite": ("evidence_id", "page")}


@pytest.fixture
def world(api, db, process):
    """One case, assigned to the investigator and reviewed by the reviewer, with a record of
    every kind in it; an account for every kind of person, each with an API token."""
    case = api.post("/api/v1/cases", json={
        "complainant_name": "Mrs Ada Example", "organisation_name": "Northtown NHS Trust",
        "summary": "Nobody called back."}).json
    [evidence] = api.post(f"/api/v1/cases/{case['id']}/evidence", data={
        "file": [(io.BytesIO(complaint_pdf()), "letter.pdf")]},
        content_type="multipart/form-data").json["items"]
    process([evidence["id"]])
    point = add_point(api, case, "Nobody called back.")
    finding = add_finding(api, case, point, citations=[
        {"evidence_id": evidence["id"], "page": 2, "quote": "Nobody called me back"}])
    recommendation = api.post(f"/api/v1/cases/{case['id']}/recommendations", json={
        "kind": "apology", "text": "Apologise.", "finding_id": finding["id"],
        "from_whom": "the chief executive"}).json
    issue_provisional(api, case["id"])
    api.post(f"/api/v1/cases/{case['id']}/comments",
             json={"from": "complainant", "text": "Nothing to add."})
    final = draft_final(api, case["id"]).json
    for email, role, organisation in (
        ("other@example.org", "investigator", None),
        ("stranger@example.org", "reviewer", None),
        ("admin@example.org", "admin", None),
        ("org@example.org", "organisation", "Northtown NHS Trust"),
    ):
        create_user(db, email, PASSWORD, role, organisation)
    users = {u.email: u for u in db.scalars(select(User))}
    tokens = {email: create_token(db, user) for email, user in users.items()}
    db.commit()
    world = {
        "reference": case["reference"], "tokens": tokens,
        "case_id": case["id"], "evidence_id": evidence["id"], "point_id": point["id"],
        "finding_id": finding["id"], "citation_id": finding["citations"][0]["id"],
        "recommendation_id": recommendation["id"], "decision_id": final["id"],
        "delivery_id": db.scalar(select(Delivery.id)),
        "event_id": db.scalar(select(EvidenceEvent.id)),
        "version": 1, "page": 2, "recipient": "complainant", "filename": "casework.css",
        "document": "letter", "user_id": users[INVESTIGATOR[0]].id,
        "organisation_id": db.scalar(select(Organisation.id)), "publication_id": 1,
        "figure": "uphold-rate-by-quarter",
    }
    db.close()
    return world


def routes(app):
    # Signing out last: the routes after it would find the person signed out.
    for rule in sorted(app.url_map.iter_rules(),
                       key=lambda r: (r.endpoint == "auth.logout", r.rule, r.endpoint)):
        for method in sorted(rule.methods & METHODS):
            yield rule, method


def url_of(rule, world) -> str:
    """The rule's path with the case's records in it."""
    named = rule.arguments - set(rule.defaults or {})
    missing = [n for n in named if world.get(n) is None]
    assert not missing, f"the world has no {missing} for {rule.rule}"
    return rule.build({n: world[n] for n in named})[1]


def names_a_record(rule) -> bool:
    return any(name.removesuffix("_id") in NOUNS for name in rule.arguments)


def request(client, rule, method, world, person: str):
    email = PEOPLE[person]
    headers = {}
    if rule.endpoint.startswith("api.") and email is not None:
        headers["Authorization"] = f"Bearer {world['tokens'][email]}"
    fields = {name: world[name] for name in FIELDS.get(rule.endpoint, ())}
    response = client.open(url_of(rule, world), method=method, headers=headers,
                           **{"query_string" if method == "GET" else "data": fields})
    response.close()
    return response


def sign_in_as(client, person: str) -> None:
    client.post("/logout")
    email = PEOPLE[person]
    if email is not None:
        response = client.post("/login", data={"email": email,
                                               "password": PASSWORDS.get(email, PASSWORD)})
        assert response.status_code == 302, f"{person} could not sign in"


def refused_answer(person: str, rule, method: str) -> set[int] | None:
    """What `person` must be answered, when the route is not theirs to use; None when it is
    (then the next tests say what they get)."""
    endpoint = rule.endpoint
    api = endpoint.startswith("api.")
    if endpoint in PUBLIC:
        return None
    if endpoint == "auth.logout":
        return {302}
    if person == "nobody":
        return {401} if api else {302}
    if person == "organisation":
        if endpoint in STAFF_FRONT_PAGES:
            return {302}  # sent to the portal
        if endpoint.startswith("portal."):
            # The world's final decision is a draft: nothing named in it is theirs yet.
            return {404} if names_a_record(rule) else None
        return None if endpoint in FOR_ORGANISATIONS else {403}
    if endpoint.startswith("portal."):
        return {403, 404} if names_a_record(rule) else {403}
    if endpoint in ORGANISATIONS_ONLY:
        return {403}
    if person != "admin" and (endpoint.startswith("admin.")
                              or endpoint == "api.set_case_assignee"):
        # Outsiders to the case may be told "not found" before "not allowed".
        return {403, 404} if names_a_record(rule) else {403}
    if person in ("other investigator", "stranger reviewer") and names_a_record(rule):
        # A change the role may not make is refused before the record is looked at: the
        # answer is the same for any id, so it tells nothing.
        return {404} if method == "GET" else {403, 404}
    reviewer = person in ("reviewer", "stranger reviewer")
    if reviewer and (endpoint.startswith(DRAFTING_PAGES)
                     or (method != "GET" and endpoint not in REVIEW)):
        return {403}
    if person == "investigator" and endpoint in REVIEW and method == "POST":
        return {403}
    return None


# What signing in and out writes, and the trail of refusals: the rest must stay as it was.
BOOKKEEPING = {"audit_events", "sign_in_sessions", "sign_in_failures"}


def table_counts(db) -> dict[str, int]:
    return {table.name: db.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables if table.name not in BOOKKEEPING}


def test_refusals_for_every_route_and_person(app, client, world, db):
    before = table_counts(db)
    refused_events = db.scalar(select(func.count()).where(AuditEvent.action == "access.refused"))
    wrong, not_found = [], 0
    for person in PEOPLE:
        sign_in_as(client, person)
        for rule, method in routes(app):
            expected = refused_answer(person, rule, method)
            if expected is None:
                continue
            response = request(client, rule, method, world, person)
            if rule.endpoint == "auth.logout":
                sign_in_as(client, person)  # the routes after it are asked for signed in
            if response.status_code not in expected:
                wrong.append(f"{person} {method} {rule.rule}: {response.status_code}, "
                             f"expected {sorted(expected)}")
            if person == "nobody" and response.status_code == 302:
                assert response.headers["Location"].startswith("/login"), rule.rule
            not_found += response.status_code == 404
    assert wrong == []
    db.expire_all()
    assert table_counts(db) == before, "a refused request changed something"
    # Every "not found" for someone else's record is on the trail.
    assert db.scalar(select(func.count()).where(
        AuditEvent.action == "access.refused")) - refused_events == not_found > 100


def test_lists_show_only_the_cases_a_person_may_see(client, world):
    api_listing = "/api/v1/cases"
    for person, sees in (("investigator", True), ("reviewer", True), ("admin", True),
                         ("other investigator", False), ("stranger reviewer", False)):
        sign_in_as(client, person)
        page = client.get("/cases/")
        assert page.status_code == 200
        assert (world["reference"] in page.text) is sees, person
        token = world["tokens"][PEOPLE[person]]
        listed = client.get(api_listing, headers={"Authorization": f"Bearer {token}"}).json
        assert (world["case_id"] in {c["id"] for c in listed["items"]}) is sees, person


def test_those_who_may_see_the_case_read_every_page_of_it(app, client, world):
    wrong = []
    for person in ("investigator", "reviewer", "admin"):
        sign_in_as(client, person)
        for rule, method in routes(app):
            if method != "GET" or refused_answer(person, rule, method) is not None:
                continue
            status = request(client, rule, method, world, person).status_code
            if status not in READ_ANSWERS.get(rule.endpoint, {200}):
                wrong.append(f"{person} {method} {rule.rule}: {status}")
    assert wrong == []


def test_changes_the_role_allows_get_past_the_door(app, client, world, settings):
    """Each change a person may make reaches the domain (a 4xx there says what was wrong
    with this empty request, never who may not make it). The database is put back after
    each, so one change does not stand in the way of the next."""
    database = str(settings.data_dir / "casework.db")
    engine = app.extensions["casework.storage"].engine
    wrong = []
    for person in ("investigator", "admin", "reviewer"):
        sign_in_as(client, person)
        # Saved once signed in, so putting it back keeps the sign-in open.
        engine.dispose()
        saved = sqlite3.connect(":memory:")
        with closing(sqlite3.connect(database)) as source:
            # SQLite's own backup carries what is still in the write-ahead log; a file copy
            # would not.
            source.backup(saved)
        for rule, method in routes(app):
            if method == "GET" or rule.endpoint in PUBLIC | {"auth.logout"} \
                    or refused_answer(person, rule, method) is not None:
                continue
            response = request(client, rule, method, world, person)
            status = response.status_code
            if status in {401, 403, 404} or status >= 500 \
                    or response.headers.get("Location", "").startswith("/login"):
                wrong.append(f"{person} {method} {rule.rule}: {status}")
            engine.dispose()
            with closing(sqlite3.connect(database)) as target:
                saved.backup(target)
        saved.close()
    assert wrong == []


def test_every_form_that_changes_something_needs_its_csrf_token(app, client, world, db):
    """Each page route that changes something, posted without its CSRF token by someone
    whose role may use it, is refused with 400 and changes nothing. (The API takes bearer
    tokens, never the session cookie: there is no form of its to forge.)"""
    checked, wrong = set(), []
    people = ("investigator", "admin", "reviewer", "organisation")
    for person in people:
        sign_in_as(client, person)
        before = table_counts(db)
        app.config["WTF_CSRF_ENABLED"] = True
        for rule, method in routes(app):
            # The last person takes what nobody may use in this world (the organisation's
            # forms on a decision not yet issued): the token is checked before anything.
            may = refused_answer(person, rule, method) in (None, {302}) or person == people[-1]
            if method == "GET" or rule.endpoint.startswith("api.") \
                    or (rule.rule, method) in checked or not may:
                continue
            checked.add((rule.rule, method))
            status = request(client, rule, method, world, person).status_code
            if status != 400:
                wrong.append(f"{person} {method} {rule.rule}: {status}")
        app.config["WTF_CSRF_ENABLED"] = False
        db.expire_all()
        assert table_counts(db) == before, "a form without its token changed something"
    changing = {(rule.rule, method) for rule, method in routes(app)
                if method != "GET" and not rule.endpoint.startswith("api.")}
    assert wrong == [] and checked == changing and len(changing) > 20


def test_every_route_the_tables_name_exists(app):
    """A route renamed or removed leaves no stale rule behind that would let its successor
    pass unexamined."""
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    named = (PUBLIC | REVIEW | set(READ_ANSWERS) | FOR_ORGANISATIONS | ORGANISATIONS_ONLY
             | STAFF_FRONT_PAGES | set(FIELDS))
    assert named - endpoints == set()
    prefixes = {prefix.rstrip(".") for prefix in DRAFTING_PAGES}
    assert prefixes - {e.partition(".")[0] for e in endpoints} - endpoints == set()
