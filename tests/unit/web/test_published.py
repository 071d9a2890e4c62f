"""Published casework: an issued final decision, its map approved, published with a case
summary that is anonymised and leak-checked; read by anyone without signing in, on the pages
and through the API, filtered; withdrawn, and then gone from both."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import AuditEvent
from tests.conftest import INVESTIGATOR
from tests.drafting import approve_map, document_text, lovelace_case, through_review

SUMMARY = ("Mrs Ada Lovelace complained that Dr Sarah Jones did not call her.\n\n"
           "We upheld the complaint. We asked Northtown Hospitals NHS Trust to apologise.")


def published_case(api, process) -> tuple[int, int]:
    case_id, decision_id = lovelace_case(
        api, process, summary="Mrs Lovelace complained.",
        what_happened="Dr Jones did not call Mrs Lovelace.")
    assert approve_map(api, case_id).status_code == 200
    through_review(api, decision_id)
    return case_id, decision_id


def publish(client, decision_id: int, summary: str = SUMMARY):
    return client.post(f"/decisions/{decision_id}/publish", data={"summary": summary})


def test_an_issued_decision_is_published_for_anyone_with_its_summary_anonymised(
        app, api, process, client, auth, db):
    _case_id, decision_id = published_case(api, process)
    auth.login(INVESTIGATOR)
    form = client.get(f"/decisions/{decision_id}/publish")
    assert form.status_code == 200
    assert "The complaint was about Northtown Hospitals NHS Trust" in form.text  # the draft

    published = publish(client, decision_id)
    assert published.status_code == 302
    auth.logout()

    index = client.get("/published")  # nobody signed in
    assert index.status_code == 200
    assert "Northtown Hospitals NHS Trust: upheld" in index.text
    assert "Lovelace" not in index.text and "Sarah Jones" not in index.text
    page = client.get(published.headers["Location"])
    assert page.status_code == 200 and "Lovelace" not in page.text
    assert "apologise" in page.text
    download = client.get(published.headers["Location"] + "/decision.docx")
    assert download.status_code == 200
    assert "Lovelace" not in document_text(download.data)

    answer = client.get("/api/v1/published").json  # no token
    [item] = answer["items"]
    assert set(item) == {"id", "organisation", "outcome", "themes", "decided_on", "summary",
                         "document_url"}
    assert (item["organisation"], item["outcome"]) == ("Northtown Hospitals NHS Trust",
                                                      "upheld")
    assert "Lovelace" not in item["summary"] and "Northtown Hospitals NHS Trust" in item["summary"]
    document = client.get(item["document_url"])
    assert document.status_code == 200 and document.data == download.data
    assert db.scalar(select(AuditEvent.action).where(AuditEvent.action == "decision.published"))


def test_a_summary_that_still_names_someone_is_refused_and_nothing_is_published(
        api, process, client, auth):
    _case_id, decision_id = published_case(api, process)
    auth.login(INVESTIGATOR)

    # Known people become their labels; a person the case's files never named is caught by
    # the leak check as the summary is written.
    refused = publish(client, decision_id, "Mrs Lovelace's neighbour, Mr Tom Brackley, "
                                           "rang the ward.")

    assert refused.status_code == 422
    assert "<title>Error: Publish the decision" in refused.text
    assert "The document still identifies people: name “Mr Tom Brackley”" in refused.text
    assert "Lovelace" not in refused.text.split("Case summary")[0]  # nor in the message
    assert client.get("/api/v1/published").json["items"] == []


def test_only_an_issued_decision_is_published(api, process, client, auth):
    case_id, decision_id = lovelace_case(
        api, process, summary="Mrs Lovelace complained.",
        what_happened="Dr Jones did not call Mrs Lovelace.")
    approve_map(api, case_id)
    through_review(api, decision_id, issue=False)
    auth.login(INVESTIGATOR)
    refused = publish(client, decision_id)
    assert refused.status_code == 422 and "issue it first" in refused.text


def test_the_index_filters_by_organisation_outcome_and_date(api, process, client, auth):
    _case_id, decision_id = published_case(api, process)
    auth.login(INVESTIGATOR)
    publish(client, decision_id)
    auth.logout()
    item = client.get("/api/v1/published").json["items"][0]

    def found(query: str) -> int:
        return len(client.get(f"/api/v1/published?{query}").json["items"])

    assert found("organisation=Northtown%20Hospitals%20NHS%20Trust") == 1
    assert found("organisation=Another%20Trust") == 0
    assert found("outcome=upheld") == 1 and found("outcome=not_upheld") == 0
    assert found(f"from={item['decided_on']}&to={item['decided_on']}") == 1
    assert found("from=2099-01-01") == 0
    assert client.get("/api/v1/published?from=2026-02-30").status_code == 422
    assert client.get("/published?from=soon").status_code == 400


def test_a_withdrawn_publication_is_gone_and_the_withdrawal_is_audited(
        api, process, client, auth, db):
    _case_id, decision_id = published_case(api, process)
    auth.login(INVESTIGATOR)
    page = publish(client, decision_id).headers["Location"]
    publication_id = int(page.rsplit("/", 1)[1])

    no_reason = client.post(f"/decisions/{decision_id}/withdraw-publication",
                            data={"reason": " "})
    assert no_reason.status_code == 422 and "Say why it is withdrawn" in no_reason.text
    withdrawn = client.post(f"/decisions/{decision_id}/withdraw-publication",
                            data={"reason": "The complainant asked us to."})
    assert withdrawn.status_code == 302
    auth.logout()

    assert client.get(page).status_code == 404
    assert client.get(page + "/decision.docx").status_code == 404
    assert client.get("/api/v1/published").json["items"] == []
    assert client.get(f"/api/v1/published/{publication_id}/decision.docx").status_code == 404
    event = db.scalar(select(AuditEvent).where(
        AuditEvent.action == "decision.publication_withdrawn"))
    assert event.detail["reason"] == "The complainant asked us to."


def test_only_drafters_publish_and_withdraw(api, process, client, auth):
    _case_id, decision_id = published_case(api, process)
    assert publish(client, decision_id).status_code == 302  # to the sign-in page
    assert client.get("/api/v1/published").json["items"] == []
