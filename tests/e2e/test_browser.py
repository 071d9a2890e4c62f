"""A new user's first visit, in a real browser against `casework run` (web server + worker).

Chromium comes from Debian's packages (`make test` installs it where it can); Playwright
drives it. The test follows the README: sign in with the demo account, check the demo
case, create a case, upload a PDF and a Word file, watch them process, read the text,
add findings and recommendations, then take the decision through review: the reviewer asks
for changes, the investigator makes them, the reviewer approves, the investigator issues, and
the letters arrive at a real SMTP server. Both sides comment; the final decision follows the
same road.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tests.e2e.browsing import (
    INVESTIGATOR,
    REPO,
    REVIEWER,
    downloaded_text,
    open_part,
    select_text,
    sign_in,
)
from tests.evidence_rows import a_case, add_files, add_read_file
from tests.fixtures import complaint_pdf, response_docx
from vocabulary import DocType
from wiring import load_settings, storage_for

pytestmark = pytest.mark.e2e


def test_first_visit_from_sign_in_to_decision(page, tmp_path, smtp):
    from playwright.sync_api import expect

    sign_in(page, INVESTIGATOR)

    expect(page.get_by_role("heading", name="Cases")).to_be_visible()
    page.get_by_role("link", name="CW-").first.click()
    open_part(page, "Evidence")
    # The demo evidence was processed by the worker that `casework run` started.
    expect(page.locator("#latest-evidence")).to_contain_text("complaint-letter.pdf")
    statuses = page.locator("#latest-evidence .casework-status .govuk-tag")
    expect(statuses.first).to_have_text("Processed", timeout=30_000)

    page.get_by_role("link", name="Back to cases").click()
    page.get_by_role("link", name="Create a case").click()
    page.get_by_label("Complainant's name").fill("Mr Ben Example")
    page.get_by_label("Complainant's email address (optional)").fill("ben@example.net")
    page.get_by_label("Organisation complained about").fill("Riverside Surgery")
    page.get_by_label("Summary of the complaint").fill("A missed call back.")
    page.get_by_role("button", name="Create case").click()
    expect(page.get_by_text("created.")).to_be_visible()
    reference = page.get_by_role("heading", level=1).inner_text().split(":")[0]

    letter, response = tmp_path / "complaint.pdf", tmp_path / "response.docx"
    letter.write_bytes(complaint_pdf())
    response.write_bytes(response_docx())
    open_part(page, "Evidence")
    page.locator('input[type="file"][name="files"]').set_input_files([letter, response])
    page.get_by_role("button", name="Upload files").click()
    # Each file is sent on its own, with its progress shown beside its name.
    progress = page.locator("[data-upload-progress] li")
    expect(progress).to_have_count(2)
    expect(progress.nth(1)).to_contain_text("Uploaded", timeout=30_000)
    # htmx polls the table: both rows turn Processed without a reload.
    tags = page.locator("#latest-evidence .casework-status .govuk-tag")
    expect(tags).to_have_count(2)
    expect(tags.nth(0)).to_have_text("Processed", timeout=30_000)
    expect(tags.nth(1)).to_have_text("Processed", timeout=30_000)

    # The complaint, point by point.
    open_part(page, "Complaint points and findings")
    for text in ("The surgery did not call back.", "The receptionist was rude."):
        page.get_by_label("New complaint point").fill(text)
        page.get_by_role("button", name="Add complaint point").click()
        expect(page.get_by_text("added.")).to_be_visible()
    expect(page.locator("#point-2")).to_contain_text("Awaiting a finding")

    # Read the letter, select a passage and cite it in a new finding.
    open_part(page, "Evidence")
    page.get_by_role("link", name="complaint.pdf").first.click()
    expect(page.get_by_role("heading", name="Page 2")).to_be_visible()
    expect(page.get_by_text("Nobody called me back for three weeks.")).to_be_visible()
    select_text(page, '[data-cite-page="2"]', "Nobody called me back")
    page.get_by_role("button", name="Cite the selected text").click()
    expect(page.get_by_role("heading", name="Cite evidence 1, page 2")).to_be_visible()
    expect(page.get_by_label("Quote")).to_have_value("Nobody called me back")
    page.get_by_label("Add the citation to").select_option(label="A new finding")
    page.get_by_role("button", name="Add citation").click()

    expect(page.get_by_label("Quote from that page")).to_have_value("Nobody called me back")
    page.get_by_label("Complaint point", exact=True).select_option(
        label="1. The surgery did not call back.")
    page.get_by_label("Title").fill("Call back")
    page.get_by_label("What happened", exact=True).fill("No call for three weeks.")
    page.get_by_label("What should have happened").fill("A call back within two days.")
    page.get_by_label("Being customer focused").check()
    page.get_by_label("Guidance document").fill("The practice's call-back policy")
    page.get_by_label("Service failure").check()
    page.get_by_label("Injustice").fill("Distress.")
    page.get_by_label("Page number").fill("1")
    page.get_by_role("button", name="Save finding").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("the quote does not appear")
    page.get_by_label("Page number").fill("2")
    page.get_by_role("button", name="Save finding").click()
    expect(page.get_by_text("Finding added.")).to_be_visible()

    # The second point was looked at and no failing found.
    page.get_by_role("link", name="Add a finding on complaint point 2").click()
    page.get_by_label("Title").fill("Manner on the telephone")
    page.get_by_label("What happened", exact=True).fill("The call was brief but polite.")
    page.get_by_label("What should have happened").fill("Staff are courteous.")
    page.get_by_label("No failing").check()
    page.get_by_role("button", name="Save finding").click()
    expect(page.get_by_text("Outcome of the case: Partly upheld")).to_be_visible()

    # A search hit cited in the first finding.
    open_part(page, "Evidence")
    page.get_by_label("Search this case's evidence").fill("cancelled")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("button", name="Cite this").first.click()
    page.get_by_label("Add the citation to").select_option(label="Complaint point 1: Call back")
    page.get_by_role("button", name="Add citation").click()
    expect(page.get_by_text("Citation added.")).to_be_visible()

    open_part(page, "Recommendations")
    page.get_by_role("link", name="Add a recommendation").click()
    page.get_by_label("Payment", exact=True).check()
    page.get_by_label("What the organisation must do").fill("Pay Mr Ben Example £150.")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2099")
    page.get_by_label("Amount in pounds").fill("150")
    page.get_by_label("Payment for").select_option("injustice")
    page.get_by_label("Severity of the injustice").select_option("1")
    page.get_by_role("button", name="Save recommendation").click()
    expect(page.get_by_text("Recommendation added.")).to_be_visible()
    page.get_by_role("link", name="Add a recommendation").click()
    page.get_by_label("Service improvement").check()
    page.get_by_label("What the organisation must do").fill("Review how call backs are logged.")
    page.get_by_label("Evidence of compliance").fill("The revised call-back log.")
    page.get_by_role("button", name="Save recommendation").click()
    expect(page.get_by_text("Recommendation added.")).to_be_visible()

    open_part(page, "Decision")
    page.get_by_role("button", name="Generate provisional decision").click()
    expect(page.get_by_text("Provisional decision, version 1, generated.")).to_be_visible()
    provisional = downloaded_text(page, "Word copy of the provisional decision, version 1")
    assert "Our provisional decision is that the complaint is partly upheld." in provisional
    assert "Sam Patel" in downloaded_text(
        page, "Letter to the complainant with the provisional decision, version 1")
    page.get_by_role("button", name="Submit version 1 for review").click()
    expect(page.get_by_text("sent for review.")).to_be_visible()

    # The reviewer asks for a change to the recommendations.
    sign_in(page, REVIEWER, reference)
    open_part(page, "Decision")
    page.get_by_role("link", name="Review in the provisional decision, version 1").click()
    expect(page.get_by_role("heading", name="What changed (the first version")).to_be_visible()
    page.get_by_label("Recommendations", exact=True).fill("Add an apology for the call back.")
    page.get_by_role("button", name="Request changes").click()
    expect(page.get_by_text("sent back with your comments.")).to_be_visible()

    # The investigator reads the comment, adds the apology, and drafts version 2.
    sign_in(page, INVESTIGATOR, reference)
    open_part(page, "Decision")
    expect(page.get_by_text("The reviewer asked for changes to version 1")).to_be_visible()
    open_part(page, "Recommendations")
    page.get_by_role("link", name="Add a recommendation").click()
    page.get_by_label("Acknowledgement and apology").check()
    page.get_by_label("What the organisation must do").fill("Apologise for the missed call.")
    page.get_by_label("Who must apologise").fill("the practice manager")
    page.get_by_role("button", name="Save recommendation").click()
    expect(page.get_by_text("Recommendation added.")).to_be_visible()
    open_part(page, "Decision")
    page.get_by_role("button", name="Generate the provisional decision again").click()
    expect(page.get_by_text("Provisional decision, version 2, generated.")).to_be_visible()
    page.get_by_role("button", name="Submit version 2 for review").click()

    # The reviewer sees what changed since version 1, and approves.
    sign_in(page, REVIEWER, reference)
    open_part(page, "Decision")
    page.get_by_role("link", name="Review in the provisional decision, version 2").click()
    expect(page.get_by_role("heading", name="What changed since version 1")).to_be_visible()
    expect(page.locator("#section-recommendations")).to_contain_text("1 change")
    expect(page.get_by_text("Add an apology for the call back.")).to_be_visible()
    page.get_by_role("button", name="Approve version 2").click()
    expect(page.get_by_text("version 2, approved.")).to_be_visible()

    # The investigator issues it: both letters go by email.
    sign_in(page, INVESTIGATOR, reference)
    open_part(page, "Decision")
    page.get_by_role("button", name="Issue the provisional decision").click()
    expect(page.get_by_text("Provisional decision issued: 2 by email")).to_be_visible()
    arrived = smtp.inbox.wait_for(2)
    assert {r for m in arrived for r in m.recipients} == {
        "ben@example.net", "complaints@riverside-surgery.example"}
    assert all(reference in m.message["Subject"] for m in arrived)
    page.reload()
    expect(page.locator("#letters")).to_be_visible()
    expect(page.locator("table").filter(has_text="ben@example.net")).to_contain_text("Sent")

    # Both sides comment, so the final decision needs no reason to come early.
    for sender, words in (("Complainant", "I have nothing to add."),
                          ("Organisation", "We accept the findings.")):
        page.get_by_label(sender, exact=True).check()
        page.get_by_label("Comments", exact=True).fill(words)
        page.get_by_role("button", name="Record comments").click()
        expect(page.get_by_text(f"Comments from the {sender.lower()} recorded.")).to_be_visible()

    page.get_by_role("button", name="Generate final decision").click()
    expect(page.get_by_text("Final decision, version 1, generated.")).to_be_visible()
    text = downloaded_text(page, "Word copy of the final decision, version 1")
    assert "Evidence 1, page 2: “Nobody called me back”" in text
    assert ", page 1: “" in text  # the search hit
    assert "The standard we applied: the Principle of Being customer focused; " \
           "The practice's call-back policy" in text
    assert "Amount: £150.00. By 31 January 2099." in text
    assert "As evidence of compliance, send us: The revised call-back log." in text
    assert "Our final decision is that the complaint is partly upheld." in text
    assert "We accept the findings." in text  # the comments considered
    letter = downloaded_text(page, "Letter to the organisation with the final decision, "
                                   "version 1")
    assert "Service improvement: Review how call backs are logged. Deadline:" in letter
    page.get_by_role("button", name="Submit version 1 for review").click()
    expect(page.get_by_text("sent for review.")).to_be_visible()
    sign_in(page, REVIEWER, reference)
    open_part(page, "Decision")
    page.get_by_role("link", name="Review in the final decision, version 1").click()
    page.get_by_role("button", name="Approve version 1").click()
    sign_in(page, INVESTIGATOR, reference)
    open_part(page, "Decision")
    page.get_by_role("button", name="Issue the final decision").click()
    expect(page.get_by_text("Final decision issued: 2 by email")).to_be_visible()
    assert len(smtp.inbox.wait_for(4)) == 4
    # Recommendations are outstanding: the case is followed up, and read-only.
    open_part(page, "Overview")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Follow-up")
    open_part(page, "Recommendations")
    expect(page.get_by_role("link", name="Add a recommendation")).to_have_count(0)

    # Publication: the investigator approves the map, then downloads a version naming nobody.
    open_part(page, "Publication")
    page.get_by_role("link", name="Anonymised version for publication").click()
    expect(page.get_by_label("Published label for Mr Ben Example")).to_have_value("Mr C")
    page.get_by_role("button", name="Approve the map").click()
    expect(page.get_by_text("Anonymisation map approved")).to_be_visible()
    published = downloaded_text(page, "Download the anonymised version")
    assert "Mr C" in published and "Ben" not in published and "Example" not in published

    # The refused quote answered 422 on purpose; nothing else may have failed.
    assert [p for p in page.problems if " 422 " not in f" {p} "] == []


ORGANISATION = ("organisation@example.org", "organisation-demo")
ADMIN = ("admin@example.org", "admin-demo")


def send_evidence(page, tmp_path, recommendation: str, note: str) -> None:
    """As the organisation: open a recommendation from the portal and send a file for it."""
    from playwright.sync_api import expect

    page.get_by_role("link", name="Your decisions").click()
    page.locator("#recommendations ~ table tr").filter(has_text=recommendation) \
        .get_by_role("link").first.click()
    proof = tmp_path / "proof.pdf"
    proof.write_bytes(complaint_pdf())
    page.get_by_label("Evidence that you have done it").set_input_files(proof)
    page.get_by_label("Note for the investigator").fill(note)
    page.get_by_role("button", name="Send evidence").click()
    expect(page.get_by_text("Your evidence has been sent to the investigator.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Evidence submitted")


def decide(page, recommendation: str, button: str, comment: str | None = None) -> None:
    """As the investigator, on the case's recommendations: accept, or ask for more."""
    item = page.locator("#recommendations > li").filter(has_text=recommendation)
    item.get_by_text("Decide on compliance").click()
    if comment is not None:
        item.get_by_label("What more must the organisation send?").fill(comment)
    item.get_by_role("button", name=button).click()


def test_an_organisation_shows_it_complied_and_the_case_closes(page, tmp_path):
    """The demo's case in follow-up (Riverside Surgery): the surgery sees its letters and its
    recommendations and nothing else, sends evidence, is asked for more, sends it; the
    investigator accepts, and the case closes. Another organisation sees none of it."""
    from playwright.sync_api import expect

    sign_in(page, ORGANISATION)
    expect(page.get_by_role("heading", name="Your decisions and recommendations")).to_be_visible()
    decisions = page.locator("#decisions ~ table").first
    expect(decisions).to_contain_text("Final decision")
    # The surgery's other demo case is still under review: not issued, so not shown.
    expect(page.get_by_text("CW-2026-00002")).to_have_count(0)
    reference = "CW-2026-00003"
    page.get_by_role("link", name=re.compile(rf"{reference}\s*, final decision")).click()
    letter = downloaded_text(page, "Our letter to you with the final decision (Word)")
    assert reference in letter
    assert page.goto(f"/cases/{reference[-1]}").status == 403  # no case files, ever

    send_evidence(page, tmp_path, "Apologise to Mrs Example", "Our apology letter.")
    send_evidence(page, tmp_path, "Review how test results", "The new procedure.")

    sign_in(page, INVESTIGATOR, reference)
    open_part(page, "Recommendations")
    expect(page.get_by_text("Our apology letter.", exact=False)).to_have_count(1)
    decide(page, "Apologise to Mrs Example", "Ask for more evidence",
           comment="Send the letter as it was posted, with its date.")
    expect(page.get_by_text("More evidence requested from the organisation.")).to_be_visible()

    sign_in(page, ORGANISATION)
    page.locator("#recommendations ~ table tr").filter(has_text="Apologise to Mrs Example") \
        .get_by_role("link").first.click()
    expect(page.get_by_text("Send the letter as it was posted, with its date.")).to_be_visible()
    send_evidence(page, tmp_path, "Apologise to Mrs Example", "The letter as posted.")

    sign_in(page, INVESTIGATOR, reference)
    open_part(page, "Recommendations")
    for recommendation in ("Apologise to Mrs Example", "Review how test results"):
        decide(page, recommendation, "Accept as complied with")
        expect(page.get_by_text("Recommendation accepted as complied with.")).to_be_visible()
    open_part(page, "Overview")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Closed")

    # An admin adds a user for another organisation, who sees nothing of the surgery's.
    sign_in(page, ADMIN)
    page.goto("/admin/users")
    page.get_by_label("Email address").fill("trust@example.org")
    page.get_by_label("Role").select_option("organisation")
    page.get_by_label("Organisation", exact=True).fill("Northtown Hospitals NHS Foundation Trust")
    page.get_by_label("Initial password").fill("a-long-password")
    page.get_by_role("button", name="Add user").click()
    expect(page.get_by_text("User created.")).to_be_visible()
    sign_in(page, ("trust@example.org", "a-long-password"))
    expect(page.get_by_role("heading", name="Your decisions and recommendations")).to_be_visible()
    expect(page.get_by_text(reference)).to_have_count(0)
    expect(page.get_by_text("Apologise to Mrs Example")).to_have_count(0)
    # The refused case page answered 403 on purpose; nothing else may have failed.
    assert [p for p in page.problems if " 403 " not in f" {p} "] == []


def test_an_investigator_pages_through_a_long_evidence_list(page, service):
    """A case of 130 files: the case page sums them up, the list shows 50 at a time, its
    filters and order are kept from page to page."""
    from playwright.sync_api import expect

    storage = storage_for(load_settings({"CASEWORK_DATA_DIR": str(service[1].parent)}))
    with storage.sessions() as session:
        case = a_case(session)
        add_files(session, case, 127)
        add_files(session, case, 3, doc_type=DocType.CLINICAL_RECORD)
        reference = case.reference
    storage.engine.dispose()

    sign_in(page, INVESTIGATOR)
    page.goto("/cases")
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("link", name="Evidence", exact=True).first).to_be_visible()
    open_part(page, "Evidence")
    expect(page.locator("#evidence-counts")).to_contain_text("130 files: 130 processed")
    page.get_by_role("link", name="All 130 files").click()
    expect(page.get_by_text("Files 1 to 50 of 130")).to_be_visible()
    page.get_by_role("link", name="Next page").click()
    expect(page.get_by_text("Files 51 to 100 of 130")).to_be_visible()
    expect(page.locator("#evidence-list")).to_contain_text("Evidence 51")

    page.get_by_label("Sort by").select_option("filename")
    page.get_by_label("Order").select_option("true")
    page.get_by_role("button", name="Show files").click()
    expect(page.get_by_text("Files 1 to 50 of 130")).to_be_visible()
    expect(page.locator("#evidence-list tbody tr").first).to_contain_text("file-00129.pdf")
    page.get_by_role("link", name="Page 3").click()
    expect(page.get_by_text("Files 101 to 130 of 130")).to_be_visible()
    expect(page.locator("#evidence-list tbody tr").last).to_contain_text("file-00000.pdf")

    page.get_by_label("Type", exact=True).select_option("clinical_record")
    page.get_by_role("button", name="Show files").click()
    expect(page.get_by_text("Files 1 to 3 of 3")).to_be_visible()
    expect(page.locator(".govuk-pagination")).to_have_count(0)
    assert page.problems == []


def test_an_investigator_adds_corrects_and_dismisses_chronology_events(page, service):
    """The chronology of a read file: an event added (after a refused try), one corrected,
    one dismissed and restored."""
    from playwright.sync_api import expect

    storage = storage_for(load_settings({"CASEWORK_DATA_DIR": str(service[1].parent)}))
    with storage.sessions() as session:
        case = a_case(session)
        notes = add_read_file(session, storage.objects, case, "ward-notes.pdf", [
            (date(2026, 3, 3), "The ward did not call the family on 3 March 2026.", 1)],
            pages=("The ward did not call the family on 3 March 2026.", "Discharged."))
        case_id, number = case.id, notes.number
    storage.engine.dispose()

    sign_in(page, INVESTIGATOR)
    page.goto(f"/cases/{case_id}/chronology")
    page.get_by_role("button", name="Add the event").click()
    expect(page).to_have_title(re.compile(r"^Error: Chronology"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the date of the event")
    summary.get_by_role("link", name="Enter what happened").click()
    expect(page.get_by_label("What happened")).to_be_focused()

    page.get_by_label("Day").fill("5")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("What happened").fill("Mrs B was discharged home.")
    page.get_by_label("Evidence number").fill(str(number))
    page.get_by_label("Page", exact=True).fill("2")
    page.get_by_role("button", name="Add the event").click()
    expect(page.get_by_text("Event added.")).to_be_visible()
    expect(page.locator("tbody")).to_contain_text("Mrs B was discharged home.")
    expect(page.locator("tbody")).to_contain_text("Added by an investigator")

    page.get_by_role("link", name="Change the event of 3 March 2026").click()
    page.get_by_label("Day").fill("2")
    page.get_by_label("What happened").fill("The ward did not call the family back.")
    page.get_by_role("button", name="Save the event").click()
    expect(page.get_by_text("Event corrected.")).to_be_visible()
    expect(page.locator("tbody tr").first).to_contain_text("2 March 2026")
    expect(page.locator("tbody tr").first).to_contain_text("Corrected by an investigator")

    page.get_by_role("button", name="Dismiss the event of 5 March 2026").click()
    expect(page.get_by_text("Event dismissed")).to_be_visible()
    expect(page.locator("tbody")).not_to_contain_text("Mrs B was discharged home.")
    page.get_by_role("link", name="Dismissed events").click()
    page.get_by_role("button", name="Restore the event of 5 March 2026").click()
    expect(page.get_by_text("Event restored to the chronology.")).to_be_visible()
    page.get_by_role("link", name="Back to the chronology").click()
    expect(page.locator("tbody")).to_contain_text("Mrs B was discharged home.")


AXE = REPO / "tests" / "e2e" / "axe" / "axe.min.js"
# The pages checked with axe-core for WCAG 2.2 AA; serious and critical findings fail.
AXE_PAGES = ("/dashboard", "/reports", "/published")


def accessibility_problems(page) -> list[str]:
    """What axe-core finds serious or critical on the page, one line a rule."""
    # Evaluated, not added as a <script>: the Content-Security-Policy refuses inline scripts,
    # and must stay on to show that the page's own scripts keep to it.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {runOnly: {type: "tag", values: [
            "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}});
        return result.violations
            .filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(" ")).join(", ")}`);
    }""")
    return list(found)


def test_staff_read_the_insight_dashboard_and_its_figures(page, service):
    """The dashboard counts the demo's forty decided cases: each figure a heading, a
    summary, a chart drawn from its table, the table and its CSV; nothing axe-core calls
    serious or critical on it or the reports page."""
    from playwright.sync_api import expect

    sign_in(page, INVESTIGATOR)
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Insight dashboard")).to_be_visible()
    outcomes = page.locator("#outcomes-by-organisation")
    expect(outcomes.get_by_role("heading", name="Outcomes by organisation")).to_be_visible()
    expect(outcomes.locator("tbody tr")).to_have_count(6)
    # Chart.js drew each chart, labelled with its figure's summary: the demo's complaint
    # points carry themes, so the figure by theme has one too.
    charts = page.locator("canvas[role=img]")
    expect(charts).to_have_count(7)
    summary = outcomes.locator("#outcomes-by-organisation-summary").inner_text()
    assert summary.startswith("Of ") and "final decisions about 6 organisations" in summary
    assert outcomes.locator("canvas").get_attribute("aria-label") == summary
    with page.expect_download() as download:
        page.get_by_role("link", name="Download “Uphold rate by quarter” as CSV").click()
    rows = Path(download.value.path()).read_text().splitlines()
    assert rows[0] == "quarter,decided,upheld_or_partly,uphold_rate"
    assert len(rows) == 7
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the insight report (Word)").click()
    assert download.value.suggested_filename.startswith("insight-report-")
    for address in AXE_PAGES:
        page.goto(address)
        assert accessibility_problems(page) == [], address
    assert page.problems == []
