"""What every journey test shares: signing in through the real admin login form, and failing on any browser
console error (a CSP refusal, a failed script, an uncaught exception) on the pages a journey visits."""

from urllib.parse import urlsplit

import pytest

from tests.functional.conftest import DESKTOP


class ConsoleWatch:
    """Collects console errors and uncaught page errors from every page of a browser context."""

    def __init__(self, context):
        self.errors = []
        self.failed_loads = []  # (error, resource URL): "Failed to load resource" errors, judged at the end
        self.autosave_refusals = set()
        self.outside = []  # requests to any host but the test server: nothing may load from the internet
        context.on("request", self._request)
        context.on("response", self._response)
        context.on("requestfailed", self._request_failed)
        context.on("page", self.watch)
        for page in context.pages:
            self.watch(page)

    def watch(self, page):
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: uncaught {error}"))

    def _console(self, page, message):
        if message.type != "error":
            return
        if message.text.startswith("Failed to load resource"):
            url = message.location.get("url")
            self.failed_loads.append((f"{page.url}: {message.text} ({url})", url))
        else:
            self.errors.append(f"{page.url}: {message.text}")

    def _request(self, request):
        host = urlsplit(request.url).hostname
        if host and host not in ("localhost", "127.0.0.1"):
            self.outside.append(f"{request.frame.url if request.frame else ''}: {request.resource_type} {request.url}")

    def _request_failed(self, request):
        # Named with its URL (the console's "Failed to load resource" line names only the page). A load cut short
        # by leaving the page (net::ERR_ABORTED) is not a failure of the page.
        if "ERR_ABORTED" in (request.failure or ""):
            return
        if not any(url == request.url for _error, url in self.failed_loads):
            self.failed_loads.append((f"{request.frame.url}: {request.failure} ({request.url})", request.url))

    def _response(self, response):
        # Wagtail 8 autosaves the editor's form as a person types; until every required field is filled it answers
        # 400 "validation_error" (the editor shows "Autosave is paused"), which the browser logs as a failed load.
        # Only that answer is expected: any other failed load still fails the test.
        request = response.request
        if response.status != 400 or request.method != "POST" or "json" not in request.headers.get("accept", ""):
            return
        try:
            refused = response.json().get("error_code") == "validation_error"
        except Exception:  # not Wagtail's JSON answer
            return
        if refused:
            self.autosave_refusals.add(response.url)

    def assert_clean(self):
        errors = self.errors + [
            error
            for error, url in self.failed_loads
            if not (url in self.autosave_refusals and "status of 400" in error)
        ]
        problems = [*errors, *(f"request that left the portal: {request}" for request in self.outside)]
        assert not problems, "Browser console errors:\n" + "\n".join(problems)


def sign_in(page, base, username, password="pw"):
    """Signs in as a person would: the admin login form, then the dashboard."""
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/admin/login/" not in page.url, f"{username} could not sign in"
    return page


@pytest.fixture
def person(browser, live_server):
    """person(username=None) → a Playwright page in a fresh browser context, signed in when a username is given.

    Each person has their own context (cookies), as separate people on separate machines. Every console error on
    any page any of them visited fails the test at the end."""
    contexts, watches = [], []

    def open_(username=None, password="pw", viewport=DESKTOP, javascript=True):
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript, locale="en-GB")
        context.set_default_timeout(15_000)
        watches.append(ConsoleWatch(context))
        contexts.append(context)
        page = context.new_page()
        if username:
            sign_in(page, live_server.url, username, password)
        return page

    yield open_
    for context in contexts:
        context.close()
    for watch in watches:
        watch.assert_clean()
