"""Drafting a decision: complaint points, findings on them, outcomes with overrides, citations
added from the workspace, and the provisional and final documents read back from Word."""

import io
import re
from datetime import date

from sqlalchemy import select

from casework.cases import get_case
from commands.sample_files import text_pdf
from storage.models import AuditEvent
from tests.drafting import (
    add_finding,
    add_point,
    date_fields,
    document_text,
    draft_final,
    issue_provisional,
)
from tests.evidence_rows import add_files, statements

PAGES = [
    ["Discharge summary for Mr Tom Example.", "Discharged on 3 March 2026 without a care plan."],
    ["The ward did not tell the family about the dis-", "charge until the next day."],
]


def new_case(api, process) -> tuple[dict, int]:
    case = api.post("/api/v1/cases", json={
        "complainant_name": "Mrs Jo Example", "organisation_name": "Northtown NHS Trust",
        "summary": "Her father's discharge."}).json
    [item] = api.post(f"/api/v1/cases/{case['id']}/evidence", data={
        "file": [(io.BytesIO(text_pdf(PAGES)), "discharge.pdf")]},
        content_type="multipart/form-data").json["items"]
    process([item["id"]])
    return case, item["id"]


def put(client, api, url: str, body: dict):
    return client.put(url, json=body, headers=api.headers)


def test_points_are_numbered_and_findings_sit_on_them(api, process):
    case, _ = new_case(api, process)
    first = add_point(api, case, "The trust discharged Mr Example without a care plan.")
    second = add_point(api, case, "The ward did not tell the family.")
    assert (first["number"], second["number"]) == (1, 2)
    finding = add_finding(api, case, second, principle="being_open_and_accountable",
                          guidance="NICE guideline NG27")
    assert finding["complaint_point_id"] == second["id"]
    assert finding["principle"] == "being_open_and_accountable"
    # A finding may also bring its own new point, which takes the next number.
    third = api.post(f"/api/v1/cases/{case['id']}/findings", json={
        "complaint_point": "Nobody answered the complaint.", "title": "Complaint handling",
        "what_happened": "No reply.", "what_should_have_happened": "A reply in 25 days.",
        "conclusion": "no_failing"}).json
    points = api.get(f"/api/v1/cases/{case['id']}/complaint-points").json["items"]
    assert [(p["number"], p["finding_ids"]) for p in points] == [
        (1, []), (2, [finding["id"]]), (3, [third["id"]])]


def test_listing_the_points_costs_the_same_queries_however_many_there_are(api, process, db):
    case, _ = new_case(api, process)

    def statements_to_list() -> int:
        with statements(db) as sent:
            assert api.get(f"/api/v1/cases/{case['id']}/complaint-points").status_code == 200
        return len(sent)

    add_finding(api, case, add_point(api, case, "The first point."))
    few = statements_to_list()
    for n in range(6):
        add_finding(api, case, add_point(api, case, f"Point {n}."))
    assert statements_to_list() == few


def test_bad_findings_are_refused_with_the_field_named(api, process):
    case, _ = new_case(api, process)
    point = add_point(api, case, "Point.")
    for fields, message in [
        ({"principle": "being_nice"}, "principle must be one of"),
        ({"complaint_point_id": 999999}, "no complaint point with id 999999"),
        ({"complaint_point_id": None}, "Choose a complaint point or enter a new one"),
    ]:
        body = {"title": "T", "what_happened": "H", "what_should_have_happened": "S",
                "conclusion": "no_failing", "complaint_point_id": point["id"]} | fields
        response = api.post(f"/api/v1/cases/{case['id']}/findings", json=body)
        assert response.status_code in (404, 422), body
        assert message in response.json["error"]["message"]
    empty = api.post(f"/api/v1/cases/{case['id']}/complaint-points", json={"text": "  "})
    assert empty.status_code == 422


def test_a_decision_needs_a_finding_on_every_point(api, process):
    case, _ = new_case(api, process)
    add_finding(api, case, add_point(api, case, "First."))
    add_point(api, case, "Second, not yet looked at.")
    response = api.post(f"/api/v1/cases/{case['id']}/decisions")
    assert response.status_code == 422
    assert "Complaint point 2 has no finding yet" in response.json["error"]["message"]


def test_overrides_need_a_reason_and_are_audited(api, process, client, db):
    case, _ = new_case(api, process)
    point = add_point(api, case, "First.")
    add_finding(api, case, point, conclusion="service_failure")
    add_finding(api, case, add_point(api, case, "Second."), conclusion="no_failing")
    url = f"/api/v1/cases/{case['id']}/complaint-points/{point['id']}/outcome"

    refused = put(client, api, url, {"upheld": False})
    assert refused.status_code == 422
    assert "reason" in refused.json["error"]["message"]
    overridden = put(client, api, url, {"upheld": False,
                                        "reason": "The trust had already put it right."})
    assert overridden.status_code == 200
    assert (overridden.json["upheld"], overridden.json["derived_upheld"]) == (False, True)
    decision = api.post(f"/api/v1/cases/{case['id']}/decisions").json
    assert decision["outcome"] == "not_upheld"

    case_url = f"/api/v1/cases/{case['id']}/outcome"
    assert put(client, api, case_url, {"outcome": "partly_upheld"}).status_code == 422
    assert put(client, api, case_url, {"outcome": "sort_of",
                                       "reason": "x"}).status_code == 422
    saved = put(client, api, case_url, {"outcome": "partly_upheld",
                                        "reason": "The second point is borderline."})
    assert saved.json["outcome_override"] == "partly_upheld"
    assert api.post(f"/api/v1/cases/{case['id']}/decisions").json["outcome"] == "partly_upheld"
    cleared = put(client, api, case_url, {"outcome": None})
    assert cleared.json["outcome_override"] is None

    # The audit log records each decision, but not the free-text reasons, which may name people.
    audited = [e.detail for e in db.scalars(
        select(AuditEvent).where(AuditEvent.action.like("%outcome_overridden")))]
    assert audited == [{"upheld": False}, {"outcome": "partly_upheld"}, {}]


def test_cite_a_passage_through_the_api(api, process):
    case, evidence_id = new_case(api, process)
    finding = add_finding(api, case, add_point(api, case, "Point."))
    url = f"/api/v1/cases/{case['id']}/findings/{finding['id']}/citations"
    # The quote runs over a line break and a hyphenated word, as extracted text does.
    cited = api.post(url, json={"evidence_id": evidence_id, "page": 2,
                                "quote": "did not tell the family about the discharge"})
    assert cited.status_code == 201
    assert cited.json["citations"][-1] | {"id": 0} == {
        "id": 0, "evidence_id": evidence_id, "page": 2,
        "quote": "did not tell the family about the discharge"}
    wrong = api.post(url, json={"evidence_id": evidence_id, "page": 1,
                                "quote": "did not tell the family"})
    assert wrong.status_code == 422
    assert wrong.json["error"]["message"] == (
        "citation 1: the quote does not appear on page 1 of discharge.pdf")


def hidden_fields(form_html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form_html))


def test_cite_this_from_a_search_hit(api, process, client, auth, db):
    case, evidence_id = new_case(api, process)
    finding = add_finding(api, case, add_point(api, case, "Point."), title="Care plan")
    auth.login()
    results = client.get(f"/cases/{case['id']}/search?q=care+plan").text
    action, form_html = re.search(
        r'<form method="post" action="(/cases/\d+/cite)">(.*?)</form>', results, re.S).groups()
    fields = hidden_fields(form_html)
    # The passage travels in the body, never in an address that logs would keep.
    assert "quote" not in action and "care plan" in fields["quote"]
    form = client.post(action, data=fields)
    assert form.status_code == 200
    assert "Cite evidence 1, page 1" in form.text
    quote = re.search(r'<textarea[^>]*name="quote"[^>]*>([^<]*)</textarea>', form.text).group(1)
    assert quote.strip() == fields["quote"]

    response = client.post(action, data=fields | {"finding_id": str(finding["id"])})
    assert response.status_code == 302
    page = client.get(response.location).text
    assert f"Evidence 1, page 1</a>: “{fields['quote']}”" in page

    refused = client.post(action, data=fields | {
        "page": "2", "quote": "without a care plan", "finding_id": str(finding["id"])})
    assert refused.status_code == 422
    assert "the quote does not appear on page 2 of discharge.pdf" in refused.text

    # "A new finding" opens the finding form with the citation filled in.
    onward = client.post(action, data=fields | {"quote": "without a care plan",
                                                "finding_id": "new"})
    assert onward.status_code == 200 and "Add a finding" in onward.text
    assert "without a care plan</textarea>" in onward.text
    assert re.search(r'name="citation_number"[^>]*value="1"', onward.text)
    assert f'action="/cases/{case["id"]}/findings/new"' in onward.text
    # Another case's evidence cannot be cited from here, and odd ids are simply not found.
    other = api.post("/api/v1/cases", json={"complainant_name": "X",
                                           "organisation_name": "Y"}).json
    for query in (f"evidence_id={evidence_id}&page=1", "evidence_id=²&page=1",
                  f"evidence_id={10**30}&page=1", "evidence_id=1&page=-1"):
        assert client.get(f"/cases/{other['id']}/cite?{query}").status_code == 404, query
    assert client.post(action, data=fields | {"finding_id": "abc"}).status_code == 404
    # Showing the page to cite is a read of the evidence, and is recorded as one.
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "evidence.viewed")).all()


def test_the_viewer_offers_to_cite_each_page(api, process, client, auth):
    case, evidence_id = new_case(api, process)
    auth.login()
    viewer = client.get(f"/evidence/{evidence_id}").text
    assert viewer.count("data-cite-form=") == 2
    assert "cite.js" in viewer


def test_every_finding_citation_amount_and_deadline_reaches_the_documents(api, process, client):
    case, evidence_id = new_case(api, process)
    plan = add_point(api, case, "The trust discharged Mr Example without a care plan.")
    told = add_point(api, case, "The ward did not tell the family.")
    findings = [
        add_finding(api, case, plan, title="No care plan", conclusion="maladministration",
                    principle="getting_it_right", guidance="NICE guideline NG27",
                    injustice="Mr Example went without care for a week.",
                    citations=[{"evidence_id": evidence_id, "page": 1,
                                "quote": "Discharged on 3 March 2026 without a care plan."}]),
        add_finding(api, case, plan, title="Follow-up", conclusion="no_failing",
                    injustice="", citations=[{"evidence_id": evidence_id, "page": 1}]),
        add_finding(api, case, told, title="Family not told", conclusion="no_failing",
                    injustice="",
                    citations=[{"evidence_id": evidence_id, "page": 2,
                                "quote": "did not tell the family"}]),
    ]
    recommendations = [
        # Typed without a full stop: the documents add one before the next sentence.
        {"kind": "apology", "text": "Apologise to Mrs Example for the discharge",
         "from_whom": "the chief executive", "due_date": "2099-01-15"},
        {"kind": "payment", "text": "Pay Mrs Example for the distress caused.",
         "amount_pence": 75000, "basis": "injustice", "severity_level": 2,
         "due_date": "2099-01-31"},
        {"kind": "service_improvement", "text": "Review discharge planning on the ward.",
         "compliance_evidence": "The revised discharge checklist.", "due_date": "2099-04-30"},
    ]
    for body in recommendations:
        response = api.post(f"/api/v1/cases/{case['id']}/recommendations",
                            json=body | {"finding_id": findings[0]["id"]})
        assert response.status_code == 201, response.json

    provisional = issue_provisional(api, case["id"])
    final = draft_final(api, case["id"]).json
    assert provisional["outcome"] == final["outcome"] == "partly_upheld"

    def read(decision: dict, path: str = "document.docx") -> str:
        response = api.get(f"/api/v1/decisions/{decision['id']}/{path}")
        assert response.status_code == 200
        return document_text(response.data)

    text = read(final)
    assert text.startswith("Final decision")
    for expected in [
        "Complaint point 1", "The trust discharged Mr Example without a care plan.",
        "Complaint point 2", "The ward did not tell the family.",
        "Finding 1: No care plan", "Finding 2: Follow-up", "Finding 3: Family not told",
        "The standard we applied: the Principle of Getting it right; NICE guideline NG27",
        "Our finding: Maladministration.", "Our finding: No failing.",
        "Injustice: Mr Example went without care for a week.",
        "Evidence 1, page 1: “Discharged on 3 March 2026 without a care plan.”",
        "Evidence 1, page 2: “did not tell the family”",
        "We have decided that this complaint point is upheld.",
        "We have decided that this complaint point is not upheld.",
        "Our final decision is that the complaint is partly upheld.",
        "The apology should come from the chief executive.", "By 15 January 2099.",
        "Amount: £750.00.", "By 31 January 2099.",
        "As evidence of compliance, send us: The revised discharge checklist.",
        "By 30 April 2099.", "This is our final decision.",
    ]:
        assert expected in text, expected
    # The citation without a quote is listed by its reference alone.
    assert re.search(r"^Evidence 1, page 1$", text, re.MULTILINE)

    draft = read(provisional)
    assert draft.startswith("Provisional decision")
    assert "Status: Provisional, for comment" in draft
    assert "We propose to decide that this complaint point is upheld." in draft
    assert re.search(r"Please send us any comments, and any evidence you think we have not "
                     r"seen, by \d{1,2} \w+ \d{4}\.", draft)

    to_organisation = read(final, "letters/organisation.docx")
    for line in [
        "Payment: Pay Mrs Example for the distress caused. Amount: £750.00. "
        "Deadline: 31 January 2099.",
        "Service improvement: Review discharge planning on the ward. Deadline: 30 April 2099. "
        "Evidence of compliance: The revised discharge checklist.",
        "Acknowledgement and apology: Apologise to Mrs Example for the discharge. The apology "
        "should come from the chief executive. Deadline: 15 January 2099.",
    ]:
        assert line in to_organisation, line
    assert "We have partly upheld the complaint." in to_organisation
    to_complainant = read(final, "letters/complainant.docx")
    assert "Pay Mrs Example for the distress caused. By 31 January 2099." in to_complainant


def test_two_drafts_at_the_same_moment_both_get_a_version(api, process, app, db, monkeypatch):
    from datetime import date

    from sqlalchemy.orm import Session

    import casework.decisions._versions as decisions
    from casework.cases import get_case
    from storage.models import DecisionVersion

    case, _ = new_case(api, process)
    add_finding(api, case, add_point(api, case, "Point."))
    store = app.extensions["casework.storage"].objects
    original = decisions.decision_at
    raced = []

    def another_click_lands_first(session, case_row, stage, **kwargs):
        found = original(session, case_row, stage, **kwargs)
        if not raced:
            raced.append(True)
            with Session(bind=db.get_bind()) as other:
                decisions.draft_decision(other, store, get_case(other, case_row.id), None,
                                         date(2026, 3, 3))
                other.commit()  # that request ends: its shell commits
        return found

    monkeypatch.setattr(decisions, "decision_at", another_click_lands_first)
    version = decisions.draft_decision(db, store, get_case(db, case["id"]), None,
                                       date(2026, 3, 3))
    numbers = db.scalars(select(DecisionVersion.version)
                         .where(DecisionVersion.decision_id == version.decision_id)).all()
    assert sorted(numbers) == [1, 2] and version.version == 2
    assert all(store.exists(key) for key in db.scalars(select(DecisionVersion.object_key)))


def test_a_finding_can_be_changed_and_citations_and_recommendations_removed(
        api, process, client, auth, db):
    case, evidence_id = new_case(api, process)
    first = add_point(api, case, "First.")
    second = add_point(api, case, "Second.")
    finding = add_finding(api, case, first, title="Care plan", citations=[
        {"evidence_id": evidence_id, "page": 1, "quote": "without a care plan"}])
    api.post(f"/api/v1/cases/{case['id']}/recommendations", json={
        "kind": "explanation", "text": "Explain the discharge.", "finding_id": finding["id"]})
    auth.login()
    edit = f"/cases/{case['id']}/findings/{finding['id']}/edit"
    form = client.get(edit).text
    assert "Change the finding" in form and 'value="Care plan"' in form

    fields = {"complaint_point_id": str(second["id"]), "title": "Care plan, again",
              "what_happened": "Happened.", "what_should_have_happened": "Standard.",
              "principle": "getting_it_right", "guidance": "", "injustice": "Distress.",
              "citation_number": "1", "citation_page": "2",
              "citation_quote": "did not tell the family"}
    # The explanation rests on this finding: it cannot lose its failing under it.
    refused = client.post(edit, data=fields | {"conclusion": "no_failing"})
    assert refused.status_code == 422
    assert "1 recommendation(s) rest on this finding" in refused.text
    saved = client.post(edit, data=fields | {"conclusion": "service_failure"})
    assert saved.status_code == 302
    changed = api.get(f"/api/v1/cases/{case['id']}/complaint-points").json["items"]
    assert [p["finding_ids"] for p in changed] == [[], [finding["id"]]]
    page = client.get(f"/cases/{case['id']}/findings").text
    assert "Care plan, again" in page and "Getting it right" in page
    assert page.count("/citations/") == 2

    # "Remove" asks first; only the answer posted removes.
    [first_citation, _] = re.findall(r'href="(/cases/\d+/findings/\d+/citations/\d+/remove)"',
                                     page)
    asked = client.get(first_citation).text
    assert "Are you sure you want to remove the citation of evidence 1, page 1?" in asked
    assert client.post(first_citation).status_code == 302
    assert client.post(first_citation).status_code == 404
    assert client.get(first_citation).status_code == 404
    recommendations = client.get(f"/cases/{case['id']}/recommendations").text
    [removal] = re.findall(r'href="(/cases/\d+/recommendations/\d+/remove)"', recommendations)
    assert "Explain the discharge." in client.get(removal).text
    assert "Explain the discharge." in client.get(f"/cases/{case['id']}/recommendations").text
    assert client.post(removal).status_code == 302
    assert "Explain the discharge." not in client.get(f"/cases/{case['id']}/recommendations").text
    page = client.get(f"/cases/{case['id']}/findings").text
    assert page.count("/citations/") == 1
    actions = list(db.scalars(select(AuditEvent.action).where(AuditEvent.action.in_(
        ["finding.changed", "finding.citation_removed", "recommendation.removed"]))))
    assert actions == ["finding.changed", "finding.citation_removed", "recommendation.removed"]


def test_the_api_changes_a_finding_and_removes_what_was_added(api, process, client):
    case, evidence_id = new_case(api, process)
    first, second = add_point(api, case, "First."), add_point(api, case, "Second.")
    finding = add_finding(api, case, first, citations=[
        {"evidence_id": evidence_id, "page": 1, "quote": "without a care plan"}])
    url = f"/api/v1/cases/{case['id']}/findings/{finding['id']}"
    changed = client.patch(url, headers=api.headers, json={
        "title": "Renamed", "complaint_point_id": second["id"],
        "citations": [{"evidence_id": evidence_id, "page": 2}]})
    assert changed.status_code == 200, changed.json
    assert (changed.json["title"], changed.json["complaint_point_id"]) == ("Renamed",
                                                                          second["id"])
    # Fields left out keep their value; the new citation joins the old one.
    assert changed.json["what_happened"] == "Happened." and len(changed.json["citations"]) == 2
    assert client.patch(url, headers=api.headers, json={"conclusion": "sort_of"}
                        ).status_code == 422

    recommendation = api.post(f"/api/v1/cases/{case['id']}/recommendations", json={
        "kind": "explanation", "text": "Explain.", "finding_id": finding["id"]}).json
    refused = client.patch(url, headers=api.headers, json={"injustice": ""})
    assert refused.status_code == 422 and "rest on this finding" in refused.json["error"][
        "message"]
    removal = f"/api/v1/cases/{case['id']}/recommendations/{recommendation['id']}"
    assert client.delete(removal, headers=api.headers).status_code == 204
    assert client.delete(removal, headers=api.headers).status_code == 404
    assert client.patch(url, headers=api.headers, json={"injustice": ""}).status_code == 200

    points = api.get(f"/api/v1/cases/{case['id']}/complaint-points").json["items"]
    assert [p["finding_ids"] for p in points] == [[], [finding["id"]]]
    first_citation = changed.json["citations"][0]["id"]
    gone = client.delete(f"{url}/citations/{first_citation}", headers=api.headers)
    assert gone.status_code == 204
    left = client.patch(url, headers=api.headers, json={}).json["citations"]
    assert [c["page"] for c in left] == [2]


def test_chosen_chronology_events_and_the_standards_open_the_decision(api, process, client,
                                                                     auth, db):
    case, evidence_id = new_case(api, process)
    add_finding(api, case, add_point(api, case, "Point."), principle="getting_it_right",
                guidance="NICE guideline NG27")
    before = read_decision(api, case)
    assert "We set out what happened under each complaint point below." in before
    assert "In this case we took particular account of:\nthe Principle of Getting it right\n" \
           "NICE guideline NG27" in before

    [event] = api.get(f"/api/v1/cases/{case['id']}/chronology").json["items"]
    assert event["in_decision"] is False
    auth.login()
    page = client.get(f"/cases/{case['id']}/chronology").text
    action = re.search(r'action="(/cases/\d+/chronology/\d+/decision)"', page).group(1)
    assert client.post(action, data={"in_decision": "yes"}).status_code == 302
    assert "Included" in client.get(f"/cases/{case['id']}/chronology").text
    after = read_decision(api, case)
    assert ("These are the key events, from the evidence we looked at:\n3 March 2026: "
            "Discharged on 3 March 2026 without a care plan. (Evidence 1, page 1)") in after

    url = f"/api/v1/cases/{case['id']}/chronology/{event['event_id']}"
    assert client.put(url, json={"in_decision": "yes"}, headers=api.headers).status_code == 422
    assert client.put(url, json={"in_decision": False}, headers=api.headers).json == {
        "event_id": event["event_id"], "in_decision": False}
    assert client.put(f"/api/v1/cases/{case['id']}/chronology/999999",
                      json={"in_decision": True}, headers=api.headers).status_code == 404
    assert "We set out what happened" in read_decision(api, case)
    assert {"chronology.chosen", "chronology.unchosen"} <= set(
        db.scalars(select(AuditEvent.action)))


def read_decision(api, case: dict) -> str:
    decision = api.post(f"/api/v1/cases/{case['id']}/decisions").json
    return document_text(api.get(f"/api/v1/decisions/{decision['id']}/document.docx").data)


def test_points_can_be_reworded_and_removed_and_the_rest_renumbered(api, process, client,
                                                                   auth):
    case, _ = new_case(api, process)
    first, second, third = (add_point(api, case, text) for text in ("One.", "Two.", "Three."))
    add_finding(api, case, third)
    base = f"/api/v1/cases/{case['id']}/complaint-points"
    reworded = client.patch(f"{base}/{second['id']}", json={"text": "Two, reworded."},
                            headers=api.headers)
    assert reworded.json["text"] == "Two, reworded."
    assert client.patch(f"{base}/{second['id']}", json={"text": "x" * 5001},
                        headers=api.headers).status_code == 422
    # A point with a finding stays until its findings have moved.
    kept = client.delete(f"{base}/{third['id']}", headers=api.headers)
    assert kept.status_code == 422 and "has findings" in kept.json["error"]["message"]
    assert client.delete(f"{base}/{first['id']}", headers=api.headers).status_code == 204
    points = api.get(base).json["items"]
    assert [(p["number"], p["text"]) for p in points] == [(1, "Two, reworded."), (2, "Three.")]

    auth.login()
    edit = f"/cases/{case['id']}/complaint-points/{second['id']}/edit"
    assert "Two, reworded." in client.get(edit).text
    assert client.post(edit, data={"text": ""}).status_code == 422
    assert client.post(edit, data={"text": "Two, again."}).status_code == 302
    removal = f"/cases/{case['id']}/complaint-points/{second['id']}/remove"
    assert "Are you sure you want to remove complaint point 1?" in client.get(removal).text
    assert client.post(removal).status_code == 302
    assert [p["text"] for p in api.get(base).json["items"]] == ["Three."]
    assert client.post(removal).status_code == 404


def test_the_outcome_pages_ask_for_a_reason(api, process, client, auth):
    case, _ = new_case(api, process)
    point = add_point(api, case, "Point.")
    add_finding(api, case, point)
    auth.login()
    page = f"/cases/{case['id']}/complaint-points/{point['id']}/outcome"
    assert "From its findings, this point is <strong>upheld</strong>" in client.get(page).text
    refused = client.post(page, data={"upheld": "no", "reason": ""})
    assert refused.status_code == 422 and "Give the reason" in refused.text
    assert client.post(page, data={"upheld": "no", "reason": "Put right already."}
                       ).status_code == 302
    case_page = client.get(f"/cases/{case['id']}/findings").text
    assert "Not upheld (overridden)" in case_page and "Put right already." in case_page

    outcome = f"/cases/{case['id']}/outcome"
    assert "the case is <strong>not upheld</strong>" in client.get(outcome).text
    assert client.post(outcome, data={"outcome": "upheld", "reason": ""}).status_code == 422
    assert client.post(outcome, data={"outcome": "upheld", "reason": "On balance."}
                       ).status_code == 302
    assert "Outcome of the case: <strong>Upheld</strong> (overridden: On balance.)" in \
        client.get(f"/cases/{case['id']}/findings").text


def test_odd_ids_and_bodies_get_clear_answers(api, process, client, auth):
    case, evidence_id = new_case(api, process)
    point = add_point(api, case, "Point.")
    huge = 10**30
    for url in (f"/api/v1/cases/{huge}", f"/api/v1/cases/{case['id']}/findings/{huge}",
                f"/api/v1/cases/{case['id']}/complaint-points/{huge}/outcome"):
        response = client.put(url, json={"upheld": None}, headers=api.headers)
        assert response.status_code in (404, 405), url
    for body in ({"complaint_point_id": huge}, {"complaint_point_id": point["id"],
                                                "citations": [{"evidence_id": huge,
                                                               "page": 1}]}):
        response = api.post(f"/api/v1/cases/{case['id']}/findings", json={
            "title": "T", "what_happened": "H", "what_should_have_happened": "S",
            "conclusion": "no_failing"} | body)
        assert response.status_code == 422 and "too large" in response.json["error"]["message"]
    assert client.put(f"/api/v1/cases/{case['id']}/outcome", json={},
                      headers=api.headers).status_code == 422
    assert client.put(f"/api/v1/cases/{case['id']}/complaint-points/{point['id']}/outcome",
                      json={}, headers=api.headers).status_code == 422
    assert api.post(f"/api/v1/cases/{case['id']}/decisions", json=["final"]).status_code == 422
    assert api.post(f"/api/v1/cases/{case['id']}/decisions", json={"stage": "last"}
                    ).json["error"]["message"] == "stage must be one of provisional, final"

    auth.login()
    form = {"title": "T", "what_happened": "H", "what_should_have_happened": "S",
            "conclusion": "no_failing", "principle": ""}
    for odd in ({"complaint_point_id": "²"}, {"complaint_point_id": str(huge)},
                {"complaint_point_id": str(point["id"]), "citation_number": "²"},
                {"complaint_point_id": str(point["id"]), "citation_number": "1",
                 "citation_page": str(huge)}):
        response = client.post(f"/cases/{case['id']}/findings/new", data=form | odd)
        assert response.status_code in (302, 422), odd
    assert client.get(f"/cases/{case['id']}/findings/new?point=²").status_code == 200


def test_a_recommendation_can_be_changed_on_the_page_and_through_the_api(
        api, process, client, auth, db):
    from storage.models import Recommendation

    case, _ = new_case(api, process)
    finding = add_finding(api, case, add_point(api, case, "Point."))
    payment = api.post(f"/api/v1/cases/{case['id']}/recommendations", json={
        "kind": "payment", "text": "Pay for the distress.", "finding_id": finding["id"],
        "amount_pence": 30000, "basis": "injustice", "severity_level": 1}).json
    url = f"/api/v1/cases/{case['id']}/recommendations/{payment['id']}"
    changed = client.patch(url, json={"amount_pence": 60000, "severity_level": 2},
                           headers=api.headers)
    assert changed.status_code == 200, changed.json
    assert (changed.json["amount_pence"], changed.json["severity_level"],
            changed.json["text"]) == (60000, 2, "Pay for the distress.")
    assert client.patch(url, json={"amount_pence": -5}, headers=api.headers).status_code == 422

    # A deadline that has passed blocks the decision until it is set again, here on the page.
    db.get(Recommendation, payment["id"]).due_date = date(2024, 12, 24)
    db.commit()
    assert api.post(f"/api/v1/cases/{case['id']}/decisions").status_code == 422
    auth.login()
    edit = f"/cases/{case['id']}/recommendations/{payment['id']}/edit"
    form = client.get(edit).text
    assert "Change the recommendation" in form and 'value="600.00"' in form
    fields = {"finding_id": str(finding["id"]), "kind": "payment", "basis": "injustice",
              "text": "Pay for the distress.", "amount": "600.00", "severity_level": "2"}
    refused = client.post(edit, data=fields | date_fields("due_date", date(2024, 12, 24)))
    assert refused.status_code == 422 and "The due date must be today or later" in refused.text
    # The date input's own checks, each in the error summary, linked to the box it is about.
    for day, month, year, message, box in (
            ("31", "", "2099", "Due date must include a month", "month"),
            ("", "", "2099", "Due date must include a day and month", "day"),
            ("31", "2", "2099", "Due date must be a real date", "day"),
            ("3", "3", "99", "Year must include 4 numbers", "year")):
        wrong = client.post(edit, data=fields | {
            "due_date-day": day, "due_date-month": month, "due_date-year": year})
        assert wrong.status_code == 422 and "<title>Error: " in wrong.text
        assert f'<a href="#due_date-{box}">{message}</a>' in wrong.text
    assert client.post(edit, data=fields | date_fields("due_date", date(2099, 3, 31))
                       ).status_code == 302
    assert api.post(f"/api/v1/cases/{case['id']}/decisions").status_code == 201
    assert "recommendation.changed" in db.scalars(select(AuditEvent.action)).all()


def test_recommendation_changes_are_checked_like_new_ones(api, process, client, auth, app):
    from casework.users import create_token, get_user_by_email

    case, _ = new_case(api, process)
    finding = add_finding(api, case, add_point(api, case, "Point."))
    payment = api.post(f"/api/v1/cases/{case['id']}/recommendations", json={
        "kind": "payment", "text": "Pay.", "finding_id": finding["id"], "amount_pence": 99900,
        "basis": "injustice", "severity_level": 1, "justification": "Long delay."}).json
    url = f"/api/v1/cases/{case['id']}/recommendations/{payment['id']}"
    for body, message in [({"due_date": None}, "due_date cannot be emptied"),
                          ({"kind": "apology", "from_whom": "x" * 201}, "200 characters"),
                          ({"finding_id": 10**30}, "finding_id is too large"),
                          ({"finding_id": 999999}, "Choose one of this case's findings")]:
        response = client.patch(url, json=body, headers=api.headers)
        assert response.status_code == 422, (body, response.json)
        assert message in response.json["error"]["message"], body
    # Another kind leaves nothing of the payment behind.
    apology = client.patch(url, json={"kind": "apology", "from_whom": "the chief executive"},
                           headers=api.headers).json
    assert (apology["amount_pence"], apology["justification"], apology["basis"]) == (
        None, None, None)
    other = api.post("/api/v1/cases", json={"complainant_name": "X",
                                           "organisation_name": "Y"}).json
    assert client.patch(f"/api/v1/cases/{other['id']}/recommendations/{payment['id']}",
                        json={"text": "x"}, headers=api.headers).status_code == 404
    with app.app_context():
        storage = app.extensions["casework.storage"]
        with storage.sessions() as session:
            reviewer = get_user_by_email(session, "reviewer@example.org")
            token = create_token(session, reviewer)
            session.commit()
    assert client.patch(url, json={"text": "x"}, headers={
        "Authorization": f"Bearer {token}"}).status_code == 403

    auth.login()
    edit = f"/cases/{case['id']}/recommendations/{payment['id']}/edit"
    odd = client.post(edit, data={"finding_id": str(10**30), "kind": "apology",
                                  "text": "Apologise.", "from_whom": "the chief executive"})
    assert odd.status_code == 422 and "Choose one of this case&#39;s findings" in odd.text


def test_template_syntax_and_xml_in_any_field_come_out_as_typed(api, process):
    case, evidence_id = new_case(api, process)
    hostile = "{{ ''.__class__.__mro__ }} {% for x in range(10**9) %}x{% endfor %}"
    markup = 'Smith & Sons <w:p/> "quoted" £5 ]]>'
    point = add_point(api, case, hostile)
    finding = add_finding(api, case, point, title=markup, guidance=hostile,
                          what_happened=markup, injustice=hostile)
    api.post(f"/api/v1/cases/{case['id']}/recommendations", json={
        "kind": "apology", "text": markup, "from_whom": hostile, "finding_id": finding["id"]})
    decision = api.post(f"/api/v1/cases/{case['id']}/decisions").json
    text = document_text(api.get(f"/api/v1/decisions/{decision['id']}/document.docx").data)
    assert f"1. {hostile}" in text and f"Finding 1: {markup}" in text
    # Read as a role ("Chief Executive"), so placed as one: "the Trust's chief executive".
    assert f"The apology should come from the Trust's {hostile}." in text
    assert "<class" not in text and "xxxx" not in text


def test_a_finding_cites_a_file_by_its_number_and_the_form_lists_no_files(
        api, process, client, auth, db):
    case, evidence_id = new_case(api, process)
    add_files(db, get_case(db, case["id"]), 200)
    auth.login()
    form = client.get(f"/cases/{case['id']}/findings/new").text
    assert "file-00150.pdf" not in form and 'name="citation_number"' in form
    fields = {"title": "T", "new_complaint_point": "P", "what_happened": "H",
              "what_should_have_happened": "S", "conclusion": "no_failing",
              "citation_page": "1", "citation_quote": ""}
    missing = client.post(f"/cases/{case['id']}/findings/new",
                          data=fields | {"citation_number": "202"})
    assert missing.status_code == 422
    assert "There is no evidence 202 in this case" in missing.text
    saved = client.post(f"/cases/{case['id']}/findings/new",
                        data=fields | {"citation_number": "1"})
    assert saved.status_code == 302
    [finding] = get_case(db, case["id"]).findings
    assert [c.evidence_id for c in finding.citations] == [evidence_id]
