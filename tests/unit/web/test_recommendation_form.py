"""The recommendation form asks the kind first and keeps only that kind's answers; the finding
form leaves its judgements unmade until the investigator makes them."""

from sqlalchemy import select

from storage.models import Recommendation
from tests.drafting import add_finding, add_point


def a_case_with_a_finding(api) -> tuple[dict, dict]:
    case = api.post("/api/v1/cases", json={
        "complainant_name": "Mrs Ada Example", "organisation_name": "Northtown NHS Trust"}).json
    return case, add_finding(api, case, add_point(api, case, "Nobody called back."))


def test_the_kind_comes_first_and_another_kinds_answers_are_left_out(api, client, auth, db):
    case, finding = a_case_with_a_finding(api)
    auth.login()
    new = f"/cases/{case['id']}/recommendations/new"
    form = client.get(new).text
    assert form.index('name="kind"') < form.index('name="text"')
    assert " checked" not in form  # no kind is chosen for the investigator
    refused = client.post(new, data={"finding_id": str(finding["id"]), "text": "Say sorry."})
    assert refused.status_code == 422
    assert '<a href="#kind-0">Select the kind of recommendation</a>' in refused.text
    # A payment's amount was typed, then the kind changed to an apology: it is not kept.
    saved = client.post(new, data={"finding_id": str(finding["id"]), "kind": "apology",
                                   "text": "Say sorry.", "from_whom": "the chief executive",
                                   "amount": "not a number", "basis": "injustice"})
    assert saved.status_code == 302
    assert saved.headers["Location"] == f"/cases/{case['id']}/recommendations"
    [apology] = db.scalars(select(Recommendation)).all()
    assert (apology.from_whom, apology.amount_pence, apology.basis) == (
        "the chief executive", None, None)


def test_the_finding_form_chooses_no_conclusion_and_no_principle(api, client, auth):
    case, _ = a_case_with_a_finding(api)
    auth.login()
    new = f"/cases/{case['id']}/findings/new"
    form = client.get(new).text
    assert 'type="radio" value="maladministration">' in form
    assert 'value="none">' in form and " checked" not in form
    refused = client.post(new, data={"title": "T", "new_complaint_point": "P",
                                     "what_happened": "H", "what_should_have_happened": "S"})
    assert refused.status_code == 422
    assert '<a href="#conclusion-0">Select the conclusion</a>' in refused.text
    assert "<title>Error: " in refused.text
