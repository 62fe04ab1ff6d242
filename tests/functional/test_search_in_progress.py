"""Evaluations in progress in search, in a real browser: a commissioner searches, sees that evaluations in progress
also match (left out of the results by default), includes them in one click and opens one; axe-clean at 1280 and
375 px with JavaScript on, and the same journey without JavaScript."""

import pytest

from core.choices import Stage
from tests.functional.axe import axe_violations, describe
from tests.functional.conftest import DESKTOP, MOBILE, browser_db
from tests.register.factories import RegisteredProjectPageFactory

pytestmark = browser_db

ALSO = "2 evaluations in progress also match:"
PROJECT = "Blood pressure checks for young men"


@pytest.fixture
def in_progress(site):
    """Two public projects that match "blood" and a draft that must not show: created before the browser starts."""
    shared = {"services": [site["service"]], "equity_dimensions": [site["equity"]]}
    RegisteredProjectPageFactory(title=PROJECT, summary="Who comes for a blood pressure check.", **shared)
    RegisteredProjectPageFactory(
        title="Blood pressure at the food bank", summary="Checks where people get food.", stage=Stage.PLAN, **shared
    )
    RegisteredProjectPageFactory(title="Blood pressure draft project", live=False, **shared)
    return site


def result_titles(page):
    return page.locator(".portal-result__title").all_inner_texts()


@pytest.mark.parametrize("width", ["desktop", "mobile"])
def test_the_search_page_with_evaluations_in_progress_has_no_axe_violations(in_progress, open_page, width):
    page = open_page(in_progress["base"] + "/search/?q=blood", width=width)
    assert ALSO in page.locator(".portal-also-matching").inner_text()
    violations = axe_violations(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize(
    ("viewport", "javascript"), [(DESKTOP, True), (MOBILE, False)], ids=["desktop", "phone without javascript"]
)
def test_a_commissioner_includes_evaluations_in_progress_in_one_click_and_opens_one(
    in_progress, person, viewport, javascript
):
    page = person(viewport=viewport, javascript=javascript)
    page.goto(in_progress["base"] + "/search/")
    page.fill("#search-q", "blood")
    with page.expect_navigation():
        page.locator(".portal-search-form button[type=submit]").click()

    titles = result_titles(page)
    assert len(titles) == 2 and PROJECT not in titles  # finished evidence only
    also = page.locator(".portal-also-matching")
    assert also.inner_text().startswith(f"{ALSO} show them")
    facet = page.locator(".portal-facet a", has_text="Evaluation in progress")
    assert facet.inner_text().startswith("Evaluation in progress (2)")
    assert "portal-facet__link--selected" not in facet.get_attribute("class")

    with page.expect_navigation():
        also.get_by_role("link").click()
    assert "type=in-progress" in page.url
    assert page.locator("#results-heading").inner_text().startswith("4 results for ‘blood’")
    titles = result_titles(page)
    assert PROJECT in titles and "Blood pressure at the food bank" in titles
    assert "Blood pressure draft project" not in page.content()
    assert page.locator(".portal-also-matching").count() == 0
    labels = page.locator(".portal-result", has_text=PROJECT).locator(".portal-result__type").inner_text()
    assert labels.startswith("Evaluation in progress")

    with page.expect_navigation():
        page.get_by_role("link", name=PROJECT).click()
    assert page.locator("h1").inner_text() == PROJECT
    assert "/register/" in page.url
    if javascript:
        violations = axe_violations(page)  # axe needs JavaScript
        assert not violations, describe(violations)
