"""A reader's search in Chromium, with and without JavaScript: a phrase that names a service also finds what is
tagged with it, the page says so in words, one link turns the phrase into the filter and another searches only the
typed words; the choice survives the search form. axe-clean, no console error (the `person` fixture checks)."""

import pytest

from devdata.factories import GlossaryTermFactory
from tests.functional.axe import axe_violations, describe
from tests.functional.conftest import browser_db

pytestmark = browser_db

NOTICE = ".portal-concepts"


def check_axe(page, javascript):
    """axe runs as a script in the page: only where the page allows scripts (it hangs where it does not)."""
    if javascript:
        violations = axe_violations(page)
        assert not violations, describe(violations)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no javascript"])
def test_a_reader_sees_what_was_added_turns_it_into_the_filter_or_leaves_it_out(site, person, javascript):
    # The glossary entry that explains the service gives it an everyday name that no page uses.
    GlossaryTermFactory(
        term="Pharmacy", slug="pharmacy", definition="A shop that gives medicines.", aliases="chemist shop",
        service=site["service"],
    )  # fmt: skip
    reader = person(javascript=javascript)
    reader.goto(f"{site['base']}/search/?q=chemist+shops")
    notice = reader.locator(NOTICE)
    assert "Also searching for evidence tagged Community pharmacy (service)." in notice.inner_text()
    titles = reader.locator(".portal-result__title").all_inner_texts()
    assert {site["case_study"].title, site["evaluation"].title} <= set(titles)  # tagged, without the words
    check_axe(reader, javascript)

    with reader.expect_navigation():
        notice.get_by_role("link", name="Show only evidence tagged Community pharmacy").click()
    assert reader.url.endswith("/search/?service=community-pharmacy")
    assert reader.locator("#search-q").input_value() == ""
    assert "Community pharmacy" in reader.locator(".portal-selected").inner_text()

    reader.go_back()
    with reader.expect_navigation():
        reader.locator(NOTICE).get_by_role("link", name="Search only for the words you typed").click()
    assert "concepts=off" in reader.url
    assert "You searched only for the words you typed" in reader.locator(NOTICE).inner_text()
    left = set(reader.locator(".portal-result__title").all_inner_texts())
    assert left == {"Pharmacy"}  # the glossary entry alone: no evidence page says "chemist shops"
    # A new search from the form keeps the reader's choice.
    reader.locator("#search-q").fill("chemist shop")
    with reader.expect_navigation():
        reader.locator(".portal-search-form").get_by_role("button", name="Search").click()
    assert "concepts=off" in reader.url
    check_axe(reader, javascript)
