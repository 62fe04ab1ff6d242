"""Search on a 375 px phone: the results are one link away from the top of the page (the filters come first in
reading and focus order, and are long), the filters still work there, and "Did you mean …?" is shown with them."""

import pytest

from tests.functional.axe import axe_violations, describe
from tests.functional.conftest import MOBILE, browser_db

pytestmark = browser_db

SKIP = ".portal-skip-to-results a"
IN_VIEW = """(selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight && box.width > 1 && box.height > 1;
}"""


def in_view(page, selector):
    return page.evaluate(IN_VIEW, selector)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no javascript"])
def test_on_a_phone_one_link_at_the_top_leads_to_the_first_result(site, open_page, javascript):
    page = open_page(site["base"] + "/search/?q=blood", width="mobile", javascript=javascript)
    assert in_view(page, ".portal-skip-to-results"), "the skip link is on the first screen"
    assert page.locator(SKIP).inner_text() == "Skip to 2 results"
    # The filters come first: without the link the first result is far below the first screen.
    assert page.locator(".portal-result__title").first.bounding_box()["y"] > MOBILE["height"]

    page.locator(SKIP).click()
    assert in_view(page, ".portal-result__title a"), "the first result's heading is on screen after the link"
    assert page.evaluate("document.activeElement.id") == "results-heading"  # Tab continues from the results
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#results-heading ~ *') !== null")


def test_on_a_phone_the_filters_still_work(site, open_page):
    page = open_page(site["base"] + "/search/?q=blood", width="mobile")
    page.get_by_text("Type of evidence").first.scroll_into_view_if_needed()
    page.locator(".portal-facet a", has_text="Plain-language summary").first.click()
    page.wait_for_url("**type=summary**")
    assert page.locator(SKIP).inner_text() == "Skip to 1 result"
    page.locator(SKIP).click()
    assert in_view(page, ".portal-result__title a")
    assert page.locator(".portal-result__title").all_inner_texts() == ["Blood pressure checks: what we found"]


def test_on_a_phone_a_misspelt_search_offers_the_word_with_the_results(site, open_page):
    violations = axe_violations(open_page(site["base"] + "/search/?q=pharmcy", width="mobile"))  # axe needs JS
    assert not violations, describe(violations)
    page = open_page(site["base"] + "/search/?q=pharmcy", width="mobile", javascript=False)
    page.locator(SKIP).click()
    assert in_view(page, ".portal-suggestion a")
    assert page.locator(".portal-suggestion").inner_text() == "Did you mean pharmacy?"
    page.locator(".portal-suggestion a").click()
    page.wait_for_url("**q=pharmacy")
    assert page.locator("#search-q").input_value() == "pharmacy"
    assert page.locator(".portal-result").count() >= 1


def test_on_a_desktop_the_link_shows_only_when_focused(site, open_page):
    page = open_page(site["base"] + "/search/?q=blood", width="desktop")
    assert not in_view(page, ".portal-skip-to-results")  # clipped to 1 px
    assert page.locator(".portal-result__title").first.bounding_box()["y"] < 900  # beside the filters
    page.locator("#search-q").focus()
    page.keyboard.press("Tab")  # the Search button
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to 2 results"
    assert in_view(page, ".portal-skip-to-results")
