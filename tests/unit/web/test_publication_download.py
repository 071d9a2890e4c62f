"""The published version is the decision as it was made: a case changed after its final
decision was issued publishes what was issued; one changed before is refused, on the page as
in the API, by the same domain rule said plainly, never a server error."""

import io

from commands.sample_files import text_pdf
from tests.drafting import approve_map, document_text, lovelace_case, through_review

CHANGED = ("The case has changed since version 1 of the final decision was drafted: draft "
           "the final decision again, then publish that version.")


def add_later_file(api, process, case_id: int) -> None:
    later = text_pdf([["A later letter about the apology."]])
    [item] = api.post(f"/api/v1/cases/{case_id}/evidence", data={
        "file": [(io.BytesIO(later), "later.pdf")]},
        content_type="multipart/form-data").json["items"]
    process([item["id"]])


def test_a_case_changed_after_the_final_decision_was_issued_publishes_what_was_issued(
        api, process):
    case_id, decision_id = lovelace_case(
        api, process, summary="Mrs Lovelace complained.",
        what_happened="Dr Jones did not call Mrs Lovelace.")
    assert approve_map(api, case_id).status_code == 200
    through_review(api, decision_id)
    # Evidence still arrives after the decision is issued (the organisation's compliance, a
    # late letter): the decision that was issued is the one published.
    add_later_file(api, process, case_id)

    response = api.get(f"/api/v1/decisions/{decision_id}/publication.docx")

    assert response.status_code == 200, response.json
    text = document_text(response.data)
    assert "Evidence 1: " in text and "Evidence 2" not in text and "later.pdf" not in text
    assert "Lovelace" not in text


def test_a_case_changed_before_its_final_decision_is_issued_is_refused(api, process, client,
                                                                      auth):
    case_id, decision_id = lovelace_case(
        api, process, summary="Mrs Lovelace complained.",
        what_happened="Dr Jones did not call Mrs Lovelace.")
    assert approve_map(api, case_id).status_code == 200
    through_review(api, decision_id, issue=False)
    add_later_file(api, process, case_id)

    refused = api.get(f"/api/v1/decisions/{decision_id}/publication.docx")
    assert (refused.status_code, refused.json["error"]) == (
        409, {"code": "not_publishable", "message": CHANGED})

    auth.login()
    response = client.get(f"/decisions/{decision_id}/publication.docx")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/decisions/{decision_id}/publication"
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert CHANGED in page.text and "govuk-notification-banner" in page.text
