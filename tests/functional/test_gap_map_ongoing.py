"""Evaluations under way on the evidence gap map, in a real browser: a commissioner opens /evidence-map/ (at 1280 and
375 px), reads "2 evaluations under way" in a cell with no evidence and follows it to the register filtered the same
way; the map is axe-clean with JavaScript on, and works without it."""

import pytest

from core.choices import Stage
from devdata.factories import EquityDimensionFactory
from evidence.models import Framework
from tests.functional.axe import axe_violations, describe
from tests.functional.conftest import DESKTOP, MOBILE, browser_db
from tests.register.factories import RegisteredProjectPageFactory

pytestmark = browser_db

MAP = "/evidence-map/?framework=equality-act"
CELL_LINK = "2 evaluations under way for Community pharmacy and Sex"
HEADING = "3 projects for Primary care › Community pharmacy, Sex: 2 under way"


@pytest.fixture
def under_way(site):
    """Two projects on a pair with no published evaluation, one handed over to the site's evaluation, one draft:
    created before the browser starts."""
    sex = EquityDimensionFactory(name="Sex", slug="sex", framework=Framework.EQUALITY_ACT, sort_order=2)
    shared = {"services": [site["service"]], "equity_dimensions": [sex]}
    RegisteredProjectPageFactory(title="Men and pharmacy checks", stage=Stage.DO, **shared)
    RegisteredProjectPageFactory(title="Women's health in pharmacies", stage=Stage.PLAN, **shared)
    RegisteredProjectPageFactory(title="Unfinished draft project", live=False, **shared)
    RegisteredProjectPageFactory(
        title="Checks now published", published_evaluation=site["evaluation"], **shared
    )  # handed over: the register lists it, the map no longer counts it
    return {**site, "sex": sex}


def gap_cell(page):
    row = page.locator("tbody tr", has=page.locator("th[scope=row]", has_text="Community pharmacy"))
    return row.locator("td").nth(1)  # Age, then Sex


@pytest.mark.parametrize("width", ["desktop", "mobile"])
def test_the_map_with_work_under_way_has_no_axe_violations(under_way, open_page, width):
    page = open_page(under_way["base"] + MAP, width=width)
    assert page.get_by_role("link", name=CELL_LINK).count() == 1
    violations = axe_violations(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize("viewport", [DESKTOP, MOBILE], ids=["desktop", "mobile"])
def test_a_commissioner_reads_the_work_under_way_and_opens_the_register(under_way, person, viewport):
    page = person(viewport=viewport)
    page.goto(under_way["base"] + "/evidence-map/")
    page.get_by_label("Equity framework").select_option("equality-act")
    page.get_by_role("button", name="Show the map").click()
    assert "framework=equality-act" in page.url

    cell = gap_cell(page)
    assert "Gap" in cell.inner_text()  # no published evidence for the pair
    link = cell.get_by_role("link", name=CELL_LINK)
    # In words on screen, not by colour; the pair is for screen readers (visually hidden, as on every cell).
    assert link.is_visible() and link.evaluate("a => a.firstChild.textContent") == "2 evaluations under way"
    assert page.get_by_text("Some cells also say how many evaluations are under way").is_visible()

    link.click()
    page.wait_for_url("**/register/?service=community-pharmacy&equity=sex")
    assert page.locator("#projects-heading").inner_text() == HEADING  # the same 2 as the map
    titles = page.locator(".portal-project-list h3").all_inner_texts()
    # The register still lists the project that handed over (marked with its evaluation); the map did not count it.
    assert sorted(titles) == ["Checks now published", "Men and pharmacy checks", "Women's health in pharmacies"]


def test_the_map_works_without_javascript_on_a_phone(under_way, person):
    page = person(viewport=MOBILE, javascript=False)
    page.goto(under_way["base"] + "/evidence-map/")
    page.get_by_label("Equity framework").select_option("equality-act")
    page.get_by_role("button", name="Show the map").click()
    link = gap_cell(page).get_by_role("link", name=CELL_LINK)
    assert link.is_visible()
    link.click()
    assert "equity=sex" in page.url
    assert "Men and pharmacy checks" in page.locator(".portal-project-list").inner_text()
