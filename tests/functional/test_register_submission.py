"""A team registers its evaluation through the public form in a real browser, and an editor publishes it.

A team member on a 375 px phone with JavaScript off fills the form, forgets the consent box, gets the error summary
with everything kept, ticks it and sees the confirmation; an editor signs in through the login form, finds the draft
on the dashboard, publishes it in the page editor, and readers see the project on /register/. The form, its errors
and the confirmation are axe-clean at 1280 and 375 px with JavaScript on (axe hangs with it off)."""

import datetime

import pytest

from register.models import RegisteredProjectPage
from tests.functional.admin_ui import publish
from tests.functional.axe import axe_violations, describe
from tests.functional.conftest import MOBILE, browser_db

pytestmark = browser_db

TITLE = "Who misses the evening pharmacy check?"
NEXT_YEAR = str(datetime.date.today().year + 1)


@pytest.mark.parametrize("width", ["desktop", "mobile"])
def test_the_form_its_errors_and_the_confirmation_have_no_axe_violations(site, open_page, width):
    failures = []
    page = open_page(site["base"] + "/register/submit/", width=width)
    checks = [("form", page)]
    errors = open_page(site["base"] + "/register/submit/", width=width)
    errors.locator("#id_title").fill(TITLE)
    with errors.expect_navigation():
        errors.get_by_role("button", name="Send for checking").click()
    assert errors.get_by_role("heading", name="There is a problem").is_visible()
    checks.append(("form with errors", errors))
    checks.append(("confirmation", open_page(site["base"] + "/register/submit/thank-you/", width=width)))
    for label, checked in checks:
        violations = axe_violations(checked)
        if violations:
            failures.append(f"{label} at {width}:\n{describe(violations)}")
    assert not failures, "\n\n".join(failures)


def fill_the_form(page, site):
    page.get_by_label("Project title").fill(TITLE)
    page.get_by_label("What are you evaluating, and who might it leave out?").fill(
        "We want to know who does not come for a free check in the evening, and why."
    )
    page.get_by_label("Do", exact=True).check()
    page.get_by_label("Cohort (optional)").fill("Cohort 6 (2026)")
    page.get_by_label(site["service"].name).check()
    page.get_by_label(site["equity"].name, exact=True).check()
    page.get_by_label("Where? (optional)").select_option("northshore")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill(NEXT_YEAR)
    page.locator("#id_team_0_name").fill("Grace Okafor")
    page.locator("#id_team_0_role").select_option("public-adviser")
    page.locator("#id_team_1_name").fill("Priya Shah")
    page.locator("#id_team_1_role").select_option("practitioner")
    page.locator("#id_team_1_organisation").fill("Northshore Pharmacy")
    page.get_by_label("Contact name").fill("Priya Shah")
    page.get_by_label("Contact email address").fill("priya.shah@example.org")


def test_a_team_registers_on_a_phone_without_javascript_and_an_editor_publishes_it(site, person, editor):
    team = person(viewport=MOBILE, javascript=False)
    team.goto(site["base"] + "/register/")
    team.get_by_role("link", name="Register your evaluation").click()
    assert team.url.endswith("/register/submit/")
    fill_the_form(team, site)
    team.get_by_role("button", name="Send for checking").click()

    # The consent box was left empty: the error summary links to it and nothing typed is lost.
    summary = team.locator(".nhsuk-error-summary")
    assert summary.get_by_role("link", name="Confirm that the team agrees to the project being listed").is_visible()
    assert team.get_by_label("Project title").input_value() == TITLE
    assert team.locator("#id_team_1_organisation").input_value() == "Northshore Pharmacy"
    assert team.locator("#id_team_0_role").input_value() == "public-adviser"
    assert team.get_by_label(site["service"].name).is_checked()
    assert team.get_by_label("Year").input_value() == NEXT_YEAR
    assert not RegisteredProjectPage.objects.exists()

    team.get_by_label("The team agrees to this project being listed").check()
    team.get_by_role("button", name="Send for checking").click()
    assert team.get_by_role("heading", name="Project sent for checking").is_visible()
    assert team.get_by_text("An editor will check it before it appears").is_visible()
    team.goto(site["base"] + "/register/")
    assert TITLE not in team.content()  # a draft until an editor publishes it

    desk = person("editor")
    panel = desk.locator("#submitted-projects-section")
    panel.get_by_role("link", name=TITLE).click()
    assert "/edit/" in desk.url
    publish(desk)
    project = RegisteredProjectPage.objects.get()
    assert project.live and [m.name for m in project.team.order_by("sort_order")] == ["Grace Okafor", "Priya Shah"]

    team.goto(site["base"] + "/register/")
    team.get_by_role("link", name=TITLE).click()
    assert team.get_by_role("heading", name=TITLE, level=1).is_visible()
    assert team.get_by_text("Grace Okafor").first.is_visible()
    assert "priya.shah@example.org" not in team.content()
