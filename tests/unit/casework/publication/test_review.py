"""The investigator reviews, edits and approves the anonymisation map before publication."""

import re

import pytest
from sqlalchemy import select

from casework.errors import ValidationFailed
from casework.publication import Person, check_labels, titled_mentions
from storage.models import AuditEvent
from tests.conftest import REVIEWER
from tests.drafting import approve_map, document_text, draft_final, lovelace_case
from vocabulary import PersonKind

SECRETS = ("Lovelace", "Ada", "Sarah", "Jones", "Mary", "Somerville", "943 476 5919", "01632")


def case_with_people(api, process) -> tuple[int, int]:
    """A case naming a complainant, a doctor, a clinical adviser and a child the pipeline
    misses (no title before his name); returns the case's and its decision's ids."""
    return lovelace_case(
        api, process, summary="Mrs Lovelace complained about the care of her son Tom Lovelace.",
        what_happened="Dr Jones did not call Mrs Lovelace on 01632 960 123. "
                      "Dr Mary Somerville advised that the delay mattered.")


def put_map(client, api, case_id: int, people: list[dict]):
    return client.put(f"/api/v1/cases/{case_id}/anonymisation", headers=api.headers,
                      json={"people": people})


def labels(response) -> dict[str, tuple[str, str]]:
    return {p["original"]: (p["label"], p["kind"]) for p in response.json["people"]}


def published_text(api, decision_id: int) -> str:
    response = api.get(f"/api/v1/decisions/{decision_id}/publication.docx")
    assert response.status_code == 200, response.json
    return document_text(response.data)


def test_the_proposal_labels_everyone_found_and_lists_the_identifiers(api, process):
    case_id, _ = case_with_people(api, process)
    response = api.get(f"/api/v1/cases/{case_id}/anonymisation")
    assert response.status_code == 200
    assert labels(response) == {"Mrs Ada Lovelace": ("Mrs B", "adult"),
                                "Dr Sarah Jones": ("Dr C", "adult"),
                                "Dr Mary Somerville": ("Dr D", "adult")}
    assert response.json["identifiers"] == {"nhs_number": ["9434765919"],
                                            "phone": ["+441632960123"]}
    assert (response.json["saved"], response.json["approved"], response.json["stale"],
            response.json["approved_by"]) == (False, False, False, None)


def test_edited_labels_are_used_in_the_published_document(client, api, process):
    case_id, decision_id = case_with_people(api, process)
    response = put_map(client, api, case_id, [
        {"original": "Dr Sarah Jones", "label": "Dr K", "kind": "adult"}])
    assert response.status_code == 200, response.json
    assert labels(response)["Dr Sarah Jones"] == ("Dr K", "adult")
    # Left out of the request, the others keep their labels: nobody found can be dropped.
    assert labels(response)["Mrs Ada Lovelace"] == ("Mrs B", "adult")
    assert approve_map(api, case_id).status_code == 200

    text = published_text(api, decision_id)
    assert "Dr K did not call Mrs B" in text
    assert "Dr C" not in text
    for secret in SECRETS:
        assert secret not in text, secret


def test_a_missed_child_is_added_and_labelled_by_an_initial_alone(client, api, process):
    case_id, decision_id = case_with_people(api, process)
    approve_map(api, case_id)
    # The pipeline missed the son: "Mrs B" replaces the surname, but his first name stays.
    assert "her son Tom Mrs B" in published_text(api, decision_id)

    response = put_map(client, api, case_id, [{"original": "Tom Lovelace", "kind": "child"}])
    assert response.status_code == 200, response.json
    tom = next(p for p in response.json["people"] if p["original"] == "Tom Lovelace")
    # The next free letter after B, C and D; never T or L, his own initials.
    assert (tom["label"], tom["kind"], tom["added"]) == ("E", "child", True)
    assert {"Tom", "Lovelace"} <= set(tom["aliases"])
    approve_map(api, case_id)
    text = published_text(api, decision_id)
    assert "her son E." in text and "Tom" not in text

    response = put_map(client, api, case_id, [
        {"original": "Tom Lovelace", "label": "Master E", "kind": "child"}])
    assert response.status_code == 422
    assert "initial alone" in response.json["error"]["message"]


def test_a_clinical_adviser_is_not_named(client, api, process):
    case_id, decision_id = case_with_people(api, process)
    # Only the kind changes: the label "Dr D" is replaced by one for an adviser.
    response = put_map(client, api, case_id, [
        {"original": "Dr Mary Somerville", "label": "Dr D", "kind": "adviser"}])
    assert labels(response)["Dr Mary Somerville"] == ("the clinical adviser", "adviser")
    approve_map(api, case_id)
    text = published_text(api, decision_id)
    assert "The clinical adviser advised that the delay mattered." in text
    assert "Dr D" not in text

    response = put_map(client, api, case_id, [
        {"original": "Dr Mary Somerville", "label": "Dr F", "kind": "adviser"}])
    assert response.status_code == 422
    assert "not named" in response.json["error"]["message"]


def test_a_label_with_a_real_initial_or_name_is_refused(client, api, process):
    case_id, _ = case_with_people(api, process)
    for label, problem in (("Mrs L", "real initial L"), ("Mrs A", "real initial A"),
                           ("Ms Jones", "part of a real name"), ("", "Enter a label"),
                           ("Mrs " + "B" * 40, "40 characters or fewer")):
        response = put_map(client, api, case_id, [
            {"original": "Mrs Ada Lovelace", "label": label, "kind": "adult"}])
        assert response.status_code == 422, label
        assert response.json["error"]["code"] == "validation_failed"
        assert problem in response.json["error"]["message"], label
    # Nothing was saved.
    assert api.get(f"/api/v1/cases/{case_id}/anonymisation").json["saved"] is False


def test_two_people_may_not_share_a_label(client, api, process):
    case_id, _ = case_with_people(api, process)
    response = put_map(client, api, case_id, [
        {"original": "Dr Sarah Jones", "label": "Mrs B", "kind": "adult"}])
    assert response.status_code == 422
    assert response.json["error"]["message"] == (
        "Mrs Ada Lovelace and Dr Sarah Jones are both labelled “Mrs B”: "
        "give each person their own label.")


def test_publication_needs_approval_and_an_edit_withdraws_it(app, client, api, process, db):
    case_id, decision_id = case_with_people(api, process)
    response = api.get(f"/api/v1/decisions/{decision_id}/publication.docx")
    assert (response.status_code, response.json["error"]["code"]) == (409, "not_approved")

    response = approve_map(api, case_id)
    assert response.status_code == 200
    assert (response.json["approved"], response.json["approved_by"]) == (
        True, "investigator@example.org")
    assert response.json["approved_at"]
    assert api.get(f"/api/v1/decisions/{decision_id}/publication.docx").status_code == 200

    response = put_map(client, api, case_id, [
        {"original": "Dr Sarah Jones", "label": "Dr K", "kind": "adult"}])
    assert (response.json["approved"], response.json["approved_by"],
            response.json["approved_at"]) == (False, None, None)
    response = api.get(f"/api/v1/decisions/{decision_id}/publication.docx")
    assert (response.status_code, response.json["error"]["code"]) == (409, "not_approved")

    # The audit says who saved and approved, and how much; never whom the map hides.
    events = db.scalars(select(AuditEvent).where(AuditEvent.action.like("anonymisation.%"))
                        .order_by(AuditEvent.id)).all()
    assert [e.action for e in events] == ["anonymisation.approved", "anonymisation.saved"]
    assert events[1].detail == {"people": 3, "changed": 1, "added": 0}
    for event in events:
        for secret in SECRETS:
            assert secret not in str(event.detail)


def test_a_new_person_in_a_new_finding_makes_the_approval_stale(client, api, process):
    case_id, decision_id = case_with_people(api, process)
    put_map(client, api, case_id, [{"original": "Dr Sarah Jones", "label": "Dr K"}])
    approve_map(api, case_id)
    response = api.post(f"/api/v1/cases/{case_id}/findings", json={
        "title": "Discharge", "complaint_point": "Mrs Lovelace's father was sent home.",
        "what_happened": "Dr Priya Patel discharged him at night.",
        "what_should_have_happened": "Discharge in daylight with a plan.",
        "conclusion": "service_failure"})
    assert response.status_code == 201, response.json
    # The decision published is the one drafted: the change goes into a new final version.
    changed = api.get(f"/api/v1/decisions/{decision_id}/publication.docx")
    assert changed.status_code == 409 and "The case has changed" in changed.json["error"][
        "message"]
    assert draft_final(api, case_id).json["id"] == decision_id

    reviewed = api.get(f"/api/v1/cases/{case_id}/anonymisation").json
    assert (reviewed["stale"], reviewed["approved"]) == (True, False)
    new = [p for p in reviewed["people"] if p["new"]]
    # Only Dr Patel: "Mrs Lovelace's father" is still Mrs Lovelace. His proposed letter is
    # kept as nobody reviewed has it; the reviewed labels stay as the investigator left them.
    assert [(p["original"], p["label"]) for p in new] == [("Dr Priya Patel", "Dr E")]
    assert labels(api.get(f"/api/v1/cases/{case_id}/anonymisation"))["Dr Sarah Jones"] == (
        "Dr K", "adult")
    response = api.get(f"/api/v1/decisions/{decision_id}/publication.docx")
    assert response.status_code == 409
    assert "New people have been found" in response.json["error"]["message"]

    assert approve_map(api, case_id).json["stale"] is False
    text = published_text(api, decision_id)
    assert "Dr E discharged him" in text and "Patel" not in text


def test_reviewers_may_not_edit_or_approve(app, client, api, process, auth):
    from casework.users import create_token, get_user_by_email

    case_id, decision_id = case_with_people(api, process)
    with app.extensions["casework.storage"].sessions() as session:
        reviewer = {"Authorization": "Bearer " + create_token(
            session, get_user_by_email(session, REVIEWER[0]))}
        session.commit()
    assert client.get(f"/api/v1/cases/{case_id}/anonymisation",
                      headers=reviewer).status_code == 200
    response = client.put(f"/api/v1/cases/{case_id}/anonymisation", headers=reviewer,
                          json={"people": []})
    assert (response.status_code, response.json["error"]["code"]) == (403, "forbidden")
    assert client.post(f"/api/v1/cases/{case_id}/anonymisation/approve",
                       headers=reviewer).status_code == 403

    auth.login(REVIEWER)
    page = f"/decisions/{decision_id}/publication"
    assert client.get(page).status_code == 403
    for action in ("labels", "people", "approve"):
        assert client.post(f"{page}/{action}", data={}).status_code == 403, action
    assert api.get(f"/api/v1/cases/{case_id}/anonymisation").json["saved"] is False


def test_the_investigator_reviews_and_approves_on_the_page(client, api, process, auth):
    case_id, decision_id = case_with_people(api, process)
    auth.login()
    page_url = f"/decisions/{decision_id}/publication"
    page = client.get(page_url).text
    assert "nobody has reviewed them yet" in page
    assert 'value="Mrs B"' in page and "Download the anonymised version" not in page

    rows = {"people-0-original": "Mrs Ada Lovelace", "people-0-kind": "adult",
            "people-1-original": "Dr Sarah Jones", "people-1-kind": "adult",
            "people-1-published_as": "Dr C",
            "people-2-original": "Dr Mary Somerville", "people-2-kind": "adviser",
            "people-2-published_as": "Dr D"}
    response = client.post(f"{page_url}/labels", data={**rows, "people-0-published_as": "Mrs L"})
    assert response.status_code == 422
    assert "<title>Error: " in response.text and "There is a problem" in response.text
    assert "uses Mrs Ada Lovelace&#39;s real initial L" in response.text
    assert 'href="#people-0-published_as"' in response.text

    response = client.post(f"{page_url}/labels", data={**rows, "people-0-published_as": "Mrs B"})
    assert response.status_code == 302
    response = client.post(f"{page_url}/people", data={
        "name": "Tom Lovelace", "aliases": "Tommy", "kind": "child"})
    assert response.status_code == 302
    page = client.get(page_url).text
    # D is free once the clinical adviser no longer uses it, and is not T or L.
    assert "Person added, published as “D”." in page
    assert 'value="the clinical adviser"' in page and "Tommy" in page
    assert "saved but not approved" in page and "Download the anonymised version" not in page

    # An approval of a map other than the one on the page is refused, not taken.
    stale = client.post(f"{page_url}/approve", data={"seen": "0000000000000000"},
                        follow_redirects=True)
    assert "changed since you opened it" in stale.text and "Approved by" not in stale.text
    assert client.post(f"{page_url}/approve", data={"seen": seen(page)}).status_code == 302
    page = client.get(page_url).text
    assert "Approved by investigator@example.org" in page
    download = re.search(r'href="(/decisions/\d+/publication.docx)"', page).group(1)
    response = client.get(download)
    assert response.status_code == 200
    text = document_text(response.data)
    for secret in (*SECRETS, "Tom"):
        assert secret not in text, secret


def test_the_page_explains_a_download_that_is_not_approved(client, api, process, auth):
    _, decision_id = case_with_people(api, process)
    auth.login()
    response = client.get(f"/decisions/{decision_id}/publication.docx")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "has not been approved" in page


def test_a_missed_person_already_in_the_map_is_refused_on_the_page(client, api, process, auth):
    _, decision_id = case_with_people(api, process)
    auth.login()
    response = client.post(f"/decisions/{decision_id}/publication/people", data={
        "name": "Mrs Lovelace", "kind": "adult"})
    assert response.status_code == 422
    assert "Mrs Lovelace is already in the map, as Mrs B." in response.text


ADA = "Mrs Ada Lovelace"


@pytest.mark.parametrize(("person", "problem"), [
    (Person(ADA, "Mrs L"), "real initial L"),
    (Person(ADA, "Mrs A."), "real initial A"),
    (Person(ADA, "Mrs LB"), "real initial L"),
    (Person(ADA, "Ms Lovelace-Smith"), "“Lovelace”, part of a real name"),
    (Person("Mr Sean O'Neill", "Mr N"), "real initial N"),
    (Person("Tom Lovelace", "Master E", PersonKind.CHILD), "initial alone"),
    (Person("Tom Lovelace", "T", PersonKind.CHILD), "real initial T"),
    (Person("Dr Mary Somerville", "Dr D", PersonKind.ADVISER), "not named"),
    (Person(ADA, ""), "Enter a label"),
])
def test_labels_that_would_identify_are_refused(person, problem):
    with pytest.raises(ValidationFailed) as refused:
        check_labels([person])
    assert problem in refused.value.message
    assert refused.value.field == "people.0.label"


def test_labels_that_identify_nobody_are_accepted():
    check_labels([
        Person(ADA, "Mrs B", aliases=("Ada", "Lovelace")),
        Person("Mr Charles Lovelace", "Mr B"),  # "Mr and Mrs B", a couple
        Person("Tom Lovelace", "E", PersonKind.CHILD),
        Person("Dr Mary Somerville", "the clinical adviser", PersonKind.ADVISER),
    ])
    with pytest.raises(ValidationFailed, match="both labelled “mrs b”") as refused:
        check_labels([Person(ADA, "Mrs B"), Person("Mrs Eve Smith", "mrs b")])
    assert refused.value.field == "people.1.label"


def test_a_possessive_is_not_a_new_person():
    assert [(m.title, m.name) for m in titled_mentions(
        "Mrs Lovelace's father saw Dr Jones' registrar at Dr Gray's Hospital.")] == [
        ("Mrs", "Lovelace"), ("Dr", "Jones")]


def test_the_page_forms_need_their_csrf_token(app, client, api, process, auth):
    _, decision_id = case_with_people(api, process)
    auth.login()
    app.config["WTF_CSRF_ENABLED"] = True
    page_url = f"/decisions/{decision_id}/publication"
    assert client.post(f"{page_url}/approve").status_code == 400
    page = client.get(page_url).text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post(f"{page_url}/approve", data={"csrf_token": token, "seen": seen(page)}
                       ).status_code == 302
    assert "Approved by investigator@example.org" in client.get(page_url).text


def test_approval_is_of_the_map_the_investigator_saw(client, api, process):
    case_id, decision_id = case_with_people(api, process)
    seen = api.get(f"/api/v1/cases/{case_id}/anonymisation").json["fingerprint"]
    # Someone new is named after the map was read: approving what was read no longer fits.
    api.post(f"/api/v1/cases/{case_id}/findings", json={
        "title": "Night discharge", "complaint_point": "Sent home at night.",
        "what_happened": "Dr Priya Patel discharged him at night.",
        "what_should_have_happened": "Discharge in daylight.", "conclusion": "no_failing"})
    refused = api.post(f"/api/v1/cases/{case_id}/anonymisation/approve",
                       json={"fingerprint": seen})
    assert refused.status_code == 409
    assert "changed since you opened it" in refused.json["error"]["message"]
    now = api.get(f"/api/v1/cases/{case_id}/anonymisation").json["fingerprint"]
    assert now != seen
    approved = api.post(f"/api/v1/cases/{case_id}/anonymisation/approve",
                        json={"fingerprint": now})
    assert approved.status_code == 200 and approved.json["approved"] is True


def seen(page: str) -> str:
    """The fingerprint of the map the page showed, as its Approve form sends it."""
    return re.search(r'name="seen" value="(\w+)"', page).group(1)


def test_someone_named_only_in_the_comments_is_in_the_proposal(client, api, process):
    """The final decision lists both sides' comments, so whoever they name is anonymised."""
    case_id, decision_id = case_with_people(api, process)
    api.post(f"/api/v1/cases/{case_id}/comments",
             json={"from": "organisation", "text": "Dr Rhys Evans has reviewed the notes."})
    assert draft_final(api, case_id).status_code == 201
    proposal = api.get(f"/api/v1/cases/{case_id}/anonymisation")
    assert labels(proposal)["Dr Rhys Evans"][1] == "adult"
    approve_map(api, case_id)
    text = published_text(api, decision_id)
    assert "has reviewed the notes" in text and "Rhys" not in text and "Evans" not in text
