"""The register of evaluations in progress in a real browser: axe-clean at 1280 and 375 px; a commissioner opens
/register/ from the menu, filters by stage, opens a project and follows it to its published evaluation; the filter
form works without JavaScript on a phone."""

import datetime

import pytest

from core.choices import Stage, TeamRole
from tests.functional.axe import axe_violations, describe
from tests.functional.conftest import MOBILE, browser_db
from tests.register.factories import SECRET_EMAIL, RegisteredProjectPageFactory

pytestmark = browser_db


@pytest.fixture
def register(site):
    """Projects on top of the browser tests' site (created before the browser starts)."""
    shared = {"services": [site["service"]], "equity_dimensions": [site["equity"]]}
    published = RegisteredProjectPageFactory(
        title="Evening blood pressure checks",
        stage=Stage.SHARE,
        published_evaluation=site["evaluation"],
        expected_completion=datetime.date(2024, 3, 1),
        **shared,
    )
    planned = RegisteredProjectPageFactory(title="Older men and talking therapy", stage=Stage.PLAN, **shared)
    under_way = RegisteredProjectPageFactory(
        title="Late bookings in pregnancy",
        stage=Stage.DO,
        cohort="Cohort 6 (2026)",
        team=[
            ("Grace Okafor", TeamRole.PUBLIC_ADVISER, ""),
            ("Priya Shah", TeamRole.PRACTITIONER, "Westmoor Maternity Service"),
        ],
        **shared,
    )
    return {**site, "published": published, "planned": planned, "under_way": under_way}


PAGES = {
    "register": "/register/",
    "register filtered": "/register/?stage=do&service=community-pharmacy",
    "register with no results and a bad parameter": "/register/?stage=act&service=nowhere",
    "project under way": "{under_way}",
    "project with its evaluation published": "{published}",
}


@pytest.mark.parametrize("width", ["desktop", "mobile"])
def test_register_pages_have_no_axe_violations(register, open_page, width):
    failures = []
    for label, path in PAGES.items():
        url = path.format(under_way=register["under_way"].url, published=register["published"].url)
        page = open_page(register["base"] + url, width=width)
        violations = axe_violations(page)
        if violations:
            failures.append(f"{label} ({url}) at {width}:\n{describe(violations)}")
        page.context.close()
    assert not failures, "\n\n".join(failures)


def test_a_commissioner_filters_by_stage_and_opens_a_project(register, person):
    page = person()
    page.goto(register["base"] + "/")
    menu = page.get_by_role("navigation", name="Menu")
    link = menu.get_by_role("link", name="Evaluations in progress")
    if not link.is_visible():  # NHS.UK's header script moves items that do not fit into its "More" list
        menu.get_by_role("button", name="More").click()
    link.click()
    assert page.url.endswith("/register/")
    assert page.locator("#projects-heading").inner_text() == "3 projects: 2 under way"
    page.get_by_label("Do").check()
    page.get_by_role("button", name="Apply filters").click()
    assert "stage=do" in page.url
    assert page.locator("#projects-heading").inner_text() == "1 project under way for Do"
    assert page.get_by_label("Do").is_checked()

    page.get_by_role("link", name="Late bookings in pregnancy").click()
    assert page.get_by_role("heading", name="Late bookings in pregnancy", level=1).is_visible()
    assert page.get_by_text("including 1 public adviser: Grace Okafor").is_visible()
    assert page.get_by_text("Cohort 6 (2026)").is_visible()
    assert page.get_by_text("March 2027").is_visible()
    assert SECRET_EMAIL not in page.content()

    page.go_back()
    page.get_by_role("link", name="Clear filters").click()
    page.get_by_role("link", name="Evening blood pressure checks").click()
    page.get_by_role("link", name=register["evaluation"].title).click()
    assert page.url.endswith(register["evaluation"].url)


def test_the_filter_form_works_on_a_phone_without_javascript(register, person):
    page = person(viewport=MOBILE, javascript=False)
    page.goto(register["base"] + "/register/?stage=nonsense")
    assert page.get_by_text("We did not recognise “nonsense”").is_visible()
    page.get_by_label("Plan").check()
    page.get_by_label("Service").select_option("community-pharmacy")
    page.get_by_role("button", name="Apply filters").click()
    assert "stage=plan" in page.url and "service=community-pharmacy" in page.url
    assert (
        page.locator("#projects-heading").inner_text()
        == "1 project under way for Plan, Primary care › Community pharmacy"
    )
    page.get_by_role("link", name="Older men and talking therapy").click()
    assert page.get_by_text("Plan", exact=True).is_visible()
