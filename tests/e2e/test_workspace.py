"""The investigator's workspace in a real browser: the demo case walked through its task list
with the keyboard alone, each changed form's error summary, and axe on every page of a case
at 1280 px and at 320 px, where no page may be wider than the screen."""

from __future__ import annotations

import re

import pytest

from tests.e2e.browsing import INVESTIGATOR, REPO

pytestmark = pytest.mark.e2e

AXE = (REPO / "tests" / "e2e" / "axe" / "axe.min.js").read_text()
DEMO_CASE = "CW-2026-00001"
FOLLOWED_CASE = "CW-2026-00003"
PARTS = ("Evidence", "Complaint points and findings", "Recommendations", "Decision",
         "Publication")


def tab_to(page, locator, limit: int = 80) -> int:
    """Press Tab until `locator` has the focus; how many presses it took."""
    target = locator.element_handle()
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(element) => document.activeElement === element", target):
            return presses
    raise AssertionError(f"{locator} is not reached in {limit} presses of Tab")


def follow(page, locator) -> None:
    """Reach a link or button with Tab and press Enter on it."""
    tab_to(page, locator)
    page.keyboard.press("Enter")


def part_link(page, name: str):
    return page.get_by_role("navigation", name="Parts of this case").get_by_role(
        "link", name=name, exact=True)


def task_line(page, name: str):
    """The overview's line for one task, found by its link."""
    return page.locator(".govuk-task-list__item").filter(
        has=page.get_by_role("link", name=name, exact=True))


def expect_error_summary(page, *messages: str) -> None:
    """The error summary at the top, each message a link to its control, and "Error:" in the
    page's title."""
    from playwright.sync_api import expect

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # GOV.UK Frontend moves the focus to it
    assert page.title().startswith("Error: ")
    for message in messages:
        link = summary.get_by_role("link", name=message)
        target = link.get_attribute("href")
        assert target.startswith("#") and page.locator(target).count() == 1, message


def sign_in_by_keyboard(page, account: tuple[str, str]) -> None:
    page.goto("/")
    tab_to(page, page.get_by_label("Email address"))
    page.keyboard.type(account[0])
    tab_to(page, page.get_by_label("Password"))
    page.keyboard.type(account[1])
    page.keyboard.press("Enter")


def test_the_demo_case_is_walked_through_its_task_list_by_keyboard(page):
    from playwright.sync_api import expect

    sign_in_by_keyboard(page, INVESTIGATOR)
    follow(page, page.get_by_role("link", name=DEMO_CASE).first)
    tasks = page.locator(".govuk-task-list")
    expect(tasks).to_contain_text("Complaint points and findings")
    expect(task_line(page, "Decision")).to_contain_text("Cannot start yet")

    # Each task opens its part of the case, which the sub-navigation marks as current.
    for name in PARTS:
        follow(page, tasks.get_by_role("link", name=name, exact=True))
        expect(page.get_by_role("heading", level=1)).to_have_text(name)
        expect(part_link(page, name)).to_have_attribute("aria-current", "page")
        follow(page, part_link(page, "Overview"))
        expect(tasks).to_be_visible()

    # The upload is among the first stops on the evidence page, not the 24th: after the skip
    # link, the service's eight menu links and sign-out, and the case's own navigation.
    follow(page, tasks.get_by_role("link", name="Evidence", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence")
    page.reload()
    assert tab_to(page, page.locator("#files")) <= 20
    follow(page, page.get_by_role("button", name="Upload files"))
    expect_error_summary(page, "Select at least one file")

    # A finding: radios for the conclusion, with nothing chosen until the investigator does.
    follow(page, part_link(page, "Complaint points and findings"))
    follow(page, page.get_by_role("button", name="Add complaint point"))
    expect_error_summary(page, "Enter the complaint point")
    follow(page, page.get_by_role("link", name="Add a finding on complaint point 1"))
    expect(page.get_by_label("Maladministration")).not_to_be_checked()
    follow(page, page.get_by_role("button", name="Save finding"))
    expect_error_summary(page, "Enter a title", "Select the conclusion")
    for label, words in (("Title", "Contact with the family"),
                         ("What happened", "Nobody told the family about the move."),
                         ("What should have happened", "The family is kept informed.")):
        tab_to(page, page.get_by_label(label, exact=True))
        page.keyboard.type(words)
    tab_to(page, page.get_by_label("Maladministration"))
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Service failure")).to_be_checked()
    tab_to(page, page.get_by_label("Injustice"))
    page.keyboard.type("Distress.")
    follow(page, page.get_by_role("button", name="Save finding"))
    expect(page.get_by_text("Finding added.")).to_be_visible()

    # A recommendation: its kind first, then only that kind's questions.
    follow(page, part_link(page, "Recommendations"))
    follow(page, page.get_by_role("link", name="Add a recommendation"))
    who = page.get_by_label("Who must apologise")
    amount = page.get_by_label("Amount in pounds")
    expect(who).to_be_hidden()
    expect(amount).to_be_hidden()
    follow(page, page.get_by_role("button", name="Save recommendation"))
    expect_error_summary(page, "Select the kind of recommendation", "Enter what must be done")
    tab_to(page, page.get_by_label("Acknowledgement and apology"))
    page.keyboard.press("Space")
    expect(who).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(amount).to_be_visible()
    expect(who).to_be_hidden()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    tab_to(page, who)
    page.keyboard.type("the chief executive")
    tab_to(page, page.get_by_label("What the organisation must do"))
    page.keyboard.type("Apologise for not telling the family.")
    tab_to(page, page.get_by_label("Day"))
    page.keyboard.type("15")
    tab_to(page, page.get_by_label("Year"))
    page.keyboard.type("2099")
    follow(page, page.get_by_role("button", name="Save recommendation"))
    expect_error_summary(page, "Due date must include a month")
    expect(page.get_by_label("Day")).to_have_value("15")
    tab_to(page, page.get_by_label("Month"))
    page.keyboard.type("1")
    follow(page, page.get_by_role("button", name="Save recommendation"))
    expect(page.get_by_text("Recommendation added.")).to_be_visible()
    expect(page.locator("#recommendations")).to_contain_text("Due by 15 January 2099")

    # Removing asks first; "No" keeps it.
    follow(page, page.get_by_role("link", name="Remove the apology recommendation"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Are you sure")
    follow(page, page.get_by_role("link", name="No, keep it"))
    expect(page.locator("#recommendations")).to_contain_text("the chief executive")

    # The case's overview says where each part now stands.
    follow(page, part_link(page, "Overview"))
    expect(task_line(page, "Recommendations")).to_contain_text("Completed")
    assert [p for p in page.problems if not re.search(r" (400|422) ", f" {p} ")] == []


def test_a_compliance_date_that_is_not_real_is_said_in_an_error_summary(page):
    from playwright.sync_api import expect

    sign_in_by_keyboard(page, INVESTIGATOR)
    follow(page, page.get_by_role("link", name=FOLLOWED_CASE).first)
    follow(page, part_link(page, "Recommendations"))
    item = page.locator("#recommendations > li").first
    item.get_by_text("Decide on compliance").click()
    item.get_by_label("Day").first.fill("31")
    item.get_by_label("Month").first.fill("2")
    item.get_by_label("Year").first.fill("2026")
    item.get_by_role("button", name="Accept as complied with").click()
    expect_error_summary(page, "The date complied with must be a real date")
    expect(page.locator("#recommendations > li").first.get_by_label("Day").first) \
        .to_have_value("31")


# Links followed from a case's parts to the pages they open.
ONWARD_LINKS = ("Add a finding", "Add a recommendation", "Remove the apology recommendation",
                "Change outcome of complaint point 1", "Reword or remove complaint point 1",
                "Chronology", "Search the evidence", "Anonymised version for publication",
                "complaint-letter.pdf")


def test_files_dropped_on_the_upload_go_one_by_one_each_with_its_progress(page):
    from playwright.sync_api import expect

    sign_in_by_keyboard(page, INVESTIGATOR)
    page.get_by_role("link", name=DEMO_CASE).first.click()
    part_link(page, "Evidence").click()
    zone = page.locator(".casework-drop-zone")
    expect(zone).to_contain_text("Or drag files onto this box.")
    # What a drag from the desktop delivers: a DataTransfer holding the files.
    zone.evaluate("""(zone) => {
        const files = new DataTransfer();
        files.items.add(new File(["Notes of the call on 3 March 2026."], "call-notes.txt"));
        files.items.add(new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0])], "setup.exe"));
        files.items.add(new File(["Minutes of the meeting."], "minutes.txt"));
        zone.dispatchEvent(new DragEvent("drop", {dataTransfer: files, bubbles: true}));
    }""")
    expect(zone).to_contain_text("3 files to upload.")
    page.get_by_role("button", name="Upload files").click()
    lines = page.locator("[data-upload-progress] li")
    expect(lines).to_have_count(3)
    expect(lines.nth(2)).to_contain_text("Uploaded", timeout=30_000)
    expect(lines.nth(0)).to_contain_text("Uploaded")
    expect(lines.nth(1)).to_contain_text("setup.exe is not a kind of file we can read")
    expect(lines.nth(0).locator("progress")).to_have_attribute("value", "100")
    # The summary above the list now counts them, and follows them as they are read.
    expect(page.locator("#latest-evidence")).to_contain_text("minutes.txt")


# Pages whose width is another piece of work's (the chronology and search are being paged).
NOT_YET_NARROW = ("/chronology", "/search")


def case_pages(page, base: str) -> list[str]:
    """Every page of the demo's cases that a GET reaches, found by following their links."""
    pages = ["/", "/cases/"]
    for reference in (DEMO_CASE, "CW-2026-00002", FOLLOWED_CASE):
        page.goto("/cases/")
        page.get_by_role("link", name=reference).first.click()
        parts = [page.url]
        for name in (*PARTS, "History"):
            page.goto(parts[0])
            part_link(page, name).click()
            parts.append(page.url)
        pages += parts
        for link in ONWARD_LINKS:
            for url in parts:
                page.goto(url)
                found = page.get_by_role("link", name=link, exact=True)
                if found.count():
                    pages.append(found.first.get_attribute("href"))
                    break
    return list(dict.fromkeys(p.removeprefix(base) for p in pages))


def serious_violations(page) -> list[str]:
    if not page.evaluate("() => Boolean(window.axe)"):
        page.add_script_tag(content=AXE)
    found = page.evaluate("() => axe.run().then(result => result.violations)")
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in found if v["impact"] in ("serious", "critical")]


def test_axe_finds_nothing_serious_on_any_case_page_at_1280_or_320_px(browser, service):
    context = browser.new_context(base_url=service[0], bypass_csp=True)
    page = context.new_page()
    page.goto("/")
    page.get_by_label("Email address").fill(INVESTIGATOR[0])
    page.get_by_label("Password").fill(INVESTIGATOR[1])
    page.get_by_role("button", name="Sign in").click()
    urls = case_pages(page, service[0])
    assert len(urls) > 25
    wrong = []
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for url in urls:
            page.goto(url)
            wrong += [f"{width} px {url}: {v}" for v in serious_violations(page)]
            wider = page.evaluate("() => document.documentElement.scrollWidth")
            if wider > width and not url.endswith(NOT_YET_NARROW):
                wrong.append(f"{width} px {url}: the page is {wider} px wide")
    context.close()
    assert not wrong, "\n".join(wrong)
