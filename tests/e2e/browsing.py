"""What the browser tests do as a person would: sign in, select text, download a document."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.drafting import document_text

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags for a machine whose only network is loopback: no background calls home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def select_text(page, container: str, words: str) -> None:
    """Select `words` inside `container` as a reader dragging the mouse would."""
    page.locator(container).evaluate("""(element, words) => {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent.indexOf(words);
            if (at >= 0) {
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + words.length);
                window.getSelection().removeAllRanges();
                window.getSelection().addRange(range);
                element.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
                return;
            }
        }
        throw new Error("not on the page: " + words);
    }""", words)


def downloaded_text(page, link: str) -> str:
    with page.expect_download() as download:
        page.get_by_role("link", name=link).click()
    return document_text(Path(download.value.path()).read_bytes())


INVESTIGATOR = ("investigator@example.org", "investigator-demo")
REVIEWER = ("reviewer@example.org", "reviewer-demo")


def sign_in(page, account: tuple[str, str], reference: str | None = None) -> None:
    """Sign in (signing out whoever was in), then open the case `reference` if given."""
    from playwright.sync_api import expect

    if page.get_by_role("button", name="Sign out").count():
        # Wait for the sign-out's own answer: a page asked for meanwhile may reach another
        # web process before it, still signed in.
        page.get_by_role("button", name="Sign out").click()
        expect(page.get_by_text("You have signed out.")).to_be_visible()
    else:
        page.goto("/")
    expect(page.get_by_role("heading", name="Sign in to Casework")).to_be_visible()
    page.get_by_label("Email address").fill(account[0])
    page.get_by_label("Password").fill(account[1])
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    if reference:
        page.get_by_role("link", name=reference).click()


def open_part(page, name: str) -> None:
    """Follow the case's sub-navigation to one of its parts ("Evidence", "Decision"...)."""
    page.get_by_role("navigation", name="Parts of this case").get_by_role(
        "link", name=name, exact=True).click()
