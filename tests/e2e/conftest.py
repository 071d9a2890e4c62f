"""The browser tests' fixtures: `casework run` started as `make run` starts it, with letters
sent to a test SMTP server, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os

import pytest

from tests.e2e.browsing import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.demo_service import demo_service
from tests.smtp import smtp_server


@pytest.fixture(scope="module")
def smtp():
    with smtp_server() as server:
        yield server


@pytest.fixture(scope="module")
def service(tmp_path_factory, smtp):
    """The demo served as `make run` serves it, with letters sent to the test's SMTP server:
    its address and the path of its log."""
    data_dir = tmp_path_factory.mktemp("var")
    with demo_service(data_dir, smtp.env()) as base:
        yield base, data_dir / "run.log"


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        message = "Chromium is not installed (Debian package: chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, service):
    context = browser.new_context(base_url=service[0], accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400
            else None)
    page.problems = problems
    yield page
    context.close()
