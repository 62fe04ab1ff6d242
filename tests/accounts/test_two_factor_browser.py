"""Two-factor sign-in in Chromium through Wagtail's own login form, on a 375 px phone: a public adviser turns it
on from their account (reading the key off the page, as someone typing it into a phone app would), signs out, and
signs in with password and code; wrong codes are refused with the form kept; with PORTAL_REQUIRE_2FA an editor
must enrol before any other admin page and a public adviser need not. axe-clean, no console error, no sideways
scrolling."""

import re
import time

from django.test import override_settings
from playwright.sync_api import expect

from evidence import roles
from tests.accounts.totp import code_for, wrong_code
from tests.functional.axe import assert_accessible
from tests.functional.conftest import MOBILE, browser_db
from tests.functional.journey import sign_in

pytestmark = browser_db
CODE_LABEL = "Code from your authenticator app"


def no_sideways_scroll(page):
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at {page.viewport_size['width']}px"


def settled(page):
    """Waits for the admin's message to finish sliding in: axe measures colour contrast as it is drawn."""
    page.evaluate("() => Promise.all(document.getAnimations().map(animation => animation.finished))")
    return page


def enter_code(page, code, button):
    field = page.get_by_label(CODE_LABEL)
    field.fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def enrol(page):
    """On the set-up page: reads the key shown as text, refuses a wrong code, accepts the app's code."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    qr = page.get_by_role("img", name=re.compile("QR code"))
    expect(qr).to_be_visible()
    assert page.evaluate("img => img.naturalWidth > 0", qr.element_handle())  # drawn, not fetched
    secret = page.locator("#two-factor-secret").inner_text()
    field = page.get_by_label(CODE_LABEL)
    assert field.get_attribute("autocomplete") == "one-time-code"
    assert field.get_attribute("inputmode") == "numeric"
    no_sideways_scroll(page)
    assert_accessible(page, "the two-factor set-up page")

    enter_code(page, wrong_code(secret), "Turn on two-factor")
    expect(page.locator(".messages").get_by_text("That code is not right")).to_be_visible()
    expect(page.get_by_label(CODE_LABEL)).to_have_attribute("aria-invalid", "true")
    assert page.title().startswith("Error:")
    assert_accessible(settled(page), "the set-up page with an error")
    time.sleep(1.2)  # django-otp's wait after a wrong code (1 s)
    enter_code(page, code_for(secret), "Turn on two-factor")
    return secret


def sign_out(page, base):
    """Wagtail's own sign-out (a POST with the page's CSRF token), as its account menu sends it."""
    token = next(cookie["value"] for cookie in page.context.cookies() if cookie["name"] == "csrftoken")
    response = page.request.post(f"{base}/admin/logout/", form={"csrfmiddlewaretoken": token})
    assert response.ok
    page.goto(f"{base}/admin/")
    assert "/admin/login/" in page.url


def test_public_adviser_turns_on_two_factor_on_a_phone_and_signs_in_with_a_code(site, make_user, person):
    make_user("adviser", roles.PUBLIC_ADVISERS)
    base = site["base"]
    page = person("adviser", viewport=MOBILE)
    # Their account page links here (test_two_factor_rules.py); it is not opened in Chromium, where Wagtail's own
    # time-zone menu logs a console error for this machine's "localtime" zone.
    page.goto(f"{base}/admin/two-factor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in")
    page.get_by_role("link", name="Set up two-factor sign-in").click()
    secret = enrol(page)
    expect(page.locator("body")).to_contain_text("Two-factor sign-in is set up")
    expect(page.get_by_role("button", name="Remove two-factor sign-in")).to_be_visible()

    sign_out(page, base)
    sign_in(page, base, "adviser")  # the password is right: the code is asked next
    assert "/admin/two-factor/verify/" in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")
    no_sideways_scroll(page)
    assert_accessible(page, "the sign-in code page")
    page.goto(f"{base}/admin/pages/")  # nothing else opens before the code
    assert "/admin/two-factor/verify/" in page.url

    enter_code(page, wrong_code(secret), "Continue")
    expect(page.locator(".messages").get_by_text("That code is not right")).to_be_visible()
    assert "/admin/two-factor/verify/" in page.url
    time.sleep(1.2)
    enter_code(page, code_for(secret, steps_ahead=1), "Continue")  # the enrolment used this step's code
    assert page.url.startswith(f"{base}/admin/pages/")  # the page asked for (Wagtail opens their part of the tree)


@override_settings(PORTAL_REQUIRE_2FA=True)
def test_when_required_an_editor_enrols_first_and_a_public_adviser_is_not_asked(site, make_user, person):
    make_user("editor", roles.EDITORS)
    make_user("adviser", roles.PUBLIC_ADVISERS)
    base = site["base"]

    editor = person("editor", viewport=MOBILE)
    assert "/admin/two-factor/set-up/" in editor.url
    expect(editor.locator("main")).to_contain_text("Your account must use two-factor sign-in")
    editor.goto(f"{base}/admin/pages/")
    assert "/admin/two-factor/set-up/" in editor.url  # no other admin page before enrolment
    enrol(editor)
    assert editor.url.startswith(f"{base}/admin/pages/")
    expect(editor.get_by_role("heading", level=1)).to_be_visible()

    adviser = person("adviser", viewport=MOBILE)
    assert adviser.url == f"{base}/admin/"


@override_settings(PORTAL_REQUIRE_2FA=True)
def test_the_code_page_works_without_javascript(site, make_user, person):
    make_user("editor", roles.EDITORS)
    base = site["base"]
    page = person("editor", viewport=MOBILE, javascript=False)
    secret = page.locator("#two-factor-secret").inner_text()
    enter_code(page, code_for(secret), "Turn on two-factor")
    sign_out(page, base)
    sign_in(page, base, "editor")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()  # the code page's own way out
    page.goto(f"{base}/admin/")
    assert "/admin/login/" in page.url
    sign_in(page, base, "editor")
    enter_code(page, code_for(secret, steps_ahead=1), "Continue")
    assert page.url == f"{base}/admin/"
