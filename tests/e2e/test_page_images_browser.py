"""A document's page in a real browser: each page's picture beside its text, drawn by the
worker that `casework run` started, and a cited passage marked on the picture."""

from __future__ import annotations

import pytest

from tests.e2e.browsing import INVESTIGATOR, open_part, sign_in

pytestmark = pytest.mark.e2e


def test_an_investigator_sees_the_page_and_the_cited_passage_on_it(page):
    from playwright.sync_api import expect

    sign_in(page, INVESTIGATOR)
    page.get_by_role("link", name="CW-").first.click()
    open_part(page, "Evidence")
    statuses = page.locator("#latest-evidence .casework-status .govuk-tag")
    # The worker learns the classifier before its first file: on a busy machine, a while.
    expect(statuses.first).to_have_text("Processed", timeout=180_000)
    page.locator("#latest-evidence").get_by_role("link", name="complaint-letter.pdf").click()

    picture = page.get_by_role("img", name="Page 1 of complaint-letter.pdf")
    # Drawn after the text is saved: the page shows it once the worker has.
    for _ in range(60):
        if picture.count():
            break
        page.wait_for_timeout(1000)
        page.reload()
    picture.scroll_into_view_if_needed()
    expect(picture).to_be_visible()
    page.wait_for_function("image => image.complete && image.naturalWidth > 0",
                           arg=picture.element_handle())
    expect(page.get_by_role("navigation", name="Pages of complaint-letter.pdf")).to_have_count(
        page.locator(".casework-page-strip").count())

    page.goto(page.url.split("?")[0].split("#")[0]
              + "?page=1&quote=Nobody+told+us+for+two+days#page-1")
    marks = page.locator("[data-passage-marks] rect")
    expect(marks).to_have_count(1)
    expect(page.get_by_text("The cited passage, “Nobody told us for two days”, is marked")) \
        .to_be_visible()
    # The mark lies over the picture, in the lower part of the letter's lines.
    frame, box = picture.bounding_box(), marks.first.bounding_box()
    assert frame["x"] <= box["x"] < box["x"] + box["width"] <= frame["x"] + frame["width"]
    assert frame["y"] < box["y"] < frame["y"] + frame["height"] / 2
    assert page.problems == []
