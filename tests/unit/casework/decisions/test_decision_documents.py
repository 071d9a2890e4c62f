"""The decision and its letters read back from Word: the header's outcome, fallbacks for
empty sections, what happens next, and deadlines that have already passed."""

import io
from datetime import date

import docx
from sqlalchemy import select

from casework.evidence import describe_evidence
from commands.sample_files import text_pdf
from storage.models import Evidence, Recommendation
from tests.drafting import draft_final, issue_provisional
from tests.fixtures import corrupt_pdf, plain_zip
from web.runtime import today

PAGES = [["Discharge summary for Mr Tom Example.", "Discharged without a care plan."],
         ["The ward did not tell the family."]]
APOLOGY = {"kind": "apology", "text": "Apologise to you for the delay.",
           "from_whom": "the chief executive", "due_date": "2099-12-24"}
PAYMENT = {"kind": "payment", "text": "Pay you for the cost of the taxi.", "amount_pence": 4500,
           "basis": "financial_loss", "due_date": "2099-12-31"}


def new_case(api, process=None, summary: str = "Her father's discharge.") -> dict:
    """A case with one upheld point; with a two-page PDF of evidence when `process` is given."""
    case = api.post("/api/v1/cases", json={
        "complainant_name": "Mrs Jo Example", "organisation_name": "Northtown NHS Trust",
        "summary": summary}).json
    if process is not None:
        [item] = api.post(f"/api/v1/cases/{case['id']}/evidence", data={
            "file": [(io.BytesIO(text_pdf(PAGES)), "discharge.pdf")]},
            content_type="multipart/form-data").json["items"]
        process([item["id"]])
    point = api.post(f"/api/v1/cases/{case['id']}/complaint-points",
                     json={"text": "The trust discharged Mr Example without a care plan."}).json
    finding = api.post(f"/api/v1/cases/{case['id']}/findings", json={
        "complaint_point_id": point["id"], "title": "No care plan",
        "what_happened": "Happened.", "what_should_have_happened": "Standard.",
        "conclusion": "service_failure", "injustice": "Distress."})
    assert finding.status_code == 201, finding.json
    case["finding_id"] = finding.json["id"]
    return case


def recommend(api, case: dict, body: dict) -> dict:
    response = api.post(f"/api/v1/cases/{case['id']}/recommendations",
                        json=body | {"finding_id": case["finding_id"]})
    assert response.status_code == 201, response.json
    return response.json


def draft(api, case: dict, stage: str = "provisional"):
    """Draft at `stage`; the final decision first has the provisional one reviewed and
    issued."""
    if stage == "final" and not case.get("provisional_issued"):
        issue_provisional(api, case["id"])
        case["provisional_issued"] = True
    if stage == "final":
        return draft_final(api, case["id"])
    return api.post(f"/api/v1/cases/{case['id']}/decisions", json={"stage": stage})


def paragraphs(api, decision: dict, path: str = "document.docx") -> list[tuple[str, str]]:
    """(style, text) of each paragraph of the decision's latest document or letter."""
    response = api.get(f"/api/v1/decisions/{decision['id']}/{path}")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    return [(p.style.name, p.text) for p in document.paragraphs]


def texts(api, decision: dict, path: str = "document.docx") -> list[str]:
    return [text for _, text in paragraphs(api, decision, path)]


def under(api, decision: dict, heading: str) -> list[str]:
    """The paragraphs between a Heading 1 and the next."""
    rows = paragraphs(api, decision)
    start = rows.index(("Heading 1", heading)) + 1
    end = next((n for n, (style, _) in enumerate(rows[start:], start) if style == "Heading 1"),
               len(rows))
    return [text for _, text in rows[start:end]]


def assert_no_empty_heading(rows: list[tuple[str, str]]) -> None:
    for n, (style, text) in enumerate(rows):
        if style.startswith("Heading"):
            following = rows[n + 1] if n + 1 < len(rows) else ("", "")
            assert following[1].strip(), f"nothing under {text!r}"
            assert not following[0].startswith("Heading") or following[0] > style, text


def test_the_header_proposes_the_outcome_until_the_decision_is_final(api, process):
    case = new_case(api, process)
    provisional = draft(api, case).json
    final = draft(api, case, "final").json

    header = texts(api, provisional)[:7]
    assert "Proposed outcome: Upheld" in header
    assert "Outcome: Upheld" not in header
    header = texts(api, final)[:7]
    assert "Outcome: Upheld" in header
    assert not any(line.startswith("Proposed outcome") for line in header)


def test_a_final_decision_promises_to_follow_up_only_what_it_recommends(api, process):
    case = new_case(api, process)
    draft(api, case)
    final = draft(api, case, "final").json
    assert under(api, final, "Recommendations") == ["We make no recommendations."]
    assert under(api, final, "What happens next") == [
        "This is our final decision. We will send it to Mrs Jo Example and Northtown NHS "
        "Trust. Our decision is final: it can be challenged only by judicial review."]

    # Comments on the provisional decision can bring a recommendation into the final one.
    recommend(api, case, APOLOGY)
    final = draft(api, case, "final").json
    assert under(api, final, "What happens next") == [
        "This is our final decision. We will send it to Mrs Jo Example and Northtown NHS "
        "Trust, and we will follow up with Northtown NHS Trust until it has shown us that it "
        "has done everything we recommended. Our decision is final: it can be challenged only "
        "by judicial review."]


def test_an_empty_summary_and_no_evidence_have_a_sentence_under_their_headings(api):
    case = new_case(api, summary="")
    provisional = draft(api, case).json
    final = draft(api, case, "final").json

    assert under(api, provisional, "Summary") == [
        "We propose to find this complaint about Northtown NHS Trust upheld, for the reasons "
        "set out below."]
    assert under(api, final, "Summary") == [
        "We have upheld this complaint about Northtown NHS Trust, for the reasons set out "
        "below."]
    for decision in (provisional, final):
        assert under(api, decision, "What we looked at") == [
            "We did not rely on any documents in reaching this decision."]
        assert_no_empty_heading(paragraphs(api, decision))


def test_a_summary_and_evidence_are_shown_instead_of_the_fallbacks(api, process):
    case = new_case(api, process)
    decision = draft(api, case).json
    assert under(api, decision, "Summary") == ["Her father's discharge."]
    assert under(api, decision, "What we looked at") == ["Evidence 1: discharge.pdf (2 pages)"]
    assert_no_empty_heading(paragraphs(api, decision))


def test_what_we_looked_at_lists_what_was_chosen_by_its_description(api, db, process):
    case = new_case(api, process)
    items = api.post(f"/api/v1/cases/{case['id']}/evidence", data={"file": [
        (io.BytesIO(text_pdf(PAGES)), "discharge-again.pdf"),  # a duplicate of Evidence 1
        (io.BytesIO(corrupt_pdf()), "broken.pdf"),
        (io.BytesIO(plain_zip()), "bundle.zip"),
        (io.BytesIO(b"Ward note: the family was not called."), "ward-note.txt"),
    ]}, content_type="multipart/form-data").json["items"]
    process([item["id"] for item in items])
    discharge = db.scalar(select(Evidence).where(Evidence.filename == "discharge.pdf"))
    describe_evidence(db, discharge, None, "the Trust's discharge summary of 3 March 2026",
                      listed=True)
    note = db.scalar(select(Evidence).where(Evidence.filename == "ward-note.txt"))
    describe_evidence(db, note, None, "", listed=False)
    db.commit()

    decision = draft(api, case).json

    # Not the duplicate, the failure, the zip or the file left out; the zip's member is in.
    assert under(api, decision, "What we looked at") == [
        "Evidence 1: the Trust's discharge summary of 3 March 2026 (2 pages)",
        "Evidence 6: notes.txt (1 page)"]


def test_the_complainant_letter_gives_each_deadline_as_a_sentence(api, process):
    case = new_case(api, process)
    recommend(api, case, APOLOGY)
    recommend(api, case, PAYMENT)
    provisional = draft(api, case).json
    final = draft(api, case, "final").json
    for decision in (provisional, final):
        letter = paragraphs(api, decision, "letters/complainant.docx")
        listed = [text for style, text in letter if style == "List Bullet"]
        assert listed == ["Apologise to you for the delay. By 24 December 2099.",
                          "Pay you for the cost of the taxi. By 31 December 2099."]
        assert not any("(by" in text for _, text in letter)
    decision_text = texts(api, final)
    assert ("Acknowledgement and apology: Apologise to you for the delay. The apology should "
            "come from the chief executive. By 24 December 2099.") in decision_text


def test_a_deadline_that_has_passed_is_refused_at_either_stage(api, process, db):
    case = new_case(api, process)
    recommend(api, case, APOLOGY)
    payment = recommend(api, case, PAYMENT)
    provisional = draft(api, case).json
    # A decision drafted long after the recommendation was added: its date has gone.
    row = db.get(Recommendation, payment["id"])
    row.due_date = date(2024, 12, 24)
    db.commit()

    passed = ("Recommendation 2 (Payment) is due on 24 December 2024, which has passed: "
              "change its due date")
    refused = draft(api, case)
    assert (refused.status_code, refused.json["error"]["message"]) == (422, passed)
    assert api.get(f"/api/v1/decisions/{provisional['id']}").json["version"] == 1

    # Due today has not passed.
    row.due_date = today()
    db.commit()
    issue_provisional(api, case["id"])
    case["provisional_issued"] = True
    row.due_date = date(2024, 12, 24)
    db.commit()
    refused = draft(api, case, "final")
    assert (refused.status_code, refused.json["error"]["message"]) == (422, passed)
    row.due_date = today()
    db.commit()
    assert draft(api, case, "final").status_code == 201
