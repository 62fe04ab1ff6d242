"""The three public forms have no axe (WCAG 2.2 A/AA) violations empty or sent back with errors, at both widths.
Errors come from a real submission in the browser: the forms are sent empty."""

from tests.functional.axe import axe_violations, describe
from tests.functional.conftest import browser_db

pytestmark = browser_db

FORMS = {"glossary suggestion": "/suggest-a-glossary-term/", "evaluation proposal": "/propose-an-evaluation/"}


def send_empty(page, form_selector):
    with page.expect_navigation():
        page.locator(form_selector).locator("button[type=submit]").click()


def check(page, label, failures):
    violations = axe_violations(page)
    if violations:
        failures.append(f"── {label} ({page.url}):\n{describe(violations)}")


def test_forms_empty_and_with_errors(site, open_page):
    failures = []
    for width in ("desktop", "mobile"):
        for name, path in FORMS.items():
            page = open_page(site["base"] + path, width=width)
            check(page, f"{name} form, empty, at {width} width", failures)
            send_empty(page, f"main form[action='{path}']")
            assert page.locator(".nhsuk-error-summary").count() == 1, f"{name}: no error summary after sending it empty"
            check(page, f"{name} form with errors at {width} width", failures)
    assert not failures, "axe found WCAG A/AA violations:\n" + "\n".join(failures)


def test_page_feedback_with_errors(site, open_page):
    failures = []
    for width in ("desktop", "mobile"):
        page = open_page(site["base"] + site["evaluation"].url, width=width)
        send_empty(page, "#feedback form")
        assert page.url.startswith(site["base"] + "/feedback/"), page.url
        assert page.locator(".nhsuk-error-summary").count() == 1, "no error summary on /feedback/"
        check(page, f"/feedback/ with errors at {width} width", failures)
    assert not failures, "axe found WCAG A/AA violations:\n" + "\n".join(failures)
