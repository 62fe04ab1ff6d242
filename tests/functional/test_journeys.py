"""Keyboard-only journeys, with JavaScript and without: search → choose an equity filter → open an evaluation →
reveal a glossary definition → send feedback on the page.

The search page's filters are used as built: checkboxes named `equity` with a submit button (the agreed contract),
or, if the page offers them as links, the link for the value.
"""

import pytest

from tests.functional.conftest import browser_db
from tests.functional.keyboard import assert_focus_seen, press_and_wait, tab_to

pytestmark = browser_db


def choose_equity_filter(page, label):
    checkbox = page.locator("input[type=checkbox][name=equity]")
    if checkbox.count():
        tab_to(page, "input[type=checkbox][name=equity]", limit=400)
        while label not in page.evaluate("() => document.activeElement.labels[0].textContent"):
            tab_to(page, "input[type=checkbox][name=equity]")
        page.keyboard.press("Space")
        tab_to(page, "main form button[type=submit], main form input[type=submit]")
        press_and_wait(page, "Enter")
    else:
        tab_to(page, "a[href*='equity=']", text=label, limit=400)
        press_and_wait(page, "Enter")


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
def test_search_filter_read_explain_and_give_feedback(site, open_page, javascript):
    evaluation = site["evaluation"]
    page = open_page(site["base"] + "/", javascript=javascript)

    # Search from the header.
    tab_to(page, "#search-field")
    page.keyboard.type("blood pressure")
    press_and_wait(page, "Enter")
    assert "/search/" in page.url and "q=blood" in page.url

    # Narrow the results to one group of people.
    choose_equity_filter(page, site["equity"].name)
    assert "equity=core20" in page.url, page.url

    # Open the evaluation from the results.
    tab_to(page, "main a", text=evaluation.title)
    press_and_wait(page, "Enter")
    assert page.url.endswith(evaluation.url)

    # Reveal what a word means, then close it again; the definition links to the word's page.
    tab_to(page, "button.glossary-term__toggle")
    definition_id = page.evaluate("() => document.activeElement.getAttribute('popovertarget')")
    definition = page.locator(f"[id='{definition_id}']")
    assert not definition.is_visible()
    page.keyboard.press("Enter")
    assert definition.is_visible()
    assert "More about" in definition.inner_text()
    page.keyboard.press("Tab")  # focus moves into the open definition, to its link
    assert page.evaluate("() => document.activeElement.closest('.glossary-term__definition') !== null")
    assert_focus_seen(page)
    page.keyboard.press("Escape")
    assert not definition.is_visible()

    # Say the page was helpful, with a comment, and send it.
    tab_to(page, "#feedback input[name=helpful]")
    page.keyboard.press("Space")
    tab_to(page, "#feedback textarea")
    page.keyboard.type("Clear and useful.")
    tab_to(page, "#feedback button[type=submit]")
    press_and_wait(page, "Enter")
    assert "feedback=thanks" in page.url
    assert page.get_by_role("heading", name="Thank you for your feedback").is_visible()
