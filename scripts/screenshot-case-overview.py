"""The README's picture of a case's overview: the demo served as `make run` serves it, in a
scratch data directory, and headless Chromium's view of the demo case.

    .venv/bin/python scripts/screenshot-case-overview.py   # writes docs/case-overview.png
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.e2e.browsing import CHROMIUM, CHROMIUM_ARGS, INVESTIGATOR  # noqa: E402
from tests.e2e.demo_service import demo_service  # noqa: E402

OUT = REPO / "docs" / "case-overview.png"


def main() -> None:
    with tempfile.TemporaryDirectory() as data_dir, demo_service(Path(data_dir)) as base, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(base_url=base, viewport={"width": 1280, "height": 900})
        page.goto("/")
        page.get_by_label("Email address").fill(INVESTIGATOR[0])
        page.get_by_label("Password").fill(INVESTIGATOR[1])
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("link", name="CW-2026-00001").click()
        # The demo's files are read by the worker that `casework run` started; the overview
        # says so once it is loaded again.
        evidence = page.locator(".govuk-task-list__item").first
        for _ in range(60):
            if "still being read" not in evidence.inner_text():
                break
            page.wait_for_timeout(2000)
            page.reload()
        expect(evidence).not_to_contain_text("still being read")
        OUT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(OUT), full_page=True)
        browser.close()
    print(f"wrote {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
