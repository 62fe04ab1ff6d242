"""A reader joins two searches with OR in Chromium, with and without JavaScript: "seafront OR dental" finds the
story about the seafront and the children's dental evaluation, which neither word finds alone and "seafront dental"
(both words) does not; the search box keeps what was typed, the facet counts add up, and the hint says how.
axe-clean where scripts run, no console error (the `person` fixture checks)."""

import pytest

from tests.functional.axe import axe_violations, describe
from tests.functional.conftest import browser_db

pytestmark = browser_db


def titles(page):
    return set(page.locator(".portal-result__title").all_inner_texts())


def search_for(page, words):
    page.locator("#search-q").fill(words)
    with page.expect_navigation():
        page.locator(".portal-search-form").get_by_role("button", name="Search").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no javascript"])
def test_a_reader_finds_either_of_two_things_with_or(site, person, javascript):
    reader = person(javascript=javascript)
    reader.goto(f"{site['base']}/search/")
    assert "Use OR in capitals to find either" in reader.locator("#search-q-hint").inner_text()

    search_for(reader, "seafront dental")
    assert not {site["case_study"].title, site["other_evaluation"].title} & titles(reader)  # no page has both words

    search_for(reader, "seafront OR dental")
    assert reader.locator("#search-q").input_value() == "seafront OR dental"
    found = titles(reader)
    assert {site["case_study"].title, site["other_evaluation"].title} <= found
    assert site["evaluation"].title not in found  # neither word is in it
    if javascript:
        violations = axe_violations(reader)
        assert not violations, describe(violations)

    # Narrowing by type applies to both sides of the OR.
    reader.goto(f"{site['base']}/search/?q=seafront+OR+dental&type=evaluation")
    assert titles(reader) == {site["other_evaluation"].title}
