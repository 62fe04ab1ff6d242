"""The admin lockout as a person meets it in Chromium: Wagtail's own login form, wrong passwords until the lockout
page, the right password refused while locked, then signing in after the cool-off. No console error but the
expected 429 of the lockout page itself."""

import time
from datetime import timedelta

from django.test import override_settings
from playwright.sync_api import expect

from tests.functional.conftest import DESKTOP, browser_db
from tests.functional.journey import ConsoleWatch, sign_in

pytestmark = browser_db
COOL_OFF_SECONDS = 3


def submit(page, base, password):
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", password)
    with page.expect_navigation() as navigation:
        page.click("button[type=submit]")
    return navigation.value


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, AXES_COOLOFF_TIME=timedelta(seconds=COOL_OFF_SECONDS))
def test_locked_out_through_the_login_form_then_released(site, make_user, browser):
    make_user("editor", "Editors")
    base = site["base"]
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    watch = ConsoleWatch(context)
    page = context.new_page()

    for _ in range(2):
        assert submit(page, base, "wrong").status == 200
        expect(page.locator("main")).to_contain_text("Your username and password didn't match")
    assert submit(page, base, "wrong").status == 429
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many failed sign-in attempts")
    expect(page.locator("main")).to_contain_text("You can try again in 1 minute.")
    assert submit(page, base, "pw").status == 429  # the right password is refused while locked

    time.sleep(COOL_OFF_SECONDS + 0.5)
    sign_in(page, base, "editor")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    unexpected = watch.errors + [f"{error} {url}" for error, url in watch.failed_loads if "status of 429" not in error]
    context.close()
    assert not unexpected, unexpected
