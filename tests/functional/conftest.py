"""Browser tests: Playwright (PyPI) driving Debian's chromium against pytest-django's live server.

Each browser test runs in a transactional database (the live server answers from another thread, so data must
be committed); `serialized_rollback` restores the site structure the migrations create after each flush.

Playwright is started per test, after the database and the site data are ready, and stopped before the database
is flushed: while Playwright's event loop runs, Django hands this thread a different connection object, one
without the serialized snapshot the flush-and-restore needs.
"""

import os
import shutil
from contextlib import contextmanager

import pytest

from tests.functional.site_data import build_site

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}
WIDTHS = {"desktop": DESKTOP, "mobile": MOBILE}

# Browser tests need a database the live server can see: transactional, with the migrated site restored.
browser_db = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@contextmanager
def launched_chromium():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps` (tools/browser/install.sh).")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, and Django refuses ORM calls from a thread with a
    # running loop unless told it is safe. Only while the browser runs: a leaked setting fails `check --deploy`.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def browser(site):
    """Chromium, started once the site data is committed (see the module docstring)."""
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture
def open_page(browser):
    """open_page(url, width="desktop", javascript=True) → a Playwright page that has loaded `url`."""
    contexts = []

    def open_(url, width="desktop", javascript=True):
        context = browser.new_context(viewport=WIDTHS[width], java_script_enabled=javascript, locale="en-GB")
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def site(transactional_db, live_server):
    """A small, complete site: every page type, linked glossary terms, a signed-off summary, a case study."""
    data = build_site()
    data["base"] = live_server.url
    return data


from tests.functional.journey import person  # noqa: E402, F401  (the journey fixture, shared by every journey test)
